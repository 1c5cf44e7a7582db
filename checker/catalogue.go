package checker

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/gapcheck/gapcheck/internal/policy"
)

// A Recommendation is one checkable measure, as its policy's METADATA describes it.
type Recommendation struct {
	ID          string   `json:"id"`    // from the package: gapcheck.rules.prum.dna is prum-dna
	Title       string   `json:"title"` // METADATA title
	Description string   `json:"description"`
	Severity    Severity `json:"severity"`           // custom.severity
	LegalBasis  string   `json:"legal_basis"`        // custom.legal_basis
	Deadline    string   `json:"deadline,omitempty"` // custom.deadline, YYYY-MM-DD: a finding is not yet due before it
	// AppliesFrom is custom.applies_from (YYYY-MM-DD): for a call without a
	// deadline, the day it was made; a finding is not yet due before it.
	AppliesFrom string `json:"applies_from,omitempty"`
	// MaxEvidenceAge is custom.max_evidence_age as written ("2y", "18m", "90d"):
	// how long an entry of the fact a finding rests on stays evidence; "" for no limit.
	MaxEvidenceAge string `json:"max_evidence_age,omitempty"`
	// MaxObservationAge is custom.max_observation_age as written: how long an
	// observation (an entry with observed) stays evidence when MaxEvidenceAge sets
	// no limit; "" for the default, DefaultObservationAgeDays.
	MaxObservationAge string     `json:"max_observation_age,omitempty"`
	Reads             []string   `json:"reads"`             // custom.reads: the profile paths it reads
	Resources         []Resource `json:"related_resources"` // METADATA related_resources
	Package           string     `json:"package"`           // e.g. data.gapcheck.rules.prum.dna
	File              string     `json:"file"`              // the file holding the METADATA
	Line              int        `json:"line"`
}

// A Resource is a document a recommendation rests on: its legal basis or a document
// that called for it.
type Resource struct {
	Description string `json:"description"`
	URL         string `json:"url"`
}

// Area is the policy area of the recommendation, the first segment of its package
// below data.gapcheck.rules: "prum" for data.gapcheck.rules.prum.dna.
func (r Recommendation) Area() string { return policy.Area(r.Package) }

// ReadCatalogue parses the policies of the sources (tests left out) and reads the
// recommendations from their package METADATA, checking the metadata contract as
// [NewEngine] does: title, description, related_resources, custom severity,
// legal_basis and reads, and a deadline as YYYY-MM-DD where one is given. The
// recommendations are sorted by id. Every breach of the contract is a PolicyError
// positioned on the METADATA block or the package; a file that does not parse makes
// the error a PolicyErrors too. Nothing is compiled.
func ReadCatalogue(sources []PolicySource) ([]Recommendation, PolicyErrors, error) {
	set, err := policy.Parse(sources, false)
	if err != nil {
		return nil, nil, fmt.Errorf("load policies: %w", err)
	}
	recs, problems := catalogue(set.Sorted())
	return recs, problems, nil
}

// catalogue reads the recommendations from the package METADATA of the modules,
// checking the metadata contract: the fields gapcheck reads, the keys neither OPA
// nor gapcheck reads (with the nearest known key), http(s) links, one id per
// recommendation, and no document under data.gapcheck.rules outside a
// recommendation package. Test modules (package ending in _test) are skipped.
// Every recommendation with METADATA is returned, those with problems too (the
// linter checks them further); a caller that evaluates refuses any problem.
func catalogue(modules []*ast.Module) ([]Recommendation, PolicyErrors) {
	byPkg := map[string]*Recommendation{}
	hasMeta := map[string]bool{}
	byID := map[string]string{} // id -> the first package with it
	var errs PolicyErrors
	for _, m := range modules {
		pkg := m.Package.Path.String()
		id, ok := policy.ID(pkg)
		if !ok {
			continue
		}
		if other, dup := byID[id]; dup && other != pkg {
			errs = append(errs, policy.Atf(m.Package.Location, "recommendation id %s is also the id of package %s: rename one", id, strings.TrimPrefix(other, "data.")))
			continue
		}
		byID[id] = pkg
		rec := byPkg[pkg]
		if rec == nil {
			rec = &Recommendation{ID: id, Package: pkg, File: m.Package.Location.File, Line: m.Package.Location.Row}
			byPkg[pkg] = rec
		}
		for _, a := range m.Annotations {
			if a.Scope != "package" {
				continue
			}
			if hasMeta[pkg] {
				errs = append(errs, policy.Atf(a.Location, "recommendation %s: package METADATA given twice; first in %s:%d", id, rec.File, rec.Line))
				continue
			}
			hasMeta[pkg] = true
			rec.File, rec.Line = a.Location.File, a.Location.Row
			errs = append(errs, fillRecommendation(rec, a)...)
			errs = append(errs, unknownMetadataKeys(m, a, id)...)
			errs = append(errs, checkRefs(m, a, rec)...)
		}
	}
	errs = append(errs, checkRulesPaths(modules)...)
	recs := make([]Recommendation, 0, len(byPkg))
	for pkg, r := range byPkg {
		if !hasMeta[pkg] {
			errs = append(errs, &PolicyError{File: r.File, Line: r.Line, Column: 1,
				Err: fmt.Errorf("recommendation %s: no package METADATA; want title, description, related_resources and custom severity, legal_basis and reads", r.ID)})
			continue
		}
		recs = append(recs, *r)
	}
	slices.SortFunc(recs, func(a, b Recommendation) int { return cmp.Compare(a.ID, b.ID) })
	errs.Sort()
	return recs, errs
}

