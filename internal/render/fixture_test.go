package render

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/geo"
	"github.com/gapcheck/gapcheck/internal/golden"
)

// The renderers are tested on reports built here by hand, not on the shipped
// profiles: a fact corrected in a profile must not break a renderer's test. The
// shipped data is pinned in profiles/ and in the CLI's one end-to-end golden.

// fixtureCatalogue is a small catalogue with every severity.
func fixtureCatalogue() []checker.Recommendation {
	res := func(desc, url string) []checker.Resource { return []checker.Resource{{Description: desc, URL: url}} }
	return []checker.Recommendation{
		{ID: "border-sltd-checks", Title: "Interpol SLTD checks at every external border crossing", Description: "Travel documents are checked against Interpol's SLTD database.",
			Severity: checker.SeverityHigh, LegalBasis: "JHA Council conclusions of 20 November 2015", Deadline: "2016-03-31", Reads: []string{"borders.sltd_checks"},
			Resources: res("JHA Council conclusions [20 Nov 2015]", "https://example.org/jha-2015-11-20"),
			Package:   "data.gapcheck.rules.border.sltd_checks", File: "policies/gapcheck/rules/border/sltd_checks/sltd_checks.rego", Line: 1},
		{ID: "aml-transposition", Title: "4th AML Directive transposed", Description: "The state transposes Directive (EU) 2015/849.",
			Severity: checker.SeverityMedium, LegalBasis: "Directive (EU) 2015/849", Deadline: "2017-06-26", Reads: []string{"aml.fourth_directive"},
			Resources: res("Directive (EU) 2015/849", "https://eur-lex.europa.eu/eli/dir/2015/849/oj"),
			Package:   "data.gapcheck.rules.aml.transposition", File: "policies/gapcheck/rules/aml/transposition/transposition.rego", Line: 1},
		{ID: "firearms-deactivation", Title: "Common deactivation standards applied", Description: "The state applies the common standards.",
			Severity: checker.SeverityLow, LegalBasis: "Implementing Regulation (EU) 2015/2403", Reads: []string{"firearms.deactivation_standards"},
			Resources: res("Implementing Regulation (EU) 2015/2403", "https://eur-lex.europa.eu/eli/reg_impl/2015/2403/oj"),
			Package:   "data.gapcheck.rules.firearms.deactivation", File: "policies/gapcheck/rules/firearms/deactivation/deactivation.rego", Line: 1},
		{ID: "national-ftf-database", Title: "Shared foreign-fighter database", Description: "One database of foreign terrorist fighters, shared by the services.",
			Severity: checker.SeverityMedium, LegalBasis: "JHA Council conclusions of 20 November 2015", Reads: []string{"national.ftf_database"},
			Resources: res("JHA Council conclusions [20 Nov 2015]", "https://example.org/jha-2015-11-20"),
			Package:   "data.gapcheck.rules.national.ftf_database", File: "policies/gapcheck/rules/national/ftf_database/ftf_database.rego", Line: 1},
		{ID: "pnr-legislation", Title: "PNR legislation in force", Description: "A national law on passenger name records.",
			Severity: checker.SeverityHigh, LegalBasis: "Directive (EU) 2016/681", Deadline: "2018-05-25", Reads: []string{"pnr.legislation"},
			Resources: res("Directive (EU) 2016/681", "https://eur-lex.europa.eu/eli/dir/2016/681/oj"),
			Package:   "data.gapcheck.rules.pnr.legislation", File: "policies/gapcheck/rules/pnr/legislation/legislation.rego", Line: 1},
		{ID: "pnr-piu", Title: "Passenger Information Unit operational", Description: "A Passenger Information Unit is operational.",
			Severity: checker.SeverityHigh, LegalBasis: "Directive (EU) 2016/681, Art. 4", Deadline: "2018-05-25", Reads: []string{"pnr.piu"},
			Resources: res("Directive (EU) 2016/681", "https://eur-lex.europa.eu/eli/dir/2016/681/oj"),
			Package:   "data.gapcheck.rules.pnr.piu", File: "policies/gapcheck/rules/pnr/piu/piu.rego", Line: 1},
		{ID: "prum-dna", Title: "Prüm automated DNA exchange operational", Description: "The state makes its DNA files available for automated searching.",
			Severity: checker.SeverityHigh, LegalBasis: "Council Decisions 2008/615/JHA and 2008/616/JHA", Deadline: "2011-08-26", Reads: []string{"prum.dna"},
			Resources: res("Council Decision 2008/615/JHA", "https://eur-lex.europa.eu/eli/dec/2008/615/oj"),
			Package:   "data.gapcheck.rules.prum.dna", File: "policies/gapcheck/rules/prum/dna/dna.rego", Line: 1},
		{ID: "sis-ftf-alerts", Title: "SIS II alerts on foreign terrorist fighters", Description: "Article 36 alerts on every known foreign fighter.",
			Severity: checker.SeverityCritical, LegalBasis: "Council Decision 2007/533/JHA, Art. 36", Reads: []string{"sis.ftf_alerts"},
			Resources: res("Council Decision 2007/533/JHA", "https://eur-lex.europa.eu/eli/dec/2007/533/oj"),
			Package:   "data.gapcheck.rules.sis.ftf_alerts", File: "policies/gapcheck/rules/sis/ftf_alerts/ftf_alerts.rego", Line: 1},
	}
}

