package mapgen

import (
	"math"
	"testing"
)

func TestETRS89LAEA(t *testing.T) {
	tests := []struct {
		name          string
		lon, lat      float64
		east, north   float64
		toleranceInMm float64
	}{
		// The worked example of IOGP Guidance Note 7-2 for EPSG:3035.
		{name: "guidance note example", lon: 5, lat: 50, east: 3962799.45, north: 2999718.85, toleranceInMm: 10},
		// The centre maps to the false origin.
		{name: "centre", lon: 10, lat: 52, east: 4321000, north: 3210000, toleranceInMm: 1},
	}
	p := ETRS89LAEA()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, n := p.Forward(tt.lon, tt.lat)
			tol := tt.toleranceInMm / 1000
			if math.Abs(e-tt.east) > tol || math.Abs(n-tt.north) > tol {
				t.Errorf("Forward(%v, %v) = (%.3f, %.3f), want (%.3f, %.3f)", tt.lon, tt.lat, e, n, tt.east, tt.north)
			}
		})
	}
}

// TestETRS89LAEASymmetry checks the orientation: east is right, north is up, and the
// projection is symmetric about the central meridian.
func TestETRS89LAEASymmetry(t *testing.T) {
	p := ETRS89LAEA()
	we, wn := p.Forward(0, 52)
	ee, en := p.Forward(20, 52)
	if !(we < 4321000 && ee > 4321000) {
		t.Errorf("west %.0f, east %.0f around the false easting 4321000", we, ee)
	}
	if math.Abs((4321000-we)-(ee-4321000)) > 1e-6 || math.Abs(wn-en) > 1e-6 {
		t.Errorf("not symmetric: (%.3f, %.3f) and (%.3f, %.3f)", we, wn, ee, en)
	}
	_, north := p.Forward(10, 60)
	_, south := p.Forward(10, 40)
	if !(north > 3210000 && south < 3210000) {
		t.Errorf("north %.0f, south %.0f around the false northing 3210000", north, south)
	}
}
