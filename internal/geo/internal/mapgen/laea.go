package mapgen

import "math"

// GRS80 is the ellipsoid of ETRS89, the datum of EPSG:3035.
const (
	grs80A    = 6378137.0
	grs80InvF = 298.257222101
)

// LAEA is the ellipsoidal Lambert azimuthal equal-area projection (EPSG method 9820),
// with the formulas of IOGP Guidance Note 7-2, section 3.3.2.
type LAEA struct {
	lon0, falseE, falseN float64
	e, e2                float64
	qp, rq, d            float64
	sinB0, cosB0         float64
}

// NewLAEA returns the projection centred at (lat0, lon0), in degrees, on the GRS80
// ellipsoid, with the given false easting and northing in metres.
func NewLAEA(lat0, lon0, falseE, falseN float64) *LAEA {
	f := 1 / grs80InvF
	e2 := 2*f - f*f
	p := &LAEA{lon0: rad(lon0), falseE: falseE, falseN: falseN, e: math.Sqrt(e2), e2: e2}
	p.qp = p.q(math.Pi / 2)
	phi0 := rad(lat0)
	b0 := math.Asin(p.q(phi0) / p.qp)
	p.sinB0, p.cosB0 = math.Sincos(b0)
	p.rq = grs80A * math.Sqrt(p.qp/2)
	p.d = grs80A * (math.Cos(phi0) / math.Sqrt(1-e2*math.Sin(phi0)*math.Sin(phi0))) / (p.rq * p.cosB0)
	return p
}

// ETRS89LAEA returns the projection of EPSG:3035: centre 52°N 10°E, false easting
// 4321 km, false northing 3210 km.
func ETRS89LAEA() *LAEA {
	return NewLAEA(52, 10, 4321000, 3210000)
}

// q is the authalic helper function of the guidance note.
func (p *LAEA) q(phi float64) float64 {
	s := math.Sin(phi)
	return (1 - p.e2) * (s/(1-p.e2*s*s) - 1/(2*p.e)*math.Log((1-p.e*s)/(1+p.e*s)))
}

// Forward projects the point at longitude lon and latitude lat, in degrees, to
// easting and northing in metres.
func (p *LAEA) Forward(lon, lat float64) (easting, northing float64) {
	beta := math.Asin(p.q(rad(lat)) / p.qp)
	sinB, cosB := math.Sincos(beta)
	sinL, cosL := math.Sincos(rad(lon) - p.lon0)
	b := p.rq * math.Sqrt(2/(1+p.sinB0*sinB+p.cosB0*cosB*cosL))
	easting = p.falseE + b*p.d*cosB*sinL
	northing = p.falseN + b/p.d*(p.cosB0*sinB-p.sinB0*cosB*cosL)
	return easting, northing
}

func rad(deg float64) float64 { return deg * math.Pi / 180 }
