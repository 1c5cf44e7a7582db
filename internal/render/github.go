package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// GitHub Actions workflow commands
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions):
// an annotation on the profile's line for every finding that needs attention, a
// summary line per profile, and the Markdown report written to the step summary
// when one is given.
//
//	gap, partial at critical/high severity  ::error
//	gap, partial at medium/low severity     ::warning
//	unknown                                 ::notice
//	error                                   ::error
//
// Met, not applicable and waived findings get no annotation.
type githubRenderer struct{ summary io.Writer }

func (g githubRenderer) Render(w io.Writer, run *Run) error {
	bw := bufio.NewWriter(w)
	if run.Policies != nil {
		fmt.Fprintln(bw, escapeData(policiesText(run.Policies)))
	}
	for _, r := range run.Reports {
		for _, f := range byAttention(r.Findings) {
			if cmd := githubCommand(f); cmd != "" {
				writeAnnotation(bw, cmd, r.Profile, f)
			}
		}
		fmt.Fprintf(bw, "%s: %s\n", r.Profile.Path, summaryLine(r.Summary))
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if g.summary == nil {
		return nil
	}
	return markdownRenderer{}.Render(g.summary, run)
}

// githubCommand is the workflow command that annotates f, or "" for none.
func githubCommand(f checker.Finding) string {
	switch f.Status {
	case checker.StatusGap, checker.StatusPartial:
		if f.Severity.Rank() >= checker.SeverityHigh.Rank() {
			return "error"
		}
		return "warning"
	case checker.StatusUnknown:
		return "notice"
	case checker.StatusError:
		return "error"
	}
	return ""
}

// writeAnnotation writes ::cmd file=F,line=L,col=C,title=T::message.
func writeAnnotation(w io.Writer, cmd string, p checker.ProfileInfo, f checker.Finding) {
	file := f.Location.File
	if file == "" {
		file = p.Path
	}
	props := []string{"file=" + escapeProperty(file)}
	if f.Location.Line > 0 {
		props = append(props, fmt.Sprintf("line=%d", f.Location.Line))
		if f.Location.Column > 0 {
			props = append(props, fmt.Sprintf("col=%d", f.Location.Column))
		}
	}
	props = append(props, "title="+escapeProperty(fmt.Sprintf("%s (%s, %s)", f.ID, label(f.Status), f.Severity)))
	msg := fmt.Sprintf("%s: %s\n%s", stateName(p), f.Message, f.Title)
	if f.LegalBasis != "" {
		msg += "\nLegal basis: " + f.LegalBasis
	}
	fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(msg))
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
