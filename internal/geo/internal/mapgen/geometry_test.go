package mapgen

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSimplify(t *testing.T) {
	tests := []struct {
		name      string
		pts       []Point
		tolerance float64
		want      []Point
	}{
		{"two points stay", []Point{{0, 0}, {5, 5}}, 1, []Point{{0, 0}, {5, 5}}},
		{"a small bump goes", []Point{{0, 0}, {1, 0.5}, {2, 0}}, 1, []Point{{0, 0}, {2, 0}}},
		{"a large bump stays", []Point{{0, 0}, {1, 2}, {2, 0}}, 1, []Point{{0, 0}, {1, 2}, {2, 0}}},
		{"the farthest point first", []Point{{0, 0}, {1, 0.2}, {2, 3}, {3, 0.2}, {4, 0}}, 1, []Point{{0, 0}, {2, 3}, {4, 0}}},
		{"recursion on both sides", []Point{{0, 0}, {1, 2}, {2, 0}, {3, 2}, {4, 0}}, 1, []Point{{0, 0}, {1, 2}, {2, 0}, {3, 2}, {4, 0}}},
		{"a point on the line between kept points goes", []Point{{0, 0}, {1, 2}, {2, 0}, {3, -2}, {4, 0}}, 1, []Point{{0, 0}, {1, 2}, {3, -2}, {4, 0}}},
		{"a zero tolerance drops only collinear points", []Point{{0, 0}, {1, 0}, {2, 0}, {2, 1}}, 0, []Point{{0, 0}, {2, 0}, {2, 1}}},
		{"a closed arc keeps three points", []Point{{0, 0}, {1, 0}, {2, 0.1}, {1, 1}, {0, 0}}, 5, []Point{{0, 0}, {2, 0.1}, {0, 0}}},
		{"a closed square keeps its corners", []Point{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}, 1, []Point{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Simplify(tt.pts, tt.tolerance)); diff != "" {
				t.Errorf("Simplify (-want +got):\n%s", diff)
			}
		})
	}
}

func TestClipRing(t *testing.T) {
	r := Rect{0, 0, 10, 10}
	tests := []struct {
		name string
		ring []Point
		want []Point
	}{
		{"inside stays", []Point{{1, 1}, {9, 1}, {9, 9}}, []Point{{1, 1}, {9, 1}, {9, 9}}},
		{"outside goes", []Point{{11, 11}, {19, 11}, {19, 19}}, nil},
		{"across the right edge", []Point{{5, 2}, {15, 2}, {15, 8}, {5, 8}}, []Point{{5, 2}, {10, 2}, {10, 8}, {5, 8}}},
		{"around the rectangle", []Point{{-5, -5}, {15, -5}, {15, 15}, {-5, 15}}, []Point{{0, 10}, {0, 0}, {10, 0}, {10, 10}}},
		{"a corner cut off, without repeating the corner", []Point{{5, 5}, {15, 5}, {5, 15}}, []Point{{5, 10}, {5, 5}, {10, 5}, {10, 10}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ClipRing(tt.ring, r)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ClipRing (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSignedArea(t *testing.T) {
	square := []Point{{0, 0}, {2, 0}, {2, 3}, {0, 3}}
	if got := SignedArea(square); got != 6 {
		t.Errorf("SignedArea(square) = %v, want 6", got)
	}
	reversed := []Point{{0, 3}, {2, 3}, {2, 0}, {0, 0}}
	if got := SignedArea(reversed); got != -6 {
		t.Errorf("SignedArea(reversed) = %v, want -6", got)
	}
}

func TestInteriorPoint(t *testing.T) {
	tests := []struct {
		name string
		ring []Point
		want Point
	}{
		{"a square's centre", []Point{{0, 0}, {4, 0}, {4, 4}, {0, 4}}, Point{2, 2}},
		// A U (y grows downward, so it opens to the top): its centroid (2, 17/6)
		// lies in the notch; the line through it crosses the U's arms, both 1
		// wide, and the first is taken.
		{"a U's centroid is in the notch, so the middle of the widest span", []Point{{0, 0}, {1, 0}, {1, 4}, {3, 4}, {3, 0}, {4, 0}, {4, 5}, {0, 5}}, Point{0.5, 17.0 / 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := interiorPoint(tt.ring); got != tt.want {
				t.Errorf("interiorPoint = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDissolve(t *testing.T) {
	// Two unit squares side by side: arc 0 is their shared edge from (1,0) to
	// (1,1); arc 1 is the rest of the left square from (1,1) round to (1,0); arc 2
	// the rest of the right square from (1,0) round to (1,1). An island, arc 3,
	// shares nothing.
	arcs := [][]Point{
		{{1, 0}, {1, 1}},
		{{1, 1}, {0, 1}, {0, 0}, {1, 0}},
		{{1, 0}, {2, 0}, {2, 1}, {1, 1}},
		{{5, 5}, {6, 5}, {6, 6}, {5, 5}},
	}
	rings := [][]int{{0, 1}, {2, ^0}, {3}}
	got, err := dissolve(rings, arcs)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]int{{3}, {1, 2}}, got); diff != "" {
		t.Errorf("dissolve (-want +got):\n%s", diff)
	}
	want := []Point{{1, 1}, {0, 1}, {0, 0}, {1, 0}, {2, 0}, {2, 1}}
	if diff := cmp.Diff(want, ringPoints(got[1], arcs)); diff != "" {
		t.Errorf("merged ring (-want +got):\n%s", diff)
	}

	if _, err := dissolve([][]int{{0, 1}, {^0}}, arcs[:2]); err == nil || err.Error() != "dissolve borders: the arcs left do not close into a ring" {
		t.Errorf("open ring: error %v", err)
	}
}

func TestPathData(t *testing.T) {
	tests := []struct {
		name     string
		rings    [][]Point
		decimals int
		want     string
	}{
		{"integers", [][]Point{{{10, 20}, {15, 20}, {15, 12}}}, 0, "M10 20l5 0 0-8z"},
		{"tenths", [][]Point{{{0.5, 1}, {1, 1}, {0.9, -0.2}}}, 1, "M.5 1l.5 0-.1-1.2z"},
		{"two rings", [][]Point{{{0, 0}, {1, 0}, {0, 1}}, {{5, 5}, {6, 5}, {5, 6}}}, 0, "M0 0l1 0-1 1zM5 5l1 0-1 1z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PathData(tt.rings, tt.decimals); got != tt.want {
				t.Errorf("PathData = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFixed(t *testing.T) {
	tests := []struct {
		v        int64
		decimals int
		want     string
	}{
		{0, 0, "0"}, {0, 1, "0"}, {5, 1, ".5"}, {-5, 1, "-.5"}, {10, 1, "1"}, {-10, 1, "-1"},
		{123, 1, "12.3"}, {1000, 1, "100"}, {1005, 2, "10.05"}, {7, 2, ".07"}, {-1234, 0, "-1234"},
	}
	for _, tt := range tests {
		if got := fixed(tt.v, tt.decimals); got != tt.want {
			t.Errorf("fixed(%d, %d) = %q, want %q", tt.v, tt.decimals, got, tt.want)
		}
	}
}
