package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestJSONReportSchema validates the JSON report, in its fullest form (every state,
// so with the overview; a waivers file with applied, expired and orphaned waivers),
// in its smallest (one state, no waivers), and filtered, against docs/report.schema.json, the
// documented contract.
func TestJSONReportSchema(t *testing.T) {
	waivers := filepath.Join(t.TempDir(), "waivers.yaml")
	writeFile(t, waivers, `waivers:
  - recommendation: "pnr-*"
    country: BE
    justification: The PNR bill is before parliament.
    owner: jane.doe@example.org
    expires: 2999-12-31
  - recommendation: national-ftf-database
    country: BE
    justification: Expired on purpose.
    owner: jane.doe@example.org
    expires: 2001-01-01
  - recommendation: "sis-*"
    country: "*"
    justification: Matches no gap.
    owner: jane.doe@example.org
    expires: 2999-12-31
`)
	for name, args := range map[string][]string{
		"all states with waivers": {"--format", "json", "--fail-on", "never", "--waivers", waivers, "profiles/"},
		"one state":               {"--format", "json", "--fail-on", "never", "profiles/belgium.yaml"},
		"filtered":                {"--format", "json", "--fail-on", "never", "--status", "gap,met", "--severity", "high", "--recommendation", "prum-*", "profiles/"},
	} {
		t.Run(name, func(t *testing.T) { assertFollowsSchema(t, "docs/report.schema.json", args) })
	}
}

// assertFollowsSchema runs gapcheck with args on the shipped profiles and
// validates its output against the JSON schema at path (from the module root).
func assertFollowsSchema(t *testing.T, path string, args []string) {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile(filepath.Join(moduleRoot, path))
	if err != nil {
		t.Fatal(err)
	}
	got := run(t, moduleRoot, nil, args...)
	if got.code != 0 {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(got.stdout))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Errorf("the output does not follow %s:\n%v", path, err)
	}
}

// TestJSONTimelineSchema validates gapcheck timeline --format json on the shipped
// profiles, one state and all of them with the trend, against
// docs/timeline.schema.json.
func TestJSONTimelineSchema(t *testing.T) {
	for name, args := range map[string][]string{
		"one state":             {"timeline", "--format", "json", "profiles/denmark.yaml"},
		"all states, the trend": {"timeline", "--format", "json", "--every", "1y", "profiles/"},
	} {
		t.Run(name, func(t *testing.T) { assertFollowsSchema(t, "docs/timeline.schema.json", args) })
	}
}
