package checker

import (
	"fmt"
	"strings"
)

// A Status is the outcome of one recommendation for one profile.
type Status string

// The finding statuses. Policies produce the first five; Waived is set by waivers
// and Error by the engine when a policy could not be evaluated.
const (
	StatusMet           Status = "met"            // the facts show it is in place
	StatusPartial       Status = "partial"        // in place in part
	StatusGap           Status = "gap"            // the facts show it is not in place
	StatusUnknown       Status = "unknown"        // no sourced fact says either way
	StatusNotYetDue     Status = "not_yet_due"    // bound, but not due yet, and not met
	StatusNotApplicable Status = "not_applicable" // the state is not bound
	StatusWaived        Status = "waived"         // a gap with an unexpired waiver
	StatusError         Status = "error"          // the policy could not be evaluated
)

// Statuses lists every status in report order.
var Statuses = []Status{StatusMet, StatusPartial, StatusGap, StatusUnknown, StatusNotYetDue, StatusNotApplicable, StatusWaived, StatusError}

// policyStatuses are the statuses a policy may return.
var policyStatuses = map[Status]bool{
	StatusMet: true, StatusPartial: true, StatusGap: true, StatusUnknown: true, StatusNotYetDue: true, StatusNotApplicable: true,
}

// Failing reports whether the status counts against a state: a gap, in whole or in part.
func (s Status) Failing() bool { return s == StatusGap || s == StatusPartial }

// A Severity ranks recommendations; a failure threshold is a severity.
type Severity string

// The severities, from most to least severe.
const (
	SeverityCritical Severity = "critical"
	SeverityHigh     Severity = "high"
	SeverityMedium   Severity = "medium"
	SeverityLow      Severity = "low"
)

// Severities lists the severities from most to least severe.
var Severities = []Severity{SeverityCritical, SeverityHigh, SeverityMedium, SeverityLow}

// Rank is 4 for critical down to 1 for low, and 0 for an invalid severity.
func (s Severity) Rank() int {
	for i, v := range Severities {
		if v == s {
			return len(Severities) - i
		}
	}
	return 0
}

// ParseSeverity parses one of critical, high, medium, low.
func ParseSeverity(s string) (Severity, error) {
	if sev := Severity(s); sev.Rank() > 0 {
		return sev, nil
	}
	return "", fmt.Errorf("invalid severity %q: want one of %s", s, joinSeverities())
}

func joinSeverities() string {
	names := make([]string, len(Severities))
	for i, s := range Severities {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// A Location is a position in a file. Line and Column are 1-based.
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

func (l Location) String() string { return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column) }

// Evidence is one profile fact a finding rests on, as it stood at the date of the
// evaluation: the entry of its timeline in force that day.
type Evidence struct {
	Path     string   `json:"path"`               // dotted profile path, e.g. "prum.dna"
	Present  bool     `json:"present"`            // false when the profile does not record the fact
	Status   string   `json:"status,omitempty"`   // the entry's status
	Since    string   `json:"since,omitempty"`    // the entry's since, as written
	Observed string   `json:"observed,omitempty"` // the entry's observed, as written
	Date     string   `json:"date,omitempty"`     // the day the entry counts from (YYYY-MM-DD)
	AgeDays  *int     `json:"age_days,omitempty"` // days from Date to the evaluation date
	Inferred bool     `json:"inferred,omitempty"` // the status is an inference from its sources
	Note     string   `json:"note,omitempty"`
	Sources  []string `json:"sources,omitempty"` // ids of the sources the fact cites
	Location Location `json:"location"`          // the fact's key, or its nearest recorded ancestor
}

// A Finding is one recommendation applied to one profile.
type Finding struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Severity Severity `json:"severity"`
	Status   Status   `json:"status"`
	Message  string   `json:"message"`
	Location Location `json:"location"` // where the first fact it rests on is (or would be)
	// EvidenceDate is the day the entry of the first fact it rests on counts from,
	// and EvidenceAge its age in days at the evaluation date; both empty when that
	// fact has no dated entry.
	EvidenceDate string     `json:"evidence_date,omitempty"`
	EvidenceAge  *int       `json:"evidence_age_days,omitempty"`
	LegalBasis   string     `json:"legal_basis"`
	Deadline     string     `json:"deadline,omitempty"`
	Evidence     []Evidence `json:"evidence"`
	Sources      []Source   `json:"sources"`       // the declared sources the evidence cites
	Law          []Law      `json:"law,omitempty"` // the instruments of the law catalogue it rests on
	Waiver       *Waiver    `json:"waiver,omitempty"`
}

// A Waiver records why a gap is accepted for now; see the waivers file format.
type Waiver struct {
	Justification string `json:"justification"`
	Owner         string `json:"owner"`
	Expires       string `json:"expires"`
}

// FactSources returns the sources that the first fact a finding rests on cites
// (its first Evidence), in the order it cites them: the sources of the finding
// itself, not of the memberships that make it apply. It is empty when that fact
// cites none (an unknown).
func (f Finding) FactSources() []Source {
	out := []Source{}
	if len(f.Evidence) == 0 {
		return out
	}
	for _, id := range f.Evidence[0].Sources {
		for _, s := range f.Sources {
			if s.ID == id {
				out = append(out, s)
				break
			}
		}
	}
	return out
}
