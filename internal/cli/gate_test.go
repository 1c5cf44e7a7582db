package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/gittest"
	"github.com/gapcheck/gapcheck/internal/render"
)

// The tests of issue 11, "a CI gate that cannot be fooled, and output that cannot
// be hijacked": each runs the real gapcheck binary, as CI and a hostile pull
// request would, and fails if its defect comes back.

var bin struct {
	once sync.Once
	path string
	err  error
}

// gapcheckBinary builds gapcheck once per test run.
func gapcheckBinary(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build gapcheck")
	}
	bin.once.Do(func() {
		dir, err := os.MkdirTemp("", "gapcheck-bin-")
		if err != nil {
			bin.err = err
			return
		}
		bin.path = filepath.Join(dir, "gapcheck")
		out, err := exec.Command(gobin, "build", "-o", bin.path, "github.com/gapcheck/gapcheck/cmd/gapcheck").CombinedOutput()
		if err != nil {
			bin.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if bin.err != nil {
		t.Fatal(bin.err)
	}
	return bin.path
}

// runBin runs the binary in dir with the environment less GAPCHECK_* and
// GITHUB_STEP_SUMMARY, plus env; it fails the test after limit.
func runBin(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	return runBinLimit(t, 60*time.Second, dir, env, args...)
}

func runBinLimit(t *testing.T, limit time.Duration, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(gapcheckBinary(t), args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GAPCHECK_") && !strings.HasPrefix(kv, "GITHUB_STEP_SUMMARY=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Fatalf("gapcheck %s: still running after %s", strings.Join(args, " "), limit)
	}
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, stdout.String(), stderr.String()}
}

// replaceOnce returns s with old replaced by new once; old must be there.
func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("no %q", old)
	}
	return strings.Replace(s, old, new, 1)
}

// commitAll commits everything in dir.
func commitAll(t *testing.T, dir, msg string) {
	t.Helper()
	gittest.Git(t, dir, "add", "-A")
	gittest.Git(t, dir, "commit", "-q", "-m", msg)
}

// Item 2: a change that loses evidence (a judged finding becomes unknown) or
// removes a profile fails the gate by default, at its severity; only
// --accept-lost-evidence, on the command line, accepts it. A deadline passing
// (not_yet_due -> unknown) is no lost evidence.
func TestGateLostEvidenceFails(t *testing.T) {
	dir := diffRepo(t)
	be := filepath.Join(dir, "profiles/belgium.yaml")
	edit(t, be, ftfNone, "  ftf_database:\n    status: unknown\n") // gap -> unknown, medium

	got := runBin(t, dir, nil, "diff", "--base", "HEAD")
	if got.code != ExitFail || !hasLine(got.stdout, "status changed (worse; fails) national-ftf-database medium gap -> unknown profiles/belgium.yaml:149") {
		t.Errorf("gap -> unknown: exit %d, want 1:\n%s%s", got.code, got.stdout, got.stderr)
	}
	if got := runBin(t, dir, nil, "diff", "--base", "HEAD", "--fail-on", "high"); got.code != ExitOK {
		t.Errorf("a medium finding at --fail-on high: exit %d, want 0", got.code)
	}
	if got := runBin(t, dir, nil, "diff", "--base", "HEAD", "--accept-lost-evidence"); got.code != ExitOK ||
		!strings.Contains(got.stdout, "1 lost evidence (accepted by --accept-lost-evidence)") {
		t.Errorf("accepted: exit %d, want 0:\n%s", got.code, got.stdout)
	}
	// The checkout cannot accept it for the gate: not from its config, not from the
	// environment.
	writeFile(t, filepath.Join(dir, ".gapcheck.yaml"), "accept-lost-evidence: true\n")
	if got := runBin(t, dir, nil, "diff", "--base", "HEAD"); got.code != ExitInvalid || !strings.Contains(got.stderr, `unknown setting "accept-lost-evidence"`) {
		t.Errorf("from the config file: exit %d, stderr %q; want 2", got.code, got.stderr)
	}
	os.Remove(filepath.Join(dir, ".gapcheck.yaml"))
	if got := runBin(t, dir, []string{"GAPCHECK_ACCEPT_LOST_EVIDENCE=true"}, "diff", "--base", "HEAD"); got.code != ExitFail {
		t.Errorf("from the environment: exit %d, want 1 (the variable is no setting)", got.code)
	}

	// git rm of a profile.
	gittest.Git(t, dir, "checkout", "-q", "--", ".")
	germany := countsSaid(statusCounts(t, dir, "profiles/germany.yaml"))
	gittest.Git(t, dir, "rm", "-q", "profiles/germany.yaml")
	got = runBin(t, dir, nil, "diff", "--base", "HEAD", "--fail-on", "critical")
	if got.code != ExitFail || !strings.Contains(got.stdout, "profile removed: profiles/germany.yaml (had "+germany+"); its evidence is lost (fails the run)") {
		t.Errorf("profile removed: exit %d, want 1:\n%s", got.code, got.stdout)
	}
	if got := runBin(t, dir, nil, "diff", "--base", "HEAD", "--accept-lost-evidence"); got.code != ExitOK {
		t.Errorf("profile removed, accepted: exit %d, want 0", got.code)
	}
	if got := runBin(t, dir, nil, "diff", "--base", "HEAD", "--fail-on", "never"); got.code != ExitOK {
		t.Errorf("--fail-on never: exit %d, want 0", got.code)
	}

	// Over time, deadlines pass: not_yet_due -> unknown is worse, and fails only
	// with --fail-on-unknown, in diff --from/--to as in diff --base.
	got = runBin(t, dir, nil, "diff", "--from", "2016-03-01", "--to", "2016-12-31", "profiles/belgium.yaml")
	if got.code != ExitOK || !hasLine(got.stdout, "status changed (worse) border-sltd-checks critical not yet due -> unknown profiles/belgium.yaml:112") {
		t.Errorf("deadline passed: exit %d, want 0:\n%s", got.code, got.stdout)
	}
	if got := runBin(t, dir, nil, "diff", "--from", "2016-03-01", "--to", "2016-12-31", "--fail-on-unknown", "profiles/belgium.yaml"); got.code != ExitFail {
		t.Errorf("deadline passed, --fail-on-unknown: exit %d, want 1", got.code)
	}
}

