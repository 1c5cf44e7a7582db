package mapgen

// Rect is an axis-aligned rectangle.
type Rect struct{ MinX, MinY, MaxX, MaxY float64 }

// Contains reports whether p lies in r, edges included.
func (r Rect) Contains(p Point) bool {
	return p.X >= r.MinX && p.X <= r.MaxX && p.Y >= r.MinY && p.Y <= r.MaxY
}

// ClipRing clips the closed ring (its last point joined to its first, not repeated)
// to r with the Sutherland–Hodgman algorithm. The result covers the part of the
// ring's interior inside r; where the ring leaves r it runs along r's edges. A ring
// wholly outside r gives no points.
func ClipRing(ring []Point, r Rect) []Point {
	type edge struct {
		inside    func(Point) bool
		intersect func(a, b Point) Point
	}
	atX := func(a, b Point, x float64) Point {
		return Point{x, a.Y + (b.Y-a.Y)*(x-a.X)/(b.X-a.X)}
	}
	atY := func(a, b Point, y float64) Point {
		return Point{a.X + (b.X-a.X)*(y-a.Y)/(b.Y-a.Y), y}
	}
	edges := []edge{
		{func(p Point) bool { return p.X >= r.MinX }, func(a, b Point) Point { return atX(a, b, r.MinX) }},
		{func(p Point) bool { return p.X <= r.MaxX }, func(a, b Point) Point { return atX(a, b, r.MaxX) }},
		{func(p Point) bool { return p.Y >= r.MinY }, func(a, b Point) Point { return atY(a, b, r.MinY) }},
		{func(p Point) bool { return p.Y <= r.MaxY }, func(a, b Point) Point { return atY(a, b, r.MaxY) }},
	}
	out := ring
	for _, e := range edges {
		if len(out) == 0 {
			break
		}
		in := out
		out = nil
		prev := in[len(in)-1]
		for _, cur := range in {
			switch curIn, prevIn := e.inside(cur), e.inside(prev); {
			case curIn && prevIn:
				out = append(out, cur)
			case curIn:
				out = append(out, e.intersect(prev, cur), cur)
			case prevIn:
				out = append(out, e.intersect(prev, cur))
			}
			prev = cur
		}
	}
	return dedupe(out)
}

// dedupe drops the points of the closed ring that repeat the one before them (the
// first point counting as after the last).
func dedupe(ring []Point) []Point {
	var out []Point
	for _, p := range ring {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	for len(out) > 1 && out[len(out)-1] == out[0] {
		out = out[:len(out)-1]
	}
	return out
}

// SignedArea returns the shoelace area of the closed ring: positive when it runs
// counter-clockwise in a y-up frame (clockwise on screen, where y grows downward).
func SignedArea(ring []Point) float64 {
	var a float64
	for i, p := range ring {
		q := ring[(i+1)%len(ring)]
		a += p.X*q.Y - q.X*p.Y
	}
	return a / 2
}
