package cli

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// dirEntries lists the names in dir, sorted.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, de := range des {
		names = append(names, de.Name())
	}
	slices.Sort(names)
	return names
}

// TestOutputFiles: --format table on stdout, SARIF and JUnit to files in one run.
func TestOutputFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	plain := run(t, dir, nil, "belgium.yaml")
	got := run(t, dir, nil, "--format", "table", "--output", "sarif=out/gapcheck.sarif", "--output", "junit=out/report.xml", "belgium.yaml")
	if got.code != ExitFail || got.stderr != "" {
		t.Fatalf("exit %d, stderr %q; want 1 (Belgium has gaps) and nothing on stderr", got.code, got.stderr)
	}
	if diff := cmp.Diff(plain.stdout, got.stdout); diff != "" {
		t.Errorf("--output changed stdout (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"gapcheck.sarif", "report.xml"}, dirEntries(t, filepath.Join(dir, "out"))); diff != "" {
		t.Errorf("out/ (-want +got):\n%s", diff)
	}

	var sarif struct {
		Version string
		Runs    []struct {
			Tool    struct{ Driver struct{ Name string } }
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine int }
					}
				}
			}
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "out/gapcheck.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &sarif); err != nil {
		t.Fatal(err)
	}
	if sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || sarif.Runs[0].Tool.Driver.Name != "gapcheck" || len(sarif.Runs[0].Results) == 0 {
		t.Fatalf("unexpected SARIF log: %.300s", data)
	}
	found := false
	for _, r := range sarif.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation
		if r.RuleID == "national-ftf-database" && loc.ArtifactLocation.URI == "belgium.yaml" && loc.Region.StartLine == 149 {
			found = true
		}
	}
	if !found {
		t.Errorf("no national-ftf-database result at belgium.yaml:149 in %.300s", data)
	}

	var junit struct {
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Cases []struct {
				Name string `xml:"name,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	data, err = os.ReadFile(filepath.Join(dir, "out/report.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, &junit); err != nil {
		t.Fatal(err)
	}
	recs := len(embeddedRecommendations(t))
	if len(junit.Suites) != 1 || len(junit.Suites[0].Cases) != recs || junit.Failures != 1 {
		t.Errorf("JUnit: %d suites, %d cases, %d failures; want 1, %d (one per recommendation), 1 (the fixture's gap)", len(junit.Suites), len(junit.Suites[0].Cases), junit.Failures, recs)
	}
}

// TestOutputReplacedOnlyOnSuccess: a run stopped by invalid input writes its
// problems in the CI formats (JUnit, SARIF: the upload step has a file), leaves
// the other output files as they were and adds none; a successful run replaces
// them.
func TestOutputReplacedOnlyOnSuccess(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	writeFile(t, filepath.Join(dir, "broken.yaml"), strings.Replace(belgiumSource(t), "status: authorised", "status: maybe", 1))
	writeFile(t, filepath.Join(dir, "report.xml"), "old report\n")
	writeFile(t, filepath.Join(dir, "report.json"), "old report\n")

	if got := run(t, dir, nil, "--output", "junit=report.xml", "--output", "json=report.json", "--output", "sarif=new.sarif", "broken.yaml"); got.code != ExitInvalid {
		t.Fatalf("exit %d, want 2 for an invalid profile (stderr %q)", got.code, got.stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "report.json")); string(b) != "old report\n" {
		t.Errorf("a failed run changed report.json to %.80q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "report.xml")); !strings.Contains(string(b), `<error message="prum.fingerprints.status: invalid value`) {
		t.Errorf("the JUnit report of a failed run has no error: %.300q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "new.sarif")); !strings.Contains(string(b), `"executionSuccessful": false`) {
		t.Errorf("the SARIF of a failed run: %.300q", b)
	}
	if diff := cmp.Diff([]string{"belgium.yaml", "broken.yaml", "new.sarif", "report.json", "report.xml"}, dirEntries(t, dir)); diff != "" {
		t.Errorf("a failed run left files (-want +got):\n%s", diff)
	}

	if got := run(t, dir, nil, "--fail-on", "never", "--output", "junit=report.xml", "belgium.yaml"); got.code != ExitOK {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "report.xml")); !strings.HasPrefix(string(b), "<?xml") {
		t.Errorf("report.xml not replaced: %.80q", b)
	}
}

