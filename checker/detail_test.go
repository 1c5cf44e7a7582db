package checker

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDetail: a finding in full, on a profile whose fact is a timeline of three
// entries: every entry with its location, the one in force marked, every source
// its entries cite, and the finding's changes up to the date.
func TestDetail(t *testing.T) {
	const src = `country: BE
name: Belgium
as_of: 2020-12-31
sources:
  - id: S1
    title: A source
    url: https://example.org/s1
  - id: S2
    title: Another source
    url: https://example.org/s2
    date: 2019-05-01
participation:
  eu:
    status: member
    since: 1958-01-01
    sources: [S1]
  schengen:
    status: full
    since: 1995-03-26
    sources: [S1]
prum:
  dna:
    - status: not_operational
      observed: 2012-01
      sources: [S1]
      note: Not yet.
    - status: authorised
      since: 2014-06-01
      sources: [S2]
    - status: operational
      observed: 2019-05-01
      sources: [S2, S1]
`
	p, err := newLoader(t).Load("p.yaml", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t)
	d, err := e.Detail(context.Background(), p, "prum-dna", "2015-01-01")
	if err != nil {
		t.Fatal(err)
	}
	if d.At != "2015-01-01" || d.Finding.ID != "prum-dna" || d.Finding.Status != StatusMet || d.Recommendation.ID != "prum-dna" {
		t.Errorf("at %s: %s %s", d.At, d.Finding.ID, d.Finding.Status)
	}
	if len(d.Facts) == 0 || d.Facts[0].Path != "prum.dna" {
		t.Fatalf("facts %+v", d.Facts)
	}
	dna := d.Facts[0]
	var entries []string
	for _, en := range dna.Entries {
		entries = append(entries, en.Status+" "+en.Date+" "+strings.Join(en.Sources, ","))
		if en.Location.Line == 0 {
			t.Errorf("entry %s has no line", en.Date)
		}
	}
	if diff := cmp.Diff([]string{"not_operational 2012-01-31 S1", "authorised 2014-06-01 S2", "operational 2019-05-01 S2,S1"}, entries); diff != "" || dna.InForce != 1 {
		t.Errorf("entries (-want +got):\n%s\nin force %d, want 1", diff, dna.InForce)
	}
	if got := sourceIDs(d.Sources); got != "S1,S2" {
		t.Errorf("sources %s, want S1,S2, in the order the entries first cite them", got)
	}
	var changes []string
	for _, c := range d.Changes {
		changes = append(changes, c.Date+" "+string(c.From)+"->"+string(c.To))
	}
	want := []string{"1958-01-01 ->not_yet_due", "2011-08-26 not_yet_due->unknown", "2012-01-31 unknown->gap", "2014-06-01 gap->met"}
	if diff := cmp.Diff(want, changes); diff != "" {
		t.Errorf("changes to 2015-01-01 (-want +got):\n%s", diff)
	}
	// At the profile's as_of (the default), the last entry is in force.
	if d, err = e.Detail(context.Background(), p, "prum-dna", ""); err != nil || d.At != "2020-12-31" || d.Facts[0].InForce != 2 {
		t.Errorf("at as_of: %v, at %s, in force %d", err, d.At, d.Facts[0].InForce)
	}
	if _, err := e.Detail(context.Background(), p, "prum-xyz", ""); !errors.Is(err, ErrUnknownRecommendation) {
		t.Errorf("unknown id: %v", err)
	}
}
