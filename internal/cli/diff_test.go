package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapcheck/gapcheck/internal/gittest"
	"github.com/gapcheck/gapcheck/internal/golden"
)

// edit replaces old by new in the file, once; old must be there.
func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	writeFile(t, path, strings.Replace(string(b), old, new, 1))
}

// The edits of the end-to-end diff: France's ECRIS connection is cut (a gap
// opens), Belgium's foreign-fighter database is shared (a gap closes).
const (
	ecrisConnected    = "ecris:\n  connection:\n    status: connected\n"
	ecrisNotConnected = "ecris:\n  connection:\n    status: not_connected\n"
	ftfNone           = "  ftf_database:\n    status: none\n"
	ftfShared         = "  ftf_database:\n    status: shared\n"
)

// diffRepo returns a repository whose branch main holds the fixture profiles of
// Belgium, France, Germany and Austria.
func diffRepo(t *testing.T) string {
	t.Helper()
	gittest.Isolate(t)
	dir := t.TempDir()
	gittest.Git(t, dir, "init", "-q", "-b", "main")
	for _, name := range []string{"belgium.yaml", "france.yaml", "germany.yaml", "austria.yaml"} {
		writeFile(t, filepath.Join(dir, "profiles", name), fixtureProfile(t, name))
	}
	writeFile(t, filepath.Join(dir, "README.md"), "Profiles under review.\n")
	gittest.Git(t, dir, "add", "-A")
	gittest.Git(t, dir, "commit", "-q", "-m", "base")
	return dir
}

// changeProfiles makes the working tree differ from main: a gap opens in France,
// one closes in Belgium, Germany's profile is deleted, Austria's renamed (as a plain
// file move, which git sees as a deletion and an untracked file).
func changeProfiles(t *testing.T, dir string) {
	t.Helper()
	edit(t, filepath.Join(dir, "profiles/france.yaml"), ecrisConnected, ecrisNotConnected)
	edit(t, filepath.Join(dir, "profiles/belgium.yaml"), ftfNone, ftfShared)
	if err := os.Remove(filepath.Join(dir, "profiles/germany.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "profiles/austria.yaml"), filepath.Join(dir, "profiles/oesterreich.yaml")); err != nil {
		t.Fatal(err)
	}
}

// TestDiffEndToEnd runs gapcheck diff in a real repository and pins its output in
// every format, its exit code, and that it changed nothing in the repository.
func TestDiffEndToEnd(t *testing.T) {
	dir := diffRepo(t)
	changeProfiles(t, dir)
	status := gittest.Git(t, dir, "status", "--porcelain")
	index, err := os.ReadFile(filepath.Join(dir, ".git/index"))
	if err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct{ format string }{{"table"}, {"markdown"}} {
		t.Run(tt.format, func(t *testing.T) {
			got := run(t, dir, nil, "diff", "--base", "main", "--format", tt.format)
			if got.code != ExitFail || got.stderr != "" {
				t.Fatalf("exit %d, stderr %q; want 1: a gap opened", got.code, got.stderr)
			}
			e2eGolden(t, "gapcheck diff --base main --format "+tt.format+" (fixture)", got.stdout)
		})
	}

	t.Run("json", func(t *testing.T) {
		got := run(t, dir, nil, "diff", "--base", "main", "--format", "json")
		if got.code != ExitFail {
			t.Fatalf("exit %d: %s", got.code, got.stderr)
		}
		var doc struct {
			Version    int    `json:"version"`
			Base       string `json:"base"`
			BaseCommit string `json:"base_commit"`
			Summary    map[string]int
			Changes    []struct {
				Kind, Country, Profile, Recommendation string
				BaseProfile                            string `json:"base_profile"`
				BaseStatus                             string `json:"base_status"`
				HeadStatus                             string `json:"head_status"`
				Worse                                  bool
				Location                               *struct {
					File string
					Line int
				}
			}
		}
		if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Version != 2 || doc.Base != "main" || doc.BaseCommit != gittest.Git(t, dir, "rev-parse", "main") {
			t.Errorf("header: %d %q %q", doc.Version, doc.Base, doc.BaseCommit)
		}
		var kinds []string
		for _, c := range doc.Changes {
			kinds = append(kinds, c.Country+" "+c.Kind+" "+c.Recommendation+" "+c.BaseStatus+">"+c.HeadStatus)
		}
		want := []string{
			"AT profile_renamed  >",
			"BE gap_closed national-ftf-database gap>met",
			"FR gap_opened ecris-connected met>gap",
			"DE profile_removed  >",
		}
		if diff := cmp.Diff(want, kinds); diff != "" {
			t.Errorf("changes (-want +got):\n%s", diff)
		}
		if c := doc.Changes[2]; !c.Worse || c.Location == nil || c.Location.File != "profiles/france.yaml" {
			t.Errorf("the opened gap: %+v", c)
		}
		if c := doc.Changes[0]; c.BaseProfile != "profiles/austria.yaml" || c.Profile != "profiles/oesterreich.yaml" {
			t.Errorf("the rename: %+v", c)
		}
		if doc.Summary["gaps_opened"] != 1 || doc.Summary["gaps_closed"] != 1 || doc.Summary["worse"] != 1 || doc.Summary["states"] != 4 {
			t.Errorf("summary: %v", doc.Summary)
		}
	})

	t.Run("fail-on above the change", func(t *testing.T) {
		// Germany's profile is removed, with its critical findings: its evidence is
		// lost, which fails at any threshold unless accepted.
		if got := run(t, dir, nil, "diff", "--base", "main", "--fail-on", "critical"); got.code != ExitFail {
			t.Errorf("a removed profile loses critical evidence: exit %d, want 1", got.code)
		}
		if got := run(t, dir, nil, "diff", "--base", "main", "--fail-on", "critical", "--accept-lost-evidence"); got.code != ExitOK {
			t.Errorf("ecris-connected is high, the lost evidence accepted: exit %d, want 0", got.code)
		}
		if got := run(t, dir, nil, "diff", "--base", "main", "--fail-on", "never"); got.code != ExitOK {
			t.Errorf("--fail-on never: exit %d, want 0", got.code)
		}
	})

	t.Run("from a subdirectory", func(t *testing.T) {
		got := run(t, filepath.Join(dir, "profiles"), nil, "diff", "--base", "main", ".")
		if got.code != ExitFail || !strings.Contains(got.stdout, "  profile renamed: austria.yaml -> oesterreich.yaml\n") ||
			!strings.Contains(got.stdout, " france.yaml:109\n") {
			t.Errorf("exit %d, stdout:\n%s", got.code, got.stdout)
		}
	})

	// diff only reads.
	if got := gittest.Git(t, dir, "status", "--porcelain"); got != status {
		t.Errorf("git status changed:\n%s\nwant:\n%s", got, status)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, ".git/index")); !bytes.Equal(after, index) {
		t.Error("the index was written")
	}
}

