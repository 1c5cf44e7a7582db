package author

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapcheck/gapcheck/checker"
)

var update = flag.Bool("update", false, "rewrite the golden files (testdata/ and "+DocsFile+")")

// golden compares got with the file at path, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/author -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s is out of date (run gapcheck docs, or go test ./internal/author -update) (-want +got):\n%s", path, diff)
	}
}

func TestDocsGolden(t *testing.T) {
	recs := []checker.Recommendation{
		{
			ID: "demo-thing", Title: "A demo | measure", Description: "The state does the <demo> thing.",
			Severity: checker.SeverityHigh, LegalBasis: "Demo Act", Deadline: "2016-01-01",
			Reads:     []string{"prum.dna", "participation.instruments.prum"},
			Resources: []checker.Resource{{Description: "The demo act [Art. 2]", URL: "https://example.org/act"}, {URL: "https://example.org/bare"}},
			File:      "policies/gapcheck/rules/demo/thing/thing.rego",
		},
		{
			ID: "other-measure", Title: "Another measure", Description: "Something else.",
			Severity: checker.SeverityLow, LegalBasis: "None", Reads: []string{"national.ct_coordination"},
			File: "policies/gapcheck/rules/other/measure/measure.rego",
		},
	}
	var buf bytes.Buffer
	if err := Docs(&buf, recs); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "docs.md"), buf.Bytes())
}

// TestDocsUpToDate fails when docs/recommendations.md no longer matches the METADATA
// of the embedded policies.
func TestDocsUpToDate(t *testing.T) {
	e, err := checker.NewEngine(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Docs(&buf, e.Recommendations()); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("..", "..", DocsFile), buf.Bytes())
}
