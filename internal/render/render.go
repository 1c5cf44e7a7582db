// Package render writes gap reports in the formats gapcheck offers. Each format is
// one file here, behind the Renderer interface; the list of formats, and the error
// for an unknown one, come from one table.
package render

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// JSONVersion is the version of the JSON report contract (docs/report.schema.json).
// It changes only when a field is removed or changes meaning.
const JSONVersion = 2

// The format names.
const (
	FormatTable    = "table"
	FormatJSON     = "json"
	FormatMarkdown = "markdown"
	FormatSARIF    = "sarif"
	FormatJUnit    = "junit"
	FormatGitHub   = "github"
	FormatCSV      = "csv"
	// FormatCSVMatrix is the EU-wide matrix as CSV: a row per recommendation, a
	// column per state.
	FormatCSVMatrix = "csv-matrix"
	FormatHTML      = "html"
)

// A Run is what a renderer renders: the reports of one run and the catalogue they
// were evaluated against.
type Run struct {
	// Reports are the reports to show, sorted by profile path; with a Filter,
	// only the findings it selects (see checker.Filter.Apply).
	Reports         []*checker.Report
	Recommendations []checker.Recommendation
	// Waivers is what the waivers file did to the reports; nil without one.
	Waivers *checker.WaiverReport
	// Policies are the policies the reports were judged by; every format names
	// them. Nil leaves them unnamed (a renderer test that is not about them).
	Policies *checker.PolicySet
	// Filter is the filter the reports went through (--status, --severity,
	// --recommendation); nil when none.
	Filter *checker.Filter
	// Overview is the EU-wide view of the reports before the filter's statuses
	// applied (its rows are the recommendations the filter selects); nil means the
	// overview of Reports.
	Overview *checker.Overview
	// Histories are the profiles' histories up to the reports' dates, for the
	// formats that show the trend (NeedsHistory); nil when not computed.
	Histories []*checker.History
	// Totals stand for Reports in the tail of a streamed run (StreamRenderer.End),
	// which no longer holds them; nil means: count Reports.
	Totals *RunTotals
}

// RunTotals are what the end of a streamed run says of its reports: how many,
// the range of their dates, and what the filter showed and left out.
type RunTotals struct {
	Count           int
	FirstAt, LastAt string
	Shown           int
	Out             checker.Counts
}

// Add counts a report (filtered as the run shows it) into the totals.
func (t *RunTotals) Add(r *checker.Report) {
	t.Count++
	at := reportAt(r)
	if t.FirstAt == "" || at < t.FirstAt {
		t.FirstAt = at
	}
	if at > t.LastAt {
		t.LastAt = at
	}
	t.Shown += len(r.Findings)
	if r.FilteredOut != nil {
		t.Out = t.Out.Plus(*r.FilteredOut)
	}
}

// totals returns the run's totals: Totals, or those of its reports.
func (r *Run) totals() RunTotals {
	if r.Totals != nil {
		return *r.Totals
	}
	var t RunTotals
	for _, rep := range r.Reports {
		t.Add(rep)
	}
	return t
}

// NewRun returns the run of reports through a filter (nil or zero: none): the
// reports with only the findings it selects, and the overview of the
// recommendations it selects, every status included, so that a matrix can show
// the cells that were left out as such.
func NewRun(reports []*checker.Report, recs []checker.Recommendation, f *checker.Filter) *Run {
	run := &Run{Reports: reports, Recommendations: recs}
	if f == nil || f.IsZero() {
		return run
	}
	run.Filter = f
	run.Reports = f.Apply(reports)
	if len(reports) > 1 {
		run.Overview = checker.NewOverview(f.OnlyRecommendations().Apply(reports))
	}
	return run
}

// overview returns the run's EU-wide view.
func (r *Run) overview() *checker.Overview {
	if r.Overview != nil {
		return r.Overview
	}
	return checker.NewOverview(r.Reports)
}

// Options tune the output.
type Options struct {
	Color bool // ANSI colours (only on a terminal, and never with NO_COLOR)
	Width int  // terminal width; 0 means 80
	// Version is gapcheck's version, named as the tool's in SARIF.
	Version string
	// UnknownFails makes unknown findings JUnit failures rather than skipped tests
	// (--fail-on-unknown).
	UnknownFails bool
	// StepSummary, when set, receives the Markdown report from the github format
	// (the CLI appends it to $GITHUB_STEP_SUMMARY).
	StepSummary io.Writer
	// FullReport names where the full report is (an --output file), for the line
	// of a diff's Markdown that says what was left out to fit a comment.
	FullReport string
}

// A Renderer writes a Run in one format.
type Renderer interface {
	Render(w io.Writer, run *Run) error
}

// A DiffRenderer writes a DiffRun in one format.
type DiffRenderer interface {
	RenderDiff(w io.Writer, run *DiffRun) error
}

// A CatalogueRenderer writes the catalogue of recommendations in one format.
type CatalogueRenderer interface {
	// RenderCatalogue writes recs, naming the policies they come from unless set
	// is nil (gapcheck docs leaves them out: its file depends only on recs).
	RenderCatalogue(w io.Writer, recs []checker.Recommendation, set *checker.PolicySet) error
}

