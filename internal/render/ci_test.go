package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchemaFile is the SARIF 2.1.0 JSON Schema; see testdata/sarif-schema-2.1.0.md
// for where it comes from.
const sarifSchemaFile = "testdata/sarif-schema-2.1.0.json"

// compileSARIFSchema compiles the SARIF 2.1.0 schema with format assertions on
// (uri, uri-reference, ...).
func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	schema := compileSARIFSchema(t)
	runs := map[string]*Run{"belgium with every status": oneState(), "two states": threeStates(), "empty": {}}
	for name, run := range runs {
		t.Run(name, func(t *testing.T) {
			out := renderString(t, FormatSARIF, Options{Version: "v1.2.3"}, run)
			doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(doc); err != nil {
				t.Errorf("invalid SARIF: %v", err)
			}
		})
	}
}

// TestSchemaCatchesInvalidSARIF makes sure the schema test has teeth.
func TestSchemaCatchesInvalidSARIF(t *testing.T) {
	schema := compileSARIFSchema(t)
	out := renderString(t, FormatSARIF, Options{}, oneState())
	for _, broken := range []string{
		strings.Replace(out, `"level": "note"`, `"level": "info"`, 1),
		strings.Replace(out, `"startLine": `, `"startLine": -`, 1),
		strings.Replace(out, `"version": "2.1.0"`, `"version": "2.0.0"`, 1),
	} {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(broken))
		if err != nil {
			t.Fatal(err)
		}
		if schema.Validate(doc) == nil {
			t.Errorf("schema accepted a broken log")
		}
	}
}

// TestSARIFResults checks what the schema cannot: results point at their rules,
// fingerprints are distinct, met and not applicable findings are not results, and
// a waived finding is suppressed with its justification.
func TestSARIFResults(t *testing.T) {
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID                   string
						HelpURI              string
						DefaultConfiguration struct{ Level string }
					}
				}
			}
			Results []struct {
				RuleID              string
				RuleIndex           int
				Level               string
				PartialFingerprints map[string]string
				Suppressions        []struct{ Kind, Justification string }
				Properties          struct{ Status, Country string }
				Locations           []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine int }
					}
				}
			}
		}
	}
	run := threeStates()
	if err := json.Unmarshal([]byte(renderString(t, FormatSARIF, Options{}, run)), &log); err != nil {
		t.Fatal(err)
	}
	rules, results := log.Runs[0].Tool.Driver.Rules, log.Runs[0].Results
	if len(rules) != len(run.Recommendations) {
		t.Errorf("%d rules, want one per recommendation (%d)", len(rules), len(run.Recommendations))
	}
	want := 0
	for _, r := range run.Reports {
		want += len(r.Findings) - r.Summary.Counts.Met - r.Summary.Counts.NotApplicable - r.Summary.Counts.NotYetDue - r.Summary.Counts.Unknown
	}
	if len(results) != want {
		t.Errorf("%d results, want %d (every finding but met, not yet due, not applicable and unknown)", len(results), want)
	}
	seen := map[string]bool{}
	for _, res := range results {
		if rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has ruleIndex %d, which is rule %s", res.RuleID, res.RuleIndex, rules[res.RuleIndex].ID)
		}
		fp := res.PartialFingerprints[fingerprintKey]
		if fp == "" || seen[fp] {
			t.Errorf("result %s/%s: fingerprint %q missing or not unique", res.Properties.Country, res.RuleID, fp)
		}
		seen[fp] = true
		loc := res.Locations[0].PhysicalLocation
		if !strings.HasPrefix(loc.ArtifactLocation.URI, "profiles/") || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.Region.StartLine < 1 {
			t.Errorf("result %s: location %+v", res.RuleID, loc)
		}
	}

	log.Runs = nil
	if err := json.Unmarshal([]byte(renderString(t, FormatSARIF, Options{}, oneState())), &log); err != nil {
		t.Fatal(err)
	}
	levels := map[string]string{}
	for _, res := range log.Runs[0].Results {
		levels[res.RuleID] = res.Level
		if res.RuleID == "pnr-legislation" {
			if len(res.Suppressions) != 1 || res.Suppressions[0].Kind != "external" || !strings.HasPrefix(res.Suppressions[0].Justification, "PNR bill") {
				t.Errorf("waived result: suppressions %+v", res.Suppressions)
			}
		} else if len(res.Suppressions) != 0 {
			t.Errorf("result %s (%s) is suppressed", res.RuleID, res.Properties.Status)
		}
	}
	wantLevels := map[string]string{
		"pnr-piu":               "error",   // gap, high
		"national-ftf-database": "warning", // partial, medium
		"pnr-legislation":       "error",   // waived gap, high: suppressed, not downgraded
		"aml-transposition":     "error",   // error
	}
	for id, want := range wantLevels {
		if levels[id] != want {
			t.Errorf("%s: level %q, want %q", id, levels[id], want)
		}
	}
	for _, id := range []string{"prum-dna", "firearms-deactivation", "sis-ftf-alerts"} {
		if _, ok := levels[id]; ok {
			t.Errorf("%s is met, not applicable or unknown, yet a result", id)
		}
	}
}

