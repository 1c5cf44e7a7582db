package checker

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gapcheck/gapcheck/internal/yamldoc"
	"go.yaml.in/yaml/v3"
)

// addShippedProfiles seeds a fuzz target with every shipped profile, read at run
// time so that the seeds follow the profiles. The broken cases, and every input the
// fuzzer found, are in testdata/fuzz/<FuzzName>/.
func addShippedProfiles(f *testing.F) {
	names, err := filepath.Glob("../profiles/*.yaml")
	if err != nil || len(names) == 0 {
		f.Fatalf("no shipped profiles: %v", err)
	}
	slices.Sort(names)
	for _, n := range names {
		f.Add(mustRead(f, n))
	}
	f.Add([]byte(minimal))
}

// FuzzLoadProfile checks the loader's promises on any input: it never panics; it
// returns a profile or a *ValidationError, never both or neither; every problem is
// named by the file, positioned within it (or is about the whole file) and listed in
// file order; the same input gives the same error text; a returned profile is valid
// when checked again.
func FuzzLoadProfile(f *testing.F) {
	addShippedProfiles(f)
	l := newLoader(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := l.Load("f.yaml", bytes.NewReader(src))
		if (p == nil) == (err == nil) {
			t.Fatalf("got profile %v and error %v; want exactly one", p != nil, err)
		}
		if err != nil {
			checkValidationError(t, "f.yaml", src, err)
			_, again := l.Load("f.yaml", bytes.NewReader(src))
			if again == nil || again.Error() != err.Error() {
				t.Fatalf("the same input gave another error:\n first: %v\nsecond: %v", err, again)
			}
			return
		}
		checkRevalidates(t, p)
	})
}

// FuzzProfileYAMLRoundTrip checks that a valid profile written out as YAML, the way
// a tool rewriting profiles would, loads back to the same document: the loader's
// reading of every scalar agrees with the YAML library's writing of it.
func FuzzProfileYAMLRoundTrip(f *testing.F) {
	addShippedProfiles(f)
	l := newLoader(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := l.Load("f.yaml", bytes.NewReader(src))
		if err != nil {
			return
		}
		out, err := yaml.Marshal(p.Data())
		if err != nil {
			t.Fatalf("marshal a valid profile: %v", err)
		}
		q, err := l.Load("f.yaml", bytes.NewReader(out))
		if err != nil {
			t.Fatalf("the profile written back does not load: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(p.Data(), q.Data()) || p.Info() != q.Info() || !reflect.DeepEqual(p.Sources, q.Sources) {
			t.Fatalf("the profile written back differs:\n%#v\n%#v", p.Data(), q.Data())
		}
	})
}

// FuzzLoadWaivers checks the waivers loader's promises on any input: it never
// panics; it returns waivers or a *ValidationError, never both or neither; every
// problem is positioned within the file (or is about the whole file) and listed in
// file order; the same input gives the same error text; every waiver it returns is
// complete, positioned, dated, and waives its recommendation and country once.
func FuzzLoadWaivers(f *testing.F) {
	f.Add([]byte(waiversFile))
	f.Add([]byte("waivers: []\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		w, err := LoadWaivers("w.yaml", bytes.NewReader(src))
		if (w == nil) == (err == nil) {
			t.Fatalf("got waivers %v and error %v; want exactly one", w != nil, err)
		}
		if err != nil {
			checkValidationError(t, "w.yaml", src, err)
			if _, again := LoadWaivers("w.yaml", bytes.NewReader(src)); again == nil || again.Error() != err.Error() {
				t.Fatalf("the same input gave another error:\n first: %v\nsecond: %v", err, again)
			}
			return
		}
		seen := map[[2]string]bool{}
		for _, e := range w.Entries {
			if e.Recommendation == "" || e.Country == "" || e.Justification == "" || e.Owner == "" || e.Location.Line <= 0 || e.Location.File != "w.yaml" {
				t.Fatalf("incomplete waiver: %+v", e)
			}
			if _, err := time.Parse(time.DateOnly, e.Expires); err != nil {
				t.Fatalf("waiver with an invalid expiry date: %+v", e)
			}
			if key := [2]string{e.Recommendation, e.Country}; seen[key] {
				t.Fatalf("two waivers of %v", key)
			} else {
				seen[key] = true
			}
			e.Matches("prum-dna", "BE")
		}
	})
}

