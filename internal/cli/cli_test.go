package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gapcheck/gapcheck/checker"
)

type result struct {
	code           int
	stdout, stderr string
}

// run runs gapcheck in-process, from dir, with no terminal and the given environment.
func run(t *testing.T, dir string, env map[string]string, args ...string) result {
	t.Helper()
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	streams := IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(k string) string { return env[k] }}
	code := Main(args, streams)
	return result{code, out.String(), errOut.String()}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fixtureProfile is a frozen profile of testdata/profiles (see its README): the
// tests patch it at known lines, so it must not move when a shipped profile does.
func fixtureProfile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(moduleRoot, "internal/cli/testdata/profiles", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func belgiumSource(t *testing.T) string { return fixtureProfile(t, "belgium.yaml") }

// moduleRoot is the absolute path of the module (where the shipped profiles
// are), found before a test changes directory.
var moduleRoot = func() string {
	abs, err := filepath.Abs("../..")
	if err != nil {
		panic(err)
	}
	return abs
}()

// TestExitCodes pins arguments -> exit code and stderr.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	writeFile(t, filepath.Join(dir, "dup/a.yaml"), belgiumSource(t))
	writeFile(t, filepath.Join(dir, "dup/b.yaml"), belgiumSource(t))
	writeFile(t, filepath.Join(dir, "broken.yaml"), strings.Replace(belgiumSource(t), "status: authorised", "status: maybe", 1))
	writeFile(t, filepath.Join(dir, "empty/README.txt"), "no profiles here\n")
	writeFile(t, filepath.Join(dir, "badpolicy/x.rego"), "package gapcheck.rules.x.y\n\nresult := {\n")
	writeFile(t, filepath.Join(dir, "midpolicy/x.rego"), "package gapcheck.rules.x.y\n\nresult if {\n\tinput.a = 1 +\n}\n")
	writeFile(t, filepath.Join(dir, "typepolicy/x.rego"), "package gapcheck.rules.x.y\n\nresult if {\n\tcount(1, 2)\n}\n")

	tests := []struct {
		name       string
		args       []string
		code       int
		stderr     string // exact, or a prefix when it ends in "…"
		stdoutHas  string
		stdoutNone bool
	}{
		{"gaps fail by default", []string{"belgium.yaml"}, 1, "", "pnr-legislation", false},
		{"check alias", []string{"check", "belgium.yaml"}, 1, "", "pnr-legislation", false},
		{"fail-on never", []string{"--fail-on", "never", "belgium.yaml"}, 0, "", "Belgium", false},
		{"fail-on above every gap", []string{"--fail-on", "critical", "belgium.yaml"}, 0, "", "", false},
		{"fail-on-unknown", []string{"--fail-on", "critical", "--fail-on-unknown", "belgium.yaml"}, 1, "", "", false},
		{"bad fail-on", []string{"--fail-on", "severe", "belgium.yaml"}, 2, "gapcheck: --fail-on: invalid severity \"severe\": want one of critical, high, medium, low or never\n", "", true},
		{"unknown format", []string{"-f", "yaml", "belgium.yaml"}, 2, "gapcheck: unknown format \"yaml\": want one of csv, csv-matrix, github, html, json, junit, markdown, sarif, table\n", "", true},
		{"no paths", nil, 2, "gapcheck: no profile given: want one or more profile files or directories\n", "", true},
		{"missing path", []string{"nope.yaml"}, 2, "gapcheck: read nope.yaml: no such file or directory\n", "", true},
		{"directory without profiles", []string{"empty"}, 2, "gapcheck: empty: no profiles found: want *.yaml or *.yml files in it\n", "", true},
		{"invalid profile", []string{"broken.yaml"}, 2, "gapcheck: broken.yaml:76:13: prum.fingerprints.status: invalid value \"maybe\"; want one of operational, authorised, not_operational, unknown\n", "", true},
		{"same state twice", []string{"dup"}, 2, "gapcheck: dup/b.yaml:6:10: country: country BE is also profiled in dup/a.yaml; want one profile per state, or a unit for each part of a state\n", "", true},
		{"broken policy", []string{"--policy", "badpolicy", "belgium.yaml"}, 2, "gapcheck: load policies: badpolicy/x.rego:4: unexpected eof token\n\tresult := {\n\t          ^\ngapcheck: badpolicy/x.rego:4: unexpected eof token: expected rule value term (e.g., result := <VALUE> { ... })\n", "", true},
		{"syntax error with its line and column", []string{"--policy", "midpolicy", "belgium.yaml"}, 2, "gapcheck: load policies: midpolicy/x.rego:5:1: unexpected } token\n\t}\n\t^\n", "", true},
		{"type error with what it has and wants", []string{"--policy", "typepolicy", "belgium.yaml"}, 2, "gapcheck: compile policies: typepolicy/x.rego:4:2: count: invalid argument(s)\n\thave: (number, number)\n\twant: (collection: any<...>, n: number)\n", "", true},
		{"unknown flag", []string{"--frmat", "json"}, 2, "gapcheck: unknown flag: --frmat (see gapcheck --help)\n", "", true},
		{"validate", []string{"validate", "belgium.yaml"}, 0, "", "1 profile(s) valid", false},
		{"validate invalid", []string{"validate", "broken.yaml", "belgium.yaml"}, 2, "gapcheck: broken.yaml:76:13: prum.fingerprints.status: invalid value \"maybe\"; want one of operational, authorised, not_operational, unknown\n", "", true},
		{"version", []string{"version"}, 0, "", "gapcheck ", false},
		{"version flag", []string{"--version"}, 0, "", "gapcheck (devel) (OPA ", false},
		{"empty path", []string{""}, 2, "gapcheck: an empty path was given: want a profile file or directory\n", "", true},
		{"timeout zero", []string{"--timeout", "0s", "belgium.yaml"}, 2, "gapcheck: --timeout 0s: want a positive duration, such as 10s\n", "", true},
		{"mistyped command", []string{"vresion"}, 2, "gapcheck: unknown command or file \"vresion\" (did you mean \"gapcheck version\"?)\n", "", true},
		{"help documents exit codes", []string{"--help"}, 0, "", "Exit codes:\n  0  no finding", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, dir, nil, tt.args...)
			if got.code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", got.code, tt.code, got.stderr)
			}
			if got.stderr != tt.stderr {
				t.Errorf("stderr:\n got: %q\nwant: %q", got.stderr, tt.stderr)
			}
			if tt.stdoutNone && got.stdout != "" {
				t.Errorf("stdout should be empty on error, got %q", got.stdout)
			}
			if !strings.Contains(got.stdout, tt.stdoutHas) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdoutHas, got.stdout)
			}
		})
	}
}