// TestDiffCommitted is the CI shape: the change is committed on a branch, the
// working tree is clean, and the base is the main branch.
func TestDiffCommitted(t *testing.T) {
	dir := diffRepo(t)
	gittest.Git(t, dir, "checkout", "-q", "-b", "change")
	changeProfiles(t, dir)
	gittest.Git(t, dir, "add", "-A")
	gittest.Git(t, dir, "commit", "-q", "-m", "change")

	got := run(t, dir, nil, "diff", "--base", "main")
	if got.code != ExitFail {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	if want := golden.Section(t, e2eArchive, "gapcheck diff --base main --format table (fixture)"); got.stdout != want {
		t.Errorf("committed, the diff is the same as uncommitted:\n%s", cmp.Diff(want, got.stdout))
	}

	got = run(t, dir, nil, "diff", "--base", "HEAD")
	head := gittest.Git(t, dir, "rev-parse", "HEAD")[:12]
	if got.code != ExitOK || got.stdout != "gapcheck diff against HEAD (merge base "+head+"): no change to any finding.\npolicies of both sides: embedded, gapcheck (devel)\n" {
		t.Errorf("against itself: exit %d, stdout %q", got.code, got.stdout)
	}
}

// TestDiffPolicyChange: a change to the repository's policies/ evaluates every
// profile, the base with the old policies and the working tree with the new.
func TestDiffPolicyChange(t *testing.T) {
	dir := diffRepo(t)
	err := os.CopyFS(filepath.Join(dir, "policies"), os.DirFS(filepath.Join(moduleRoot, "policies")))
	if err != nil {
		t.Fatal(err)
	}
	gittest.Git(t, dir, "add", "-A")
	gittest.Git(t, dir, "commit", "-q", "-m", "policies")

	// A recommendation is dropped, and ECRIS now counts only what no state has.
	rules := filepath.Join(dir, "policies/gapcheck/rules")
	if err := os.RemoveAll(filepath.Join(rules, "firearms")); err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(rules, "ecris/connected/connected.rego"), `"met": {"connected"},`, `"met": {"exchanging_fully"},`)
	edit(t, filepath.Join(rules, "ecris/connected/connected.rego"), `"gap": {"testing", "not_connected"},`, `"gap": {"testing", "not_connected", "connected"},`)

	got := run(t, dir, nil, "diff", "--base", "main", "--format", "json")
	if got.code != ExitFail {
		t.Fatalf("exit %d, want 1: ECRIS gaps opened everywhere; stderr %s", got.code, got.stderr)
	}
	var doc struct {
		Changes []struct{ Kind, Country, Recommendation string }
	}
	if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, c := range doc.Changes {
		kinds = append(kinds, c.Country+" "+c.Kind+" "+c.Recommendation)
	}
	want := []string{
		"AT gap_opened ecris-connected", "AT recommendation_removed firearms-deactivation",
		"BE gap_opened ecris-connected", "BE recommendation_removed firearms-deactivation",
		"FR gap_opened ecris-connected", "FR recommendation_removed firearms-deactivation",
		"DE gap_opened ecris-connected", "DE recommendation_removed firearms-deactivation",
	}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("every profile should be re-evaluated (-want +got):\n%s", diff)
	}

	// A broken policy on the working tree is named where it is.
	writeFile(t, filepath.Join(rules, "ecris/connected/connected.rego"), "package gapcheck.rules.ecris.connected\n\nresult := {\n")
	got = run(t, dir, nil, "diff", "--base", "main")
	if got.code != ExitInvalid || !strings.HasPrefix(got.stderr, "gapcheck: load policies: policies/gapcheck/rules/ecris/connected/connected.rego:4: ") {
		t.Errorf("exit %d, stderr %q", got.code, got.stderr)
	}
}

