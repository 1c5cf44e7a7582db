package checker

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func newEngine(t testing.TB, opts ...Option) *Engine {
	t.Helper()
	e, err := NewEngine(context.Background(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// loadBelgium loads testdata/belgium.yaml, a frozen copy of a shipped profile: the
// engine's tests must not move when the shipped data is corrected.
func loadBelgium(t testing.TB) *Profile {
	t.Helper()
	p, err := newLoader(t).LoadFile(os.DirFS("testdata"), "belgium.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestEvaluateBelgium pins the findings of the fixture profile: their status and
// the line of the fact they rest on. A recommendation added to the embedded
// policies only adds a finding.
func TestEvaluateBelgium(t *testing.T) {
	r, err := newEngine(t).Evaluate(context.Background(), loadBelgium(t))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Status{
		"aml-transposition": StatusNotYetDue, "api-transmission": StatusUnknown,
		"border-sltd-checks": StatusNotYetDue, "border-systematic-checks": StatusUnknown,
		"ecris-connected": StatusMet, "eurojust-terrorism-reporting": StatusUnknown,
		"europol-ectc-secondment": StatusUnknown, "europol-eis-contribution": StatusUnknown,
		"europol-fp-travellers": StatusUnknown, "explosives-precursors": StatusUnknown,
		"firearms-deactivation": StatusNotYetDue, "national-ct-coordination": StatusMet,
		"national-ftf-database": StatusGap, "pnr-legislation": StatusNotYetDue, "pnr-piu": StatusNotYetDue,
		"prum-dna": StatusMet, "prum-fingerprints": StatusMet, "prum-vehicle-registration": StatusUnknown,
		"sis-connected": StatusMet, "sis-ftf-alerts": StatusUnknown, "sltd-feed": StatusUnknown,
	}
	recs := newEngine(t).Recommendations()
	if len(r.Findings) != len(recs) {
		t.Errorf("got %d findings, want one per recommendation (%d)", len(r.Findings), len(recs))
	}
	for id, status := range want {
		if f := findingByID(t, r, id); f.Status != status {
			t.Errorf("%s: status %s, want %s (%s)", id, f.Status, status, f.Message)
		}
	}
	dna := findingByID(t, r, "prum-dna")
	if dna.Location != (Location{File: "belgium.yaml", Line: 68, Column: 3}) || dna.Severity != SeverityHigh ||
		dna.Deadline != "2011-08-26" || dna.Message != "Prüm DNA exchange: operational" {
		t.Errorf("prum-dna = %+v", dna)
	}
	if got := sourceIDs(dna.Sources); got != "P20,P23,E1" {
		t.Errorf("prum-dna sources = %s, want P20,P23,E1 (the fact's, then the EU membership's)", got)
	}
	if dna.EvidenceDate != "2016-03-01" || dna.EvidenceAge == nil || *dna.EvidenceAge != 0 || len(dna.Law) != 1 || dna.Law[0].ID != "prum" || dna.Law[0].Due != "2011-08-26" {
		t.Errorf("prum-dna evidence %s (age %v), law %+v", dna.EvidenceDate, dna.EvidenceAge, dna.Law)
	}
	if r.Summary != Summarize(r.Findings) {
		t.Errorf("summary = %+v, want %+v", r.Summary, Summarize(r.Findings))
	}
}

func findingByID(t testing.TB, r *Report, id string) Finding {
	t.Helper()
	for _, f := range r.Findings {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("no finding %s", id)
	return Finding{}
}

func sourceIDs(ss []Source) string {
	ids := make([]string, len(ss))
	for i, s := range ss {
		ids[i] = s.ID
	}
	return strings.Join(ids, ",")
}

const meta = `# METADATA
# title: Test recommendation
# description: A test.
# related_resources:
#   - ref: https://example.org/basis
# custom:
#   severity: high
#   legal_basis: Test Act
#   reads: [prum.dna]
`

func extra(files map[string]string) Option {
	m := fstest.MapFS{}
	for name, src := range files {
		m[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return WithPolicies(PolicySource{FS: m, Dir: "extra"})
}

// TestPolicyErrors checks that every kind of broken policy stops the engine with
// file:line and a message, never a pass.
func TestPolicyErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"syntax", meta + "package gapcheck.rules.x.y\n\nresult := {\n", "load policies: extra/x.rego:13: unexpected eof token\n\tresult := {\n\t          ^\nextra/x.rego:13: unexpected eof token: expected rule value term (e.g., result := <VALUE> { ... })"},
		{"not rego v1", meta + "package gapcheck.rules.x.y\n\nresult[\"a\"] { true }\n", "load policies: extra/x.rego:12:1: `if` keyword is required before rule body\nextra/x.rego:12:1: `contains` keyword is required for partial set rules"},
		{"strict unused var", meta + "package gapcheck.rules.x.y\n\nresult := 1 if {\n\tx := 2\n}\n", "compile policies: extra/x.rego:13:2: assigned var x unused"},
		{"refused builtin", meta + "package gapcheck.rules.x.y\n\nresult := http.send({\"method\": \"get\", \"url\": \"http://127.0.0.1\"})\n", "compile policies: extra/x.rego:12:11: undefined function http.send"},
		{"refused env", meta + "package gapcheck.rules.x.y\n\nresult := opa.runtime().env\n", "compile policies: extra/x.rego:12:11: undefined function opa.runtime"},
		{"no metadata", "package gapcheck.rules.x.y\n\nresult := 1\n", "read recommendation metadata: extra/x.rego:1:1: recommendation x-y: no package METADATA; want title, description, related_resources and custom severity, legal_basis and reads"},
		{"bad severity", strings.Replace(meta, "severity: high", "severity: urgent", 1) + "package gapcheck.rules.x.y\n\nresult := 1\n", "read recommendation metadata: extra/x.rego:1:1: recommendation x-y: METADATA custom.severity: invalid severity \"urgent\": want one of critical, high, medium, low"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewEngine(context.Background(), extra(map[string]string{"x.rego": tt.src}))
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error:\n got: %s\nwant: %s", got, tt.want)
			}
			var perrs PolicyErrors
			if !errors.As(err, &perrs) {
				t.Errorf("got %T, want PolicyErrors", err)
			}
		})
	}
}

// TestMetadataContractAtCompileTime: what lint refuses about the catalogue, every
// engine refuses, before anything is evaluated: a finding no METADATA describes, a
// second recommendation with an id, a link that is not http(s), a key OPA or
// gapcheck would ignore.
func TestMetadataContractAtCompileTime(t *testing.T) {
	result := "\n\nresult := {\"status\": \"met\", \"message\": \"m\", \"paths\": [\"prum.dna\"]}\n"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"two packages with one id", map[string]string{
			"gapcheck/rules/prum_x/y/y.rego":   meta + "package gapcheck.rules.prum_x.y" + result,
			"gapcheck/rules/prum/x_y/x_y.rego": meta + "package gapcheck.rules.prum.x_y" + result,
		}, "read recommendation metadata: extra/gapcheck/rules/prum_x/y/y.rego:10:1: recommendation id prum-x-y is also the id of package gapcheck.rules.prum.x_y: rename one"},
		{"a package one level below gapcheck.rules", map[string]string{"x.rego": meta + "package gapcheck.rules.prum_dna" + result},
			"read recommendation metadata: extra/x.rego:10:1: package gapcheck.rules.prum_dna is not two levels below gapcheck.rules: want gapcheck.rules.<area>.<name>, the only depth the entrypoint reads"},
		{"a rule of another package below gapcheck.rules", map[string]string{"x.rego": "package gapcheck.rules\n\nprum_dna.x.result := {\"status\": \"met\", \"message\": \"m\", \"paths\": [\"prum.dna\"]}\n"},
			`read recommendation metadata: extra/x.rego:3:1: rule prum_dna.x.result of package gapcheck.rules defines data.gapcheck.rules.prum_dna.x.result, below gapcheck.rules outside a recommendation package: the entrypoint would read it as a finding; want a package gapcheck.rules.<area>.<name>`},
		{"a javascript: ref", map[string]string{"x.rego": strings.Replace(meta, "https://example.org/basis", "javascript:alert(1)", 1) + "package gapcheck.rules.x.y" + result},
			`read recommendation metadata: extra/x.rego:5:12: recommendation x-y: related_resources ref "javascript:alert(1)" is not an http(s) link`},
		{"a misspelt custom key", map[string]string{"x.rego": strings.Replace(meta, "#   reads:", "#   dealine: \"2016-01-01\"\n#   reads:", 1) + "package gapcheck.rules.x.y" + result},
			`read recommendation metadata: extra/x.rego:9:5: recommendation x-y: METADATA key custom.dealine is unknown (did you mean custom.deadline?); want one of applies_from, deadline, legal_basis, max_evidence_age, max_observation_age, reads, severity`},
		{"a misspelt key", map[string]string{"x.rego": strings.Replace(meta, "# description:", "# descripton: x\n# description:", 1) + "package gapcheck.rules.x.y" + result},
			`read recommendation metadata: extra/x.rego:3:3: recommendation x-y: METADATA key descripton is unknown (did you mean description?); OPA ignores it`},
		{"data below gapcheck.rules", map[string]string{"gapcheck/rules/x/y/data.json": `{"result": {"status": "met", "message": "m", "paths": ["prum.dna"]}}`,
			"gapcheck/rules/x/z/z.rego": meta + "package gapcheck.rules.x.z" + result},
			`extra/gapcheck/rules/x/y/data.json: a data file at data.gapcheck.rules.x.y: want no data below gapcheck.rules, where the entrypoint reads every recommendation's result`},
		{"data reaching below gapcheck.rules", map[string]string{"gapcheck/data.yaml": "rules:\n  x:\n    y:\n      result: {status: met}\n",
			"gapcheck/rules/x/z/z.rego": meta + "package gapcheck.rules.x.z" + result},
			`extra/gapcheck/data.yaml: a data file at data.gapcheck: want no data below gapcheck.rules, where the entrypoint reads every recommendation's result`},
		{"data of gapcheck's settings", map[string]string{"gapcheck/settings/data.json": `{"recommendations": {}}`,
			"gapcheck/rules/x/z/z.rego": meta + "package gapcheck.rules.x.z" + result},
			`extra/gapcheck/settings/data.json: a data file at data.gapcheck.settings: want no data below gapcheck.settings, which gapcheck computes from the recommendations' METADATA`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewEngine(context.Background(), extra(tt.files))
			if err == nil || err.Error() != tt.want {
				t.Errorf("error:\n got: %v\nwant: %s", err, tt.want)
			}
		})
	}
}

