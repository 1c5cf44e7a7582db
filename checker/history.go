package checker

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/gapcheck/gapcheck/internal/policy"
)

// A History is a profile evaluated at every date on which one of its findings may
// change, from a first date to a last: its change points. Between two change
// points nothing the policies read changes, so the report at the latest change
// point on or before a date is the report at that date.
//
// The change points are the days the profile's entries count from; the days an
// entry stops being evidence (its date plus an age limit of the recommendations,
// plus one); the dates of the law catalogue (an act in force, due, a country's
// position from a date); and the recommendations' deadlines and applies_from.
// This holds for policies that read the date only as input.at, compared with those
// dates, as the embedded policies do.
type History struct {
	Profile ProfileInfo `json:"profile"`
	Dates   []string    `json:"dates"`   // the change points evaluated, sorted; Dates[0] is the first date
	To      string      `json:"to"`      // the last date of the history
	Reports []*Report   `json:"reports"` // Reports[i] is the report at Dates[i]
}

// At returns the report in force at date (the one at the latest change point on
// or before it), or nil outside the history (before its first date, after To).
func (h *History) At(date string) *Report {
	if date > h.To {
		return nil
	}
	i, found := slices.BinarySearch(h.Dates, date)
	if found {
		return h.Reports[i]
	}
	if i == 0 {
		return nil
	}
	return h.Reports[i-1]
}

// A StatusChange is one finding changing status between two change points of a
// history.
type StatusChange struct {
	Date     string   `json:"date"` // the change point it changed on
	ID       string   `json:"id"`   // the recommendation
	Severity Severity `json:"severity"`
	From     Status   `json:"from"`
	To       Status   `json:"to"`
	Message  string   `json:"message"`  // the finding's message from that date
	Location Location `json:"location"` // the fact it rests on
	// Sources are the sources the fact it rests on cites (not those of the
	// memberships that make it apply).
	Sources []Source `json:"sources"`
}

// Changes lists every status change of the history, by date then recommendation.
// The first change point is the baseline: its statuses are not changes.
func (h *History) Changes() []StatusChange {
	var out []StatusChange
	for i := 1; i < len(h.Reports); i++ {
		before := map[string]Status{}
		for _, f := range h.Reports[i-1].Findings {
			before[f.ID] = f.Status
		}
		for _, f := range h.Reports[i].Findings {
			from, ok := before[f.ID]
			if ok && from == f.Status {
				continue
			}
			out = append(out, StatusChange{
				Date: h.Dates[i], ID: f.ID, Severity: f.Severity, From: from, To: f.Status,
				Message: f.Message, Location: f.Location, Sources: f.FactSources(),
			})
		}
	}
	return out
}

// changeDates returns the dates from from to to (both YYYY-MM-DD, inclusive; an
// empty from is the earliest such date, an empty to the profile's as_of) on which
// the findings of a profile may change, but for evidence growing too old: their
// union and, for each recommendation in the order of e.recs, those of its finding
// alone: from, then the dates after it on which what the recommendation reads can
// change. A recommendation reads the facts its METADATA lists (custom.reads, which
// the linter checks), the state's memberships, the catalogue entries of the
// instruments whose positions it lists, and its own settings; one that lists
// nothing may read anything.
func (e *Engine) changeDates(p *Profile, from, to string) ([]string, [][]string) {
	to = cmp.Or(to, p.AsOf)
	candidates := make([][]string, len(e.recs))
	for i, rec := range e.recs {
		var ds []string
		for _, path := range p.Facts() {
			if !reads(rec, path) {
				continue
			}
			for _, en := range p.Timeline(path) {
				if en.Date != "" {
					ds = append(ds, en.Date)
				}
			}
		}
		ds = append(ds, e.catalogueDatesOf(rec)...)
		ds = append(ds, rec.Deadline, rec.AppliesFrom)
		candidates[i] = ds
	}
	if from == "" {
		for _, ds := range candidates {
			for _, d := range ds {
				if d != "" && (from == "" || d < from) {
					from = d
				}
			}
		}
		from = cmp.Or(from, to)
	}
	per := make([][]string, len(e.recs))
	var union []string
	for i, ds := range candidates {
		out := []string{from}
		for _, d := range ds {
			if d > from && d <= to {
				out = append(out, d)
			}
		}
		slices.Sort(out)
		per[i] = slices.Compact(out)
		union = append(union, per[i]...)
	}
	slices.Sort(union)
	return slices.Compact(union), per
}

