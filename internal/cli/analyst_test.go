package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/google/go-cmp/cmp"
)

// fixtureDir is the directory of the frozen fixture profiles (Austria, Belgium,
// France, Germany, at 2016-03-01).
var fixtureDir = filepath.Join(moduleRoot, "internal/cli/testdata/profiles")

// TestFilters runs check with --status, --severity and --recommendation through
// the real command: what is shown, what is said about the rest, the exit code.
func TestFilters(t *testing.T) {
	be, all := statusCounts(t, fixtureDir, "belgium.yaml"), statusCounts(t, fixtureDir, ".")
	pnrHigh := 0 // the pnr-* recommendations of severity critical or high
	for _, r := range embeddedRecommendations(t) {
		if strings.HasPrefix(r.ID, "pnr-") && (r.Severity == checker.SeverityCritical || r.Severity == checker.SeverityHigh) {
			pnrHigh++
		}
	}
	if be.Gap != 1 || be.Met == 0 {
		t.Fatalf("the Belgian fixture has %+v; the cases below want one gap and some met", be)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
		has    []string
		hasNot []string
	}{
		{"status in the table", []string{"--status", "gap", "belgium.yaml"}, ExitFail, "",
			[]string{fmt.Sprintf("Filter: status gap: 1 of %d findings shown; left out: %s.", be.Total(), countsSaid(be, checker.StatusGap)), " gap             medium    149   national-ftf-database"},
			[]string{" met ", " unknown "}},
		{"the exit code counts every finding", []string{"--status", "met", "belgium.yaml"}, ExitFail, "", []string{fmt.Sprintf("%d of %d findings shown", be.Met, be.Total())}, []string{" gap "}},
		{"severity and a glob", []string{"--severity", "critical,high", "--recommendation", "pnr-*", "--fail-on", "never", "belgium.yaml"}, ExitOK, "",
			[]string{fmt.Sprintf("Filter: severity critical or high; recommendation pnr-*: %d of %d findings shown", pnrHigh, be.Total()), "pnr-legislation", "pnr-piu"}, []string{"prum-dna"}},
		{"status with hyphens, repeated", []string{"--status", "not-yet-due", "--status", "partial", "--fail-on", "never", "."}, ExitOK, "",
			[]string{fmt.Sprintf("Filter: status not_yet_due or partial: %d of %d findings shown", all.NotYetDue+all.Partial, all.Total()), "~ partial", ". left out by the filter"}, nil},
		{"markdown", []string{"--status", "gap", "--format", "markdown", "--fail-on", "never", "."}, ExitOK, "",
			[]string{fmt.Sprintf("Filter: status gap: %d of %d findings shown", all.Gap, all.Total()), "| gap | medium | `national-ftf-database`"}, []string{"| met | high |"}},
		{"sarif says it on stderr", []string{"--status", "gap", "--format", "sarif", "--fail-on", "never", "belgium.yaml"}, ExitOK,
			fmt.Sprintf("gapcheck: filter status gap: 1 of %d findings shown; left out: %s\n", be.Total(), countsSaid(be, checker.StatusGap)), []string{`"ruleId": "national-ftf-database"`}, []string{`"ruleId": "prum-dna"`}},
		{"bad status", []string{"--status", "done", "belgium.yaml"}, ExitInvalid,
			"gapcheck: --status: invalid status \"done\": want one of met, partial, gap, unknown, not_yet_due, not_applicable, waived, error\n", nil, nil},
		{"bad severity", []string{"--severity", "severe", "belgium.yaml"}, ExitInvalid,
			"gapcheck: --severity: invalid severity \"severe\": want one of critical, high, medium, low\n", nil, nil},
		{"unknown recommendation", []string{"--recommendation", "prum-dan", "belgium.yaml"}, ExitInvalid,
			"gapcheck: --recommendation: unknown recommendation \"prum-dan\" (did you mean prum-dna?); gapcheck policies lists them\n", nil, nil},
		{"a glob that matches nothing", []string{"--recommendation", "xyz-*", "belgium.yaml"}, ExitInvalid,
			"gapcheck: --recommendation: unknown recommendation \"xyz-*\"; gapcheck policies lists them\n", nil, nil},
		{"a malformed glob", []string{"--recommendation", "pnr-[", "belgium.yaml"}, ExitInvalid,
			"gapcheck: --recommendation: recommendation \"pnr-[\": syntax error in pattern\n", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, fixtureDir, nil, tt.args...)
			if got.code != tt.code || got.stderr != tt.stderr {
				t.Fatalf("exit %d, stderr %q; want %d, %q", got.code, got.stderr, tt.code, tt.stderr)
			}
			for _, s := range tt.has {
				if !strings.Contains(got.stdout, s) && !strings.Contains(unwrapped(got.stdout), s) {
					t.Errorf("stdout lacks %q:\n%s", s, got.stdout)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(got.stdout, s) {
					t.Errorf("stdout has %q:\n%s", s, got.stdout)
				}
			}
		})
	}
}

