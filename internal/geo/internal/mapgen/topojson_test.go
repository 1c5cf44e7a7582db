package mapgen

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDecodeTopology(t *testing.T) {
	// Two arcs, quantised with scale 0.5 and translate (10, 20), delta-encoded:
	// arc 0 runs (0,0) (2,0) (2,2), arc 1 runs (2,2) (0,2) (0,0) in grid units.
	const src = `{"type":"Topology",
	  "transform":{"scale":[0.5,0.5],"translate":[10,20]},
	  "arcs":[[[0,0],[2,0],[0,2]],[[2,2],[-2,0],[0,-2]]],
	  "objects":{"countries":{"type":"GeometryCollection","geometries":[
	    {"type":"Polygon","arcs":[[0,1]],"id":"442","properties":{"name":"Luxembourg"}},
	    {"type":"MultiPolygon","arcs":[[[-2,-1]]],"properties":{"name":"Kosovo"}},
	    {"type":"Point","coordinates":[0,0],"id":"1"},
	    {"type":"Polygon","arcs":[[1,0]],"id":40,"properties":{"name":"Numeric id"}}
	  ]}}}`
	topo, err := DecodeTopology([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	wantArcs := [][]Point{
		{{10, 20}, {11, 20}, {11, 21}},
		{{11, 21}, {10, 21}, {10, 20}},
	}
	if diff := cmp.Diff(wantArcs, topo.Arcs); diff != "" {
		t.Errorf("arcs (-want +got):\n%s", diff)
	}
	wantFeatures := map[string][]Feature{"countries": {
		{ID: "442", Name: "Luxembourg", Polygons: [][][]int{{{0, 1}}}},
		{Name: "Kosovo", Polygons: [][][]int{{{-2, -1}}}},
		{ID: "40", Name: "Numeric id", Polygons: [][][]int{{{1, 0}}}},
	}}
	if diff := cmp.Diff(wantFeatures, topo.Features); diff != "" {
		t.Errorf("features (-want +got):\n%s", diff)
	}
	if got := ringPoints(topo.Features["countries"][1].Polygons[0][0], topo.Arcs); !cmp.Equal(got, []Point{{10, 20}, {10, 21}, {11, 21}, {11, 20}}) {
		t.Errorf("reversed ring %v", got)
	}
}

func TestDecodeTopologyUnquantised(t *testing.T) {
	const src = `{"type":"Topology","arcs":[[[1.5,2],[3,4.25]]],"objects":{}}`
	topo, err := DecodeTopology([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]Point{{{1.5, 2}, {3, 4.25}}}, topo.Arcs); diff != "" {
		t.Errorf("arcs (-want +got):\n%s", diff)
	}
}

func TestDecodeTopologyErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"not JSON", `{`, "decode topology: unexpected end of JSON input"},
		{"not a topology", `{"type":"FeatureCollection"}`, `decode topology: type "FeatureCollection", want "Topology"`},
		{"short position", `{"type":"Topology","arcs":[[[1]]]}`, "decode topology: arc 0 position 0 has 1 coordinates"},
		{"short arc", `{"type":"Topology","arcs":[[[1,2]]]}`, "decode topology: arc 0 has 1 positions, want at least 2"},
		{"not a collection", `{"type":"Topology","arcs":[],"objects":{"x":{"type":"Polygon"}}}`, `decode topology: object "x" has type "Polygon", want GeometryCollection`},
		{"arc out of range", `{"type":"Topology","arcs":[[[0,0],[1,1]]],"objects":{"x":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0,-3]]}]}}}`, `decode topology: object "x" geometry 0 refers to arc 2 of 1`},
		{"bad arcs", `{"type":"Topology","arcs":[],"objects":{"x":{"type":"GeometryCollection","geometries":[{"type":"MultiPolygon","arcs":[[0]]}]}}}`, `decode topology: object "x" geometry 0 arcs: json: cannot unmarshal number into Go value of type []int`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeTopology([]byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %q, want %q", err, tt.want)
			}
		})
	}
}
