package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/render"
)

// This file proves that bad input never crashes gapcheck and never makes it lie:
// every class of broken profile, path, policy and waivers file ends in exit 2 with
// one exact message and nothing on stdout; the inputs are never written; the output
// does not depend on the order of paths or on GOMAXPROCS; a slow policy times out;
// a closed stdout ends the run quietly. The loader's own cases are in
// checker/profile_test.go, the config file's in TestConfigErrors, and checker's
// fuzz targets cover the rest.

// patched returns src with old replaced by new, once; old must be there.
func patched(t *testing.T, src, old, new string) string {
	t.Helper()
	if !strings.Contains(src, old) {
		t.Fatalf("the profile has no %q", old)
	}
	return strings.Replace(src, old, new, 1)
}

// aliasBomb is the "billion laughs": ten anchors, each a list of nine aliases of
// the one before. Expanded, it would be a billion strings.
func aliasBomb() (src, want string) {
	var b, w strings.Builder
	b.WriteString("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	w.WriteString("gapcheck: bomb.yaml:1:4: a: anchor &a: anchors and aliases are not allowed in profiles; write each fact out\n")
	for i := 'b'; i <= 'j'; i++ {
		alias := "*" + string(i-1)
		fmt.Fprintf(&b, "%c: &%c [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(alias+",", 9), ","))
		fmt.Fprintf(&w, "gapcheck: bomb.yaml:%d:4: %c: anchor &%c: anchors and aliases are not allowed in profiles; write each fact out\n", i-'a'+1, i, i)
	}
	return b.String(), w.String()
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links on this system: %v", err)
	}
}

// TestBadProfiles gives every class of bad profile input to check and to validate:
// both exit 2, print nothing on stdout and print exactly one message, positioned
// where the problem has a position.
func TestBadProfiles(t *testing.T) {
	be := belgiumSource(t)
	bomb, bombWant := aliasBomb()
	tests := []struct {
		name   string
		files  map[string]string
		setup  func(t *testing.T, dir string)
		args   []string
		stderr string
	}{
		// Paths.
		{name: "path does not exist, next to one that does",
			files: map[string]string{"belgium.yaml": be}, args: []string{"belgium.yaml", "gone/france.yaml"},
			stderr: "gapcheck: read gone/france.yaml: no such file or directory\n"},
		{name: "FIFO in a directory of profiles",
			files: map[string]string{"profiles/belgium.yaml": be},
			setup: func(t *testing.T, dir string) { mkfifo(t, filepath.Join(dir, "profiles/pipe.yaml")) }, args: []string{"profiles"},
			stderr: "gapcheck: read profiles/pipe.yaml: not a regular file\n"},
		{name: "link to a device in a directory of profiles",
			setup: func(t *testing.T, dir string) { symlink(t, os.DevNull, filepath.Join(dir, "profiles/null.yaml")) }, args: []string{"profiles"},
			stderr: "gapcheck: read profiles/null.yaml: not a regular file\n"},
		{name: "symlink loop given as a profile",
			setup: func(t *testing.T, dir string) {
				symlink(t, "b.yaml", filepath.Join(dir, "a.yaml"))
				symlink(t, "a.yaml", filepath.Join(dir, "b.yaml"))
			},
			args: []string{"a.yaml"}, stderr: "gapcheck: read a.yaml: too many levels of symbolic links\n"},
		{name: "symlink loop in a directory of profiles",
			files: map[string]string{"profiles/belgium.yaml": be},
			setup: func(t *testing.T, dir string) {
				symlink(t, "b.yaml", filepath.Join(dir, "profiles/a.yaml"))
				symlink(t, "a.yaml", filepath.Join(dir, "profiles/b.yaml"))
			},
			args: []string{"profiles"}, stderr: "gapcheck: read profiles/a.yaml: too many levels of symbolic links\n"},
		{name: "empty directory",
			setup: func(t *testing.T, dir string) { os.Mkdir(filepath.Join(dir, "none"), 0o755) }, args: []string{"none"},
			stderr: "gapcheck: none: no profiles found: want *.yaml or *.yml files in it\n"},
		{name: "directory with hidden profiles only",
			files: map[string]string{"drafts/.belgium.yaml": be, "drafts/.git/belgium.yaml": be, "drafts/notes.txt": be},
			args:  []string{"drafts"}, stderr: "gapcheck: drafts: no profiles found: want *.yaml or *.yml files in it\n"},
		{name: "same country in two directories, given in reverse order",
			files: map[string]string{"be/belgium.yaml": be, "copy/belgie.yaml": be}, args: []string{"copy/belgie.yaml", "be"},
			stderr: "gapcheck: copy/belgie.yaml:6:10: country: country BE is also profiled in be/belgium.yaml; want one profile per state, or a unit for each part of a state\n"},
		{name: "huge file",
			files: map[string]string{"huge.yaml": be + "# " + strings.Repeat("x", checker.DefaultMaxProfileSize) + "\n"}, args: []string{"huge.yaml"},
			stderr: "gapcheck: huge.yaml: profile is larger than the limit of 1048576 bytes\n"},

		// Files that are not one YAML mapping.
		{name: "empty file", files: map[string]string{"empty.yaml": ""}, args: []string{"empty.yaml"},
			stderr: "gapcheck: empty.yaml: empty profile: want a mapping with country, name, as_of, sources and participation\n"},
		{name: "only comments", files: map[string]string{"c.yaml": be[:strings.Index(be, "country:")]}, args: []string{"c.yaml"},
			stderr: "gapcheck: c.yaml: empty profile: want a mapping with country, name, as_of, sources and participation\n"},
		{name: "not YAML", files: map[string]string{"x.yaml": "{\"country\": \"BE\",\n"}, args: []string{"x.yaml"},
			stderr: "gapcheck: x.yaml:1: invalid YAML: did not find expected node content\n"},
		{name: "a list", files: map[string]string{"x.yaml": "- " + strings.ReplaceAll(be[strings.Index(be, "country:"):], "\n", "\n  ")}, args: []string{"x.yaml"},
			stderr: "gapcheck: x.yaml:1:1: a profile is a mapping of keys to values, not a list\n"},
		{name: "multi-document", files: map[string]string{"two.yaml": be + "---\n" + be}, args: []string{"two.yaml"},
			stderr: "gapcheck: two.yaml:166:1: more than one YAML document; want one profile per file\n"},
		{name: "invalid UTF-8", files: map[string]string{"latin1.yaml": patched(t, be, "Prüm Treaty", "Pr\xfcm Treaty")}, args: []string{"latin1.yaml"},
			stderr: "gapcheck: latin1.yaml:85:23: invalid UTF-8; want a UTF-8 text file\n"},
		{name: "control character", files: map[string]string{"bell.yaml": patched(t, be, "name: Belgium", "name: Bel\agium")}, args: []string{"bell.yaml"},
			stderr: "gapcheck: bell.yaml:7:10: character U+0007 is not allowed; want printable text\n"},
		{name: "a directory link that loops", setup: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "profiles/belgium.yaml"), be)
			symlink(t, "..", filepath.Join(dir, "profiles/again"))
		}, args: []string{"profiles"}, stderr: "gapcheck: read profiles/again/profiles: symbolic links loop back to a directory above\n"},
		{name: "alias bomb", files: map[string]string{"bomb.yaml": bomb}, args: []string{"bomb.yaml"}, stderr: bombWant},
		{name: "deep nesting", files: map[string]string{"deep.yaml": patched(t, be, "    note: The Passenger", "    note: "+strings.Repeat("[", 40)+strings.Repeat("]", 40)+" # The Passenger")}, args: []string{"deep.yaml"},
			stderr: "gapcheck: deep.yaml:137:41: pnr.piu.note[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nested deeper than 32 levels\n"},
		{name: "nesting past the YAML parser's limit", files: map[string]string{"deeper.yaml": "a: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n"}, args: []string{"deeper.yaml"},
			stderr: "gapcheck: deeper.yaml: invalid YAML: exceeded max depth of 10000\n"},
		{name: "tab indentation", files: map[string]string{"tabs.yaml": patched(t, be, "\n  piu:\n", "\n\tpiu:\n")}, args: []string{"tabs.yaml"},
			stderr: "gapcheck: tabs.yaml:132:1: invalid YAML: tab in indentation; indent with spaces\n"},

		// Mappings that are not a valid profile.
		{name: "duplicate key", files: map[string]string{"dup.yaml": patched(t, be, "name: Belgium\n", "name: Belgium\nname: Belgique\n")}, args: []string{"dup.yaml"},
			stderr: "gapcheck: dup.yaml:8:1: name: duplicate key; first defined at line 7, column 1\n"},
		{name: "unknown key", files: map[string]string{"typo.yaml": patched(t, be, "  piu:\n", "  pui:\n")}, args: []string{"typo.yaml"},
			stderr: "gapcheck: typo.yaml:132:3: pnr.pui: unknown key (did you mean \"piu\"?); want one of legislation, piu\n"},
		{name: "wrong type", files: map[string]string{"type.yaml": patched(t, be, "    inferred: true\n", "    inferred: \"true\"\n")}, args: []string{"type.yaml"},
			stderr: "gapcheck: type.yaml:127:15: pnr.legislation.inferred: wrong type: got string; want boolean\n"},
		{name: "bad enum value", files: map[string]string{"enum.yaml": patched(t, be, "    status: none\n", "    status: nothing\n")}, args: []string{"enum.yaml"},
			stderr: "gapcheck: enum.yaml:125:13: pnr.legislation.status: invalid value \"nothing\"; want one of in_force, adopted, drafting, none, unknown\n"},
		{name: "bad date", files: map[string]string{"date.yaml": patched(t, be, "as_of: 2016-03-01", "as_of: 2016-02-30")}, args: []string{"date.yaml"},
			stderr: "gapcheck: date.yaml:8:8: as_of: invalid date \"2016-02-30\"; want a calendar date as YYYY-MM-DD\n"},
		{name: "undeclared source", files: map[string]string{"src.yaml": patched(t, be, "    sources: [P8x]\n    note: The", "    sources: [P8y]\n    note: The")}, args: []string{"src.yaml"},
			stderr: "gapcheck: src.yaml:136:15: pnr.piu.sources[0]: source \"P8y\" is not declared; want the id of an entry under sources\n"},
		{name: "not an ISO 3166-1 country", files: map[string]string{"bx.yaml": patched(t, be, "country: BE", "country: BX")}, args: []string{"bx.yaml"},
			stderr: "gapcheck: bx.yaml:6:10: country: \"BX\" is not an ISO 3166-1 alpha-2 country code\n"},
		{name: "problems in two files are all reported, in path order",
			files: map[string]string{"b.yaml": patched(t, be, "country: BE", "country: BX"), "a.yaml": patched(t, be, "as_of: 2016-03-01", "as_of: 2016-02-30")}, args: []string{"b.yaml", "a.yaml"},
			stderr: "gapcheck: a.yaml:8:8: as_of: invalid date \"2016-02-30\"; want a calendar date as YYYY-MM-DD\ngapcheck: b.yaml:6:10: country: \"BX\" is not an ISO 3166-1 alpha-2 country code\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, src := range tt.files {
				writeFile(t, filepath.Join(dir, name), src)
			}
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			for _, cmd := range []string{"check", "validate"} {
				got := run(t, dir, nil, append([]string{cmd}, tt.args...)...)
				if got.code != ExitInvalid || got.stdout != "" || got.stderr != tt.stderr {
					t.Errorf("gapcheck %s: exit %d, stdout %.60q\nstderr: %q\n  want: %q", cmd, got.code, got.stdout, got.stderr, tt.stderr)
				}
			}
		})
	}
}

