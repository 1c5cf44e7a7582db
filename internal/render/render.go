// Package render writes gap reports in the formats gapcheck offers. Each format is
// one file here, behind the Renderer interface; the list of formats, and the error
// for an unknown one, come from one table.
package render

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// JSONVersion is the version of the JSON report contract (docs/report.schema.json).
// It changes only when a field is removed or changes meaning.
const JSONVersion = 1

// The format names.
const (
	FormatTable    = "table"
	FormatJSON     = "json"
	FormatMarkdown = "markdown"
	FormatSARIF    = "sarif"
	FormatJUnit    = "junit"
	FormatGitHub   = "github"
)

// A Run is what a renderer renders: the reports of one run and the catalogue they
// were evaluated against.
type Run struct {
	Reports         []*checker.Report
	Recommendations []checker.Recommendation
	// Waivers is what the waivers file did to the reports; nil without one.
	Waivers *checker.WaiverReport
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
}

// A Renderer writes a Run in one format.
type Renderer interface {
	Render(w io.Writer, run *Run) error
}

var formats = map[string]func(Options) Renderer{
	FormatTable:    func(o Options) Renderer { return &tableRenderer{opts: o} },
	FormatJSON:     func(Options) Renderer { return jsonRenderer{} },
	FormatMarkdown: func(Options) Renderer { return markdownRenderer{} },
	FormatSARIF:    func(o Options) Renderer { return sarifRenderer{version: o.Version} },
	FormatJUnit:    func(o Options) Renderer { return junitRenderer{unknownFails: o.UnknownFails} },
	FormatGitHub:   func(o Options) Renderer { return githubRenderer{summary: o.StepSummary} },
}

// Names lists the format names, sorted.
func Names() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New returns the renderer for a format name; an unknown name is an error that
// lists the valid ones.
func New(name string, o Options) (Renderer, error) {
	f, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q: want one of %s", name, strings.Join(Names(), ", "))
	}
	return f(o), nil
}

// statusOrder is the order in which statuses are shown: what needs attention first.
var statusOrder = map[checker.Status]int{
	checker.StatusError: 0, checker.StatusGap: 1, checker.StatusPartial: 2, checker.StatusUnknown: 3,
	checker.StatusWaived: 4, checker.StatusMet: 5, checker.StatusNotApplicable: 6,
}

// byAttention returns the findings sorted for a reader: errors and gaps first, then
// by severity, then by id.
func byAttention(fs []checker.Finding) []checker.Finding {
	out := append([]checker.Finding(nil), fs...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if statusOrder[a.Status] != statusOrder[b.Status] {
			return statusOrder[a.Status] < statusOrder[b.Status]
		}
		if a.Severity.Rank() != b.Severity.Rank() {
			return a.Severity.Rank() > b.Severity.Rank()
		}
		return a.ID < b.ID
	})
	return out
}

// label is how text output names a status.
func label(s checker.Status) string { return strings.ReplaceAll(string(s), "_", " ") }

// percent renders a share as a whole percentage, rounding down so that 99.6% never
// reads as 100%.
func percent(share float64) string { return fmt.Sprintf("%d%%", int(share*100+1e-9)) }

// summaryLine is the one-line summary of a report.
func summaryLine(s checker.Summary) string {
	parts := []string{}
	for _, st := range checker.Statuses {
		if n := s.Counts.Of(st); n > 0 || st == checker.StatusGap || st == checker.StatusMet || st == checker.StatusUnknown {
			parts = append(parts, fmt.Sprintf("%d %s", n, label(st)))
		}
	}
	return fmt.Sprintf("%s. Met: %s of %d applicable; evidence for %s.",
		strings.Join(parts, ", "), percent(s.MetShare), s.Applicable, percent(s.EvidenceShare))
}
