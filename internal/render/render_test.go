package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gapcheck/gapcheck/checker"
)

// TestGolden renders the fixture runs in every format, with the options that
// change output.
func TestGolden(t *testing.T) {
	tests := []struct {
		name, format string
		opts         Options
		run          func() *Run
	}{
		{"one.table", FormatTable, Options{}, oneState},
		{"one-color.table", FormatTable, Options{Color: true}, oneState},
		{"one-wide.table", FormatTable, Options{Width: 200}, oneState},
		{"one.json", FormatJSON, Options{}, oneState},
		{"one.md", FormatMarkdown, Options{}, oneState},
		{"one.sarif", FormatSARIF, Options{Version: "v0.0.0-test"}, oneState},
		{"one.junit.xml", FormatJUnit, Options{}, oneState},
		{"one-unknown-fails.junit.xml", FormatJUnit, Options{UnknownFails: true}, oneState},
		{"one.github", FormatGitHub, Options{}, oneState},
		{"three.table", FormatTable, Options{}, threeStates},
		{"three.json", FormatJSON, Options{}, threeStates},
		{"three.md", FormatMarkdown, Options{}, threeStates},
		{"three.sarif", FormatSARIF, Options{Version: "v0.0.0-test"}, threeStates},
		{"three.junit.xml", FormatJUnit, Options{}, threeStates},
		{"three.github", FormatGitHub, Options{}, threeStates},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := renderString(t, tt.format, tt.opts, tt.run())
			if again := renderString(t, tt.format, tt.opts, tt.run()); again != first {
				t.Fatal("two renderings of the same run differ")
			}
			checkGolden(t, tt.name, []byte(first))
		})
	}
}

func TestCatalogueGolden(t *testing.T) {
	recs := fixtureCatalogue()
	recs[0].Title = "A demo | measure"
	recs[0].Description = "The state does the <demo> thing."
	recs[0].Resources = append(recs[0].Resources, checker.Resource{Description: "The demo act [Art. 2]", URL: "https://example.org/act"}, checker.Resource{URL: "https://example.org/bare"})
	for _, tt := range []struct{ name, format string }{{"catalogue.md", FormatMarkdown}, {"catalogue.table", FormatTable}, {"catalogue.json", FormatJSON}} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewCatalogue(tt.format, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := r.RenderCatalogue(&buf, recs); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tt.name, buf.Bytes())
		})
	}
}

func TestJSONOverview(t *testing.T) {
	var doc struct {
		Version  int
		Reports  []json.RawMessage
		Overview struct {
			Columns []string
			Matrix  []struct {
				ID       string
				Statuses []string
			}
			Weakest []struct{ ID string }
			States  []struct{ Rank int }
		}
	}
	if err := json.Unmarshal([]byte(renderString(t, FormatJSON, Options{}, threeStates())), &doc); err != nil {
		t.Fatal(err)
	}
	o := doc.Overview
	if doc.Version != JSONVersion || len(doc.Reports) != 3 || strings.Join(o.Columns, " ") != "BE FR NO" || len(o.States) != 3 || len(o.Matrix) != 8 || len(o.Weakest) != 8 {
		t.Fatalf("unexpected overview shape: %d reports, columns %v, %d states, %d rows, %d weakest", len(doc.Reports), o.Columns, len(o.States), len(o.Matrix), len(o.Weakest))
	}
	for _, row := range o.Matrix {
		if len(row.Statuses) != 3 {
			t.Errorf("%s: %d statuses", row.ID, len(row.Statuses))
		}
	}
	var one struct{ Overview *json.RawMessage }
	if err := json.Unmarshal([]byte(renderString(t, FormatJSON, Options{}, oneState())), &one); err != nil || one.Overview != nil {
		t.Errorf("one report has no overview: %v, %v", one.Overview, err)
	}
}

func TestTableFitsEightyColumns(t *testing.T) {
	for name, run := range map[string]*Run{"one": oneState(), "three": threeStates()} {
		for i, line := range strings.Split(renderString(t, FormatTable, Options{}, run), "\n") {
			if name == "three" {
				break // the EU-wide matrix needs a wide terminal; see issue #14
			}
			if n := len([]rune(line)); n > 80 {
				t.Errorf("%s: line %d is %d columns: %q", name, i+1, n, line)
			}
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{func() error { _, err := New("yaml", Options{}); return err }(), `unknown format "yaml": want one of github, json, junit, markdown, sarif, table`},
		{func() error { _, err := NewDiff("csv", Options{}); return err }(), `unknown diff format "csv": want one of github, json, junit, markdown, sarif, table`},
		{func() error { _, err := NewCatalogue("sarif", Options{}); return err }(), `unknown format "sarif": want one of json, markdown, table`},
	} {
		if tt.err == nil || tt.err.Error() != tt.want {
			t.Errorf("got %v, want %s", tt.err, tt.want)
		}
	}
}

func TestPercentNeverRoundsUpToHundred(t *testing.T) {
	for share, want := range map[float64]string{0: "0%", 0.999: "99%", 1: "100%", 0.2381: "23%"} {
		if got := percent(share); got != want {
			t.Errorf("percent(%v) = %s, want %s", share, got, want)
		}
	}
}

func TestMarkdownEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"a | b":        `a \| b`,
		"<script>":     "&lt;script&gt;",
		"two\nlines\r": "two lines",
		"  padded  ":   "padded",
	} {
		if got := mdCell(in); got != want {
			t.Errorf("mdCell(%q) = %q, want %q", in, got, want)
		}
	}
	if got, want := mdLinkText("[x] | y"), `\[x\] \| y`; got != want {
		t.Errorf("mdLinkText = %q, want %q", got, want)
	}
}
