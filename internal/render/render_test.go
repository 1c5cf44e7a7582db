package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapcheck/gapcheck/checker"
)

// TestGolden renders the fixture runs in every format, with the options that
// change output.
func TestGolden(t *testing.T) {
	tests := []struct {
		name, format string
		opts         Options
		run          func() *Run
	}{
		{"one.table", FormatTable, Options{}, oneState},
		{"one-color.table", FormatTable, Options{Color: true}, oneState},
		{"one-wide.table", FormatTable, Options{Width: 200}, oneState},
		{"one.json", FormatJSON, Options{}, oneState},
		{"one.md", FormatMarkdown, Options{}, oneState},
		{"one.sarif", FormatSARIF, Options{Version: "v0.0.0-test"}, oneState},
		{"one.junit.xml", FormatJUnit, Options{}, oneState},
		{"one-unknown-fails.junit.xml", FormatJUnit, Options{UnknownFails: true}, oneState},
		{"one.github", FormatGitHub, Options{}, oneState},
		{"three.table", FormatTable, Options{}, threeStates},
		{"three.json", FormatJSON, Options{}, threeStates},
		{"three.md", FormatMarkdown, Options{}, threeStates},
		{"three.sarif", FormatSARIF, Options{Version: "v0.0.0-test"}, threeStates},
		{"three.junit.xml", FormatJUnit, Options{}, threeStates},
		{"three.github", FormatGitHub, Options{}, threeStates},
		{"three-wide.table", FormatTable, Options{Width: 200}, threeStates},
		{"one.csv", FormatCSV, Options{}, oneState},
		{"three.csv", FormatCSV, Options{}, threeStates},
		{"three.matrix.csv", FormatCSVMatrix, Options{}, threeStates},
		{"one.html", FormatHTML, Options{}, oneState},
		{"three.html", FormatHTML, Options{}, threeStatesOverTime},
		{"filtered.table", FormatTable, Options{}, filteredRun},
		{"filtered-one.table", FormatTable, Options{}, func() *Run {
			run := filteredRun()
			run.Reports, run.Overview = run.Reports[:1], nil
			return run
		}},
		{"filtered.md", FormatMarkdown, Options{}, filteredRun},
		{"filtered.json", FormatJSON, Options{}, filteredRun},
		{"filtered.matrix.csv", FormatCSVMatrix, Options{}, filteredRun},
		{"filtered.html", FormatHTML, Options{}, filteredRun},
		{"thirty-two.table", FormatTable, Options{}, thirtyTwoStates},
		{"unit.table", FormatTable, Options{}, withUnit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := renderString(t, tt.format, tt.opts, tt.run())
			if again := renderString(t, tt.format, tt.opts, tt.run()); again != first {
				t.Fatal("two renderings of the same run differ")
			}
			checkGolden(t, tt.name, []byte(first))
		})
	}
}

func TestCatalogueGolden(t *testing.T) {
	recs := fixtureCatalogue()
	recs[0].Title = "A demo | measure"
	recs[0].Description = "The state does the <demo> thing."
	recs[0].Resources = append(recs[0].Resources, checker.Resource{Description: "The demo act [Art. 2]", URL: "https://example.org/act"}, checker.Resource{URL: "https://example.org/bare"})
	for _, tt := range []struct{ name, format string }{{"catalogue.md", FormatMarkdown}, {"catalogue.table", FormatTable}, {"catalogue.json", FormatJSON}} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewCatalogue(tt.format, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := r.RenderCatalogue(&buf, recs, nil); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tt.name, buf.Bytes())
		})
	}
}

func TestJSONOverview(t *testing.T) {
	var doc struct {
		Version  int
		Reports  []json.RawMessage
		Overview struct {
			Columns []string
			Matrix  []struct {
				ID       string
				Statuses []string
			}
			Weakest []struct{ ID string }
			States  []struct{ Rank int }
		}
	}
	if err := json.Unmarshal([]byte(renderString(t, FormatJSON, Options{}, threeStates())), &doc); err != nil {
		t.Fatal(err)
	}
	o := doc.Overview
	if doc.Version != JSONVersion || len(doc.Reports) != 3 || strings.Join(o.Columns, " ") != "BE FR NO" || len(o.States) != 3 || len(o.Matrix) != 8 || len(o.Weakest) != 8 {
		t.Fatalf("unexpected overview shape: %d reports, columns %v, %d states, %d rows, %d weakest", len(doc.Reports), o.Columns, len(o.States), len(o.Matrix), len(o.Weakest))
	}
	for _, row := range o.Matrix {
		if len(row.Statuses) != 3 {
			t.Errorf("%s: %d statuses", row.ID, len(row.Statuses))
		}
	}
	var one struct{ Overview *json.RawMessage }
	if err := json.Unmarshal([]byte(renderString(t, FormatJSON, Options{}, oneState())), &one); err != nil || one.Overview != nil {
		t.Errorf("one report has no overview: %v, %v", one.Overview, err)
	}
}