// TestFilterJSON: the JSON report lists only the selected findings, says the
// filter, and counts what each report left out; the summaries count everything.
func TestFilterJSON(t *testing.T) {
	got := run(t, fixtureDir, nil, "--format", "json", "--recommendation", "prum-*", "--status", "met", "--fail-on", "never", ".")
	if got.code != ExitOK || got.stderr != "" {
		t.Fatalf("exit %d, stderr %q", got.code, got.stderr)
	}
	var doc struct {
		Filter struct {
			Status         []string `json:"status"`
			Recommendation []string `json:"recommendation"`
		} `json:"filter"`
		Reports []struct {
			Profile  struct{ Country string }
			Findings []struct{ ID, Status string }
			Summary  struct{ Total int }
			Filtered map[string]int `json:"filtered_out"`
		}
		Overview struct {
			Matrix []struct{ ID string }
		}
	}
	if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"met"}, doc.Filter.Status); diff != "" || doc.Filter.Recommendation[0] != "prum-*" {
		t.Errorf("filter: %+v", doc.Filter)
	}
	recs := embeddedRecommendations(t)
	var prum []string // the overview's rows: the catalogue's prum-* recommendations
	for _, r := range recs {
		if strings.HasPrefix(r.ID, "prum-") {
			prum = append(prum, r.ID)
		}
	}
	for _, r := range doc.Reports {
		left := 0
		for _, n := range r.Filtered {
			left += n
		}
		if r.Summary.Total != len(recs) || len(r.Findings)+left != len(recs) {
			t.Errorf("%s: %d shown + %d left out, summary of %d; want %d in all", r.Profile.Country, len(r.Findings), left, r.Summary.Total, len(recs))
		}
		for _, f := range r.Findings {
			if !strings.HasPrefix(f.ID, "prum-") || f.Status != "met" {
				t.Errorf("%s: %s %s shown", r.Profile.Country, f.ID, f.Status)
			}
		}
	}
	var rows []string
	for _, row := range doc.Overview.Matrix {
		rows = append(rows, row.ID)
	}
	if diff := cmp.Diff(prum, rows); diff != "" || len(prum) < 3 {
		t.Errorf("overview rows (-want +got):\n%s", diff)
	}
}