// format is one output format and the documents it can render: a constructor for
// each kind it offers, nil for the kinds it does not.
type format struct {
	name      string
	report    func(Options) Renderer
	diff      func(Options) DiffRenderer
	catalogue func(Options) CatalogueRenderer
	timeline  func(Options) TimelineRenderer
	// history: its reports show the trend, so the run needs Histories.
	history bool
	// filterNote: its reports say what a filter left out; for the other
	// formats the CLI says it on stderr.
	filterNote bool
}

// formats is the one registry of output formats; the lists, the help texts and the
// errors for an unknown format all come from it.
var formats = []format{
	{name: FormatCSV, report: func(Options) Renderer { return csvRenderer{} },
		timeline: func(Options) TimelineRenderer { return guardedTimeline{r: timelineCSV{}} }},
	{name: FormatCSVMatrix, report: func(Options) Renderer { return lineGuarded{csvMatrixRenderer{}, plainGuard} }},
	{name: FormatGitHub, report: func(o Options) Renderer { return githubRenderer{summary: o.StepSummary} },
		diff: func(o Options) DiffRenderer { return diffGitHub{summary: o.StepSummary, fullReport: o.FullReport} }},
	{name: FormatHTML, report: func(o Options) Renderer { return lineGuarded{htmlRenderer{opts: o}, newHTMLGuard} }, history: true, filterNote: true},
	{name: FormatJSON, report: func(Options) Renderer { return jsonRenderer{} }, filterNote: true,
		diff:      func(Options) DiffRenderer { return diffJSON{} },
		catalogue: func(Options) CatalogueRenderer { return catalogueJSON{} },
		timeline:  func(Options) TimelineRenderer { return timelineJSON{} }},
	{name: FormatJUnit, report: func(o Options) Renderer { return junitRenderer{unknownFails: o.UnknownFails} },
		diff: func(Options) DiffRenderer { return diffJUnit{} }},
	{name: FormatMarkdown, report: func(Options) Renderer { return markdownRenderer{} }, filterNote: true,
		diff:      func(o Options) DiffRenderer { return diffMarkdown{fullReport: o.FullReport} },
		catalogue: func(Options) CatalogueRenderer { return catalogueMarkdown{} },
		timeline:  func(Options) TimelineRenderer { return timelineMarkdown{} }},
	{name: FormatSARIF, report: func(o Options) Renderer { return sarifRenderer{version: o.Version} },
		diff: func(o Options) DiffRenderer { return diffSARIF{version: o.Version} }},
	{name: FormatTable, report: func(o Options) Renderer { return guardedTable{r: &tableRenderer{opts: o}, color: o.Color} }, filterNote: true,
		diff:      func(Options) DiffRenderer { return diffTable{} },
		catalogue: func(o Options) CatalogueRenderer { return guardedCatalogue{catalogueTable{opts: o}} },
		timeline:  func(o Options) TimelineRenderer { return guardedTimeline{r: timelineTable{opts: o}, color: o.Color} }},
}

// names lists the formats that offer a kind, sorted.
func names(has func(format) bool) []string {
	var out []string
	for _, f := range formats {
		if has(f) {
			out = append(out, f.name)
		}
	}
	return out
}

// lookup finds a format that offers a kind; an unknown name is an error that lists
// the valid ones.
func lookup(kind, name string, has func(format) bool) (format, error) {
	for _, f := range formats {
		if f.name == name && has(f) {
			return f, nil
		}
	}
	return format{}, fmt.Errorf("unknown %sformat %q: want one of %s", kind, name, strings.Join(names(has), ", "))
}

func hasReport(f format) bool    { return f.report != nil }
func hasDiff(f format) bool      { return f.diff != nil }
func hasCatalogue(f format) bool { return f.catalogue != nil }
func hasTimeline(f format) bool  { return f.timeline != nil }

// TimelineNames lists the formats of timelines, sorted.
func TimelineNames() []string { return names(hasTimeline) }

// NewTimeline returns the timeline renderer for a format name.
func NewTimeline(name string, o Options) (TimelineRenderer, error) {
	f, err := lookup("timeline ", name, hasTimeline)
	if err != nil {
		return nil, err
	}
	return f.timeline(o), nil
}

// NeedsHistory reports whether the report format shows the trend, so that its
// Run needs the profiles' Histories.
func NeedsHistory(name string) bool {
	f, err := lookup("", name, hasReport)
	return err == nil && f.history
}

// ShowsFilter reports whether the report format says in its output what a
// filter left out.
func ShowsFilter(name string) bool {
	f, err := lookup("", name, hasReport)
	return err == nil && f.filterNote
}

// Names lists the formats of gap reports (check), sorted.
func Names() []string { return names(hasReport) }

// DiffNames lists the formats of diffs, sorted.
func DiffNames() []string { return names(hasDiff) }

