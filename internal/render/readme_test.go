package render

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeExcerpts keeps the output excerpts in README.md true: every line of the
// first code block under "## One state" and "## The EU-wide view" (but "$ ..."
// prompts and "..." elisions) must appear in the golden output it was taken from.
func TestReadmeExcerpts(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for heading, golden := range map[string]string{"## One state": "testdata/belgium.table", "## The EU-wide view": "testdata/all.table"} {
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		lines := map[string]bool{}
		for _, l := range strings.Split(string(want), "\n") {
			lines[strings.TrimRight(l, " ")] = true
		}
		_, section, ok := strings.Cut(string(readme), "\n"+heading+"\n")
		if !ok {
			t.Fatalf("README.md has no %q section", heading)
		}
		_, block, _ := strings.Cut(section, "```\n")
		block, _, _ = strings.Cut(block, "```")
		for _, l := range strings.Split(block, "\n") {
			l = strings.TrimRight(l, " ")
			if l == "" || l == "..." || strings.HasPrefix(l, "$ ") {
				continue
			}
			if !lines[l] {
				t.Errorf("README.md %s: line not in %s (update the excerpt):\n%s", heading, golden, l)
			}
		}
	}
}
