package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gapcheck/gapcheck/checker"
)

// The trend of the html format: step charts drawn in Go as inline SVG, one per
// recommendation (how many states met it, and how many it applied to, over the
// dates of the data) and one per state (its share met, and its share resting on
// evidence). Each step is a change point of a profile's history, so the charts
// show every change, not samples of them.

// chartWidth and chartHeight are the size of a chart's plot in SVG units.
const chartWidth, chartHeight = 240.0, 60.0

type htmlTrend struct {
	From, To string
	Recs     []htmlChart
	States   []htmlChart
}

// htmlChart is one step chart: the main series (Line) and a lighter one
// (Context) for what the first is counted against.
type htmlChart struct {
	ID, Title, Label, Now string
	Max                   string // the top of the scale, as labelled
	Line, Context         string // SVG path data
}

func newHTMLTrend(run *Run) *htmlTrend {
	hs := run.Histories
	from, to := checker.Span(hs)
	t := &htmlTrend{From: from, To: to}
	// The dates of the data: every change point of every history in the span.
	dates := []string{from}
	for _, h := range hs {
		for _, d := range h.Dates {
			if d > from && d <= to {
				dates = append(dates, d)
			}
		}
	}
	slices.Sort(dates)
	dates = slices.Compact(dates)
	x := xScale(from, to)

	var recs []checker.Recommendation
	for _, r := range run.Recommendations {
		if run.Filter == nil || run.Filter.SelectsRecommendation(r.ID, r.Severity) {
			recs = append(recs, r)
		}
	}
	tr := checker.NewTrend(hs, recs, dates)
	n := float64(max(len(hs), 1))
	for i, rt := range tr.Recommendations {
		met := make([]*float64, len(dates))
		appl := make([]*float64, len(dates))
		for j, c := range rt.Counts {
			m, a := float64(c.Met)/n, float64(applicable(c))/n
			met[j], appl[j] = &m, &a
		}
		last := rt.Counts[len(rt.Counts)-1]
		first := rt.Counts[0]
		c := htmlChart{ID: rt.ID, Title: recs[i].Title, Max: strconv.Itoa(len(hs)) + " states",
			Line: stepPath(dates, met, x, to), Context: stepPath(dates, appl, x, to),
			Now: fmt.Sprintf("%d of %d at %s", last.Met, applicable(last), to)}
		c.Label = fmt.Sprintf("%s: states that met it, from %d of %d at %s to %d of %d at %s", rt.ID,
			first.Met, applicable(first), from, last.Met, applicable(last), to)
		t.Recs = append(t.Recs, c)
	}
	for _, h := range hs {
		var ds []string
		var met, ev []*float64
		for _, d := range dates {
			r := h.At(d)
			if r == nil || d > h.Profile.AsOf {
				continue
			}
			m, e := r.Summary.MetShare, r.Summary.EvidenceShare
			ds, met, ev = append(ds, d), append(met, &m), append(ev, &e)
		}
		p := h.Profile
		c := htmlChart{ID: p.Key(), Title: fmt.Sprintf("%s (%s)", p.Name, p.Key()), Max: "100%"}
		if len(ds) > 0 {
			last := min(h.To, to)
			end := h.At(ds[len(ds)-1]).Summary
			c.Line, c.Context = stepPath(ds, met, x, last), stepPath(ds, ev, x, last)
			c.Now = fmt.Sprintf("%s met, evidence %s at %s", percent(end.MetShare), percent(end.EvidenceShare), last)
			c.Label = fmt.Sprintf("%s: share met from %s at %s to %s at %s", c.Title, percent(*met[0]), ds[0], percent(end.MetShare), last)
		} else {
			c.Now, c.Label = "no data in the span", c.Title+": no data in the span"
		}
		t.States = append(t.States, c)
	}
	return t
}

// xScale maps a date to the x of a chart from from to to.
func xScale(from, to string) func(string) float64 {
	day := func(d string) float64 {
		t, err := time.Parse(time.DateOnly, d)
		if err != nil {
			return 0
		}
		return float64(t.Unix()) / 86400
	}
	lo, hi := day(from), day(to)
	span := max(hi-lo, 1)
	return func(d string) float64 { return (day(d) - lo) / span * chartWidth }
}

// stepPath is the SVG path of a step series: values (0 to 1, nil for none) at
// dates, each held until the next date, the last until end.
func stepPath(dates []string, values []*float64, x func(string) float64, end string) string {
	var b strings.Builder
	y := func(v float64) string { return coord(chartHeight - v*chartHeight) }
	open := false
	for i, v := range values {
		if v == nil {
			open = false
			continue
		}
		if !open {
			fmt.Fprintf(&b, "M%s %s", coord(x(dates[i])), y(*v))
			open = true
		} else {
			fmt.Fprintf(&b, "H%sV%s", coord(x(dates[i])), y(*v))
		}
		if i == len(values)-1 || values[i+1] == nil {
			next := end
			if i+1 < len(dates) {
				next = dates[i+1]
			}
			fmt.Fprintf(&b, "H%s", coord(x(next)))
		}
	}
	return b.String()
}

// coord writes a coordinate with one decimal at most.
func coord(v float64) string {
	return strconv.FormatFloat(float64(int(v*10+0.5))/10, 'f', -1, 64)
}
