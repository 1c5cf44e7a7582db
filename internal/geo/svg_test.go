package geo

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const hostile = `<script>alert(1)</script>&"'`

// element is an element of the SVG as encoding/xml reads it.
type element struct {
	Name     string
	Attr     map[string]string
	Text     string
	Children []*element
}

// parseSVG parses the SVG strictly and returns its root element.
func parseSVG(t *testing.T, svg []byte) *element {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	var stack []*element
	var root *element
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &element{Name: tok.Name.Local, Attr: map[string]string{}}
			for _, a := range tok.Attr {
				e.Attr[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, e)
			} else if root != nil {
				t.Fatal("more than one root element")
			} else {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(tok)
			}
		}
	}
	if root == nil {
		t.Fatal("no root element")
	}
	return root
}

func writeSVG(t *testing.T, m *Map, opt SVGOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := m.WriteSVG(&b, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWriteSVGStructure(t *testing.T) {
	m := Europe()
	opt := SVGOptions{
		ID:    "europe",
		Class: []string{"map", "status-map"},
		States: map[string]StateOptions{
			"AT": {ID: "map-AT", Class: []string{"status-full"}, Title: "Austria: 5 of 5"},
			"MT": {Class: []string{"status-none", "small"}},
		},
	}
	root := parseSVG(t, writeSVG(t, m, opt))
	if root.Name != "svg" {
		t.Fatalf("root <%s>, want <svg>", root.Name)
	}
	for name, want := range map[string]string{
		"xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 4150 4150", "role": "img",
		"aria-label": "Map of Europe", "id": "europe", "class": "map status-map",
	} {
		if got := root.Attr[name]; got != want {
			t.Errorf("svg %s=%q, want %q", name, got, want)
		}
	}
	if len(root.Children) != 2 {
		t.Fatalf("svg has %d children, want 2 groups", len(root.Children))
	}
	bg, states := root.Children[0], root.Children[1]
	if bg.Attr["class"] != "geo-background" || bg.Attr["aria-hidden"] != "true" || len(bg.Children) != len(m.Background) {
		t.Errorf("background group %v with %d children, want class geo-background, aria-hidden, %d paths", bg.Attr, len(bg.Children), len(m.Background))
	}
	for i, p := range bg.Children {
		if p.Name != "path" || p.Attr["data-code"] != m.Background[i].Code || p.Attr["d"] != m.Background[i].Path {
			t.Errorf("background %d: <%s> %v", i, p.Name, p.Attr["data-code"])
		}
	}
	if states.Attr["class"] != "geo-states" {
		t.Errorf("states group class %q", states.Attr["class"])
	}

	var order []string
	for _, g := range states.Children {
		code := g.Attr["data-code"]
		order = append(order, code)
		s, _ := m.State(code)
		var kids []string
		for _, c := range g.Children {
			kids = append(kids, c.Name)
		}
		wantKids := []string{"title", "path"}
		if s.Small {
			wantKids = append(wantKids, "circle")
		}
		if diff := cmp.Diff(wantKids, kids); diff != "" {
			t.Errorf("%s: children (-want +got):\n%s", code, diff)
			continue
		}
		if g.Children[1].Attr["d"] != s.Path {
			t.Errorf("%s: path data differs from Shape.Path", code)
		}
		if s.Small {
			c := g.Children[2].Attr
			if c["class"] != "geo-marker" || c["cx"] != num(s.Centroid[0]) || c["cy"] != num(s.Centroid[1]) || c["r"] != "22" {
				t.Errorf("%s: marker %v, want at %v radius 22", code, c, s.Centroid)
			}
		}
	}
	// Sorted by code, the small states last.
	want := strings.Fields("AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LT LV NL NO PL PT RO SE SI SK LI LU MT")
	if diff := cmp.Diff(want, order); diff != "" {
		t.Errorf("state order (-want +got):\n%s", diff)
	}

	groups := map[string]*element{}
	for _, g := range states.Children {
		groups[g.Attr["data-code"]] = g
	}
	tests := []struct {
		code, id, class, title string
	}{
		{"AT", "map-AT", "status-full", "Austria: 5 of 5"},
		{"MT", "", "status-none small", "Malta"},
		{"DE", "", "", "Germany"},
	}
	for _, tt := range tests {
		g := groups[tt.code]
		if g.Attr["id"] != tt.id || g.Attr["class"] != tt.class || g.Children[0].Text != tt.title {
			t.Errorf("%s: id %q class %q title %q, want %q %q %q", tt.code, g.Attr["id"], g.Attr["class"], g.Children[0].Text, tt.id, tt.class, tt.title)
		}
		if _, ok := g.Attr["class"]; !ok && tt.class != "" {
			t.Errorf("%s: no class attribute", tt.code)
		}
	}
	if _, ok := groups["DE"].Attr["id"]; ok {
		t.Error("DE: an empty id is written")
	}
}

func TestWriteSVGEscapes(t *testing.T) {
	m := Europe()
	opt := SVGOptions{
		Label: hostile,
		ID:    `x"><script>alert(2)</script>`,
		Class: []string{`a"><b`},
		States: map[string]StateOptions{
			"FR": {ID: `fr'><img/src=x>`, Class: []string{`<i>`}, Title: hostile},
			"LU": {Title: "line one\nline two\t\x00\x1b end"},
		},
	}
	svg := writeSVG(t, m, opt)
	for _, bad := range []string{"<script", "<img", "<i>", "<b"} {
		if bytes.Contains(svg, []byte(bad)) {
			t.Errorf("output contains %q unescaped", bad)
		}
	}
	root := parseSVG(t, svg)
	if root.Attr["aria-label"] != hostile || root.Attr["id"] != opt.ID || root.Attr["class"] != opt.Class[0] {
		t.Errorf("svg attributes %v", root.Attr)
	}
	var fr, lu *element
	for _, g := range root.Children[1].Children {
		switch g.Attr["data-code"] {
		case "FR":
			fr = g
		case "LU":
			lu = g
		}
	}
	if fr.Children[0].Text != hostile || fr.Attr["id"] != opt.States["FR"].ID || fr.Attr["class"] != "<i>" {
		t.Errorf("FR: title %q, id %q, class %q", fr.Children[0].Text, fr.Attr["id"], fr.Attr["class"])
	}
	// Characters that XML cannot hold become U+FFFD; white space is kept.
	if got, want := lu.Children[0].Text, "line one\nline two\t\uFFFD\uFFFD end"; got != want {
		t.Errorf("LU title %q, want %q", got, want)
	}
}

func TestWriteSVGOptionErrors(t *testing.T) {
	tests := []struct {
		name string
		opt  SVGOptions
		want string
	}{
		{"unknown state", SVGOptions{States: map[string]StateOptions{"RU": {}, "AT": {}, "ZZ": {}}}, `write svg: no state "RU" on the map`},
		{"blank in a class", SVGOptions{States: map[string]StateOptions{"AT": {Class: []string{"a b"}}}}, `write svg: state AT: class "a b" contains white space`},
		{"empty class", SVGOptions{States: map[string]StateOptions{"AT": {Class: []string{""}}}}, "write svg: state AT: empty class"},
		{"blank in an id", SVGOptions{States: map[string]StateOptions{"BE": {ID: "map\tBE"}}}, `write svg: state BE: id "map\tBE" contains white space`},
		{"no-break space in an id", SVGOptions{States: map[string]StateOptions{"BE": {ID: "map\u00a0BE"}}}, `write svg: state BE: id "map\u00a0BE" contains white space`},
		{"id used twice", SVGOptions{States: map[string]StateOptions{"AT": {ID: "x"}, "BE": {ID: "x"}}}, `write svg: state BE: id "x" is used twice`},
		{"state id equal to the map's", SVGOptions{ID: "x", States: map[string]StateOptions{"AT": {ID: "x"}}}, `write svg: state AT: id "x" is used twice`},
		{"blank in the map's class", SVGOptions{Class: []string{"a\nb"}}, `write svg: class "a\nb" contains white space`},
		{"blank in the map's id", SVGOptions{ID: " "}, `write svg: id " " contains white space`},
		{"negative radius", SVGOptions{MarkerRadius: -1}, "write svg: marker radius -1 is negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := Europe().WriteSVG(&b, tt.opt)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %q", err, tt.want)
			}
			if b.Len() != 0 {
				t.Errorf("wrote %d bytes before the error", b.Len())
			}
		})
	}
}

func TestWriteSVGMarkerRadius(t *testing.T) {
	root := parseSVG(t, writeSVG(t, Europe(), SVGOptions{MarkerRadius: 12.5}))
	n := 0
	for _, g := range root.Children[1].Children {
		for _, c := range g.Children {
			if c.Name == "circle" {
				n++
				if c.Attr["r"] != "12.5" {
					t.Errorf("%s: r=%q, want 12.5", g.Attr["data-code"], c.Attr["r"])
				}
			}
		}
	}
	if n != 3 {
		t.Errorf("%d markers, want 3 (LI, LU, MT)", n)
	}
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n+len(p) > 1000 {
		return 0, errors.New("disk full")
	}
	w.n += len(p)
	return len(p), nil
}

func TestWriteSVGWriteError(t *testing.T) {
	err := Europe().WriteSVG(&failingWriter{}, SVGOptions{})
	if err == nil || err.Error() != "write svg: disk full" {
		t.Errorf("error %v, want \"write svg: disk full\"", err)
	}
}

func TestWriteSVGSize(t *testing.T) {
	svg := writeSVG(t, Europe(), SVGOptions{})
	if len(svg) > 100_000 {
		t.Errorf("the SVG is %d bytes, want at most 100 kB", len(svg))
	}
}
