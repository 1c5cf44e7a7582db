package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gapcheck/gapcheck/internal/gittest"
)

// checkoutRepo returns a git repository laid out as a checkout of gapcheck: the
// shipped policies under policies/ and the fixture profile of Belgium under
// profiles/, committed on main.
func checkoutRepo(t *testing.T) string {
	t.Helper()
	gittest.Isolate(t)
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "policies"), os.DirFS(filepath.Join(moduleRoot, "policies"))); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "profiles/belgium.yaml"), belgiumSource(t))
	gittest.Git(t, dir, "init", "-q", "-b", "main")
	gittest.Git(t, dir, "add", "-A")
	gittest.Git(t, dir, "commit", "-q", "-m", "checkout")
	return dir
}

// dnaPolicy is the Prüm DNA policy of a checkout.
func dnaPolicy(dir string) string {
	return filepath.Join(dir, "policies/gapcheck/rules/prum/dna/dna.rego")
}

// addRecommendation adds prum-dna-copy to a checkout's policies: the DNA policy and
// its tests under another package.
func addRecommendation(t *testing.T, dir string) {
	t.Helper()
	for _, f := range []string{"dna.rego", "dna_test.rego"} {
		b, err := os.ReadFile(filepath.Join(dir, "policies/gapcheck/rules/prum/dna", f))
		if err != nil {
			t.Fatal(err)
		}
		s := strings.ReplaceAll(string(b), "gapcheck.rules.prum.dna", "gapcheck.rules.prum.dna_copy")
		s = strings.ReplaceAll(s, "dna.result", "dna_copy.result")
		writeFile(t, filepath.Join(dir, "policies/gapcheck/rules/prum/dna_copy", strings.Replace(f, "dna", "dna_copy", 1)), s)
	}
}

var shortDigest = regexp.MustCompile(`sha256:[0-9a-f]{12}\b`)

// firstLine is the first line of s, with short digests written sha256:X.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return shortDigest.ReplaceAllString(line, "sha256:X")
}

// TestOneRuleForEveryCommand: in a checkout whose policies/ differs from the
// embedded copy, every command uses the policies on disk and says so; outside a
// checkout, every command uses the embedded ones and says so.
// commitRef is an abbreviated commit in parentheses, as diff's first line names it.
var commitRef = regexp.MustCompile(`\([0-9a-f]{12}\)`)

