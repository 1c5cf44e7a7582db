// Package mapgen builds the map of Europe that package geo embeds, from Natural
// Earth's admin-0 countries as TopoJSON: it decodes the topology, merges and
// selects the countries, projects them with the Lambert azimuthal equal-area
// projection of EPSG:3035, simplifies the shared borders once for both sides,
// clips to the frame and writes Go source. Its output depends on its input alone,
// byte for byte.
package mapgen

import (
	"bytes"
	"fmt"
	"go/format"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Params are the generator's choices. Lengths are in kilometres on the map,
// areas in square kilometres (true areas: the projection is equal-area).
type Params struct {
	// Frame is the drawn rectangle in EPSG:3035 metres (easting, northing).
	Frame Rect
	// Tolerance is the Douglas–Peucker tolerance of the borders of the states.
	Tolerance float64
	// BackgroundTolerance is the tolerance of the borders between background
	// countries only.
	BackgroundTolerance float64
	// SmallTolerance is the tolerance of the borders of small states.
	SmallTolerance float64
	// MinRingArea is the area below which a ring (an island, a hole) is dropped;
	// a state's largest ring is always kept, a background country's is not (so
	// Monaco and the Vatican go).
	MinRingArea float64
	// SmallArea is the area below which a state is small and gets a marker.
	SmallArea float64
	// Decimals is the number of decimals of the coordinates written.
	Decimals int
}

// DefaultParams returns the parameters of the committed map.
//
// The frame holds every state's European territory with a margin: from west of
// Iceland and Portugal (easting 2500 km) to east of Cyprus (6650 km), from south of
// Malta and Crete (northing 1350 km) to north of the North Cape (5500 km). Outside
// it, and so not drawn, are the outermost regions (the Canaries, the Azores,
// Madeira, the French overseas departments), Svalbard and Bear Island, and the
// parts of the background countries beyond it: the east edge runs at about 41°E
// at 45°N, 49°E at 55°N and 67°E at 65°N (so European Russia, to the Urals in
// the north), the south edge at 32.5–35°N (North Africa's coastal strip). Jan
// Mayen lies inside and stays.
//
// At the scale a report shows the map (about 5 km a pixel at 800 pixels wide), a
// 2 km tolerance is below half a pixel; borders between background countries only
// get twice that. Small states keep 0.2 km detail so that Liechtenstein stays a
// recognisable shape, and islands under 20 km² (less than a pixel at that scale)
// are dropped. Coordinates are written to 0.1 km.
func DefaultParams() Params {
	return Params{
		Frame:               Rect{MinX: 2500e3, MinY: 1350e3, MaxX: 6650e3, MaxY: 5500e3},
		Tolerance:           2,
		BackgroundTolerance: 4,
		SmallTolerance:      0.2,
		MinRingArea:         20,
		SmallArea:           5000,
		Decimals:            1,
	}
}

// Shape is one country on the map, in map coordinates: kilometres from the
// frame's top-left corner, x to the east, y to the south.
type Shape struct {
	Code, Name string
	// State marks the 32 states; the others are background.
	State bool
	// Rings are the outlines, each closed (its last point joins its first, not
	// repeated), holes included, to be filled with the even-odd rule.
	Rings [][]Point
	// Area is the area inside the rings.
	Area float64
	// Centroid is a point inside the largest ring, near its area centroid.
	Centroid Point
	// Small marks the states with an area below Params.SmallArea.
	Small bool
}

// Map is the generated map: its size in kilometres and its shapes, sorted by code.
type Map struct {
	Width, Height float64
	States        []Shape
	Background    []Shape
}

// group is a country as the generator assembles it from one or more features.
type group struct {
	country
	rings [][]int
}

// Build assembles the map from the topology's object "countries".
func Build(topo *Topology, p Params) (*Map, error) {
	feats, ok := topo.Features["countries"]
	if !ok {
		return nil, fmt.Errorf("build map: topology has no object \"countries\"")
	}
	proj := ETRS89LAEA()
	toMap := func(pt Point) Point {
		e, n := proj.Forward(pt.X, pt.Y)
		return Point{(e - p.Frame.MinX) / 1000, (p.Frame.MaxY - n) / 1000}
	}
	frame := Rect{0, 0, (p.Frame.MaxX - p.Frame.MinX) / 1000, (p.Frame.MaxY - p.Frame.MinY) / 1000}
	projected := make([][]Point, len(topo.Arcs))
	for i, arc := range topo.Arcs {
		projected[i] = make([]Point, len(arc))
		for j, pt := range arc {
			projected[i][j] = toMap(pt)
		}
	}

	table := countries()
	moves := reassignments()
	moved := map[Point]bool{}
	groups := map[string]*group{}
	for _, f := range feats {
		c, ok := table[countryKey(f)]
		if !ok {
			if inFrame(f, projected, frame) {
				return nil, fmt.Errorf("build map: feature %q (%s) lies in the frame but is not in the table of countries", f.Name, countryKey(f))
			}
			continue
		}
		for _, poly := range f.Polygons {
			owner := c
			for _, r := range moves {
				if r.From == c.Code && inside(ringPoints(poly[0], topo.Arcs), r.At) {
					owner = r.To
					moved[r.At] = true
				}
			}
			g := groups[owner.Code]
			if g == nil {
				g = &group{country: owner}
				groups[owner.Code] = g
			}
			g.rings = append(g.rings, poly...)
		}
	}
	for _, r := range moves {
		if _, ok := groups[r.From]; ok && !moved[r.At] {
			return nil, fmt.Errorf("build map: no polygon of %s contains %v to be moved to %s", r.From, r.At, r.To.Code)
		}
	}
	codes := slices.Sorted(maps.Keys(groups))
	for _, code := range codes {
		g := groups[code]
		rings, err := dissolve(g.rings, topo.Arcs)
		if err != nil {
			return nil, fmt.Errorf("build map: %s: %w", code, err)
		}
		g.rings = rings
	}

	// Each arc gets the finest tolerance of the shapes that use it, so that a
	// border is simplified once, the same for the countries on both sides.
	tolerance := make([]float64, len(topo.Arcs))
	for i := range tolerance {
		tolerance[i] = math.Inf(1)
	}
	for _, code := range codes {
		g := groups[code]
		tol := p.BackgroundTolerance
		if g.State {
			tol = p.Tolerance
			area := 0.0
			for _, ring := range g.rings {
				area += SignedArea(ClipRing(ringPoints(ring, projected), frame))
			}
			if math.Abs(area) < p.SmallArea {
				tol = p.SmallTolerance
			}
		}
		for _, ring := range g.rings {
			for _, ref := range ring {
				a := arcIndex(ref)
				tolerance[a] = math.Min(tolerance[a], tol)
			}
		}
	}
	simplified := make([][]Point, len(topo.Arcs))
	for i, arc := range projected {
		if !math.IsInf(tolerance[i], 1) {
			simplified[i] = Simplify(arc, tolerance[i])
		}
	}

	m := &Map{Width: frame.MaxX, Height: frame.MaxY}
	for _, code := range codes {
		g := groups[code]
		s, err := buildShape(g, simplified, frame, p)
		if err != nil {
			return nil, fmt.Errorf("build map: %s: %w", code, err)
		}
		switch {
		case g.State:
			m.States = append(m.States, s)
		case len(s.Rings) > 0:
			m.Background = append(m.Background, s)
		}
	}
	return m, nil
}

// buildShape makes the shape of g from the simplified arcs: clipped to the frame,
// rounded, without the rings under the minimum area.
func buildShape(g *group, arcs [][]Point, frame Rect, p Params) (Shape, error) {
	scale := math.Pow(10, float64(p.Decimals))
	var rings [][]Point
	largest, largestArea := -1, 0.0
	for _, ring := range g.rings {
		pts := ClipRing(ringPoints(ring, arcs), frame)
		for i, pt := range pts {
			pts[i] = Point{math.Round(pt.X*scale) / scale, math.Round(pt.Y*scale) / scale}
		}
		r := dedupe(pts)
		if len(r) < 3 {
			continue
		}
		if a := math.Abs(SignedArea(r)); a > largestArea {
			largest, largestArea = len(rings), a
		}
		rings = append(rings, r)
	}
	s := Shape{Code: g.Code, Name: g.Name, State: g.State}
	if largest < 0 {
		if g.State {
			return s, fmt.Errorf("no ring left in the frame after simplification")
		}
		return s, nil
	}
	signed := 0.0
	for i, r := range rings {
		if (i != largest || !g.State) && math.Abs(SignedArea(r)) < p.MinRingArea {
			continue
		}
		s.Rings = append(s.Rings, r)
		signed += SignedArea(r)
	}
	s.Area = math.Abs(signed)
	s.Small = g.State && s.Area < p.SmallArea
	c := interiorPoint(rings[largest])
	s.Centroid = Point{math.Round(c.X*10) / 10, math.Round(c.Y*10) / 10}
	return s, nil
}

// inFrame reports whether any point of f's arcs lies in the frame.
func inFrame(f Feature, arcs [][]Point, frame Rect) bool {
	for _, poly := range f.Polygons {
		for _, ring := range poly {
			for _, ref := range ring {
				for _, pt := range arcs[arcIndex(ref)] {
					if frame.Contains(pt) {
						return true
					}
				}
			}
		}
	}
	return false
}

// ringPoints returns the points of the ring made of the arc references ring, the
// closing point not repeated.
func ringPoints(ring []int, arcs [][]Point) []Point {
	var out []Point
	for i, ref := range ring {
		a := arcs[arcIndex(ref)]
		if ref < 0 {
			a = slices.Clone(a)
			slices.Reverse(a)
		}
		if i > 0 {
			a = a[1:]
		}
		out = append(out, a...)
	}
	if len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	return out
}

// dissolve merges the rings of several features into the rings of their union:
// the arcs that two rings share (the borders between the features) are removed and
// the rest stitched into rings again. Rings without a shared arc stay as they are.
func dissolve(rings [][]int, arcs [][]Point) ([][]int, error) {
	uses := map[int]int{}
	for _, ring := range rings {
		for _, ref := range ring {
			uses[arcIndex(ref)]++
		}
	}
	var out [][]int
	var loose []int
	for _, ring := range rings {
		shared := slices.ContainsFunc(ring, func(ref int) bool { return uses[arcIndex(ref)] > 1 })
		if !shared {
			out = append(out, ring)
			continue
		}
		for _, ref := range ring {
			if uses[arcIndex(ref)] == 1 {
				loose = append(loose, ref)
			}
		}
	}
	start := func(ref int) Point {
		if ref < 0 {
			a := arcs[^ref]
			return a[len(a)-1]
		}
		return arcs[ref][0]
	}
	end := func(ref int) Point { return start(^ref) }
	used := make([]bool, len(loose))
	for i := range loose {
		if used[i] {
			continue
		}
		used[i] = true
		ring := []int{loose[i]}
		for start(ring[0]) != end(ring[len(ring)-1]) {
			next := -1
			for j := range loose {
				if !used[j] && start(loose[j]) == end(ring[len(ring)-1]) {
					next = j
					break
				}
			}
			if next < 0 {
				return nil, fmt.Errorf("dissolve borders: the arcs left do not close into a ring")
			}
			used[next] = true
			ring = append(ring, loose[next])
		}
		out = append(out, ring)
	}
	return out, nil
}

// interiorPoint returns the area centroid of the ring when it lies inside the
// ring, else the middle of the widest stretch inside the ring along the horizontal
// line through the centroid.
func interiorPoint(ring []Point) Point {
	var cx, cy, a float64
	for i, p := range ring {
		q := ring[(i+1)%len(ring)]
		cross := p.X*q.Y - q.X*p.Y
		a += cross
		cx += (p.X + q.X) * cross
		cy += (p.Y + q.Y) * cross
	}
	c := Point{cx / (3 * a), cy / (3 * a)}
	if inside(ring, c) {
		return c
	}
	var xs []float64
	for i, p := range ring {
		q := ring[(i+1)%len(ring)]
		if (p.Y > c.Y) != (q.Y > c.Y) {
			xs = append(xs, p.X+(c.Y-p.Y)*(q.X-p.X)/(q.Y-p.Y))
		}
	}
	slices.Sort(xs)
	best, bestWidth := c, -1.0
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > bestWidth {
			best, bestWidth = Point{(xs[i] + xs[i+1]) / 2, c.Y}, w
		}
	}
	return best
}