func TestJSONContract(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "profiles/belgium.yaml"), belgiumSource(t))
	got := run(t, dir, nil, "--format", "json", "--fail-on", "never", "profiles/belgium.yaml")
	if got.code != 0 {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	var doc struct {
		Version int `json:"version"`
		Reports []struct {
			Profile  map[string]string `json:"profile"`
			Findings []struct {
				ID, Status string
				Location   struct{ File string }
			} `json:"findings"`
			Summary struct{ Total int } `json:"summary"`
		} `json:"reports"`
	}
	if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 2 || len(doc.Reports) != 1 || doc.Reports[0].Profile["country"] != "BE" ||
		doc.Reports[0].Summary.Total != len(doc.Reports[0].Findings) || doc.Reports[0].Findings[0].Location.File != "profiles/belgium.yaml" {
		t.Errorf("unexpected document: %+v", doc)
	}
}

// TestConfigPrecedence proves flag > GAPCHECK_* environment > .gapcheck.yaml > default,
// using --format as the setting.
func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	isJSON := func(r result) bool { return strings.HasPrefix(r.stdout, "{") }
	isMarkdown := func(r result) bool {
		return strings.HasPrefix(r.stdout, "Policies: `embedded, gapcheck (devel)`.\n\n## ")
	}

	if r := run(t, dir, nil, "--fail-on", "never", "belgium.yaml"); isJSON(r) || isMarkdown(r) {
		t.Error("default should be the table")
	}
	writeFile(t, filepath.Join(dir, ".gapcheck.yaml"), "format: markdown\nfail-on: never\n")
	if r := run(t, dir, nil, "belgium.yaml"); !isMarkdown(r) || r.code != 0 {
		t.Errorf("config file should select markdown and fail-on never: exit %d %.40q", r.code, r.stdout)
	}
	env := map[string]string{"GAPCHECK_FORMAT": "json"}
	if r := run(t, dir, env, "belgium.yaml"); !isJSON(r) {
		t.Errorf("environment should beat the config file: %.40q", r.stdout)
	}
	if r := run(t, dir, env, "--format", "markdown", "belgium.yaml"); !isMarkdown(r) {
		t.Errorf("a flag should beat the environment: %.40q", r.stdout)
	}
}