// Item 3: waivers added, changed and removed by the change are listed in their own
// section of every format, with file:line, and annotated in SARIF and GitHub
// output; the exit rule is unchanged (a waived gap does not fail).
func TestGateWaiverChanges(t *testing.T) {
	dir := diffRepo(t)
	waivers := `waivers:
  - recommendation: sis-connected
    country: BE
    justification: Old waiver.
    owner: ann
    expires: 2999-12-31
  - recommendation: prum-dna
    country: FR
    justification: To be removed.
    owner: bob
    expires: 2999-12-31
`
	writeFile(t, filepath.Join(dir, "waivers.yaml"), waivers)
	commitAll(t, dir, "waivers")
	edit(t, filepath.Join(dir, "profiles/france.yaml"), ecrisConnected, ecrisNotConnected)
	writeFile(t, filepath.Join(dir, "waivers.yaml"), `waivers:
  - recommendation: sis-connected
    country: BE
    justification: Changed waiver.
    owner: ann
    expires: 2999-12-31
  - recommendation: ecris-connected
    country: FR
    justification: Hides the gap this change opens.
    owner: mallory
    expires: 2999-12-31
`)
	args := []string{"diff", "--base", "HEAD", "--waivers", "waivers.yaml"}
	got := runBin(t, dir, nil, append(args, "--format", "table")...)
	if got.code != ExitOK {
		t.Fatalf("exit %d, want 0 (the gap is waived):\n%s%s", got.code, got.stdout, got.stderr)
	}
	for _, want := range []string{
		"Waivers changed (3): they hide gaps; review them.",
		"  changed waivers.yaml:2: sis-connected in BE, by ann until 2999-12-31: Changed waiver. (was: by ann until 2999-12-31: Old waiver.)",
		"  added waivers.yaml:7: ecris-connected in FR, by mallory until 2999-12-31: Hides the gap this change opens.",
		"  removed HEAD:waivers.yaml:7: prum-dna in FR, by bob until 2999-12-31: To be removed.",
	} {
		if !strings.Contains(got.stdout, want+"\n") {
			t.Errorf("table: no line %q in:\n%s", want, got.stdout)
		}
	}
	md := runBin(t, dir, nil, append(args, "--format", "markdown")...).stdout
	if !strings.Contains(md, "### Waivers changed") || !strings.Contains(md, "| **added** | `waivers.yaml:7` | `ecris-connected` | `FR` | mallory |") {
		t.Errorf("markdown:\n%s", md)
	}
	var doc struct {
		WaiverChanges []struct {
			Kind   string
			Waiver struct {
				Recommendation string
				Location       struct {
					File string
					Line int
				}
			}
		} `json:"waiver_changes"`
	}
	if err := json.Unmarshal([]byte(runBin(t, dir, nil, append(args, "--format", "json")...).stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.WaiverChanges) != 3 || doc.WaiverChanges[1].Kind != "added" || doc.WaiverChanges[1].Waiver.Location.Line != 7 {
		t.Errorf("json waiver_changes: %+v", doc.WaiverChanges)
	}
	gh := runBin(t, dir, nil, append(args, "--format", "github")...).stdout
	if !strings.Contains(gh, "::warning file=waivers.yaml,line=7,col=5,title=waiver added%3A ecris-connected in FR::") {
		t.Errorf("github: no annotation of the added waiver:\n%s", gh)
	}
	sarif := runBin(t, dir, nil, append(args, "--format", "sarif")...).stdout
	if !strings.Contains(sarif, `"ruleId": "gapcheck-waiver-change"`) || !strings.Contains(sarif, `"uri": "waivers.yaml"`) {
		t.Errorf("sarif: no result for the waiver changes:\n%.2000s", sarif)
	}
	junit := runBin(t, dir, nil, append(args, "--format", "junit")...).stdout
	if !strings.Contains(junit, `<testsuite name="waivers" tests="3"`) {
		t.Errorf("junit: no suite of waiver changes:\n%s", junit)
	}
}

// Item 4: diff --base compares with the merge base, so that what changed on the
// base branch since the fork is not blamed on the branch; --tip compares with the
// tip; the output says which.
func TestGateMergeBase(t *testing.T) {
	dir := diffRepo(t)
	fork := gittest.Git(t, dir, "rev-parse", "HEAD")
	gittest.Git(t, dir, "checkout", "-q", "-b", "branch")
	edit(t, filepath.Join(dir, "profiles/france.yaml"), ecrisConnected, ecrisNotConnected) // the branch opens a gap
	commitAll(t, dir, "branch")
	gittest.Git(t, dir, "checkout", "-q", "main")
	edit(t, filepath.Join(dir, "profiles/belgium.yaml"), ftfNone, ftfShared) // main closes one since
	commitAll(t, dir, "main moves on")
	gittest.Git(t, dir, "checkout", "-q", "branch")

	got := runBin(t, dir, nil, "diff", "--base", "main")
	if !strings.HasPrefix(got.stdout, "gapcheck diff against main (merge base "+fork[:12]+"): 1 gap opened in 1 state.\n") || strings.Contains(got.stdout, "Belgium") {
		t.Errorf("merge base: the branch is blamed for main's change:\n%s", got.stdout)
	}
	got = runBin(t, dir, nil, "diff", "--base", "main", "--tip")
	if !strings.HasPrefix(got.stdout, "gapcheck diff against the tip of main (") || !strings.Contains(got.stdout, "Belgium (BE)") {
		t.Errorf("--tip:\n%s", got.stdout)
	}
}

// Item 5: diff sees what check sees through a symlinked profile, a symlinked
// profiles/ and refuses (exit 2) a profile in a submodule, never "no change".
func TestGateSymlinksAndSubmodules(t *testing.T) {
	gittest.Isolate(t)
	for _, layout := range []string{"file link", "directory link"} {
		t.Run(layout, func(t *testing.T) {
			dir := t.TempDir()
			gittest.Git(t, dir, "init", "-q", "-b", "main")
			writeFile(t, filepath.Join(dir, "data/belgium.yaml"), belgiumSource(t))
			if layout == "file link" {
				symlink(t, "../data/belgium.yaml", filepath.Join(dir, "profiles/belgium.yaml"))
			} else {
				symlink(t, "data", filepath.Join(dir, "profiles"))
			}
			commitAll(t, dir, "base")
			edit(t, filepath.Join(dir, "data/belgium.yaml"), "    status: connected\n", "    status: not_connected\n")
			if got := runBin(t, dir, nil, "check", "profiles"); got.code != ExitFail {
				t.Fatalf("check: exit %d", got.code)
			}
			got := runBin(t, dir, nil, "diff", "--base", "HEAD")
			if got.code != ExitFail || !strings.Contains(got.stdout, "gap opened (worse; fails)  ecris-connected") {
				t.Errorf("diff: exit %d, want 1:\n%s%s", got.code, got.stdout, got.stderr)
			}
		})
	}
	t.Run("submodule", func(t *testing.T) {
		inner := t.TempDir()
		gittest.Git(t, inner, "init", "-q", "-b", "main")
		writeFile(t, filepath.Join(inner, "belgium.yaml"), belgiumSource(t))
		commitAll(t, inner, "inner")
		dir := t.TempDir()
		gittest.Git(t, dir, "init", "-q", "-b", "main")
		writeFile(t, filepath.Join(dir, "profiles/france.yaml"), fixtureProfile(t, "france.yaml"))
		gittest.Git(t, dir, "-c", "protocol.file.allow=always", "submodule", "add", "-q", inner, "profiles/be")
		commitAll(t, dir, "base")
		got := runBin(t, dir, nil, "diff", "--base", "HEAD")
		if got.code != ExitInvalid || got.stderr != "gapcheck: HEAD: readdir profiles/be: a git submodule: its files are not in this commit\n" {
			t.Errorf("exit %d, stderr %q; want 2", got.code, got.stderr)
		}
	})
}

// Item 6: diff only reads git: the index is byte for byte the same after a diff
// run on a work tree whose files were touched (which is when porcelain git diff
// would refresh and rewrite the index: checked on a copy, so the test can fail).
func TestGateDiffNeverWritesTheIndex(t *testing.T) {
	dir := diffRepo(t)
	later := time.Now().Add(time.Hour)
	for _, f := range []string{"README.md", "profiles/austria.yaml"} {
		if err := os.Chtimes(filepath.Join(dir, f), later, later); err != nil {
			t.Fatal(err)
		}
	}
	index := filepath.Join(dir, ".git/index")
	before, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	// The setup can catch a write: porcelain git diff rewrites this index.
	probe := t.TempDir()
	copyTree(t, dir, probe)
	for _, f := range []string{"README.md", "profiles/austria.yaml"} {
		os.Chtimes(filepath.Join(probe, f), later, later)
	}
	gittest.Git(t, probe, "diff", "HEAD", "--stat")
	if after, _ := os.ReadFile(filepath.Join(probe, ".git/index")); bytes.Equal(after, before) {
		t.Fatal("porcelain git diff did not rewrite the index of the copy: the test cannot tell")
	}

	for _, args := range [][]string{{"diff", "--base", "HEAD"}, {"diff", "--base", "main", "--tip"}, {"diff", "--base", "main", "--format", "sarif"}} {
		runBin(t, dir, nil, args...)
		if after, _ := os.ReadFile(index); !bytes.Equal(after, before) {
			t.Fatalf("gapcheck %s rewrote .git/index", strings.Join(args, " "))
		}
	}
}

// commandLine matches a line that GitHub Actions reads as a workflow command:
// "::" after leading white space, or the legacy "##[" anywhere.
func workflowCommand(line string) bool {
	return strings.HasPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "::") || strings.Contains(line, "##[")
}