// inside reports whether p lies inside the ring, by the even-odd rule.
func inside(ring []Point, p Point) bool {
	in := false
	for i, a := range ring {
		b := ring[(i+1)%len(ring)]
		if (a.Y > p.Y) != (b.Y > p.Y) && p.X < a.X+(p.Y-a.Y)*(b.X-a.X)/(b.Y-a.Y) {
			in = !in
		}
	}
	return in
}

// Generate decodes the TopoJSON data, builds the map with the default parameters
// and returns the Go source of package geo's europe function.
func Generate(data []byte) ([]byte, error) {
	topo, err := DecodeTopology(data)
	if err != nil {
		return nil, err
	}
	p := DefaultParams()
	m, err := Build(topo, p)
	if err != nil {
		return nil, err
	}
	return m.GoSource(p.Decimals)
}

// GoSource returns the gofmt-formatted source of a Go file of package geo that
// defines europe, a function returning the map as a *Map, with its paths as SVG
// path data written to decimals places.
func (m *Map) GoSource(decimals int) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by go run ./internal/gen from data/countries-50m.json; DO NOT EDIT.\n\n")
	b.WriteString("package geo\n\n")
	b.WriteString("// europe returns a new copy of the generated map.\n")
	b.WriteString("func europe() *Map {\n\treturn &Map{\n")
	fmt.Fprintf(&b, "\t\tViewBox: [4]float64{0, 0, %s, %s},\n", num(m.Width), num(m.Height))
	for _, list := range []struct {
		field  string
		shapes []Shape
	}{{"States", m.States}, {"Background", m.Background}} {
		fmt.Fprintf(&b, "\t\t%s: []Shape{\n", list.field)
		for _, s := range list.shapes {
			fmt.Fprintf(&b, "\t\t\t{Code: %q, Name: %q, Centroid: [2]float64{%s, %s}, ", s.Code, s.Name, num(s.Centroid.X), num(s.Centroid.Y))
			if s.Small {
				b.WriteString("Small: true, ")
			}
			fmt.Fprintf(&b, "Path: %q},\n", PathData(s.Rings, decimals))
		}
		b.WriteString("\t\t},\n")
	}
	b.WriteString("\t}\n}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format generated source: %w", err)
	}
	return src, nil
}

