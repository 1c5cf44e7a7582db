package checker

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/gapcheck/gapcheck/internal/yamldoc"
	"go.yaml.in/yaml/v3"
)

// DefaultMaxProfileSize is the largest profile a Loader reads unless told otherwise.
// The largest shipped profile is about 20 KiB.
const DefaultMaxProfileSize = 1 << 20

// maxDepth bounds the nesting of a profile. The schema needs 5 levels.
const maxDepth = 32

// A Source is a document a profile cites, declared once in its sources list.
type Source struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
	Date  string `json:"date,omitempty"`
	Note  string `json:"note,omitempty"`
}

// A Profile is one state's validated facts, with the position of every node.
type Profile struct {
	File    string   // the name the profile was loaded under, used in every message
	Country string   // ISO 3166-1 alpha-2
	Name    string   // English short name
	Unit    string   // optional: the part of the state the profile is about
	AsOf    string   // reference date, YYYY-MM-DD
	Sources []Source // declared sources, in file order

	doc   map[string]any     // the document as JSON values (numbers as json.Number)
	nodes map[string]nodePos // display path -> positions
	facts []*fact            // every fact and its entries, by path
}

type nodePos struct {
	key   Position // position of the mapping key (zero for the root and list items)
	value Position // position of the value
}

// A Position is a 1-based line and column in a profile.
type Position struct{ Line, Column int }

// Data returns the profile as JSON-compatible values: the document policies see as input.
// The caller must not modify it.
func (p *Profile) Data() map[string]any { return p.doc }

// Info returns the profile's identity, as reports carry it.
func (p *Profile) Info() ProfileInfo {
	return ProfileInfo{Path: p.File, Country: p.Country, Name: p.Name, Unit: p.Unit, AsOf: p.AsOf}
}

// Locate returns the position of the dotted path (its key where it has one), or of
// its nearest recorded ancestor, and whether the path itself is recorded.
func (p *Profile) Locate(path string) (Location, bool) {
	for q := path; ; q = parentPath(q) {
		if n, ok := p.nodes[q]; ok {
			pos := n.value
			if n.key.Line > 0 {
				pos = n.key
			}
			return Location{File: p.File, Line: pos.Line, Column: pos.Column}, q == path
		}
		if q == "" {
			return Location{File: p.File, Line: 1, Column: 1}, false
		}
	}
}

