package checker

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// TestISO3166List (item 14): the list holds the 249 officially assigned codes,
// each a country to golang.org/x/text too (a typo in the list would not be), and
// none of the reserved or user-assigned codes x/text also accepts.
func TestISO3166List(t *testing.T) {
	codes := strings.Fields(iso3166)
	if len(codes) != 249 || len(countries) != 249 {
		t.Fatalf("%d codes (%d distinct), want 249", len(codes), len(countries))
	}
	for i, c := range codes {
		if r, err := language.ParseRegion(c); err != nil || !r.IsCountry() || r.String() != c {
			t.Errorf("%s is not a country to x/text", c)
		}
		if i > 0 && codes[i-1] >= c {
			t.Errorf("%s after %s: the list is not sorted", c, codes[i-1])
		}
	}
	for _, c := range []string{"UN", "EU", "EZ", "XK", "AC", "CP", "CQ", "DG", "EA", "IC", "TA", "AN", "CS", "QO", "ZZ", "UK", "EL", "be", "B"} {
		if IsCountry(c) {
			t.Errorf("%s is a country", c)
		}
	}
	// How many x/text accepts that ISO does not assign: the reason for the list.
	extra := 0
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			c := string([]rune{a, b})
			if r, err := language.ParseRegion(c); err == nil && r.IsCountry() && r.String() == c && !IsCountry(c) {
				extra++
			}
		}
	}
	if extra == 0 {
		t.Log("x/text now accepts only assigned codes")
	}
}

// TestCompareWaivers (item 3): waivers are paired by recommendation and country;
// added and changed in the head's order, removed in the base's.
func TestCompareWaivers(t *testing.T) {
	base := &Waivers{File: "w.yaml", Entries: []WaiverEntry{
		{Recommendation: "a", Country: "BE", Justification: "j", Owner: "o", Expires: "2999-01-01"},
		{Recommendation: "b", Country: "BE", Justification: "j", Owner: "o", Expires: "2999-01-01"},
		{Recommendation: "c", Country: "BE", Justification: "j", Owner: "o", Expires: "2999-01-01"},
	}}
	head := &Waivers{File: "w.yaml", Entries: []WaiverEntry{
		{Recommendation: "d", Country: "BE", Justification: "new", Owner: "o", Expires: "2999-01-01"},
		{Recommendation: "b", Country: "BE", Justification: "j", Owner: "o", Expires: "3000-01-01"},
		{Recommendation: "a", Country: "BE", Justification: "j", Owner: "o", Expires: "2999-01-01"},
	}}
	var got []string
	for _, c := range CompareWaivers(base, head) {
		got = append(got, string(c.Kind)+" "+c.Waiver.Recommendation)
	}
	if strings.Join(got, ", ") != "added d, changed b, removed c" {
		t.Errorf("got %v", got)
	}
	if n := len(CompareWaivers(nil, head)); n != 3 {
		t.Errorf("no base file: %d changes, want 3 added", n)
	}
	if n := len(CompareWaivers(head, head)); n != 0 {
		t.Errorf("the same file: %d changes", n)
	}
}

// TestCheckRecommendations (item 22): a waiver of an id, or a glob, that matches
// no recommendation is an error, positioned, with a suggestion.
func TestCheckRecommendations(t *testing.T) {
	w := &Waivers{File: "w.yaml", Entries: []WaiverEntry{
		{Recommendation: "prum-dna", Location: Location{File: "w.yaml", Line: 2, Column: 5}},
		{Recommendation: "prum-dnaa", Location: Location{File: "w.yaml", Line: 7, Column: 5}},
		{Recommendation: "zz-*", Location: Location{File: "w.yaml", Line: 12, Column: 5}},
		{Recommendation: "prum-*", Location: Location{File: "w.yaml", Line: 17, Column: 5}},
	}}
	err := w.CheckRecommendations([]string{"prum-dna", "pnr-piu"})
	want := `w.yaml:7:5: waivers[1].recommendation: no recommendation "prum-dnaa" (did you mean "prum-dna"?); want the id of a recommendation (gapcheck policies lists them)
w.yaml:12:5: waivers[2].recommendation: the pattern "zz-*" matches no recommendation; want the id of a recommendation (gapcheck policies lists them)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