func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	tests := []struct{ name, file, args, want string }{
		{"unknown key", "format: json\nfial-on: never\n", "", "gapcheck: .gapcheck.yaml:2:1: unknown setting \"fial-on\" (did you mean \"fail-on\"?); want one of at, base, fail-on, fail-on-unknown, format, max-evidence-age, no-color, output, policy, recommendation, severity, status, timeout, waivers\n"},
		{"not yaml", "format: [json\n", "", "gapcheck: .gapcheck.yaml:1: invalid YAML: did not find expected ',' or ']'\n"},
		{"not a mapping", "- json\n", "", "gapcheck: .gapcheck.yaml:1:1: a config file is a mapping of settings to values\n"},
		{"bad value", "timeout: soon\n", "", "gapcheck: .gapcheck.yaml:1:1: timeout: time: invalid duration \"soon\"\n"},
		{"a mapping for a list", "policy:\n  dir: x\n", "", "gapcheck: .gapcheck.yaml:2:3: policy: got a mapping; want a value or a list of values\n"},
		{"a mapping for a value", "output: {json: x.json}\n", "", "gapcheck: .gapcheck.yaml:1:9: output: got a mapping; want a value or a list of values\n"},
		{"a control character", "format: \"js\\eon\"\n", "", "gapcheck: .gapcheck.yaml:1:9: format: character U+001B is not allowed (a control, separator or direction character, written through an escape); want printable text\n"},
		{"missing explicit config", "", "--config=missing.yaml", "gapcheck: read config: open missing.yaml: no such file or directory\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(filepath.Join(dir, ".gapcheck.yaml"))
			if tt.file != "" {
				writeFile(t, filepath.Join(dir, ".gapcheck.yaml"), tt.file)
			}
			args := []string{"belgium.yaml"}
			if tt.args != "" {
				args = append([]string{tt.args}, args...)
			}
			got := run(t, dir, nil, args...)
			if got.code != 2 || got.stderr != tt.want || got.stdout != "" {
				t.Errorf("exit %d\nstderr: %q\n  want: %q", got.code, got.stderr, tt.want)
			}
		})
	}
}

func TestColorOnlyOnTerminal(t *testing.T) {
	s := IOStreams{OutIsTTY: true, Getenv: func(string) string { return "" }}
	if !s.color(false) || s.color(true) {
		t.Error("a terminal gets colour unless --no-color")
	}
	s.Getenv = func(k string) string { return map[string]string{"NO_COLOR": "1"}[k] }
	if s.color(false) {
		t.Error("NO_COLOR must turn colour off")
	}
	if (IOStreams{Getenv: func(string) string { return "" }}).color(false) {
		t.Error("no colour when stdout is not a terminal")
	}
}

