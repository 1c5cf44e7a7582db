package checker

import (
	"cmp"
	"slices"
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
// bytes. A run that streams its reports keeps briefs, not reports.
type Brief struct {
	Profile  ProfileInfo
	Summary  Summary
	Findings []BriefFinding
}

// A BriefFinding is a finding as a Brief keeps it.
type BriefFinding struct {
	ID       string
	Title    string
	Severity Severity
	Status   Status
}

// NewBrief returns the brief of a report.
func NewBrief(r *Report) Brief {
	b := Brief{Profile: r.Profile, Summary: r.Summary, Findings: make([]BriefFinding, len(r.Findings))}
	for i, f := range r.Findings {
		b.Findings[i] = BriefFinding{ID: f.ID, Title: f.Title, Severity: f.Severity, Status: f.Status}
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
	o := &Overview{}
	sorted := append([]Brief(nil), briefs...)
	slices.SortFunc(sorted, func(a, b Brief) int { return cmp.Compare(a.Profile.Key(), b.Profile.Key()) })
	for _, r := range sorted {
		o.Columns = append(o.Columns, r.Profile.Key())
		o.Profiles = append(o.Profiles, r.Profile)
		o.States = append(o.States, StateSummary{Profile: r.Profile, Summary: r.Summary})
	}
	slices.SortStableFunc(o.States, func(a, b StateSummary) int {
		return cmp.Or(cmp.Compare(b.Summary.MetShare, a.Summary.MetShare), cmp.Compare(b.Summary.EvidenceShare, a.Summary.EvidenceShare),
			cmp.Compare(a.Profile.Name, b.Profile.Name), cmp.Compare(a.Profile.Key(), b.Profile.Key()))
	})
	for i := range o.States {
		o.States[i].Rank = i + 1
	}

	rows := map[string]*MatrixRow{}
	links := map[string]*WeakLink{}
	var ids []string
	for col, r := range sorted {
		for _, f := range r.Findings {
			row, ok := rows[f.ID]
			if !ok {
				row = &MatrixRow{ID: f.ID, Severity: f.Severity, Statuses: make([]Status, len(sorted))}
				rows[f.ID] = row
				links[f.ID] = &WeakLink{ID: f.ID, Title: f.Title, Severity: f.Severity, Gaps: []string{}, Partial: []string{}}
				ids = append(ids, f.ID)
			}
			row.Statuses[col] = f.Status
			l := links[f.ID]
			l.Counts.add(f.Status)
			switch f.Status {
			case StatusGap:
				l.Gaps = append(l.Gaps, r.Profile.Key())
			case StatusPartial:
				l.Partial = append(l.Partial, r.Profile.Key())
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
		l.Applicable = l.Counts.Met + l.Counts.Partial + l.Counts.Gap + l.Counts.Unknown + l.Counts.Waived
		o.Weakest = append(o.Weakest, *l)
	}
	slices.SortStableFunc(o.Weakest, func(a, b WeakLink) int {
		return cmp.Or(cmp.Compare(b.Counts.Gap, a.Counts.Gap), cmp.Compare(b.Counts.Partial, a.Counts.Partial),
			cmp.Compare(b.Severity.Rank(), a.Severity.Rank()), cmp.Compare(a.ID, b.ID))
	})
	return o
}