func TestEvaluationConflictIsAnError(t *testing.T) {
	src := meta + `package gapcheck.rules.x.y

result := {"status": "met", "message": "a", "paths": ["prum.dna"]} if input.country == "BE"

result := {"status": "gap", "message": "b", "paths": ["prum.dna"]} if input.name == "Belgium"
`
	e := newEngine(t, extra(map[string]string{"x.rego": src}))
	_, err := e.Evaluate(context.Background(), loadBelgium(t))
	want := `evaluate belgium.yaml: extra/x.rego:14:1: rule data.gapcheck.rules.x.y.result produced conflicting values:
  {"message": "a", "paths": ["prum.dna"], "status": "met"} at extra/x.rego:12
  {"message": "b", "paths": ["prum.dna"], "status": "gap"} at extra/x.rego:14 (eval_conflict_error)`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got: %v\nwant: %s", err, want)
	}
}

func TestEvaluationTimeout(t *testing.T) {
	src := meta + `package gapcheck.rules.x.y

result := {"status": "unknown", "message": "slow", "paths": ["prum.dna"]} if {
	count([x | some x in numbers.range(1, 100000000); x % 7 == 0]) > 0
}
`
	e := newEngine(t, extra(map[string]string{"x.rego": src}), WithTimeout(50*time.Millisecond))
	_, err := e.Evaluate(context.Background(), loadBelgium(t))
	var te *TimeoutError
	if !errors.As(err, &te) || err.Error() != "evaluate belgium.yaml: evaluation took longer than the limit of 50ms" {
		t.Errorf("got %v", err)
	}
}