// CatalogueNames lists the formats of the catalogue (gapcheck policies), sorted.
func CatalogueNames() []string { return names(hasCatalogue) }

// New returns the renderer of gap reports for a format name.
func New(name string, o Options) (Renderer, error) {
	f, err := lookup("", name, hasReport)
	if err != nil {
		return nil, err
	}
	return f.report(o), nil
}

// NewDiff returns the diff renderer for a format name.
func NewDiff(name string, o Options) (DiffRenderer, error) {
	f, err := lookup("diff ", name, hasDiff)
	if err != nil {
		return nil, err
	}
	return f.diff(o), nil
}

// NewCatalogue returns the catalogue renderer for a format name.
func NewCatalogue(name string, o Options) (CatalogueRenderer, error) {
	f, err := lookup("", name, hasCatalogue)
	if err != nil {
		return nil, err
	}
	return f.catalogue(o), nil
}

// writeJSON writes v as indented JSON, without HTML escaping: every JSON output
// of gapcheck is written this one way.
//
// "##[", GitHub's legacy workflow-command marker, read anywhere in a line of a
// CI log, is written "##\u005b": the same JSON string, which no log reads as a
// command. (In JSON "#" occurs only inside strings.)
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(bytes.ReplaceAll(buf.Bytes(), []byte(legacyCommand), []byte(`##\u005b`)))
	return err
}

// statusOrder is the order in which statuses are shown: what needs attention first.
var statusOrder = map[checker.Status]int{
	checker.StatusError: 0, checker.StatusGap: 1, checker.StatusPartial: 2, checker.StatusUnknown: 3,
	checker.StatusWaived: 4, checker.StatusNotYetDue: 5, checker.StatusMet: 6, checker.StatusNotApplicable: 7,
}

// byAttention returns the findings sorted for a reader: errors and gaps first, then
// by severity, then by id.
func byAttention(fs []checker.Finding) []checker.Finding {
	out := append([]checker.Finding(nil), fs...)
	slices.SortStableFunc(out, func(a, b checker.Finding) int {
		return cmp.Or(cmp.Compare(statusOrder[a.Status], statusOrder[b.Status]), cmp.Compare(b.Severity.Rank(), a.Severity.Rank()), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// policiesOf is policiesText of a run's policies, "" when it names none.
func policiesOf(run *Run) string {
	if run.Policies == nil {
		return ""
	}
	return policiesText(run.Policies)
}

// NamesPolicies reports whether a format of reports names the policies in its
// output; the CLI names them on stderr for the others (csv, csv-matrix), whose
// rows have no place for them.
func NamesPolicies(format string) bool { return format != FormatCSV && format != FormatCSVMatrix }

// policiesText names the policies of a run in text formats.
func policiesText(set *checker.PolicySet) string { return "policies: " + set.Name }

// label is how text output names a status.
func label(s checker.Status) string { return strings.ReplaceAll(string(s), "_", " ") }

// percent renders a share as a whole percentage, rounding down so that 99.6% never
// reads as 100% (5 of 21 is 23%). Every percentage gapcheck prints comes from it.
func percent(share float64) string { return fmt.Sprintf("%d%%", int(share*100+1e-9)) }

// heading names a report's profile, the date it was evaluated at and the date its
// facts were reviewed to.
func heading(r *checker.Report) string {
	return fmt.Sprintf("%s: %s (%s) at %s; facts %s", r.Profile.Path, r.Profile.Name, r.Profile.Key(), reportAt(r), reviewed(r))
}

// reportAt is the date a report was evaluated at: its At, else its profile's as_of.
func reportAt(r *checker.Report) string { return cmp.Or(r.At, r.Profile.AsOf) }

// reviewed says what the evaluation date is to the profile's review date: a date
// after it sees the facts as of the review, not what happened since.
func reviewed(r *checker.Report) string {
	at := reportAt(r)
	switch {
	case at == r.Profile.AsOf:
		return "reviewed to that date"
	case at > r.Profile.AsOf:
		return fmt.Sprintf("reviewed only to %s", r.Profile.AsOf)
	}
	return fmt.Sprintf("reviewed to %s", r.Profile.AsOf)
}

// runAt says the date the reports of a run were evaluated at: "at D" when they
// share one, else the range of their dates.
func runAt(run *Run) string {
	t := run.totals()
	lo, hi := t.FirstAt, t.LastAt
	if lo == hi {
		return "at " + lo
	}
	return fmt.Sprintf("at their review dates, %s to %s", lo, hi)
}

// summaryLine is the one-line summary of a report.
func summaryLine(s checker.Summary) string {
	parts := []string{}
	for _, st := range checker.Statuses {
		if n := s.Counts.Of(st); n > 0 || st == checker.StatusGap || st == checker.StatusMet || st == checker.StatusUnknown {
			parts = append(parts, fmt.Sprintf("%d %s", n, label(st)))
		}
	}
	return fmt.Sprintf("%s. Met: %s of %d applicable; evidence for %s (rounded down).",
		strings.Join(parts, ", "), percent(s.MetShare), s.Applicable, percent(s.EvidenceShare))
}
