package render

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// TimelineJSONVersion is the version of the JSON timeline contract
// (docs/timeline.schema.json). It changes only when a field is removed or changes
// meaning.
const TimelineJSONVersion = 1

// A TimelineRun is what a timeline renderer renders: each state's history and,
// for the EU-wide view, the trend at a list of dates.
type TimelineRun struct {
	Histories []*checker.History
	// Trend is nil when only the states' changes are asked for.
	Trend *checker.Trend
	// TrendOnly asks the table, markdown and csv formats for the trend instead of
	// the states' changes; json has both.
	TrendOnly bool
	// Policies are the policies the histories were evaluated with; table,
	// markdown and json name them (csv has no place for them). Nil leaves them
	// unnamed.
	Policies *checker.PolicySet
}

// A TimelineRenderer writes a TimelineRun in one format.
type TimelineRenderer interface {
	RenderTimeline(w io.Writer, run *TimelineRun) error
}

// timelineHeading says whose history it is and over which dates.
func timelineHeading(h *checker.History) string {
	p := h.Profile
	reviewed := "facts reviewed to that date"
	if h.To != p.AsOf {
		reviewed = "facts reviewed to " + p.AsOf
	}
	return fmt.Sprintf("%s: %s (%s), %s to %s; %s", p.Path, p.Name, p.Country, h.Dates[0], h.To, reviewed)
}

// countChanges says how many status changes there are, in words.
func countChanges(n int) string {
	if n == 1 {
		return "1 status change"
	}
	return fmt.Sprintf("%d status changes", n)
}

// sourceTitles names the sources of a change for text output.
func sourceTitles(c checker.StatusChange) string {
	titles := make([]string, len(c.Sources))
	for i, s := range c.Sources {
		titles[i] = s.Title
	}
	return strings.Join(titles, "; ")
}

// fromStatus is how text output names the status before a change.
func fromStatus(s checker.Status) string {
	if s == "" {
		return "(new)"
	}
	return label(s)
}

type timelineTable struct{ opts Options }

func (t timelineTable) width() int {
	if t.opts.Width <= 0 {
		return 80
	}
	return t.opts.Width
}

// RenderTimeline writes each state's changes, a date and a transition on one line
// with the finding's message and its sources below, then the trend.
func (t timelineTable) RenderTimeline(w io.Writer, run *TimelineRun) error {
	bw := bufio.NewWriter(w)
	width := t.width()
	if run.Policies != nil {
		for _, line := range wrap(policiesText(run.Policies), width) {
			fmt.Fprintln(bw, line)
		}
	}
	for i, h := range run.Histories {
		if run.TrendOnly {
			break
		}
		if i > 0 {
			fmt.Fprintln(bw)
		}
		changes := h.Changes()
		for _, line := range wrap(timelineHeading(h)+". "+countChanges(len(changes))+".", width) {
			fmt.Fprintln(bw, line)
		}
		wID := 0
		for _, c := range changes {
			wID = max(wID, len(c.ID))
		}
		indent := strings.Repeat(" ", 12)
		for _, c := range changes {
			fmt.Fprintf(bw, "\n%s  %-*s  %s -> %s\n", c.Date, wID, c.ID, fromStatus(c.From), label(c.To))
			for _, line := range wrap(c.Message, width-len(indent)) {
				fmt.Fprintln(bw, indent+line)
			}
			if s := sourceTitles(c); s != "" {
				for _, line := range wrap("sources: "+s, width-len(indent)) {
					fmt.Fprintln(bw, indent+line)
				}
			}
		}
	}
	if run.Trend != nil {
		if !run.TrendOnly {
			fmt.Fprintln(bw)
		}
		t.trend(bw, run.Trend)
	}
	return bw.Flush()
}

// trend writes the trend as two matrices, recommendations and states by dates,
// the dates in as many blocks as the width needs.
func (t timelineTable) trend(w io.Writer, tr *checker.Trend) {
	width := t.width()
	fmt.Fprintf(w, "EU-wide trend of %d states at %d dates.\n", len(tr.States), len(tr.Dates))
	fmt.Fprintln(w, "\nMet, of the states a recommendation applies to and is due for (met/applicable):")
	idWidth := 0
	for _, r := range tr.Recommendations {
		idWidth = max(idWidth, len(r.ID))
	}
	rows := make([][]string, len(tr.Recommendations))
	labels := make([]string, len(tr.Recommendations))
	for i, r := range tr.Recommendations {
		labels[i] = r.ID
		for _, c := range r.Counts {
			rows[i] = append(rows[i], fmt.Sprintf("%d/%d", c.Met, applicable(c)))
		}
	}
	matrix(w, width, idWidth, tr.Dates, labels, rows)

	fmt.Fprintln(w, "\nMet share per state, of what applies and is due (- before or after its profile):")
	labels = make([]string, len(tr.States))
	rows = make([][]string, len(tr.States))
	nameWidth := 0
	for i, s := range tr.States {
		labels[i] = fmt.Sprintf("%s (%s)", s.Profile.Name, s.Profile.Key())
		nameWidth = max(nameWidth, len([]rune(labels[i])))
		for _, sum := range s.Summaries {
			cell := "-"
			if sum != nil {
				cell = percent(sum.MetShare)
			}
			rows[i] = append(rows[i], cell)
		}
	}
	matrix(w, width, nameWidth, tr.Dates, labels, rows)
}