// TestNoSilentPass checks that results the engine cannot trust become error findings.
func TestNoSilentPass(t *testing.T) {
	tests := []struct {
		name, rule, want string
	}{
		{"no result", `result := 1 if false`, "the policy gave no result for this profile"},
		{"bad status", `result := {"status": "fine", "message": "m", "paths": ["prum.dna"]}`, `the policy gave an invalid status "fine"`},
		{"no paths", `result := {"status": "gap", "message": "m", "paths": []}`, "the policy named no profile path its result rests on"},
		{"met without source", `result := {"status": "met", "message": "m", "paths": ["eurojust.terrorism_reporting"]}`, `the policy said "met", but none of the facts it rests on cites a source`},
		{"partial without source", `result := {"status": "partial", "message": "m", "paths": ["eurojust.terrorism_reporting"]}`, `the policy said "partial", but none of the facts it rests on cites a source`},
		{"not applicable on nothing", `result := {"status": "not_applicable", "message": "m", "paths": ["eurojust.terrorism_reporting"]}`,
			`the policy said "not_applicable", but it rests on no sourced fact and no instrument of the law catalogue`},
		{"law the catalogue lacks", `result := {"status": "not_applicable", "message": "m", "paths": ["eurojust.terrorism_reporting"], "law": ["nope"]}`,
			`the policy named "nope", which the law catalogue does not hold`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine(t, extra(map[string]string{"x.rego": meta + "package gapcheck.rules.x.y\n\n" + tt.rule + "\n"}))
			r, err := e.Evaluate(context.Background(), loadBelgium(t))
			if err != nil {
				t.Fatal(err)
			}
			f := findingByID(t, r, "x-y")
			if f.Status != StatusError || f.Message != tt.want {
				t.Errorf("got %s %q, want error %q", f.Status, f.Message, tt.want)
			}
			if r.Summary.Counts.Error != 1 {
				t.Errorf("summary counts %+v", r.Summary.Counts)
			}
		})
	}
}

