package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The fixtures of the policy author's commands: a recommendation with its tests, one
// of which fails, and a policy with an untested rule.
const (
	fxPolicy = `# METADATA
# title: A demo measure
# description: The state does the demo thing.
# related_resources:
#   - description: The demo act
#     ref: https://example.org/act
# custom:
#   severity: high
#   legal_basis: Demo Act
#   reads:
#     - prum.dna
package gapcheck.rules.demo.thing

result := {"status": "met", "message": "ok", "paths": ["prum.dna"]}

double(n) := n * 2

untested if input.prum.dna.status == "operational"
`
	fxTests = `package gapcheck.rules.demo.thing_test

import data.gapcheck.rules.demo.thing

test_met if thing.result.status == "met"

test_double if thing.double(2) == 4
`
	fxFailingTest = `
test_double_wrong if thing.double(3) == 7
`
	fxUnformatted = "package gapcheck.rules.demo.thing_test\n\ntest_x if { true; true }\n"
)

func authorFixtures(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	rules := "gapcheck/rules/demo/thing/"
	writeFile(t, filepath.Join(dir, "ok", rules, "thing.rego"), fxPolicy)
	writeFile(t, filepath.Join(dir, "ok", rules, "thing_test.rego"), fxTests)
	writeFile(t, filepath.Join(dir, "failing", rules, "thing.rego"), fxPolicy)
	writeFile(t, filepath.Join(dir, "failing", rules, "thing_test.rego"), fxTests+fxFailingTest)
	writeFile(t, filepath.Join(dir, "untested", rules, "thing.rego"), fxPolicy)
	writeFile(t, filepath.Join(dir, "ugly", rules, "thing_test.rego"), fxUnformatted)
	writeFile(t, filepath.Join(dir, "broken", "x.rego"), "package x\n\nallow if {\n")
	writeFile(t, filepath.Join(dir, "file.rego"), fxPolicy)
	return dir
}

