package checker

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// statusesOf is a report's findings as "id status: message".
func statusesOf(r *Report) []string {
	out := make([]string, len(r.Findings))
	for i, f := range r.Findings {
		out[i] = fmt.Sprintf("%s %s: %s", f.ID, f.Status, f.Message)
	}
	return out
}

// TestHistoryMatchesEvaluation: the history of every shipped profile, which
// evaluates each recommendation alone on what it reads and only on its own change
// points, gives at each of its dates the report a whole evaluation at that date
// gives, and between its dates nothing changes (checked the day before every
// change point, and every 61 days from 2004, when the first instrument came due).
func TestHistoryMatchesEvaluation(t *testing.T) {
	e := newEngine(t)
	ctx := context.Background()
	profiles := shippedProfiles(t)
	hs, err := e.History(ctx, profiles, "", "")
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range hs {
		p := profiles[i]
		t.Run(p.Country, func(t *testing.T) {
			t.Parallel()
			var dates []string
			for d, date := range h.Dates {
				dates = append(dates, date)
				if d > 0 {
					dates = append(dates, addDays(date, -1))
				}
			}
			every, err := EveryDates(max(h.Dates[0], "2004-01-01"), h.To, "61d")
			if err != nil {
				t.Fatal(err)
			}
			dates = append(dates, every...)
			slices.Sort(dates)
			dates = slices.Compact(dates)
			for _, d := range dates {
				want, err := e.EvaluateAt(ctx, p, d)
				if err != nil {
					t.Fatal(err)
				}
				got := h.At(d)
				if got == nil {
					t.Fatalf("%s: no report at %s (history %s to %s)", p.File, d, h.Dates[0], h.To)
				}
				if diff := cmp.Diff(statusesOf(want), statusesOf(got)); diff != "" {
					t.Fatalf("%s at %s: the history differs from a whole evaluation (-evaluation +history):\n%s", p.File, d, diff)
				}
			}
		})
	}
}

// TestDenmarkTimeline pins changes of Denmark's timeline, each from a dated fact
// of its profile.
func TestDenmarkTimeline(t *testing.T) {
	e := newEngine(t)
	p, err := newLoader(t).LoadFile(os.DirFS("../profiles"), "denmark.yaml")
	if err != nil {
		t.Fatal(err)
	}
	hs, err := e.History(context.Background(), []*Profile{p}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range hs[0].Changes() {
		got = append(got, fmt.Sprintf("%s %s %s->%s", c.Date, c.ID, c.From, c.To))
	}
	for _, want := range []string{
		"2016-11-18 prum-dna gap->met",                             // Council Implementing Decision (EU) 2016/2047
		"2017-05-01 europol-fp-travellers unknown->not_applicable", // Denmark left Europol on 1 May 2017
		"2012-04-30 ecris-connected unknown->met",                  // ECRIS go-live, April 2012
	} {
		if !slices.Contains(got, want) {
			t.Errorf("no change %q in:\n%s", want, strings.Join(got, "\n"))
		}
	}
	if hs[0].Dates[0] != "1973-01-01" || hs[0].To != p.AsOf {
		t.Errorf("history from %s to %s", hs[0].Dates[0], hs[0].To)
	}
}

func TestHistoryRange(t *testing.T) {
	e := newEngine(t)
	p := loadBelgium(t)
	hs, err := e.History(context.Background(), []*Profile{p}, "2015-01-01", "2015-12-31")
	if err != nil {
		t.Fatal(err)
	}
	h := hs[0]
	if h.Dates[0] != "2015-01-01" || h.To != "2015-12-31" || h.Dates[len(h.Dates)-1] > "2015-12-31" {
		t.Errorf("dates %v, to %s", h.Dates, h.To)
	}
	if h.At("2014-12-31") != nil || h.At("2016-01-01") != nil || h.At("2015-06-01") == nil {
		t.Error("At outside the history must be nil, inside a report")
	}
	if _, err := e.History(context.Background(), []*Profile{p}, "2016-01-01", "2015-01-01"); err == nil {
		t.Error("to before from: no error")
	}
}

func TestTrendDates(t *testing.T) {
	tests := []struct {
		from, to string
		want     []string
	}{
		{"2014-06-01", "2016-03-01", []string{"2014-12-31", "2015-12-31", "2016-03-01"}},
		{"2014-12-31", "2015-12-31", []string{"2014-12-31", "2015-12-31"}},
		{"2016-01-01", "2016-03-01", []string{"2016-03-01"}},
		{"2016-03-01", "2016-01-01", nil},
	}
	for _, tt := range tests {
		if got := YearEnds(tt.from, tt.to); !slices.Equal(got, tt.want) {
			t.Errorf("YearEnds(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
	got, err := EveryDates("2016-01-31", "2016-05-15", "1m")
	if want := []string{"2016-01-31", "2016-03-02", "2016-03-31", "2016-05-01", "2016-05-15"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("EveryDates 1m = %v, %v; want %v", got, err, want)
	}
	for _, bad := range []string{"1w", "0y", "y", "-1d", "1.5y"} {
		if _, err := EveryDates("2016-01-01", "2017-01-01", bad); err == nil {
			t.Errorf("EveryDates step %q: no error", bad)
		}
	}
}

// TestTrend counts by hand: two histories, one recommendation.
func TestTrend(t *testing.T) {
	rec := Recommendation{ID: "x-y", Severity: SeverityHigh}
	report := func(s Status) *Report {
		r := &Report{Findings: []Finding{{ID: "x-y", Status: s}}}
		r.Resummarize()
		return r
	}
	a := &History{Profile: ProfileInfo{Country: "AA", AsOf: "2020-12-31"}, Dates: []string{"2015-01-01", "2017-06-01"}, To: "2020-12-31",
		Reports: []*Report{report(StatusGap), report(StatusMet)}}
	b := &History{Profile: ProfileInfo{Country: "BB", AsOf: "2016-12-31"}, Dates: []string{"2016-06-01"}, To: "2016-12-31",
		Reports: []*Report{report(StatusUnknown)}}
	tr := NewTrend([]*History{a, b}, []Recommendation{rec}, []string{"2015-12-31", "2016-12-31", "2017-12-31"})
	c := tr.Recommendations[0].Counts
	if c[0] != (Counts{Gap: 1}) || c[1] != (Counts{Gap: 1, Unknown: 1}) || c[2] != (Counts{Met: 1}) {
		t.Errorf("counts %+v", c)
	}
	if s := tr.States[1].Summaries; s[0] != nil || s[1] == nil || s[2] != nil {
		t.Errorf("BB has a summary only within its history and as_of: %v", s)
	}
}

// TestObservationConfirmsSince: an observation of the status an earlier since
// entry started comes with that since, so that it does not age as an observation.
func TestObservationConfirmsSince(t *testing.T) {
	src := minimal + "ecris:\n  connection:\n    - status: connected\n      since: 2012-04\n      sources: [S1]\n    - status: connected\n      observed: 2014-01\n      sources: [S1]\n"
	src = strings.Replace(src, "as_of: 2016-03-01", "as_of: 2025-06-30", 1)
	p, err := newLoader(t).Load("p.yaml", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	e, ok := p.EntryAt("ecris.connection", "2025-01-01")
	if !ok || e.Since != "2012-04" || e.Observed != "2014-01" {
		t.Errorf("entry %+v", e)
	}
	e, _ = p.EntryAt("ecris.connection", "2013-01-01")
	if e.Since != "2012-04" || e.Observed != "" {
		t.Errorf("entry %+v", e)
	}
}