// TestTableFitsEightyColumns renders every table report at 80 columns, the
// default: no line is wider, and none ends in a space (a terminal as narrow as the
// table would show it as a blank line). Only a URL, never broken so that it stays
// a link, may be wider.
func TestTableFitsEightyColumns(t *testing.T) {
	for name, run := range map[string]*Run{"one": oneState(), "three": threeStates(), "thirty-two": thirtyTwoStates(), "filtered": filteredRun(), "unit": withUnit()} {
		for i, line := range strings.Split(renderString(t, FormatTable, Options{}, run), "\n") {
			if n := len([]rune(line)); n > 80 && !strings.HasPrefix(strings.TrimSpace(line), "https://") {
				t.Errorf("%s: line %d is %d columns: %q", name, i+1, n, line)
			}
			if strings.HasSuffix(line, " ") {
				t.Errorf("%s: line %d ends in a space: %q", name, i+1, line)
			}
		}
	}
}

// TestMatrixBlocks: the EU-wide matrix of 32 states is one block where it fits
// (118 columns with the fixture's ids) and splits into blocks of columns below
// that, each state once.
func TestMatrixBlocks(t *testing.T) {
	for _, tt := range []struct {
		width, blocks int
	}{{200, 1}, {118, 1}, {117, 2}, {80, 2}, {60, 3}, {40, 6}} {
		out := renderString(t, FormatTable, Options{Width: tt.width}, thirtyTwoStates())
		var headers []string
		codes := map[string]int{}
		for _, line := range strings.Split(out, "\n") {
			if fields := strings.Fields(line); len(fields) > 1 && fields[0] == "RECOMMENDATION" && len(fields[1]) == 2 {
				headers = append(headers, line)
				for _, c := range fields[1:] {
					codes[c]++
				}
				if n := len(line); n > tt.width {
					t.Errorf("width %d: header of %d columns", tt.width, n)
				}
			}
		}
		if len(headers) != tt.blocks || len(codes) != 32 {
			t.Errorf("width %d: %d blocks of %d states, want %d blocks of all 32", tt.width, len(headers), len(codes), tt.blocks)
		}
		for c, n := range codes {
			if n != 1 {
				t.Errorf("width %d: %s in %d blocks", tt.width, c, n)
			}
		}
	}
}

// TestWeakestLinksStates: the states with a gap are in a column where it fits
// and on the lines below each row where it does not, never cut.
func TestWeakestLinksStates(t *testing.T) {
	wide := renderString(t, FormatTable, Options{Width: 120}, threeStates())
	narrow := renderString(t, FormatTable, Options{Width: 80}, threeStates())
	if !strings.Contains(wide, " STATES WITH A GAP (PARTIAL)\n") || !strings.Contains(wide, " pnr-piu                high      2     0    1     1    0     BE (FR)\n") {
		t.Errorf("at 120 columns, want the states in a column:\n%s", wide)
	}
	if strings.Contains(narrow, "STATES WITH A GAP") || !strings.Contains(narrow, " pnr-piu                high      2     0    1     1    0\n    gap: BE; partial: FR\n") {
		t.Errorf("at 80 columns, want the states below the row:\n%s", narrow)
	}
}

func TestUnknownFormat(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{func() error { _, err := New("yaml", Options{}); return err }(), `unknown format "yaml": want one of csv, csv-matrix, github, html, json, junit, markdown, sarif, table`},
		{func() error { _, err := NewDiff("csv", Options{}); return err }(), `unknown diff format "csv": want one of github, json, junit, markdown, sarif, table`},
		{func() error { _, err := NewCatalogue("sarif", Options{}); return err }(), `unknown format "sarif": want one of json, markdown, table`},
	} {
		if tt.err == nil || tt.err.Error() != tt.want {
			t.Errorf("got %v, want %s", tt.err, tt.want)
		}
	}
}

