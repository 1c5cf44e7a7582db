package geo

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// xmlSafe is what an XML parser reads back from s written with WriteSVG's
// escaping: characters that XML cannot hold, and bytes that are not UTF-8,
// become U+FFFD; a carriage return stays (it is written as a reference).
func xmlSafe(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		ok := r == 0x09 || r == 0x0A || r == 0x0D ||
			r >= 0x20 && r <= 0xD7FF && !(r == utf8.RuneError && size == 1) ||
			r >= 0xE000 && r <= 0xFFFD ||
			r >= 0x10000 && r <= 0x10FFFF
		if !ok {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FuzzWriteSVGText checks that any title and label give well-formed XML that
// reads back as written.
func FuzzWriteSVGText(f *testing.F) {
	for _, s := range []string{"", "Austria", hostile, "]]>", "a\r\nb", "\x00\xff", "&amp;", "<!--", "\u2028"} {
		f.Add(s, s)
	}
	m := &Map{
		ViewBox: [4]float64{0, 0, 10, 10},
		States: []Shape{
			{Code: "AT", Name: "Austria", Path: "M1 1l2 0 0 2z"},
			{Code: "LI", Name: "Liechtenstein", Path: "M5 5l1 0 0 1z", Centroid: [2]float64{5.5, 5.5}, Small: true},
		},
		Background: []Shape{{Code: "RU", Name: "Russia", Path: "M8 8l1 0 0 1z"}},
	}
	f.Fuzz(func(t *testing.T, title, label string) {
		var b bytes.Buffer
		opt := SVGOptions{Label: label, States: map[string]StateOptions{"LI": {Title: title}}}
		if err := m.WriteSVG(&b, opt); err != nil {
			t.Fatal(err)
		}
		root := parseSVG(t, b.Bytes())
		wantLabel := label
		if wantLabel == "" {
			wantLabel = "Map of Europe"
		}
		if got := root.Attr["aria-label"]; got != xmlSafe(wantLabel) {
			t.Errorf("aria-label %q, want %q", got, xmlSafe(wantLabel))
		}
		wantTitle := title
		if wantTitle == "" {
			wantTitle = "Liechtenstein"
		}
		li := root.Children[1].Children[1]
		if got := li.Children[0].Text; li.Attr["data-code"] != "LI" || got != xmlSafe(wantTitle) {
			t.Errorf("LI title %q, want %q", got, xmlSafe(wantTitle))
		}
	})
}
