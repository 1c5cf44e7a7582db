package render

import (
	"fmt"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// filterWhat says what a filter selects, as its flags name it: "status gap or
// partial; severity high; recommendation pnr-*".
func filterWhat(f *checker.Filter) string {
	var parts []string
	or := func(items []string) string {
		if len(items) <= 1 {
			return strings.Join(items, "")
		}
		return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
	}
	if len(f.Statuses) > 0 {
		names := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			names[i] = string(s)
		}
		parts = append(parts, "status "+or(names))
	}
	if len(f.Severities) > 0 {
		names := make([]string, len(f.Severities))
		for i, s := range f.Severities {
			names[i] = string(s)
		}
		parts = append(parts, "severity "+or(names))
	}
	if len(f.Recommendations) > 0 {
		parts = append(parts, "recommendation "+or(f.Recommendations))
	}
	return strings.Join(parts, "; ")
}

// filterNote says what a filter selected and what it left out of reports:
// "Filter: status gap: 3 of 21 findings shown; left out: 9 met, 9 unknown." It
// is "" without a filter.
func filterNote(f *checker.Filter, reports []*checker.Report) string {
	return filterNoteOf(f, (&Run{Reports: reports}).totals())
}

// filterNoteOf is filterNote of the totals of a run.
func filterNoteOf(f *checker.Filter, t RunTotals) string {
	if f == nil || f.IsZero() {
		return ""
	}
	shown, out := t.Shown, t.Out
	return fmt.Sprintf("Filter: %s: %d of %d findings shown; left out: %s. The summaries count every finding.",
		filterWhat(f), shown, shown+out.Total(), countsText(out))
}

// FilterNote is filterNote for the run, for the formats that do not say it
// (ShowsFilter): one line without the final period, or "" without a filter.
func FilterNote(run *Run) string {
	if run.Filter == nil || run.Filter.IsZero() {
		return ""
	}
	t := run.totals()
	shown, out := t.Shown, t.Out
	return fmt.Sprintf("filter %s: %d of %d findings shown; left out: %s", filterWhat(run.Filter), shown, shown+out.Total(), countsText(out))
}
