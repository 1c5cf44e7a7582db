package checker

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestOrdered: results come in index order whatever order they finish in, at
// most window are in flight, every error is reported in index order, and none is
// emitted after the first.
func TestOrdered(t *testing.T) {
	var inFlight, most atomic.Int64
	var emitted []int
	err := ordered(context.Background(), 200, 4, 8, func(_ context.Context, i int, _ func() bool) (int, error) {
		n := inFlight.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(time.Duration((i*7)%5) * 100 * time.Microsecond) // finish out of order
		return i * i, nil
	}, func(i, v int, _ bool) error {
		inFlight.Add(-1)
		if v != i*i {
			t.Errorf("emit(%d, %d)", i, v)
		}
		emitted = append(emitted, i)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range emitted {
		if v != i {
			t.Fatalf("emitted %v, want 0..199 in order", emitted)
		}
	}
	if len(emitted) != 200 || most.Load() > 8 {
		t.Errorf("%d emitted, %d at most in flight; want 200 and at most the window of 8", len(emitted), most.Load())
	}

	emitted = nil
	err = ordered(context.Background(), 10, 3, 6, func(_ context.Context, i int, _ func() bool) (int, error) {
		if i == 3 || i == 7 {
			return 0, fmt.Errorf("bad %d", i)
		}
		return i, nil
	}, func(i, _ int, failed bool) error {
		if !failed {
			emitted = append(emitted, i)
		}
		return nil
	})
	if err == nil || err.Error() != "bad 3\nbad 7" || fmt.Sprint(emitted) != "[0 1 2]" {
		t.Errorf("errors %v, emitted %v; want both errors in order and nothing emitted after the first", err, emitted)
	}

	stop := errors.New("stop")
	err = ordered(context.Background(), 1000, 2, 4, func(_ context.Context, i int, _ func() bool) (int, error) { return i, nil },
		func(i, _ int, _ bool) error {
			if i == 5 {
				return stop
			}
			return nil
		})
	if !errors.Is(err, stop) {
		t.Errorf("an emit error: got %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ordered(ctx, 1000, 2, 4, func(_ context.Context, i int, _ func() bool) (int, error) { return i, nil },
		func(int, int, bool) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled context: got %v", err)
	}
}

// TestStreamMatchesEvaluateAll: Stream gives the reports EvaluateAllAt gives, in
// order; a repeated identity and an invalid profile are errors, every one of them.
func TestStreamMatchesEvaluateAll(t *testing.T) {
	e := newEngine(t, WithWorkers(3))
	profiles := generateProfiles(t, 30, 5)
	want, err := e.EvaluateAllAt(context.Background(), profiles, "2020-01-01")
	if err != nil {
		t.Fatal(err)
	}
	var got []*Report
	err = e.Stream(context.Background(), len(profiles), func(i int) (*Profile, error) { return profiles[i], nil }, "2020-01-01",
		func(_ *Profile, r *Report) error { got = append(got, r); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d reports, want %d", len(got), len(want))
	}
	for i := range want {
		if fmt.Sprint(statusesOf(got[i])) != fmt.Sprint(statusesOf(want[i])) || got[i].Profile != want[i].Profile {
			t.Errorf("report %d differs", i)
		}
	}

	bad := errors.New("p7.yaml:1:1: bad")
	dup := append([]*Profile(nil), profiles[:10]...)
	dup[4] = profiles[2]
	n := 0
	err = e.Stream(context.Background(), len(dup), func(i int) (*Profile, error) {
		if i == 7 {
			return nil, bad
		}
		return dup[i], nil
	}, "", func(*Profile, *Report) error { n++; return nil })
	if err == nil || !errors.Is(err, bad) || !errors.Is(err, ErrDuplicateState) || !strings.Contains(err.Error(), "is also profiled in gen/00002.yaml") {
		t.Errorf("got %v", err)
	}
	if n > 4 {
		t.Errorf("%d reports emitted; want none after the first problem (the fifth profile)", n)
	}
}
