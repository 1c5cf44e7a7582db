package checker

import (
	"cmp"
	"slices"
)

// ProfileInfo identifies the profile a report is about.
type ProfileInfo struct {
	Path    string `json:"path"`
	Country string `json:"country"`
	Name    string `json:"name"`
	Unit    string `json:"unit,omitempty"` // the part of the state, when a state has several profiles
	AsOf    string `json:"as_of"`
}

// Key is the profile's identity: its country code, with "/" and its unit when it
// has one (BE, BE/Zone Bruxelles). Reports, diffs, overviews and trends match and
// label profiles by it.
func (p ProfileInfo) Key() string {
	if p.Unit == "" {
		return p.Country
	}
	return p.Country + "/" + p.Unit
}

// A Report is the gap report of one profile: a finding for every recommendation,
// sorted by recommendation id, and a summary.
type Report struct {
	Profile ProfileInfo `json:"profile"`
	// At is the date the profile was evaluated at: its facts and the law as they
	// stood that day.
	At       string    `json:"at"`
	Findings []Finding `json:"findings"`
	Summary  Summary   `json:"summary"`
	// FilteredOut counts, by status, the findings a Filter left out of Findings;
	// nil when the report was not filtered. Summary counts them too.
	FilteredOut *Counts `json:"filtered_out,omitempty"`
}

// Counts holds the number of findings per status.
type Counts struct {
	Met           int `json:"met"`
	Partial       int `json:"partial"`
	Gap           int `json:"gap"`
	Unknown       int `json:"unknown"`
	NotYetDue     int `json:"not_yet_due"`
	NotApplicable int `json:"not_applicable"`
	Waived        int `json:"waived"`
	Error         int `json:"error"`
}

// Applicable counts the findings that apply and are due: all but not_yet_due,
// not_applicable and error.
func (c Counts) Applicable() int { return c.Met + c.Partial + c.Gap + c.Unknown + c.Waived }

// Of returns the count for status s.
func (c Counts) Of(s Status) int {
	switch s {
	case StatusMet:
		return c.Met
	case StatusPartial:
		return c.Partial
	case StatusGap:
		return c.Gap
	case StatusUnknown:
		return c.Unknown
	case StatusNotYetDue:
		return c.NotYetDue
	case StatusNotApplicable:
		return c.NotApplicable
	case StatusWaived:
		return c.Waived
	case StatusError:
		return c.Error
	}
	return 0
}

func (c *Counts) add(s Status) {
	switch s {
	case StatusMet:
		c.Met++
	case StatusPartial:
		c.Partial++
	case StatusGap:
		c.Gap++
	case StatusUnknown:
		c.Unknown++
	case StatusNotYetDue:
		c.NotYetDue++
	case StatusNotApplicable:
		c.NotApplicable++
	case StatusWaived:
		c.Waived++
	case StatusError:
		c.Error++
	}
}

// A Summary condenses a report.
//
// Applicable counts the findings that bind the state, are due and could be
// evaluated (all but not_yet_due, not_applicable and error). MetShare is the share of those that are met;
// EvidenceShare the share that rest on evidence (are not unknown), so that "few
// gaps" is never confused with "little known". Both are 0 when nothing applies.
type Summary struct {
	Total         int     `json:"total"`
	Counts        Counts  `json:"counts"`
	Applicable    int     `json:"applicable"`
	MetShare      float64 `json:"met_share"`
	EvidenceShare float64 `json:"evidence_share"`
}

// Summarize computes the summary of findings.
func Summarize(findings []Finding) Summary {
	var s Summary
	for _, f := range findings {
		s.Counts.add(f.Status)
	}
	s.Total = len(findings)
	s.Applicable = s.Total - s.Counts.NotYetDue - s.Counts.NotApplicable - s.Counts.Error
	if s.Applicable > 0 {
		s.MetShare = float64(s.Counts.Met) / float64(s.Applicable)
		s.EvidenceShare = float64(s.Applicable-s.Counts.Unknown) / float64(s.Applicable)
	}
	return s
}

// Resummarize recomputes the summary after findings changed (e.g. by a waiver).
func (r *Report) Resummarize() { r.Summary = Summarize(r.Findings) }

func sortFindings(fs []Finding) {
	slices.SortFunc(fs, func(a, b Finding) int { return cmp.Compare(a.ID, b.ID) })
}