// checkNoInjection fails when data made a line of its own in out: a line that is
// a workflow command but not one of gapcheck's (which start with "::error file=",
// "::warning file=" or "::notice file=" at the very start of a line), a raw
// escape or BEL, or the marker INJECTED at the start of a line.
func checkNoInjection(t *testing.T, what, out string) {
	t.Helper()
	own := regexp.MustCompile(`^::(error|warning|notice) (file=[^,:]*,)?`)
	for _, line := range strings.Split(out, "\n") {
		if workflowCommand(line) && !own.MatchString(line) {
			t.Errorf("%s: data made a workflow command: %q", what, line)
		}
		if strings.ContainsAny(line, "\x1b\a\x00\u009b\r") {
			t.Errorf("%s: a control character reached the output: %q", what, line)
		}
		if strings.HasPrefix(strings.TrimSpace(line), "INJECTED") {
			t.Errorf("%s: data made a line of its own: %q", what, line)
		}
	}
}

// Item 7: profile, waiver and policy data never makes a line or a workflow command
// of its own, in any format, on stdout or stderr.
func TestGateNoWorkflowCommandInjection(t *testing.T) {
	dir := t.TempDir()
	be := belgiumSource(t)
	writeFile(t, filepath.Join(dir, "hostile.yaml"), replaceOnce(t, be, "name: Belgium", `name: "Bel ::error file=README.md::INJECTED ##[error]INJECTED"`))
	writeFile(t, filepath.Join(dir, "waivers.yaml"), `waivers:
  - recommendation: national-ftf-database
    country: BE
    justification: "fine\n::error file=README.md::INJECTED\n##[warning]INJECTED"
    owner: "me ##[error]x"
    expires: 2999-12-31
`)
	// A policy of the checkout's own, whose messages carry line breaks and escapes.
	writeFile(t, filepath.Join(dir, "pol/gapcheck/rules/x/evil/evil.rego"), `# METADATA
# title: "Evil\n::error::INJECTED"
# description: A hostile policy.
# related_resources:
#   - ref: https://example.org/
#     description: x
# custom:
#   severity: high
#   legal_basis: none
#   reads: [prum.dna]
package gapcheck.rules.x.evil

result := {"status": "unknown", "message": "x\n::error file=README.md::INJECTED\n\u001b]0;PWNED\u0007\u001b[2J", "paths": ["prum.dna"]}
`)
	for _, format := range []string{"table", "github", "markdown", "junit", "sarif"} {
		got := runBin(t, dir, nil, "--format", format, "--waivers", "waivers.yaml", "--policy", "pol", "hostile.yaml")
		if got.code != ExitOK { // the one gap is waived
			t.Errorf("%s: exit %d: %s", format, got.code, got.stderr)
		}
		checkNoInjection(t, format+" stdout", got.stdout)
		checkNoInjection(t, format+" stderr", got.stderr)
	}
	// Wrapped in a narrow table, data never starts a line with "::".
	got := runBin(t, dir, nil, "--format", "table", "--policy", "pol", "hostile.yaml")
	checkNoInjection(t, "table", got.stdout)

	// A file name with a line break is refused, named on one line.
	name := "x\n::error file=README.md::INJECTED.yaml"
	writeFile(t, filepath.Join(dir, "d", name), be)
	for _, args := range [][]string{{"--format", "github", "d"}, {"validate", "d"}, {"--format", "github", filepath.Join("d", name)}} {
		got := runBin(t, dir, nil, args...)
		if got.code != ExitInvalid || strings.Count(got.stderr, "\n") != 1 || !strings.Contains(got.stderr, `x\n::error file=README.md::INJECTED.yaml`) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and the name quoted on one line", args, got.code, got.stderr)
		}
		checkNoInjection(t, "file name", got.stdout+got.stderr)
	}

	// diff messages.
	repo := diffRepo(t)
	writeFile(t, filepath.Join(repo, "profiles/belgium.yaml"), replaceOnce(t, replaceOnce(t, be, "name: Belgium", `name: "Bel ::warning::INJECTED"`), ftfNone, ftfShared))
	for _, format := range []string{"table", "github", "markdown", "junit", "sarif"} {
		got := runBin(t, repo, nil, "diff", "--base", "main", "--format", format)
		checkNoInjection(t, "diff "+format, got.stdout+got.stderr)
	}
}

