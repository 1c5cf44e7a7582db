package checker

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/gapcheck/gapcheck/internal/policy"
	"github.com/gapcheck/gapcheck/internal/yamldoc"
	"github.com/gapcheck/gapcheck/profiles"
)

// lawPath is the data path of the law catalogue in the policy bundle
// (gapcheck/instruments/data.yaml).
const lawPath = "gapcheck.instruments"

// A Law is one instrument of the law catalogue that a finding rests on: the act
// that binds the state (or does not), and the dates that make it due.
type Law struct {
	ID      string `json:"id"`    // the catalogue's key, e.g. pnr_directive
	Title   string `json:"title"` // e.g. "the PNR Directive (EU) 2016/681"
	Acts    []Act  `json:"acts"`  // the act or acts themselves
	InForce string `json:"in_force,omitempty"`
	Due     string `json:"due,omitempty"`
}

// An Act is a legal act, as the law catalogue cites it.
type Act struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// lawDocument says what the law catalogue must hold.
var lawDocument = documentKind{
	empty:    "empty law catalogue: want a mapping of instruments",
	multiple: "more than one YAML document; want one law catalogue",
	in:       "in the law catalogue", unit: "instrument",
}

// loadLaw reads and validates the law catalogue: a YAML file of the policy bundle,
// checked against profiles/instruments.schema.json with positions, and its country
// codes against ISO 3166-1. It returns the catalogue as data for the policies and by
// instrument.
func loadLaw(df policy.DataFile) (map[string]any, map[string]Law, error) {
	schema, err := compileSchemaOf(profiles.InstrumentsSchema, "https://gapcheck.dev/schemas/instruments.schema.json")
	if err != nil {
		return nil, nil, fmt.Errorf("compile the law catalogue's schema: %w", err)
	}
	doc, err := parseData(df, lawDocument)
	if err != nil {
		return nil, nil, err
	}
	problems := schema.validateDoc(doc)
	if len(problems) == 0 {
		problems = checkLaw(doc)
	}
	if len(problems) > 0 {
		b := &builder{file: df.File, problems: problems}
		return nil, nil, b.fail()
	}
	laws := map[string]Law{}
	for id, v := range doc.doc {
		m, _ := v.(map[string]any)
		l := Law{ID: id}
		l.Title, _ = m["title"].(string)
		acts, _ := m["acts"].([]any)
		for _, a := range acts {
			am, _ := a.(map[string]any)
			act := Act{}
			act.Title, _ = am["title"].(string)
			act.URL, _ = am["url"].(string)
			l.Acts = append(l.Acts, act)
		}
		l.InForce = datedOf(m["in_force"])
		l.Due = datedOf(m["due"])
		laws[id] = l
	}
	return doc.doc, laws, nil
}

func datedOf(v any) string {
	m, _ := v.(map[string]any)
	d, _ := m["date"].(string)
	return d
}

// checkLaw checks what the schema cannot: the country codes are ISO 3166-1 codes, and a
// country's dated positions are in date order.
func checkLaw(doc *document) []*FileError {
	var out []*FileError
	for _, id := range slices.Sorted(maps.Keys(doc.doc)) {
		m, _ := doc.doc[id].(map[string]any)
		countries, _ := m["countries"].(map[string]any)
		for _, code := range slices.Sorted(maps.Keys(countries)) {
			path := id + ".countries." + code
			pos := doc.nodes[path].key
			if msg := checkCountry(code); msg != "" {
				out = append(out, &FileError{File: doc.file, Line: pos.Line, Column: pos.Column, Path: path, Err: fmt.Errorf("%s", msg)})
			}
			list, _ := countries[code].([]any)
			prev := ""
			for i, item := range list {
				pm, _ := item.(map[string]any)
				since, _ := pm["since"].(string)
				w, err := ParseWhen(since)
				if err != nil {
					if i > 0 {
						at := doc.nodes[fmt.Sprintf("%s[%d]", path, i)].value
						out = append(out, &FileError{File: doc.file, Line: at.Line, Column: at.Column, Path: fmt.Sprintf("%s[%d]", path, i),
							Err: fmt.Errorf("no since: in a list, every position after the first says from when it holds")})
					}
					continue
				}
				if w.Date() <= prev {
					at := doc.nodes[fmt.Sprintf("%s[%d].since", path, i)].value
					out = append(out, &FileError{File: doc.file, Line: at.Line, Column: at.Column, Path: fmt.Sprintf("%s[%d].since", path, i),
						Err: fmt.Errorf("%s is not after the position above; want the positions in date order", since)})
				}
				prev = w.Date()
			}
		}
	}
	return out
}

// parseData reads a YAML or JSON data file of the bundle into a positioned document:
// one mapping, with the rules of every file users write (no anchors, tags or control
// characters).
func parseData(df policy.DataFile, kind documentKind) (*document, error) {
	src := df.Src
	if strings.HasSuffix(df.File, ".json") && !json.Valid(bytes.TrimSpace(src)) {
		return nil, invalid(df.File, 0, 0, "", fmt.Errorf("invalid JSON"))
	}
	root, err := parseDocument(df.File, src, kind)
	if err != nil {
		return nil, err
	}
	b := &builder{file: df.File, kind: kind, nodes: map[string]nodePos{}}
	v := b.convert(root, "", 0)
	if len(b.problems) > 0 {
		return nil, b.fail()
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, invalid(df.File, root.Line, root.Column, "", fmt.Errorf("a data file is a mapping of keys to values, not %s", yamldoc.KindOf(root)))
	}
	return &document{file: df.File, doc: obj, nodes: b.nodes}, nil
}