// TestEntrypointFindingsOutsideTheCatalogue: an entrypoint replaced wholesale that
// gives a finding no recommendation describes is refused when evaluated.
func TestEntrypointFindingsOutsideTheCatalogue(t *testing.T) {
	e := newEngine(t, extra(map[string]string{"gapcheck/main/main.rego": `package gapcheck.main

findings := {"prum": {"dna": data.gapcheck.rules.prum.dna.result, "dna2": {"status": "met", "message": "m", "paths": ["prum.dna"]}}}
`}))
	_, err := e.Evaluate(context.Background(), loadBelgium(t))
	if want := "evaluate belgium.yaml: the entrypoint gave a finding for gapcheck.rules.prum.dna2, which is no recommendation of the catalogue"; err == nil || err.Error() != want {
		t.Errorf("error:\n got: %v\nwant: %s", err, want)
	}
}

// TestNotApplicableOnTheLaw: a not_applicable that rests on the law catalogue
// alone (no sourced fact) is a finding, not an error.
func TestNotApplicableOnTheLaw(t *testing.T) {
	e := newEngine(t, extra(map[string]string{"x.rego": meta + "package gapcheck.rules.x.y\n\n" +
		`result := {"status": "not_applicable", "message": "m", "paths": ["eurojust.terrorism_reporting"], "law": ["prum"]}` + "\n"}))
	r, err := e.Evaluate(context.Background(), loadBelgium(t))
	if err != nil {
		t.Fatal(err)
	}
	if f := findingByID(t, r, "x-y"); f.Status != StatusNotApplicable || len(f.Law) != 1 {
		t.Errorf("got %s %q, law %+v", f.Status, f.Message, f.Law)
	}
}

func TestReplacePackage(t *testing.T) {
	src := strings.Replace(meta, "Test recommendation", "Replaced DNA rule", 1) + `package gapcheck.rules.prum.dna

result := {"status": "gap", "message": "replaced", "paths": ["prum.dna"]}
`
	e := newEngine(t, extra(map[string]string{"dna.rego": src}))
	r, err := e.Evaluate(context.Background(), loadBelgium(t))
	if err != nil {
		t.Fatal(err)
	}
	if f := findingByID(t, r, "prum-dna"); f.Title != "Replaced DNA rule" || f.Status != StatusGap {
		t.Errorf("got %+v", f)
	}
}

func TestNoRecommendations(t *testing.T) {
	m := fstest.MapFS{"main.rego": {Data: []byte("package gapcheck.main\n\nfindings := {}\n")}}
	_, err := NewEngine(context.Background(), WithOnlyPolicies(PolicySource{FS: m, Dir: "only"}))
	if !errors.Is(err, ErrNoRecommendations) {
		t.Errorf("got %v", err)
	}
}

func TestEvaluateAllKeepsOrder(t *testing.T) {
	e := newEngine(t, WithWorkers(3))
	profiles := generateProfiles(t, 50, 5)
	reports, err := e.EvaluateAll(context.Background(), profiles)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range reports {
		if r.Profile.Path != profiles[i].File {
			t.Fatalf("report %d is for %s, want %s", i, r.Profile.Path, profiles[i].File)
		}
	}
}

func TestSummarize(t *testing.T) {
	fs := []Finding{{Status: StatusMet}, {Status: StatusMet}, {Status: StatusGap}, {Status: StatusUnknown}, {Status: StatusNotApplicable}, {Status: StatusWaived}}
	got := Summarize(fs)
	want := Summary{Total: 6, Counts: Counts{Met: 2, Gap: 1, Unknown: 1, NotApplicable: 1, Waived: 1}, Applicable: 5, MetShare: 0.4, EvidenceShare: 0.8}
	if got != want {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if (Summarize(nil) != Summary{}) {
		t.Error("empty summary should be zero")
	}
}