func TestOneRuleForEveryCommand(t *testing.T) {
	dir := checkoutRepo(t)
	edit(t, dnaPolicy(dir), "severity: high", "severity: critical")
	const modified = "policies: ./policies (modified, sha256:X)"

	for _, tt := range []struct {
		args []string
		code int
		line string // the first line of stdout
	}{
		{[]string{"profiles/belgium.yaml"}, ExitFail, modified},
		{[]string{"check", "--format", "markdown", "profiles/belgium.yaml"}, ExitFail, "Policies: `./policies (modified, sha256:X)`."},
		{[]string{"diff", "--base", "HEAD", "--tip"}, ExitOK, "gapcheck diff against the tip of HEAD (X): no change to any finding."},
		{[]string{"timeline", "profiles/belgium.yaml"}, ExitOK, modified},
		{[]string{"validate", "profiles/"}, ExitOK, "1 profile(s) valid; no policy evaluated"},
		{[]string{"test"}, ExitOK, modified},
		{[]string{"test", "policies"}, ExitOK, modified},
		{[]string{"lint"}, ExitOK, modified},
		{[]string{"fmt", "--check"}, ExitOK, "policies: ./policies"},
		{[]string{"docs", "--check", "--out", "ref.md"}, ExitFail, modified},
		{[]string{"policies"}, ExitOK, modified},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			got := run(t, dir, nil, tt.args...)
			if got.code != tt.code || commitRef.ReplaceAllString(firstLine(got.stdout), "(X)") != tt.line {
				t.Errorf("exit %d (want %d), first line %q, want %q; stderr %q", got.code, tt.code, firstLine(got.stdout), tt.line, got.stderr)
			}
		})
	}

	// The timeline's CSV has no place for the policies: stderr names them.
	if got := run(t, dir, nil, "timeline", "--format", "csv", "profiles/belgium.yaml"); got.code != ExitOK ||
		shortDigest.ReplaceAllString(got.stderr, "sha256:X") != "gapcheck: "+modified+"\n" || !strings.HasPrefix(got.stdout, "country,") {
		t.Errorf("timeline csv: exit %d, stderr %q", got.code, got.stderr)
	}

	// What the commands report comes from the policies on disk.
	if got := run(t, dir, nil, "explain", "prum-dna"); !strings.Contains(got.stdout, "Severity:     critical\n") ||
		!regexp.MustCompile(`\nPolicies: +\./policies \(modified, sha256:[0-9a-f]{12}\)\n`).MatchString(got.stdout) {
		t.Errorf("explain:\n%s", got.stdout)
	}
	var report struct {
		Reports []struct {
			Findings []struct{ ID, Severity string }
		}
		Policies struct {
			Name   string
			Layers []struct {
				Dir      string
				Modified bool
			}
		}
	}
	got := run(t, dir, nil, "--format", "json", "profiles/belgium.yaml")
	if err := json.Unmarshal([]byte(got.stdout), &report); err != nil {
		t.Fatal(err)
	}
	for _, f := range report.Reports[0].Findings {
		if f.ID == "prum-dna" && f.Severity != "critical" {
			t.Errorf("check judged prum-dna by another policy: severity %s", f.Severity)
		}
	}
	if l := report.Policies.Layers; len(l) != 1 || l[0].Dir != "policies" || !l[0].Modified {
		t.Errorf("policies %+v", report.Policies)
	}

	// diff names the policies of each side: the commit's, and the working tree's.
	got = run(t, dir, nil, "diff", "--base", "HEAD")
	if want := "policies at HEAD: embedded, gapcheck (devel)\npolicies of the working tree, changed: ./policies (modified, sha256:X)\n"; shortDigest.ReplaceAllString(strings.SplitN(got.stdout, "\n", 2)[1], "sha256:X") != want {
		t.Errorf("diff:\n%s\nwant, after its first line:\n%s", got.stdout, want)
	}

	// A problem on disk is found by lint, a recommendation added on disk by docs
	// --check, and the main tests need no edit for it.
	gittest.Git(t, dir, "checkout", "-q", "--", "policies")
	got = run(t, dir, nil, "docs", "--out", "ref.md")
	if got.code != ExitOK {
		t.Fatalf("docs: exit %d, %s", got.code, got.stderr)
	}
	addRecommendation(t, dir)
	if got := run(t, dir, nil, "docs", "--check", "--out", "ref.md"); got.code != ExitFail || got.stderr != "gapcheck: ref.md is out of date: run gapcheck docs\n" {
		t.Errorf("docs --check after a recommendation was added: exit %d, stderr %q", got.code, got.stderr)
	}
	if got := run(t, dir, nil, "test"); got.code != ExitOK || !strings.Contains(got.stdout, "\nPASS: ") || strings.Contains(got.stdout, "FAIL") {
		t.Errorf("test with a recommendation added: exit %d\n%s", got.code, got.stdout)
	}
	if got := run(t, dir, nil, "policies", "--format", "json"); !strings.Contains(got.stdout, `"id": "prum-dna-copy"`) {
		t.Errorf("policies should list the recommendation added on disk")
	}
	edit(t, dnaPolicy(dir), "severity: high", "severity: urgent")
	if got := run(t, dir, nil, "lint"); got.code != ExitFail || !strings.Contains(got.stdout, `policies/gapcheck/rules/prum/dna/dna.rego:1:1: recommendation prum-dna: METADATA custom.severity: invalid severity "urgent"`) {
		t.Errorf("lint of the policies on disk: exit %d\n%s", got.code, got.stdout)
	}
	if got := run(t, dir, nil, "profiles/belgium.yaml"); got.code != ExitInvalid || !strings.Contains(got.stderr, `invalid severity "urgent"`) {
		t.Errorf("check with a broken policy on disk: exit %d, stderr %q", got.code, got.stderr)
	}

	// From a subdirectory of the checkout, the same policies, named from there.
	gittest.Git(t, dir, "checkout", "-q", "--", "policies")
	if got := run(t, filepath.Join(dir, "profiles"), nil, "test", "--run", "prum.dna_test"); firstLine(got.stdout) != "policies: ../policies (modified, sha256:X)" {
		t.Errorf("test from profiles/: %q", firstLine(got.stdout))
	}

	// Outside a checkout, the embedded policies; a policies/ directory without the
	// entrypoint (gapcheck/main) is not a bundle, and is left alone.
	out := t.TempDir()
	writeFile(t, filepath.Join(out, "belgium.yaml"), belgiumSource(t))
	writeFile(t, filepath.Join(out, "policies/gapcheck/rules/x/y/y.rego"), "package gapcheck.rules.x.y\n")
	for _, args := range [][]string{{"--fail-on", "never", "belgium.yaml"}, {"test"}, {"lint"}, {"policies"}} {
		if got := run(t, out, nil, args...); firstLine(got.stdout) != "policies: embedded, gapcheck (devel)" {
			t.Errorf("%v outside a checkout: %q (stderr %q)", args, firstLine(got.stdout), got.stderr)
		}
	}
}

