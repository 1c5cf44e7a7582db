package checker

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/gapcheck/gapcheck/internal/policy"
)

// Entrypoint is the one rule the engine queries: every recommendation's result
// object {"status", "message", "paths"}, keyed by its package path below
// data.gapcheck.rules (findings.prum.dna).
const Entrypoint = policy.Entrypoint

// DefaultTimeout bounds the evaluation of one profile.
const DefaultTimeout = 10 * time.Second

// An Engine evaluates profiles against compiled policies. It is safe for
// concurrent use; compile it once and evaluate many profiles.
type Engine struct {
	query   rego.PreparedEvalQuery
	recs    []Recommendation
	timeout time.Duration
	workers int
}

type engineConfig struct {
	sources []PolicySource
	timeout time.Duration
	workers int
}

// An Option configures an Engine.
type Option func(*engineConfig)

// WithPolicies adds a policy source after the embedded policies; its packages
// replace embedded packages of the same path.
func WithPolicies(src PolicySource) Option {
	return func(c *engineConfig) { c.sources = append(c.sources, src) }
}

// WithOnlyPolicies uses only the given sources, not the embedded policies.
func WithOnlyPolicies(srcs ...PolicySource) Option {
	return func(c *engineConfig) { c.sources = append([]PolicySource(nil), srcs...) }
}

// WithTimeout bounds the evaluation of one profile (default DefaultTimeout).
func WithTimeout(d time.Duration) Option { return func(c *engineConfig) { c.timeout = d } }

// WithWorkers sets how many profiles EvaluateAll evaluates at once (default GOMAXPROCS).
func WithWorkers(n int) Option { return func(c *engineConfig) { c.workers = n } }

// NewEngine parses and compiles the policies (strict mode, Rego v1, gapcheck's
// capabilities), reads the recommendations from their METADATA and prepares the
// query on Entrypoint. Policy problems are returned as PolicyErrors.
func NewEngine(ctx context.Context, opts ...Option) (*Engine, error) {
	cfg := engineConfig{sources: []PolicySource{policy.Embedded()}, timeout: DefaultTimeout, workers: runtime.GOMAXPROCS(0)}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.workers < 1 {
		cfg.workers = 1
	}
	set, err := policy.Parse(cfg.sources, false)
	if err != nil {
		return nil, fmt.Errorf("load policies: %w", err)
	}
	compiler, err := set.Compile()
	if err != nil {
		return nil, fmt.Errorf("compile policies: %w", err)
	}
	recs, perrs := catalogue(set.Sorted())
	if len(perrs) > 0 {
		return nil, fmt.Errorf("read recommendation metadata: %w", perrs)
	}
	if len(recs) == 0 {
		return nil, ErrNoRecommendations
	}
	q, err := rego.New(
		rego.Query(Entrypoint),
		rego.Compiler(compiler),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("prepare query: %w", err)
	}
	return &Engine{query: q, recs: recs, timeout: cfg.timeout, workers: cfg.workers}, nil
}

// Recommendations returns the catalogue, sorted by id.
func (e *Engine) Recommendations() []Recommendation {
	return append([]Recommendation(nil), e.recs...)
}

// Evaluate evaluates one profile and returns its report. A policy that fails at
// evaluation time (a conflict, a builtin error, the time limit) is an error: the
// report would not be complete.
func (e *Engine) Evaluate(ctx context.Context, p *Profile) (*Report, error) {
	input, err := ast.InterfaceToValue(p.doc)
	if err != nil {
		return nil, fmt.Errorf("convert %s: %w", p.File, err)
	}
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	rs, err := e.query.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) || topdown.IsCancel(err) {
			return nil, fmt.Errorf("evaluate %s: %w", p.File, &TimeoutError{File: p.File, Limit: e.timeout})
		}
		return nil, fmt.Errorf("evaluate %s: %w", p.File, evalError(err))
	}
	var results map[string]any
	if len(rs) == 1 && len(rs[0].Expressions) == 1 {
		results, _ = rs[0].Expressions[0].Value.(map[string]any)
	}
	r := &Report{Profile: p.Info(), Findings: make([]Finding, 0, len(e.recs))}
	for _, rec := range e.recs {
		r.Findings = append(r.Findings, buildFinding(p, rec, result(results, rec)))
	}
	sortFindings(r.Findings)
	r.Summary = Summarize(r.Findings)
	return r, nil
}