// fixtureStatus is one finding of a fixture report: its recommendation, status,
// message and line.
type fixtureStatus struct {
	id      string
	status  checker.Status
	message string
	line    int
}

// fixtureReport builds a report of the fixture catalogue from statuses; each
// finding rests on one fact at its line, citing one source.
func fixtureReport(path, country, name string, statuses ...fixtureStatus) *checker.Report {
	recs := map[string]checker.Recommendation{}
	for _, r := range fixtureCatalogue() {
		recs[r.ID] = r
	}
	r := &checker.Report{Profile: checker.ProfileInfo{Path: path, Country: country, Name: name, AsOf: "2016-03-01"}, At: "2016-03-01"}
	for _, s := range statuses {
		rec := recs[s.id]
		loc := checker.Location{File: path, Line: s.line, Column: 3}
		f := checker.Finding{ID: rec.ID, Title: rec.Title, Severity: rec.Severity, Status: s.status, Message: s.message,
			Location: loc, LegalBasis: rec.LegalBasis, Deadline: rec.Deadline, Evidence: []checker.Evidence{}, Sources: []checker.Source{}}
		if s.status != checker.StatusError {
			ev := checker.Evidence{Path: rec.Reads[0], Present: true, Status: "recorded", Location: loc}
			if s.status != checker.StatusUnknown {
				age := 46
				ev.Observed, ev.Date, ev.AgeDays = "2016-01-15", "2016-01-15", &age
				f.EvidenceDate, f.EvidenceAge = ev.Date, &age
				ev.Sources = []string{country + "-1"}
				f.Sources = []checker.Source{{ID: country + "-1", Title: "A source on " + name, URL: "https://example.org/" + country, Date: "2016-01-15"}}
			}
			f.Evidence = append(f.Evidence, ev)
		}
		r.Findings = append(r.Findings, f)
	}
	r.Resummarize()
	return r
}

