package checker

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// rulesRoot is the package prefix under which every recommendation lives.
const rulesRoot = "data.gapcheck.rules."

// A Recommendation is one checkable measure, as its policy's METADATA describes it.
type Recommendation struct {
	ID          string     `json:"id"`    // derived from the package: gapcheck.rules.prum.dna -> prum-dna
	Title       string     `json:"title"` // METADATA title
	Description string     `json:"description"`
	Severity    Severity   `json:"severity"`           // custom.severity
	LegalBasis  string     `json:"legal_basis"`        // custom.legal_basis
	Deadline    string     `json:"deadline,omitempty"` // custom.deadline, YYYY-MM-DD
	Reads       []string   `json:"reads"`              // custom.reads: the profile paths it reads
	Resources   []Resource `json:"related_resources"`  // METADATA related_resources
	Package     string     `json:"package"`            // e.g. data.gapcheck.rules.prum.dna
	File        string     `json:"file"`               // the file holding the METADATA
	Line        int        `json:"line"`
}

// A Resource is a document a recommendation rests on: its legal basis or a document
// that called for it.
type Resource struct {
	Description string `json:"description"`
	URL         string `json:"url"`
}

// RecommendationID derives a recommendation's id from its package path
// ("data.gapcheck.rules.prum.dna" -> "prum-dna"); ok is false outside data.gapcheck.rules.
func RecommendationID(pkg string) (id string, ok bool) {
	rest, ok := strings.CutPrefix(pkg, rulesRoot)
	if !ok || rest == "" {
		return "", false
	}
	return strings.ReplaceAll(strings.ReplaceAll(rest, ".", "-"), "_", "-"), true
}

// catalogue reads the recommendations from the package METADATA of the modules,
// checking the metadata contract. Test modules (package ending in _test) are skipped.
func catalogue(modules []*ast.Module) ([]Recommendation, PolicyErrors) {
	byPkg := map[string]*Recommendation{}
	var errs PolicyErrors
	for _, m := range modules {
		pkg := m.Package.Path.String()
		id, ok := RecommendationID(pkg)
		if !ok || strings.HasSuffix(pkg, "_test") {
			continue
		}
		rec := byPkg[pkg]
		if rec == nil {
			rec = &Recommendation{ID: id, Package: pkg, File: m.Package.Location.File, Line: m.Package.Location.Row}
			byPkg[pkg] = rec
		}
		for _, a := range m.Annotations {
			if a.Scope != "package" {
				continue
			}
			if rec.Title != "" {
				errs = append(errs, policyErr(a.Location, fmt.Sprintf("recommendation %s: package METADATA given twice; first in %s:%d", id, rec.File, rec.Line)))
				continue
			}
			rec.File, rec.Line = a.Location.File, a.Location.Row
			errs = append(errs, fillRecommendation(rec, a)...)
		}
	}
	recs := make([]Recommendation, 0, len(byPkg))
	for _, r := range byPkg {
		if r.Title == "" && r.Severity == "" {
			errs = append(errs, &PolicyError{File: r.File, Line: r.Line, Column: 1,
				Msg: fmt.Sprintf("recommendation %s: no package METADATA; want title, description, related_resources and custom severity, legal_basis and reads", r.ID)})
			continue
		}
		recs = append(recs, *r)
	}
	sort.Slice(recs, func(i, j int) bool { return recs[i].ID < recs[j].ID })
	errs.Sort()
	return recs, errs
}

func policyErr(loc *ast.Location, msg string) *PolicyError {
	if loc == nil {
		return &PolicyError{Msg: msg}
	}
	return &PolicyError{File: loc.File, Line: loc.Row, Column: loc.Col, Msg: msg}
}

// fillRecommendation copies package annotations into rec and reports what the
// metadata contract misses.
func fillRecommendation(rec *Recommendation, a *ast.Annotations) PolicyErrors {
	var errs PolicyErrors
	missing := func(what string) {
		errs = append(errs, policyErr(a.Location, fmt.Sprintf("recommendation %s: METADATA %s", rec.ID, what)))
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
	if s, err := ParseSeverity(sev); err != nil {
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