func TestArtifactURI(t *testing.T) {
	tests := []struct{ path, uri, base string }{
		{"profiles/belgium.yaml", "profiles/belgium.yaml", "%SRCROOT%"},
		{"my profiles/é.yaml", "my%20profiles/%C3%A9.yaml", "%SRCROOT%"},
		{"/srv/profiles/belgium.yaml", "file:///srv/profiles/belgium.yaml", ""},
	}
	for _, tt := range tests {
		uri, base := artifactURI(tt.path)
		if uri != tt.uri || base != tt.base {
			t.Errorf("artifactURI(%q) = %q, %q; want %q, %q", tt.path, uri, base, tt.uri, tt.base)
		}
	}
}

// TestJUnitParses reads the JUnit output back as XML: one test case per
// recommendation per profile, and counts that agree with the test cases.
func TestJUnitParses(t *testing.T) {
	type problem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
	type testcase struct {
		Name      string   `xml:"name,attr"`
		Classname string   `xml:"classname,attr"`
		Failure   *problem `xml:"failure"`
		Error     *problem `xml:"error"`
		Skipped   *problem `xml:"skipped"`
	}
	type counts struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Errors   int `xml:"errors,attr"`
		Skipped  int `xml:"skipped,attr"`
	}
	type suite struct {
		Name string `xml:"name,attr"`
		counts
		Cases []testcase `xml:"testcase"`
	}
	var doc struct {
		XMLName xml.Name
		counts
		Suites []suite `xml:"testsuite"`
	}
	for name, tc := range map[string]struct {
		run  *Run
		opts Options
	}{"two states": {threeStates(), Options{}}, "every status": {oneState(), Options{}}, "unknown fails": {oneState(), Options{UnknownFails: true}}} {
		t.Run(name, func(t *testing.T) {
			out := renderString(t, FormatJUnit, tc.opts, tc.run)
			doc.Suites = nil
			if err := xml.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.XMLName.Local != "testsuites" || len(doc.Suites) != len(tc.run.Reports) {
				t.Fatalf("<%s> with %d suites, want <testsuites> with %d", doc.XMLName.Local, len(doc.Suites), len(tc.run.Reports))
			}
			cases, failures := 0, 0
			for i, s := range doc.Suites {
				report := tc.run.Reports[i]
				if s.Name != report.Profile.Path || len(s.Cases) != len(tc.run.Recommendations) || s.Tests != len(s.Cases) {
					t.Errorf("suite %q: %d cases, tests=%d; want %q with one case per recommendation (%d)", s.Name, len(s.Cases), s.Tests, report.Profile.Path, len(tc.run.Recommendations))
				}
				var f, e, sk int
				for _, c := range s.Cases {
					if c.Classname != report.Profile.Country || !strings.Contains(c.Name, ": ") {
						t.Errorf("test case %q in class %q", c.Name, c.Classname)
					}
					if c.Failure != nil {
						f++
						if !strings.Contains(c.Failure.Text, "legal basis: ") || !strings.Contains(c.Failure.Text, "at "+report.Profile.Path+":") {
							t.Errorf("failure of %s lacks location or legal basis: %q", c.Name, c.Failure.Text)
						}
					}
					if c.Error != nil {
						e++
					}
					if c.Skipped != nil {
						sk++
					}
				}
				c := report.Summary.Counts
				wantFailures, wantSkipped := c.Gap+c.Partial, c.NotApplicable+c.NotYetDue+c.Waived+c.Unknown
				if tc.opts.UnknownFails {
					wantFailures, wantSkipped = wantFailures+c.Unknown, wantSkipped-c.Unknown
				}
				if f != wantFailures || s.Failures != f || e != c.Error || s.Errors != e || sk != wantSkipped || s.Skipped != sk {
					t.Errorf("suite %s: %d failures (attr %d, want %d), %d errors (attr %d, want %d), %d skipped (attr %d, want %d)",
						s.Name, f, s.Failures, wantFailures, e, s.Errors, c.Error, sk, s.Skipped, wantSkipped)
				}
				cases += len(s.Cases)
				failures += f
			}
			if want := len(tc.run.Reports) * len(tc.run.Recommendations); cases != want || doc.Tests != want {
				t.Errorf("%d test cases (tests=%d), want profiles × recommendations = %d", cases, doc.Tests, want)
			}
			if doc.Failures != failures {
				t.Errorf("testsuites failures=%d, want %d", doc.Failures, failures)
			}
		})
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got, want := escapeData("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b"; got != want {
		t.Errorf("escapeData = %q, want %q", got, want)
	}
	if got, want := escapeProperty("a:b,c%\n"), "a%3Ab%2Cc%25%0A"; got != want {
		t.Errorf("escapeProperty = %q, want %q", got, want)
	}
}

func TestGitHubAnnotations(t *testing.T) {
	run := oneState()
	out := renderString(t, FormatGitHub, Options{}, run)
	commands := map[string]string{} // id -> command
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		cmd, rest, ok := strings.Cut(line, " ")
		if !strings.HasPrefix(line, "::") || !ok {
			continue
		}
		props, _, _ := strings.Cut(rest, "::")
		title := props[strings.Index(props, "title=")+len("title="):]
		id, _, _ := strings.Cut(title, " ")
		commands[id] = strings.TrimPrefix(cmd, "::")
	}
	want := map[string]string{
		"pnr-piu":               "error",   // gap, high
		"national-ftf-database": "warning", // partial, medium
		"aml-transposition":     "error",   // error
	}
	for id, cmd := range want {
		if commands[id] != cmd {
			t.Errorf("%s: ::%s, want ::%s", id, commands[id], cmd)
		}
	}
	for _, id := range []string{"pnr-legislation", "prum-dna", "firearms-deactivation", "sis-ftf-alerts"} {
		if c, ok := commands[id]; ok {
			t.Errorf("%s (waived, met, not applicable or unknown) is annotated with ::%s", id, c)
		}
	}
	if !strings.Contains(out, "::error file=profiles/belgium.yaml,line=212,col=") {
		t.Errorf("no annotation on the PIU's line:\n%s", out)
	}
}

// TestGitHubStepSummary: the github format writes the Markdown report to the step
// summary, and nothing there without one.
func TestGitHubStepSummary(t *testing.T) {
	run := oneState()
	var summary bytes.Buffer
	withSummary := renderString(t, FormatGitHub, Options{StepSummary: &summary}, run)
	md := renderString(t, FormatMarkdown, Options{}, run)
	if !strings.HasSuffix(summary.String(), "\n\n"+md) || !strings.Contains(summary.String(), "unknown findings in 1 states") {
		t.Errorf("step summary is not the annotation count and the Markdown report:\n%s", summary.String())
	}
	if without := renderString(t, FormatGitHub, Options{}, run); without != withSummary {
		t.Error("the step summary changed the workflow commands")
	}
}

func TestSARIFToolVersion(t *testing.T) {
	for in, want := range map[string]string{"v1.2.3": "1.2.3", "1.2.3": "1.2.3", "(devel)": "", "": "", "vnext": ""} {
		if got := sarifToolVersion(in); got != want {
			t.Errorf("sarifToolVersion(%q) = %q, want %q", in, got, want)
		}
	}
}