func TestDiffShallowClone(t *testing.T) {
	origin := diffRepo(t)
	edit(t, filepath.Join(origin, "README.md"), "under review", "under review, again")
	gittest.Git(t, origin, "commit", "-q", "-am", "second")
	changeProfiles(t, origin)
	gittest.Git(t, origin, "add", "-A")
	gittest.Git(t, origin, "commit", "-q", "-m", "change")

	clone := filepath.Join(t.TempDir(), "clone")
	gittest.Git(t, origin, "clone", "-q", "--depth", "2", "file://"+origin, clone)
	if shallow := gittest.Git(t, clone, "rev-parse", "--is-shallow-repository"); shallow != "true" {
		t.Fatalf("not a shallow clone: %s", shallow)
	}
	got := run(t, clone, nil, "diff", "--base", "HEAD~1")
	if got.code != ExitFail {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	e2eGolden(t, "gapcheck diff --base HEAD~1 (shallow fixture clone)", got.stdout)

	got = run(t, clone, nil, "diff", "--base", "HEAD~2")
	want := "gapcheck: --base: \"HEAD~2\" is not a commit in this repository (a shallow clone: fetch it first, e.g. git fetch --depth=1 origin <branch>)\n"
	if got.code != ExitInvalid || got.stderr != want {
		t.Errorf("a base outside the shallow history: exit %d, stderr %q", got.code, got.stderr)
	}
}

func TestDiffWaivers(t *testing.T) {
	dir := diffRepo(t)
	changeProfiles(t, dir)
	waivers := `waivers:
  - recommendation: ecris-connected
    country: FR
    justification: Reconnection is scheduled.
    owner: jane.doe@example.org
    expires: 2999-12-31
  - recommendation: sis-connected
    country: "*"
    justification: Nothing to waive.
    owner: joe
    expires: 2999-12-31
`
	writeFile(t, filepath.Join(dir, "waivers.yaml"), waivers)

	// The waivers file is new: at the base nothing was waived. (Germany's profile
	// is removed: that is accepted here.)
	got := run(t, dir, nil, "diff", "--base", "main", "--waivers", "waivers.yaml", "--accept-lost-evidence")
	wantErr := "gapcheck: warning: waivers.yaml:7:5: waiver of sis-connected in * matches no gap or partial finding; remove it\n"
	if got.code != ExitOK || got.stderr != wantErr {
		t.Fatalf("exit %d, want 0: the opened gap is waived; stderr:\n%s", got.code, got.stderr)
	}
	if !hasLine(got.stdout, "status changed ecris-connected high met -> waived profiles/france.yaml:109") ||
		!strings.Contains(got.stdout, "\nWaivers (waivers.yaml): 1 applied, 0 expired, 1 orphaned.\n") {
		t.Errorf("stdout:\n%s", got.stdout)
	}

	// Committed, then expired by the change: the gap is open again, and worse.
	gittest.Git(t, dir, "add", "-A")
	gittest.Git(t, dir, "commit", "-q", "-m", "change with waiver")
	edit(t, filepath.Join(dir, "waivers.yaml"), "2999-12-31", "2016-01-01")
	got = run(t, dir, nil, "diff", "--base", "HEAD", "--waivers", "waivers.yaml")
	if got.code != ExitFail || !hasLine(got.stdout, "gap opened (worse; fails) ecris-connected high waived -> gap profiles/france.yaml:109") ||
		!strings.Contains(got.stdout, "ECRIS connection: not connected (waiver by jane.doe@example.org expired 2016-01-01)\n") {
		t.Errorf("exit %d, stdout:\n%s", got.code, got.stdout)
	}
	if !strings.HasPrefix(got.stderr, "gapcheck: warning: waivers.yaml:2:5: waiver by jane.doe@example.org expired 2016-01-01; it no longer waives ecris-connected in profiles/france.yaml\n") {
		t.Errorf("stderr:\n%s", got.stderr)
	}
}

func TestDiffErrors(t *testing.T) {
	dir := diffRepo(t)
	changeProfiles(t, dir)
	notRepo := t.TempDir()
	writeFile(t, filepath.Join(notRepo, "bad-waivers.yaml"), "waivers:\n  - recommendation: x\n")

	broken := t.TempDir() // a repository whose base holds an invalid profile
	{
		gittest.Git(t, broken, "init", "-q", "-b", "main")
		writeFile(t, filepath.Join(broken, "profiles/belgium.yaml"), strings.Replace(fixtureProfile(t, "belgium.yaml"), "status: authorised", "status: maybe", 1))
		gittest.Git(t, broken, "add", "-A")
		gittest.Git(t, broken, "commit", "-q", "-m", "broken")
		writeFile(t, filepath.Join(broken, "profiles/belgium.yaml"), fixtureProfile(t, "belgium.yaml"))
	}

	tests := []struct {
		name, dir string
		args      []string
		stderr    string
	}{
		{"no base", dir, []string{"diff"}, "gapcheck: --base: want the git revision to compare with, e.g. --base origin/main, or --from DATE\n"},
		{"base and from", dir, []string{"diff", "--base", "main", "--from", "2016"}, "gapcheck: --from with --base: want one, a git revision to compare with or a date to compare from\n"},
		{"to without from", dir, []string{"diff", "--to", "2016"}, "gapcheck: --to: want --from as well, the earlier date\n"},
		{"at with from", dir, []string{"diff", "--from", "2016", "--at", "2017"}, "gapcheck: --at with --from: want --from and --to, the two dates to compare\n"},
		{"bad from", dir, []string{"diff", "--from", "2016-02-30"}, "gapcheck: --from 2016-02-30: want a date as YYYY-MM-DD, or YYYY-MM or YYYY for its last day\n"},
		{"to before from", dir, []string{"diff", "--from", "2016-03", "--to", "2016-01-01"}, "gapcheck: --to 2016-01-01 is before --from 2016-03: want the later date last\n"},
		{"from after as_of", dir, []string{"diff", "--from", "2017"}, "gapcheck: --from 2017 is after profiles/belgium.yaml's as_of 2016-03-01, the default --to: give --to, the later date\n"},
		{"bad at", dir, []string{"diff", "--base", "main", "--at", "March"}, "gapcheck: --at March: want a date as YYYY-MM-DD, or YYYY-MM or YYYY for its last day\n"},
		{"bad ref", dir, []string{"diff", "--base", "nope"}, "gapcheck: --base: \"nope\" is not a commit in this repository\n"},
		{"not a git repository", notRepo, []string{"diff", "--base", "main"},
			"gapcheck: diff: the working directory is not in a git work tree; run diff in a clone of the repository that holds the profiles\n"},
		{"waivers checked first", notRepo, []string{"diff", "--base", "main", "--waivers", "bad-waivers.yaml"},
			"gapcheck: bad-waivers.yaml:2:5: waivers[0]: missing required key \"country\"\n" +
				"gapcheck: bad-waivers.yaml:2:5: waivers[0]: missing required key \"expires\"\n" +
				"gapcheck: bad-waivers.yaml:2:5: waivers[0]: missing required key \"justification\"\n" +
				"gapcheck: bad-waivers.yaml:2:5: waivers[0]: missing required key \"owner\"\n"},
		{"unknown format", dir, []string{"diff", "--base", "main", "--format", "csv"}, "gapcheck: unknown diff format \"csv\": want one of github, json, junit, markdown, sarif, table\n"},
		{"missing path", dir, []string{"diff", "--base", "main", "nope"}, "gapcheck: read nope: no such file or directory, at main nor in the working tree\n"},
		{"invalid base profile", broken, []string{"diff", "--base", "main"},
			"gapcheck: main:profiles/belgium.yaml:76:13: prum.fingerprints.status: invalid value \"maybe\"; want one of operational, authorised, not_operational, unknown\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.dir, nil, tt.args...)
			if got.code != ExitInvalid || got.stderr != tt.stderr || got.stdout != "" {
				t.Errorf("exit %d, stdout %q\nstderr: %q\n  want: %q", got.code, got.stdout, got.stderr, tt.stderr)
			}
		})
	}

	t.Run("invalid working profile", func(t *testing.T) {
		edit(t, filepath.Join(dir, "profiles/france.yaml"), "status: not_connected", "status: unplugged")
		got := run(t, dir, nil, "diff", "--base", "main")
		if got.code != ExitInvalid || !strings.HasPrefix(got.stderr, "gapcheck: profiles/france.yaml:110:13: ecris.connection.status: invalid value \"unplugged\"") {
			t.Errorf("exit %d, stderr %q", got.code, got.stderr)
		}
	})
}

