package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapcheck/gapcheck/internal/golden"
)

// e2eArchive is the one end-to-end golden of gapcheck: the output of the CLI on the
// shipped profiles and policies, and of the diff on the fixture profiles. A fact
// corrected in a shipped profile, or a recommendation added, changes this file (go
// test ./internal/cli -update rewrites it) and the tests that pin that fact, and no
// other test.
var e2eArchive = filepath.Join(moduleRoot, "internal/cli/testdata/e2e.txtar")

// e2eGolden compares an end-to-end output with its section of the archive.
func e2eGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.CheckSection(t, e2eArchive, name, got)
}

// TestShippedEndToEnd runs the README's main commands on the shipped profiles and
// policies and pins what they print.
func TestShippedEndToEnd(t *testing.T) {
	for _, tt := range []struct {
		section string
		code    int
		args    []string
	}{
		{"gapcheck profiles/belgium.yaml", ExitFail, []string{"profiles/belgium.yaml"}},
		{"gapcheck --fail-on never profiles/", ExitOK, []string{"--fail-on", "never", "profiles/"}},
		{"gapcheck policies", ExitOK, []string{"policies"}},
		{"gapcheck explain prum-dna", ExitOK, []string{"explain", "prum-dna"}},
	} {
		t.Run(tt.section, func(t *testing.T) {
			got := run(t, moduleRoot, nil, tt.args...)
			if got.code != tt.code || got.stderr != "" {
				t.Fatalf("exit %d (want %d), stderr %q", got.code, tt.code, got.stderr)
			}
			e2eGolden(t, tt.section, got.stdout)
		})
	}
}

// TestReadmeExcerpts keeps the output excerpts in README.md true: every line of the
// first code block under a heading (but "$ ..." prompts and "..." elisions) must
// appear in the end-to-end output it was taken from.
func TestReadmeExcerpts(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(moduleRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for heading, section := range map[string]string{
		"## One state":        "gapcheck profiles/belgium.yaml",
		"## The EU-wide view": "gapcheck --fail-on never profiles/",
	} {
		lines := map[string]bool{}
		for _, l := range strings.Split(golden.Section(t, e2eArchive, section), "\n") {
			lines[strings.TrimRight(l, " ")] = true
		}
		_, text, ok := strings.Cut(string(readme), "\n"+heading+"\n")
		if !ok {
			t.Fatalf("README.md has no %q section", heading)
		}
		_, block, _ := strings.Cut(text, "```\n")
		block, _, _ = strings.Cut(block, "```")
		for _, l := range strings.Split(block, "\n") {
			l = strings.TrimRight(l, " ")
			if l == "" || l == "..." || strings.HasPrefix(l, "$ ") {
				continue
			}
			if !lines[l] {
				t.Errorf("README.md %s: line not in the output of %s (update the excerpt):\n%s", heading, section, l)
			}
		}
	}
}
