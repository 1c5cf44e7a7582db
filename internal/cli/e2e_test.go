package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gapcheck/gapcheck/internal/golden"
	"github.com/google/go-cmp/cmp"
)

// e2eArchive is the one end-to-end golden of gapcheck: the output of the CLI on the
// shipped profiles and policies, and of the diff on the fixture profiles. A fact
// corrected in a shipped profile, or a recommendation added, changes this file (go
// test ./internal/cli -update rewrites it, and the README's examples cut from it)
// and the tests that pin that fact (profiles/: TestMigration2016 pins every status
// at 2016-03-01), and no other test.
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
		{"gapcheck explain prum-dna profiles/denmark.yaml", ExitOK, []string{"explain", "prum-dna", "profiles/denmark.yaml"}},
		{"gapcheck --status gap,partial --severity critical,high profiles/", ExitFail, []string{"--status", "gap,partial", "--severity", "critical,high", "profiles/"}},
		{"gapcheck --at 2016-03-01 --fail-on never profiles/", ExitOK, []string{"--at", "2016-03-01", "--fail-on", "never", "profiles/"}},
		{"gapcheck timeline profiles/denmark.yaml", ExitOK, []string{"timeline", "profiles/denmark.yaml"}},
		{"gapcheck timeline --trend --dates 2016-03-01,2018-12-31,2020-12-31,2023-12-31,2025-06-30 profiles/", ExitOK, []string{"timeline", "--trend", "--dates", "2016-03-01,2018-12-31,2020-12-31,2023-12-31,2025-06-30", "profiles/"}},
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

// readmeExcerpt marks a code block of README.md as an excerpt of an end-to-end
// output: <!-- output: SECTION lines A-B[, C-D...] --> before the block. The block
// is "$ COMMAND", the chosen lines (trailing spaces cut) and "..." where lines are
// left out. -update rewrites the blocks from the archive, so the README's examples
// are generated like the golden and can never drift from what gapcheck prints.
var readmeExcerpt = regexp.MustCompile("(?m)^<!-- output: (.+?) lines ([0-9, -]+) -->\n```\n(?s:(.*?))```\n")

func TestReadmeExcerpts(t *testing.T) {
	path := filepath.Join(moduleRoot, "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	updated := readmeExcerpt.ReplaceAllStringFunc(string(readme), func(block string) string {
		m := readmeExcerpt.FindStringSubmatch(block)
		section, ranges, got := m[1], m[2], m[3]
		found++
		want := excerpt(t, section, ranges)
		if got != want && !golden.Updating() {
			t.Errorf("README.md: the excerpt of %q (lines %s) differs from the end-to-end output; run go test ./internal/cli -update (-want +got):\n%s",
				section, ranges, cmp.Diff(want, got))
		}
		return strings.Replace(block, "```\n"+got+"```", "```\n"+want+"```", 1)
	})
	if found < 2 {
		t.Errorf("README.md has %d output excerpts; want at least the one state and the EU-wide view", found)
	}
	if golden.Updating() && updated != string(readme) {
		if err := os.WriteFile(path, []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// excerpt is the README block for lines of an archive section: "$ " and the
// command, the lines (1-based, inclusive ranges), "..." for each gap and the end.
func excerpt(t *testing.T, section, ranges string) string {
	t.Helper()
	lines := strings.Split(golden.Section(t, e2eArchive, section), "\n")
	var b strings.Builder
	b.WriteString("$ " + section + "\n")
	last := 0
	for r := range strings.SplitSeq(ranges, ",") {
		from, to, _ := strings.Cut(strings.TrimSpace(r), "-")
		a, err1 := strconv.Atoi(from)
		if to == "" {
			to = from
		}
		z, err2 := strconv.Atoi(to)
		if err1 != nil || err2 != nil || a < 1 || z < a || z > len(lines) {
			t.Fatalf("README.md: bad lines %q for %q (%d lines)", r, section, len(lines))
		}
		if last > 0 && a > last+1 {
			b.WriteString("...\n")
		}
		for _, l := range lines[a-1 : z] {
			b.WriteString(strings.TrimRight(l, " ") + "\n")
		}
		last = z
	}
	if last < len(lines)-1 {
		b.WriteString("...\n")
	}
	return b.String()
}
