package checker

import (
	"cmp"
	"slices"
)

// Rank orders statuses from best to worst, for comparing two versions of a
// finding: met, not_applicable and waived are 0 (nothing to do), unknown 1 (an
// evidence gap), partial 2, gap 3, and error 4 (nothing could be judged). A change
// to a higher rank makes a finding worse.
func (s Status) Rank() int {
	switch s {
	case StatusUnknown:
		return 1
	case StatusPartial:
		return 2
	case StatusGap:
		return 3
	case StatusError:
		return 4
	}
	return 0
}

// judged reports whether a status rests on evidence: met, partial, gap, and waived
// (a gap with a waiver).
func (s Status) judged() bool {
	return s == StatusMet || s == StatusPartial || s == StatusGap || s == StatusWaived
}

// lostEvidence reports whether a finding's change from base to head loses the
// evidence it rested on: a judged status became unknown, or the finding is gone
// (head "": its recommendation or its profile was removed). not_yet_due is no
// evidence: a deadline passing (not_yet_due -> unknown) loses none.
func lostEvidence(base, head Status) bool {
	return base.judged() && (head == StatusUnknown || head == "")
}

// worse reports whether a finding's change from base to head makes it worse: a
// higher rank, or evidence lost (a judged status became unknown).
func worse(base, head Status) bool {
	return head.Rank() > base.Rank() || (head != "" && lostEvidence(base, head))
}

// A ChangeKind says what changed between two versions of a state's gap report.
type ChangeKind string

// The kinds of change, in the order a diff lists them for a state.
const (
	ChangeProfileAdded          ChangeKind = "profile_added"          // only the head has a profile of the state
	ChangeProfileRemoved        ChangeKind = "profile_removed"        // only the base has one
	ChangeProfileRenamed        ChangeKind = "profile_renamed"        // the state's profile moved to another path
	ChangeGapOpened             ChangeKind = "gap_opened"             // a finding became gap or partial
	ChangeStatusChanged         ChangeKind = "status_changed"         // any other change of status
	ChangeGapClosed             ChangeKind = "gap_closed"             // a gap or partial became met or not_applicable
	ChangeRecommendationAdded   ChangeKind = "recommendation_added"   // only the head's policies have it
	ChangeRecommendationRemoved ChangeKind = "recommendation_removed" // only the base's policies had it
)

var kindOrder = map[ChangeKind]int{
	ChangeProfileAdded: 0, ChangeProfileRemoved: 1, ChangeProfileRenamed: 2, ChangeGapOpened: 3,
	ChangeStatusChanged: 4, ChangeGapClosed: 5, ChangeRecommendationAdded: 6, ChangeRecommendationRemoved: 7,
}

// A Change is one difference between the base and the head version of a state's
// gap report: of the profile itself (added, removed, renamed), or of one finding.
type Change struct {
	Kind    ChangeKind `json:"kind"`
	Country string     `json:"country"`
	Unit    string     `json:"unit,omitempty"` // the profile's unit, when the state has several
	State   string     `json:"state"`          // the state's name
	Profile string     `json:"profile"`        // the profile's path at the head; at the base when removed
	// BaseProfile is the profile's path at the base, when it differs from Profile.
	BaseProfile string `json:"base_profile,omitempty"`

	// The finding, for finding changes: its recommendation, and its status on each
	// side (Base is empty for an added recommendation, Head for a removed one).
	Recommendation string   `json:"recommendation,omitempty"`
	Title          string   `json:"title,omitempty"`
	Severity       Severity `json:"severity,omitempty"`
	Base           Status   `json:"base_status,omitempty"`
	Head           Status   `json:"head_status,omitempty"`
	// Worse is true when the finding's status rose in [Status.Rank], or when a
	// judged finding (met, partial, gap) became unknown: evidence was removed, and
	// a gap that nobody can see any more is no improvement. Added and removed
	// profiles and recommendations are never worse: there was nothing to compare with.
	Worse bool `json:"worse"`
	// LostEvidence is true when the change loses the evidence a finding rested on:
	// a judged finding (met, partial, gap, waived) became unknown, or its
	// recommendation or its whole profile was removed. Such a change fails the
	// gate at Severity unless it is accepted explicitly (diff
	// --accept-lost-evidence). For a removed profile, Severity is the highest of
	// its judged findings.
	LostEvidence bool `json:"lost_evidence,omitempty"`
	// Fails is whether the change fails the run at the threshold of whoever
	// judges it (gapcheck diff's --fail-on); Compare leaves it false.
	Fails bool `json:"fails"`
	// Message and Location are the head finding's (the base's when removed).
	Message  string    `json:"message,omitempty"`
	Location *Location `json:"location,omitempty"`

	// Counts are the finding counts of an added (head) or removed (base) profile.
	Counts *Counts `json:"counts,omitempty"`
}