// TestUnreadableProfile needs a file its user cannot read, which root always can:
// as root it is skipped, and TestBadProfiles' FIFO and device cases cover files
// that cannot be read as profiles.
func TestUnreadableProfile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads a file whatever its mode")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "profiles/belgium.yaml"), belgiumSource(t))
	if err := os.Chmod(filepath.Join(dir, "profiles/belgium.yaml"), 0); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"profiles"}, {"validate", "profiles/belgium.yaml"}} {
		got := run(t, dir, nil, args...)
		want := "gapcheck: open profiles/belgium.yaml: permission denied\n"
		if got.code != ExitInvalid || got.stdout != "" || got.stderr != want {
			t.Errorf("%v: exit %d, stdout %.60q\nstderr: %q\n  want: %q", args, got.code, got.stdout, got.stderr, want)
		}
	}
}

// TestProfileFromPipe checks that a pipe named as a path is read, as in
// gapcheck validate <(git show HEAD:profiles/belgium.yaml).
func TestProfileFromPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	name := fmt.Sprintf("/dev/fd/%d", r.Fd())
	if _, err := os.Stat(name); err != nil {
		t.Skipf("no %s on this system", name)
	}
	if _, err := io.WriteString(w, belgiumSource(t)); err != nil { // the profile fits in the pipe's buffer
		t.Fatal(err)
	}
	w.Close()
	got := run(t, t.TempDir(), nil, "validate", name)
	if got.code != ExitOK || got.stdout != "1 profile(s) valid; no policy evaluated\n" || got.stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", got.code, got.stdout, got.stderr)
	}
}

