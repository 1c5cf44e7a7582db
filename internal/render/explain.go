package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// ExplainFinding writes one state's finding in full, for a terminal (gapcheck
// explain ID PROFILE): its status and message, the date and age of its evidence,
// the legal basis, deadline and acts it rests on; every dated entry of the facts
// it rests on, with their notes and sources, the entry in force marked; the
// sources with their URLs; and the finding's history, each change of its status.
//
// Its lines pass through a LineGuard, as the table's do: a note or a source's title
// that starts a line with "::" or holds "##[" cannot become a workflow command.
func ExplainFinding(w io.Writer, d *checker.FindingDetail, o Options) error {
	return guarded(w, false, func(w io.Writer) error { return explainFinding(w, d, o) })
}

func explainFinding(w io.Writer, d *checker.FindingDetail, o Options) error {
	width := (&tableRenderer{opts: o}).width()
	bw := bufio.NewWriter(w)
	out := trimTrailing(bw)
	f, p := d.Finding, d.Profile
	for _, line := range wrap(fmt.Sprintf("%s for %s (%s) at %s: %s", f.ID, p.Name, p.Key(), d.At, d.Recommendation.Title), width) {
		fmt.Fprintln(out, line)
	}
	fmt.Fprintln(out)
	field := func(name, value string) {
		const indent = 14
		for i, line := range wrap(value, width-indent) {
			if i == 0 {
				fmt.Fprintf(out, "%-*s%s\n", indent, name+":", line)
			} else {
				fmt.Fprintf(out, "%s%s\n", strings.Repeat(" ", indent), line)
			}
		}
	}
	field("Status", fmt.Sprintf("%s (severity %s)", label(f.Status), f.Severity))
	field("Finding", f.Message)
	if f.EvidenceDate != "" {
		field("Evidence", fmt.Sprintf("dated %s, %s at %s", f.EvidenceDate, age(f.EvidenceAge), d.At))
	}
	field("Legal basis", f.LegalBasis)
	field("Deadline", deadline(f.Deadline))
	r := &checker.Report{Profile: p, At: d.At}
	field("Profile", fmt.Sprintf("%s, facts %s; the finding rests on line %d", p.Path, reviewed(r), f.Location.Line))
	if f.Waiver != nil {
		field("Waived", fmt.Sprintf("until %s (owner %s): %s", f.Waiver.Expires, f.Waiver.Owner, f.Waiver.Justification))
	}
	for _, l := range f.Law {
		text := l.Title
		if l.InForce != "" {
			text += ", in force " + l.InForce
		}
		if l.Due != "" {
			text += ", due " + l.Due
		}
		field("Law", text)
		for _, a := range l.Acts {
			for _, line := range wrap(a.Title, width-16) {
				fmt.Fprintf(out, "%16s%s\n", "", line)
			}
			fmt.Fprintf(out, "%16s%s\n", "", a.URL)
		}
	}

	cited := map[string]int{}
	for i, s := range d.Sources {
		cited[s.ID] = i + 1
	}
	fmt.Fprintf(out, "\nThe facts it rests on, every dated entry (> in force at %s):\n", d.At)
	for _, ft := range d.Facts {
		fmt.Fprintln(out)
		where := fmt.Sprintf("%s:%d", ft.Location.File, ft.Location.Line)
		if !ft.Recorded {
			where = "not recorded in the profile"
		}
		fmt.Fprintf(out, "  %s (%s)\n", ft.Path, where)
		if len(ft.Entries) == 0 {
			fmt.Fprintln(out, "    no entry: unknown")
		}
		for i, e := range ft.Entries {
			mark := " "
			if i == ft.InForce {
				mark = ">"
			}
			kind, date := "since", e.Since
			if e.Observed != "" {
				kind, date = "observed", e.Observed
			}
			if date == "" {
				kind, date = "", "undated"
			}
			status := e.Status
			if e.Inferred {
				status += " (inferred)"
			}
			fmt.Fprintf(out, "  %s %-10s  %-8s  %s  (line %d)\n", mark, date, kind, status, e.Location.Line)
			const indent = "                "
			if e.Note != "" {
				for _, line := range wrap(e.Note, width-len(indent)) {
					fmt.Fprintln(out, indent+line)
				}
			}
			if len(e.Sources) > 0 {
				refs := make([]string, len(e.Sources))
				for j, id := range e.Sources {
					refs[j] = fmt.Sprintf("%s[%d]", id, cited[id])
				}
				for _, line := range wrap("sources "+strings.Join(refs, ", "), width-len(indent)) {
					fmt.Fprintln(out, indent+line)
				}
			}
		}
	}

	if len(d.Sources) > 0 {
		fmt.Fprintln(out, "\nSources:")
		for i, s := range d.Sources {
			ref := fmt.Sprintf(" [%d] ", i+1)
			indent := strings.Repeat(" ", len(ref))
			for j, line := range wrap(sourceText(s), width-len(ref)) {
				if j == 0 {
					fmt.Fprintln(out, ref+line)
				} else {
					fmt.Fprintln(out, indent+line)
				}
			}
			if s.Note != "" {
				for _, line := range wrap(s.Note, width-len(indent)) {
					fmt.Fprintln(out, indent+line)
				}
			}
			fmt.Fprintln(out, indent+s.URL)
		}
	}

	fmt.Fprintf(out, "\nHistory of %s for %s, to %s:\n", f.ID, p.Name, d.At)
	if len(d.Changes) == 0 {
		fmt.Fprintln(out, "  no change point")
	}
	indent := strings.Repeat(" ", 14)
	for _, c := range d.Changes {
		fmt.Fprintf(out, "\n  %s  %s -> %s\n", c.Date, fromStatus(c.From), label(c.To))
		for _, line := range wrap(c.Message, width-len(indent)) {
			fmt.Fprintln(out, indent+line)
		}
		if len(c.Sources) > 0 {
			refs := make([]string, len(c.Sources))
			for j, s := range c.Sources {
				refs[j] = fmt.Sprintf("%s[%d]", s.ID, cited[s.ID])
			}
			for _, line := range wrap("sources "+strings.Join(refs, ", "), width-len(indent)) {
				fmt.Fprintln(out, indent+line)
			}
		}
	}
	fmt.Fprintf(out, "\ngapcheck explain %s prints the recommendation itself.\n", f.ID)
	return bw.Flush()
}