// TestDiffSameStateTwice: every working profile is validated, not only the changed
// ones, so a copy of an unchanged profile is caught.
func TestDiffSameStateTwice(t *testing.T) {
	dir := diffRepo(t)
	writeFile(t, filepath.Join(dir, "profiles/belgique.yaml"), fixtureProfile(t, "belgium.yaml"))
	got := run(t, dir, nil, "diff", "--base", "main")
	want := "gapcheck: profiles/belgium.yaml:6:10: country: country BE is also profiled in profiles/belgique.yaml; want one profile per state, or a unit for each part of a state\n"
	if got.code != ExitInvalid || got.stderr != want {
		t.Errorf("exit %d\nstderr: %q\n  want: %q", got.code, got.stderr, want)
	}
}

// hasLine reports whether out has a line that is fields, spaces aside: the table
// aligns its columns over the whole run, so their widths depend on every change.
func hasLine(out, fields string) bool {
	for line := range strings.Lines(out) {
		if strings.Join(strings.Fields(line), " ") == fields {
			return true
		}
	}
	return false
}

// TestDiffThresholdFromCommandLineOnly: a pull request's own .gapcheck.yaml or a
// GAPCHECK_ variable of its workflow must not lower the gate: diff refuses
// fail-on and fail-on-unknown from them, as it refuses policy.
func TestDiffThresholdFromCommandLineOnly(t *testing.T) {
	dir := diffRepo(t)
	changeProfiles(t, dir)
	const refused = "so its threshold must be given on the command line"
	writeFile(t, filepath.Join(dir, ".gapcheck.yaml"), "fail-on: never\n")
	if got := run(t, dir, nil, "diff", "--base", "main"); got.code != ExitInvalid || !strings.Contains(got.stderr, refused) || got.stdout != "" {
		t.Errorf("fail-on in .gapcheck.yaml: exit %d, stdout %q, stderr %q", got.code, got.stdout, got.stderr)
	}
	if err := os.Remove(filepath.Join(dir, ".gapcheck.yaml")); err != nil {
		t.Fatal(err)
	}
	for _, env := range []map[string]string{{"GAPCHECK_FAIL_ON": "never"}, {"GAPCHECK_FAIL_ON_UNKNOWN": "false"}} {
		if got := run(t, dir, env, "diff", "--base", "main"); got.code != ExitInvalid || !strings.Contains(got.stderr, refused) {
			t.Errorf("%v: exit %d, stderr %q", env, got.code, got.stderr)
		}
	}
	if got := run(t, dir, nil, "diff", "--base", "main", "--fail-on", "never"); got.code != ExitOK {
		t.Errorf("--fail-on never on the command line: exit %d, stderr %q", got.code, got.stderr)
	}
	// check keeps taking them from the config: it gates nothing it runs in.
	writeFile(t, filepath.Join(dir, ".gapcheck.yaml"), "fail-on: never\n")
	if got := run(t, dir, nil, "check", "profiles/"); got.code != ExitOK {
		t.Errorf("check with fail-on: never in .gapcheck.yaml: exit %d, stderr %q", got.code, got.stderr)
	}
}