// Lookup returns the value at a dotted path ("prum.dna", "sources[0].id").
func (p *Profile) Lookup(path string) (any, bool) {
	var cur any = p.doc
	for _, tok := range splitPath(path) {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[tok]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// source returns the declared source with the given id.
func (p *Profile) source(id string) (Source, bool) {
	for _, s := range p.Sources {
		if s.ID == id {
			return s, true
		}
	}
	return Source{}, false
}

// A Loader reads and validates profiles. It is safe for concurrent use.
type Loader struct {
	schema  *compiledSchema
	maxSize int64
}

// A LoaderOption configures a Loader.
type LoaderOption func(*Loader)

// WithMaxProfileSize sets the largest profile, in bytes, that the Loader reads.
func WithMaxProfileSize(n int64) LoaderOption { return func(l *Loader) { l.maxSize = n } }

// NewLoader returns a Loader that validates against the embedded profile schema.
func NewLoader(opts ...LoaderOption) (*Loader, error) {
	s, err := compileSchema()
	if err != nil {
		return nil, fmt.Errorf("compile profile schema: %w", err)
	}
	l := &Loader{schema: s, maxSize: DefaultMaxProfileSize}
	for _, o := range opts {
		o(l)
	}
	return l, nil
}

// LoadFile reads the profile name from fsys. The profile is named name in messages.
func (l *Loader) LoadFile(fsys fs.FS, name string) (*Profile, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("open profile: %w", err)
	}
	defer f.Close()
	return l.Load(name, f)
}

// Load reads a profile from r, names it file in messages, and validates it. A
// profile that cannot be read is reported as an error wrapping the cause; a profile
// that is not valid as a *ValidationError listing every problem with its position.
func (l *Loader) Load(file string, r io.Reader) (*Profile, error) {
	src, err := io.ReadAll(io.LimitReader(r, l.maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read profile %s: %w", file, err)
	}
	if int64(len(src)) > l.maxSize {
		return nil, invalid(file, 0, 0, "", errorOf(ErrTooLarge, "profile is larger than the limit of %d bytes", l.maxSize))
	}
	return l.parse(file, src)
}

func invalid(file string, line, col int, path string, err error) *ValidationError {
	return &ValidationError{File: file, Problems: []*FileError{{File: file, Line: line, Column: col, Path: path, Err: err}}}
}

// profileDocument says what a profile file must hold.
var profileDocument = documentKind{
	empty:    "empty profile: want a mapping with country, name, as_of, sources and participation",
	multiple: "more than one YAML document; want one profile per file",
	in:       "in profiles", unit: "fact",
}

func (l *Loader) parse(file string, src []byte) (*Profile, error) {
	root, err := parseDocument(file, src, profileDocument)
	if err != nil {
		return nil, err
	}
	b := &builder{file: file, kind: profileDocument, nodes: map[string]nodePos{}}
	doc := b.convert(root, "", 0)
	if len(b.problems) > 0 {
		return nil, b.fail()
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return nil, invalid(file, root.Line, root.Column, "", fmt.Errorf("a profile is a mapping of keys to values, not %s", yamldoc.KindOf(root)))
	}
	p := &Profile{File: file, doc: obj, nodes: b.nodes}
	b.problems = append(b.problems, l.schema.validate(p)...)
	if len(b.problems) == 0 {
		b.problems = append(b.problems, checkSemantics(p)...)
		b.problems = append(b.problems, checkTimelines(p)...)
	}
	if len(b.problems) > 0 {
		return nil, b.fail()
	}
	return p, nil
}

// A documentKind names what a YAML file must hold, for the messages about it.
type documentKind struct {
	empty    string // the message for a file with no document
	multiple string // the message for a file with more than one
	in       string // where anchors and tags are refused: "in profiles"
	unit     string // what to write out instead of an alias: "fact"
}

// parseDocument checks that src is YAML text holding exactly one document, as
// yamldoc.Parse does, and returns that document's root node. Problems are a
// *ValidationError naming file, line and column where there is one.
func parseDocument(file string, src []byte, kind documentKind) (*yaml.Node, error) {
	root, err := yamldoc.Parse(src, yamldoc.Kind{Empty: kind.empty, Multiple: kind.multiple})
	if err != nil {
		return nil, invalid(file, err.Line, err.Column, "", err.Err)
	}
	return root, nil
}

// builder converts YAML nodes to JSON values, indexing positions and collecting problems.
type builder struct {
	file     string
	kind     documentKind
	nodes    map[string]nodePos
	problems []*FileError
}

func (b *builder) fail() *ValidationError {
	slices.SortStableFunc(b.problems, func(p, q *FileError) int {
		return cmp.Or(cmp.Compare(p.Line, q.Line), cmp.Compare(p.Column, q.Column))
	})
	if n := len(b.problems) - MaxProblems; n > 0 {
		b.problems = append(b.problems[:MaxProblems:MaxProblems], &FileError{File: b.file,
			Err: fmt.Errorf("%d more problem(s) not shown; fix these first", n)})
	}
	return &ValidationError{File: b.file, Problems: b.problems}
}

// MaxProblems is how many problems a ValidationError lists for one file, in file
// order; the rest are counted in a last line. A file with thousands of problems is
// rarely thousands of mistakes, and the output stays readable.
const MaxProblems = 50

func (b *builder) problem(n *yaml.Node, path string, format string, args ...any) {
	b.problems = append(b.problems, &FileError{File: b.file, Line: n.Line, Column: n.Column, Path: path, Err: fmt.Errorf(format, args...)})
}

// plain reports anchors, aliases and tags, which YAML allows and gapcheck's files
// do not: an alias makes a value's position ambiguous (and can expand to a billion
// values), a tag changes how a value is read (!!bool yes is false, !!binary is
// base64). It returns false when n is not plain.
func (b *builder) plain(n *yaml.Node, path string) bool {
	switch {
	case n.Anchor != "":
		b.problem(n, path, "anchor &%s: anchors and aliases are not allowed %s; write each %s out", n.Anchor, b.kind.in, b.kind.unit)
	case n.Kind == yaml.AliasNode:
		b.problem(n, path, "alias *%s: anchors and aliases are not allowed %s; write each %s out", n.Value, b.kind.in, b.kind.unit)
	case n.Style&yaml.TaggedStyle != 0:
		b.problem(n, path, "tag %s: tags are not allowed %s; write the value plainly, quoted if it is text", n.Tag, b.kind.in)
	default:
		return true
	}
	return false
}

func hasUnsafe(s string) bool { _, bad := yamldoc.Unsafe(s, false); return bad }

// A keyValue is one entry of a YAML mapping.
type keyValue struct{ key, value *yaml.Node }

// mapping returns the entries of a mapping node, in file order, reporting (and
// leaving out) keys that are not plain words, merge keys and duplicate keys.
func (b *builder) mapping(n *yaml.Node, path string) []keyValue {
	out := make([]keyValue, 0, len(n.Content)/2)
	seen := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode:
			b.problem(k, path, "a key must be a plain word, not %s", yamldoc.KindOf(k))
		case hasUnsafe(k.Value):
			r, _ := yamldoc.Unsafe(k.Value, false)
			b.problem(k, path, "key %q: %v", k.Value, yamldoc.UnsafeError(r))
		case k.Tag == "!!merge":
			b.problem(k, path, "merge keys (<<) are not allowed %s; write each %s out", b.kind.in, b.kind.unit)
		case seen[k.Value] != nil:
			prev := seen[k.Value]
			b.problem(k, joinPath(path, k.Value), "duplicate key; first defined at line %d, column %d", prev.Line, prev.Column)
		default:
			seen[k.Value] = k
			out = append(out, keyValue{k, v})
		}
	}
	return out
}