// belgium has every status the renderers map: met, gap, partial, unknown, not yet
// due, not applicable, error, and a waived gap with its waiver; and text that a careless
// renderer would let break its format (pipes, angle brackets, a long message).
func belgium() *checker.Report {
	r := fixtureReport("profiles/belgium.yaml", "BE", "Belgium",
		fixtureStatus{"aml-transposition", checker.StatusError, `the policy gave an invalid status "maybe"`, 1},
		fixtureStatus{"border-sltd-checks", checker.StatusNotYetDue, "Interpol SLTD checks: at some crossings (not yet due: due by 2016-03-31)", 120},
		fixtureStatus{"firearms-deactivation", checker.StatusNotApplicable, "not bound by firearms_deactivation (not party)", 90},
		fixtureStatus{"national-ftf-database", checker.StatusPartial, "Shared foreign-fighter database: partial (inferred); a list of 350-380 names held by OCAM | not yet one <database>", 230},
		fixtureStatus{"pnr-legislation", checker.StatusWaived, "PNR legislation: none; waived: PNR bill before parliament", 205},
		fixtureStatus{"pnr-piu", checker.StatusGap, "Passenger Information Unit: none (inferred)", 212},
		fixtureStatus{"prum-dna", checker.StatusMet, "Prüm DNA exchange: operational", 144},
		fixtureStatus{"sis-ftf-alerts", checker.StatusUnknown, "SIS II alerts on foreign terrorist fighters: no source confirms the status", 180},
	)
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Status == checker.StatusWaived {
			f.Waiver = &checker.Waiver{Justification: "PNR bill before parliament", Owner: "be-desk@example.org", Expires: "2016-12-31"}
		}
		if f.ID == "prum-dna" {
			// A fact with a note and two sources, one with a title and a URL that a
			// careless renderer would let break a link; a membership with a source of
			// its own; the law it rests on.
			f.Evidence[0].Note = "Launched by <Council> decision | see [P-2] & the table."
			f.Evidence[0].Sources = append(f.Evidence[0].Sources, "BE-P2")
			f.Sources = append(f.Sources, checker.Source{ID: "BE-P2", Title: `Council "decision" <b>[2008/615]</b> & more`, URL: "https://example.org/dec_(2008)?a=1&b=2"})
			since := 12843
			f.Evidence = append(f.Evidence, checker.Evidence{Path: "participation.eu", Present: true, Status: "member", Since: "1958-01-01", Date: "1958-01-01",
				AgeDays: &since, Sources: []string{"EU-ENL"}, Location: checker.Location{File: r.Profile.Path, Line: 20, Column: 3}})
			f.Sources = append(f.Sources, checker.Source{ID: "EU-ENL", Title: "Dates of accession", URL: "https://example.org/enlargement"})
			f.Law = []checker.Law{{ID: "prum", Title: "the Prüm Decisions", Acts: []checker.Act{{Title: "Council Decision 2008/615/JHA", URL: "https://eur-lex.europa.eu/eli/dec/2008/615/oj"}}, Due: "2011-08-26"}}
		}
	}
	return r
}

func france() *checker.Report {
	return fixtureReport("profiles/france.yaml", "FR", "France",
		fixtureStatus{"aml-transposition", checker.StatusUnknown, "4th Anti-Money-Laundering Directive: no source confirms the status", 250},
		fixtureStatus{"border-sltd-checks", checker.StatusMet, "Interpol SLTD checks: at every crossing", 125},
		fixtureStatus{"firearms-deactivation", checker.StatusUnknown, "Common deactivation standards: no source confirms the status", 245},
		fixtureStatus{"national-ftf-database", checker.StatusMet, "Shared foreign-fighter database: shared since 2015-03-05", 238},
		fixtureStatus{"pnr-legislation", checker.StatusMet, "PNR legislation: in force since 2014-09-26", 210},
		fixtureStatus{"pnr-piu", checker.StatusPartial, "Passenger Information Unit: being set up", 217},
		fixtureStatus{"prum-dna", checker.StatusMet, "Prüm DNA exchange: operational", 150},
		fixtureStatus{"sis-ftf-alerts", checker.StatusPartial, "SIS II alerts on foreign terrorist fighters: some (inferred)", 186},
	)
}

func norway() *checker.Report {
	return fixtureReport("profiles/norway.yaml", "NO", "Norway",
		fixtureStatus{"aml-transposition", checker.StatusUnknown, "4th Anti-Money-Laundering Directive: no source confirms the status", 190},
		fixtureStatus{"border-sltd-checks", checker.StatusUnknown, "Interpol SLTD checks: no source confirms the status", 110},
		fixtureStatus{"firearms-deactivation", checker.StatusUnknown, "Common deactivation standards: no source confirms the status", 185},
		fixtureStatus{"national-ftf-database", checker.StatusGap, "Shared foreign-fighter database: none", 170},
		fixtureStatus{"pnr-legislation", checker.StatusNotApplicable, "not bound by pnr_directive (not party)", 60},
		fixtureStatus{"pnr-piu", checker.StatusNotApplicable, "not bound by pnr_directive (not party)", 60},
		fixtureStatus{"prum-dna", checker.StatusNotApplicable, "not bound by prum (pending)", 40},
		fixtureStatus{"sis-ftf-alerts", checker.StatusUnknown, "SIS II alerts on foreign terrorist fighters: no source confirms the status", 150},
	)
}

// embeddedPolicies is a policy set as the engine names the embedded bundle.
func embeddedPolicies() *checker.PolicySet {
	d := "sha256:" + strings.Repeat("e", 64)
	return &checker.PolicySet{Name: "embedded, gapcheck v1.2.0", Digest: d,
		Layers: []checker.PolicyLayer{{Embedded: true, Version: "v1.2.0", Digest: d}}}
}