// TestAuthorCommands pins arguments -> exit code, stdout and stderr of test, fmt,
// lint, policies, explain and docs.
func TestAuthorCommands(t *testing.T) {
	dir := authorFixtures(t)
	const (
		okSet       = "policies: embedded, gapcheck (devel) + ./ok (sha256:d414aa7afd48)\n"
		failingSet  = "policies: embedded, gapcheck (devel) + ./failing (sha256:7e7bb0f3deee)\n"
		untestedSet = "policies: embedded, gapcheck (devel) + ./untested (sha256:96b3cdc11ba7)\n"
	)
	const failureReport = failingSet + `failing/gapcheck/rules/demo/thing/thing_test.rego:9: data.gapcheck.rules.demo.thing_test.test_double_wrong: FAIL
  failed at failing/gapcheck/rules/demo/thing/thing_test.rego:9:
    thing.double(3) == 7
    |
    6
--------------------------------------------------------------------------------
PASS: 2/3
FAIL: 1/3
`
	// 2 of 3 lines are covered: 66.666...%, shown rounded down.
	const coverageReport = okSet + "PASS: 2/2\n\nCoverage of the policy files (test files not counted):\n" +
		"    66.66%  ok/gapcheck/rules/demo/thing/thing.rego  not covered: 18\n" +
		"    66.66%  total: 2 of 3 lines in 1 files\n"
	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string // exact, or a prefix when it ends in "…"
	}{
		{"test passes", []string{"test", "ok/"}, 0, okSet + "PASS: 2/2\n", ""},
		{"test failure with location and values", []string{"test", "failing"}, 1, failureReport, ""},
		{"test verbose", []string{"test", "-v", "--run", "test_met", "ok"}, 0,
			okSet + "ok/gapcheck/rules/demo/thing/thing_test.rego:5: data.gapcheck.rules.demo.thing_test.test_met: PASS\n" + strings.Repeat("-", 80) + "\nPASS: 1/1\n", ""},
		{"coverage meets threshold", []string{"test", "--coverage", "--threshold", "66.66", "ok"}, 0, coverageReport, ""},
		{"coverage below threshold", []string{"test", "--coverage", "--threshold", "66.67", "ok"}, 1, coverageReport,
			"gapcheck: coverage 66.66% is below the threshold of 66.67%\n"},
		{"threshold needs coverage", []string{"test", "--threshold", "90", "ok"}, 2, "", "gapcheck: --threshold needs --coverage\n"},
		{"threshold above 100", []string{"test", "--coverage", "--threshold", "101", "ok"}, 2, "", "gapcheck: --threshold 101: want a percentage from 0 to 100\n"},
		{"bad run regex", []string{"test", "--run", "(", "ok"}, 2, "", "gapcheck: --run: error parsing regexp: missing closing ): `(`\n"},
		{"no test matches", []string{"test", "--run", "nothing", "ok"}, 2, "", "gapcheck: no tests found matching \"nothing\"\n"},
		{"no tests", []string{"test", "untested"}, 2, "", "gapcheck: no tests found\n"},
		{"test broken policy", []string{"test", "broken"}, 2, "", "gapcheck: load policies: broken/x.rego:4: unexpected eof token\n\tallow if {\n\t         ^\n"},
		{"test a file", []string{"test", "file.rego"}, 2, "", "gapcheck: file.rego: not a directory: want a directory of .rego files\n"},
		{"test missing dir", []string{"test", "nope"}, 2, "", "gapcheck: read nope: no such file or directory\n"},

		{"fmt check clean", []string{"fmt", "--check", "ok"}, 0, "policies: ./ok\n", ""},
		{"fmt check lists", []string{"fmt", "--check", "ok", "ugly"}, 1, "policies: ./ok + ./ugly\nugly/gapcheck/rules/demo/thing/thing_test.rego\n", "gapcheck: 1 file(s) not formatted: run gapcheck fmt\n"},
		{"fmt check diff", []string{"fmt", "--check", "--diff", "ugly"}, 1,
			"policies: ./ugly\n--- ugly/gapcheck/rules/demo/thing/thing_test.rego\n+++ ugly/gapcheck/rules/demo/thing/thing_test.rego (formatted)\n" +
				"@@ -1,3 +1,6 @@\n package gapcheck.rules.demo.thing_test\n \n-test_x if { true; true }\n+test_x if {\n+\ttrue\n+\ttrue\n+}\n",
			"gapcheck: 1 file(s) not formatted: run gapcheck fmt\n"},
		{"fmt without policies/", []string{"fmt"}, 2, "", "gapcheck: no policies/ bundle here (policies/gapcheck/main/, in the working directory or a parent up to the top of its git work tree): give the directories to format\n"},
		{"fmt parse error", []string{"fmt", "--check", "broken"}, 2, "", "gapcheck: broken/x.rego:4: unexpected eof token\n\tallow if {\n\t         ^\n"},

		{"lint clean", []string{"lint", "ok"}, 0, okSet + "no problems found\n", ""},
		{"lint finds a missing test file", []string{"lint", "untested"}, 1,
			untestedSet + "untested/gapcheck/rules/demo/thing/thing.rego:12:1: recommendation demo-thing has no tests: want untested/gapcheck/rules/demo/thing/thing_test.rego beside it\n",
			"gapcheck: 1 problem(s) found\n"},
		{"lint cannot parse", []string{"lint", "broken"}, 2, "", "gapcheck: load policies: broken/x.rego:4: unexpected eof token\n\tallow if {\n\t         ^\n"},

		{"policies json", []string{"policies", "--format", "json"}, 0, "{\n  \"version\": 1,\n  \"recommendations\": [\n…", ""},
		{"policies unknown format", []string{"policies", "-f", "yaml"}, 2, "", "gapcheck: unknown format \"yaml\": want one of json, markdown, table\n"},
		{"policies with a policy dir", []string{"policies", "--policy", "ok", "-f", "markdown"}, 0, "# Recommendations\n…", ""},
		{"explain takes an id", []string{"explain"}, 2, "", "gapcheck: accepts between 1 and 2 arg(s), received 0\n"},
		{"explain a typo", []string{"explain", "prum-dan"}, 2, "", "gapcheck: unknown recommendation \"prum-dan\" (did you mean prum-dna?); gapcheck policies lists them\n"},
		{"explain a fragment", []string{"explain", "sltd"}, 2, "",
			"gapcheck: unknown recommendation \"sltd\" (did you mean border-sltd-checks, sltd-feed?); gapcheck policies lists them\n"},
		{"explain a package path", []string{"explain", "--policy", "ok", "demo.thing"}, 0, "demo-thing: A demo measure\n…", ""},

		{"docs check of a missing file", []string{"docs", "--check", "--out", "ref.md"}, 1, "policies: embedded, gapcheck (devel)\n", "gapcheck: ref.md does not exist: run gapcheck docs\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, dir, nil, tt.args...)
			if got.code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", got.code, tt.code, got.stderr)
			}
			if !matches(got.stdout, tt.stdout) {
				t.Errorf("stdout (-want +got):\n%s", cmp.Diff(tt.stdout, got.stdout))
			}
			if !matches(got.stderr, tt.stderr) {
				t.Errorf("stderr:\n got: %q\nwant: %q", got.stderr, tt.stderr)
			}
		})
	}
}

