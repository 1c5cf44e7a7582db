package checker

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFilter(t *testing.T) {
	report := func() *Report {
		r := &Report{Profile: ProfileInfo{Country: "BE"}, Findings: []Finding{
			{ID: "pnr-legislation", Severity: SeverityHigh, Status: StatusMet},
			{ID: "pnr-piu", Severity: SeverityHigh, Status: StatusGap},
			{ID: "prum-dna", Severity: SeverityHigh, Status: StatusUnknown},
			{ID: "sis-ftf-alerts", Severity: SeverityCritical, Status: StatusGap},
			{ID: "firearms-deactivation", Severity: SeverityMedium, Status: StatusNotYetDue},
		}}
		r.Resummarize()
		return r
	}
	tests := []struct {
		name string
		f    Filter
		ids  []string
		out  Counts
	}{
		{"status", Filter{Statuses: []Status{StatusGap}}, []string{"pnr-piu", "sis-ftf-alerts"}, Counts{Met: 1, Unknown: 1, NotYetDue: 1}},
		{"severity", Filter{Severities: []Severity{SeverityCritical, SeverityMedium}}, []string{"sis-ftf-alerts", "firearms-deactivation"}, Counts{Met: 1, Gap: 1, Unknown: 1}},
		{"glob", Filter{Recommendations: []string{"pnr-*"}}, []string{"pnr-legislation", "pnr-piu"}, Counts{Unknown: 1, Gap: 1, NotYetDue: 1}},
		{"all three", Filter{Statuses: []Status{StatusGap, StatusMet}, Severities: []Severity{SeverityHigh}, Recommendations: []string{"pnr-*", "sis-*"}},
			[]string{"pnr-legislation", "pnr-piu"}, Counts{Unknown: 1, Gap: 1, NotYetDue: 1}},
		{"nothing", Filter{Statuses: []Status{StatusWaived}}, []string{}, Counts{Met: 1, Gap: 2, Unknown: 1, NotYetDue: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := report()
			got := tt.f.Apply([]*Report{in})[0]
			ids := []string{}
			for _, f := range got.Findings {
				ids = append(ids, f.ID)
			}
			if diff := cmp.Diff(tt.ids, ids); diff != "" {
				t.Errorf("shown (-want +got):\n%s", diff)
			}
			if got.FilteredOut == nil || *got.FilteredOut != tt.out {
				t.Errorf("filtered out %+v, want %+v", got.FilteredOut, tt.out)
			}
			if got.Summary != in.Summary || len(in.Findings) != 5 || in.FilteredOut != nil {
				t.Errorf("the summary must count every finding and the input stay as it was")
			}
			if got.FilteredOut.Total()+len(got.Findings) != 5 {
				t.Errorf("%d shown and %d left out of 5", len(got.Findings), got.FilteredOut.Total())
			}
		})
	}
	if r := report(); (Filter{}).Apply([]*Report{r})[0] != r {
		t.Error("the zero filter must return the reports themselves")
	}
}

func TestFilterUnmatched(t *testing.T) {
	recs := []Recommendation{{ID: "pnr-piu"}, {ID: "prum-dna"}}
	got, err := Filter{Recommendations: []string{"prum-*", "pnr-x", "*-dna", "sis-*"}}.Unmatched(recs)
	if err != nil || !cmp.Equal(got, []string{"pnr-x", "sis-*"}) {
		t.Errorf("Unmatched = %q, %v", got, err)
	}
	if _, err := (Filter{Recommendations: []string{"pnr-["}}).Unmatched(recs); err == nil || err.Error() != `recommendation "pnr-[": syntax error in pattern` {
		t.Errorf("a malformed glob: %v", err)
	}
}

func TestParseStatus(t *testing.T) {
	for in, want := range map[string]Status{"gap": StatusGap, "not_yet_due": StatusNotYetDue, "Not-Yet-Due": StatusNotYetDue, " not applicable ": StatusNotApplicable} {
		if got, err := ParseStatus(in); err != nil || got != want {
			t.Errorf("ParseStatus(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseStatus("done"); err == nil || err.Error() != `invalid status "done": want one of met, partial, gap, unknown, not_yet_due, not_applicable, waived, error` {
		t.Errorf("ParseStatus(done): %v", err)
	}
}
