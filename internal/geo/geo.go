// Package geo holds a map of Europe for the HTML report: the 32 states that
// gapcheck reports on (the EU-28 of 2016 with Norway, Iceland, Switzerland and
// Liechtenstein) and, as grey context, their neighbours, as SVG path data.
//
// The outlines are Natural Earth's 1:50m admin-0 countries (public domain), taken
// from the world-atlas package (data/SOURCE.md), projected with the Lambert
// azimuthal equal-area projection of EPSG:3035 (ETRS89-LAEA, centred at 52°N 10°E,
// as Eurostat's maps are), simplified and clipped to a frame around the states'
// European territory. One map unit is one kilometre of EPSG:3035: x is the easting
// less 2500 km, y is 5500 km less the northing, so that north is up. Outside the
// frame, and so not drawn, are the outermost regions (the Canaries, the Azores,
// Madeira, the French overseas departments) and Svalbard. Cyprus is the whole
// island and Finland includes Åland.
//
// The map is generated: internal/gen writes europe_gen.go from data/, by
// go generate, and a test checks that the committed file is what it writes.
package geo

//go:generate go run ./internal/gen

// Attribution credits the map data, for a report's footer. Natural Earth asks for
// no credit; it is given as a courtesy.
const Attribution = "Borders: Natural Earth (public domain)"

// Shape is one country of the map.
type Shape struct {
	// Code is the ISO 3166-1 alpha-2 code ("GB" for the United Kingdom, "XK" for
	// Kosovo).
	Code string
	// Name is the short English name.
	Name string
	// Path is SVG path data for the outline, to be filled with the even-odd rule
	// (its few holes, such as San Marino in Italy, are drawn as rings).
	Path string
	// Centroid is a point inside the country's largest piece of land, near its
	// centre: where a label or a marker goes.
	Centroid [2]float64
	// Small marks the states too small to see or hover at the report's scale
	// (under 5000 km²: Luxembourg, Malta and Liechtenstein); WriteSVG draws a
	// circle at their centroid.
	Small bool
}

// Map is the map of Europe.
type Map struct {
	// ViewBox is the SVG viewBox: min-x, min-y, width and height in map units.
	ViewBox [4]float64
	// States are the 32 states, sorted by code.
	States []Shape
	// Background are the other countries in the frame, sorted by code.
	Background []Shape
}

// Europe returns the map of Europe. Each call returns a new Map, which the caller
// may change.
func Europe() *Map { return europe() }

// State returns the state with the given code, and whether there is one.
func (m *Map) State(code string) (Shape, bool) {
	for _, s := range m.States {
		if s.Code == code {
			return s, true
		}
	}
	return Shape{}, false
}
