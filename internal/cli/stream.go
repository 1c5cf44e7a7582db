package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/atomicfile"
	"github.com/gapcheck/gapcheck/internal/render"
)

// A streamOutput is one output of a streamed run: its renderer and where it
// goes, a spool for stdout (copied out once the run has succeeded) or the
// pending file of an --output.
type streamOutput struct {
	r       render.StreamRenderer
	w       *bufio.Writer
	spool   *os.File            // stdout's, or the step summary's
	pending *atomicfile.Pending // an --output file's
	// aside holds what a render.Prologued renderer's reports write, until its
	// prologue is known; body is where the reports go (w, or aside's writer).
	aside *os.File
	body  *bufio.Writer
}

// streams returns the streaming renderers of every output of a run of count
// reports (stdout's, then the --output files', then, for the github format in
// GitHub Actions, the step summary's), or false when one of them needs the whole
// run (or the run needs the histories).
func (out *outputs) streams(count int) ([]render.StreamRenderer, bool) {
	if out.needsHistory() {
		return nil, false
	}
	var rs []render.StreamRenderer
	r, ok := render.NewStream(out.format, out.opts, count)
	if !ok {
		return nil, false
	}
	rs = append(rs, r)
	for _, f := range out.files {
		r, ok := render.NewStream(f.format, f.opts, count)
		if !ok {
			return nil, false
		}
		rs = append(rs, r)
	}
	if out.format == render.FormatGitHub && out.summaryPath != "" {
		r, ok := render.NewStepSummaryStream(count)
		if !ok {
			return nil, false
		}
		rs = append(rs, r)
	}
	return rs, true
}

// isSummary reports whether output i of a streamed run is the step summary.
func (out *outputs) isSummary(i int) bool { return i > len(out.files) }

// outputName is how messages name output i of a streamed run.
func (out *outputs) outputName(i int) string {
	switch {
	case i == 0:
		return "standard output"
	case out.isSummary(i):
		return "the step summary ($" + stepSummaryEnv + ")"
	}
	return out.files[i-1].file
}

