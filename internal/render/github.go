package render

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// GitHub Actions workflow commands
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions):
// an annotation on the profile's line for every gap and partial gap, a summary
// line per profile, and the Markdown report written to the step summary when one
// is given.
//
//	gap, partial at critical/high severity  ::error
//	gap, partial at medium/low severity     ::warning
//	error                                   ::error
//
// Unknown findings are not annotated, one by one: a run over the EU has hundreds,
// and GitHub shows only annotationsPerKind of each kind per step (and 50 per
// job), dropping the rest; they are counted on each profile's summary line and
// listed in the step summary. Met, not applicable, not yet due and waived findings
// get no annotation. Past annotationsPerKind of a kind, a line says how many were
// left out and where they are.
type githubRenderer struct{ summary io.Writer }

// annotationsPerKind is how many annotations of one kind (error, warning, notice)
// GitHub shows for one step.
const annotationsPerKind = 10

// An annotation is one workflow command to write.
type annotation struct {
	cmd   string // error, warning, notice
	rank  int    // the order within the run: lower first
	props []string
	msg   string
}

func (g githubRenderer) Render(w io.Writer, run *Run) error {
	bw := bufio.NewWriter(w)
	if run.Policies != nil {
		fmt.Fprintln(bw, GuardLine(Line(policiesText(run.Policies))))
	}
	var anns []annotation
	unknown, states := 0, 0
	for _, r := range sortedReports(run.Reports) {
		for _, f := range byAttention(r.Findings) {
			if cmd := githubCommand(f); cmd != "" {
				anns = append(anns, findingAnnotation(cmd, r.Profile, f))
			}
		}
		if n := r.Summary.Counts.Unknown; n > 0 {
			unknown += n
			states++
		}
	}
	left := writeAnnotations(bw, anns)
	for _, r := range run.Reports {
		fmt.Fprintln(bw, GuardLine(fmt.Sprintf("%s: %s", Line(r.Profile.Path), summaryLine(r.Summary))))
	}
	if left != "" {
		fmt.Fprintln(bw, left)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if g.summary == nil {
		return nil
	}
	if err := writeSummaryHead(g.summary, min(len(anns), shown(anns)), len(anns), unknown, states); err != nil {
		return err
	}
	return markdownRenderer{}.Render(g.summary, run)
}

// writeSummaryHead writes the step summary's first line: how many annotations
// were shown of all, and the unknown findings that were not annotated.
func writeSummaryHead(w io.Writer, shown, all, unknown, states int) error {
	sw := bufio.NewWriter(w)
	fmt.Fprintf(sw, "**gapcheck**: %d of %d gap and error annotations shown on the profile lines", shown, all)
	if unknown > 0 {
		fmt.Fprintf(sw, "; %d unknown findings in %d states (no source says either way) are not annotated: they are in the tables below", unknown, states)
	}
	fmt.Fprint(sw, ".\n\n")
	return sw.Flush()
}

// stepSummaryStream writes the github format's step summary a report at a time:
// the Markdown report of the run (markdownStream), after a head that counts the
// annotations and the unknown findings of every report.
type stepSummaryStream struct {
	md              markdownStream
	per             map[string]int // annotations by kind
	unknown, states int
}

func (s *stepSummaryStream) Begin(w io.Writer, run *Run) error { return s.md.Begin(w, run) }

func (s *stepSummaryStream) Report(w io.Writer, r *checker.Report) error {
	for _, f := range r.Findings {
		if cmd := githubCommand(f); cmd != "" {
			s.per[cmd]++
		}
	}
	if n := r.Summary.Counts.Unknown; n > 0 {
		s.unknown += n
		s.states++
	}
	return s.md.Report(w, r)
}

func (s *stepSummaryStream) Prologue(w io.Writer, tail *Run, count int) error {
	shown, all := 0, 0
	for _, n := range s.per {
		shown, all = shown+min(n, annotationsPerKind), all+n
	}
	if err := writeSummaryHead(w, shown, all, s.unknown, s.states); err != nil {
		return err
	}
	return s.md.Prologue(w, tail, count)
}

func (s *stepSummaryStream) End(w io.Writer, tail *Run, count int) error {
	return s.md.End(w, tail, count)
}

// shown is how many of anns writeAnnotations writes.
func shown(anns []annotation) int {
	per := map[string]int{}
	n := 0
	for _, a := range anns {
		if per[a.cmd] < annotationsPerKind {
			per[a.cmd]++
			n++
		}
	}
	return n
}

// writeAnnotations writes the annotations, most important first, at most
// annotationsPerKind of each kind, and returns the line that says what was left
// out ("" when nothing was).
func writeAnnotations(w io.Writer, anns []annotation) string {
	slices.SortStableFunc(anns, func(a, b annotation) int { return cmp.Compare(a.rank, b.rank) })
	per := map[string]int{}
	dropped := map[string]int{}
	for _, a := range anns {
		if per[a.cmd] >= annotationsPerKind {
			dropped[a.cmd]++
			continue
		}
		per[a.cmd]++
		a.write(w)
	}
	return leftOutLine(dropped)
}

// write writes the workflow command.
func (a annotation) write(w io.Writer) {
	fmt.Fprintf(w, "::%s %s::%s\n", a.cmd, strings.Join(a.props, ","), escapeData(a.msg))
}

// leftOutLine says how many annotations of each kind were left out ("" when none).
func leftOutLine(dropped map[string]int) string {
	if len(dropped) == 0 {
		return ""
	}
	var parts []string
	for _, cmd := range []string{"error", "warning", "notice"} {
		if n := dropped[cmd]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, cmd))
		}
	}
	return fmt.Sprintf("gapcheck: %s annotation(s) left out: GitHub shows %d of each kind per step; every finding is in the step summary and the SARIF report",
		strings.Join(parts, " and "), annotationsPerKind)
}