// TestAcceptedProfileVariants checks inputs that are unusual but fine: each gives
// the very report of the plain profile.
func TestAcceptedProfileVariants(t *testing.T) {
	be := belgiumSource(t)
	plain := t.TempDir()
	writeFile(t, filepath.Join(plain, "profiles/belgium.yaml"), be)
	want := run(t, plain, nil, "--format", "json", "--fail-on", "never", "profiles/belgium.yaml").stdout
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		args  []string
	}{
		{"UTF-8 byte order mark", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, "profiles/belgium.yaml"), "\ufeff"+be) }, []string{"profiles/belgium.yaml"}},
		{"CRLF line ends", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "profiles/belgium.yaml"), strings.ReplaceAll(be, "\n", "\r\n"))
		}, []string{"profiles/belgium.yaml"}},
		{"the same file under three names", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, "profiles/belgium.yaml"), be) },
			[]string{"profiles", "./profiles/belgium.yaml", "profiles//belgium.yaml"}},
		{"a link to the directory of profiles", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "shared/belgium.yaml"), be)
			symlink(t, "shared", filepath.Join(dir, "profiles"))
		}, []string{"profiles"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.setup(t, dir)
			got := run(t, dir, nil, append([]string{"--format", "json", "--fail-on", "never"}, tt.args...)...)
			if got.code != ExitOK || got.stderr != "" {
				t.Fatalf("exit %d: %s", got.code, got.stderr)
			}
			if diff := cmp.Diff(want, got.stdout); diff != "" {
				t.Errorf("report differs from the plain profile's (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBadWaiversFile checks that a malformed --waivers file stops the run before
// any report, with its position.
func TestBadWaiversFile(t *testing.T) {
	tests := []struct{ name, src, stderr string }{
		{"a waiver that is not a mapping", "waivers:\n  - pnr-legislation\n",
			"gapcheck: w.yaml:2:5: waivers[0]: a waiver is a mapping with country, expires, justification, owner, recommendation, not a single value\n"},
		{"not YAML", "waivers: [\n", "gapcheck: w.yaml:1: invalid YAML: did not find expected node content\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
			writeFile(t, filepath.Join(dir, "w.yaml"), tt.src)
			got := run(t, dir, nil, "--waivers", "w.yaml", "belgium.yaml")
			if got.code != ExitInvalid || got.stdout != "" || got.stderr != tt.stderr {
				t.Errorf("exit %d, stdout %.60q\nstderr: %q\n  want: %q", got.code, got.stdout, got.stderr, tt.stderr)
			}
		})
	}
}

// policyMeta is the METADATA every recommendation needs.
const policyMeta = `# METADATA
# title: Test recommendation
# description: A test.
# related_resources:
#   - ref: https://example.org/basis
# custom:
#   severity: high
#   legal_basis: Test Act
#   reads: [prum.dna]
package gapcheck.rules.x.y

`

// TestBadPolicies gives every class of bad --policy directory: exit 2 with
// file:line, never a report. (A syntax error is in TestExitCodes.)
func TestBadPolicies(t *testing.T) {
	tests := []struct {
		name, rego, stderr string
	}{
		{"strict-mode error", policyMeta + "result := 1 if {\n\tx := 2\n}\n",
			"gapcheck: compile policies: pol/x.rego:13:2: assigned var x unused\n"},
		{"conflict at run time", policyMeta + `result := {"status": "met", "message": "a", "paths": ["prum.dna"]} if input.country == "BE"

result := {"status": "gap", "message": "b", "paths": ["prum.dna"]} if input.name == "Belgium"
`, "gapcheck: evaluate belgium.yaml: pol/x.rego:14:1: rule data.gapcheck.rules.x.y.result produced conflicting values:\n" +
			"  {\"message\": \"a\", \"paths\": [\"prum.dna\"], \"status\": \"met\"} at pol/x.rego:12\n" +
			"  {\"message\": \"b\", \"paths\": [\"prum.dna\"], \"status\": \"gap\"} at pol/x.rego:14 (eval_conflict_error)\n"},
		{"builtin error at run time", policyMeta + "result := {\"status\": \"gap\", \"message\": \"m\", \"paths\": [\"prum.dna\"], \"n\": to_number(input.name)}\n",
			"gapcheck: evaluate belgium.yaml: pol/x.rego:12:73: to_number: strconv.ParseFloat: parsing \"Belgium\": invalid syntax (eval_builtin_error)\n"},
		{"missing metadata", "package gapcheck.rules.x.y\n\nresult := 1\n",
			"gapcheck: read recommendation metadata: pol/x.rego:1:1: recommendation x-y: no package METADATA; want title, description, related_resources and custom severity, legal_basis and reads\n"},
		{"refused builtin http.send", policyMeta + "result := http.send({\"method\": \"get\", \"url\": \"http://127.0.0.1\"})\n",
			"gapcheck: compile policies: pol/x.rego:12:11: undefined function http.send\n"},
		{"refused builtin net.lookup_ip_addr", policyMeta + "result := net.lookup_ip_addr(\"example.org\")\n",
			"gapcheck: compile policies: pol/x.rego:12:11: undefined function net.lookup_ip_addr\n"},
		{"refused builtin opa.runtime (the environment)", policyMeta + "result := opa.runtime().env.HOME\n",
			"gapcheck: compile policies: pol/x.rego:12:11: undefined function opa.runtime\n"},
		{"refused builtin time.now_ns", policyMeta + "result := time.now_ns()\n",
			"gapcheck: compile policies: pol/x.rego:12:11: undefined function time.now_ns\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
			writeFile(t, filepath.Join(dir, "pol/x.rego"), tt.rego)
			got := run(t, dir, nil, "--policy", "pol", "belgium.yaml")
			if got.code != ExitInvalid || got.stdout != "" || got.stderr != tt.stderr {
				t.Errorf("exit %d, stdout %.60q\nstderr: %q\n  want: %q", got.code, got.stdout, got.stderr, tt.stderr)
			}
		})
	}
}

// TestNoSilentPass checks that a run that could not judge everything fails with
// exit 2, even when the report is printed. (Zero profiles is TestBadProfiles' empty
// directory; zero recommendations cannot be reached from the command line, whose
// embedded recommendations are always loaded: checker.TestNoRecommendations.)
func TestNoSilentPass(t *testing.T) {
	e, err := checker.NewEngine(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	all := len(e.Recommendations())
	tests := []struct {
		name, file, rego string
		errors           int
	}{
		{"entrypoint replaced by an empty map", "main.rego", "package gapcheck.main\n\nfindings := {}\n", all},
		{"a result with an invalid status", "x.rego", policyMeta + "result := {\"status\": \"fine\", \"message\": \"m\", \"paths\": [\"prum.dna\"]}\n", 1},
		{"a rule that is never defined", "x.rego", policyMeta + "result := 1 if input.country == \"FR\"\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
			writeFile(t, filepath.Join(dir, "pol", tt.file), tt.rego)
			got := run(t, dir, nil, "--policy", "pol", "--fail-on", "never", "--format", "json", "belgium.yaml")
			want := fmt.Sprintf("gapcheck: %d finding(s) could not be evaluated; see status \"error\" in the report\n", tt.errors)
			if got.code != ExitInvalid || got.stderr != want {
				t.Errorf("exit %d\nstderr: %q\n  want: %q", got.code, got.stderr, want)
			}
			var doc struct {
				Reports []struct {
					Summary struct{ Counts struct{ Error int } }
				}
			}
			if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil || len(doc.Reports) != 1 || doc.Reports[0].Summary.Counts.Error != tt.errors {
				t.Errorf("the report should show %d error finding(s): %v %.200s", tt.errors, err, got.stdout)
			}
		})
	}
}

// TestTimeout checks that a policy that runs too long stops the run with a clear
// message naming the profile, and no report.
func TestTimeout(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	writeFile(t, filepath.Join(dir, "pol/x.rego"), policyMeta+`result := {"status": "unknown", "message": "slow", "paths": ["prum.dna"]} if {
	count([x | some x in numbers.range(1, 100000000); x % 7 == 0]) > 0
}
`)
	got := run(t, dir, nil, "--policy", "pol", "--timeout", "50ms", "belgium.yaml")
	want := "gapcheck: evaluate belgium.yaml: evaluation took longer than the limit of 50ms\n"
	if got.code != ExitInvalid || got.stdout != "" || got.stderr != want {
		t.Errorf("exit %d, stdout %.60q\nstderr: %q\n  want: %q", got.code, got.stdout, got.stderr, want)
	}
}

// snapshot records every file under dir: its bytes and its modification time.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out[path] = fmt.Sprintf("%s %s", info.ModTime().Format(time.RFC3339Nano), b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// copyTree copies the regular files under src to dst, dating them an hour back so
// that any write would change their modification time.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(dst, rel), string(b))
		return os.Chtimes(filepath.Join(dst, rel), old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestNeverWritesInputs runs check, in every format, and validate over a copy of
// the shipped profiles and a policy directory, and checks that every file is left
// byte for byte, and time for time, as it was.
func TestNeverWritesInputs(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(moduleRoot, "profiles"), filepath.Join(dir, "profiles"))
	copyTree(t, filepath.Join(moduleRoot, "policies/gapcheck/rules/prum"), filepath.Join(dir, "pol"))
	before := snapshot(t, dir)
	runs := [][]string{{"validate", "profiles"}, {"--policy", "pol", "profiles"}}
	for _, f := range render.Names() {
		runs = append(runs, []string{"--format", f, "profiles"})
	}
	for _, args := range runs {
		if got := run(t, dir, nil, args...); got.code != ExitOK && got.code != ExitFail {
			t.Fatalf("%v: exit %d: %s", args, got.code, got.stderr)
		}
	}
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Errorf("inputs changed (-before +after):\n%s", diff)
	}
}

