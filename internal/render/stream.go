package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// A StreamRenderer writes a run as its reports arrive, for runs too large to hold
// in memory: Begin once, Report for each report in the run's order (filtered
// already), then End with what needs every report (the EU-wide view, the waivers).
// Its output is byte for byte the output of the format's Renderer on the whole run.
type StreamRenderer interface {
	Begin(w io.Writer, run *Run) error
	Report(w io.Writer, r *checker.Report) error
	// End writes the rest; tail is the run without its reports, and count the
	// number of reports written (the overview is there only for more than one).
	End(w io.Writer, tail *Run, count int) error
}

// A Prologued StreamRenderer's output begins with what only the end of the run
// tells (JUnit's totals): its caller keeps what Report writes aside (a spool) and,
// once the run is over, writes Prologue, then what Report wrote, then End.
type Prologued interface {
	StreamRenderer
	Prologue(w io.Writer, tail *Run, count int) error
}

// NewStream returns the streaming renderer of a report format for a run of count
// reports, and false for a format that needs the whole run at once (html,
// csv-matrix, and markdown and table for one report). The github format's stream
// writes the workflow commands only, never Options.StepSummary: its caller writes
// the step summary through NewStepSummaryStream.
func NewStream(name string, o Options, count int) (StreamRenderer, bool) {
	switch {
	case name == FormatJSON:
		return &jsonStream{}, true
	case name == FormatCSV:
		return &csvStream{}, true
	case name == FormatSARIF:
		return &sarifStream{s: sarifRenderer{version: o.Version}}, true
	case name == FormatGitHub: // its step summary is a stream of its own: NewStepSummaryStream
		return &githubStream{}, true
	case name == FormatJUnit:
		return &junitStream{j: junitRenderer{unknownFails: o.UnknownFails}}, true
	case name == FormatMarkdown && count > 1:
		return &markdownStream{}, true
	case name == FormatTable && count > 1:
		return tableStream{opts: o}, true
	}
	return nil, false
}

// NewStepSummaryStream returns the streaming renderer of the github format's step
// summary (what its Renderer writes to Options.StepSummary) for a run of count
// reports, and false where it needs the whole run (one report).
func NewStepSummaryStream(count int) (StreamRenderer, bool) {
	if count < 2 {
		return nil, false
	}
	return &stepSummaryStream{per: map[string]int{}}, true
}

// tableStream is the table of several reports: the EU-wide view alone, which
// needs only the reports' statuses, written at the end.
type tableStream struct{ opts Options }

func (tableStream) Begin(io.Writer, *Run) error             { return nil }
func (tableStream) Report(io.Writer, *checker.Report) error { return nil }

func (t tableStream) End(w io.Writer, tail *Run, _ int) error {
	r, err := New(FormatTable, t.opts)
	if err != nil {
		return err
	}
	return r.Render(w, tail)
}

// renderStream renders a whole run through a StreamRenderer (a Prologued one's
// reports kept aside in memory).
func renderStream(s StreamRenderer, w io.Writer, run *Run) error {
	if err := s.Begin(w, run); err != nil {
		return err
	}
	p, prologued := s.(Prologued)
	body := w
	var aside bytes.Buffer
	if prologued {
		body = &aside
	}
	for _, r := range run.Reports {
		if err := s.Report(body, r); err != nil {
			return err
		}
	}
	if prologued {
		if err := p.Prologue(w, run, len(run.Reports)); err != nil {
			return err
		}
		if _, err := aside.WriteTo(w); err != nil {
			return err
		}
	}
	return s.End(w, run, len(run.Reports))
}

// jsonStream writes the JSON document (jsonDocument) a report at a time: the
// reports array element by element, indented as an encoding of the whole document
// would indent them, then the fields after it.
type jsonStream struct{ count int }

func (s *jsonStream) Begin(w io.Writer, _ *Run) error {
	_, err := io.WriteString(w, "{\n  \"version\": "+strconv.Itoa(JSONVersion)+",\n  \"reports\": [")
	return err
}

