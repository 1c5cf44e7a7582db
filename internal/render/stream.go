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

// NewStream returns the streaming renderer of a report format for a run of count
// reports, and false for a format that needs the whole run at once (markdown,
// html, sarif, junit, github, csv-matrix, and table for one report).
func NewStream(name string, o Options, count int) (StreamRenderer, bool) {
	switch {
	case name == FormatJSON:
		return &jsonStream{}, true
	case name == FormatCSV:
		return &csvStream{}, true
	case name == FormatTable && count > 1:
		return tableStream{opts: o}, true
	}
	return nil, false
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

// renderStream renders a whole run through a StreamRenderer.
func renderStream(s StreamRenderer, w io.Writer, run *Run) error {
	if err := s.Begin(w, run); err != nil {
		return err
	}
	for _, r := range run.Reports {
		if err := s.Report(w, r); err != nil {
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

// jsonTail is what follows the reports in jsonDocument, in its field order.
type jsonTail struct {
	Overview *checker.Overview     `json:"overview,omitempty"`
	Waivers  *checker.WaiverReport `json:"waivers,omitempty"`
	Filter   *checker.Filter       `json:"filter,omitempty"`
	Policies *checker.PolicySet    `json:"policies,omitempty"`
}

func (s *jsonStream) End(w io.Writer, run *Run, count int) error {
	end := "]"
	if s.count > 0 {
		end = "\n  ]"
	}
	tail := jsonTail{Waivers: run.Waivers, Filter: run.Filter, Policies: run.Policies}
	if count > 1 {
		tail.Overview = run.overview()
	}
	if tail == (jsonTail{}) {
		_, err := io.WriteString(w, end+"\n}\n")
		return err
	}
	// The tail encodes as "{\n  ...\n}\n": its fields go on after the reports',
	// encoded straight to w (an overview of many states is large).
	if _, err := io.WriteString(w, end+","); err != nil {
		return err
	}
	g := &commandGuard{w: w}
	enc := json.NewEncoder(&skipFirst{w: g, n: 1})
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(tail); err != nil {
		return err
	}
	return g.flush()
}

// skipFirst writes what it is given but for its first n bytes.
type skipFirst struct {
	w io.Writer
	n int
}

func (s *skipFirst) Write(p []byte) (int, error) {
	size := len(p)
	if s.n > 0 {
		k := min(s.n, len(p))
		p, s.n = p[k:], s.n-k
	}
	if len(p) == 0 {
		return size, nil
	}
	_, err := s.w.Write(p)
	return size, err
}

// commandGuard writes JSON as writeJSON does, GitHub's legacy workflow command
// "##[" written "##\u005b", in whatever pieces the encoder writes it: the last two
// bytes of a piece are held back until the next shows whether they start one.
type commandGuard struct {
	w    io.Writer
	hold []byte
}

func (g *commandGuard) Write(p []byte) (int, error) {
	size := len(p)
	buf := bytes.ReplaceAll(append(g.hold, p...), []byte(legacyCommand), []byte(`##\u005b`))
	keep := min(len(buf), len(legacyCommand)-1)
	g.hold = append(g.hold[:0], buf[len(buf)-keep:]...)
	if _, err := g.w.Write(buf[:len(buf)-keep]); err != nil {
		return 0, err
	}
	return size, nil
}

// flush writes what is held back.
func (g *commandGuard) flush() error {
	_, err := g.w.Write(g.hold)
	g.hold = nil
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
	cw := csv.NewWriter(w)
	_ = cw.Write(csvColumns)
	cw.Flush()
	return cw.Error()
}

func (csvStream) Report(w io.Writer, r *checker.Report) error {
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
