package checker

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStatusRank(t *testing.T) {
	order := [][]Status{
		{StatusMet, StatusNotApplicable, StatusWaived},
		{StatusUnknown},
		{StatusPartial},
		{StatusGap},
		{StatusError},
	}
	for rank, group := range order {
		for _, s := range group {
			if s.Rank() != rank {
				t.Errorf("%s.Rank() = %d, want %d", s, s.Rank(), rank)
			}
		}
	}
}

// diffReport builds a report by hand: findings as id -> status, all of severity high.
func diffReport(path, country, name string, findings ...string) *Report {
	r := &Report{Profile: ProfileInfo{Path: path, Country: country, Name: name}}
	for i := 0; i+1 < len(findings); i += 2 {
		r.Findings = append(r.Findings, Finding{
			ID: findings[i], Title: "Title of " + findings[i], Severity: SeverityHigh, Status: Status(findings[i+1]),
			Message: findings[i] + ": " + findings[i+1], Location: Location{File: path, Line: 10 + i, Column: 3},
		})
	}
	r.Resummarize()
	return r
}

func TestCompare(t *testing.T) {
	base := []*Report{
		diffReport("main:fr.yaml", "FR", "France", "a", "met", "b", "gap", "c", "met", "d", "partial", "e", "gap", "f", "unknown", "g", "gap", "old", "met"),
		diffReport("main:be.yaml", "BE", "Belgium", "a", "met"),
		diffReport("main:de.yaml", "DE", "Germany", "a", "gap", "b", "met"),
		diffReport("main:at.yaml", "AT", "Austria", "a", "met"),
	}
	head := []*Report{
		diffReport("be.yaml", "BE", "Belgium", "a", "met"),
		diffReport("fr.yaml", "FR", "France", "a", "gap", "b", "met", "c", "unknown", "d", "gap", "e", "waived", "f", "partial", "g", "unknown", "new", "gap"),
		diffReport("oesterreich.yaml", "AT", "Austria", "a", "met"),
		diffReport("lu.yaml", "LU", "Luxembourg", "a", "gap"),
	}
	for _, r := range base { // the CLI names base profiles as the working tree would
		r.Profile.Path = r.Profile.Path[len("main:"):]
	}
	got := Compare(base, head)

	loc := func(line int) *Location { return &Location{File: "fr.yaml", Line: line, Column: 3} }
	fr := func(kind ChangeKind, id string, from, to Status, worse bool, line int) Change {
		c := Change{Kind: kind, Country: "FR", State: "France", Profile: "fr.yaml", Recommendation: id, Title: "Title of " + id,
			Severity: SeverityHigh, Base: from, Head: to, Worse: worse, Location: loc(line)}
		c.Message = id + ": " + string(to)
		if to == "" { // a removed finding keeps its base message and location
			c.Message = id + ": " + string(from)
			c.Location.File = "main:fr.yaml"
		}
		return c
	}
	lost := func(c Change) Change { c.LostEvidence = true; return c }
	want := []Change{
		{Kind: ChangeProfileRenamed, Country: "AT", State: "Austria", Profile: "oesterreich.yaml", BaseProfile: "at.yaml"},
		fr(ChangeGapOpened, "a", StatusMet, StatusGap, true, 10),
		fr(ChangeGapOpened, "f", StatusUnknown, StatusPartial, true, 20),
		lost(fr(ChangeStatusChanged, "c", StatusMet, StatusUnknown, true, 14)),
		fr(ChangeStatusChanged, "d", StatusPartial, StatusGap, true, 16),
		fr(ChangeStatusChanged, "e", StatusGap, StatusWaived, false, 18),
		lost(fr(ChangeStatusChanged, "g", StatusGap, StatusUnknown, true, 22)),
		fr(ChangeGapClosed, "b", StatusGap, StatusMet, false, 12),
		fr(ChangeRecommendationAdded, "new", "", StatusGap, false, 24),
		lost(fr(ChangeRecommendationRemoved, "old", StatusMet, "", false, 24)),
		// A removed profile loses the evidence of its judged findings, at the
		// highest of their severities.
		{Kind: ChangeProfileRemoved, Country: "DE", State: "Germany", Profile: "de.yaml", Counts: &Counts{Met: 1, Gap: 1},
			Severity: SeverityHigh, LostEvidence: true},
		{Kind: ChangeProfileAdded, Country: "LU", State: "Luxembourg", Profile: "lu.yaml", Counts: &Counts{Gap: 1}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compare (-want +got):\n%s", diff)
	}

	wantSummary := DiffSummary{States: 4, GapsOpened: 2, GapsClosed: 1, StatusChanges: 4, Worse: 5, LostEvidence: 4,
		RecommendationsAdded: 1, RecommendationsRemoved: 1, ProfilesAdded: 1, ProfilesRemoved: 1, ProfilesRenamed: 1}
	if s := SummarizeChanges(got); s != wantSummary {
		t.Errorf("SummarizeChanges = %+v, want %+v", s, wantSummary)
	}
}

func TestCompareSame(t *testing.T) {
	r := diffReport("be.yaml", "BE", "Belgium", "a", "gap", "b", "met")
	same := diffReport("be.yaml", "BE", "Belgium", "a", "gap", "b", "met")
	same.Findings[0].Message = "a new message, the same status"
	if got := Compare([]*Report{r}, []*Report{same}); len(got) != 0 {
		t.Errorf("no status changed, got %+v", got)
	}
	if got := Compare(nil, nil); got == nil || len(got) != 0 {
		t.Errorf("Compare(nil, nil) = %#v, want an empty list", got)
	}
}