// matches compares exactly, or by prefix when want ends in "…".
func matches(got, want string) bool {
	if prefix, ok := strings.CutSuffix(want, "…"); ok {
		return strings.HasPrefix(got, prefix)
	}
	return got == want
}

func TestTestEmbeddedPolicies(t *testing.T) {
	root := moduleRoot
	got := run(t, root, nil, "test", "--coverage", "--threshold", "95")
	if got.code != 0 || got.stderr != "" || !strings.HasPrefix(got.stdout, "policies: embedded, gapcheck (devel)\nPASS: ") || strings.Contains(got.stdout, "FAIL") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", got.code, got.stderr, got.stdout)
	}
	ondisk := run(t, root, nil, "test", "--coverage", "policies/")
	if ondisk.stdout != got.stdout {
		t.Errorf("policies/ on disk and the embedded policies differ:\n%s", cmp.Diff(got.stdout, ondisk.stdout))
	}
}

func TestFmtRewrites(t *testing.T) {
	dir := authorFixtures(t)
	file := filepath.Join(dir, "ugly/gapcheck/rules/demo/thing/thing_test.rego")
	if got := run(t, dir, nil, "fmt", "ugly"); got.code != 0 || got.stdout != "policies: ./ugly\nugly/gapcheck/rules/demo/thing/thing_test.rego\n" || got.stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", got.code, got.stdout, got.stderr)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if want := "package gapcheck.rules.demo.thing_test\n\ntest_x if {\n\ttrue\n\ttrue\n}\n"; string(data) != want {
		t.Errorf("rewritten:\n%s\nwant:\n%s", data, want)
	}
	if got := run(t, dir, nil, "fmt", "--check", "ugly"); got.code != 0 || got.stdout != "policies: ./ugly\n" {
		t.Errorf("after fmt, --check: exit %d, stdout %q", got.code, got.stdout)
	}
	// Without DIR, fmt formats the checkout's bundle: policies/ in the working directory.
	writeFile(t, filepath.Join(dir, "policies/gapcheck/main/main.rego"), "package gapcheck.main\n\nx := 1 \n")
	if got := run(t, dir, nil, "fmt"); got.code != 0 || got.stdout != "policies: ./policies\npolicies/gapcheck/main/main.rego\n" {
		t.Errorf("fmt in a directory with policies/: exit %d, stdout %q, stderr %q", got.code, got.stdout, got.stderr)
	}
}

func TestDocsWriteAndCheck(t *testing.T) {
	root, dir := moduleRoot, t.TempDir()
	if got := run(t, dir, nil, "docs", "--out", "out/ref.md"); got.code != 0 || !strings.HasPrefix(got.stdout, "policies: embedded, gapcheck (devel)\nwrote out/ref.md (") {
		t.Fatalf("exit %d, stdout %q, stderr %q", got.code, got.stdout, got.stderr)
	}
	if got := run(t, dir, nil, "docs", "--check", "--out", "out/ref.md"); got.code != 0 || got.stdout != "policies: embedded, gapcheck (devel)\nout/ref.md is up to date\n" {
		t.Errorf("--check after writing: exit %d, stdout %q, stderr %q", got.code, got.stdout, got.stderr)
	}
	writeFile(t, filepath.Join(dir, "out/ref.md"), "# stale\n")
	if got := run(t, dir, nil, "docs", "--check", "--out", "out/ref.md"); got.code != 1 || got.stderr != "gapcheck: out/ref.md is out of date: run gapcheck docs\n" {
		t.Errorf("--check of a stale file: exit %d, stderr %q", got.code, got.stderr)
	}
	// The committed reference is generated from the embedded policies.
	if got := run(t, root, nil, "docs", "--check"); got.code != 0 || got.stdout != "policies: embedded, gapcheck (devel)\n"+docsFile+" is up to date\n" {
		t.Errorf("%s: exit %d, stdout %q, stderr %q (run gapcheck docs)", docsFile, got.code, got.stdout, got.stderr)
	}
}