// checkoutPolicies is a policy set of a modified checkout and an add-on, whose
// names need escaping in Markdown.
func checkoutPolicies() *checker.PolicySet {
	return &checker.PolicySet{
		Name:   "./policies (modified, sha256:111111111111) + ./my_add-on|<b> (sha256:222222222222)",
		Digest: "sha256:" + strings.Repeat("3", 64),
		Layers: []checker.PolicyLayer{
			{Dir: "policies", Modified: true, Digest: "sha256:" + strings.Repeat("1", 64)},
			{Dir: "my_add-on|<b>", AddOn: true, Digest: "sha256:" + strings.Repeat("2", 64)},
		},
	}
}

// oneState is the run over Belgium alone, judged by the embedded policies.
func oneState() *Run {
	return &Run{Reports: []*checker.Report{belgium()}, Recommendations: fixtureCatalogue(), Policies: embeddedPolicies()}
}

// threeStates is the run over the three fixture states: the EU-wide view, judged
// by a checkout's policies and an add-on.
func threeStates() *Run {
	return &Run{Reports: []*checker.Report{belgium(), france(), norway()}, Recommendations: fixtureCatalogue(), Policies: checkoutPolicies()}
}

// threeStatesOverTime is threeStates with the histories that led to its reports,
// for the formats that show the trend.
func threeStatesOverTime() *Run {
	run := threeStates()
	earlier := []map[string]checker.Status{
		{"prum-dna": checker.StatusGap, "pnr-piu": checker.StatusNotYetDue, "national-ftf-database": checker.StatusGap},
		{"prum-dna": checker.StatusMet, "pnr-piu": checker.StatusNotYetDue, "national-ftf-database": checker.StatusPartial},
	}
	for _, r := range run.Reports {
		p := r.Profile
		h := fixtureHistory(p.Path, p.Country, p.Name, p.AsOf, []string{"2015-01-01", "2015-09-30"}, earlier)
		h.Dates = append(h.Dates, r.At)
		h.Reports = append(h.Reports, r)
		run.Histories = append(run.Histories, h)
	}
	return run
}

// filteredRun is threeStates through a filter: gaps and partial gaps of the high
// and critical recommendations, named by globs and an id.
func filteredRun() *Run {
	run := threeStates()
	return NewRun(run.Reports, run.Recommendations, &checker.Filter{
		Statuses:        []checker.Status{checker.StatusGap, checker.StatusPartial},
		Severities:      []checker.Severity{checker.SeverityCritical, checker.SeverityHigh},
		Recommendations: []string{"pnr-*", "prum-dna", "sis-*", "border-*"},
	})
}

// withUnit is threeStates with a profile of a part of Belgium (a unit): a second
// column, row and section for Belgium, labelled by its identity.
func withUnit() *Run {
	run := threeStates()
	unit := fixtureReport("profiles/belgium-brussels.yaml", "BE", "Belgium",
		fixtureStatus{"prum-dna", checker.StatusGap, "Prüm DNA exchange: none", 30},
		fixtureStatus{"pnr-piu", checker.StatusMet, "Passenger Information Unit: operational", 40})
	unit.Profile.Unit = "Zone Bruxelles"
	run.Reports = append(run.Reports, unit)
	return run
}

// thirtyTwoStates is a run over the 32 states of the map, each with the fixture
// catalogue's findings in statuses that differ from state to state: the width of
// the shipped EU-wide view, on data built by hand.
func thirtyTwoStates() *Run {
	cycle := []checker.Status{checker.StatusMet, checker.StatusUnknown, checker.StatusGap, checker.StatusPartial, checker.StatusUnknown,
		checker.StatusNotApplicable, checker.StatusMet, checker.StatusNotYetDue, checker.StatusUnknown}
	run := &Run{Recommendations: fixtureCatalogue()}
	for i, s := range geo.Europe().States {
		var statuses []fixtureStatus
		for j, rec := range fixtureCatalogue() {
			st := cycle[(i+j*2)%len(cycle)]
			statuses = append(statuses, fixtureStatus{rec.ID, st, rec.Title + ": " + label(st), 100 + j})
		}
		run.Reports = append(run.Reports, fixtureReport("profiles/"+strings.ToLower(s.Code)+".yaml", s.Code, s.Name, statuses...))
	}
	return run
}

func renderString(t *testing.T, format string, o Options, run *Run) string {
	t.Helper()
	r, err := New(format, o)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, run); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// checkGolden compares got with testdata/name (go test -update rewrites it).
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}