func TestPercentNeverRoundsUpToHundred(t *testing.T) {
	for share, want := range map[float64]string{0: "0%", 0.999: "99%", 1: "100%", 0.2381: "23%"} {
		if got := percent(share); got != want {
			t.Errorf("percent(%v) = %s, want %s", share, got, want)
		}
	}
}

func TestMarkdownEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"a | b":        `a \| b`,
		"<script>":     "&lt;script&gt;",
		"two\nlines\r": "two lines",
		"  padded  ":   "padded",
	} {
		if got := mdCell(in); got != want {
			t.Errorf("mdCell(%q) = %q, want %q", in, got, want)
		}
	}
	if got, want := mdLinkText("[x] | y"), `\[x\] \| y`; got != want {
		t.Errorf("mdLinkText = %q, want %q", got, want)
	}
	if got, want := mdURL(" https://example.org/a (b)<c>?d=1 "), "https://example.org/a%20%28b%29%3Cc%3E?d=1"; got != want {
		t.Errorf("mdURL = %q, want %q", got, want)
	}
}

// TestEveryFormatNamesItsPolicies: whatever the format, a report, a diff and the
// catalogue name the policies they were made with (their digest, in the formats
// that carry one).
func TestEveryFormatNamesItsPolicies(t *testing.T) {
	set := checkoutPolicies()
	named := func(t *testing.T, out string) {
		t.Helper()
		if !strings.Contains(out, "./policies (modified, sha256:111111111111)") && !strings.Contains(out, set.Digest) {
			t.Errorf("the policies are not named:\n%s", out)
		}
	}
	for _, name := range Names() {
		if !NamesPolicies(name) {
			continue // no place for it: the CLI names the policies on stderr
		}
		t.Run("report "+name, func(t *testing.T) { named(t, renderString(t, name, Options{}, threeStates())) })
	}
	for _, name := range DiffNames() {
		t.Run("diff "+name, func(t *testing.T) {
			r, err := NewDiff(name, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := r.RenderDiff(&buf, &DiffRun{Base: "main", BasePolicies: embeddedPolicies(), HeadPolicies: set}); err != nil {
				t.Fatal(err)
			}
			named(t, buf.String())
		})
	}
	for _, name := range CatalogueNames() {
		t.Run("catalogue "+name, func(t *testing.T) {
			r, err := NewCatalogue(name, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := r.RenderCatalogue(&buf, fixtureCatalogue(), set); err != nil {
				t.Fatal(err)
			}
			named(t, buf.String())
		})
	}
	for _, name := range TimelineNames() {
		if name == FormatCSV {
			continue // no place for it: the CLI names the policies on stderr
		}
		t.Run("timeline "+name, func(t *testing.T) {
			r, err := NewTimeline(name, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := r.RenderTimeline(&buf, timelineTwo()); err != nil {
				t.Fatal(err)
			}
			named(t, buf.String())
		})
	}
}

// TestDiffNamesEachSidesPolicies: one line when both sides were judged by the same
// policies, one per side when a change changed them.
func TestDiffNamesEachSidesPolicies(t *testing.T) {
	for _, tt := range []struct {
		name       string
		base, head *checker.PolicySet
		from       bool
		table      string
		markdown   string
	}{
		{"the same", embeddedPolicies(), embeddedPolicies(), false,
			"policies of both sides: embedded, gapcheck v1.2.0\n",
			"\nPolicies of both sides: `embedded, gapcheck v1.2.0`.\n"},
		{"changed", embeddedPolicies(), checkoutPolicies(), false,
			"policies at main: embedded, gapcheck v1.2.0\npolicies of the working tree, changed: ./policies (modified, sha256:111111111111) + ./my_add-on|<b> (sha256:222222222222)\n",
			"\nPolicies at `main`: `embedded, gapcheck v1.2.0`; policies of the working tree, changed: `./policies (modified, sha256:111111111111) + ./my_add-on\\|<b> (sha256:222222222222)`.\n"},
		{"over time", checkoutPolicies(), checkoutPolicies(), true,
			"policies: ./policies (modified, sha256:111111111111) + ./my_add-on|<b> (sha256:222222222222)\n",
			"\nPolicies: `./policies (modified, sha256:111111111111) + ./my_add-on\\|<b> (sha256:222222222222)`.\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			run := &DiffRun{Base: "main", BasePolicies: tt.base, HeadPolicies: tt.head}
			if tt.from {
				run = &DiffRun{From: "2016-03-01", BasePolicies: tt.base, HeadPolicies: tt.head}
			}
			var table, md bytes.Buffer
			if err := (diffTable{}).RenderDiff(&table, run); err != nil {
				t.Fatal(err)
			}
			if err := (diffMarkdown{}).RenderDiff(&md, run); err != nil {
				t.Fatal(err)
			}
			if _, rest, _ := strings.Cut(table.String(), "\n"); rest != tt.table {
				t.Errorf("table:\n%s\nwant:\n%s", rest, tt.table)
			}
			if _, rest, _ := strings.Cut(md.String(), "\n"); rest != tt.markdown {
				t.Errorf("markdown:\n%q\nwant:\n%q", rest, tt.markdown)
			}
		})
	}
}

// assertStreams checks that format streams, and that run (its reports in the
// order a streamed run gives them) streamed is want, the format's Render of it.
func assertStreams(t *testing.T, format string, o Options, run *Run, want string) {
	t.Helper()
	s, ok := NewStream(format, o, len(run.Reports))
	if !ok {
		t.Fatalf("%s does not stream", format)
	}
	var got bytes.Buffer
	if err := renderStream(s, &got, run); err != nil {
		t.Fatal(err)
	}
	if got.String() != want {
		t.Errorf("the stream differs from Render (-want +got):\n%s", cmp.Diff(want, got.String()))
	}
}

// TestSARIFStreamMatchesLog: the SARIF log written a report at a time is byte for
// byte the log of the whole run, with none, one or several reports, and a report
// out of path order is refused rather than written where Render would not put it.
func TestSARIFStreamMatchesLog(t *testing.T) {
	withAll := func() *Run {
		run := threeStates()
		run.Waivers = &checker.WaiverReport{File: "waivers.yaml", Applied: []checker.WaiverMatch{}, Expired: []checker.WaiverMatch{}, Orphaned: []checker.WaiverEntry{}}
		run.Filter = &checker.Filter{Statuses: []checker.Status{checker.StatusGap}}
		run.Reports[0].Profile.Name += " ##[group]"
		return run
	}
	for name, run := range map[string]*Run{"none": {Recommendations: fixtureCatalogue()}, "one": oneState(), "three": threeStates(), "every field": withAll()} {
		t.Run(name, func(t *testing.T) {
			want := renderString(t, FormatSARIF, Options{Version: "v1.2.3"}, run)
			sorted := *run
			sorted.Reports = sortedReports(run.Reports)
			assertStreams(t, FormatSARIF, Options{Version: "v1.2.3"}, &sorted, want)
		})
	}
	run := threeStates()
	reversed := *run
	reversed.Reports = slices.Clone(sortedReports(run.Reports))
	slices.Reverse(reversed.Reports)
	s, _ := NewStream(FormatSARIF, Options{}, len(run.Reports))
	if err := renderStream(s, io.Discard, &reversed); err == nil || !strings.Contains(err.Error(), "want the reports in path order") {
		t.Errorf("reports out of order: %v", err)
	}
}

// TestJUnitStreamMatchesDocument: the JUnit document written a suite at a time,
// its head once the totals are known, is byte for byte the whole document's, with
// none, one or several reports, unknown findings failing or skipped.
func TestJUnitStreamMatchesDocument(t *testing.T) {
	withText := func() *Run {
		run := threeStates()
		run.Reports[0].Profile.Name += " <&> \x01 ##[group]"
		return run
	}
	for name, run := range map[string]*Run{"none": {Recommendations: fixtureCatalogue()}, "one": oneState(), "three": threeStates(), "texts to escape": withText()} {
		for _, o := range []Options{{}, {UnknownFails: true}} {
			t.Run(fmt.Sprintf("%s, unknown fails %v", name, o.UnknownFails), func(t *testing.T) {
				want := renderString(t, FormatJUnit, o, run)
				assertStreams(t, FormatJUnit, o, run, want)
			})
		}
	}
}

// TestGitHubStreamMatchesCommands: the workflow commands written a report at a
// time, and the step summary written by a stream of its own, are byte for byte
// Render's, with annotations past GitHub's limit left out as Render leaves them
// out; one report's step summary does not stream.
func TestGitHubStreamMatchesCommands(t *testing.T) {
	many := func() *Run { // more than annotationsPerKind of each kind
		run := threeStates()
		base := run.Reports
		run.Reports = nil
		for i := range 8 {
			for _, r := range base {
				c := *r
				c.Profile.Path = fmt.Sprintf("profiles/%02d-%s", i, path.Base(r.Profile.Path))
				run.Reports = append(run.Reports, &c)
			}
		}
		return run
	}
	for name, run := range map[string]*Run{"none": {Recommendations: fixtureCatalogue()}, "one": oneState(), "three": threeStates(), "many": many()} {
		t.Run(name, func(t *testing.T) {
			var summary bytes.Buffer
			want := renderString(t, FormatGitHub, Options{StepSummary: &summary}, run)
			if name == "many" && !strings.Contains(want, "annotation(s) left out") {
				t.Fatalf("the case leaves no annotation out:\n%s", want)
			}
			sorted := *run
			sorted.Reports = sortedReports(run.Reports)
			assertStreams(t, FormatGitHub, Options{StepSummary: io.Discard}, &sorted, want)
			s, ok := NewStepSummaryStream(len(run.Reports))
			if len(run.Reports) < 2 {
				if ok {
					t.Error("the step summary of one report streams")
				}
				return
			}
			var got bytes.Buffer
			if err := renderStream(s, &got, &sorted); err != nil {
				t.Fatal(err)
			}
			if got.String() != summary.String() {
				t.Errorf("the step summary differs (-want +got):\n%s", cmp.Diff(summary.String(), got.String()))
			}
		})
	}
}

// TestMarkdownStreamMatchesReport: the Markdown report of several states written a
// state at a time, the EU-wide view before them once the run is over, is byte for
// byte Render's, filtered or not; one state's report does not stream.
func TestMarkdownStreamMatchesReport(t *testing.T) {
	filtered := func() *Run {
		run := threeStates()
		f := &checker.Filter{Statuses: []checker.Status{checker.StatusGap, checker.StatusUnknown}}
		return NewRun(run.Reports, run.Recommendations, f)
	}
	for name, run := range map[string]*Run{"three": threeStates(), "filtered": filtered()} {
		t.Run(name, func(t *testing.T) {
			want := renderString(t, FormatMarkdown, Options{}, run)
			assertStreams(t, FormatMarkdown, Options{}, run, want)
		})
	}
	if _, ok := NewStream(FormatMarkdown, Options{}, 1); ok {
		t.Error("one state's markdown streams")
	}
}

// TestJSONStreamMatchesDocument: the JSON report written a report at a time is
// byte for byte the encoding of the whole jsonDocument, with none, one or several
// reports and every optional field.
func TestJSONStreamMatchesDocument(t *testing.T) {
	withAll := func() *Run {
		run := threeStates()
		run.Waivers = &checker.WaiverReport{File: "waivers.yaml", Applied: []checker.WaiverMatch{}, Expired: []checker.WaiverMatch{}, Orphaned: []checker.WaiverEntry{}}
		run.Filter = &checker.Filter{Statuses: []checker.Status{checker.StatusGap}}
		run.Reports[0].Profile.Name += " ##[group]" // a workflow command, in the overview too
		return run
	}
	for name, run := range map[string]*Run{"none": {Recommendations: fixtureCatalogue()}, "one": oneState(), "three": threeStates(), "every field": withAll()} {
		t.Run(name, func(t *testing.T) {
			reports := run.Reports
			if reports == nil {
				reports = []*checker.Report{}
			}
			doc := jsonDocument{Version: JSONVersion, Reports: reports, Waivers: run.Waivers, Filter: run.Filter, Policies: run.Policies}
			if len(reports) > 1 {
				doc.Overview = run.overview()
			}
			var want bytes.Buffer
			if err := writeJSON(&want, doc); err != nil {
				t.Fatal(err)
			}
			if got := renderString(t, FormatJSON, Options{}, run); got != want.String() {
				t.Errorf("the stream differs from the document (-want +got):\n%s", cmp.Diff(want.String(), got))
			}
		})
	}
}
