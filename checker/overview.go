package checker

import (
	"cmp"
	"slices"
	"unique"
)

// An Overview is the EU-wide picture over many reports: the matrix of states by
// recommendations, where the chain is weakest, and a ranking of states.
type Overview struct {
	States   []StateSummary `json:"states"`   // ranked, best first (see NewOverview)
	Columns  []string       `json:"columns"`  // country codes of the matrix columns, sorted
	Profiles []ProfileInfo  `json:"profiles"` // the profiles, in column order
	Matrix   []MatrixRow    `json:"matrix"`   // one row per recommendation, by id
	Weakest  []WeakLink     `json:"weakest"`  // recommendations, most gaps first
}

// A StateSummary is one state's line in the ranking.
type StateSummary struct {
	Rank    int         `json:"rank"`
	Profile ProfileInfo `json:"profile"`
	Summary Summary     `json:"summary"`
}

// A MatrixRow is one recommendation across states: Statuses[i] is the status of
// the state in Overview.Columns[i].
type MatrixRow struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	Statuses []Status `json:"statuses"`
}

// A WeakLink counts, for one recommendation, how the states it applies to stand,
// and names the states with a gap.
type WeakLink struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Severity   Severity `json:"severity"`
	Applicable int      `json:"applicable"`
	Counts     Counts   `json:"counts"`
	Gaps       []string `json:"gaps"`    // country codes with a gap
	Partial    []string `json:"partial"` // country codes with a partial gap
}

// A Brief is what the EU-wide view needs of a report: its profile and summary, and
// each finding's recommendation, title, severity and status, in a few hundred
// bytes. A run that streams its reports keeps briefs, not reports: the strings
// that many reports share (recommendations, titles, statuses, country codes and
// names) are kept once for all of them.
type Brief struct {
	Profile  ProfileInfo
	Summary  Summary
	Findings []BriefFinding
}

// A BriefFinding is a finding as a Brief keeps it: two handles, 16 bytes.
type BriefFinding struct {
	rec    unique.Handle[briefRec]
	status unique.Handle[Status]
}

// briefRec is what findings of one recommendation share.
type briefRec struct {
	id, title string
	severity  Severity
}

// ID is the finding's recommendation.
func (f BriefFinding) ID() string { return f.rec.Value().id }

// Title is the recommendation's title.
func (f BriefFinding) Title() string { return f.rec.Value().title }

// Severity is the recommendation's severity.
func (f BriefFinding) Severity() Severity { return f.rec.Value().severity }

// Status is the finding's status.
func (f BriefFinding) Status() Status { return f.status.Value() }

// NewBrief returns the brief of a report.
func NewBrief(r *Report) Brief {
	p := r.Profile
	p.Country, p.Name, p.AsOf = unique.Make(p.Country).Value(), unique.Make(p.Name).Value(), unique.Make(p.AsOf).Value()
	b := Brief{Profile: p, Summary: r.Summary, Findings: make([]BriefFinding, len(r.Findings))}
	for i, f := range r.Findings {
		b.Findings[i] = BriefFinding{
			rec:    unique.Make(briefRec{id: f.ID, title: f.Title, severity: f.Severity}),
			status: unique.Make(f.Status),
		}
	}
	return b
}

// NewOverview builds the overview of reports (one per state): NewBriefOverview of
// their briefs.
func NewOverview(reports []*Report) *Overview {
	briefs := make([]Brief, len(reports))
	for i, r := range reports {
		briefs[i] = NewBrief(r)
	}
	return NewBriefOverview(briefs)
}

// NewBriefOverview builds the overview of the reports that briefs sum up.
//
// States are ranked by the share of applicable recommendations met, then by the
// share with evidence (so that a state that is little known does not rank above one
// that is well known with the same share met), then by name. The weakest links are
// the recommendations with the most gaps, then the most partial gaps, then the
// most severe, then by id.
func NewBriefOverview(briefs []Brief) *Overview {
	type keyed struct {
		key string
		b   *Brief
	}
	sorted := make([]keyed, len(briefs))
	for i := range briefs {
		sorted[i] = keyed{briefs[i].Profile.Key(), &briefs[i]}
	}
	slices.SortFunc(sorted, func(a, b keyed) int { return cmp.Compare(a.key, b.key) })
	o := &Overview{
		Columns:  make([]string, len(sorted)),
		Profiles: make([]ProfileInfo, len(sorted)),
		States:   make([]StateSummary, len(sorted)),
	}
	for i, k := range sorted {
		o.Columns[i], o.Profiles[i] = k.key, k.b.Profile
		o.States[i] = StateSummary{Profile: k.b.Profile, Summary: k.b.Summary}
	}
	if len(sorted) == 0 {
		o.Columns, o.Profiles, o.States = nil, nil, nil
	}
	// States are in key order: a stable sort leaves ties by key.
	slices.SortStableFunc(o.States, func(a, b StateSummary) int {
		return cmp.Or(cmp.Compare(b.Summary.MetShare, a.Summary.MetShare), cmp.Compare(b.Summary.EvidenceShare, a.Summary.EvidenceShare),
			cmp.Compare(a.Profile.Name, b.Profile.Name))
	})
	for i := range o.States {
		o.States[i].Rank = i + 1
	}

	rows := map[string]*MatrixRow{}
	links := map[string]*WeakLink{}
	var ids []string
	for col, k := range sorted {
		for _, bf := range k.b.Findings {
			f := bf.rec.Value()
			status := bf.status.Value()
			row, ok := rows[f.id]
			if !ok {
				row = &MatrixRow{ID: f.id, Severity: f.severity, Statuses: make([]Status, len(sorted))}
				rows[f.id] = row
				links[f.id] = &WeakLink{ID: f.id, Title: f.title, Severity: f.severity, Gaps: []string{}, Partial: []string{}}
				ids = append(ids, f.id)
			}
			row.Statuses[col] = status
			l := links[f.id]
			l.Counts.add(status)
			switch status {
			case StatusGap:
				l.Gaps = append(l.Gaps, k.key)
			case StatusPartial:
				l.Partial = append(l.Partial, k.key)
			}
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		row := rows[id]
		for i, s := range row.Statuses {
			if s == "" { // a recommendation missing from one report (different policies)
				row.Statuses[i] = StatusError
			}
		}
		o.Matrix = append(o.Matrix, *row)
		l := links[id]
		l.Applicable = l.Counts.Applicable()
		o.Weakest = append(o.Weakest, *l)
	}
	slices.SortStableFunc(o.Weakest, func(a, b WeakLink) int {
		return cmp.Or(cmp.Compare(b.Counts.Gap, a.Counts.Gap), cmp.Compare(b.Counts.Partial, a.Counts.Partial),
			cmp.Compare(b.Severity.Rank(), a.Severity.Rank()), cmp.Compare(a.ID, b.ID))
	})
	return o
}