func (b *builder) convert(n *yaml.Node, path string, depth int) any {
	if depth > maxDepth {
		b.problem(n, path, "nested deeper than %d levels", maxDepth)
		return nil
	}
	if !b.plain(n, path) {
		return nil
	}
	if _, ok := b.nodes[path]; !ok {
		b.nodes[path] = nodePos{value: Position{n.Line, n.Column}}
	}
	switch n.Kind {
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for i, c := range n.Content {
			out = append(out, b.convert(c, fmt.Sprintf("%s[%d]", path, i), depth+1))
		}
		return out
	case yaml.MappingNode:
		entries := b.mapping(n, path)
		out := make(map[string]any, len(entries))
		for _, e := range entries {
			child := joinPath(path, e.key.Value)
			b.nodes[child] = nodePos{key: Position{e.key.Line, e.key.Column}, value: Position{e.value.Line, e.value.Column}}
			out[e.key.Value] = b.convert(e.value, child, depth+1)
		}
		return out
	case yaml.ScalarNode:
		if r, bad := yamldoc.Unsafe(n.Value, multiline(path)); bad {
			b.problem(n, path, "%v", yamldoc.UnsafeError(r))
			return nil
		}
		if isDateKey(path) && n.ShortTag() == "!!int" {
			return n.Value // a year, written unquoted: since: 2014
		}
		return scalar(n)
	}
	b.problem(n, path, "unsupported YAML node")
	return nil
}

// isDateKey reports whether the value at path is a date as precise as its source
// (since, observed, a source's date), which may be a bare year.
func isDateKey(path string) bool {
	last := path[strings.LastIndex(path, ".")+1:]
	return last == "since" || last == "observed" || last == "date"
}

// multiline reports whether the value at path is prose that may run over lines:
// a note or a justification. Every other value is one line.
func multiline(path string) bool {
	last := path[strings.LastIndex(path, ".")+1:]
	return last == "note" || last == "justification"
}

// scalar converts a scalar by its resolved YAML 1.2 tag. Dates stay strings, exactly
// as written, so that the schema's date format sees the text.
func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		return strings.EqualFold(n.Value, "true")
	case "!!int", "!!float":
		if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
		}
		return n.Value
	}
	return n.Value
}

func joinPath(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// parentPath returns the parent of a dotted path: "a.b[2]" -> "a.b", "a.b" -> "a", "a" -> "".
func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

// splitPath splits "a.b[2].c" into ["a" "b" "2" "c"].
func splitPath(p string) []string {
	if p == "" {
		return nil
	}
	return strings.FieldsFunc(strings.ReplaceAll(p, "]", ""), func(r rune) bool { return r == '.' || r == '[' })
}

// CheckDistinct reports profiles with the same identity (country and unit, see
// ProfileInfo.Key): every profile after the first with a given identity is an
// error at its country key (its unit key, when it has one). Two profiles of one
// state would corrupt every per-state figure; a state profiled in parts gives each
// part a unit.
func CheckDistinct(profiles []*Profile) error {
	seen := map[string]string{}
	var errs []error
	for _, p := range profiles {
		if err := distinct(seen, p); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// duplicateError is the error of a profile whose identity prevFile has too: at its
// country key, or its unit key when it has one.
func duplicateError(p *Profile, prevFile string) error {
	path, what := "country", "country "+p.Country
	if p.Unit != "" {
		path, what = "unit", fmt.Sprintf("unit %q of %s", p.Unit, p.Country)
	}
	pos := p.nodes[path].value
	return &FileError{File: p.File, Line: pos.Line, Column: pos.Column, Path: path,
		Err: errorOf(ErrDuplicateState, "%s is also profiled in %s; want one profile per state, or a unit for each part of a state", what, prevFile)}
}
