package render

import (
	"fmt"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// citations number the sources that the facts of findings cite, in the order the
// findings first cite them, for a numbered list under a report's findings.
type citations struct {
	sources []checker.Source
	number  map[string]int // source id -> its number, from 1
}

// cite numbers the sources of the findings' facts (checker.Finding.FactSources).
func cite(findings []checker.Finding) *citations {
	c := &citations{number: map[string]int{}}
	for _, f := range findings {
		for _, s := range f.FactSources() {
			if _, ok := c.number[s.ID]; !ok {
				c.sources = append(c.sources, s)
				c.number[s.ID] = len(c.sources)
			}
		}
	}
	return c
}

// refs names the sources of a finding's fact with their numbers: "P10[1], E1[2]".
func (c *citations) refs(f checker.Finding) string {
	var parts []string
	for _, s := range f.FactSources() {
		parts = append(parts, fmt.Sprintf("%s[%d]", s.ID, c.number[s.ID]))
	}
	return strings.Join(parts, ", ")
}

// evidenceLine says the date of the entry a finding rests on and its sources:
// "dated 2015-11-10; sources P10[1]"; "" when it has neither.
func (c *citations) evidenceLine(f checker.Finding) string {
	var parts []string
	if f.EvidenceDate != "" {
		parts = append(parts, "dated "+f.EvidenceDate)
	}
	if refs := c.refs(f); refs != "" {
		parts = append(parts, "sources "+refs)
	}
	return strings.Join(parts, "; ")
}

// sourceText names a source for a list: "P10: title (2015-11-10)".
func sourceText(s checker.Source) string {
	text := s.ID + ": " + strings.TrimSpace(s.Title)
	if s.Date != "" {
		text += " (" + s.Date + ")"
	}
	return text
}
