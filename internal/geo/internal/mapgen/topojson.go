package mapgen

import (
	"encoding/json"
	"fmt"
)

// Topology is the part of a TopoJSON topology
// (https://github.com/topojson/topojson-specification) that the generator reads:
// the arcs, made absolute, and the polygon features of every object.
type Topology struct {
	// Arcs are the topology's arcs as longitude/latitude positions in degrees,
	// already dequantised and delta-decoded.
	Arcs [][]Point
	// Features are, per object name, the object's Polygon and MultiPolygon
	// geometries in the order of the file.
	Features map[string][]Feature
}

// Point is a position: longitude and latitude in degrees, or projected x and y.
type Point struct{ X, Y float64 }

// Feature is one Polygon or MultiPolygon geometry.
type Feature struct {
	// ID is the geometry's id, "" when it has none.
	ID string
	// Name is the geometry's name property.
	Name string
	// Polygons are the geometry's polygons, each a list of rings, each a list of
	// arc references: i is arc i forwards, ^i (that is -i-1) arc i reversed.
	Polygons [][][]int
}

type rawTopology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][]float64 `json:"arcs"`
	Objects map[string]struct {
		Type       string        `json:"type"`
		Geometries []rawGeometry `json:"geometries"`
	} `json:"objects"`
}

type rawGeometry struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
	Arcs json.RawMessage `json:"arcs"`
}

// DecodeTopology parses a TopoJSON topology whose objects are geometry collections
// of polygons (other geometry types are skipped), decoding its arcs: with a
// transform, positions are quantised and delta-encoded.
func DecodeTopology(data []byte) (*Topology, error) {
	var raw rawTopology
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("decode topology: %w", err)
	}
	if raw.Type != "Topology" {
		return nil, fmt.Errorf("decode topology: type %q, want \"Topology\"", raw.Type)
	}
	topo := &Topology{Arcs: make([][]Point, len(raw.Arcs)), Features: map[string][]Feature{}}
	for i, arc := range raw.Arcs {
		pts := make([]Point, len(arc))
		var x, y float64
		for j, pos := range arc {
			if len(pos) < 2 {
				return nil, fmt.Errorf("decode topology: arc %d position %d has %d coordinates", i, j, len(pos))
			}
			if raw.Transform == nil {
				pts[j] = Point{pos[0], pos[1]}
				continue
			}
			x, y = x+pos[0], y+pos[1]
			pts[j] = Point{
				x*raw.Transform.Scale[0] + raw.Transform.Translate[0],
				y*raw.Transform.Scale[1] + raw.Transform.Translate[1],
			}
		}
		if len(pts) < 2 {
			return nil, fmt.Errorf("decode topology: arc %d has %d positions, want at least 2", i, len(pts))
		}
		topo.Arcs[i] = pts
	}
	for name, obj := range raw.Objects {
		if obj.Type != "GeometryCollection" {
			return nil, fmt.Errorf("decode topology: object %q has type %q, want GeometryCollection", name, obj.Type)
		}
		feats := []Feature{}
		for gi, g := range obj.Geometries {
			f := Feature{Name: g.Properties.Name}
			if len(g.ID) > 0 && string(g.ID) != "null" {
				var id any
				if err := json.Unmarshal(g.ID, &id); err != nil {
					return nil, fmt.Errorf("decode topology: object %q geometry %d id: %w", name, gi, err)
				}
				f.ID = fmt.Sprint(id)
			}
			switch g.Type {
			case "Polygon":
				var rings [][]int
				if err := json.Unmarshal(g.Arcs, &rings); err != nil {
					return nil, fmt.Errorf("decode topology: object %q geometry %d arcs: %w", name, gi, err)
				}
				f.Polygons = [][][]int{rings}
			case "MultiPolygon":
				if err := json.Unmarshal(g.Arcs, &f.Polygons); err != nil {
					return nil, fmt.Errorf("decode topology: object %q geometry %d arcs: %w", name, gi, err)
				}
			default:
				continue
			}
			for _, poly := range f.Polygons {
				for _, ring := range poly {
					for _, ref := range ring {
						if a := arcIndex(ref); a >= len(topo.Arcs) {
							return nil, fmt.Errorf("decode topology: object %q geometry %d refers to arc %d of %d", name, gi, a, len(topo.Arcs))
						}
					}
				}
			}
			feats = append(feats, f)
		}
		topo.Features[name] = feats
	}
	return topo, nil
}

// arcIndex returns the index of the arc that the reference ref names.
func arcIndex(ref int) int {
	if ref < 0 {
		return ^ref
	}
	return ref
}