// TestOutputUsageErrors: a bad --output is a usage error (exit 2) found before any
// profile is read: the profile given does not even exist.
func TestOutputUsageErrors(t *testing.T) {
	dir := t.TempDir()
	const formats = "csv, csv-matrix, github, html, json, junit, markdown, sarif, table"
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"no file", []string{"--output", "sarif"}, `gapcheck: --output "sarif": want FORMAT=FILE (e.g. sarif=gapcheck.sarif), FORMAT one of ` + formats + "\n"},
		{"empty file", []string{"--output", "sarif="}, `gapcheck: --output "sarif=": want FORMAT=FILE (e.g. sarif=gapcheck.sarif), FORMAT one of ` + formats + "\n"},
		{"unknown format", []string{"--output", "yaml=report.yaml"}, `gapcheck: --output "yaml=report.yaml": unknown format "yaml": want one of ` + formats + "\n"},
		{"same file twice", []string{"--output", "sarif=out.json", "--output", "json=./out.json"}, `gapcheck: --output "json=./out.json": ./out.json is already the file of --output "sarif=out.json"` + "\n"},
		{"missing directory", []string{"--output", "sarif=no/such/dir/x.sarif"}, `gapcheck: --output "sarif=no/such/dir/x.sarif": directory no/such/dir does not exist` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, dir, nil, append(tt.args, "nope.yaml")...)
			if got.code != ExitInvalid || got.stderr != tt.stderr || got.stdout != "" {
				t.Errorf("exit %d, stdout %.40q\nstderr: %q\n  want: %q", got.code, got.stdout, got.stderr, tt.stderr)
			}
			if diff := cmp.Diff([]string{}, dirEntries(t, dir)); diff != "" {
				t.Errorf("files left (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOutputFromConfig: output: in .gapcheck.yaml works like --output.
func TestOutputFromConfig(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	writeFile(t, filepath.Join(dir, ".gapcheck.yaml"), "fail-on: never\noutput:\n  - sarif=gapcheck.sarif\n")
	if got := run(t, dir, nil, "belgium.yaml"); got.code != ExitOK {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "gapcheck.sarif")); err != nil || !strings.Contains(string(b), `"version": "2.1.0"`) {
		t.Errorf("gapcheck.sarif: %v %.80q", err, b)
	}
}

// TestGitHubStepSummary: --format github prints workflow commands and appends the
// Markdown report to $GITHUB_STEP_SUMMARY, after what earlier steps wrote.
func TestGitHubStepSummary(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	summary := filepath.Join(dir, "step_summary.md")
	writeFile(t, summary, "# Earlier step\n\n")
	env := map[string]string{"GITHUB_STEP_SUMMARY": summary}

	got := run(t, dir, env, "--format", "github", "belgium.yaml")
	if got.code != ExitFail || got.stderr != "" {
		t.Fatalf("exit %d, stderr %q; want 1 and nothing on stderr", got.code, got.stderr)
	}
	if !strings.Contains(got.stdout, "::warning file=belgium.yaml,line=149,col=3,title=national-ftf-database (gap%2C medium)::Belgium (BE): Shared foreign-fighter database: none (inferred)") {
		t.Errorf("no annotation for the database gap in:\n%s", got.stdout)
	}
	markdown := run(t, dir, nil, "--format", "markdown", "belgium.yaml").stdout
	b, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "# Earlier step\n\n**gapcheck**: 1 of 1 gap and error annotations shown") || !strings.HasSuffix(string(b), "\n\n"+markdown) {
		t.Errorf("step summary:\n%s", b)
	}

	// Other formats on stdout leave the step summary alone.
	run(t, dir, env, "--format", "table", "--output", "github=annotations.txt", "belgium.yaml")
	if after, _ := os.ReadFile(summary); string(after) != string(b) {
		t.Error("the step summary changed without --format github")
	}
}

func TestGitHubStepSummaryUnwritable(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	env := map[string]string{"GITHUB_STEP_SUMMARY": filepath.Join(dir, "no/such/dir/summary.md")}
	got := run(t, dir, env, "--format", "github", "belgium.yaml")
	if got.code != ExitInvalid || !strings.HasPrefix(got.stderr, "gapcheck: write the step summary ($GITHUB_STEP_SUMMARY): open ") {
		t.Errorf("exit %d, stderr %q; want 2 and the step summary named", got.code, got.stderr)
	}
	if !strings.HasPrefix(got.stdout, "policies: embedded, gapcheck (devel)\n::") {
		t.Errorf("the annotations should still be printed: %.80q", got.stdout)
	}
}