// githubCommand is the workflow command that annotates f, or "" for none.
func githubCommand(f checker.Finding) string {
	switch f.Status {
	case checker.StatusGap, checker.StatusPartial:
		if f.Severity.Rank() >= checker.SeverityHigh.Rank() {
			return "error"
		}
		return "warning"
	case checker.StatusError:
		return "error"
	}
	return ""
}

// findingAnnotation is ::cmd file=F,line=L,col=C,title=T::message for a finding;
// errors first, then by severity.
func findingAnnotation(cmd string, p checker.ProfileInfo, f checker.Finding) annotation {
	file := f.Location.File
	if file == "" {
		file = p.Path
	}
	msg := fmt.Sprintf("%s: %s\n%s", Line(stateName(p)), Line(f.Message), Line(f.Title))
	if f.LegalBasis != "" {
		msg += "\nLegal basis: " + Line(f.LegalBasis)
	}
	rank := 10 - f.Severity.Rank()
	if f.Status == checker.StatusError {
		rank = 0
	}
	return annotation{cmd: cmd, rank: rank, msg: msg,
		props: locationProps(file, f.Location.Line, f.Location.Column, fmt.Sprintf("%s (%s, %s)", f.ID, label(f.Status), f.Severity))}
}

// locationProps are the properties file, line, col and title of an annotation.
func locationProps(file string, line, col int, title string) []string {
	props := []string{"file=" + escapeProperty(file)}
	if line > 0 {
		props = append(props, fmt.Sprintf("line=%d", line))
		if col > 0 {
			props = append(props, fmt.Sprintf("col=%d", col))
		}
	}
	return append(props, "title="+escapeProperty(title))
}

// escapeData escapes a workflow command's message: the escapes the runner
// undoes (%25, %0D, %0A), Line's escapes for every other unsafe character, and
// "##[" broken.
func escapeData(s string) string { return escapeCommand(s, false) }

// escapeProperty escapes a workflow command's property value: as escapeData, and
// ":" and "," too.
func escapeProperty(s string) string { return escapeCommand(s, true) }

