package checker

import (
	"context"
	"fmt"
	"testing"
)

// generateProfiles makes n distinct profiles from base by cycling the statuses of
// its implementation facts, so that every policy branch is exercised.
func generateProfiles(t testing.TB, base *Profile, n int) []*Profile {
	t.Helper()
	cycle := map[string][]string{
		"prum.dna":          {"operational", "authorised", "not_operational", "unknown"},
		"prum.fingerprints": {"authorised", "not_operational", "unknown", "operational"},
		"ecris.connection":  {"connected", "testing", "not_connected", "unknown"},
		"sis.connection":    {"full", "police_only", "not_connected", "unknown"},
		"pnr.legislation":   {"in_force", "adopted", "none", "unknown"},
		"pnr.piu":           {"operational", "being_set_up", "none", "unknown"},
	}
	out := make([]*Profile, n)
	for i := range out {
		doc := deepCopy(base.doc).(map[string]any)
		for path, statuses := range cycle {
			m, _ := lookup(doc, path).(map[string]any)
			m["status"] = statuses[i%len(statuses)]
			m["sources"] = []any{"P1"}
		}
		out[i] = &Profile{File: fmt.Sprintf("gen/%05d.yaml", i), Country: "BE", Name: "Generated", AsOf: base.AsOf, Sources: base.Sources, doc: doc, nodes: base.nodes}
	}
	return out
}

func lookup(doc map[string]any, path string) any {
	var cur any = doc
	for _, k := range splitPath(path) {
		cur = cur.(map[string]any)[k]
	}
	return cur
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = deepCopy(e)
		}
		return s
	}
	return v
}

// BenchmarkLoadProfile measures reading and validating the Belgian profile.
func BenchmarkLoadProfile(b *testing.B) {
	l := newLoader(b)
	src := mustRead(b, "testdata/belgium.yaml")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.parse("belgium.yaml", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateOne measures one profile through the prepared query.
func BenchmarkEvaluateOne(b *testing.B) {
	e := newEngine(b)
	p := loadBelgium(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Evaluate(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateAll measures EvaluateAll over thousands of generated profiles;
// profiles/s is the figure to compare.
func BenchmarkEvaluateAll(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("profiles=%d", n), func(b *testing.B) {
			e := newEngine(b)
			profiles := generateProfiles(b, loadBelgium(b), n)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.EvaluateAll(ctx, profiles); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "profiles/s")
		})
	}
}

// BenchmarkNewEngine measures parsing and compiling the embedded policies: the cost
// paid once per run.
func BenchmarkNewEngine(b *testing.B) {
	for b.Loop() {
		newEngine(b)
	}
}
