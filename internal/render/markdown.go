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
	for i, r := range run.Reports {
		if i > 0 {
			bw.WriteString("\n")
		}
		writeMarkdownReport(bw, r)
	}
	return bw.Flush()
}

func writeMarkdownReport(w io.Writer, r *checker.Report) {
	fmt.Fprintf(w, "## %s (%s): gap report, facts as of %s\n\n", mdEscape(r.Profile.Name), r.Profile.Country, r.Profile.AsOf)
	fmt.Fprintf(w, "%s\n\n", summaryLine(r.Summary))
	fmt.Fprintln(w, "| Status | Severity | Recommendation | Finding | Where |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, f := range byAttention(r.Findings) {
		fmt.Fprintf(w, "| %s | %s | `%s` %s | %s | %s:%d |\n", label(f.Status), f.Severity, f.ID, mdEscape(f.Title), mdEscape(f.Message), mdEscape(f.Location.File), f.Location.Line)
	}
}

// mdEscape keeps text from breaking a Markdown table cell.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}
