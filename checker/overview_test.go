package checker

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

func report(code, name string, statuses map[string]Status) *Report {
	r := &Report{Profile: ProfileInfo{Country: code, Name: name}}
	for _, id := range []string{"a-one", "b-two", "c-three"} {
		sev := SeverityHigh
		if id == "c-three" {
			sev = SeverityCritical
		}
		r.Findings = append(r.Findings, Finding{ID: id, Title: id, Severity: sev, Status: statuses[id]})
	}
	r.Summary = Summarize(r.Findings)
	return r
}

func TestNewOverview(t *testing.T) {
	reports := []*Report{
		report("XB", "Bravo", map[string]Status{"a-one": StatusMet, "b-two": StatusGap, "c-three": StatusUnknown}),
		report("XA", "Alpha", map[string]Status{"a-one": StatusMet, "b-two": StatusGap, "c-three": StatusPartial}),
		report("XC", "Charlie", map[string]Status{"a-one": StatusMet, "b-two": StatusUnknown, "c-three": StatusNotApplicable}),
	}
	o := NewOverview(reports)
	if want := []string{"XA", "XB", "XC"}; !reflect.DeepEqual(o.Columns, want) {
		t.Errorf("columns %v, want %v", o.Columns, want)
	}
	// Charlie: 1 met of 2 applicable (50%); Alpha and Bravo: 1 of 3 (33%), Alpha
	// with more evidence (3 of 3) than Bravo (2 of 3).
	var ranking []string
	for _, s := range o.States {
		ranking = append(ranking, s.Profile.Name)
	}
	if want := []string{"Charlie", "Alpha", "Bravo"}; !reflect.DeepEqual(ranking, want) {
		t.Errorf("ranking %v, want %v", ranking, want)
	}
	if got := o.Matrix[2]; got.ID != "c-three" || !reflect.DeepEqual(got.Statuses, []Status{StatusPartial, StatusUnknown, StatusNotApplicable}) {
		t.Errorf("matrix row %+v", got)
	}
	// b-two: 2 gaps first; then c-three (1 partial, critical); then a-one.
	var weakest []string
	for _, l := range o.Weakest {
		weakest = append(weakest, l.ID)
	}
	if want := []string{"b-two", "c-three", "a-one"}; !reflect.DeepEqual(weakest, want) {
		t.Errorf("weakest %v, want %v", weakest, want)
	}
	if l := o.Weakest[0]; l.Applicable != 3 || !reflect.DeepEqual(l.Gaps, []string{"XA", "XB"}) || l.Counts.Unknown != 1 {
		t.Errorf("weakest link %+v", l)
	}
	if l := o.Weakest[1]; l.Applicable != 2 || !reflect.DeepEqual(l.Partial, []string{"XA"}) {
		t.Errorf("c-three %+v", l)
	}
}

// TestBrief: a brief keeps each finding's recommendation, title, severity and
// status, in 16 bytes, and the strings briefs share are kept once for all of them:
// the memory of a run that streams its reports (issue #13) depends on both.
func TestBrief(t *testing.T) {
	statuses := map[string]Status{"a-one": StatusMet, "b-two": StatusGap, "c-three": StatusUnknown}
	one, two := report("XA", "Alpha", statuses), report("XA", "Alpha", statuses)
	for _, r := range []*Report{one, two} { // strings of their own, as decoded from a policy's result
		for i := range r.Findings {
			f := &r.Findings[i]
			f.Title = strings.Clone(f.Title + " title")
			f.Status = Status(strings.Clone(string(f.Status)))
		}
		r.Profile.Name = strings.Clone(r.Profile.Name)
	}
	a, b := NewBrief(one), NewBrief(two)
	var got []string
	for _, f := range a.Findings {
		got = append(got, fmt.Sprintf("%s %q %s %s", f.ID(), f.Title(), f.Severity(), f.Status()))
	}
	want := []string{`a-one "a-one title" high met`, `b-two "b-two title" high gap`, `c-three "c-three title" critical unknown`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("brief findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if a.Profile != one.Profile || a.Summary != one.Summary {
		t.Errorf("brief %+v %+v of %+v %+v", a.Profile, a.Summary, one.Profile, one.Summary)
	}
	if size := unsafe.Sizeof(BriefFinding{}); size != 16 {
		t.Errorf("a BriefFinding takes %d bytes, want 16", size)
	}
	for i := range a.Findings {
		if unsafe.StringData(a.Findings[i].Title()) != unsafe.StringData(b.Findings[i].Title()) ||
			unsafe.StringData(string(a.Findings[i].Status())) != unsafe.StringData(string(b.Findings[i].Status())) {
			t.Errorf("finding %d: the briefs keep a title or a status each", i)
		}
	}
	if unsafe.StringData(a.Profile.Name) != unsafe.StringData(b.Profile.Name) {
		t.Error("the briefs keep a name each")
	}
}

// TestBriefOverviewTiesByKey: states that tie on every share and on the name rank
// by key, as the columns do (profiles of units of one state).
func TestBriefOverviewTiesByKey(t *testing.T) {
	statuses := map[string]Status{"a-one": StatusMet, "b-two": StatusGap, "c-three": StatusUnknown}
	var briefs []Brief
	for _, unit := range []string{"Zone C", "Zone A", "Zone B"} {
		r := report("XA", "Alpha", statuses)
		r.Profile.Unit = unit
		briefs = append(briefs, NewBrief(r))
	}
	o := NewBriefOverview(briefs)
	var ranking []string
	for _, s := range o.States {
		ranking = append(ranking, fmt.Sprintf("%d %s", s.Rank, s.Profile.Key()))
	}
	if want := []string{"1 XA/Zone A", "2 XA/Zone B", "3 XA/Zone C"}; !reflect.DeepEqual(ranking, want) {
		t.Errorf("ranking %v, want %v", ranking, want)
	}
	if want := []string{"XA/Zone A", "XA/Zone B", "XA/Zone C"}; !reflect.DeepEqual(o.Columns, want) {
		t.Errorf("columns %v, want %v", o.Columns, want)
	}
}
