package author

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapcheck/gapcheck/checker"
)

const (
	thingDir    = "gapcheck/rules/demo/thing/"
	thingPolicy = `# METADATA
# title: A demo measure
# description: The state does the demo thing.
# related_resources:
#   - description: The demo act
#     ref: https://example.org/act
# custom:
#   severity: high
#   legal_basis: Demo Act
#   deadline: "2016-01-01"
#   reads:
#     - prum.dna
package gapcheck.rules.demo.thing

result := {"status": "met", "message": "ok", "paths": ["prum.dna"]}
`
	thingTest = `package gapcheck.rules.demo.thing_test

import data.gapcheck.rules.demo.thing

test_met if thing.result.status == "met"
`
)

// demoLib is a library whose METADATA names its one instrument function.
const demoLib = `# METADATA
# title: demo library
# custom:
#   instrument_functions:
#     - bound
package gapcheck.lib

bound(name) if input.participation.instruments[name].status == "bound"
`

func TestLint(t *testing.T) {
	edit := func(old, new string) string { return strings.Replace(thingPolicy, old, new, 1) }
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"clean", map[string]string{thingDir + "thing.rego": thingPolicy, thingDir + "thing_test.rego": thingTest}, nil},
		{"missing test file", map[string]string{thingDir + "thing.rego": thingPolicy}, []string{
			"fx/gapcheck/rules/demo/thing/thing.rego:13:1: recommendation demo-thing has no tests: want fx/gapcheck/rules/demo/thing/thing_test.rego beside it",
		}},
		{"test file without tests", map[string]string{thingDir + "thing.rego": thingPolicy, thingDir + "thing_test.rego": "package gapcheck.rules.demo.thing_test\n\nx := 1\n"}, []string{
			"fx/gapcheck/rules/demo/thing/thing_test.rego:1:1: recommendation demo-thing: fx/gapcheck/rules/demo/thing/thing_test.rego defines no test_ rule",
		}},
		{"missing title", map[string]string{thingDir + "thing.rego": edit("# title: A demo measure\n", ""), thingDir + "thing_test.rego": thingTest}, []string{
			"fx/gapcheck/rules/demo/thing/thing.rego:1:1: recommendation demo-thing: METADATA has no title",
		}},
		{"no metadata", map[string]string{thingDir + "thing.rego": thingPolicy[strings.Index(thingPolicy, "package"):], thingDir + "thing_test.rego": thingTest}, []string{
			"fx/gapcheck/rules/demo/thing/thing.rego:1:1: recommendation demo-thing: no package METADATA; want title, description, related_resources and custom severity, legal_basis and reads",
		}},
		{"bad severity, deadline and link", map[string]string{
			thingDir + "thing.rego":      strings.NewReplacer("severity: high", "severity: severe", "2016-01-01", "1 Jan 2016", "https://example.org/act", "ftp://example.org/act").Replace(thingPolicy),
			thingDir + "thing_test.rego": thingTest}, []string{
			"fx/gapcheck/rules/demo/thing/thing.rego:1:1: recommendation demo-thing: METADATA custom.severity: invalid severity \"severe\": want one of critical, high, medium, low",
			"fx/gapcheck/rules/demo/thing/thing.rego:1:1: recommendation demo-thing: METADATA custom.deadline 1 Jan 2016: want a date as \"YYYY-MM-DD\"",
			"fx/gapcheck/rules/demo/thing/thing.rego:6:12: recommendation demo-thing: related_resources ref \"ftp://example.org/act\" is not an http(s) link",
		}},
		{"package does not match directory", map[string]string{"gapcheck/rules/demo/other/thing.rego": thingPolicy, "gapcheck/rules/demo/other/thing_test.rego": thingTest}, []string{
			"fx/gapcheck/rules/demo/other/thing.rego:13:1: package gapcheck.rules.demo.thing does not match its directory fx/gapcheck/rules/demo/other: want the package path as the directory path (.../gapcheck/rules/demo/thing)",
			"fx/gapcheck/rules/demo/other/thing_test.rego:1:1: package gapcheck.rules.demo.thing_test does not match its directory fx/gapcheck/rules/demo/other: want the package path as the directory path (.../gapcheck/rules/demo/thing)",
		}},
		{"policy file named otherwise", map[string]string{thingDir + "main.rego": thingPolicy, thingDir + "thing_test.rego": thingTest}, []string{
			"fx/gapcheck/rules/demo/thing/main.rego:13:1: recommendation demo-thing: want its policy in fx/gapcheck/rules/demo/thing/thing.rego",
		}},
		{"reads a path not in the schema", map[string]string{thingDir + "thing.rego": edit("#     - prum.dna", "#     - prum.dnaa"), thingDir + "thing_test.rego": thingTest}, []string{
			"fx/gapcheck/rules/demo/thing/thing.rego:12:9: recommendation demo-thing: custom.reads \"prum.dnaa\" is not a path of the profile schema (profiles/profile.schema.json) (did you mean \"prum.dna\"?)",
			"fx/gapcheck/rules/demo/thing/thing.rego:15:56: recommendation demo-thing names profile path \"prum.dna\", which custom.reads does not list",
		}},
		{"names paths reads does not list", map[string]string{
			thingDir + "thing.rego": thingPolicy + `
_fact := ["prum", "fingerprints"]

_bound if input.participation.instruments.ecris.status == "bound"

_lib_call := data.gapcheck.lib.bound("europol")
`,
			"gapcheck/lib/lib.rego":      demoLib,
			thingDir + "thing_test.rego": thingTest}, []string{
			"fx/gapcheck/rules/demo/thing/thing.rego:17:10: recommendation demo-thing names profile path \"prum.fingerprints\", which custom.reads does not list",
			"fx/gapcheck/rules/demo/thing/thing.rego:19:11: recommendation demo-thing names profile path \"participation.instruments.ecris.status\", which custom.reads does not list",
			"fx/gapcheck/rules/demo/thing/thing.rego:21:38: recommendation demo-thing names profile path \"participation.instruments.europol\", which custom.reads does not list",
		}},
		{"library names a function it lacks", map[string]string{
			thingDir + "thing.rego":      thingPolicy,
			"gapcheck/lib/lib.rego":      strings.Replace(demoLib, "#     - bound\n", "#     - bound\n#     - binding\n", 1),
			thingDir + "thing_test.rego": thingTest}, []string{
			"fx/gapcheck/lib/lib.rego:1:1: library METADATA: custom.instrument_functions names \"binding\", which is not a function of gapcheck.lib",
		}},
		{"no result rule", map[string]string{thingDir + "thing.rego": edit("result :=", "outcome :="), thingDir + "thing_test.rego": strings.ReplaceAll(thingTest, "result", "outcome")}, []string{
			"fx/gapcheck/rules/demo/thing/thing.rego:13:1: recommendation demo-thing defines no result rule: want result := {\"status\", \"message\", \"paths\"}",
		}},
		{"too deep for the entrypoint", map[string]string{
			"gapcheck/rules/demo/deep/thing/thing.rego":      strings.Replace(thingPolicy, "demo.thing", "demo.deep.thing", 1),
			"gapcheck/rules/demo/deep/thing/thing_test.rego": strings.ReplaceAll(thingTest, "demo.thing", "demo.deep.thing")}, []string{
			"fx/gapcheck/rules/demo/deep/thing/thing.rego:13:1: package gapcheck.rules.demo.deep.thing is not two levels below gapcheck.rules: want gapcheck.rules.<area>.<name>, the only depth the entrypoint reads",
		}},
		{"every problem in one run", map[string]string{
			thingDir + "thing.rego": strings.NewReplacer("# title: A demo measure\n", "", "severity: high", "severty: high", "https://example.org/act", "javascript:alert(1)",
				"#     - prum.dna", "#     - prum.dnaa\n#     - pnr.piuu").Replace(thingPolicy),
			thingDir + "thing_test.rego": thingTest}, []string{
			"fx/gapcheck/rules/demo/thing/thing.rego:1:1: recommendation demo-thing: METADATA has no title",
			"fx/gapcheck/rules/demo/thing/thing.rego:1:1: recommendation demo-thing: METADATA has no custom.severity: want one of critical, high, medium, low",
			"fx/gapcheck/rules/demo/thing/thing.rego:5:12: recommendation demo-thing: related_resources ref \"javascript:alert(1)\" is not an http(s) link",
			"fx/gapcheck/rules/demo/thing/thing.rego:7:5: recommendation demo-thing: METADATA key custom.severty is unknown (did you mean custom.severity?); want one of applies_from, deadline, legal_basis, max_evidence_age, max_observation_age, reads, severity",
			"fx/gapcheck/rules/demo/thing/thing.rego:11:9: recommendation demo-thing: custom.reads \"prum.dnaa\" is not a path of the profile schema (profiles/profile.schema.json) (did you mean \"prum.dna\"?)",
			"fx/gapcheck/rules/demo/thing/thing.rego:12:9: recommendation demo-thing: custom.reads \"pnr.piuu\" is not a path of the profile schema (profiles/profile.schema.json) (did you mean \"pnr.piu\"?)",
			"fx/gapcheck/rules/demo/thing/thing.rego:15:56: recommendation demo-thing names profile path \"prum.dna\", which custom.reads does not list",
		}},
		{"a misspelt top-level key", map[string]string{thingDir + "thing.rego": edit("# related_resources:", "# related_resource:"), thingDir + "thing_test.rego": thingTest}, []string{
			"fx/gapcheck/rules/demo/thing/thing.rego:1:1: recommendation demo-thing: METADATA has no related_resources: link the legal basis and the documents that called for it",
			"fx/gapcheck/rules/demo/thing/thing.rego:4:3: recommendation demo-thing: METADATA key related_resource is unknown (did you mean related_resources?); OPA ignores it",
		}},
		{"two recommendations with one id", map[string]string{
			thingDir + "thing.rego": thingPolicy, thingDir + "thing_test.rego": thingTest,
			"gapcheck/rules/demo_thing/x/x.rego":            strings.Replace(thingPolicy, "demo.thing", "demo_thing.x", 1),
			"gapcheck/rules/demo_thing/x/x_test.rego":       strings.NewReplacer("demo.thing", "demo_thing.x", "thing.result", "x.result").Replace(thingTest),
			"gapcheck/rules/demo/thing_x/thing_x.rego":      strings.Replace(thingPolicy, "demo.thing", "demo.thing_x", 1),
			"gapcheck/rules/demo/thing_x/thing_x_test.rego": strings.NewReplacer("demo.thing", "demo.thing_x", "thing.result", "thing_x.result").Replace(thingTest)}, []string{
			"fx/gapcheck/rules/demo_thing/x/x.rego:13:1: recommendation id demo-thing-x is also the id of package gapcheck.rules.demo.thing_x: rename one",
		}},
		{"strict compile", map[string]string{thingDir + "thing.rego": thingPolicy + "\n_unused if {\n\tx := 1\n}\n", thingDir + "thing_test.rego": thingTest}, []string{
			"fx/gapcheck/rules/demo/thing/thing.rego:18:2: assigned var x unused",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems, err := Lint(context.Background(), []checker.PolicySource{demoSource(tt.files)}, 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range problems {
				got = append(got, p.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestLintCannotParse(t *testing.T) {
	_, err := Lint(context.Background(), []checker.PolicySource{demoSource(map[string]string{"a/a.rego": "package a\n\nallow if {\n"})}, 0)
	if err == nil || err.Error() != "load policies: fx/a/a.rego:4: unexpected eof token\n\tallow if {\n\t         ^" {
		t.Errorf("got %v", err)
	}
}

// TestEmbeddedPoliciesLintClean walks the embedded policies: every recommendation has
// its test file and its metadata, its package matches its directory, and it reads
// only what it declares.
func TestEmbeddedPoliciesLintClean(t *testing.T) {
	problems, err := Lint(context.Background(), []checker.PolicySource{checker.EmbeddedPolicies()}, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestInputPathsAreKnown: every path of an evaluation input is a path the linter
// accepts, so the linter's view of the input cannot drift from checker.Profile.At.
func TestInputPathsAreKnown(t *testing.T) {
	schema, err := loadProfileSchema()
	if err != nil {
		t.Fatal(err)
	}
	loader, err := checker.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	p, err := loader.LoadFile(os.DirFS("../../profiles"), "denmark.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var walk func(prefix string, v any)
	n := 0
	walk = func(prefix string, v any) {
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		for k, v := range m {
			path := strings.TrimPrefix(prefix+"."+k, ".")
			n++
			if !schema.has(path) {
				t.Errorf("input path %s is not a path the linter accepts", path)
			}
			walk(path, v)
		}
	}
	walk("", p.At(p.AsOf))
	if n < 100 {
		t.Errorf("walked %d paths; want the whole input of a profile", n)
	}
}