func TestPoliciesJSON(t *testing.T) {
	got := run(t, moduleRoot, nil, "policies", "--format", "json")
	var doc struct {
		Version         int `json:"version"`
		Recommendations []struct {
			ID, Severity, Title string
			LegalBasis          string                 `json:"legal_basis"`
			Reads               []string               `json:"reads"`
			Resources           []struct{ URL string } `json:"related_resources"`
		} `json:"recommendations"`
	}
	if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 1 || len(doc.Recommendations) < 18 {
		t.Fatalf("version %d, %d recommendations", doc.Version, len(doc.Recommendations))
	}
	for _, r := range doc.Recommendations {
		if r.ID == "" || r.Severity == "" || r.Title == "" || r.LegalBasis == "" || len(r.Reads) == 0 || len(r.Resources) == 0 {
			t.Errorf("incomplete: %+v", r)
		}
	}
}

// addOnPolicy is an add-on recommendation that uses the library of the bundle it
// extends, as a --policy pack does.
const addOnPolicy = `# METADATA
# title: Prüm DNA exchange, again
# description: The state exchanges DNA profiles under Prüm.
# related_resources:
#   - description: Council Decision 2008/615/JHA
#     ref: https://eur-lex.europa.eu/eli/dec/2008/615/oj
# custom:
#   severity: high
#   legal_basis: Council Decision 2008/615/JHA
#   reads:
#     - prum.dna
#     - participation.instruments.prum
package gapcheck.rules.addon.dna

import data.gapcheck.lib

result := lib.assess({
	"instrument": "prum",
	"fact": ["prum", "dna"],
	"what": "Prüm DNA exchange",
	"met": {"operational", "authorised"},
	"partial": set(),
	"gap": {"not_operational"},
})
`

const addOnTest = `package gapcheck.rules.addon.dna_test

import data.gapcheck.rules.addon.dna

test_unknown_without_the_fact if dna.result.status == "unknown" with input as {"at": "2016-03-01", "country": "BE"}
`

// TestAddOnOverTheBundle: test and lint check an add-on on top of the library it
// uses, as check evaluates it: only its own tests run, only its files are counted
// and linted.
func TestAddOnOverTheBundle(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "addon/gapcheck/rules/addon/dna/dna.rego"), addOnPolicy)
	writeFile(t, filepath.Join(dir, "addon/gapcheck/rules/addon/dna/dna_test.rego"), addOnTest)
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))

	got := run(t, dir, nil, "test", "--coverage", "addon")
	want := "PASS: 1/1\n\nCoverage of the policy files (test files not counted):\n" +
		"   100.00%  total: 8 of 8 lines in 1 files\n"
	if _, rest, _ := strings.Cut(got.stdout, "\n"); got.code != ExitOK || rest != want || !strings.HasPrefix(got.stdout, "policies: embedded, gapcheck (devel) + ./addon (sha256:") {
		t.Errorf("test: exit %d, stderr %q, stdout:\n%s", got.code, got.stderr, got.stdout)
	}
	if got := run(t, dir, nil, "lint", "addon"); got.code != ExitOK || !strings.HasSuffix(got.stdout, ")\nno problems found\n") {
		t.Errorf("lint: exit %d, stderr %q, stdout:\n%s", got.code, got.stderr, got.stdout)
	}
	if got := run(t, dir, nil, "check", "--fail-on", "never", "-f", "json", "-p", "addon", "belgium.yaml"); got.code != ExitOK || !strings.Contains(got.stdout, `"id": "addon-dna"`) {
		t.Errorf("check: exit %d, stderr %q", got.code, got.stderr)
	}

	// A problem of the add-on is found, and only the add-on's.
	edit(t, filepath.Join(dir, "addon/gapcheck/rules/addon/dna/dna.rego"), "#     - prum.dna\n", "#     - prum.dnaa\n")
	got = run(t, dir, nil, "lint", "addon")
	if _, rest, _ := strings.Cut(got.stdout, "\n"); got.code != ExitFail || rest != `addon/gapcheck/rules/addon/dna/dna.rego:11:9: recommendation addon-dna: custom.reads "prum.dnaa" is not a path of the profile schema (profiles/profile.schema.json) (did you mean "prum.dna"?)
addon/gapcheck/rules/addon/dna/dna.rego:19:10: recommendation addon-dna names profile path "prum.dna", which custom.reads does not list
` {
		t.Errorf("lint of a broken add-on: exit %d, stdout:\n%s", got.code, got.stdout)
	}
}