// dnaOverride is an add-on that replaces the Prüm DNA policy with one whose result
// is status, whatever the profile says.
func dnaOverride(t *testing.T, dir, status string) {
	t.Helper()
	b, err := os.ReadFile(dnaPolicy(moduleRoot))
	if err != nil {
		t.Fatal(err)
	}
	meta, _, _ := strings.Cut(string(b), "package ")
	writeFile(t, filepath.Join(dir, "gapcheck/rules/prum/dna/dna.rego"), meta+`package gapcheck.rules.prum.dna

result := {"status": "`+status+`", "message": "overridden", "paths": ["prum.dna"], "law": ["prum"]}
`)
}

// TestDiffPoliciesOfEachSide: the base of a diff is judged by the base's own
// policies only; a --policy directory comes from the command line only, is read
// from each side when it is in the repository, and every format names the
// policies of both sides.
func TestDiffPoliciesOfEachSide(t *testing.T) {
	dir := diffRepo(t)
	// The change opens a Prüm DNA gap in France; an add-on in ci/ would hide it.
	edit(t, filepath.Join(dir, "profiles/france.yaml"), "  dna:\n    status: operational\n", "  dna:\n    status: not_operational\n")
	dnaOverride(t, filepath.Join(dir, "ci"), "met")

	const refused = "diff gates a change in the checkout it runs in, so policies that judge it must be given on the command line (--policy), never by the checkout's own config or environment"
	writeFile(t, filepath.Join(dir, ".gapcheck.yaml"), "policy: [ci]\n")
	if got := run(t, dir, nil, "diff", "--base", "main"); got.code != ExitInvalid || !strings.Contains(got.stderr, refused) || got.stdout != "" {
		t.Errorf("policy in .gapcheck.yaml: exit %d, stdout %q, stderr %q", got.code, got.stdout, got.stderr)
	}
	if err := os.Remove(filepath.Join(dir, ".gapcheck.yaml")); err != nil {
		t.Fatal(err)
	}
	if got := run(t, dir, map[string]string{"GAPCHECK_POLICY": "ci"}, "diff", "--base", "main"); got.code != ExitInvalid || !strings.Contains(got.stderr, refused) {
		t.Errorf("GAPCHECK_POLICY: exit %d, stderr %q", got.code, got.stderr)
	}
	got := run(t, dir, nil, "diff", "--base", "main")
	if got.code != ExitFail || !hasLine(got.stdout, "gap opened (worse; fails) prum-dna high met -> gap profiles/france.yaml:87") || !strings.Contains(got.stdout, "\npolicies of both sides: embedded, gapcheck (devel)\n") {
		t.Errorf("without the add-on: exit %d\n%s", got.code, got.stdout)
	}

	// Given on the command line, an add-on the change adds judges the working tree
	// only: the base had no such policies.
	dnaOverride(t, filepath.Join(dir, "ci"), "gap")
	got = run(t, dir, nil, "diff", "--base", "main", "--policy", "ci")
	if got.code != ExitFail || len(regexp.MustCompile(`gap opened \(worse; fails\)  prum-dna\s`).FindAllString(got.stdout, -1)) != 4 ||
		!strings.Contains(shortDigest.ReplaceAllString(got.stdout, "sha256:X"), "\npolicies at main: embedded, gapcheck (devel)\npolicies of the working tree, changed: embedded, gapcheck (devel) + ./ci (sha256:X)\n") {
		t.Errorf("an add-on added by the change: exit %d\n%s", got.code, got.stdout)
	}
	// Committed at the base, it judges both sides, each with its own version.
	gittest.Git(t, dir, "add", "ci")
	gittest.Git(t, dir, "commit", "-q", "-m", "ci")
	dnaOverride(t, filepath.Join(dir, "ci"), "met")
	got = run(t, dir, nil, "diff", "--base", "main", "--policy", "ci", "--format", "json")
	var doc struct {
		Changes []struct {
			Base string `json:"base_status"`
			Head string `json:"head_status"`
		}
		Policies struct {
			Base, Head struct{ Name string }
			Changed    bool
		}
	}
	if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if got.code != ExitOK || len(doc.Changes) != 4 || doc.Changes[0].Base != "gap" || doc.Changes[0].Head != "met" || !doc.Policies.Changed ||
		shortDigest.ReplaceAllString(doc.Policies.Base.Name, "sha256:X") != "embedded, gapcheck (devel) + main:ci (sha256:X)" ||
		shortDigest.ReplaceAllString(doc.Policies.Head.Name, "sha256:X") != "embedded, gapcheck (devel) + ./ci (sha256:X)" {
		t.Errorf("an add-on changed by the change: exit %d\n%s", got.code, got.stdout)
	}
	// Outside the repository, the same add-on judges both sides.
	outside := t.TempDir()
	dnaOverride(t, outside, "met")
	got = run(t, dir, nil, "diff", "--base", "main", "--policy", outside, "--format", "markdown")
	if got.code != ExitOK || !strings.Contains(got.stdout, "no change to any finding") || !strings.Contains(got.stdout, "\nPolicies of both sides: `embedded, gapcheck (devel) + "+outside+" (sha256:") {
		t.Errorf("an add-on outside the repository: exit %d\n%s", got.code, got.stdout)
	}
}