// applicable is the number of findings of counts that apply and are due.
func applicable(c checker.Counts) int {
	return c.Met + c.Partial + c.Gap + c.Unknown + c.Waived
}

// dateLabel is how a matrix heads a date: the year alone for 31 December.
func dateLabel(d string) string {
	if strings.HasSuffix(d, "-12-31") {
		return d[:4]
	}
	return d
}

// matrix writes rows (one per label) by dates, right-aligned, each column as wide
// as its widest cell, in blocks of as many date columns as fit the width.
func matrix(w io.Writer, width, labelWidth int, dates, labels []string, rows [][]string) {
	widths := make([]int, len(dates))
	for i, d := range dates {
		widths[i] = len(dateLabel(d))
		for _, row := range rows {
			widths[i] = max(widths[i], len(row[i]))
		}
		widths[i] += 2
	}
	for start := 0; start < len(dates); {
		end, used := start, labelWidth
		for end < len(dates) && (end == start || used+widths[end] <= width) {
			used += widths[end]
			end++
		}
		var b strings.Builder
		b.WriteString(strings.Repeat(" ", labelWidth))
		for i := start; i < end; i++ {
			fmt.Fprintf(&b, "%*s", widths[i], dateLabel(dates[i]))
		}
		fmt.Fprintf(w, "\n%s\n", b.String())
		for r, label := range labels {
			b.Reset()
			b.WriteString(label + strings.Repeat(" ", labelWidth-len([]rune(label))))
			for i := start; i < end; i++ {
				fmt.Fprintf(&b, "%*s", widths[i], rows[r][i])
			}
			fmt.Fprintln(w, b.String())
		}
		start = end
	}
}

type timelineMarkdown struct{}

// RenderTimeline writes a section per state with a table of its changes, then the
// trend as two tables.
func (timelineMarkdown) RenderTimeline(w io.Writer, run *TimelineRun) error {
	bw := bufio.NewWriter(w)
	if run.Policies != nil {
		fmt.Fprintf(bw, "Policies: %s.\n\n", mdPolicies(run.Policies))
	}
	for i, h := range run.Histories {
		if run.TrendOnly {
			break
		}
		if i > 0 {
			fmt.Fprintln(bw)
		}
		p := h.Profile
		changes := h.Changes()
		fmt.Fprintf(bw, "## %s (%s): timeline, %s to %s\n\n", mdCell(p.Name), p.Country, h.Dates[0], h.To)
		fmt.Fprintf(bw, "Facts of %s, reviewed to %s. %s.\n", mdText(p.Path), p.AsOf, countChanges(len(changes)))
		if len(changes) == 0 {
			continue
		}
		fmt.Fprintln(bw, "\n| Date | Recommendation | Change | Finding | Sources | Where |")
		fmt.Fprintln(bw, "|---|---|---|---|---|---|")
		for _, c := range changes {
			links := make([]string, len(c.Sources))
			for i, s := range c.Sources {
				links[i] = fmt.Sprintf("[%s](%s)", mdLinkText(s.Title), mdURL(s.URL))
			}
			fmt.Fprintf(bw, "| %s | `%s` | %s → %s | %s | %s | %s:%d |\n", c.Date, c.ID, fromStatus(c.From), label(c.To),
				mdCell(c.Message), strings.Join(links, "; "), mdCell(c.Location.File), c.Location.Line)
		}
	}
	if tr := run.Trend; tr != nil {
		if len(run.Histories) > 0 && !run.TrendOnly {
			fmt.Fprintln(bw)
		}
		fmt.Fprintf(bw, "## EU-wide trend: %d states at %d dates\n\n", len(tr.States), len(tr.Dates))
		fmt.Fprintln(bw, "Met, of the states a recommendation applies to and is due for (met/applicable).")
		header := "| Recommendation |"
		align := "|---|"
		for _, d := range tr.Dates {
			header += " " + dateLabel(d) + " |"
			align += "---:|"
		}
		fmt.Fprintf(bw, "\n%s\n%s\n", header, align)
		for _, r := range tr.Recommendations {
			cells := make([]string, len(r.Counts))
			for i, c := range r.Counts {
				cells[i] = fmt.Sprintf("%d/%d", c.Met, applicable(c))
			}
			fmt.Fprintf(bw, "| `%s` | %s |\n", r.ID, strings.Join(cells, " | "))
		}
		fmt.Fprintln(bw, "\nMet share per state, of what applies and is due (- before or after its profile).")
		fmt.Fprintf(bw, "\n%s\n%s\n", strings.Replace(header, "Recommendation", "State", 1), align)
		for _, s := range tr.States {
			cells := make([]string, len(s.Summaries))
			for i, sum := range s.Summaries {
				cells[i] = "-"
				if sum != nil {
					cells[i] = percent(sum.MetShare)
				}
			}
			fmt.Fprintf(bw, "| %s (%s) | %s |\n", mdCell(s.Profile.Name), mdCell(s.Profile.Key()), strings.Join(cells, " | "))
		}
	}
	return bw.Flush()
}

