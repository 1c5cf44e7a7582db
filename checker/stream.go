package checker

import (
	"cmp"
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
)

// ordered runs do for 0..n-1 on workers goroutines and calls emit with each result
// that has no error, in index order, on the calling goroutine. At most window
// results are in flight (being computed or waiting for their turn), so memory
// stays flat in n however slow emit is. An error from do is kept at its index and
// stops nothing: every index is still done, so that every problem is reported;
// once one has failed, stop() reports true to the others (to skip what they need
// not do), and emit is told, with failed, that an earlier index failed. An error
// from emit stops the run. The errors come back joined, in index order.
func ordered[T any](ctx context.Context, n, workers, window int, do func(ctx context.Context, i int, stop func() bool) (T, error), emit func(i int, v T, failed bool) error) error {
	type result struct {
		i   int
		v   T
		err error
	}
	workers = max(1, min(workers, n))
	window = max(window, workers)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var failed atomic.Bool
	stop := func() bool { return failed.Load() }
	slots := make(chan struct{}, window) // one per result in flight
	next := make(chan int)
	results := make(chan result, window)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				v, err := do(ctx, i, stop)
				if err != nil {
					failed.Store(true)
				}
				results <- result{i, v, err}
			}
		})
	}
	go func() {
		defer close(next)
		for i := range n {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	errs := make([]error, n)
	pending := map[int]result{}
	want := 0
	earlier := false // an index before want failed
	var emitErr error
	for r := range results {
		pending[r.i] = r
		for {
			p, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			want++
			<-slots
			switch {
			case p.err != nil:
				errs[p.i] = p.err
				earlier = true
			case emitErr == nil:
				if err := emit(p.i, p.v, earlier); err != nil {
					emitErr = err
					failed.Store(true)
					cancel()
				}
			}
		}
	}
	if emitErr != nil {
		return emitErr
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if want < n { // the context ended before every index was done
		return ctx.Err()
	}
	return nil
}

// A ProfileOpener opens profile i of a run of n, for Stream: its name (as
// messages give it) and a reader the caller closes.
type ProfileOpener func(i int) (*Profile, error)

// Stream loads and evaluates n profiles (open(i) loads profile i) on the engine's
// workers, at a date (YYYY-MM-DD; "" for each its as_of), and calls emit with each
// profile and its report in the order of i. At most a few profiles per worker are
// in memory at a time, whatever n is; a profile is no longer referenced once emit
// returns. Every profile is loaded even after one fails, so that every problem in
// every file is reported, but none is evaluated or emitted after the first failure;
// two profiles of one identity (see CheckDistinct) are an error at the second.
// The errors come back joined, in the order of i.
func (e *Engine) Stream(ctx context.Context, n int, open ProfileOpener, at string, emit func(*Profile, *Report) error) error {
	type loaded struct {
		p *Profile
		r *Report
	}
	seen := map[string]string{} // identity -> file
	var dup []error
	err := ordered(ctx, n, e.workers, 4*e.workers, func(ctx context.Context, i int, stop func() bool) (loaded, error) {
		p, err := open(i)
		if err != nil || stop() {
			return loaded{p: p}, err
		}
		r, err := e.EvaluateAt(ctx, p, cmp.Or(at, p.AsOf))
		return loaded{p, r}, err
	}, func(_ int, l loaded, failed bool) error {
		if err := distinct(seen, l.p); err != nil {
			dup = append(dup, err)
			return nil
		}
		if failed || len(dup) > 0 || l.r == nil {
			return nil
		}
		return emit(l.p, l.r)
	})
	return errors.Join(err, errors.Join(dup...))
}

// LoadStream loads n profiles (open(i) loads profile i) on as many goroutines as
// there are CPUs and calls emit with each in the order of i, as Stream does but
// without evaluating them: validation at the cost of a parse.
func LoadStream(ctx context.Context, n int, open ProfileOpener, emit func(*Profile) error) error {
	seen := map[string]string{}
	var dup []error
	workers := runtime.GOMAXPROCS(0)
	err := ordered(ctx, n, workers, 4*workers, func(_ context.Context, i int, _ func() bool) (*Profile, error) {
		return open(i)
	}, func(_ int, p *Profile, failed bool) error {
		if err := distinct(seen, p); err != nil {
			dup = append(dup, err)
			return nil
		}
		if failed || len(dup) > 0 {
			return nil
		}
		return emit(p)
	})
	return errors.Join(err, errors.Join(dup...))
}

// distinct records a profile's identity in seen and returns the error of
// CheckDistinct when another profile has it.
func distinct(seen map[string]string, p *Profile) error {
	key := p.Info().Key()
	prev, dup := seen[key]
	if !dup {
		seen[key] = p.File
		return nil
	}
	return duplicateError(p, prev)
}