// checkValidationError checks that err, from loading src as file, is a
// *ValidationError whose problems name file, lie within src (or are about the whole
// file) and come in file order.
func checkValidationError(t *testing.T, file string, src []byte, err error) {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %T, want *ValidationError: %v", err, err)
	}
	if ve.File != file || len(ve.Problems) == 0 {
		t.Fatalf("validation error for %q with %d problems", ve.File, len(ve.Problems))
	}
	lines := yamlLines(src)
	if len(src) > 0 && !yamldoc.EndsLine(src, len(src)-1, rune(src[len(src)-1])) {
		lines++ // YAML ends the last line for the file, and may point at the end
	}
	prev := Position{}
	for _, pe := range ve.Problems {
		switch {
		case pe.File != file:
			t.Fatalf("problem names file %q: %v", pe.File, pe)
		case pe.Err == nil:
			t.Fatalf("problem without a message at %d:%d", pe.Line, pe.Column)
		case pe.Line == 0 && (pe.Column != 0 || pe.Path != ""):
			t.Fatalf("problem with a column or path but no line: %v", pe)
		case pe.Line < 0 || pe.Line > lines || pe.Column < 0:
			t.Fatalf("problem outside the file (%d lines): %v", lines, pe)
		case pe.Line < prev.Line || (pe.Line == prev.Line && pe.Column < prev.Column):
			t.Fatalf("problems out of file order:\n%v", err)
		}
		prev = Position{pe.Line, pe.Column}
	}
}

// checkRevalidates checks p's document again, as a new profile, against the schema
// and the source rules, and checks that every recorded node has a position.
func checkRevalidates(t *testing.T, p *Profile) {
	t.Helper()
	l := newLoader(t)
	q := &Profile{File: p.File, doc: p.doc, nodes: p.nodes}
	if probs := append(l.schema.validate(q), checkSemantics(q)...); len(probs) > 0 {
		t.Fatalf("a loaded profile is not valid when checked again: %v", probs[0])
	}
	if q.Info() != p.Info() || !reflect.DeepEqual(q.Sources, p.Sources) {
		t.Fatalf("checked again, the profile reads differently: %+v vs %+v", q.Info(), p.Info())
	}
	for path, n := range p.nodes {
		if n.value.Line <= 0 || n.value.Column <= 0 {
			t.Fatalf("node %q has no position", path)
		}
	}
}

// yamlLines counts the lines of src as YAML does.
func yamlLines(src []byte) int {
	n := 1
	for i, r := range string(src) {
		if yamldoc.EndsLine(src, i, r) {
			n++
		}
	}
	return n
}

// FuzzTimelineAt checks the time model on any profile that loads: every fact's
// entries are dated in order and none after as_of; at any date, the entry the
// policies see is the latest one on or before it, and a fact before its first
// entry is left out.
func FuzzTimelineAt(f *testing.F) {
	addShippedProfiles(f)
	l := newLoader(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := l.Load("f.yaml", bytes.NewReader(src))
		if err != nil {
			return
		}
		dates := p.Dates()
		if len(dates) > 40 { // enough to cover every case, few enough to fuzz fast
			dates = dates[:40]
		}
		dates = append(dates, "1900-01-01", p.AsOf, "9999-12-31")
		for _, path := range p.Facts() {
			entries := p.Timeline(path)
			for i, e := range entries {
				if e.Date > p.AsOf {
					t.Fatalf("%s[%d] dated %s, after as_of %s", path, i, e.Date, p.AsOf)
				}
				if i > 0 && e.Date <= entries[i-1].Date {
					t.Fatalf("%s[%d] dated %s, not after %s", path, i, e.Date, entries[i-1].Date)
				}
			}
			for _, d := range dates {
				got, ok := p.EntryAt(path, d)
				want := -1
				for i, e := range entries {
					if e.Date <= d {
						want = i
					}
				}
				if ok != (want >= 0) || ok && (got.Status != entries[want].Status || got.Date != entries[want].Date) {
					t.Fatalf("%s at %s: got %+v (%v), want entry %d", path, d, got, ok, want)
				}
			}
		}
	})
}

// FuzzParseWhen checks partial dates: no panic; a date that parses counts from the
// last day it may mean, which is a calendar day starting with what was written.
func FuzzParseWhen(f *testing.F) {
	for _, s := range []string{"2016-11-18", "2012-07", "2014", "2016-02-29", "2015-02-29", "2016-13", "0000", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseWhen(s)
		if err != nil {
			return
		}
		d := w.Date()
		if _, err := time.Parse(time.DateOnly, d); err != nil || !strings.HasPrefix(d, s) || w.String() != s {
			t.Fatalf("ParseWhen(%q): date %q, string %q", s, d, w.String())
		}
		if len(s) < 10 {
			next, _ := time.Parse(time.DateOnly, d)
			if strings.HasPrefix(next.AddDate(0, 0, 1).Format(time.DateOnly), s) {
				t.Fatalf("ParseWhen(%q) = %s, not the last day %s may mean", s, d, s)
			}
		}
	})
}
