package checker

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/gapcheck/gapcheck/internal/profilegen"
)

// generateProfiles loads n synthetic profiles (internal/profilegen) with changes
// dated entries each, reviewed to 2025-06-30.
func generateProfiles(t testing.TB, n, changes int) []*Profile {
	t.Helper()
	l := newLoader(t)
	out := make([]*Profile, n)
	for i := range out {
		p, err := l.Load(fmt.Sprintf("gen/%05d.yaml", i), bytes.NewReader(profilegen.Profile(i, changes, "2025-06-30")))
		if err != nil {
			t.Fatal(err)
		}
		out[i] = p
	}
	return out
}

// shippedProfiles loads the 32 shipped profiles.
func shippedProfiles(t testing.TB) []*Profile {
	t.Helper()
	files, err := FindProfiles(os.DirFS("../profiles"), ".")
	if err != nil {
		t.Fatal(err)
	}
	l := newLoader(t)
	var out []*Profile
	for _, f := range files {
		p, err := l.LoadFile(os.DirFS("../profiles"), f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
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
			profiles := generateProfiles(b, n, 0)
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

// BenchmarkEvaluateShipped measures the single-date run of the shipped profiles:
// the baseline the timeline is compared with.
func BenchmarkEvaluateShipped(b *testing.B) {
	e := newEngine(b)
	profiles := shippedProfiles(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.EvaluateAll(ctx, profiles); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHistory measures the timeline: the shipped profiles over their whole
// span, and 1,000 synthetic profiles with 20 changes each.
func BenchmarkHistory(b *testing.B) {
	for _, tc := range []struct {
		name     string
		profiles func(testing.TB) []*Profile
	}{
		{"shipped", shippedProfiles},
		{"generated=1000x20", func(t testing.TB) []*Profile { return generateProfiles(t, 1000, 20) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			e := newEngine(b)
			profiles := tc.profiles(b)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.History(ctx, profiles, "", ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTrend measures a 20-year monthly EU trend read from the histories of
// the shipped profiles (the histories evaluated once, outside the loop).
func BenchmarkTrend(b *testing.B) {
	e := newEngine(b)
	hs, err := e.History(context.Background(), shippedProfiles(b), "", "")
	if err != nil {
		b.Fatal(err)
	}
	dates, err := EveryDates("2005-06-30", "2025-06-30", "1m")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		NewTrend(hs, e.Recommendations(), dates)
	}
}
