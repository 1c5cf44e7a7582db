package checker

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/gapcheck/gapcheck/internal/jsonptr"
	"github.com/gapcheck/gapcheck/internal/suggest"
	"github.com/gapcheck/gapcheck/profiles"
)

const schemaURL = "https://gapcheck.dev/schemas/profile.schema.json"

// compiledSchema is the profile JSON Schema, compiled, with its raw document kept
// to find the keys allowed at a schema location (for "did you mean").
type compiledSchema struct {
	schema  *jsonschema.Schema
	raw     any
	printer *message.Printer
}

func compileSchema() (*compiledSchema, error) { return compileSchemaOf(profiles.Schema, schemaURL) }

// compileSchemaOf compiles a JSON Schema of gapcheck's data files (profiles, the
// law catalogue), with the partial-date format: YYYY-MM-DD, YYYY-MM or YYYY.
func compileSchemaOf(data []byte, url string) (*compiledSchema, error) {
	raw, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.RegisterFormat(&jsonschema.Format{Name: "partial-date", Validate: func(v any) error {
		s, ok := v.(string)
		if !ok {
			return nil // the type keyword says what is wrong
		}
		_, err := ParseWhen(s)
		return err
	}})
	if err := c.AddResource(url, raw); err != nil {
		return nil, fmt.Errorf("add schema: %w", err)
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, err
	}
	return &compiledSchema{schema: s, raw: raw, printer: message.NewPrinter(language.English)}, nil
}

// validate checks p against the schema and returns one problem per failed
// constraint, positioned on the offending key or value.
func (s *compiledSchema) validate(p *Profile) []*FileError {
	return s.validateDoc(&document{file: p.File, doc: p.doc, nodes: p.nodes})
}

// A document is a YAML file converted to JSON values, with the position of every node.
type document struct {
	file  string
	doc   map[string]any
	nodes map[string]nodePos
}

// validateDoc checks a document against the schema and returns one problem per
// failed constraint, positioned on the offending key or value.
func (s *compiledSchema) validateDoc(p *document) []*FileError {
	err := s.schema.Validate(any(p.doc))
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []*FileError{{File: p.file, Err: fmt.Errorf("validate %s: %w", p.file, err)}}
	}
	var all []*FileError
	badStatus := map[string]bool{} // facts whose status is not in the vocabulary
	for _, leaf := range leaves(ve) {
		for _, pe := range s.describe(p, leaf) {
			all = append(all, pe)
			if _, isEnum := leaf.ErrorKind.(*kind.Enum); isEnum && strings.HasSuffix(pe.Path, ".status") {
				badStatus[strings.TrimSuffix(pe.Path, ".status")] = true
			}
		}
	}
	var out []*FileError
	seen := map[string]bool{}
	for _, pe := range all {
		// A status outside the vocabulary also fails "sources required unless unknown";
		// the second message would only be noise.
		if badStatus[pe.Path] && errors.Is(pe.Err, errMissingSources) {
			continue
		}
		if k := pe.Error(); !seen[k] {
			seen[k] = true
			out = append(out, pe)
		}
	}
	return out
}

var errMissingSources = errors.New(`missing "sources": a fact whose status is not "unknown" must cite at least one declared source`)

// leaves returns the errors without causes: the failed constraints themselves.
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

func (s *compiledSchema) describe(p *document, e *jsonschema.ValidationError) []*FileError {
	path := displayPath(p.doc, e.InstanceLocation)
	at := func(path string, useKey bool, err error) *FileError {
		pos := Position{}
		if n, ok := p.nodes[path]; ok {
			pos = n.value
			if useKey && n.key.Line > 0 {
				pos = n.key
			}
		}
		return &FileError{File: p.file, Line: pos.Line, Column: pos.Column, Path: path, Err: err}
	}
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		allowed := s.allowedKeys(e.SchemaURL)
		var out []*FileError
		for _, name := range k.Properties {
			msg := "unknown key"
			if best := suggest.Closest(name, allowed); best != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", best)
			}
			if len(allowed) > 0 {
				msg += "; want one of " + strings.Join(allowed, ", ")
			}
			out = append(out, at(joinPath(path, name), true, errors.New(msg)))
		}
		return out
	case *kind.Required:
		var out []*FileError
		for _, name := range k.Missing {
			err := fmt.Errorf("missing required key %q", name)
			if name == "sources" && path != "" { // a fact's citations, not the declarations
				err = errMissingSources
			}
			out = append(out, at(path, true, err))
		}
		return out
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = fmt.Sprint(w)
		}
		return []*FileError{at(path, false, fmt.Errorf("invalid value %s; want one of %s", quoteValue(k.Got), strings.Join(want, ", ")))}
	case *kind.Type:
		return []*FileError{at(path, false, fmt.Errorf("wrong type: got %s; want %s", k.Got, strings.Join(k.Want, " or ")))}
	case *kind.Format:
		switch k.Want {
		case "date":
			return []*FileError{at(path, false, fmt.Errorf("invalid date %s; want a calendar date as YYYY-MM-DD", quoteValue(k.Got)))}
		case "uri":
			return []*FileError{at(path, false, fmt.Errorf("invalid URL %s; want an absolute http(s) URL", quoteValue(k.Got)))}
		case "partial-date":
			return []*FileError{at(path, false, fmt.Errorf("invalid date %s; want YYYY-MM-DD, or YYYY-MM or YYYY where the source gives no day", quoteValue(k.Got)))}
		}
	case *kind.Pattern:
		if strings.HasSuffix(e.SchemaURL, "/$defs/when/pattern") {
			return nil // the partial-date format says what is wrong, once
		}
		switch {
		case strings.HasSuffix(path, ".url"):
			return []*FileError{at(path, false, fmt.Errorf("invalid URL %s; want an absolute http(s) URL", quoteValue(k.Got)))}
		case path == "country":
			return []*FileError{at(path, false, fmt.Errorf("invalid country code %s; want an ISO 3166-1 alpha-2 code such as BE", quoteValue(k.Got)))}
		default:
			return []*FileError{at(path, false, fmt.Errorf("invalid value %s; want letters, digits, '.', '_' or '-', starting with a letter or digit", quoteValue(k.Got)))}
		}
	case *kind.MinItems:
		return []*FileError{at(path, false, fmt.Errorf("want at least %d item(s)", k.Want))}
	case *kind.MinLength:
		return []*FileError{at(path, false, errors.New("empty text; want at least one character"))}
	case *kind.UniqueItems:
		return []*FileError{at(path, false, fmt.Errorf("items %d and %d are the same; want each item once", k.Duplicates[0]+1, k.Duplicates[1]+1))}
	}
	return []*FileError{at(path, false, errors.New(e.ErrorKind.LocalizedString(s.printer)))}
}

