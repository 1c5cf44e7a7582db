package render

import (
	"bufio"
	"fmt"
	"io"
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
	if run.Policies != nil {
		for _, line := range wrap(policiesText(run.Policies), t.width()) {
			fmt.Fprintln(bw, line)
		}
	}
	if len(run.Reports) == 1 {
		if err := t.report(bw, run.Reports[0]); err != nil {
			return err
		}
	} else if err := t.overview(bw, run); err != nil {
		return err
	}
	return bw.Flush()
}

// report writes one profile's gap report: a heading, every finding, the summary.
func (t *tableRenderer) report(w io.Writer, r *checker.Report) error {
	for _, line := range wrap(heading(r), t.width()) {
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w)
	// Widths include one space of padding on each side: "not applicable" (14),
	// "critical" (8), a line number (4); the rest is for the finding.
	findingWidth := max(t.width()-16-10-6-1, 24)
	table := t.newTable(w, map[int]int{0: 16, 1: 10, 2: findingWidth, 3: 6})
	table.Header("STATUS", "SEVERITY", "RECOMMENDATION", "LINE")
	for _, f := range byAttention(r.Findings) {
		text := f.ID + "\n" + f.Message
		if err := table.Append([]string{t.colorize(f.Status, label(f.Status)), string(f.Severity), text, strconv.Itoa(f.Location.Line)}); err != nil {
			return err
		}
	}
	if err := table.Render(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, line := range wrap(summaryLine(r.Summary), t.width()) {
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
// links.
func (t *tableRenderer) overview(w io.Writer, run *Run) error {
	o := checker.NewOverview(run.Reports)
	fmt.Fprintf(w, "%d states %s, %d recommendations.\n\n", len(o.Columns), runAt(run.Reports), len(o.Matrix))

	fmt.Fprintln(w, "Ranked by share of applicable recommendations met. EVIDENCE % is the share that")
	fmt.Fprintln(w, "rests on a sourced fact: few gaps and little evidence means little is known.")
	fmt.Fprintln(w, "LATER counts what binds the state but is not yet due.")
	fmt.Fprintln(w)
	table := t.newTable(w, map[int]int{0: 6, 1: 21, 2: 7, 3: 12, 4: 5, 5: 6, 6: 5, 7: 6, 8: 7, 9: 5})
	table.Header("RANK", "STATE", "MET %", "EVIDENCE %", "MET", "PART", "GAP", "UNKN", "LATER", "N/A")
	for _, s := range o.States {
		c := s.Summary.Counts
		if err := table.Append([]string{
			strconv.Itoa(s.Rank), fmt.Sprintf("%s (%s)", s.Profile.Name, s.Profile.Country),
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

	fmt.Fprintf(w, "\nMatrix: %s.\n\n", legend())
	widths := map[int]int{0: 30}
	header := []any{"RECOMMENDATION"}
	for i, code := range o.Columns {
		widths[i+1] = 3
		header = append(header, code)
	}
	// Two-letter columns: no left padding, so that 32 states fit in 130 columns.
	table = t.newTable(w, widths, tablewriter.WithPadding(tw.Padding{Left: "", Right: " ", Overwrite: true}))
	table.Header(header...)
	for _, row := range o.Matrix {
		cells := []string{row.ID}
		for _, s := range row.Statuses {
			cells = append(cells, t.colorize(s, symbol(s)))
		}
		if err := table.Append(cells); err != nil {
			return err
		}
	}
	if err := table.Render(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nWeakest links: for each recommendation, how the states it applies to stand.")
	fmt.Fprintln(w)
	table = t.newTable(w, map[int]int{0: 30, 1: 10, 2: 6, 3: 5, 4: 6, 5: 5, 6: 6, 7: 40})
	table.Header("RECOMMENDATION", "SEVERITY", "APPL", "MET", "PART", "GAP", "UNKN", "STATES WITH A GAP (PARTIAL)")
	for _, l := range o.Weakest {
		states := strings.Join(l.Gaps, " ")
		if len(l.Partial) > 0 {
			states = strings.TrimSpace(states + " (" + strings.Join(l.Partial, " ") + ")")
		}
		c := l.Counts
		if err := table.Append([]string{
			l.ID, string(l.Severity), strconv.Itoa(l.Applicable),
			strconv.Itoa(c.Met), strconv.Itoa(c.Partial), strconv.Itoa(c.Gap), strconv.Itoa(c.Unknown), states,
		}); err != nil {
			return err
		}
	}
	return table.Render()
}