// reads reports whether a recommendation may read the fact at path: a membership,
// or a fact its METADATA lists (or one below or above a listed path). One that
// lists nothing may read anything.
func reads(rec Recommendation, path string) bool {
	if len(rec.Reads) == 0 {
		return true
	}
	if strings.HasPrefix(path, "participation.") && !strings.HasPrefix(path, "participation.instruments.") {
		return true
	}
	for _, r := range rec.Reads {
		if path == r || strings.HasPrefix(path, r+".") || strings.HasPrefix(r, path+".") {
			return true
		}
	}
	return false
}

// ageLimit is how many days the evidence of a finding stays evidence under its
// recommendation's settings: max_evidence_age_days for any entry, else
// max_observation_age_days for an observation that no since backs; -1 for none.
func (e *Engine) ageLimit(rec Recommendation, ev Evidence) int {
	area, name, _ := strings.Cut(strings.TrimPrefix(rec.Package, policy.RulesRoot+"."), ".")
	s, _ := lookupPath(e.data, "gapcheck.settings.recommendations."+area+"."+name).(map[string]any)
	if n, ok := s["max_evidence_age_days"].(int); ok {
		return n
	}
	if n, ok := s["max_observation_age_days"].(int); ok && ev.Observed != "" && ev.Since == "" {
		return n
	}
	return -1
}

// catalogueDatesOf are the catalogue's dates of the instruments whose positions a
// recommendation reads (participation.instruments.<name>); all of them when it
// lists nothing it reads.
func (e *Engine) catalogueDatesOf(rec Recommendation) []string {
	if len(rec.Reads) == 0 {
		return e.lawDates
	}
	var out []string
	for _, r := range rec.Reads {
		if name, ok := strings.CutPrefix(r, "participation.instruments."); ok {
			out = append(out, catalogueDates(lookupPath(e.data, "gapcheck.instruments."+name))...)
		}
	}
	return out
}

