package render

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapcheck/gapcheck/checker"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// belgiumRun evaluates the shipped Belgian profile.
func belgiumRun(t *testing.T) *Run {
	t.Helper()
	l, err := checker.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	p, err := l.LoadFile(os.DirFS("../.."), "profiles/belgium.yaml")
	if err != nil {
		t.Fatal(err)
	}
	e, err := checker.NewEngine(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Evaluate(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return &Run{Reports: []*checker.Report{r}, Recommendations: e.Recommendations()}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/render -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

func TestGolden(t *testing.T) {
	run := belgiumRun(t)
	tests := []struct {
		format, file string
		opts         Options
	}{
		{FormatTable, "belgium.table", Options{}},
		{FormatTable, "belgium-color.table", Options{Color: true}},
		{FormatJSON, "belgium.json", Options{}},
		{FormatMarkdown, "belgium.md", Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r, err := New(tt.format, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := r.Render(&buf, run); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.file, buf.Bytes())
		})
	}
}

// allRun evaluates every shipped profile: the EU-wide view.
func allRun(t *testing.T) *Run {
	t.Helper()
	l, err := checker.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("../../profiles/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var profiles []*checker.Profile
	for _, f := range files {
		p, err := l.LoadFile(os.DirFS("../.."), strings.TrimPrefix(f, "../../"))
		if err != nil {
			t.Fatal(err)
		}
		profiles = append(profiles, p)
	}
	e, err := checker.NewEngine(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	reports, err := e.EvaluateAll(context.Background(), profiles)
	if err != nil {
		t.Fatal(err)
	}
	return &Run{Reports: reports, Recommendations: e.Recommendations()}
}

func TestGoldenOverview(t *testing.T) {
	run := allRun(t)
	for _, tt := range []struct{ format, file string }{{FormatTable, "all.table"}, {FormatMarkdown, "all.md"}} {
		t.Run(tt.file, func(t *testing.T) {
			r, _ := New(tt.format, Options{})
			var buf bytes.Buffer
			if err := r.Render(&buf, run); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.file, buf.Bytes())
		})
	}
}

func TestJSONOverview(t *testing.T) {
	r, _ := New(FormatJSON, Options{})
	var buf bytes.Buffer
	if err := r.Render(&buf, allRun(t)); err != nil {
		t.Fatal(err)
	}
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
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	o := doc.Overview
	if doc.Version != 1 || len(doc.Reports) != 32 || len(o.Columns) != 32 || len(o.States) != 32 || len(o.Matrix) != len(o.Weakest) || len(o.Matrix) == 0 {
		t.Fatalf("unexpected overview shape: %d reports, %d columns, %d states, %d rows", len(doc.Reports), len(o.Columns), len(o.States), len(o.Matrix))
	}
	for _, row := range o.Matrix {
		if len(row.Statuses) != 32 {
			t.Errorf("%s: %d statuses", row.ID, len(row.Statuses))
		}
	}
}

func TestTableFitsEightyColumns(t *testing.T) {
	r, _ := New(FormatTable, Options{})
	var buf bytes.Buffer
	if err := r.Render(&buf, belgiumRun(t)); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(buf.String(), "\n") {
		if n := len([]rune(line)); n > 80 {
			t.Errorf("line %d is %d columns: %q", i+1, n, line)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	_, err := New("yaml", Options{})
	if err == nil || err.Error() != `unknown format "yaml": want one of github, json, junit, markdown, sarif, table` {
		t.Errorf("got %v", err)
	}
}

func TestPercentNeverRoundsUpToHundred(t *testing.T) {
	for share, want := range map[float64]string{0: "0%", 0.999: "99%", 1: "100%", 0.2381: "23%"} {
		if got := percent(share); got != want {
			t.Errorf("percent(%v) = %s, want %s", share, got, want)
		}
	}
}