// Item 8: control characters written through YAML escapes are refused after
// decoding (exit 2, file:line:col), in profiles, waivers and config alike.
func TestGateControlCharactersRefused(t *testing.T) {
	dir := t.TempDir()
	be := belgiumSource(t)
	for i, esc := range []string{`\e]0;PWNED\a\e[31mgium\e[2J`, `\x1b[31m`, `\u001b[2J`, `\u009b2J`, `\a`, `\0`} {
		f := fmt.Sprintf("p%d.yaml", i)
		writeFile(t, filepath.Join(dir, f), replaceOnce(t, be, "name: Belgium", `name: "Bel`+esc+`"`))
		for _, cmd := range []string{"validate", "check"} {
			got := runBin(t, dir, nil, cmd, f)
			if got.code != ExitInvalid || !strings.HasPrefix(got.stderr, "gapcheck: "+f+":7:7: name: character U+") || strings.ContainsAny(got.stdout+got.stderr, "\x1b\a\x00\u009b") {
				t.Errorf("%s %s (%s): exit %d, stderr %q", cmd, f, esc, got.code, got.stderr)
			}
		}
	}
	writeFile(t, filepath.Join(dir, "key.yaml"), be+"\"pr\\x1b[2Jum\": 1\n")
	if got := runBin(t, dir, nil, "validate", "key.yaml"); got.code != ExitInvalid || !strings.Contains(got.stderr, `key "pr\x1b[2Jum": character U+001B`) {
		t.Errorf("key: exit %d, stderr %q", got.code, got.stderr)
	}
	writeFile(t, filepath.Join(dir, "b.yaml"), be)
	for field, value := range map[string]string{"justification": `"x\e]0;PWNED\a"`, "owner": `"me\u009b2J"`} {
		w := "waivers:\n  - recommendation: prum-dna\n    country: BE\n    justification: ok\n    owner: me\n    expires: 2999-12-31\n"
		w = strings.Replace(w, field+": "+map[string]string{"justification": "ok", "owner": "me"}[field], field+": "+value, 1)
		writeFile(t, filepath.Join(dir, "w.yaml"), w)
		if got := runBin(t, dir, nil, "--waivers", "w.yaml", "b.yaml"); got.code != ExitInvalid || !strings.Contains(got.stderr, "w.yaml:") || !strings.Contains(got.stderr, "waivers[0]."+field+": character U+") {
			t.Errorf("waiver %s: exit %d, stderr %q", field, got.code, got.stderr)
		}
	}
	writeFile(t, filepath.Join(dir, ".gapcheck.yaml"), "format: \"table\\e[2J\"\n")
	if got := runBin(t, dir, nil, "b.yaml"); got.code != ExitInvalid || !strings.HasPrefix(got.stderr, "gapcheck: .gapcheck.yaml:1:9: format: character U+001B") {
		t.Errorf("config: exit %d, stderr %q", got.code, got.stderr)
	}
}

// snapshotFile is a file's bytes, for checking that nothing wrote it.
func snapshotFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Item 9: an --output that is one of the run's inputs, by whatever name, is
// refused before anything is evaluated.
func TestGateOutputIsNeverAnInput(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b.yaml"), belgiumSource(t))
	writeFile(t, filepath.Join(dir, "profiles/france.yaml"), fixtureProfile(t, "france.yaml"))
	writeFile(t, filepath.Join(dir, "w.yaml"), "waivers: []\n")
	if err := os.CopyFS(filepath.Join(dir, "pol"), os.DirFS(filepath.Join(moduleRoot, "policies"))); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(filepath.Join(dir, "b.yaml"), filepath.Join(dir, "hardlink.yaml")); err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(dir, "b.yaml")
	tests := [][]string{
		{"--output", "json=b.yaml", "b.yaml"},
		{"--output", "json=./b.yaml", "b.yaml"},
		{"--output", "json=" + abs, "b.yaml"},
		{"--output", "json=hardlink.yaml", "b.yaml"},
		{"--output", "json=profiles/france.yaml", "profiles"},
		{"--output", "json=profiles/new.yaml", "profiles/"},
		{"--output", "json=w.yaml", "--waivers", "w.yaml", "b.yaml"},
		{"--output", "json=pol/gapcheck/main/main.rego", "--policy", "pol", "b.yaml"},
		{"--output", "sarif=.gapcheck.yaml", "b.yaml"},
	}
	writeFile(t, filepath.Join(dir, ".gapcheck.yaml"), "fail-on: low\n")
	files := []string{"b.yaml", "profiles/france.yaml", "w.yaml", "pol/gapcheck/main/main.rego", ".gapcheck.yaml"}
	before := map[string][]byte{}
	for _, f := range files {
		before[f] = snapshotFile(t, filepath.Join(dir, f))
	}
	for _, args := range tests {
		got := runBin(t, dir, nil, args...)
		if got.code != ExitInvalid || got.stdout != "" || !strings.Contains(got.stderr, ", an input of this run") {
			t.Errorf("%v: exit %d, stdout %.40q, stderr %q; want 2, nothing evaluated", args, got.code, got.stdout, got.stderr)
		}
	}
	for _, f := range files {
		if !bytes.Equal(before[f], snapshotFile(t, filepath.Join(dir, f))) {
			t.Errorf("%s was written", f)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "profiles/new.yaml")); err == nil {
		t.Error("profiles/new.yaml was written into an input directory")
	}
}

// Item 10: an --output that is not a regular file (a device, a FIFO, a symbolic
// link) is refused before the run: gapcheck replaces files atomically and would
// turn the device into a regular file.
func TestGateOutputNonRegularRefused(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b.yaml"), belgiumSource(t))
	writeFile(t, filepath.Join(dir, "target.json"), "keep\n")
	symlink(t, "target.json", filepath.Join(dir, "link.json"))
	mkfifo(t, filepath.Join(dir, "fifo.json"))
	targets := []string{"link.json", "fifo.json"}
	// A device node of our own, like /dev/full, so that a regression replaces
	// nothing of the machine's (as root only).
	if mkdevice(filepath.Join(dir, "full")) {
		targets = append(targets, "full")
	}
	for _, target := range targets {
		got := runBinLimit(t, 20*time.Second, dir, nil, "--output", "json="+target, "b.yaml")
		if got.code != ExitInvalid || got.stdout != "" {
			t.Errorf("%s: exit %d, stderr %q; want 2 before the run", target, got.code, got.stderr)
		}
		info, err := os.Lstat(filepath.Join(dir, target))
		if err != nil || info.Mode().IsRegular() {
			t.Errorf("%s was replaced by a regular file (%v)", target, err)
		}
	}
	if b := snapshotFile(t, filepath.Join(dir, "target.json")); string(b) != "keep\n" {
		t.Errorf("the link's target was written: %q", b)
	}
}

// Item 11: a bad --output directory is found before the report is printed.
func TestGateOutputDirectoryCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b.yaml"), belgiumSource(t))
	writeFile(t, filepath.Join(dir, "afile"), "x")
	for _, target := range []string{"/proc/gapcheck.json", "afile/x.json", "nodir/x.json"} {
		got := runBin(t, dir, nil, "--output", "json="+target, "b.yaml")
		if got.code != ExitInvalid || got.stdout != "" {
			t.Errorf("%s: exit %d, stdout %.60q, stderr %q; want 2 and no report", target, got.code, got.stdout, got.stderr)
		}
	}
}

