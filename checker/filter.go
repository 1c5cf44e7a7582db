package checker

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// A Filter selects the findings a report shows: those whose status, severity and
// recommendation are each in its lists. An empty list selects every value, so the
// zero Filter selects everything. A recommendation is named by its id or by a
// glob ("pnr-*", as [path.Match] reads it).
//
// A filter changes what is shown, never what is judged: a filtered report's
// summary still counts every finding, and the findings it left out are counted
// in Report.FilteredOut.
type Filter struct {
	Statuses        []Status   `json:"status,omitempty"`
	Severities      []Severity `json:"severity,omitempty"`
	Recommendations []string   `json:"recommendation,omitempty"`
}

// IsZero reports whether the filter selects everything.
func (f Filter) IsZero() bool {
	return len(f.Statuses) == 0 && len(f.Severities) == 0 && len(f.Recommendations) == 0
}

// SelectsStatus reports whether the filter's statuses include s.
func (f Filter) SelectsStatus(s Status) bool {
	return len(f.Statuses) == 0 || slices.Contains(f.Statuses, s)
}

// SelectsRecommendation reports whether the filter's severities and
// recommendations include a recommendation of that id and severity.
func (f Filter) SelectsRecommendation(id string, sev Severity) bool {
	if len(f.Severities) > 0 && !slices.Contains(f.Severities, sev) {
		return false
	}
	if len(f.Recommendations) == 0 {
		return true
	}
	for _, pat := range f.Recommendations {
		if ok, _ := path.Match(pat, id); ok {
			return true
		}
	}
	return false
}

// Selects reports whether the filter selects the finding.
func (f Filter) Selects(fd Finding) bool {
	return f.SelectsStatus(fd.Status) && f.SelectsRecommendation(fd.ID, fd.Severity)
}

// OnlyRecommendations returns the filter without its statuses: the part that chooses
// recommendations, as the rows of an overview do.
func (f Filter) OnlyRecommendations() Filter {
	return Filter{Severities: f.Severities, Recommendations: f.Recommendations}
}

// Unmatched returns the filter's recommendation patterns that name no
// recommendation of recs, in the filter's order; a malformed glob is an error.
func (f Filter) Unmatched(recs []Recommendation) ([]string, error) {
	var out []string
	for _, pat := range f.Recommendations {
		if _, err := path.Match(pat, ""); err != nil {
			return nil, fmt.Errorf("recommendation %q: %w", pat, err)
		}
		if !slices.ContainsFunc(recs, func(r Recommendation) bool { ok, _ := path.Match(pat, r.ID); return ok }) {
			out = append(out, pat)
		}
	}
	return out, nil
}

// Apply returns the reports with only the findings the filter selects: copies,
// each with its summary of every finding and FilteredOut counting, by status,
// the findings left out. The zero filter returns the reports themselves.
func (f Filter) Apply(reports []*Report) []*Report {
	if f.IsZero() {
		return reports
	}
	out := make([]*Report, len(reports))
	for i, r := range reports {
		c := *r
		c.Findings = []Finding{}
		c.FilteredOut = &Counts{}
		for _, fd := range r.Findings {
			if f.Selects(fd) {
				c.Findings = append(c.Findings, fd)
			} else {
				c.FilteredOut.add(fd.Status)
			}
		}
		out[i] = &c
	}
	return out
}

// Total returns the number of findings the counts hold.
func (c Counts) Total() int {
	n := 0
	for _, s := range Statuses {
		n += c.Of(s)
	}
	return n
}

// Plus returns the sum of two counts.
func (c Counts) Plus(d Counts) Counts {
	return Counts{
		Met: c.Met + d.Met, Partial: c.Partial + d.Partial, Gap: c.Gap + d.Gap, Unknown: c.Unknown + d.Unknown,
		NotYetDue: c.NotYetDue + d.NotYetDue, NotApplicable: c.NotApplicable + d.NotApplicable,
		Waived: c.Waived + d.Waived, Error: c.Error + d.Error,
	}
}

// ParseStatus parses a status as reports write it (not_yet_due); a hyphen or a
// space may stand for the underscore (not-yet-due).
func ParseStatus(s string) (Status, error) {
	st := Status(strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(strings.TrimSpace(s))))
	if slices.Contains(Statuses, st) {
		return st, nil
	}
	names := make([]string, len(Statuses))
	for i, v := range Statuses {
		names[i] = string(v)
	}
	return "", fmt.Errorf("invalid status %q: want one of %s", s, strings.Join(names, ", "))
}
