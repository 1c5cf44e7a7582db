package render

import (
	"encoding/csv"
	"io"
)

// csvColumns are the columns of the csv format, one row per finding.
var csvColumns = []string{
	"country", "state", "unit", "at", "recommendation", "title", "severity", "status", "message",
	"evidence_date", "evidence_age_days", "fact", "note", "sources", "source_urls",
	"legal_basis", "deadline", "file", "line",
}

// csvRenderer writes the findings as CSV (RFC 4180, encoding/csv): a header row,
// then one row per finding, by profile path and recommendation id; unit is empty
// for a profile of a whole state. The fact is
// the one the finding rests on (its first evidence), with the note of its entry
// in force; sources and source_urls list that fact's sources, separated by
// spaces. Text that a spreadsheet would read as a formula starts with an
// apostrophe.
type csvRenderer struct{}

// Render writes every report's rows through the streaming form, in path order.
func (csvRenderer) Render(w io.Writer, run *Run) error {
	return renderStream(csvStream{}, w, &Run{Reports: sortedReports(run.Reports)})
}

// csvMatrixRenderer writes the EU-wide matrix as CSV: a header row
// (recommendation, severity, then the states' codes), then a row per
// recommendation with each state's status. A status that a filter left out is an
// empty cell.
type csvMatrixRenderer struct{}

func (csvMatrixRenderer) Render(w io.Writer, run *Run) error {
	o := run.overview()
	cw := csv.NewWriter(w)
	header := []string{"recommendation", "severity"}
	for _, c := range o.Columns {
		header = append(header, csvText(c)) // a unit is the user's text
	}
	_ = cw.Write(header)
	for _, row := range o.Matrix {
		rec := []string{row.ID, string(row.Severity)}
		for _, s := range row.Statuses {
			if run.Filter != nil && !run.Filter.SelectsStatus(s) {
				s = ""
			}
			rec = append(rec, string(s))
		}
		_ = cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}
