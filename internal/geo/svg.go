package geo

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// DefaultMarkerRadius is the radius, in map units (kilometres), of the circles
// that mark the small states: at the report's scale, about 5 km a pixel, a circle
// some 9 pixels across.
const DefaultMarkerRadius = 22

// SVGOptions says how WriteSVG writes the map. Every text in it is escaped, so
// any value is safe; class names and ids must not contain white space.
type SVGOptions struct {
	// Label is the aria-label of the svg element, which has role="img";
	// "Map of Europe" when empty.
	Label string
	// ID is the id of the svg element; none when empty.
	ID string
	// Class is the class list of the svg element.
	Class []string
	// States gives, by state code, the attributes of the state's group. A state
	// that is not in it gets no id, no class and its name as title.
	States map[string]StateOptions
	// MarkerRadius is the radius of the small states' circles in map units;
	// DefaultMarkerRadius when zero.
	MarkerRadius float64
}

// StateOptions are the attributes of one state's group of the SVG.
type StateOptions struct {
	// ID is the group's id; none when empty.
	ID string
	// Class is the group's class list, for the report's CSS (the status colour).
	Class []string
	// Title is the hover text, written as the group's <title>; the state's name
	// when empty.
	Title string
}

// WriteSVG writes the map as an SVG element, fit to be inlined in HTML or saved as
// an .svg file. The element has role="img" and an aria-label; the background
// countries are in a group with class "geo-background", hidden from assistive
// technology; each state is a group with the attribute data-code (its code), the
// options' id and classes, a <title> for hover and its path, plus a circle with
// class "geo-marker" for the small states. The states come sorted by code, the
// small ones last so that their markers are on top. Presentation attributes give a
// plain grey map that the report's CSS overrides; strokes keep their width however
// the map is scaled.
//
// WriteSVG returns an error, before writing anything, when the options name a
// state that the map does not have, or hold an empty or blank-containing class
// name or id, or the same id twice.
func (m *Map) WriteSVG(w io.Writer, opt SVGOptions) error {
	if err := m.checkSVGOptions(opt); err != nil {
		return fmt.Errorf("write svg: %w", err)
	}
	label := opt.Label
	if label == "" {
		label = "Map of Europe"
	}
	radius := opt.MarkerRadius
	if radius == 0 {
		radius = DefaultMarkerRadius
	}

	sw := &svgWriter{w: bufio.NewWriter(w)}
	vb := make([]string, len(m.ViewBox))
	for i, v := range m.ViewBox {
		vb[i] = num(v)
	}
	sw.raw(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="`)
	sw.text(strings.Join(vb, " "))
	sw.raw(`" role="img" aria-label="`)
	sw.text(label)
	sw.raw(`"`)
	sw.attr("id", opt.ID)
	sw.attr("class", strings.Join(opt.Class, " "))
	sw.raw(` fill-rule="evenodd" stroke-linejoin="round">` + "\n")

	sw.raw(`<g class="geo-background" aria-hidden="true" fill="#e8e8e8" stroke="#ffffff" stroke-width="0.5">` + "\n")
	for _, s := range m.Background {
		sw.raw(`<path data-code="`)
		sw.text(s.Code)
		sw.raw(`" d="`)
		sw.text(s.Path)
		sw.raw(`" vector-effect="non-scaling-stroke"/>` + "\n")
	}
	sw.raw("</g>\n")

	sw.raw(`<g class="geo-states" fill="#bdbdbd" stroke="#ffffff" stroke-width="0.75">` + "\n")
	for _, small := range []bool{false, true} {
		for _, s := range m.States {
			if s.Small != small {
				continue
			}
			so := opt.States[s.Code]
			title := so.Title
			if title == "" {
				title = s.Name
			}
			sw.raw(`<g data-code="`)
			sw.text(s.Code)
			sw.raw(`"`)
			sw.attr("id", so.ID)
			sw.attr("class", strings.Join(so.Class, " "))
			sw.raw("><title>")
			sw.text(title)
			sw.raw(`</title><path d="`)
			sw.text(s.Path)
			sw.raw(`" vector-effect="non-scaling-stroke"/>`)
			if s.Small {
				sw.raw(`<circle class="geo-marker" cx="`)
				sw.text(num(s.Centroid[0]))
				sw.raw(`" cy="`)
				sw.text(num(s.Centroid[1]))
				sw.raw(`" r="`)
				sw.text(num(radius))
				sw.raw(`" vector-effect="non-scaling-stroke"/>`)
			}
			sw.raw("</g>\n")
		}
	}
	sw.raw("</g>\n</svg>\n")
	if sw.err == nil {
		sw.err = sw.w.Flush()
	}
	if sw.err != nil {
		return fmt.Errorf("write svg: %w", sw.err)
	}
	return nil
}

// checkSVGOptions returns the first problem of opt for the map m, if any.
func (m *Map) checkSVGOptions(opt SVGOptions) error {
	if err := checkToken("id", opt.ID, true); err != nil {
		return err
	}
	for _, c := range opt.Class {
		if err := checkToken("class", c, false); err != nil {
			return err
		}
	}
	if opt.MarkerRadius < 0 {
		return fmt.Errorf("marker radius %v is negative", opt.MarkerRadius)
	}
	ids := map[string]bool{}
	if opt.ID != "" {
		ids[opt.ID] = true
	}
	// In the order of the map's states, so that the first problem reported is
	// always the same.
	known := 0
	for _, s := range m.States {
		so, ok := opt.States[s.Code]
		if !ok {
			continue
		}
		known++
		if err := checkToken("id", so.ID, true); err != nil {
			return fmt.Errorf("state %s: %w", s.Code, err)
		}
		if so.ID != "" {
			if ids[so.ID] {
				return fmt.Errorf("state %s: id %q is used twice", s.Code, so.ID)
			}
			ids[so.ID] = true
		}
		for _, c := range so.Class {
			if err := checkToken("class", c, false); err != nil {
				return fmt.Errorf("state %s: %w", s.Code, err)
			}
		}
	}
	if known != len(opt.States) {
		var unknown []string
		for code := range opt.States {
			if _, ok := m.State(code); !ok {
				unknown = append(unknown, code)
			}
		}
		return fmt.Errorf("no state %q on the map", minString(unknown))
	}
	return nil
}

// checkToken checks that v is usable as one class name or as an id: not empty
// (unless emptyOK) and without white space.
func checkToken(what, v string, emptyOK bool) error {
	if v == "" {
		if emptyOK {
			return nil
		}
		return fmt.Errorf("empty %s", what)
	}
	if strings.ContainsFunc(v, unicode.IsSpace) {
		return fmt.Errorf("%s %q contains white space", what, v)
	}
	return nil
}

func minString(s []string) string {
	m := s[0]
	for _, v := range s[1:] {
		m = min(m, v)
	}
	return m
}

// svgWriter writes markup, keeping the first error.
type svgWriter struct {
	w   *bufio.Writer
	err error
}

// raw writes trusted markup: only the package's own constant strings.
func (s *svgWriter) raw(markup string) {
	if s.err == nil {
		_, s.err = s.w.WriteString(markup)
	}
}

// text writes v escaped for XML text and attribute values alike (&, <, >, " and '
// become references; characters that XML cannot hold become U+FFFD).
func (s *svgWriter) text(v string) {
	if s.err == nil {
		s.err = xml.EscapeText(s.w, []byte(v))
	}
}

// attr writes the attribute name="v", escaped, when v is not empty.
func (s *svgWriter) attr(name, v string) {
	if v == "" {
		return
	}
	s.raw(" " + name + `="`)
	s.text(v)
	s.raw(`"`)
}

// num formats v in the shortest decimal form that reads back the same.
func num(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
