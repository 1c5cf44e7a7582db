package render

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// CatalogueJSONVersion is the version of the JSON catalogue contract
// ({"version", "recommendations": [...]}, each as checker.Recommendation marshals).
const CatalogueJSONVersion = 1

// CatalogueTable writes the catalogue as a table: id, severity, and the title with
// the legal basis below it ("Basis: ...").
func CatalogueTable(w io.Writer, recs []checker.Recommendation, o Options) error {
	t := &tableRenderer{opts: o}
	bw := bufio.NewWriter(w)
	// Widths include one space of padding on each side; the longest id has 28 characters.
	table := t.newTable(bw, map[int]int{0: 30, 1: 10, 2: max(t.width()-30-10-1, 24)})
	table.Header("ID", "SEVERITY", "TITLE AND LEGAL BASIS")
	for i, r := range recs {
		if i > 0 { // a blank row keeps each title apart from the legal basis above it
			if err := table.Append([]string{"", "", ""}); err != nil {
				return err
			}
		}
		if err := table.Append([]string{r.ID, string(r.Severity), r.Title + "\nBasis: " + r.LegalBasis}); err != nil {
			return err
		}
	}
	if err := table.Render(); err != nil {
		return err
	}
	fmt.Fprintf(bw, "\n%d recommendations. gapcheck explain ID prints one in full.\n", len(recs))
	return bw.Flush()
}

// CatalogueJSON writes the catalogue as JSON.
func CatalogueJSON(w io.Writer, recs []checker.Recommendation) error {
	if recs == nil {
		recs = []checker.Recommendation{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Version         int                      `json:"version"`
		Recommendations []checker.Recommendation `json:"recommendations"`
	}{CatalogueJSONVersion, recs})
}

// Explain writes one recommendation in full, for a terminal: what is required, its
// severity, legal basis and deadline, the sources that call for it, the profile
// paths it reads and where its policy is.
func Explain(w io.Writer, r checker.Recommendation, o Options) error {
	width := (&tableRenderer{opts: o}).width()
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s: %s\n\n", r.ID, r.Title)
	fmt.Fprintf(bw, "Severity:     %s\n", r.Severity)
	fmt.Fprintf(bw, "Legal basis:  %s\n", r.LegalBasis)
	dl := r.Deadline
	if dl == "" {
		dl = "none"
	}
	fmt.Fprintf(bw, "Deadline:     %s\n", dl)
	fmt.Fprintf(bw, "Policy:       %s:%d\n", r.File, r.Line)
	fmt.Fprintln(bw, "\nWhat is required:")
	for _, line := range wrap(r.Description, width-2) {
		fmt.Fprintf(bw, "  %s\n", line)
	}
	fmt.Fprintln(bw, "\nWhy (legal basis and the documents that call for it):")
	for _, res := range r.Resources {
		for i, line := range wrap(res.Description, width-4) {
			prefix := "    "
			if i == 0 {
				prefix = "  - "
			}
			fmt.Fprintf(bw, "%s%s\n", prefix, line)
		}
		fmt.Fprintf(bw, "    %s\n", res.URL)
	}
	fmt.Fprintln(bw, "\nProfile fields read:")
	for _, p := range r.Reads {
		fmt.Fprintf(bw, "  %s\n", p)
	}
	return bw.Flush()
}

// wrap breaks text into lines of at most width characters at spaces (a longer word
// gets a line of its own).
func wrap(text string, width int) []string {
	var lines []string
	var cur strings.Builder
	n := 0
	for _, word := range strings.Fields(text) {
		wl := len([]rune(word))
		if n > 0 && n+1+wl > width {
			lines = append(lines, cur.String())
			cur.Reset()
			n = 0
		}
		if n > 0 {
			cur.WriteByte(' ')
			n++
		}
		cur.WriteString(word)
		n += wl
	}
	if n > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}