// TestDeterministicOutput runs the whole shipped profile set with the paths in
// several orders (a fixed seed, so that a failure can be replayed) and with
// GOMAXPROCS 1 and 2, and wants the same bytes every time, in every format: the
// table on stdout and the others through --output.
func TestDeterministicOutput(t *testing.T) {
	root := moduleRoot
	files, err := filepath.Glob(filepath.Join(root, "profiles/*.yaml"))
	if err != nil || len(files) < 2 {
		t.Fatalf("shipped profiles: %v, %v", files, err)
	}
	for i, f := range files {
		files[i], _ = filepath.Rel(root, f)
	}
	rng := rand.New(rand.NewPCG(6, 2016))
	orders := [][]string{{"profiles"}, {"./profiles/", files[len(files)-1], files[0]}}
	for range 3 {
		order := append([]string(nil), files...)
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		orders = append(orders, order)
	}
	reversed := append([]string(nil), files...)
	sort.Sort(sort.Reverse(sort.StringSlice(reversed)))
	orders = append(orders, reversed)

	out := t.TempDir()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var want map[string]string
	for i, order := range orders {
		procs := 1 + i%2
		runtime.GOMAXPROCS(procs)
		args := []string{"--format", render.FormatTable, "--fail-on", "never"}
		for _, f := range render.Names() {
			args = append(args, "--output", fmt.Sprintf("%s=%s", f, filepath.Join(out, fmt.Sprintf("%d.%s", i, f))))
		}
		got := run(t, root, nil, append(args, order...)...)
		if got.code != ExitOK || got.stderr != "gapcheck: policies: embedded, gapcheck (devel)\n" { // csv names them there
			t.Fatalf("exit %d: %s", got.code, got.stderr)
		}
		outputs := map[string]string{"stdout": got.stdout}
		for _, f := range render.Names() {
			b, err := os.ReadFile(filepath.Join(out, fmt.Sprintf("%d.%s", i, f)))
			if err != nil {
				t.Fatal(err)
			}
			outputs[f] = string(b)
		}
		if i == 0 {
			want = outputs
			continue
		}
		for name, text := range outputs {
			if diff := cmp.Diff(want[name], text); diff != "" {
				t.Errorf("%s with paths in order %d (GOMAXPROCS %d, %s ...) differs (-first +this):\n%s", name, i, procs, strings.Join(order[:min(3, len(order))], " "), diff)
			}
		}
	}
}