// embeddedRecommendations is the catalogue of the embedded policies, for tests
// whose expectations count recommendations: adding one must not break them.
func embeddedRecommendations(t *testing.T) []checker.Recommendation {
	t.Helper()
	e, err := checker.NewEngine(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return e.Recommendations()
}

// TestCompleteExplainIDs: the shell completion of explain offers the ids of the
// recommendations, with their titles.
func TestCompleteExplainIDs(t *testing.T) {
	got := run(t, t.TempDir(), nil, "__complete", "explain", "prum-")
	want := ""
	for _, r := range embeddedRecommendations(t) {
		if strings.HasPrefix(r.ID, "prum-") {
			want += r.ID + "\t" + r.Title + "\n"
		}
	}
	want += ":4\n"
	if !strings.HasPrefix(want, "prum-dna\tPrüm automated DNA exchange operational\n") {
		t.Fatalf("the catalogue's prum-* recommendations: %q", want)
	}
	if got.code != 0 || got.stdout != want {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s", got.code, got.stdout, want)
	}
	if got := run(t, t.TempDir(), nil, "__complete", "explain", "prum-dna", ""); got.stdout != ":4\n" {
		t.Errorf("a second id is offered: %q", got.stdout)
	}
}

// TestGoVersionAgrees: the Go version the README asks for is the one go.mod
// declares.
func TestGoVersionAgrees(t *testing.T) {
	mod, err := os.ReadFile(filepath.Join(moduleRoot, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(moduleRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	goLine := regexp.MustCompile(`(?m)^go (\d+\.\d+)(?:\.0)?$`).FindSubmatch(mod)
	asked := regexp.MustCompile(`With Go (\S+) or later`).FindSubmatch(readme)
	if goLine == nil || asked == nil || string(goLine[1]) != string(asked[1]) {
		t.Errorf("go.mod says %q, README %q: want the same minor version, and go.mod at its .0 release", goLine, asked)
	}
}

// statusCounts runs check --format json, unfiltered, from dir on paths, and returns
// the number of findings of every report by status: with embeddedRecommendations,
// what tests that count findings count, so that a recommendation added to the
// policies breaks none of them (issue #9).
func statusCounts(t *testing.T, dir string, paths ...string) checker.Counts {
	t.Helper()
	got := run(t, dir, nil, append([]string{"--format", "json", "--fail-on", "never"}, paths...)...)
	var doc struct {
		Reports []struct {
			Summary checker.Summary `json:"summary"`
		} `json:"reports"`
	}
	if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil || got.code != ExitOK {
		t.Fatalf("exit %d, %v: %s", got.code, err, got.stderr)
	}
	var c checker.Counts
	for _, r := range doc.Reports {
		c = c.Plus(r.Summary.Counts)
	}
	return c
}

// countsSaid is how reports say counts ("5 met, 10 unknown, 5 not yet due"),
// leaving out the statuses given and those with none.
func countsSaid(c checker.Counts, except ...checker.Status) string {
	var parts []string
	for _, st := range checker.Statuses {
		if n := c.Of(st); n > 0 && !slices.Contains(except, st) {
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ReplaceAll(string(st), "_", " ")))
		}
	}
	return strings.Join(parts, ", ")
}

// summaryCounts is how a report's summary line begins: countsSaid, but met, gap
// and unknown even when there are none.
func summaryCounts(c checker.Counts) string {
	var parts []string
	for _, st := range checker.Statuses {
		if n := c.Of(st); n > 0 || st == checker.StatusMet || st == checker.StatusGap || st == checker.StatusUnknown {
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ReplaceAll(string(st), "_", " ")))
		}
	}
	return strings.Join(parts, ", ")
}

// unwrapped is text with its lines joined by spaces: what a wrapped paragraph says.
func unwrapped(s string) string { return strings.ReplaceAll(s, "\n", " ") }
