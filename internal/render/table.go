package render

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/gapcheck/gapcheck/checker"
)

type tableRenderer struct{ opts Options }

// ANSI colours per status, used only when Options.Color is set.
var statusColor = map[checker.Status]string{
	checker.StatusMet: "\x1b[32m", checker.StatusPartial: "\x1b[33m", checker.StatusGap: "\x1b[31m",
	checker.StatusUnknown: "\x1b[36m", checker.StatusNotApplicable: "\x1b[90m", checker.StatusWaived: "\x1b[35m",
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
	fmt.Fprintf(w, "%s: %s (%s), facts as of %s\n\n", r.Profile.Path, r.Profile.Name, r.Profile.Country, r.Profile.AsOf)
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
	_, err := fmt.Fprintf(w, "\n%s\n", summaryLine(r.Summary))
	return err
}

// newTable returns a borderless table with wrapped cells and the given column widths.
func (t *tableRenderer) newTable(w io.Writer, widths map[int]int) *tablewriter.Table {
	return tablewriter.NewTable(w,
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
	)
}

// overview writes the run over many profiles: one summary line per state.
func (t *tableRenderer) overview(w io.Writer, run *Run) error {
	table := t.newTable(w, map[int]int{0: 24, 1: 4, 2: 6, 3: 8, 4: 8})
	table.Header("STATE", "GAPS", "MET", "EVIDENCE", "UNKNOWN")
	for _, r := range run.Reports {
		s := r.Summary
		if err := table.Append([]string{r.Profile.Name, strconv.Itoa(s.Counts.Gap + s.Counts.Partial), percent(s.MetShare), percent(s.EvidenceShare), strconv.Itoa(s.Counts.Unknown)}); err != nil {
			return err
		}
	}
	return table.Render()
}