// closedPipe is a stdout whose reader has gone.
type closedPipe struct{}

func (closedPipe) Write([]byte) (int, error) {
	return 0, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.EPIPE}
}

// TestClosedStdoutInProcess checks that Main ends quietly, with ExitBrokenPipe,
// when stdout fails with EPIPE, in every format.
func TestClosedStdoutInProcess(t *testing.T) {
	dir := moduleRoot
	for _, f := range render.Names() {
		t.Chdir(dir)
		var stderr bytes.Buffer
		streams := IOStreams{In: strings.NewReader(""), Out: closedPipe{}, ErrOut: &stderr, Getenv: func(string) string { return "" }}
		if code := Main([]string{"--format", f, "profiles"}, streams); code != ExitBrokenPipe || stderr.Len() > 0 {
			t.Errorf("%s: exit %d, stderr %q; want %d and nothing", f, code, stderr.String(), ExitBrokenPipe)
		}
	}
}

// TestClosedStdout builds gapcheck and runs it with stdout connected to a pipe
// whose reader has gone, at once or after the first bytes (gapcheck profiles/ |
// head -c 10): it ends quietly, nothing on stderr, with the status of a filter
// killed by SIGPIPE.
func TestClosedStdout(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if runtime.GOOS == "windows" {
		t.Skip("no SIGPIPE on Windows")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build gapcheck")
	}
	bin := filepath.Join(t.TempDir(), "gapcheck")
	if out, err := exec.Command(gobin, "build", "-o", bin, "github.com/gapcheck/gapcheck/cmd/gapcheck").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, readFirst := range []int{0, 10} {
		t.Run(fmt.Sprintf("reader reads %d bytes", readFirst), func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd := exec.Command(bin, "--format", "json", "--fail-on", "never", "profiles")
			cmd.Dir, cmd.Stdout, cmd.Stderr = moduleRoot, w, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			w.Close()
			if _, err := io.ReadFull(r, make([]byte, readFirst)); err != nil {
				t.Fatal(err)
			}
			r.Close()
			err = cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != ExitBrokenPipe {
				t.Errorf("got %v; want exit status %d", err, ExitBrokenPipe)
			}
			if stderr.Len() > 0 {
				t.Errorf("stderr should be empty, got %q", stderr.String())
			}
		})
	}
}