// TestStreamedRunsMatch: a run whose outputs all stream (json, csv, sarif, junit,
// github without a step summary, markdown and table of several states), which
// never holds its reports, writes what the same run held in memory writes (forced
// by an html output beside it), to stdout and to its --output: on every shipped profile, with
// waivers, a filter and a date.
func TestStreamedRunsMatch(t *testing.T) {
	waivers := filepath.Join(t.TempDir(), "waivers.yaml")
	writeFile(t, waivers, "waivers:\n  - recommendation: \"pnr-*\"\n    country: \"*\"\n    justification: Under way.\n    owner: jane.doe@example.org\n    expires: 2999-12-31\n")
	for _, args := range [][]string{
		{"--format", "json"},
		{"--format", "csv", "--at", "2018-12-31"},
		{"--format", "table", "--waivers", waivers, "--status", "gap,partial"},
		{"--format", "json", "--waivers", waivers, "--recommendation", "prum-*", "--at", "2016-03-01"},
		{"--format", "sarif", "--waivers", waivers},
		{"--format", "sarif", "--status", "gap", "--at", "2020-12-31"},
		{"--format", "github", "--waivers", waivers},
		{"--format", "github", "--at", "2018-12-31", "--output", "junit=" + filepath.Join(t.TempDir(), "r.xml")},
		{"--format", "junit", "--waivers", waivers},
		{"--format", "markdown", "--waivers", waivers, "--status", "gap,unknown", "--at", "2020-12-31"},
		{"--format", "json", "--output", "markdown=" + filepath.Join(t.TempDir(), "r.md")},
		{"--format", "csv", "--output", "junit=" + filepath.Join(t.TempDir(), "r.xml")},
		{"--format", "junit", "--fail-on-unknown", "--recommendation", "pnr-*,sis-*", "--output", "sarif=" + filepath.Join(t.TempDir(), "r.sarif")},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			args = append(args, "--fail-on", "never")
			var file string // an --output of the run, compared too
			for i, a := range args {
				if a == "--output" {
					_, file, _ = strings.Cut(args[i+1], "=")
				}
			}
			output := func() string {
				if file == "" {
					return ""
				}
				b, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				return string(b)
			}
			streamed := run(t, moduleRoot, nil, append(args, "profiles/")...)
			streamedFile := output()
			held := run(t, moduleRoot, nil, append(args, "--output", "html="+filepath.Join(t.TempDir(), "r.html"), "profiles/")...)
			if streamed.code != ExitOK || held.code != ExitOK {
				t.Fatalf("exit %d and %d: %s %s", streamed.code, held.code, streamed.stderr, held.stderr)
			}
			if streamed.stdout != held.stdout || streamed.stderr != held.stderr {
				t.Errorf("the streamed run differs (-held +streamed):\n%s%s", cmp.Diff(held.stdout, streamed.stdout), cmp.Diff(held.stderr, streamed.stderr))
			}
			if heldFile := output(); streamedFile != heldFile {
				t.Errorf("the streamed run's %s differs (-held +streamed):\n%s", file, cmp.Diff(heldFile, streamedFile))
			}
		})
	}
}

// TestStreamedInGitHubActions: in GitHub Actions (GITHUB_STEP_SUMMARY set) a run
// streams in every format: another format than github leaves the step summary
// alone; the github format appends to it what the held run appends.
func TestStreamedInGitHubActions(t *testing.T) {
	summary := filepath.Join(t.TempDir(), "summary.md")
	env := map[string]string{"GITHUB_STEP_SUMMARY": summary}
	for _, format := range []string{"sarif", "github"} {
		t.Run(format, func(t *testing.T) {
			args := []string{"--format", format, "--fail-on", "never"}
			writeFile(t, summary, "before\n")
			streamed := run(t, moduleRoot, env, append(args, "profiles/")...)
			streamedSummary, _ := os.ReadFile(summary)
			writeFile(t, summary, "before\n")
			held := run(t, moduleRoot, env, append(args, "--output", "html="+filepath.Join(t.TempDir(), "r.html"), "profiles/")...)
			heldSummary, _ := os.ReadFile(summary)
			if streamed.code != ExitOK || streamed.stdout != held.stdout || streamed.stderr != held.stderr {
				t.Errorf("exit %d; the streamed run differs (-held +streamed):\n%s", streamed.code, cmp.Diff(held.stdout, streamed.stdout))
			}
			if string(streamedSummary) != string(heldSummary) {
				t.Errorf("the step summary differs (-held +streamed):\n%s", cmp.Diff(string(heldSummary), string(streamedSummary)))
			}
			if want := map[string]bool{"sarif": false, "github": true}[format]; strings.HasPrefix(string(heldSummary), "before\n**gapcheck**: ") != want || !strings.HasPrefix(string(heldSummary), "before\n") {
				t.Errorf("the step summary: %.200q", heldSummary)
			}
		})
	}
}
