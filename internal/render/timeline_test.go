package render

import (
	"bytes"
	"testing"

	"github.com/gapcheck/gapcheck/checker"
)

// fixtureHistory builds a history by hand: at each date, the statuses of the
// fixture catalogue's findings (a map from id to status; missing ids are unknown).
func fixtureHistory(path, country, name, asOf string, dates []string, statuses []map[string]checker.Status) *checker.History {
	h := &checker.History{Profile: checker.ProfileInfo{Path: path, Country: country, Name: name, AsOf: asOf}, Dates: dates, To: asOf}
	src := checker.Source{ID: country + "-1", Title: "A source on " + name + " | with a pipe", URL: "https://example.org/" + country}
	for i, d := range dates {
		r := &checker.Report{Profile: h.Profile, At: d}
		for _, rec := range fixtureCatalogue() {
			s, ok := statuses[i][rec.ID]
			if !ok {
				s = checker.StatusUnknown
			}
			f := checker.Finding{ID: rec.ID, Title: rec.Title, Severity: rec.Severity, Status: s,
				Message:  rec.Title + ": " + string(s) + " <as of " + d + ">",
				Location: checker.Location{File: path, Line: 10 + len(rec.ID), Column: 3}, Sources: []checker.Source{}}
			if s != checker.StatusUnknown {
				f.Evidence = []checker.Evidence{{Path: rec.Reads[0], Present: true, Status: "x", Sources: []string{src.ID}}}
				f.Sources = []checker.Source{src}
			}
			r.Findings = append(r.Findings, f)
		}
		r.Resummarize()
		h.Reports = append(h.Reports, r)
	}
	return h
}

func timelineOne() *TimelineRun {
	return &TimelineRun{Histories: []*checker.History{fixtureHistory("profiles/denmark.yaml", "DK", "Denmark", "2018-06-30",
		[]string{"2015-01-01", "2016-11-18", "2018-05-25"},
		[]map[string]checker.Status{
			{"prum-dna": checker.StatusGap, "pnr-piu": checker.StatusNotYetDue},
			{"prum-dna": checker.StatusMet, "pnr-piu": checker.StatusNotYetDue},
			{"prum-dna": checker.StatusMet, "pnr-piu": checker.StatusNotApplicable},
		})}}
}

func timelineTwo() *TimelineRun {
	run := timelineOne()
	run.Histories = append(run.Histories, fixtureHistory("profiles/greece.yaml", "GR", "Greece", "2018-06-30",
		[]string{"2016-03-01", "2018-05-25"},
		[]map[string]checker.Status{
			{"prum-dna": checker.StatusGap, "pnr-piu": checker.StatusNotYetDue},
			{"prum-dna": checker.StatusMet, "pnr-piu": checker.StatusGap},
		}))
	run.Trend = checker.NewTrend(run.Histories, fixtureCatalogue(), []string{"2015-12-31", "2016-12-31", "2017-12-31", "2018-06-30"})
	run.Policies = checkoutPolicies()
	return run
}

func TestTimelineGolden(t *testing.T) {
	tests := []struct {
		name, format string
		opts         Options
		run          func() *TimelineRun
	}{
		{"timeline-one.table", FormatTable, Options{}, timelineOne},
		{"timeline-two.table", FormatTable, Options{}, timelineTwo},
		{"timeline-two-narrow.table", FormatTable, Options{Width: 40}, timelineTwo},
		{"timeline-two.md", FormatMarkdown, Options{}, timelineTwo},
		{"timeline-two.csv", FormatCSV, Options{}, timelineTwo},
		{"timeline-two-trend.csv", FormatCSV, Options{}, trendOnly},
		{"timeline-two-trend.table", FormatTable, Options{}, trendOnly},
		{"timeline-two-trend.md", FormatMarkdown, Options{}, trendOnly},
		{"timeline-two.json", FormatJSON, Options{}, timelineTwo},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewTimeline(tt.format, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := r.RenderTimeline(&buf, tt.run()); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tt.name, buf.Bytes())
		})
	}
}

func TestTimelineFormats(t *testing.T) {
	if _, err := NewTimeline(FormatSARIF, Options{}); err == nil || err.Error() != `unknown timeline format "sarif": want one of csv, json, markdown, table` {
		t.Errorf("got %v", err)
	}
	r, _ := NewTimeline(FormatCSV, Options{})
	if err := r.RenderTimeline(&bytes.Buffer{}, &TimelineRun{TrendOnly: true}); err == nil {
		t.Error("a trend csv without a trend: no error")
	}
}

func TestCSVText(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+x": "'+x", "-y": "'-y", "@z": "'@z", "plain": "plain", "": ""} {
		if got := csvText(in); got != want {
			t.Errorf("csvText(%q) = %q, want %q", in, got, want)
		}
	}
}

func trendOnly() *TimelineRun {
	r := timelineTwo()
	r.TrendOnly = true
	return r
}