// PathData returns SVG path data for the rings, whose coordinates are multiples of
// 10^-decimals: each ring an absolute moveto, relative linetos and a closepath.
func PathData(rings [][]Point, decimals int) string {
	scale := math.Pow(10, float64(decimals))
	var b strings.Builder
	write := func(v int64, first bool) {
		s := fixed(v, decimals)
		if !first && s[0] != '-' {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	for _, ring := range rings {
		grid := func(pt Point) (int64, int64) {
			return int64(math.Round(pt.X * scale)), int64(math.Round(pt.Y * scale))
		}
		x, y := grid(ring[0])
		b.WriteByte('M')
		write(x, true)
		write(y, false)
		b.WriteByte('l')
		for i, pt := range ring[1:] {
			nx, ny := grid(pt)
			write(nx-x, i == 0)
			write(ny-y, false)
			x, y = nx, ny
		}
		b.WriteByte('z')
	}
	return b.String()
}

// fixed formats v·10^-decimals in the shortest way SVG reads: no trailing zeros,
// no leading zero before the point.
func fixed(v int64, decimals int) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v, 10)
	if decimals > 0 {
		if len(s) <= decimals {
			s = strings.Repeat("0", decimals-len(s)+1) + s
		}
		s = s[:len(s)-decimals] + "." + s[len(s)-decimals:]
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		s = strings.TrimPrefix(s, "0")
		if s == "" {
			s = "0"
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}

// num formats a float for Go source: the shortest representation that reads back
// the same.
func num(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