// tempFiles lists the atomic writes' temporary files left in dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") || strings.HasPrefix(e.Name(), ".gapcheck-probe-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// Item 11: a run interrupted by SIGTERM or SIGINT, once or twice, at any moment,
// leaves no temporary file; one stuck where no context reaches (opening a FIFO)
// still ends, with 130.
func TestGateInterruptLeavesNoTemporaryFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("signals a dozen runs")
	}
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	gapcheck := gapcheckBinary(t)
	out := t.TempDir()
	args := []string{"--format", "json", "--fail-on", "never"}
	for i := range 8 {
		args = append(args, "--output", fmt.Sprintf("json=%s/r%d.json", out, i))
	}
	args = append(args, "profiles")
	for i := range 12 {
		cmd := exec.Command(gapcheck, args...)
		cmd.Dir = moduleRoot
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(20+i*25) * time.Millisecond)
		sig := []os.Signal{syscall.SIGTERM, os.Interrupt}[i%2]
		cmd.Process.Signal(sig)
		if i%3 == 0 {
			cmd.Process.Signal(sig) // a second signal: end now
		}
		err := cmd.Wait()
		var ee *exec.ExitError
		// A signal before gapcheck installed its handler (at start-up, on a busy
		// machine) kills it before it wrote anything: that too leaves no file.
		killed := errors.As(err, &ee) && ee.ProcessState.Sys().(syscall.WaitStatus).Signaled()
		if err != nil && !killed && (!errors.As(err, &ee) || ee.ExitCode() != ExitInterrupted) {
			t.Errorf("run %d: %v; want exit 0 (done before the signal) or %d", i, err, ExitInterrupted)
		}
		if left := tempFiles(t, out); len(left) > 0 {
			t.Fatalf("run %d left %v", i, left)
		}
	}

	dir := t.TempDir()
	mkfifo(t, filepath.Join(dir, "stuck.yaml"))
	cmd := exec.Command(gapcheck, "validate", "stuck.yaml")
	cmd.Dir = dir
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != ExitInterrupted {
			t.Errorf("stuck run: %v, want exit %d", err, ExitInterrupted)
		}
		if d := time.Since(start); d > interruptGrace+2*time.Second {
			t.Errorf("stuck run ended %s after SIGTERM", d)
		}
	case <-time.After(interruptGrace + 10*time.Second):
		cmd.Process.Kill()
		t.Error("a run stuck opening a FIFO did not end on SIGTERM")
	}
}

// hostilePolicy is a policy directory whose one recommendation computes value.
func hostilePolicy(t *testing.T, dir, value string) string {
	t.Helper()
	pol := filepath.Join(dir, "hostile")
	writeFile(t, filepath.Join(pol, "gapcheck/rules/x/boom/boom.rego"), `# METADATA
# title: Boom
# description: A hostile policy.
# related_resources:
#   - ref: https://example.org/
#     description: x
# custom:
#   severity: low
#   legal_basis: none
#   reads: [prum.dna]
package gapcheck.rules.x.boom

result := {"status": "unknown", "message": `+value+`, "paths": ["prum.dna"]}
`)
	return pol
}

// Item 12: a hostile policy is bounded in time and memory even inside builtins
// OPA cannot interrupt (yaml.marshal of 3 million items): the run ends cleanly
// with exit 2 and one line, no out-of-memory crash or goroutine dump; clock
// builtins are refused at compile time.
func TestGateHostilePolicyBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("runs policies that allocate gigabytes")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b.yaml"), belgiumSource(t))
	pol := hostilePolicy(t, dir, "yaml.marshal(numbers.range(1, 3000000))")

	start := time.Now()
	got := runBinLimit(t, 60*time.Second, dir, nil, "--policy", pol, "--timeout", "2s", "b.yaml")
	if d := time.Since(start); got.code != ExitInvalid || d > 8*time.Second ||
		got.stderr != "gapcheck: evaluate b.yaml: evaluation took longer than the limit of 2s\n" {
		t.Errorf("time: exit %d after %s, stderr %q; want 2 soon after 2s, one line", got.code, d, got.stderr)
	}
	got = runBinLimit(t, 60*time.Second, dir, nil, "--policy", pol, "--timeout", "60s", "--max-memory", "300MiB", "b.yaml")
	if got.code != ExitInvalid || !strings.Contains(got.stderr, "grew past the limit of 300MiB (--max-memory)") || strings.Contains(got.stderr, "goroutine") {
		t.Errorf("memory: exit %d, stderr %.500q; want 2, one line", got.code, got.stderr)
	}

	for _, builtin := range []string{"crypto.x509.parse_and_verify_certificates(\"\")", "crypto.x509.parse_and_verify_certificates_with_options(\"\", {})", "time.now_ns()"} {
		pol := hostilePolicy(t, t.TempDir(), "sprintf(\"%v\", ["+builtin+"])")
		got := runBin(t, dir, nil, "--policy", pol, "b.yaml")
		if got.code != ExitInvalid || !strings.Contains(got.stderr, "undefined function") {
			t.Errorf("%s: exit %d, stderr %q; want it refused", builtin, got.code, got.stderr)
		}
	}
}

// Item 14: only officially assigned ISO 3166-1 alpha-2 codes are countries.
func TestGateCountryCodes(t *testing.T) {
	dir := t.TempDir()
	for _, code := range []string{"UN", "EZ", "XK", "AC", "CP", "CQ", "DG", "EA", "IC", "TA", "EU", "AN", "QO"} {
		writeFile(t, filepath.Join(dir, "p.yaml"), replaceOnce(t, belgiumSource(t), "country: BE", "country: "+code))
		got := runBin(t, dir, nil, "validate", "p.yaml")
		if got.code != ExitInvalid || !strings.Contains(got.stderr, `country: "`+code+`" is not an ISO 3166-1 alpha-2 country code`) {
			t.Errorf("%s: exit %d, stderr %q", code, got.code, got.stderr)
		}
	}
}