// Compare returns what changed from the base reports to the head reports, one
// state at a time. Reports are paired by country, so a profile that moved to another
// path is a rename, whatever git says; each side must hold at most one report per
// country (see CheckDistinct). Findings are paired by recommendation id, and only
// a change of status counts: a new message with the same status is no change.
//
// The changes are sorted by state name and country, then by kind (in the order of
// the ChangeKind constants), then by recommendation id.
func Compare(base, head []*Report) []Change {
	type pair struct{ base, head *Report }
	pairs := map[string]*pair{}
	get := func(country string) *pair {
		p := pairs[country]
		if p == nil {
			p = &pair{}
			pairs[country] = p
		}
		return p
	}
	for _, r := range base {
		if p := get(r.Profile.Key()); p.base == nil {
			p.base = r
		}
	}
	for _, r := range head {
		if p := get(r.Profile.Key()); p.head == nil {
			p.head = r
		}
	}
	changes := []Change{}
	for _, p := range pairs {
		switch {
		case p.base == nil:
			counts := p.head.Summary.Counts
			changes = append(changes, Change{Kind: ChangeProfileAdded, Country: p.head.Profile.Country, Unit: p.head.Profile.Unit,
				State: p.head.Profile.Name, Profile: p.head.Profile.Path, Counts: &counts})
		case p.head == nil:
			counts := p.base.Summary.Counts
			c := Change{Kind: ChangeProfileRemoved, Country: p.base.Profile.Country, Unit: p.base.Profile.Unit,
				State: p.base.Profile.Name, Profile: p.base.Profile.Path, Counts: &counts}
			for _, f := range p.base.Findings {
				if lostEvidence(f.Status, "") {
					c.LostEvidence = true
					if f.Severity.Rank() > c.Severity.Rank() {
						c.Severity = f.Severity
					}
				}
			}
			changes = append(changes, c)
		default:
			changes = append(changes, compareReports(p.base, p.head)...)
		}
	}
	slices.SortFunc(changes, func(a, b Change) int {
		return cmp.Or(cmp.Compare(a.State, b.State), cmp.Compare(a.Country, b.Country), cmp.Compare(a.Unit, b.Unit),
			cmp.Compare(kindOrder[a.Kind], kindOrder[b.Kind]), cmp.Compare(a.Recommendation, b.Recommendation))
	})
	return changes
}

// compareReports compares two reports about the same state.
func compareReports(base, head *Report) []Change {
	proto := Change{Country: head.Profile.Country, Unit: head.Profile.Unit, State: head.Profile.Name, Profile: head.Profile.Path}
	if base.Profile.Path != head.Profile.Path {
		proto.BaseProfile = base.Profile.Path
	}
	var out []Change
	if proto.BaseProfile != "" {
		c := proto
		c.Kind = ChangeProfileRenamed
		out = append(out, c)
	}
	byID := make(map[string]*Finding, len(base.Findings))
	for i := range base.Findings {
		byID[base.Findings[i].ID] = &base.Findings[i]
	}
	finding := func(kind ChangeKind, f *Finding) Change {
		c := proto
		c.Kind, c.Recommendation, c.Title, c.Severity, c.Message = kind, f.ID, f.Title, f.Severity, f.Message
		loc := f.Location
		c.Location = &loc
		return c
	}
	for i := range head.Findings {
		h := &head.Findings[i]
		b, ok := byID[h.ID]
		delete(byID, h.ID)
		switch {
		case !ok:
			c := finding(ChangeRecommendationAdded, h)
			c.Head = h.Status
			out = append(out, c)
		case b.Status != h.Status:
			kind := ChangeStatusChanged
			switch {
			case h.Status.Failing() && !b.Status.Failing():
				kind = ChangeGapOpened
			case b.Status.Failing() && (h.Status == StatusMet || h.Status == StatusNotApplicable):
				kind = ChangeGapClosed
			}
			c := finding(kind, h)
			c.Base, c.Head, c.Worse = b.Status, h.Status, worse(b.Status, h.Status)
			c.LostEvidence = lostEvidence(b.Status, h.Status)
			out = append(out, c)
		}
	}
	for _, b := range byID {
		c := finding(ChangeRecommendationRemoved, b)
		c.Base = b.Status
		c.LostEvidence = lostEvidence(b.Status, "")
		out = append(out, c)
	}
	return out
}

// A DiffSummary counts the changes of a diff.
type DiffSummary struct {
	States                 int `json:"states"` // states with at least one change
	GapsOpened             int `json:"gaps_opened"`
	GapsClosed             int `json:"gaps_closed"`
	StatusChanges          int `json:"status_changes"` // other status changes
	Worse                  int `json:"worse"`          // finding changes that made a finding worse
	LostEvidence           int `json:"lost_evidence"`  // changes that lost evidence (see Change.LostEvidence)
	RecommendationsAdded   int `json:"recommendations_added"`
	RecommendationsRemoved int `json:"recommendations_removed"`
	ProfilesAdded          int `json:"profiles_added"`
	ProfilesRemoved        int `json:"profiles_removed"`
	ProfilesRenamed        int `json:"profiles_renamed"`
}

// SummarizeChanges counts changes by kind.
func SummarizeChanges(changes []Change) DiffSummary {
	var s DiffSummary
	states := map[string]bool{}
	for _, c := range changes {
		states[c.Country+"/"+c.Unit] = true
		if c.Worse {
			s.Worse++
		}
		if c.LostEvidence {
			s.LostEvidence++
		}
		switch c.Kind {
		case ChangeGapOpened:
			s.GapsOpened++
		case ChangeGapClosed:
			s.GapsClosed++
		case ChangeStatusChanged:
			s.StatusChanges++
		case ChangeRecommendationAdded:
			s.RecommendationsAdded++
		case ChangeRecommendationRemoved:
			s.RecommendationsRemoved++
		case ChangeProfileAdded:
			s.ProfilesAdded++
		case ChangeProfileRemoved:
			s.ProfilesRemoved++
		case ChangeProfileRenamed:
			s.ProfilesRenamed++
		}
	}
	s.States = len(states)
	return s
}
