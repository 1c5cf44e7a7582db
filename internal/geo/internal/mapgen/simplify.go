package mapgen

import "math"

// Simplify returns the Douglas–Peucker simplification of the polyline pts: the
// subsequence of its points, first and last always kept, such that no dropped point
// is farther than tolerance from the simplified line. A closed polyline (first
// point equal to the last) is split at the point farthest from its start, so that
// it keeps at least three points.
func Simplify(pts []Point, tolerance float64) []Point {
	if len(pts) <= 2 {
		return append([]Point(nil), pts...)
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	last := len(pts) - 1
	if pts[0] == pts[last] {
		far, farDist := 0, -1.0
		for i := 1; i < last; i++ {
			if d := dist(pts[i], pts[0]); d > farDist {
				far, farDist = i, d
			}
		}
		keep[far] = true
		douglasPeucker(pts, 0, far, tolerance, keep)
		douglasPeucker(pts, far, last, tolerance, keep)
	} else {
		douglasPeucker(pts, 0, last, tolerance, keep)
	}
	out := []Point{}
	for i, k := range keep {
		if k {
			out = append(out, pts[i])
		}
	}
	return out
}

// douglasPeucker marks in keep the points strictly between first and last that the
// simplification of pts[first:last+1] keeps.
func douglasPeucker(pts []Point, first, last int, tolerance float64, keep []bool) {
	type span struct{ first, last int }
	stack := []span{{first, last}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		far, farDist := -1, tolerance
		for i := s.first + 1; i < s.last; i++ {
			if d := segmentDist(pts[i], pts[s.first], pts[s.last]); d > farDist {
				far, farDist = i, d
			}
		}
		if far < 0 {
			continue
		}
		keep[far] = true
		stack = append(stack, span{s.first, far}, span{far, s.last})
	}
}

// segmentDist returns the distance from p to the segment from a to b.
func segmentDist(p, a, b Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return dist(p, a)
	}
	t := ((p.X-a.X)*dx + (p.Y-a.Y)*dy) / l2
	t = math.Max(0, math.Min(1, t))
	return dist(p, Point{a.X + t*dx, a.Y + t*dy})
}

func dist(p, q Point) float64 { return math.Hypot(p.X-q.X, p.Y-q.Y) }