// Item 15: the config file's refusals, through the binary.
func TestGateConfigRefusals(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b.yaml"), belgiumSource(t))
	for name, tt := range map[string]struct {
		config string
		env    []string
		args   []string
		stderr string
	}{
		"mapping policy":     {config: "policy:\n  a: b\n", args: []string{"b.yaml"}, stderr: "gapcheck: c.yaml:2:3: policy: got a mapping; want a value or a list of values\n"},
		"mapping output":     {config: "output:\n  json: x\n", args: []string{"b.yaml"}, stderr: "gapcheck: c.yaml:2:3: output: got a mapping; want a value or a list of values\n"},
		"scalar with spaces": {config: "policy: a b\n", args: []string{"b.yaml"}, stderr: "gapcheck: --policy a b: no such file or directory\n"},
		"env with spaces":    {env: []string{"GAPCHECK_POLICY=a b"}, args: []string{"b.yaml"}, stderr: "gapcheck: --policy a b: no such file or directory\n"},
		"zero":               {args: []string{"--config", "/dev/zero", "b.yaml"}, stderr: "gapcheck: /dev/zero: config file is larger than the limit of 1048576 bytes\n"},
		"test, missing":      {args: []string{"test", "--config", "/nonexistent.yaml"}, stderr: "gapcheck: read config: open /nonexistent.yaml: no such file or directory\n"},
	} {
		t.Run(name, func(t *testing.T) {
			args := tt.args
			if tt.config != "" {
				writeFile(t, filepath.Join(dir, "c.yaml"), tt.config)
				args = append([]string{"--config", "c.yaml"}, args...)
			}
			got := runBinLimit(t, 20*time.Second, dir, tt.env, args...)
			if got.code != ExitInvalid || got.stderr != tt.stderr {
				t.Errorf("exit %d, stderr %q; want 2, %q", got.code, got.stderr, tt.stderr)
			}
		})
	}
}

// Item 16: a symlinked directory of profiles is followed (a loop is an error);
// gapcheck fmt refuses a FIFO and a link to a device instead of blocking or
// reading forever.
func TestGateLinksFIFOsAndFmt(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "data/sub/belgium.yaml"), belgiumSource(t))
	writeFile(t, filepath.Join(dir, "profiles/france.yaml"), fixtureProfile(t, "france.yaml"))
	symlink(t, "../data/sub", filepath.Join(dir, "profiles/linked"))
	if got := runBin(t, dir, nil, "validate", "profiles"); got.code != ExitOK || got.stdout != "2 profile(s) valid; no policy evaluated\n" {
		t.Errorf("symlinked subdirectory: exit %d, %q %q", got.code, got.stdout, got.stderr)
	}
	symlink(t, "..", filepath.Join(dir, "data/sub/up"))
	if got := runBin(t, dir, nil, "validate", "profiles"); got.code != ExitInvalid || !strings.Contains(got.stderr, "symbolic links loop back") {
		t.Errorf("loop: exit %d, stderr %q", got.code, got.stderr)
	}
	pol := filepath.Join(dir, "pol")
	writeFile(t, filepath.Join(pol, "ok.rego"), "package ok\n")
	mkfifo(t, filepath.Join(pol, "fifo.rego"))
	if got := runBinLimit(t, 20*time.Second, dir, nil, "fmt", "--check", "pol"); got.code != ExitInvalid || got.stderr != "gapcheck: read pol/fifo.rego: not a regular file\n" {
		t.Errorf("fmt FIFO: exit %d, stderr %q", got.code, got.stderr)
	}
	os.Remove(filepath.Join(pol, "fifo.rego"))
	symlink(t, "/dev/zero", filepath.Join(pol, "zero.rego"))
	if got := runBinLimit(t, 20*time.Second, dir, nil, "fmt", "--check", "pol"); got.code != ExitInvalid || got.stderr != "gapcheck: read pol/zero.rego: not a regular file\n" {
		t.Errorf("fmt /dev/zero: exit %d, stderr %q", got.code, got.stderr)
	}
}

// Item 17: usage errors exit 2, and help that cannot be written is no success.
func TestGateUsageErrorsExit2(t *testing.T) {
	dir := t.TempDir()
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err == nil {
		cmd := exec.Command(gapcheckBinary(t), "--help")
		cmd.Stdout = full
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		full.Close()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != ExitInvalid || !strings.Contains(stderr.String(), "write to stdout: no space left on device") {
			t.Errorf("--help > /dev/full: %v, stderr %q; want exit 2", err, stderr.String())
		}
	}
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"completion", "tcsh"}, "gapcheck: completion: unknown shell \"tcsh\": want one of bash, fish, powershell, zsh\n"},
		{[]string{"completion"}, "gapcheck: completion: want a shell, one of bash, fish, powershell, zsh\n"},
		{[]string{"test", "--coverage", "--threshold", "-5"}, "gapcheck: --threshold -5: want a percentage from 0 to 100\n"},
		{[]string{"--max-memory", "lots"}, "gapcheck: --max-memory lots: want a size such as 512MiB or 4GiB\n"},
	} {
		got := runBin(t, dir, nil, tt.args...)
		if got.code != ExitInvalid || got.stderr != tt.stderr {
			t.Errorf("%v: exit %d, stderr %q; want 2, %q", tt.args, got.code, got.stderr, tt.stderr)
		}
	}
}

// Item 18: --format github over the EU annotates gaps and partial gaps, at most 10
// of each kind (what GitHub shows for a step), says what it left out, and never
// annotates unknowns; SARIF counts unknowns in the run's properties, gives rules a
// security-severity and the driver its version.
func TestGateCIOutputFitsGitHub(t *testing.T) {
	got := runBin(t, moduleRoot, nil, "--format", "github", "--fail-on", "never", "profiles")
	counts := map[string]int{}
	for _, line := range strings.Split(got.stdout, "\n") {
		if cmd, _, ok := strings.Cut(line, " "); ok && strings.HasPrefix(cmd, "::") {
			counts[cmd]++
		}
	}
	if counts["::notice"] != 0 || counts["::error"] > annotationsPerKind() || counts["::warning"] > annotationsPerKind() || counts["::error"] == 0 {
		t.Errorf("annotations: %v; want no notice, at most %d errors and warnings", counts, annotationsPerKind())
	}
	if !regexp.MustCompile(`(?m)^gapcheck: \d+ (error|warning)( and \d+ warning)? annotation\(s\) left out: GitHub shows 10 of each kind per step`).MatchString(got.stdout) {
		t.Errorf("no line says what was left out:\n%s", got.stdout)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Version string
					Rules   []struct {
						Properties map[string]any
					}
				}
			}
			Results []struct {
				Properties struct{ Status string }
			}
			Properties struct {
				Unknown []struct{ Count int }
			}
		}
	}
	sarif := runBin(t, moduleRoot, nil, "--format", "sarif", "--fail-on", "never", "profiles").stdout
	if err := json.Unmarshal([]byte(sarif), &log); err != nil {
		t.Fatal(err)
	}
	r := log.Runs[0]
	if r.Tool.Driver.Version == "" || len(r.Properties.Unknown) == 0 {
		t.Errorf("driver version %q, %d profiles with unknowns in the run's properties", r.Tool.Driver.Version, len(r.Properties.Unknown))
	}
	for _, res := range r.Results {
		if res.Properties.Status == "unknown" {
			t.Fatal("an unknown finding is a SARIF result")
		}
	}
	for _, rule := range r.Tool.Driver.Rules {
		if _, ok := rule.Properties["security-severity"]; !ok {
			t.Fatalf("a rule without security-severity: %v", rule.Properties)
		}
	}
}

