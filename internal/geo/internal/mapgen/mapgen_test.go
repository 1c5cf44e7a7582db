package mapgen

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"
)

// realMap builds the map from the committed data with the default parameters.
func realMap(t *testing.T) *Map {
	t.Helper()
	data, err := os.ReadFile("../../data/countries-50m.json")
	if err != nil {
		t.Fatal(err)
	}
	topo, err := DecodeTopology(data)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(topo, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestBuildAreas checks decoding, projection and simplification together: the
// projection is equal-area, so the drawn areas are the true ones, less what
// simplification and dropped islands change.
func TestBuildAreas(t *testing.T) {
	m := realMap(t)
	// Reference areas in km², rounded (land and inland water). The margin covers
	// Natural Earth's 1:50m generalisation and the 2 km tolerance.
	tests := []struct {
		code   string
		area   float64
		margin float64 // relative
		small  bool
	}{
		{"LI", 160, 0.15, true},
		{"MT", 316, 0.15, true},
		{"LU", 2586, 0.05, true},
		{"CY", 9251, 0.05, false}, // the whole island
		{"SI", 20273, 0.05, false},
		{"BE", 30689, 0.05, false},
		{"NL", 35700, 0.05, false}, // 41850 less the sea arms that Natural Earth leaves out
		{"AT", 83879, 0.03, false},
		{"PL", 312696, 0.03, false},
		{"DE", 357588, 0.03, false},
		{"FI", 338455, 0.05, false}, // with Åland
		{"ES", 498500, 0.03, false}, // without the Canaries (7447 km²), Ceuta, Melilla
		{"FR", 551695, 0.03, false}, // metropolitan France with Corsica
	}
	states := map[string]Shape{}
	for _, s := range m.States {
		states[s.Code] = s
	}
	for _, tt := range tests {
		s, ok := states[tt.code]
		if !ok {
			t.Errorf("%s: missing", tt.code)
			continue
		}
		if rel := math.Abs(s.Area-tt.area) / tt.area; rel > tt.margin {
			t.Errorf("%s: area %.0f km², want %.0f ± %.0f%%", tt.code, s.Area, tt.area, tt.margin*100)
		}
		if s.Small != tt.small {
			t.Errorf("%s: Small %v, want %v", tt.code, s.Small, tt.small)
		}
	}
}

func TestBuildShapes(t *testing.T) {
	m := realMap(t)
	if m.Width != 4150 || m.Height != 4150 {
		t.Errorf("size %v × %v, want 4150 × 4150", m.Width, m.Height)
	}
	want := strings.Fields("AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK")
	var got []string
	for _, s := range m.States {
		got = append(got, s.Code)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("states %v, want %v", got, want)
	}
	var bg []string
	for _, s := range m.Background {
		bg = append(bg, s.Code)
		if s.State || s.Small {
			t.Errorf("background %s: State %v, Small %v", s.Code, s.State, s.Small)
		}
	}
	// The neighbours that give the map its context; tiny ones (Monaco, the
	// Vatican) are dropped with the islands under the minimum area.
	wantBG := "AD AL BA BY DZ FO GG GL IL IM JE MA MD ME MK RS RU SM SY TN TR UA XK"
	if strings.Join(bg, " ") != wantBG {
		t.Errorf("background %v, want %v", bg, wantBG)
	}
	frame := Rect{0, 0, m.Width, m.Height}
	for _, s := range append(append([]Shape(nil), m.States...), m.Background...) {
		for _, r := range s.Rings {
			if len(r) < 3 {
				t.Errorf("%s: ring of %d points", s.Code, len(r))
			}
			for _, p := range r {
				if !frame.Contains(p) {
					t.Fatalf("%s: point %v outside the frame", s.Code, p)
				}
			}
		}
		if !frame.Contains(s.Centroid) {
			t.Errorf("%s: centroid %v outside the frame", s.Code, s.Centroid)
		}
	}
}

// TestBuildCentroids checks that each state's centroid lies in the state, on
// land, and in the right part of the map.
func TestBuildCentroids(t *testing.T) {
	m := realMap(t)
	for _, s := range m.States {
		in := false
		for _, r := range s.Rings {
			if inside(r, s.Centroid) {
				in = !in
			}
		}
		if !in {
			t.Errorf("%s: centroid %v is not inside the state", s.Code, s.Centroid)
		}
	}
	// West of east, north of south: the map is not mirrored.
	c := map[string]Point{}
	for _, s := range m.States {
		c[s.Code] = s.Centroid
	}
	if !(c["PT"].X < c["ES"].X && c["ES"].X < c["IT"].X && c["IT"].X < c["GR"].X && c["GR"].X < c["CY"].X) {
		t.Errorf("west to east: PT %v ES %v IT %v GR %v CY %v", c["PT"], c["ES"], c["IT"], c["GR"], c["CY"])
	}
	if !(c["NO"].Y < c["DK"].Y && c["DK"].Y < c["DE"].Y && c["DE"].Y < c["IT"].Y && c["IT"].Y < c["MT"].Y) {
		t.Errorf("north to south: NO %v DK %v DE %v IT %v MT %v", c["NO"], c["DK"], c["DE"], c["IT"], c["MT"])
	}
}

func TestBuildUnknownFeatureInFrame(t *testing.T) {
	// A square around 5°E 50°N (Belgium), with an id not in the table.
	const src = `{"type":"Topology","arcs":[[[4.9,49.9],[5.1,49.9],[5.1,50.1],[4.9,50.1],[4.9,49.9]]],
	  "objects":{"countries":{"type":"GeometryCollection","geometries":[
	    {"type":"Polygon","arcs":[[0]],"id":"999","properties":{"name":"Atlantis"}}]}}}`
	topo, err := DecodeTopology([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(topo, DefaultParams())
	want := `build map: feature "Atlantis" (id:999) lies in the frame but is not in the table of countries`
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
}

func TestBuildSkipsFarFeatures(t *testing.T) {
	// Luxembourg as a square, and an unknown island far away (New Zealand).
	const src = `{"type":"Topology","arcs":[
	    [[6,49.5],[6.4,49.5],[6.4,50],[6,50],[6,49.5]],
	    [[170,-40],[171,-40],[171,-41],[170,-40]]],
	  "objects":{"countries":{"type":"GeometryCollection","geometries":[
	    {"type":"Polygon","arcs":[[0]],"id":"442","properties":{"name":"Luxembourg"}},
	    {"type":"Polygon","arcs":[[1]],"id":"999","properties":{"name":"Far away"}}]}}}`
	topo, err := DecodeTopology([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Build(topo, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	if len(m.States) != 1 || m.States[0].Code != "LU" || len(m.Background) != 0 {
		t.Fatalf("states %v, background %v", m.States, m.Background)
	}
	// 0.4° × 0.5° at 49.75°N: about 28.8 km × 55.6 km.
	if a := m.States[0].Area; math.Abs(a-1601) > 10 {
		t.Errorf("area %.1f km², want about 1601", a)
	}
}

func TestGenerateDeterministic(t *testing.T) {
	data, err := os.ReadFile("../../data/countries-50m.json")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Generate(data)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two runs give different output")
	}
	if len(a) > 150_000 {
		t.Errorf("generated source is %d bytes, want at most 150 kB", len(a))
	}
}
