package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

type markdownRenderer struct{}

func (markdownRenderer) Render(w io.Writer, run *Run) error {
	bw := bufio.NewWriter(w)
	if run.Policies != nil {
		fmt.Fprintf(bw, "Policies: %s.\n\n", mdPolicies(run.Policies))
	}
	if len(run.Reports) > 1 {
		writeMarkdownOverview(bw, run)
	}
	for i, r := range run.Reports {
		if i > 0 || len(run.Reports) > 1 {
			bw.WriteString("\n")
		}
		writeMarkdownReport(bw, r, run.Filter)
	}
	return bw.Flush()
}

// writeMarkdownOverview writes the EU-wide view: ranking, matrix, weakest links.
func writeMarkdownOverview(w io.Writer, run *Run) {
	o := run.overview()
	fmt.Fprintf(w, "# EU-wide picture: %d states %s, %d recommendations\n\n", len(o.Columns), runAt(run), len(o.Matrix))
	if note := filterNoteOf(run.Filter, run.totals()); note != "" {
		fmt.Fprintf(w, "%s\n\n", mdNote(note))
	}
	fmt.Fprintln(w, "## States ranked by share of applicable recommendations met")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Evidence is the share of applicable recommendations that rests on a sourced fact (not unknown). Not yet due: binds the state, but its date has not come. Percentages are rounded down.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Rank | State | Met | Evidence | met | partial | gap | unknown | not yet due | n/a |")
	fmt.Fprintln(w, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, s := range o.States {
		c := s.Summary.Counts
		fmt.Fprintf(w, "| %d | %s (%s) | %s | %s | %d | %d | %d | %d | %d | %d |\n", s.Rank, mdCell(s.Profile.Name), mdCell(s.Profile.Key()),
			percent(s.Summary.MetShare), percent(s.Summary.EvidenceShare), c.Met, c.Partial, c.Gap, c.Unknown, c.NotYetDue, c.NotApplicable)
	}
	keys := make([]string, len(symbols))
	for i, e := range symbols {
		keys[i] = fmt.Sprintf("`%s` %s", e.symbol, label(e.status))
	}
	filtering := run.Filter != nil && len(run.Filter.Statuses) > 0
	if filtering {
		keys = append(keys, "`.` left out by the filter; rows with nothing to show are omitted")
	}
	fmt.Fprintf(w, "\n## Matrix\n\n%s.\n\n", strings.Join(keys, ", "))
	fmt.Fprintf(w, "| Recommendation | %s |\n", mdCells(o.Columns, " | "))
	fmt.Fprintf(w, "|---|%s\n", strings.Repeat(":-:|", len(o.Columns)))
	for _, row := range o.Matrix {
		if !anyShown(row, run.Filter) {
			continue
		}
		cells := make([]string, len(row.Statuses))
		for i, s := range row.Statuses {
			cells[i] = mdCell(symbol(s))
			if filtering && !run.Filter.SelectsStatus(s) {
				cells[i] = "."
			}
		}
		fmt.Fprintf(w, "| `%s` | %s |\n", row.ID, strings.Join(cells, " | "))
	}
	fmt.Fprintln(w, "\n## Weakest links")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Recommendation | Severity | Applicable | met | partial | gap | unknown | States with a gap | Partial |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---|---|")
	for _, l := range o.Weakest {
		c := l.Counts
		fmt.Fprintf(w, "| `%s` | %s | %d | %d | %d | %d | %d | %s | %s |\n", l.ID, l.Severity, l.Applicable,
			c.Met, c.Partial, c.Gap, c.Unknown, mdCells(l.Gaps, " "), mdCells(l.Partial, " "))
	}
}

// mdCells is keys (states' codes and units) through mdCell, joined by sep.
func mdCells(keys []string, sep string) string {
	cells := make([]string, len(keys))
	for i, k := range keys {
		cells[i] = mdCell(k)
	}
	return strings.Join(cells, sep)
}

// mdNote is a filter note as Markdown prose: its globs ("pnr-*") are not emphasis.
func mdNote(s string) string { return strings.ReplaceAll(mdText(s), "*", `\*`) }

func writeMarkdownReport(w io.Writer, r *checker.Report, f *checker.Filter) {
	fmt.Fprintf(w, "## %s (%s): gap report at %s\n\n", mdCell(r.Profile.Name), mdCell(r.Profile.Key()), reportAt(r))
	fmt.Fprintf(w, "Facts of %s, %s.\n\n", mdText(r.Profile.Path), reviewed(r))
	if note := filterNote(f, []*checker.Report{r}); note != "" {
		fmt.Fprintf(w, "%s\n\n", mdNote(note))
	}
	fmt.Fprintf(w, "%s\n\n", summaryLine(r.Summary))
	if len(r.Findings) == 0 {
		return
	}
	findings := byAttention(r.Findings)
	fmt.Fprintln(w, "| Status | Severity | Recommendation | Finding | Evidence from | Sources | Where |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, f := range findings {
		var links []string
		for _, s := range f.FactSources() {
			links = append(links, fmt.Sprintf("[%s](%s)", mdLinkText(s.ID), mdURL(s.URL)))
		}
		fmt.Fprintf(w, "| %s | %s | `%s` %s | %s | %s | %s | %s:%d |\n", label(f.Status), f.Severity, f.ID, mdCell(f.Title), mdCell(f.Message),
			f.EvidenceDate, strings.Join(links, ", "), mdCell(f.Location.File), f.Location.Line)
	}
	cited := cite(findings)
	if len(cited.sources) == 0 {
		return
	}
	fmt.Fprintln(w, "\nSources of these facts:")
	fmt.Fprintln(w)
	for i, s := range cited.sources {
		date := ""
		if s.Date != "" {
			date = ", " + s.Date
		}
		fmt.Fprintf(w, "%d. `%s`: [%s](%s)%s\n", i+1, mdCell(s.ID), mdLinkText(s.Title), mdURL(s.URL), date)
	}
}

// mdPolicies names a policy set in Markdown, as code.
func mdPolicies(set *checker.PolicySet) string {
	return "`" + strings.ReplaceAll(set.Name, "`", "'") + "`"
}

// markdownStream writes the Markdown report of several states (Render's) a state
// at a time: their sections aside as they come (a Prologued renderer), then, once
// the run is over, the policies and the EU-wide view before them.
type markdownStream struct{ filter *checker.Filter }

func (m *markdownStream) Begin(_ io.Writer, run *Run) error {
	m.filter = run.Filter
	return nil
}

func (m *markdownStream) Report(w io.Writer, r *checker.Report) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\n")
	writeMarkdownReport(bw, r, m.filter)
	return bw.Flush()
}

func (m *markdownStream) Prologue(w io.Writer, tail *Run, _ int) error {
	bw := bufio.NewWriter(w)
	if tail.Policies != nil {
		fmt.Fprintf(bw, "Policies: %s.\n\n", mdPolicies(tail.Policies))
	}
	writeMarkdownOverview(bw, tail)
	return bw.Flush()
}

func (m *markdownStream) End(io.Writer, *Run, int) error { return nil }