func annotationsPerKind() int { return 10 }

// Item 19: diff has the CI formats and --output, and takes format and output from
// .gapcheck.yaml; validate says it ignores output.
func TestGateDiffCIFormatsAndOutput(t *testing.T) {
	dir := diffRepo(t)
	changeProfiles(t, dir)
	got := runBin(t, dir, nil, "diff", "--base", "main", "--format", "github", "--output", "sarif=diff.sarif", "--output", "junit=diff.xml", "--output", "markdown=diff.md")
	if got.code != ExitFail || !strings.Contains(got.stdout, "::error file=profiles/france.yaml,line=109,col=3,title=gap opened%3A ecris-connected::") {
		t.Errorf("github: exit %d:\n%s%s", got.code, got.stdout, got.stderr)
	}
	for _, f := range []string{"diff.sarif", "diff.xml", "diff.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("--output %s: %v", f, err)
		}
	}
	writeFile(t, filepath.Join(dir, ".gapcheck.yaml"), "format: sarif\noutput: [json=from-config.json]\n")
	got = runBin(t, dir, nil, "diff", "--base", "main")
	if got.code != ExitFail || !strings.Contains(got.stdout, `"version": "2.1.0"`) {
		t.Errorf("format: sarif from config: exit %d, %.200q %q", got.code, got.stdout, got.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "from-config.json")); err != nil {
		t.Errorf("output: from config ignored by diff: %v", err)
	}
	got = runBin(t, dir, nil, "validate", "profiles")
	if got.code != ExitOK || !strings.Contains(got.stderr, "output is not a setting of gapcheck validate; it is ignored") {
		t.Errorf("validate: exit %d, stderr %q; want a warning about output", got.code, got.stderr)
	}
}

