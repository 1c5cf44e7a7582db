package render

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/gapcheck/gapcheck/checker"
)

type tableRenderer struct{ opts Options }

// ANSI colours per status, used only when Options.Color is set.
var statusColor = map[checker.Status]string{
	checker.StatusMet: "\x1b[32m", checker.StatusPartial: "\x1b[33m", checker.StatusGap: "\x1b[31m",
	checker.StatusUnknown: "\x1b[36m", checker.StatusNotYetDue: "\x1b[34m", checker.StatusNotApplicable: "\x1b[90m", checker.StatusWaived: "\x1b[35m",
	checker.StatusError: "\x1b[1;31m",
}

func (t *tableRenderer) colorize(s checker.Status, text string) string {
	if !t.opts.Color {
		return text
	}
	return statusColor[s] + text + "\x1b[0m"
}

func (t *tableRenderer) width() int {
	if t.opts.Width <= 0 {
		return 80
	}
	return t.opts.Width
}

func (t *tableRenderer) Render(w io.Writer, run *Run) error {
	bw := bufio.NewWriter(w)
	out := trimTrailing(bw)
	if run.Policies != nil {
		for _, line := range wrap(policiesText(run.Policies), t.width()) {
			fmt.Fprintln(out, line)
		}
	}
	if len(run.Reports) == 1 {
		if err := t.report(out, run.Reports[0], run.Filter); err != nil {
			return err
		}
	} else if err := t.overview(out, run); err != nil {
		return err
	}
	return bw.Flush()
}

// maxFindingWidth bounds the finding column, so that a wide terminal does not
// spread a finding over lines too long to read.
const maxFindingWidth = 100

// report writes one profile's gap report: a heading, every finding with the
// sources of its fact, the numbered list of those sources, the summary.
func (t *tableRenderer) report(w io.Writer, r *checker.Report, f *checker.Filter) error {
	for _, line := range wrap(heading(r), t.width()) {
		fmt.Fprintln(w, line)
	}
	if note := filterNote(f, []*checker.Report{r}); note != "" {
		fmt.Fprintln(w)
		for _, line := range wrap(note, t.width()) {
			fmt.Fprintln(w, line)
		}
	}
	fmt.Fprintln(w)
	// Widths include one space of padding on each side: "not applicable" (14),
	// "critical" (8), a line number (4); the rest is for the finding. The line is
	// next to the recommendation, however wide the terminal.
	findingWidth := min(max(t.width()-16-10-6-1, 24), maxFindingWidth)
	table := t.newTable(w, map[int]int{0: 16, 1: 10, 2: 6, 3: findingWidth})
	table.Header("STATUS", "SEVERITY", "LINE", "RECOMMENDATION")
	findings := byAttention(r.Findings)
	cited := cite(findings)
	for _, f := range findings {
		text := f.ID + "\n" + f.Message
		if ev := cited.evidenceLine(f); ev != "" {
			text += "\n" + ev
		}
		if err := table.Append([]string{t.colorize(f.Status, label(f.Status)), string(f.Severity), strconv.Itoa(f.Location.Line), text}); err != nil {
			return err
		}
	}
	if err := table.Render(); err != nil {
		return err
	}
	if len(cited.sources) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Sources of the facts above:")
		for i, s := range cited.sources {
			ref := fmt.Sprintf(" [%d] ", i+1)
			indent := strings.Repeat(" ", len(ref))
			for j, line := range wrap(sourceText(s), t.width()-len(ref)) {
				if j == 0 {
					fmt.Fprintln(w, ref+line)
				} else {
					fmt.Fprintln(w, indent+line)
				}
			}
			fmt.Fprintln(w, indent+s.URL) // never broken, so that it stays a link
		}
	}
	fmt.Fprintln(w)
	for _, line := range wrap(summaryLine(r.Summary), t.width()) {
		fmt.Fprintln(w, line)
	}
	for _, line := range wrap("gapcheck explain ID "+r.Profile.Path+" shows a finding in full: its facts' dated entries, notes, sources and history.", t.width()) {
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

// newTable returns a borderless table with wrapped cells and the given column widths.
func (t *tableRenderer) newTable(w io.Writer, widths map[int]int, extra ...tablewriter.Option) *tablewriter.Table {
	opts := []tablewriter.Option{
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders:  tw.BorderNone,
			Symbols:  tw.NewSymbols(tw.StyleASCII),
			Settings: tw.Settings{Separators: tw.Separators{BetweenRows: tw.Off, BetweenColumns: tw.Off}, Lines: tw.Lines{ShowHeaderLine: tw.On}},
		})),
		tablewriter.WithColumnWidths(tw.Mapper[int, int](widths)),
		tablewriter.WithRowAutoWrap(tw.WrapNormal),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
	}
	return tablewriter.NewTable(w, append(opts, extra...)...)
}