// History evaluates each profile at its change points from from to to (see
// ChangeDates) and returns the histories in the order of profiles. Each
// recommendation is evaluated at the change points of its own finding only; the
// report at a change point holds each finding as of the latest of its own change
// points on or before it (so its evidence age is as of that point).
func (e *Engine) History(ctx context.Context, profiles []*Profile, from, to string) ([]*History, error) {
	e.byRecOnce.Do(func() {
		for _, rec := range e.recs {
			area, name, _ := strings.Cut(strings.TrimPrefix(rec.Package, policy.RulesRoot+"."), ".")
			q, err := e.prepare(ctx, fmt.Sprintf("%s[%q][%q]", Entrypoint, area, name))
			if err != nil {
				e.byRecErr = err
				return
			}
			e.byRec = append(e.byRec, q)
		}
	})
	if e.byRecErr != nil {
		return nil, e.byRecErr
	}
	hs := make([]*History, len(profiles))
	per := make([][][]string, len(profiles))
	// A task is a profile at one of its change points, and the recommendations
	// whose findings may change there.
	type task struct {
		profile, date int
		recs          []int
	}
	var tasks []task
	for i, p := range profiles {
		if from != "" && to != "" && to < from {
			return nil, fmt.Errorf("history of %s: %s is before %s", p.File, to, from)
		}
		var union []string
		union, per[i] = e.changeDates(p, from, to)
		hs[i] = &History{Profile: p.Info(), Dates: union, To: cmp.Or(to, p.AsOf)}
		at := make([][]int, len(union))
		for r, ds := range per[i] {
			for _, d := range ds {
				n, _ := slices.BinarySearch(union, d)
				at[n] = append(at[n], r)
			}
		}
		for d, recs := range at {
			tasks = append(tasks, task{i, d, recs})
		}
	}
	// raws[i][r][n] is recommendation r's raw result for profile i at per[i][r][n].
	raws := make([][][]any, len(profiles))
	for i := range profiles {
		raws[i] = make([][]any, len(e.recs))
		for r := range e.recs {
			raws[i][r] = make([]any, len(per[i][r]))
		}
	}
	err := e.pool(ctx, len(tasks), func(ctx context.Context, k int) error {
		t := tasks[k]
		p, date := profiles[t.profile], hs[t.profile].Dates[t.date]
		set := func(r int, raw any) {
			n, _ := slices.BinarySearch(per[t.profile][r], date)
			raws[t.profile][r][n] = raw
		}
		// Past a third of the recommendations, one evaluation of them all costs
		// less than one of each.
		if 3*len(t.recs) >= len(e.recs) {
			input, err := ast.InterfaceToValue(p.At(date))
			if err != nil {
				return fmt.Errorf("convert %s: %w", p.File, err)
			}
			results, err := e.eval(ctx, e.query, p, date, input)
			if err != nil {
				return err
			}
			all, _ := results.(map[string]any)
			for _, r := range t.recs {
				set(r, result(all, e.recs[r]))
			}
			return nil
		}
		for _, r := range t.recs {
			raw, err := e.evalRec(ctx, p, r, date)
			if err != nil {
				return err
			}
			set(r, raw)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Each finding is built once per change point of its own; the reports between
	// share it.
	findings := make([][][]Finding, len(profiles))
	_ = e.pool(ctx, len(profiles), func(_ context.Context, i int) error {
		findings[i] = make([][]Finding, len(e.recs))
		for r, rec := range e.recs {
			findings[i][r] = make([]Finding, len(per[i][r]))
			for n, date := range per[i][r] {
				findings[i][r][n] = e.buildFinding(profiles[i], rec, raws[i][r][n], date)
			}
		}
		return nil
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := e.ageHistories(ctx, profiles, hs, per, findings); err != nil {
		return nil, err
	}
	for i, h := range hs {
		h.Reports = make([]*Report, len(h.Dates))
		for d, date := range h.Dates {
			rep := &Report{Profile: h.Profile, At: date, Findings: make([]Finding, 0, len(e.recs))}
			for r := range e.recs {
				n, found := slices.BinarySearch(per[i][r], date)
				if !found {
					n--
				}
				rep.Findings = append(rep.Findings, findings[i][r][n])
			}
			sortFindings(rep.Findings)
			rep.Summary = Summarize(rep.Findings)
			h.Reports[d] = rep
		}
	}
	return hs, nil
}

// ageHistories adds the change points on which evidence grows too old: for each
// finding that rests on evidence (met, partial, gap, or one of them not yet due),
// the day after its evidence's age limit, when that comes before the finding's
// next change point. It evaluates the finding there and adds the date to the
// recommendation's dates (per), its finding (findings) and the history's dates. A
// finding there is unknown (or not yet due), so no further such date follows it.
func (e *Engine) ageHistories(ctx context.Context, profiles []*Profile, hs []*History, per [][][]string, findings [][][]Finding) error {
	type job struct {
		profile, rec int
		date         string
	}
	var jobs []job
	for i, h := range hs {
		for r, rec := range e.recs {
			ds := per[i][r]
			for n, f := range findings[i][r] {
				if len(f.Evidence) == 0 || f.EvidenceDate == "" || !judgedStatus(f) {
					continue
				}
				limit := e.ageLimit(rec, f.Evidence[0])
				if limit < 0 {
					continue
				}
				expiry := addDays(f.EvidenceDate, limit+1)
				next := addDays(h.To, 1)
				if n+1 < len(ds) {
					next = ds[n+1]
				}
				if expiry > ds[n] && expiry < next {
					jobs = append(jobs, job{i, r, expiry})
				}
			}
		}
	}
	added := make([]Finding, len(jobs))
	err := e.pool(ctx, len(jobs), func(ctx context.Context, k int) error {
		j := jobs[k]
		p := profiles[j.profile]
		raw, err := e.evalRec(ctx, p, j.rec, j.date)
		if err != nil {
			return err
		}
		added[k] = e.buildFinding(p, e.recs[j.rec], raw, j.date)
		return nil
	})
	if err != nil {
		return err
	}
	for k, j := range jobs {
		ds := per[j.profile][j.rec]
		n, _ := slices.BinarySearch(ds, j.date)
		per[j.profile][j.rec] = slices.Insert(ds, n, j.date)
		findings[j.profile][j.rec] = slices.Insert(findings[j.profile][j.rec], n, added[k])
		h := hs[j.profile]
		if m, found := slices.BinarySearch(h.Dates, j.date); !found {
			h.Dates = slices.Insert(h.Dates, m, j.date)
		}
	}
	return nil
}

// judgedStatus reports whether a finding rests on evidence that can grow too old:
// met, partial or gap, or before its due date a partial or gap made not yet due.
func judgedStatus(f Finding) bool {
	switch f.Status {
	case StatusMet, StatusPartial, StatusGap:
		return true
	case StatusNotYetDue:
		return len(f.Evidence) > 0 && f.Evidence[0].Present && f.Evidence[0].Status != "unknown"
	}
	return false
}

// evalRec evaluates one recommendation (by its index in e.recs) for a profile at a
// date, on an input of only what the recommendation reads, and returns its raw
// result.
func (e *Engine) evalRec(ctx context.Context, p *Profile, r int, date string) (any, error) {
	rec := e.recs[r]
	input, err := ast.InterfaceToValue(p.at(date, func(path string) bool { return reads(rec, path) }))
	if err != nil {
		return nil, fmt.Errorf("convert %s: %w", p.File, err)
	}
	return e.eval(ctx, e.byRec[r], p, date, input)
}

// eval evaluates a prepared query (the entrypoint, or one recommendation's
// finding) on the input of a profile at a date, and returns the value, nil when
// it has none.
func (e *Engine) eval(ctx context.Context, q rego.PreparedEvalQuery, p *Profile, at string, input ast.Value) (any, error) {
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	rs, err := evalBounded(ctx, q, input)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) || topdown.IsCancel(err) {
			return nil, fmt.Errorf("evaluate %s at %s: %w", p.File, at, &TimeoutError{File: p.File, Limit: e.timeout})
		}
		return nil, fmt.Errorf("evaluate %s at %s: %w", p.File, at, evalError(err))
	}
	if len(rs) == 1 && len(rs[0].Expressions) == 1 {
		return rs[0].Expressions[0].Value, nil
	}
	return nil, nil
}

// A Trend is how the states stood at each of a list of dates: per recommendation,
// how many states were in each status; per state, its summary.
type Trend struct {
	Dates           []string              `json:"dates"`
	Recommendations []RecommendationTrend `json:"recommendations"`
	States          []StateTrend          `json:"states"`
}

// A RecommendationTrend is one recommendation across the states at each date of a
// trend: Counts[i] at Dates[i].
type RecommendationTrend struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	Counts   []Counts `json:"counts"`
}

// A StateTrend is one state's summary at each date of a trend: Summaries[i] at
// Dates[i]; a date before its history begins, or after its profile's as_of, has
// no summary (nil).
type StateTrend struct {
	Profile   ProfileInfo `json:"profile"`
	Summaries []*Summary  `json:"summaries"`
}

// NewTrend reads the trend at dates (sorted, YYYY-MM-DD) from histories: no
// evaluation, only lookups of the change point in force at each date.
func NewTrend(histories []*History, recs []Recommendation, dates []string) *Trend {
	t := &Trend{Dates: slices.Clone(dates), Recommendations: []RecommendationTrend{}, States: []StateTrend{}}
	index := map[string]int{}
	for _, r := range recs {
		index[r.ID] = len(t.Recommendations)
		t.Recommendations = append(t.Recommendations, RecommendationTrend{ID: r.ID, Severity: r.Severity, Counts: make([]Counts, len(dates))})
	}
	for _, h := range histories {
		st := StateTrend{Profile: h.Profile, Summaries: make([]*Summary, len(dates))}
		for i, d := range dates {
			r := h.At(d)
			if r == nil || d > h.Profile.AsOf { // after the review date the profile says nothing
				continue
			}
			s := r.Summary
			st.Summaries[i] = &s
			for _, f := range r.Findings {
				if j, ok := index[f.ID]; ok {
					t.Recommendations[j].Counts[i].add(f.Status)
				}
			}
		}
		t.States = append(t.States, st)
	}
	return t
}

// YearEnds returns 31 December of every year from from's year to to's, then to
// itself if it is no year's end: the default dates of a trend.
func YearEnds(from, to string) []string {
	if from == "" || to == "" || to < from {
		return nil
	}
	var out []string
	y0, _ := strconv.Atoi(from[:4])
	y1, _ := strconv.Atoi(to[:4])
	for y := y0; y <= y1; y++ {
		d := fmt.Sprintf("%04d-12-31", y)
		if d >= from && d <= to {
			out = append(out, d)
		}
	}
	if len(out) == 0 || out[len(out)-1] != to {
		out = append(out, to)
	}
	return out
}

// EveryDates returns the dates from from to to stepping by an age ("1y", "6m",
// "30d"): from, from + step, ..., and to if the last step falls short of it.
func EveryDates(from, to, step string) ([]string, error) {
	t0, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return nil, fmt.Errorf("invalid date %q", from)
	}
	t1, err := time.Parse(time.DateOnly, to)
	if err != nil {
		return nil, fmt.Errorf("invalid date %q", to)
	}
	years, months, days, err := parseStep(step)
	if err != nil {
		return nil, err
	}
	var out []string
	for i := 0; ; i++ {
		d := t0.AddDate(years*i, months*i, days*i)
		if d.After(t1) {
			break
		}
		out = append(out, d.Format(time.DateOnly))
		if len(out) > 100000 {
			return nil, fmt.Errorf("step %s from %s to %s gives more than 100000 dates", step, from, to)
		}
	}
	if out[len(out)-1] != to {
		out = append(out, to)
	}
	return out, nil
}

// parseStep parses a step as ParseAge writes ages: 2y, 6m, 30d.
func parseStep(s string) (years, months, days int, err error) {
	n, unit := 0, ""
	if _, err := fmt.Sscanf(s, "%d%s", &n, &unit); err != nil || n <= 0 || fmt.Sprintf("%d%s", n, unit) != s {
		return 0, 0, 0, fmt.Errorf("invalid step %q; want a number of years, months or days such as 1y, 6m, 30d", s)
	}
	switch unit {
	case "y":
		return n, 0, 0, nil
	case "m":
		return 0, n, 0, nil
	case "d":
		return 0, 0, n, nil
	}
	return 0, 0, 0, fmt.Errorf("invalid step %q; want a number of years, months or days such as 1y, 6m, 30d", s)
}

// addDays returns date (YYYY-MM-DD) plus n days.
func addDays(date string, n int) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// lookupPath returns the value at a dotted path of nested maps, or nil.
func lookupPath(doc map[string]any, path string) any {
	var cur any = doc
	for _, k := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[k]
	}
	return cur
}

// catalogueDates are the days the dates of a part of the law catalogue count
// from: every since or date in it (acts in force and due, countries' positions).
func catalogueDates(doc any) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, v := range x {
				if s, ok := v.(string); ok && (k == "since" || k == "date") {
					if w, err := ParseWhen(s); err == nil {
						out = append(out, w.Date())
					}
					continue
				}
				walk(v)
			}
		case []any:
			for _, v := range x {
				walk(v)
			}
		}
	}
	walk(doc)
	slices.Sort(out)
	return slices.Compact(out)
}