type timelineCSV struct{}

// RenderTimeline writes one row per change (or, with TrendOnly, one row per date
// and recommendation or state), with a header row; RFC 4180 quoting.
func (timelineCSV) RenderTimeline(w io.Writer, run *TimelineRun) error {
	cw := csv.NewWriter(w)
	if run.TrendOnly {
		if run.Trend == nil {
			return fmt.Errorf("no trend to write")
		}
		writeTrendCSV(cw, run.Trend)
	} else {
		_ = cw.Write([]string{"country", "state", "date", "recommendation", "severity", "from", "to", "message", "file", "line", "sources"})
		for _, h := range run.Histories {
			for _, c := range h.Changes() {
				ids := make([]string, len(c.Sources))
				for i, s := range c.Sources {
					ids[i] = s.ID
				}
				_ = cw.Write([]string{csvText(h.Profile.Key()), csvText(h.Profile.Name), c.Date, c.ID, string(c.Severity), string(c.From), string(c.To),
					csvText(c.Message), csvText(c.Location.File), strconv.Itoa(c.Location.Line), strings.Join(ids, " ")})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeTrendCSV writes the trend: for each date, a row per recommendation (its
// counts across the states) and a row per state (its counts across the
// recommendations, and its met and evidence shares).
func writeTrendCSV(cw *csv.Writer, tr *checker.Trend) {
	header := []string{"date", "kind", "id"}
	for _, s := range checker.Statuses {
		header = append(header, string(s))
	}
	header = append(header, "applicable", "met_share", "evidence_share")
	_ = cw.Write(header)
	row := func(date, kind, id string, c checker.Counts, shares ...string) {
		rec := []string{date, kind, id}
		for _, s := range checker.Statuses {
			rec = append(rec, strconv.Itoa(c.Of(s)))
		}
		_ = cw.Write(append(rec, shares...))
	}
	share := func(f float64) string { return strconv.FormatFloat(f, 'f', 4, 64) }
	for i, d := range tr.Dates {
		for _, r := range tr.Recommendations {
			c := r.Counts[i]
			n := applicable(c)
			met, ev := 0.0, 0.0
			if n > 0 {
				met, ev = float64(c.Met)/float64(n), float64(n-c.Unknown)/float64(n)
			}
			row(d, "recommendation", r.ID, c, strconv.Itoa(n), share(met), share(ev))
		}
		for _, st := range tr.States {
			if sum := st.Summaries[i]; sum != nil {
				row(d, "state", st.Profile.Key(), sum.Counts, strconv.Itoa(sum.Applicable), share(sum.MetShare), share(sum.EvidenceShare))
			}
		}
	}
}

// csvText keeps a cell from being read as a formula by a spreadsheet: text that
// starts with =, +, - or @, or with white space (a spreadsheet may skip it and read
// what follows), gets a leading apostrophe.
func csvText(s string) string {
	if t := strings.TrimLeft(s, " \t\r\n"); t != "" && (strings.ContainsRune("=+-@", rune(t[0])) || len(t) < len(s)) {
		return "'" + s
	}
	return s
}

type timelineJSON struct{}

// timelineDocument is the versioned JSON timeline contract.
type timelineDocument struct {
	Version   int              `json:"version"`
	Timelines []timelineJSONOf `json:"timelines"`
	Trend     *checker.Trend   `json:"trend,omitempty"`
	// Policies are the policies the histories were evaluated with.
	Policies *checker.PolicySet `json:"policies,omitempty"`
}

type timelineJSONOf struct {
	Profile checker.ProfileInfo    `json:"profile"`
	From    string                 `json:"from"`
	To      string                 `json:"to"`
	Changes []checker.StatusChange `json:"changes"`
}

func (timelineJSON) RenderTimeline(w io.Writer, run *TimelineRun) error {
	doc := timelineDocument{Version: TimelineJSONVersion, Timelines: []timelineJSONOf{}, Trend: run.Trend, Policies: run.Policies}
	for _, h := range run.Histories {
		changes := h.Changes()
		if changes == nil {
			changes = []checker.StatusChange{}
		}
		doc.Timelines = append(doc.Timelines, timelineJSONOf{Profile: h.Profile, From: h.Dates[0], To: h.To, Changes: changes})
	}
	return writeJSON(w, doc)
}