// TestCSVReport: --format csv is RFC 4180 with a header and a row per finding;
// csv-matrix a row per recommendation and a column per state, by --output too.
func TestCSVReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "matrix.csv")
	got := run(t, fixtureDir, nil, "--format", "csv", "--output", "csv-matrix="+out, "--fail-on", "never", ".")
	// Its rows have no place to name the policies: stderr does.
	if got.code != ExitOK || got.stderr != "gapcheck: policies: embedded, gapcheck (devel)\n" {
		t.Fatalf("exit %d, stderr %q", got.code, got.stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(got.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	recs := embeddedRecommendations(t)
	if len(rows) != 1+4*len(recs) || strings.Join(rows[0][:9], ",") != "country,state,unit,at,recommendation,title,severity,status,message" {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	var be []string
	for _, r := range rows[1:] {
		if r[col["country"]] == "BE" && r[col["recommendation"]] == "prum-fingerprints" {
			be = []string{r[col["status"]], r[col["evidence_date"]], r[col["fact"]], r[col["sources"]], r[col["file"]], r[col["line"]]}
		}
		if r[col["status"]] == "met" && (r[col["sources"]] == "" || !strings.HasPrefix(r[col["source_urls"]], "http")) {
			t.Errorf("%s %s: met without its sources", r[col["country"]], r[col["recommendation"]])
		}
	}
	if diff := cmp.Diff([]string{"met", "2015-11-10", "prum.fingerprints", "P10", "belgium.yaml", "75"}, be); diff != "" {
		t.Errorf("Belgium's prum-fingerprints (-want +got):\n%s", diff)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	matrix, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var vrd []string
	for _, row := range matrix {
		if row[0] == "prum-vehicle-registration" {
			vrd = row
		}
	}
	if len(matrix) != 1+len(recs) || strings.Join(matrix[0], ",") != "recommendation,severity,AT,BE,DE,FR" || strings.Join(vrd, ",") != "prum-vehicle-registration,high,met,unknown,met,met" {
		t.Errorf("matrix: %d rows, header %v, prum-vehicle-registration %v", len(matrix), matrix[0], vrd)
	}
}

// TestExplainFinding: explain ID PROFILE prints the finding, every entry of the
// facts it rests on with notes and sources, and its history; flags are checked.
func TestExplainFinding(t *testing.T) {
	got := run(t, fixtureDir, nil, "explain", "prum.fingerprints", "belgium.yaml")
	if got.code != ExitOK || got.stderr != "" {
		t.Fatalf("exit %d, stderr %q", got.code, got.stderr)
	}
	for _, want := range []string{
		"prum-fingerprints for Belgium (BE) at 2016-03-01: Prüm fingerprint exchange\noperational\n",
		"Status:       met (severity high)\n",
		"Evidence:     dated 2015-11-10, 112 days old at 2016-03-01\n",
		"Deadline:     2011-08-26\n",
		"  prum.fingerprints (belgium.yaml:75)\n  > 2015-11-10  since     authorised  (line 75)\n",
		"                Council Implementing Decision (EU) 2015/2050",
		"                sources P10[1]\n",
		"\nSources:\n [1] P10: ",
		"\nHistory of prum-fingerprints for Belgium, to 2016-03-01:\n",
		"  2015-11-10  unknown -> met\n",
	} {
		if !strings.Contains(got.stdout, want) {
			t.Errorf("explain lacks %q:\n%s", want, got.stdout)
		}
	}
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"explain", "prum-dan", "belgium.yaml"}, "gapcheck: unknown recommendation \"prum-dan\" (did you mean prum-dna?); gapcheck policies lists them\n"},
		{[]string{"explain", "prum-dna", "."}, "gapcheck: .: 4 profiles; want one profile file\n"},
		{[]string{"explain", "--at", "2016-13", "prum-dna", "belgium.yaml"}, "gapcheck: --at 2016-13: want a date as YYYY-MM-DD, or YYYY-MM or YYYY for its last day\n"},
		{[]string{"explain", "prum-dna", "belgium.yaml", "france.yaml"}, "gapcheck: accepts between 1 and 2 arg(s), received 3\n"},
	} {
		if got := run(t, fixtureDir, nil, tt.args...); got.code != ExitInvalid || got.stderr != tt.stderr {
			t.Errorf("%v: exit %d, stderr %q; want 2, %q", tt.args, got.code, got.stderr, tt.stderr)
		}
	}
	// At an earlier date, the entry is not yet in force, and the history ends there.
	got = run(t, fixtureDir, nil, "explain", "--at", "2015-06-30", "prum-fingerprints", "belgium.yaml")
	if !strings.Contains(got.stdout, "    2015-11-10  since     authorised") || strings.Contains(got.stdout, "unknown -> met") {
		t.Errorf("at 2015-06-30:\n%s", got.stdout)
	}
}

// TestHTMLReport: --format html through the command writes one page with the
// trend (so the histories were computed) and every state's findings, on stdout
// and with --output alike.
func TestHTMLReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.html")
	got := run(t, fixtureDir, nil, "--format", "html", "--output", "html="+out, "--fail-on", "never", ".")
	if got.code != ExitOK || got.stderr != "" {
		t.Fatalf("exit %d, stderr %q", got.code, got.stderr)
	}
	file, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(file) != got.stdout {
		t.Error("the --output file differs from stdout")
	}
	for _, want := range []string{"<!doctype html>", `id="trend-section"`, `<figure class="chart" data-id="prum-dna">`, `<section class="state-report" id="state-BE"`,
		`<g data-code="BE" id="map-BE" class="state share-1 low-evidence">`, `href="https://`} {
		if !strings.Contains(got.stdout, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if table := run(t, fixtureDir, nil, "--fail-on", "never", "."); strings.Contains(table.stdout, "<") {
		t.Error("the table is not text")
	}
}

// TestFilterSettings: the filters are settings like the other flags of check:
// from the environment (a comma-separated list) and from the config file.
func TestFilterSettings(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	n := len(embeddedRecommendations(t))
	got := run(t, dir, map[string]string{"GAPCHECK_STATUS": "gap,partial"}, "--fail-on", "never", "belgium.yaml")
	if got.code != ExitOK || !strings.Contains(unwrapped(got.stdout), fmt.Sprintf("Filter: status gap or partial: 1 of %d findings shown", n)) {
		t.Errorf("GAPCHECK_STATUS: exit %d, stderr %q:\n%s", got.code, got.stderr, got.stdout)
	}
	writeFile(t, filepath.Join(dir, ".gapcheck.yaml"), "recommendation: [\"prum-*\", national-ftf-database]\nseverity: medium\n")
	got = run(t, dir, nil, "--fail-on", "never", "belgium.yaml")
	if got.code != ExitOK || !strings.Contains(unwrapped(got.stdout), fmt.Sprintf("Filter: severity medium; recommendation prum-* or national-ftf-database: 1 of %d findings shown", n)) {
		t.Errorf(".gapcheck.yaml: exit %d, stderr %q:\n%s", got.code, got.stderr, got.stdout)
	}
}

// TestExplainEscapesData: explain prints a fact's note as it is written, over its
// lines, but a line of the note that is a workflow command, or a "##[", is broken
// as the table breaks it; the policies come first, as in the table.
func TestExplainEscapesData(t *testing.T) {
	dir := t.TempDir()
	src := strings.Replace(belgiumSource(t), "    note: >-\n      The Netherlands' 20th DNA exchange partner",
		"    note: |-\n      ::error file=README.md::INJECTED\n      ##[error]INJECTED\n      The Netherlands' 20th DNA exchange partner", 1)
	if src == belgiumSource(t) {
		t.Fatal("the fixture's prum.dna note moved")
	}
	writeFile(t, filepath.Join(dir, "belgium.yaml"), src)
	got := run(t, dir, nil, "explain", "prum-dna", "belgium.yaml")
	if got.code != ExitOK {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	if !strings.HasPrefix(got.stdout, "policies: embedded, gapcheck (devel)\n") {
		t.Errorf("the policies are not named first:\n%.200s", got.stdout)
	}
	for _, line := range strings.Split(got.stdout, "\n") {
		if trimmed := strings.TrimLeft(line, " "); strings.HasPrefix(trimmed, "::") || strings.Contains(line, "##[") {
			t.Errorf("a workflow command from the note: %q", line)
		}
	}
	if !strings.Contains(got.stdout, `\::error file=README.md::INJECTED`) || !strings.Contains(got.stdout, `#\#[error]INJECTED`) {
		t.Errorf("the note's lines are not shown, broken:\n%s", got.stdout)
	}
}
