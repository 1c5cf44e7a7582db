package checker

import (
	"reflect"
	"testing"
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