// judgeStream is judge for a run whose every output streams: each profile is
// loaded, evaluated, waived and written, then dropped, on the engine's workers, so
// that memory stays flat in the number of profiles; only each report's statuses
// are kept, for the EU-wide view, the summaries and the verdict. Nothing reaches
// stdout or an --output file unless the whole run succeeds.
func judgeStream(ctx context.Context, o *checkOptions, out *outputs, rs []render.StreamRenderer, engine *checker.Engine,
	waivers *checker.Waivers, filter *checker.Filter, files []string, at string, th threshold) (reported bool, err error) {
	if o.streams.Exit != nil { // the real process: its garbage collector is ours to tune
		streamingGC()
	}
	outs := make([]*streamOutput, len(rs))
	defer func() {
		for _, s := range outs {
			switch {
			case s == nil:
				continue
			case s.spool != nil:
				atomicfile.RemoveSpool(s.spool)
			case err != nil:
				s.pending.Abort()
			}
			if s.aside != nil {
				atomicfile.RemoveSpool(s.aside)
			}
		}
	}()
	for i, r := range rs {
		s := &streamOutput{r: r}
		if i == 0 || out.isSummary(i) {
			if s.spool, err = atomicfile.Spool(); err != nil {
				return false, err
			}
			s.w = bufio.NewWriter(s.spool)
		} else {
			if s.pending, err = atomicfile.Create(out.files[i-1].file, 0o644); err != nil {
				return false, err
			}
			s.w = bufio.NewWriter(s.pending.Writer())
		}
		outs[i] = s
		s.body = s.w
		if _, ok := r.(render.Prologued); ok {
			if s.aside, err = atomicfile.Spool(); err != nil {
				return false, err
			}
			s.body = bufio.NewWriter(s.aside)
		}
	}
	head := &render.Run{Recommendations: engine.Recommendations(), Filter: filter, Policies: engine.Policies()}
	for _, s := range outs {
		if err := s.r.Begin(s.w, head); err != nil {
			return false, err
		}
	}
	loader, err := checker.NewLoader()
	if err != nil {
		return false, err
	}
	var applier *checker.WaiverApplier
	if waivers != nil {
		applier = waivers.Applier(o.streams.now())
	}
	var briefs []checker.Brief // all the EU-wide view needs of each report
	var totals render.RunTotals
	var verdict tally
	var stale []*checker.Profile // only for the warning: at most two are kept
	staleCount := 0
	err = engine.Stream(ctx, len(files), func(i int) (*checker.Profile, error) { return loadFile(loader, files[i]) }, at,
		func(p *checker.Profile, r *checker.Report) error {
			if at != "" && p.AsOf < at {
				staleCount++
				if len(stale) < 2 {
					stale = append(stale, &checker.Profile{File: p.File, AsOf: p.AsOf})
				}
			}
			if applier != nil {
				applier.Apply(r)
			}
			verdict.add(r, th)
			b := checker.NewBrief(r)
			if filter != nil { // the overview's rows are the recommendations the filter selects
				only := filter.OnlyRecommendations()
				b.Findings = slices.DeleteFunc(b.Findings, func(f checker.BriefFinding) bool { return !only.SelectsRecommendation(f.ID(), f.Severity()) })
			}
			briefs = append(briefs, b)
			shown := r
			if filter != nil {
				shown = filter.Apply([]*checker.Report{r})[0]
			}
			totals.Add(shown)
			for _, s := range outs {
				if err := s.r.Report(s.body, shown); err != nil {
					return fmt.Errorf("render: %w", err)
				}
			}
			return nil
		})
	if err != nil {
		return false, err
	}
	tail := &render.Run{Recommendations: engine.Recommendations(), Filter: filter, Policies: engine.Policies(),
		Totals: &totals, Overview: checker.NewBriefOverview(briefs)}
	if applier != nil {
		tail.Waivers = applier.Report()
	}
	for i, s := range outs {
		if p, ok := s.r.(render.Prologued); ok {
			if err := writePrologued(s, p, tail, totals.Count); err != nil {
				return false, err
			}
		}
		if err := s.r.End(s.w, tail, totals.Count); err != nil {
			return false, fmt.Errorf("render: %w", err)
		}
		if err := s.w.Flush(); err != nil {
			return false, fmt.Errorf("write %s: %w", out.outputName(i), err)
		}
	}
	// Every output is complete: the files take their place, the step summary is
	// appended, then stdout.
	var errs []error
	for i, s := range outs[1:] {
		if s.pending != nil {
			if err := s.pending.Commit(); err != nil {
				errs = append(errs, err)
			}
			continue
		}
		if err := appendSummarySpool(out.summaryPath, s.spool); err != nil {
			errs = append(errs, fmt.Errorf("write %s: %w", out.outputName(i+1), err))
		}
	}
	if _, err := outs[0].spool.Seek(0, io.SeekStart); err != nil {
		return false, err
	}
	if _, err := io.Copy(o.streams.Out, outs[0].spool); err != nil {
		return true, err
	}
	if len(errs) > 0 {
		return true, &ExitError{Code: ExitInvalid, Err: errors.Join(errs...)}
	}
	if err := warnStale(o.streams.ErrOut, at, stale, staleCount, len(files)); err != nil {
		return true, err
	}
	if err := out.afterRun(o.streams.ErrOut, engine, tail); err != nil {
		return true, err
	}
	return true, verdict.verdict()
}

// appendSummarySpool appends the step summary a spool file holds to the file name
// (appendStepSummary).
func appendSummarySpool(name string, spool *os.File) error {
	info, err := spool.Stat()
	if err != nil {
		return err
	}
	if _, err := spool.Seek(0, io.SeekStart); err != nil {
		return err
	}
	return appendStepSummary(name, spool, info.Size())
}

// writePrologued writes a Prologued renderer's prologue, then what its reports
// wrote aside.
func writePrologued(s *streamOutput, p render.Prologued, tail *render.Run, count int) error {
	if err := s.body.Flush(); err != nil {
		return fmt.Errorf("write a spool file: %w", err)
	}
	if err := p.Prologue(s.w, tail, count); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if _, err := s.aside.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("read a spool file: %w", err)
	}
	if _, err := io.Copy(s.w, s.aside); err != nil {
		return fmt.Errorf("read a spool file: %w", err)
	}
	return nil
}

// streamedHeap is the heap a streamed run aims at: its live heap is a few hundred
// bytes per profile (a brief), and the rest is garbage, which the collector is
// asked to keep under this. With it, 50,000 profiles peak at 185 MB RSS (README,
// "Many profiles").
const streamedHeap = 160 << 20

// streamingGC sets the garbage collector for a streamed run: a soft memory limit
// of streamedHeap (or lower, under --max-memory) unless GOMEMLIMIT is set, so
// that the collector keeps its pace (GOGC) while the heap is small, and works
// harder rather than let a run over many profiles grow.
func streamingGC() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(min(debug.SetMemoryLimit(-1), streamedHeap))
	}
}