// Item 20: an invalid profile in a CI run exits 2 and leaves an annotation and a
// SARIF file with the problem at its place.
func TestGateErrorsInCIFormats(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b.yaml"), strings.Replace(belgiumSource(t), "status: authorised", "status: maybe", 1))
	got := runBin(t, dir, nil, "--format", "github", "--output", "sarif=out.sarif", "--output", "junit=out.xml", "b.yaml")
	want := "::error file=b.yaml,line=76,col=13,title=gapcheck%3A profile::prum.fingerprints.status: invalid value \"maybe\"; want one of operational, authorised, not_operational, unknown\n"
	if got.code != ExitInvalid || got.stdout != want || !strings.HasPrefix(got.stderr, "gapcheck: b.yaml:76:13: ") {
		t.Errorf("exit %d\nstdout %q\n want  %q\nstderr %q", got.code, got.stdout, want, got.stderr)
	}
	var log struct {
		Runs []struct {
			Invocations []struct {
				ExecutionSuccessful        bool
				ToolExecutionNotifications []struct {
					Level     string
					Message   struct{ Text string }
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI string }
							Region           struct{ StartLine, StartColumn int }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(snapshotFile(t, filepath.Join(dir, "out.sarif")), &log); err != nil {
		t.Fatal(err)
	}
	inv := log.Runs[0].Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 {
		t.Fatalf("invocation: %+v", inv)
	}
	n := inv.ToolExecutionNotifications[0]
	if loc := n.Locations[0].PhysicalLocation; n.Level != "error" || loc.ArtifactLocation.URI != "b.yaml" || loc.Region.StartLine != 76 || loc.Region.StartColumn != 13 {
		t.Errorf("notification: %+v", n)
	}
	if b := snapshotFile(t, filepath.Join(dir, "out.xml")); !bytes.Contains(b, []byte(`<error message="prum.fingerprints.status: invalid value`)) {
		t.Errorf("junit: %s", b)
	}
}

// Item 21: the pre-commit hook gapcheck-check gates on what the commit makes
// worse: a commit that only adds a note to a profile with gaps passes, one that
// opens a gap fails, and only the changes are printed.
func TestGatePreCommitHook(t *testing.T) {
	var hooks []struct {
		ID    string
		Entry string
		Files string
	}
	if err := yaml.Unmarshal(snapshotFile(t, filepath.Join(moduleRoot, ".pre-commit-hooks.yaml")), &hooks); err != nil {
		t.Fatal(err)
	}
	var entry []string
	for _, h := range hooks {
		if h.ID == "gapcheck-check" {
			entry = strings.Fields(h.Entry)
		}
	}
	if len(entry) < 2 || entry[0] != "gapcheck" {
		t.Fatalf("no gapcheck-check hook: %+v", hooks)
	}
	dir := diffRepo(t) // Belgium has a gap at HEAD
	be := filepath.Join(dir, "profiles/belgium.yaml")
	edit(t, be, "    inferred: true\n", "    inferred: true\n    # reviewed again: no change\n")
	gittest.Git(t, dir, "add", "profiles/belgium.yaml")
	hook := append(entry[1:], "profiles/belgium.yaml") // pre-commit passes the staged files
	got := runBin(t, dir, nil, hook...)
	// The binary names its version as the build gave it: (devel), or a
	// pseudo-version in a clean clone.
	want := "gapcheck diff against the tip of HEAD (" + gittest.Git(t, dir, "rev-parse", "HEAD")[:12] + "): no change to any finding.\npolicies of both sides: embedded, gapcheck "
	if lines := strings.Split(got.stdout, "\n"); got.code != ExitOK || !strings.HasPrefix(got.stdout, want) || len(lines) != 3 || lines[2] != "" {
		t.Errorf("a note only: exit %d, stdout %q, stderr %q; want 0 and only the changes", got.code, got.stdout, got.stderr)
	}
	edit(t, filepath.Join(dir, "profiles/france.yaml"), ecrisConnected, ecrisNotConnected)
	gittest.Git(t, dir, "add", "profiles/france.yaml")
	got = runBin(t, dir, nil, append(entry[1:], "profiles/belgium.yaml", "profiles/france.yaml")...)
	if got.code != ExitFail || strings.Contains(got.stdout, "Belgium") || !strings.Contains(got.stdout, "France (FR)") {
		t.Errorf("a gap opened: exit %d, want 1 and only France's change:\n%s", got.code, got.stdout)
	}
}

// Item 22: orphaned waivers are reported only for the states in the run; a waiver
// of a recommendation that does not exist is an error.
func TestGateWaiverScope(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b.yaml"), belgiumSource(t))
	writeFile(t, filepath.Join(dir, "w.yaml"), "waivers:\n  - recommendation: prum-dna\n    country: FI\n    justification: Finland.\n    owner: me\n    expires: 2999-12-31\n")
	if got := runBin(t, dir, nil, "--fail-on", "never", "--waivers", "w.yaml", "b.yaml"); got.code != ExitOK || got.stderr != "" {
		t.Errorf("a waiver of FI, only BE in the run: exit %d, stderr %q; want no warning", got.code, got.stderr)
	}
	writeFile(t, filepath.Join(dir, "w.yaml"), "waivers:\n  - recommendation: prum-dnaa\n    country: BE\n    justification: Typo.\n    owner: me\n    expires: 2999-12-31\n")
	want := "gapcheck: w.yaml:2:5: waivers[0].recommendation: no recommendation \"prum-dnaa\" (did you mean \"prum-dna\"?); want the id of a recommendation (gapcheck policies lists them)\n"
	if got := runBin(t, dir, nil, "--waivers", "w.yaml", "b.yaml"); got.code != ExitInvalid || got.stderr != want || got.stdout != "" {
		t.Errorf("unknown id: exit %d, stderr %q; want 2, %q", got.code, got.stderr, want)
	}
}

// Item 24: the composite action and the README workflow pin the policies (the
// gapcheck version), expose the fail-on-unknown choice, cache the build, never
// accept lost evidence, and use only flags gapcheck has.
func TestGateActionAndWorkflow(t *testing.T) {
	var action struct {
		Inputs map[string]struct{ Default string }
		Runs   struct {
			Steps []struct {
				Uses string
				With map[string]string
				Run  string
			}
		}
	}
	raw := snapshotFile(t, filepath.Join(moduleRoot, "action.yml"))
	if err := yaml.Unmarshal(raw, &action); err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"base", "paths", "fail-on", "fail-on-unknown", "waivers", "version", "policy"} {
		if _, ok := action.Inputs[in]; !ok {
			t.Errorf("action.yml has no input %q", in)
		}
	}
	cached := false
	for _, s := range action.Runs.Steps {
		if strings.HasPrefix(s.Uses, "actions/setup-go@") && s.With["cache"] == "true" && s.With["cache-dependency-path"] != "" {
			cached = true
		}
	}
	if !cached {
		t.Error("action.yml: setup-go does not cache the build")
	}
	readme := string(snapshotFile(t, filepath.Join(moduleRoot, "README.md")))
	i := strings.Index(readme, "name: gapcheck\non: pull_request")
	if i < 0 {
		t.Fatal("no workflow in the README")
	}
	workflow := readme[i : i+strings.Index(readme[i:], "```")]
	if !strings.Contains(workflow, "cache: true") || !strings.Contains(workflow, "cmd/gapcheck@v") || strings.Contains(workflow, "@latest") {
		t.Errorf("the README workflow does not cache the build or pin gapcheck:\n%s", workflow)
	}
	for name, text := range map[string]string{"action.yml": string(raw), "README workflow": workflow} {
		if strings.Contains(text, "--accept-lost-evidence") {
			t.Errorf("%s accepts lost evidence", name)
		}
		checkGapcheckFlags(t, name, text)
	}
}

// checkGapcheckFlags checks that every "gapcheck CMD --flag" in text names a flag
// of that command.
func checkGapcheckFlags(t *testing.T, name, text string) {
	t.Helper()
	root := NewRootCmd(IOStreams{Getenv: func(string) string { return "" }})
	re := regexp.MustCompile(`gapcheck (check|diff|validate)((?: +(?:"[^"]*"|[^ \n|>]+))*)`)
	for _, m := range re.FindAllStringSubmatch(text, -1) {
		cmd, _, err := root.Find([]string{m[1]})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range regexp.MustCompile(`--([a-z-]+)`).FindAllStringSubmatch(m[2], -1) {
			if cmd.Flags().Lookup(f[1]) == nil && cmd.InheritedFlags().Lookup(f[1]) == nil && root.PersistentFlags().Lookup(f[1]) == nil {
				t.Errorf("%s: gapcheck %s has no flag --%s", name, m[1], f[1])
			}
		}
	}
}

// Item 26: the README says what diff compares: the working tree's files, committed
// or not, with the merge base.
func TestGateReadmeSaysWhatDiffCompares(t *testing.T) {
	readme := string(snapshotFile(t, filepath.Join(moduleRoot, "README.md")))
	if strings.Contains(readme, "never\nthe working tree's files") || strings.Contains(readme, "never the working tree's files") {
		t.Error("the README still says diff never reads the working tree's files")
	}
	for _, want := range []string{"uncommitted", "merge base", "--accept-lost-evidence"} {
		if !strings.Contains(readme, want) {
			t.Errorf("the README does not say %q", want)
		}
	}
}

// Item 10: an output file that cannot be written is exit 2, after the rest has
// been written, never a silent 0 or 1.
func TestGateWriteErrorIsExit2(t *testing.T) {
	dir := t.TempDir()
	gone := filepath.Join(dir, "gone")
	if err := os.Mkdir(gone, 0o755); err != nil {
		t.Fatal(err)
	}
	streams := IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}, Getenv: func(string) string { return "" }}
	out, err := newOutputs(reportDoc, outputSettings{streams: streams, global: &globalOptions{}, format: "table",
		specs: []string{"json=" + filepath.Join(gone, "r.json"), "sarif=" + filepath.Join(dir, "r.sarif")}})
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(gone) // the directory goes away between the check and the write
	err = out.write(oneReportRun(t), streams.Out)
	var ee *ExitError
	if !errors.As(err, &ee) || ee.Code != ExitInvalid || exitCode(err, &bytes.Buffer{}) != ExitInvalid {
		t.Fatalf("write error: %v; want exit 2", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "r.sarif")); err != nil {
		t.Errorf("the other file was not written: %v", err)
	}
}

// oneReportRun is the run of the Belgian fixture.
func oneReportRun(t *testing.T) *render.Run {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b.yaml"), belgiumSource(t))
	got := run(t, dir, nil, "--format", "json", "--fail-on", "never", "b.yaml")
	var doc struct{ Reports []*checker.Report }
	if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	return &render.Run{Reports: doc.Reports}
}

// Item 7: error messages and warnings on stderr quote data, and stderr is a CI
// log too: no workflow command comes through them.
func TestGateStderrGuarded(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b.yaml"), strings.Replace(belgiumSource(t), "status: authorised", `status: "##[error]INJECTED"`, 1))
	got := runBin(t, dir, nil, "b.yaml")
	if got.code != ExitInvalid || strings.Contains(got.stderr, "##[") || !strings.Contains(got.stderr, `#\#[error]INJECTED`) {
		t.Errorf("exit %d, stderr %q", got.code, got.stderr)
	}
	writeFile(t, filepath.Join(dir, "b.yaml"), belgiumSource(t))
	writeFile(t, filepath.Join(dir, "w.yaml"), "waivers:\n  - recommendation: sis-connected\n    country: BE\n    justification: x\n    owner: \"##[error]INJECTED\"\n    expires: 2000-01-01\n")
	got = runBin(t, dir, nil, "--fail-on", "never", "--waivers", "w.yaml", "b.yaml")
	checkNoInjection(t, "warnings", got.stderr)
}