func (s *jsonStream) Report(w io.Writer, r *checker.Report) error {
	sep := ",\n    "
	if s.count == 0 {
		sep = "\n    "
	}
	s.count++
	b, err := indentedJSON(r, "    ")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, sep); err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func (s *jsonStream) End(w io.Writer, run *Run, count int) error {
	end := "]"
	if s.count > 0 {
		end = "\n  ]"
	}
	if _, err := io.WriteString(w, end); err != nil {
		return err
	}
	// What follows the reports in jsonDocument, in its field order. An overview of
	// many states is large: its arrays are written an element at a time.
	if count > 1 {
		if err := writeOverview(w, run.overview()); err != nil {
			return err
		}
	}
	for _, f := range []struct {
		name string
		v    any
		nil  bool
	}{
		{"waivers", run.Waivers, run.Waivers == nil},
		{"filter", run.Filter, run.Filter == nil},
		{"policies", run.Policies, run.Policies == nil},
	} {
		if f.nil {
			continue
		}
		if err := writeField(w, "  ", f.name, f.v); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "\n}\n")
	return err
}

// writeOverview writes the overview field of jsonDocument, as the encoding of the
// whole document writes it, without holding its encoding.
func writeOverview(w io.Writer, o *checker.Overview) error {
	if _, err := io.WriteString(w, ",\n  \"overview\": {"); err != nil {
		return err
	}
	const in = "    "
	if err := writeArray(w, in, "states", o.States, ""); err != nil {
		return err
	}
	if err := writeField(w, in, "columns", o.Columns); err != nil {
		return err
	}
	for _, err := range []error{
		writeArray(w, in, "profiles", o.Profiles, ","),
		writeArray(w, in, "matrix", o.Matrix, ","),
		writeArray(w, in, "weakest", o.Weakest, ","),
	} {
		if err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "\n  }")
	return err
}

// writeField writes a field after the first of an object: `,`, then name: v at
// indent, as indentedJSON encodes it.
func writeField(w io.Writer, indent, name string, v any) error {
	b, err := indentedJSON(v, indent)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, ",\n"+indent+`"`+name+`": `+string(b))
	return err
}

// writeArray writes sep, then the field name: xs at indent, an element at a time,
// as the encoding of the whole would (null for nil, [] for empty).
func writeArray[T any](w io.Writer, indent, name string, xs []T, sep string) error {
	if _, err := io.WriteString(w, sep+"\n"+indent+`"`+name+`": `); err != nil {
		return err
	}
	switch {
	case xs == nil:
		_, err := io.WriteString(w, "null")
		return err
	case len(xs) == 0:
		_, err := io.WriteString(w, "[]")
		return err
	}
	elem := indent + "  "
	for i := range xs {
		b, err := indentedJSON(xs[i], elem)
		if err != nil {
			return err
		}
		open := ",\n"
		if i == 0 {
			open = "[\n"
		}
		if _, err := io.WriteString(w, open+elem); err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "\n"+indent+"]")
	return err
}

// indentedJSON encodes v as writeJSON does, for a value nested at prefix: every
// line after the first starts with prefix; no final newline.
func indentedJSON(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.ReplaceAll(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte(legacyCommand), []byte(`##\u005b`)), nil
}

// csvStream writes the csv format a report at a time.
type csvStream struct{}

func (csvStream) Begin(w io.Writer, _ *Run) error {
	return guarded(w, false, func(w io.Writer) error { return csvHeader(w) })
}

// csvHeader writes the csv format's header row.
func csvHeader(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(csvColumns)
	cw.Flush()
	return cw.Error()
}

func (csvStream) Report(w io.Writer, r *checker.Report) error {
	return guarded(w, false, func(w io.Writer) error { return csvReport(w, r) })
}

// csvReport writes a report's rows.
func csvReport(w io.Writer, r *checker.Report) error {
	cw := csv.NewWriter(w)
	for _, f := range sortedFindings(r.Findings) {
		var fact, note string
		if len(f.Evidence) > 0 {
			fact, note = f.Evidence[0].Path, f.Evidence[0].Note
		}
		var ids, urls []string
		for _, s := range f.FactSources() {
			ids = append(ids, s.ID)
			urls = append(urls, s.URL)
		}
		age := ""
		if f.EvidenceAge != nil {
			age = strconv.Itoa(*f.EvidenceAge)
		}
		_ = cw.Write([]string{
			r.Profile.Country, csvText(r.Profile.Name), csvText(r.Profile.Unit), reportAt(r), f.ID, csvText(f.Title), string(f.Severity), string(f.Status), csvText(f.Message),
			f.EvidenceDate, age, fact, csvText(note), strings.Join(ids, " "), strings.Join(urls, " "),
			csvText(f.LegalBasis), f.Deadline, csvText(f.Location.File), strconv.Itoa(f.Location.Line),
		})
	}
	cw.Flush()
	return cw.Error()
}

func (csvStream) End(io.Writer, *Run, int) error { return nil }
