package checker

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const waiversFile = `# accepted gaps
waivers:
  - recommendation: pnr-legislation
    country: BE
    justification: The PNR bill is before parliament.
    owner: jane.doe@example.org
    expires: 2016-12-31
  - recommendation: "prum-*"
    country: "*"
    justification: Prüm launch decisions are pending.
    owner: prum-team
    expires: "2017-06-30"
`

func loadWaivers(t *testing.T, src string) *Waivers {
	t.Helper()
	w, err := LoadWaivers("waivers.yaml", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestLoadWaivers(t *testing.T) {
	got := loadWaivers(t, waiversFile)
	want := &Waivers{File: "waivers.yaml", Entries: []WaiverEntry{
		{Recommendation: "pnr-legislation", Country: "BE", Justification: "The PNR bill is before parliament.", Owner: "jane.doe@example.org", Expires: "2016-12-31",
			Location: Location{File: "waivers.yaml", Line: 3, Column: 5}},
		{Recommendation: "prum-*", Country: "*", Justification: "Prüm launch decisions are pending.", Owner: "prum-team", Expires: "2017-06-30",
			Location: Location{File: "waivers.yaml", Line: 8, Column: 5}},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("LoadWaivers (-want +got):\n%s", diff)
	}
	if w := loadWaivers(t, "waivers: []\n"); len(w.Entries) != 0 {
		t.Errorf("waivers: [] should waive nothing, got %+v", w.Entries)
	}
}

// TestLoadWaiversErrors pins the exact message for each class of bad waivers file.
func TestLoadWaiversErrors(t *testing.T) {
	// entry returns one waiver with the keys of a valid one, patched.
	entry := func(patch map[string]string, drop ...string) string {
		keys := []string{"recommendation", "country", "justification", "owner", "expires"}
		vals := map[string]string{"recommendation": "pnr-legislation", "country": "BE", "justification": "Bill before parliament.", "owner": "jane", "expires": "2016-12-31"}
		for k, v := range patch {
			if _, ok := vals[k]; !ok {
				keys = append(keys, k)
			}
			vals[k] = v
		}
		var b strings.Builder
		for i, k := range keys {
			if slices.Contains(drop, k) {
				continue
			}
			if i == 0 {
				b.WriteString("  - ")
			} else {
				b.WriteString("    ")
			}
			b.WriteString(k + ": " + vals[k] + "\n")
		}
		return b.String()
	}
	tests := []struct {
		name, src, want string
	}{
		{"empty file", "", `w.yaml: empty waivers file: want a mapping with a "waivers" list`},
		{"only comments", "# none yet\n", `w.yaml: empty waivers file: want a mapping with a "waivers" list`},
		{"not a mapping", "- recommendation: x\n", `w.yaml:1:1: a waivers file is a mapping with a "waivers" list, not a list`},
		{"no waivers key", "{}\n", `w.yaml:1:1: missing required key "waivers"`},
		{"top-level typo", "waiver: []\n", `w.yaml:1:1: waiver: unknown key (did you mean "waivers"?); want waivers`},
		{"not a list", "waivers:\n  recommendation: pnr-legislation\n", `w.yaml:2:3: waivers: want a list of waivers, not a mapping`},
		{"null list", "waivers:\n", `w.yaml:1:9: waivers: empty; want a list of waivers (write waivers: [] for none)`},
		{"item not a mapping", "waivers:\n  - pnr-legislation\n", `w.yaml:2:5: waivers[0]: a waiver is a mapping with country, expires, justification, owner, recommendation, not a single value`},
		{"syntax error", "waivers: [\n", `w.yaml:1: invalid YAML: did not find expected node content`},
		{"two documents", "waivers: []\n---\nwaivers: []\n", `w.yaml:2:1: more than one YAML document; want one waivers file`},
		{"missing justification", "waivers:\n" + entry(nil, "justification"), `w.yaml:2:5: waivers[0]: missing required key "justification"`},
		{"empty justification", "waivers:\n" + entry(map[string]string{"justification": `"  "`}), `w.yaml:4:20: waivers[0].justification: empty text; want the reason the gap is accepted`},
		{"null owner", "waivers:\n" + entry(map[string]string{"owner": ""}), `w.yaml:5:11: waivers[0].owner: empty text; want who answers for the waiver`},
		{"owner not text", "waivers:\n" + entry(map[string]string{"owner": "[jane, joe]"}), `w.yaml:5:12: waivers[0].owner: wrong type: got a list; want text`},
		{"impossible date", "waivers:\n" + entry(map[string]string{"expires": "2016-02-30"}), `w.yaml:6:14: waivers[0].expires: invalid date "2016-02-30"; want a calendar date as YYYY-MM-DD`},
		{"short date", "waivers:\n" + entry(map[string]string{"expires": "2016-2-28"}), `w.yaml:6:14: waivers[0].expires: invalid date "2016-2-28"; want a calendar date as YYYY-MM-DD`},
		{"unknown key with did-you-mean", "waivers:\n" + entry(map[string]string{"ower": "jane"}, "owner"),
			`w.yaml:6:5: waivers[0].ower: unknown key (did you mean "owner"?); want one of country, expires, justification, owner, recommendation`},
		{"duplicate key", "waivers:\n" + entry(map[string]string{"owner": "jane\n    owner: joe"}),
			`w.yaml:6:5: waivers[0].owner: duplicate key; first defined at line 5, column 5`},
		{"bad recommendation", "waivers:\n" + entry(map[string]string{"recommendation": "PNR"}),
			`w.yaml:2:21: waivers[0].recommendation: invalid recommendation id "PNR"; want a recommendation id such as prum-dna, or a glob such as prum-*`},
		{"bad glob", "waivers:\n" + entry(map[string]string{"recommendation": "prum-["}),
			`w.yaml:2:21: waivers[0].recommendation: invalid pattern "prum-["; want a recommendation id such as prum-dna, or a glob such as prum-*`},
		{"EU country code", "waivers:\n" + entry(map[string]string{"country": "UK"}),
			`w.yaml:3:14: waivers[0].country: "UK" is the EU's code, not ISO 3166-1; want "GB"`},
		{"not a country", "waivers:\n" + entry(map[string]string{"country": "XX"}),
			`w.yaml:3:14: waivers[0].country: "XX" is not an ISO 3166-1 alpha-2 country code; want an ISO 3166-1 alpha-2 code such as BE, or a glob such as "*"`},
		{"same waiver twice", "waivers:\n" + entry(nil) + entry(map[string]string{"owner": "joe"}),
			`w.yaml:7:5: waivers[1]: waives pnr-legislation in BE again; first at waivers[0], line 2; want one waiver per recommendation and country`},
		{"alias", "waivers:\n  - &w\n    " + strings.TrimPrefix(entry(nil), "  - ") + "  - *w\n",
			"w.yaml:2:5: waivers[0]: anchor &w: anchors and aliases are not allowed in a waivers file; write each waiver out\n" +
				"w.yaml:8:5: waivers[1]: alias *w: anchors and aliases are not allowed in a waivers file; write each waiver out"},
		{"every problem, in file order", "waivers:\n" + entry(map[string]string{"expires": "tomorrow", "justification": `""`}) + "  - recommendation: sis-connected\n",
			"w.yaml:4:20: waivers[0].justification: empty text; want the reason the gap is accepted\n" +
				"w.yaml:6:14: waivers[0].expires: invalid date \"tomorrow\"; want a calendar date as YYYY-MM-DD\n" +
				"w.yaml:7:5: waivers[1]: missing required key \"country\"\n" +
				"w.yaml:7:5: waivers[1]: missing required key \"expires\"\n" +
				"w.yaml:7:5: waivers[1]: missing required key \"justification\"\n" +
				"w.yaml:7:5: waivers[1]: missing required key \"owner\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := LoadWaivers("w.yaml", strings.NewReader(tt.src))
			if err == nil {
				t.Fatalf("no error; loaded %+v from\n%s", w, tt.src)
			}
			if err.Error() != tt.want {
				t.Errorf("source:\n%s\n got: %s\nwant: %s", tt.src, err, tt.want)
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.File != "w.yaml" {
				t.Errorf("want a *ValidationError for w.yaml, got %T", err)
			}
		})
	}
}

// waiverReports returns two reports by hand: Belgium with a gap, a partial, a met
// and an unknown finding, France with a gap.
func waiverReports() []*Report {
	f := func(id string, s Status) Finding {
		return Finding{ID: id, Status: s, Message: id + " says " + string(s)}
	}
	be := &Report{Profile: ProfileInfo{Path: "be.yaml", Country: "BE"}, Findings: []Finding{
		f("pnr-legislation", StatusGap), f("prum-dna", StatusPartial), f("prum-fingerprints", StatusMet), f("sltd-feed", StatusUnknown),
	}}
	fr := &Report{Profile: ProfileInfo{Path: "fr.yaml", Country: "FR"}, Findings: []Finding{f("prum-dna", StatusGap)}}
	for _, r := range []*Report{be, fr} {
		r.Resummarize()
	}
	return []*Report{be, fr}
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestApplyWaivers(t *testing.T) {
	w := loadWaivers(t, `waivers:
  - recommendation: pnr-legislation
    country: BE
    justification: Bill before parliament.
    owner: jane
    expires: 2016-12-31
  - recommendation: prum-*
    country: "F?"
    justification: Launch decision pending.
    owner: prum-team
    expires: 2016-01-01
  - recommendation: prum-dna
    country: BE
    justification: Exchanging with half the states.
    owner: joe
    expires: 2016-06-30
  - recommendation: sltd-feed
    country: BE
    justification: Unknown findings are not waivable.
    owner: joe
    expires: 2016-12-31
  - recommendation: "*"
    country: DK
    justification: Nothing to waive.
    owner: ann
    expires: 2015-01-01
`)
	reports := waiverReports()
	got := w.Apply(reports, day("2016-03-01"))

	loc := func(line int) Location { return Location{File: "waivers.yaml", Line: line, Column: 5} }
	entry := func(i int) WaiverEntry { return w.Entries[i] }
	want := &WaiverReport{
		File: "waivers.yaml",
		Applied: []WaiverMatch{
			{Waiver: entry(0), Profile: "be.yaml", Country: "BE", Recommendation: "pnr-legislation"},
			{Waiver: entry(2), Profile: "be.yaml", Country: "BE", Recommendation: "prum-dna"},
		},
		Expired: []WaiverMatch{{Waiver: entry(1), Profile: "fr.yaml", Country: "FR", Recommendation: "prum-dna"}},
		// The waiver of DK matches nothing, but DK is not in the run: it says
		// nothing about it.
		Orphaned: []WaiverEntry{entry(3)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("WaiverReport (-want +got):\n%s", diff)
	}
	if got.Orphaned[0].Location != loc(17) || got.Expired[0].Waiver.Location != loc(7) {
		t.Errorf("positions: orphaned at %v, expired at %v", got.Orphaned[0].Location, got.Expired[0].Waiver.Location)
	}

	be, fr := reports[0], reports[1]
	pnr := be.Findings[0]
	if pnr.Status != StatusWaived || pnr.Message != "pnr-legislation says gap; waived: Bill before parliament." ||
		pnr.Waiver == nil || *pnr.Waiver != (Waiver{Justification: "Bill before parliament.", Owner: "jane", Expires: "2016-12-31"}) {
		t.Errorf("pnr-legislation: %+v", pnr)
	}
	if dna := be.Findings[1]; dna.Status != StatusWaived || dna.Waiver.Owner != "joe" {
		t.Errorf("a partial finding should be waivable: %+v", dna)
	}
	if fp, sltd := be.Findings[2], be.Findings[3]; fp.Status != StatusMet || fp.Waiver != nil || sltd.Status != StatusUnknown || sltd.Message != "sltd-feed says unknown" {
		t.Errorf("met and unknown findings must be untouched: %+v, %+v", fp, sltd)
	}
	if be.Summary.Counts != (Counts{Met: 1, Unknown: 1, Waived: 2}) {
		t.Errorf("Belgium not resummarized: %+v", be.Summary.Counts)
	}
	if dna := fr.Findings[0]; dna.Status != StatusGap || dna.Waiver != nil || dna.Message != "prum-dna says gap (waiver by prum-team expired 2016-01-01)" {
		t.Errorf("an expired waiver must not apply, and say so: %+v", dna)
	}
	if fr.Summary.Counts != (Counts{Gap: 1}) {
		t.Errorf("France: %+v", fr.Summary.Counts)
	}
}

// TestWaiverExpiry pins the boundary: a waiver applies through its expiry date.
func TestWaiverExpiry(t *testing.T) {
	w := loadWaivers(t, "waivers:\n  - {recommendation: pnr-legislation, country: BE, justification: x, owner: jane, expires: 2016-12-31}\n")
	for _, tt := range []struct {
		today  time.Time
		status Status
	}{
		{day("2016-12-30"), StatusWaived},
		{day("2016-12-31"), StatusWaived},
		{time.Date(2016, 12, 31, 23, 59, 59, 0, time.FixedZone("CET", 3600)), StatusWaived},
		{day("2017-01-01"), StatusGap},
	} {
		reports := waiverReports()
		w.Apply(reports, tt.today)
		if got := reports[0].Findings[0].Status; got != tt.status {
			t.Errorf("on %s: %s, want %s", tt.today, got, tt.status)
		}
	}
}

// TestWaiverPrecedence: the first unexpired waiver in file order applies, even after
// an expired one; an expired waiver shadowed by a live one is neither expired nor
// orphaned.
func TestWaiverPrecedence(t *testing.T) {
	w := loadWaivers(t, `waivers:
  - {recommendation: "pnr-*", country: BE, justification: old, owner: jane, expires: 2015-12-31}
  - {recommendation: pnr-legislation, country: "*", justification: new, owner: joe, expires: 2016-12-31}
  - {recommendation: "*", country: BE, justification: catch-all, owner: ann, expires: 2016-12-31}
`)
	reports := waiverReports()
	got := w.Apply(reports, day("2016-03-01"))
	if f := reports[0].Findings[0]; f.Waiver == nil || f.Waiver.Justification != "new" {
		t.Errorf("pnr-legislation: %+v", f)
	}
	if f := reports[0].Findings[1]; f.Waiver == nil || f.Waiver.Justification != "catch-all" {
		t.Errorf("prum-dna: %+v", f)
	}
	if len(got.Applied) != 2 || len(got.Expired) != 0 || len(got.Orphaned) != 0 {
		t.Errorf("report: %+v", got)
	}
}

func TestWaiverMatches(t *testing.T) {
	tests := []struct {
		rec, country, id, code string
		want                   bool
	}{
		{"prum-dna", "BE", "prum-dna", "BE", true},
		{"prum-dna", "BE", "prum-dna", "FR", false},
		{"prum-*", "*", "prum-fingerprints", "FR", true},
		{"prum-*", "*", "pnr-legislation", "FR", false},
		{"*-connected", "[BF]?", "sis-connected", "FR", true},
		{"*-connected", "[BF]?", "sis-connected", "DE", false},
		{"pnr-???", "BE", "pnr-piu", "BE", true},
	}
	for _, tt := range tests {
		w := WaiverEntry{Recommendation: tt.rec, Country: tt.country}
		if got := w.Matches(tt.id, tt.code); got != tt.want {
			t.Errorf("%s/%s matches %s/%s = %v, want %v", tt.rec, tt.country, tt.id, tt.code, got, tt.want)
		}
	}
}