// allowedKeys returns the property names the schema at loc (a schema URL with a
// JSON pointer fragment) declares, sorted.
func (s *compiledSchema) allowedKeys(loc string) []string {
	_, frag, _ := strings.Cut(loc, "#")
	node, _ := jsonptr.Get(s.raw, frag).(map[string]any)
	return jsonptr.Keys(s.raw, node)
}

func quoteValue(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}

// displayPath renders a JSON Schema instance location as a dotted profile path,
// writing list indexes as [i].
func displayPath(doc any, tokens []string) string {
	var b strings.Builder
	cur := doc
	for _, tok := range tokens {
		switch c := cur.(type) {
		case []any:
			b.WriteString("[" + tok + "]")
			var i int
			fmt.Sscan(tok, &i)
			if i >= 0 && i < len(c) {
				cur = c[i]
			}
		case map[string]any:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(tok)
			cur = c[tok]
		}
	}
	return b.String()
}

// checkSemantics checks what the schema cannot: the country code is a real ISO
// 3166-1 code, source ids are unique, every cited source is declared and every
// declared source is cited.
func checkSemantics(p *Profile) []*FileError {
	var out []*FileError
	atErr := func(path string, useKey bool, err error) {
		n := p.nodes[path]
		pos := n.value
		if useKey && n.key.Line > 0 {
			pos = n.key
		}
		out = append(out, &FileError{File: p.File, Line: pos.Line, Column: pos.Column, Path: path, Err: err})
	}
	at := func(path string, useKey bool, format string, args ...any) {
		atErr(path, useKey, fmt.Errorf(format, args...))
	}

	p.Country, _ = p.doc["country"].(string)
	p.Name, _ = p.doc["name"].(string)
	p.Unit, _ = p.doc["unit"].(string)
	p.AsOf, _ = p.doc["as_of"].(string)
	if msg := checkCountry(p.Country); msg != "" {
		at("country", false, "%s", msg)
	}

	declared := map[string]int{} // id -> index
	list, _ := p.doc["sources"].([]any)
	for i, item := range list {
		m, _ := item.(map[string]any)
		src := Source{}
		src.ID, _ = m["id"].(string)
		src.Title, _ = m["title"].(string)
		src.URL, _ = m["url"].(string)
		src.Date, _ = m["date"].(string)
		src.Note, _ = m["note"].(string)
		if first, dup := declared[src.ID]; dup {
			at(fmt.Sprintf("sources[%d].id", i), false, "source %q is declared twice; first at sources[%d]", src.ID, first)
			continue
		}
		declared[src.ID] = i
		p.Sources = append(p.Sources, src)
	}

	cited := map[string]bool{}
	walkCitations(p.doc, "", func(path string, ids []any) {
		for i, v := range ids {
			id, _ := v.(string)
			cited[id] = true
			if _, ok := declared[id]; !ok {
				atErr(fmt.Sprintf("%s[%d]", path, i), false, errorOf(ErrUndeclaredSource, "source %q is not declared; want the id of an entry under sources", id))
			}
		}
	})
	for _, s := range p.Sources {
		if !cited[s.ID] {
			atErr(fmt.Sprintf("sources[%d].id", declared[s.ID]), false, errorOf(ErrUncitedSource, "source %q is declared but never cited; cite it or remove it", s.ID))
		}
	}
	return out
}

// walkCitations calls fn for every "sources" list of a fact entry (not the
// top-level declarations).
func walkCitations(v any, path string, fn func(path string, ids []any)) {
	if list, ok := v.([]any); ok { // a timeline
		for i, item := range list {
			walkCitations(item, fmt.Sprintf("%s[%d]", path, i), fn)
		}
		return
	}
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		child := joinPath(path, k)
		if k == "sources" && path != "" {
			if ids, ok := m[k].([]any); ok {
				fn(child, ids)
			}
			continue
		}
		walkCitations(m[k], child, fn)
	}
}

// checkCountry returns a message when code is not an ISO 3166-1 alpha-2 country code.
func checkCountry(code string) string {
	hints := map[string]string{"UK": "GB", "EL": "GR"} // EU usage vs ISO 3166-1
	if iso, ok := hints[code]; ok {
		return fmt.Sprintf("%q is the EU's code, not ISO 3166-1; want %q", code, iso)
	}
	if !IsCountry(code) {
		return fmt.Sprintf("%q is not an ISO 3166-1 alpha-2 country code", code)
	}
	return ""
}
