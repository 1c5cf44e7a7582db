package geo

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// allStates are the 32 states that gapcheck reports on.
var allStates = strings.Fields("AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK")

// pathSyntax is the path data that the generator writes: rings of an absolute
// moveto, relative linetos and a closepath.
var pathSyntax = regexp.MustCompile(`^(M-?[\d.]+[ -][\d.]+l(-?[\d.]+[ -]?)+z)+$`)

func TestEuropeStates(t *testing.T) {
	m := Europe()
	var codes []string
	for _, s := range m.States {
		codes = append(codes, s.Code)
	}
	if diff := cmp.Diff(allStates, codes); diff != "" {
		t.Errorf("state codes, in order (-want +got):\n%s", diff)
	}
	var small []string
	for _, s := range m.States {
		if s.Name == "" {
			t.Errorf("%s: no name", s.Code)
		}
		if !pathSyntax.MatchString(s.Path) {
			t.Errorf("%s: path %.40q… is not rings of M, l and z", s.Code, s.Path)
		}
		if s.Small {
			small = append(small, s.Code)
		}
	}
	if diff := cmp.Diff([]string{"LI", "LU", "MT"}, small); diff != "" {
		t.Errorf("small states (-want +got):\n%s", diff)
	}
}

func TestEuropeNames(t *testing.T) {
	m := Europe()
	tests := map[string]string{
		"CZ": "Czechia", "GB": "United Kingdom", "LI": "Liechtenstein", "MT": "Malta", "NL": "Netherlands",
	}
	for code, want := range tests {
		s, ok := m.State(code)
		if !ok || s.Name != want {
			t.Errorf("State(%q) = %q, %v; want %q", code, s.Name, ok, want)
		}
	}
	if _, ok := m.State("RU"); ok {
		t.Error("State(\"RU\") found a background country")
	}
}

func TestEuropeViewBox(t *testing.T) {
	m := Europe()
	if m.ViewBox != [4]float64{0, 0, 4150, 4150} {
		t.Fatalf("viewBox %v, want [0 0 4150 4150]", m.ViewBox)
	}
	inBox := func(p [2]float64) bool {
		return p[0] > m.ViewBox[0] && p[0] < m.ViewBox[0]+m.ViewBox[2] &&
			p[1] > m.ViewBox[1] && p[1] < m.ViewBox[1]+m.ViewBox[3]
	}
	for _, s := range append(slices.Clone(m.States), m.Background...) {
		if !inBox(s.Centroid) {
			t.Errorf("%s: centroid %v outside the viewBox", s.Code, s.Centroid)
		}
	}
	// Where a few states are, in map kilometres: west is left, north is up.
	c := func(code string) [2]float64 { s, _ := m.State(code); return s.Centroid }
	if !(c("PT")[0] < c("ES")[0] && c("ES")[0] < c("PL")[0] && c("PL")[0] < c("CY")[0]) {
		t.Errorf("not west to east: PT %v, ES %v, PL %v, CY %v", c("PT"), c("ES"), c("PL"), c("CY"))
	}
	if !(c("NO")[1] < c("DE")[1] && c("DE")[1] < c("IT")[1] && c("IT")[1] < c("MT")[1]) {
		t.Errorf("not north to south: NO %v, DE %v, IT %v, MT %v", c("NO"), c("DE"), c("IT"), c("MT"))
	}
}

func TestEuropeBackground(t *testing.T) {
	m := Europe()
	var codes []string
	for _, s := range m.Background {
		if slices.Contains(allStates, s.Code) {
			t.Errorf("state %s in the background", s.Code)
		}
		if s.Name == "" || s.Small || !pathSyntax.MatchString(s.Path) {
			t.Errorf("background %s: name %q, small %v, path %.40q…", s.Code, s.Name, s.Small, s.Path)
		}
		codes = append(codes, s.Code)
	}
	if !slices.IsSorted(codes) || len(slices.Compact(slices.Clone(codes))) != len(codes) {
		t.Errorf("background codes not sorted and unique: %v", codes)
	}
	for _, want := range strings.Fields("BY MD RS RU TR UA XK") {
		if !slices.Contains(codes, want) {
			t.Errorf("background lacks %s: %v", want, codes)
		}
	}
}

func TestEuropeReturnsACopy(t *testing.T) {
	a := Europe()
	a.States[0].Name = "changed"
	a.ViewBox[2] = 1
	b := Europe()
	if b.States[0].Name == "changed" || b.ViewBox[2] == 1 {
		t.Error("a change to one Map shows in the next")
	}
}

// TestSourceChecksum checks that data/SOURCE.md gives the checksum of the
// committed TopoJSON.
func TestSourceChecksum(t *testing.T) {
	data, err := os.ReadFile("data/countries-50m.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("data/SOURCE.md")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if !strings.Contains(string(doc), hex.EncodeToString(sum[:])) {
		t.Errorf("data/SOURCE.md does not give the sha256 of countries-50m.json, %x", sum)
	}
}