// TestContractRefusedByEveryCommand: policies that lint rejects are refused by
// every command that evaluates or lists them, before any output.
func TestContractRefusedByEveryCommand(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	head, _, _ := strings.Cut(fxPolicy, "package ")
	result := "\n\nresult := {\"status\": \"met\", \"message\": \"m\", \"paths\": [\"prum.dna\"]}\n"
	writeFile(t, filepath.Join(dir, "dup/gapcheck/rules/prum_x/y/y.rego"), head+"package gapcheck.rules.prum_x.y"+result)
	writeFile(t, filepath.Join(dir, "dup/gapcheck/rules/prum/x_y/x_y.rego"), head+"package gapcheck.rules.prum.x_y"+result)
	writeFile(t, filepath.Join(dir, "impostor/x.rego"), head+"package gapcheck.rules.prum_dna"+result)
	writeFile(t, filepath.Join(dir, "js/gapcheck/rules/demo/thing/thing.rego"), strings.Replace(fxPolicy, "https://example.org/act", "javascript:alert(1)", 1))
	for _, tt := range []struct{ dir, want string }{
		{"dup", "gapcheck: read recommendation metadata: dup/gapcheck/rules/prum_x/y/y.rego:12:1: recommendation id prum-x-y is also the id of package gapcheck.rules.prum.x_y: rename one\n"},
		{"impostor", "gapcheck: read recommendation metadata: impostor/x.rego:12:1: package gapcheck.rules.prum_dna is not two levels below gapcheck.rules: want gapcheck.rules.<area>.<name>, the only depth the entrypoint reads\n"},
		{"js", "gapcheck: read recommendation metadata: js/gapcheck/rules/demo/thing/thing.rego:6:12: recommendation demo-thing: related_resources ref \"javascript:alert(1)\" is not an http(s) link\n"},
	} {
		for _, args := range [][]string{
			{"check", "-p", tt.dir, "belgium.yaml"},
			{"check", "-p", tt.dir, "--format", "sarif", "belgium.yaml"},
			{"diff", "-p", tt.dir, "--from", "2016-03-01", "belgium.yaml"},
			{"timeline", "-p", tt.dir, "belgium.yaml"},
			{"policies", "-p", tt.dir},
			{"explain", "-p", tt.dir, "prum-dna"},
			{"docs", "-p", tt.dir, "--check"},
		} {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				got := run(t, dir, nil, args...)
				// A CI format says it on stdout too (a SARIF log with the error as a
				// notification, for the upload step); nothing else is written.
				ciLog := slices.Contains(args, "sarif") && strings.Contains(got.stdout, `"executionSuccessful": false`)
				if got.code != ExitInvalid || got.stderr != tt.want || (got.stdout != "" && !ciLog) {
					t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant:\n%s", got.code, got.stdout, got.stderr, tt.want)
				}
			})
		}
	}
}