// Matrix symbols, one per status.
var symbols = []struct {
	status checker.Status
	symbol string
}{
	{checker.StatusMet, "+"}, {checker.StatusPartial, "~"}, {checker.StatusGap, "X"}, {checker.StatusUnknown, "?"},
	{checker.StatusNotYetDue, ">"}, {checker.StatusNotApplicable, "-"}, {checker.StatusWaived, "w"}, {checker.StatusError, "!"},
}

func symbol(s checker.Status) string {
	for _, e := range symbols {
		if e.status == s {
			return e.symbol
		}
	}
	return " "
}

// legend explains the matrix symbols.
func legend() string {
	parts := make([]string, len(symbols))
	for i, e := range symbols {
		parts[i] = e.symbol + " " + label(e.status)
	}
	return strings.Join(parts, ", ")
}

// overview writes the EU-wide view of a run over many profiles: the states ranked
// with their summaries, the matrix of states by recommendations, and the weakest
// links; each fits the width, and says how to see each state's report.
func (t *tableRenderer) overview(w io.Writer, run *Run) error {
	o := run.overview()
	fmt.Fprintf(w, "%d states %s, %d recommendations.\n", len(o.Columns), runAt(run), len(o.Matrix))
	if note := filterNoteOf(run.Filter, run.totals()); note != "" {
		for _, line := range wrap(note, t.width()) {
			fmt.Fprintln(w, line)
		}
	}
	fmt.Fprintln(w)

	for _, line := range wrap("Ranked by share of applicable recommendations met. EVIDENCE % is the share that rests on a sourced fact: few gaps and little evidence means little is known. LATER counts what binds the state but is not yet due. Percentages are rounded down.", min(t.width(), 80)) {
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w)
	table := t.newTable(w, map[int]int{0: 6, 1: 21, 2: 7, 3: 12, 4: 5, 5: 6, 6: 5, 7: 6, 8: 7, 9: 5})
	table.Header("RANK", "STATE", "MET %", "EVIDENCE %", "MET", "PART", "GAP", "UNKN", "LATER", "N/A")
	for _, s := range o.States {
		c := s.Summary.Counts
		if err := table.Append([]string{
			strconv.Itoa(s.Rank), fmt.Sprintf("%s (%s)", s.Profile.Name, s.Profile.Key()),
			percent(s.Summary.MetShare), percent(s.Summary.EvidenceShare),
			strconv.Itoa(c.Met), strconv.Itoa(c.Partial), strconv.Itoa(c.Gap), strconv.Itoa(c.Unknown), strconv.Itoa(c.NotYetDue),
			strconv.Itoa(c.NotApplicable),
		}); err != nil {
			return err
		}
	}
	if err := table.Render(); err != nil {
		return err
	}

	key := legend()
	if run.Filter != nil && len(run.Filter.Statuses) > 0 {
		key += ", . left out by the filter; rows with nothing to show are omitted"
	}
	fmt.Fprintln(w)
	for _, line := range wrap("Matrix: "+key+".", t.width()) {
		fmt.Fprintln(w, line)
	}
	t.matrix(w, o, run.Filter)

	fmt.Fprintln(w)
	for _, line := range wrap("Weakest links: for each recommendation, how the states it applies to stand.", t.width()) {
		fmt.Fprintln(w, line)
	}
	t.weakest(w, o)

	fmt.Fprintln(w)
	example := "PROFILE"
	if len(o.Profiles) > 0 {
		example = o.Profiles[0].Path
	}
	for _, line := range wrap(fmt.Sprintf("Each state's findings, with the sources of their facts: gapcheck %s (one profile at a time). One finding in full, with its notes and history: gapcheck explain ID %s. Every state's report in one file: --format markdown, or --format html for a map.", example, example), t.width()) {
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

// idColumn is the width of a column of recommendation ids: the longest and two
// spaces, and at least the header's.
func idColumn(ids []string) int {
	n := len("RECOMMENDATION")
	for _, id := range ids {
		n = max(n, len(id))
	}
	return n + 2
}

// matrix writes the matrix of recommendations by states, each state a column as
// wide as its label and a space (three characters for a country code): in one
// block when it fits the width, else in as few blocks of columns as fit, of
// about the same number of states.
func (t *tableRenderer) matrix(w io.Writer, o *checker.Overview, f *checker.Filter) {
	ids := make([]string, len(o.Matrix))
	for i, row := range o.Matrix {
		ids[i] = row.ID
	}
	label := idColumn(ids)
	widths := make([]int, len(o.Columns))
	for i, c := range o.Columns {
		widths[i] = max(3, len([]rune(c))+1)
	}
	for _, b := range matrixBlocks(widths, t.width()-label+1) {
		start, end := b[0], b[1]
		var line strings.Builder
		line.WriteString(pad("RECOMMENDATION", label))
		for i, code := range o.Columns[start:end] {
			line.WriteString(pad(code, widths[start+i]))
		}
		header := strings.TrimRight(line.String(), " ")
		fmt.Fprintf(w, "\n%s\n%s\n", header, strings.Repeat("-", len([]rune(header))))
		for _, row := range o.Matrix {
			if !anyShown(row, f) {
				continue
			}
			line.Reset()
			line.WriteString(pad(row.ID, label))
			for i, s := range row.Statuses[start:end] {
				sym := symbol(s)
				if f != nil && !f.SelectsStatus(s) {
					sym = "."
				} else {
					sym = t.colorize(s, sym)
				}
				line.WriteString(sym)
				if start+i < end-1 {
					line.WriteString(strings.Repeat(" ", widths[start+i]-1))
				}
			}
			fmt.Fprintln(w, line.String())
		}
	}
}

// matrixBlocks splits columns of the given widths into blocks [start, end) that
// fit room (the width less the label's, plus the space no last column needs): as
// few blocks as filling each in turn needs, with about as many columns each. A
// column wider than room is a block of its own.
func matrixBlocks(widths []int, room int) [][2]int {
	greedy := func(per int) [][2]int {
		var out [][2]int
		for start := 0; start < len(widths); {
			end, used := start, 0
			for end < len(widths) && end-start < per && (end == start || used+widths[end] <= room) {
				used += widths[end]
				end++
			}
			out = append(out, [2]int{start, end})
			start = end
		}
		return out
	}
	blocks := greedy(len(widths))
	if len(blocks) <= 1 {
		return [][2]int{{0, len(widths)}}
	}
	balanced := greedy((len(widths) + len(blocks) - 1) / len(blocks))
	if len(balanced) == len(blocks) {
		return balanced
	}
	return blocks
}

// anyShown reports whether a filter leaves any cell of a matrix row to show;
// the text matrices leave out the rows it does not.
func anyShown(row checker.MatrixRow, f *checker.Filter) bool {
	return f == nil || slices.ContainsFunc(row.Statuses, f.SelectsStatus)
}

// weakColumns are the columns of the weakest links before the states: header and
// width, one space of padding on each side included.
var weakColumns = []struct {
	header string
	width  int
}{{"SEVERITY", 10}, {"APPL", 6}, {"MET", 5}, {"PART", 6}, {"GAP", 5}, {"UNKN", 6}}

// weakest writes the weakest links: a row per recommendation with its counts and
// the states with a gap (and, in parentheses, a partial gap), in a column of its
// own when that fits the width, else on the lines below the row, wrapped.
func (t *tableRenderer) weakest(w io.Writer, o *checker.Overview) {
	ids := make([]string, len(o.Weakest))
	states := make([]string, len(o.Weakest))
	longest := len("STATES WITH A GAP (PARTIAL)")
	for i, l := range o.Weakest {
		ids[i] = l.ID
		states[i] = strings.Join(l.Gaps, " ")
		if len(l.Partial) > 0 {
			states[i] = strings.TrimSpace(states[i] + " (" + strings.Join(l.Partial, " ") + ")")
		}
		longest = max(longest, len(states[i]))
	}
	label := idColumn(ids) // one space before the id, at least one after
	counts := 0
	for _, c := range weakColumns {
		counts += c.width
	}
	inline := label+counts+longest+1 <= t.width()
	var b strings.Builder
	b.WriteString(pad(" RECOMMENDATION", label))
	for _, c := range weakColumns {
		b.WriteString(pad(" "+c.header, c.width))
	}
	if inline {
		b.WriteString(" STATES WITH A GAP (PARTIAL)")
	}
	header := strings.TrimRight(b.String(), " ")
	width := len(header)
	if inline {
		width = label + counts + longest + 1
	}
	fmt.Fprintf(w, "\n%s\n%s\n", header, strings.Repeat("-", width))
	for i, l := range o.Weakest {
		c := l.Counts
		b.Reset()
		b.WriteString(pad(" "+l.ID, label))
		for j, n := range []int{0, l.Applicable, c.Met, c.Partial, c.Gap, c.Unknown} {
			cell := strconv.Itoa(n)
			if j == 0 {
				cell = string(l.Severity)
			}
			b.WriteString(pad(" "+cell, weakColumns[j].width))
		}
		if inline {
			b.WriteString(" " + states[i])
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		if inline || states[i] == "" {
			continue
		}
		var parts []string
		if len(l.Gaps) > 0 {
			parts = append(parts, "gap: "+strings.Join(l.Gaps, " "))
		}
		if len(l.Partial) > 0 {
			parts = append(parts, "partial: "+strings.Join(l.Partial, " "))
		}
		for _, line := range wrap(strings.Join(parts, "; "), t.width()-4) {
			fmt.Fprintln(w, "    "+line)
		}
	}
}

// pad pads s with spaces to width characters.
func pad(s string, width int) string {
	if n := len([]rune(s)); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}