func escapeCommand(s string, property bool) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '%':
			b.WriteString("%25")
		case r == '\r':
			b.WriteString("%0D")
		case r == '\n':
			b.WriteString("%0A")
		case property && r == ':':
			b.WriteString("%3A")
		case property && r == ',':
			b.WriteString("%2C")
		case unsafeRune(r):
			b.WriteString(escapeRune(r))
		default:
			b.WriteRune(r)
		}
	}
	return strings.ReplaceAll(b.String(), legacyCommand, legacyBroken)
}

// githubError writes an annotation for a problem that stopped the run (an invalid
// profile, a policy that does not compile): file, line and column when it has
// them.
func githubError(w io.Writer, p Problem) error {
	title := "gapcheck: " + cmp.Or(p.Kind, "error")
	var props []string
	if p.File != "" {
		props = locationProps(p.File, p.Line, p.Column, title)
	} else {
		props = []string{"title=" + escapeProperty(title)}
	}
	_, err := fmt.Fprintf(w, "::error %s::%s\n", strings.Join(props, ","), escapeData(p.Message))
	return err
}

// githubStream writes the workflow commands of Render a report at a time, for a
// run without a step summary (which is the Markdown report of the whole run): the
// summary lines of the reports as they come, aside (a Prologued renderer); of the
// annotations, only the annotationsPerKind of each kind that Render would show,
// written before the summary lines once the run is over. The reports must come in
// path order, as Render sorts them for the annotations.
type githubStream struct {
	policies *checker.PolicySet
	kept     map[string][]streamedAnnotation // by kind, the best first
	dropped  map[string]int                  // by kind
	seq      int                             // annotations so far
	reports  int
	last     string // the path of the last report
}

// A streamedAnnotation is an annotation with its place in Render's order.
type streamedAnnotation struct {
	annotation
	seq int
}

func (g *githubStream) Begin(_ io.Writer, run *Run) error {
	g.policies = run.Policies
	g.kept, g.dropped = map[string][]streamedAnnotation{}, map[string]int{}
	return nil
}

func (g *githubStream) Report(w io.Writer, r *checker.Report) error {
	if g.reports > 0 && r.Profile.Path < g.last {
		return fmt.Errorf("github: report %s after %s: want the reports in path order", r.Profile.Path, g.last)
	}
	g.last = r.Profile.Path
	g.reports++
	for _, f := range byAttention(r.Findings) {
		cmd := githubCommand(f)
		if cmd == "" {
			continue
		}
		a := streamedAnnotation{findingAnnotation(cmd, r.Profile, f), g.seq}
		g.seq++
		kept := append(g.kept[cmd], a)
		slices.SortStableFunc(kept, func(a, b streamedAnnotation) int {
			return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.seq, b.seq))
		})
		if len(kept) > annotationsPerKind {
			kept = kept[:annotationsPerKind]
			g.dropped[cmd]++
		}
		g.kept[cmd] = kept
	}
	_, err := fmt.Fprintln(w, GuardLine(fmt.Sprintf("%s: %s", Line(r.Profile.Path), summaryLine(r.Summary))))
	return err
}

// Prologue writes the policies and the annotations.
func (g *githubStream) Prologue(w io.Writer, _ *Run, _ int) error {
	bw := bufio.NewWriter(w)
	if g.policies != nil {
		fmt.Fprintln(bw, GuardLine(Line(policiesText(g.policies))))
	}
	var anns []streamedAnnotation
	for _, kept := range g.kept {
		anns = append(anns, kept...)
	}
	slices.SortFunc(anns, func(a, b streamedAnnotation) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.seq, b.seq))
	})
	for _, a := range anns {
		a.write(bw)
	}
	return bw.Flush()
}

func (g *githubStream) End(w io.Writer, _ *Run, _ int) error {
	if left := leftOutLine(g.dropped); left != "" {
		_, err := fmt.Fprintln(w, left)
		return err
	}
	return nil
}