// A TimeoutError reports a profile whose evaluation ran past the time limit.
type TimeoutError struct {
	File  string
	Limit time.Duration
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("evaluation took longer than the limit of %s", e.Limit)
}

func evalError(err error) error {
	var te *topdown.Error
	if errors.As(err, &te) {
		return policy.Atf(te.Location, "%s (%s)", te.Message, te.Code)
	}
	return err
}

// result is a recommendation's result in the entrypoint's object (area -> name ->
// result), or nil.
func result(results map[string]any, rec Recommendation) any {
	rest := strings.TrimPrefix(rec.Package, policy.RulesRoot+".")
	area, name, _ := strings.Cut(rest, ".")
	byName, _ := results[area].(map[string]any)
	return byName[name]
}

// EvaluateAll evaluates profiles concurrently (a bounded pool of workers) and returns
// their reports in the order of profiles. Errors of individual profiles are joined.
func (e *Engine) EvaluateAll(ctx context.Context, profiles []*Profile) ([]*Report, error) {
	reports := make([]*Report, len(profiles))
	errs := make([]error, len(profiles))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(e.workers, len(profiles)) {
		wg.Go(func() {
			for i := range jobs {
				reports[i], errs[i] = e.Evaluate(ctx, profiles[i])
			}
		})
	}
feed:
	for i := range profiles {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return reports, nil
}

// buildFinding turns a policy's result object into a Finding, checking it: an
// absent or malformed result, or a "met"/"partial" that rests on no sourced fact,
// is an error finding, never a pass.
func buildFinding(p *Profile, rec Recommendation, raw any) Finding {
	f := Finding{
		ID: rec.ID, Title: rec.Title, Severity: rec.Severity,
		LegalBasis: rec.LegalBasis, Deadline: rec.Deadline,
		Evidence: []Evidence{}, Sources: []Source{},
	}
	f.Location, _ = p.Locate("")
	fail := func(msg string) Finding {
		f.Status, f.Message = StatusError, msg
		return f
	}
	obj, ok := raw.(map[string]any)
	if !ok {
		return fail("the policy gave no result for this profile")
	}
	status, _ := obj["status"].(string)
	f.Status = Status(status)
	if !policyStatuses[f.Status] {
		return fail(fmt.Sprintf("the policy gave an invalid status %q", status))
	}
	f.Message, _ = obj["message"].(string)
	paths, _ := obj["paths"].([]any)
	if len(paths) == 0 {
		return fail("the policy named no profile path its result rests on")
	}
	seen := map[string]bool{}
	for i, raw := range paths {
		path, _ := raw.(string)
		if path == "" {
			return fail("the policy gave a path that is not a string")
		}
		ev := evidence(p, path)
		if i == 0 {
			f.Location = ev.Location
		}
		f.Evidence = append(f.Evidence, ev)
		for _, id := range ev.Sources {
			if src, ok := p.source(id); ok && !seen[id] {
				seen[id] = true
				f.Sources = append(f.Sources, src)
			}
		}
	}
	if (f.Status == StatusMet || f.Status == StatusPartial) && len(f.Sources) == 0 {
		return fail(fmt.Sprintf("the policy said %q, but none of the facts it rests on cites a source", f.Status))
	}
	return f
}

func evidence(p *Profile, path string) Evidence {
	ev := Evidence{Path: path}
	ev.Location, ev.Present = p.Locate(path)
	if !ev.Present {
		return ev
	}
	fact, _ := p.Lookup(path)
	m, _ := fact.(map[string]any)
	ev.Status, _ = m["status"].(string)
	ev.Date, _ = m["date"].(string)
	ev.Note, _ = m["note"].(string)
	ev.Inferred, _ = m["inferred"].(bool)
	ids, _ := m["sources"].([]any)
	for _, id := range ids {
		if s, ok := id.(string); ok {
			ev.Sources = append(ev.Sources, s)
		}
	}
	return ev
}