// fillRecommendation copies package annotations into rec and reports what the
// metadata contract misses.
func fillRecommendation(rec *Recommendation, a *ast.Annotations) PolicyErrors {
	var errs PolicyErrors
	missing := func(what string) {
		errs = append(errs, policy.Atf(a.Location, "recommendation %s: METADATA %s", rec.ID, what))
	}
	rec.Title = strings.TrimSpace(a.Title)
	rec.Description = strings.TrimSpace(a.Description)
	if rec.Title == "" {
		missing("has no title")
	}
	if rec.Description == "" {
		missing("has no description: say what a state must have or do")
	}
	for _, r := range a.RelatedResources {
		rec.Resources = append(rec.Resources, Resource{Description: r.Description, URL: r.Ref.String()})
	}
	if len(rec.Resources) == 0 {
		missing("has no related_resources: link the legal basis and the documents that called for it")
	}
	custom := a.Custom
	sev, _ := custom["severity"].(string)
	if _, given := custom["severity"]; !given {
		missing("has no custom.severity: want one of critical, high, medium, low")
	} else if s, err := ParseSeverity(sev); err != nil {
		missing(fmt.Sprintf("custom.severity: %v", err))
	} else {
		rec.Severity = s
	}
	rec.LegalBasis, _ = custom["legal_basis"].(string)
	if strings.TrimSpace(rec.LegalBasis) == "" {
		missing("has no custom.legal_basis")
	}
	if d, ok := custom["deadline"]; ok {
		ds, _ := d.(string)
		if _, err := time.Parse(time.DateOnly, ds); err != nil {
			missing(fmt.Sprintf("custom.deadline %v: want a date as \"YYYY-MM-DD\"", d))
		} else {
			rec.Deadline = ds
		}
	}
	if d, ok := custom["applies_from"]; ok {
		ds, _ := d.(string)
		if _, err := time.Parse(time.DateOnly, ds); err != nil {
			missing(fmt.Sprintf("custom.applies_from %v: want a date as \"YYYY-MM-DD\"", d))
		} else {
			rec.AppliesFrom = ds
		}
	}
	if a, ok := custom["max_evidence_age"]; ok {
		as, _ := a.(string)
		if _, err := ParseAge(as); err != nil {
			missing(fmt.Sprintf("custom.max_evidence_age %v: %v", a, err))
		} else {
			rec.MaxEvidenceAge = as
		}
	}
	if a, ok := custom["max_observation_age"]; ok {
		as, _ := a.(string)
		if _, err := ParseAge(as); err != nil {
			missing(fmt.Sprintf("custom.max_observation_age %v: %v", a, err))
		} else {
			rec.MaxObservationAge = as
		}
	}
	reads, _ := custom["reads"].([]any)
	for _, r := range reads {
		if s, ok := r.(string); ok && s != "" {
			rec.Reads = append(rec.Reads, s)
		}
	}
	if len(rec.Reads) == 0 || len(rec.Reads) != len(reads) {
		missing("custom.reads: want the list of dotted profile paths the rule reads")
	}
	return errs
}

// ParseAge parses an evidence age limit: a whole number of years, months or days
// ("2y", "18m", "90d"), counted as 365, 30 and 1 days; "none" is no limit (-1).
func ParseAge(s string) (days int, err error) {
	if s == "none" {
		return -1, nil
	}
	n, unit := 0, ""
	if _, err := fmt.Sscanf(s, "%d%s", &n, &unit); err != nil || n <= 0 || fmt.Sprintf("%d%s", n, unit) != s {
		return 0, fmt.Errorf("invalid age %q; want a number of years, months or days such as 2y, 18m, 90d, or none", s)
	}
	switch unit {
	case "y":
		return n * 365, nil
	case "m":
		return n * 30, nil
	case "d":
		return n, nil
	}
	return 0, fmt.Errorf("invalid age %q; want a number of years, months or days such as 2y, 18m, 90d, or none", s)
}
