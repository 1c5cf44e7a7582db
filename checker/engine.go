package checker

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/gapcheck/gapcheck/internal/policy"
)

// Entrypoint is the one rule the engine queries: every recommendation's result
// object {"status", "message", "paths", "law"}, keyed by its package path below
// data.gapcheck.rules (findings.prum.dna).
const Entrypoint = policy.Entrypoint

// DefaultTimeout bounds the evaluation of one profile.
const DefaultTimeout = 10 * time.Second

// An Engine evaluates profiles against compiled policies. It is safe for
// concurrent use; compile it once and evaluate many profiles.
type Engine struct {
	query rego.PreparedEvalQuery
	recs  []Recommendation
	laws  map[string]Law
	data  map[string]any // the data document the policies see (law catalogue, settings)
	// lawDates are the days the law catalogue's dates count from: change points of
	// every profile's history.
	lawDates []string
	compiler *ast.Compiler
	store    storage.Store
	// byRec are the queries of each recommendation's finding alone, in the order
	// of recs, prepared on the first history.
	byRec     []rego.PreparedEvalQuery
	byRecErr  error
	byRecOnce sync.Once
	timeout   time.Duration
	workers   int
	policies  *PolicySet
	packages  map[string]bool // the recommendations' packages
	modules   *policy.Set     // what was compiled, for a bundle
}

type engineConfig struct {
	sources []PolicySource
	set     *PolicySet
	timeout time.Duration
	workers int
	maxAge  *int
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

// WithPolicySet compiles the policies of a set that [SelectPolicies] chose, and
// names the engine's policies after it ([Engine.Policies]).
func WithPolicySet(set *PolicySet) Option {
	return func(c *engineConfig) { c.sources, c.set = set.Sources(), set }
}

// WithTimeout bounds the evaluation of one profile (default DefaultTimeout).
func WithTimeout(d time.Duration) Option { return func(c *engineConfig) { c.timeout = d } }

// WithWorkers sets how many profiles EvaluateAll evaluates at once (default GOMAXPROCS).
func WithWorkers(n int) Option { return func(c *engineConfig) { c.workers = n } }

// DefaultObservationAgeDays is how long an observation (an entry with observed)
// stays evidence for a recommendation whose METADATA sets neither
// max_evidence_age nor max_observation_age: five years. A since entry of such a
// recommendation holds until the next entry.
const DefaultObservationAgeDays = 5 * 365

// WithMaxEvidenceAge sets how many days an entry stays evidence, for every
// recommendation and every entry, over their METADATA's max_evidence_age and the
// observation default; -1 is no limit at all.
func WithMaxEvidenceAge(days int) Option { return func(c *engineConfig) { c.maxAge = &days } }

// NewEngine parses and compiles the policies (strict mode, Rego v1, gapcheck's
// capabilities), reads the recommendations from their METADATA and the law
// catalogue from the bundle's data (validated against its schema), and prepares the
// query on Entrypoint. Problems are returned as PolicyErrors, or for the catalogue
// a *ValidationError with positions.
func NewEngine(ctx context.Context, opts ...Option) (*Engine, error) {
	cfg := engineConfig{sources: []PolicySource{policy.Embedded()}, timeout: DefaultTimeout, workers: runtime.GOMAXPROCS(0)}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.workers < 1 {
		cfg.workers = 1
	}
	named := cfg.set
	if named == nil {
		var err error
		if named, err = policySetOf(cfg.sources, ""); err != nil {
			return nil, err
		}
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
	data, laws, err := bundleData(set, recs, cfg.maxAge)
	if err != nil {
		return nil, err
	}
	e := &Engine{recs: recs, laws: laws, data: data, lawDates: catalogueDates(lookupPath(data, "gapcheck.instruments")),
		timeout: cfg.timeout, workers: cfg.workers, compiler: compiler, store: inmem.NewFromObjectWithOpts(data, inmem.OptReturnASTValuesOnRead(true)), policies: named, packages: map[string]bool{}, modules: set}
	for _, r := range recs {
		e.packages[r.Package] = true
	}
	if e.query, err = e.prepare(ctx, Entrypoint); err != nil {
		return nil, err
	}
	return e, nil
}

// prepare prepares a query on the engine's compiled policies and data.
func (e *Engine) prepare(ctx context.Context, query string) (rego.PreparedEvalQuery, error) {
	q, err := rego.New(
		rego.Query(query),
		rego.Compiler(e.compiler),
		rego.Store(e.store),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(ctx)
	if err != nil {
		return q, fmt.Errorf("prepare query: %w", err)
	}
	return q, nil
}

// bundleData is the data document the policies evaluate with: the bundle's data
// files at their paths (the law catalogue validated), and the recommendations'
// settings at data.gapcheck.settings.recommendations.<area>.<name>.
func bundleData(set *policy.Set, recs []Recommendation, maxAge *int) (map[string]any, map[string]Law, error) {
	data := map[string]any{}
	laws := map[string]Law{}
	var errs []error
	for _, key := range slices.Sorted(maps.Keys(set.Data)) {
		df := set.Data[key]
		var v map[string]any
		if key == lawPath {
			doc, l, err := loadLaw(df)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			v, laws = doc, l
		} else {
			doc, err := parseData(df, documentKind{empty: "empty data file", multiple: "more than one YAML document; want one data file", in: "in a data file", unit: "value"})
			if err != nil {
				errs = append(errs, err)
				continue
			}
			v = doc.doc
		}
		if reserved := reservedData(key, v); reserved != "" {
			errs = append(errs, &PolicyError{File: df.File, Err: fmt.Errorf("a data file at data.%s: %s", key, reserved)})
			continue
		}
		setPath(data, key, plainJSON(v))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	settings := map[string]any{}
	for _, r := range recs {
		s := map[string]any{}
		if r.Deadline != "" {
			s["deadline"] = r.Deadline
		}
		if r.AppliesFrom != "" {
			s["applies_from"] = r.AppliesFrom
		}
		days, observation := -1, DefaultObservationAgeDays
		if r.MaxEvidenceAge != "" {
			days, _ = ParseAge(r.MaxEvidenceAge)
		}
		if r.MaxObservationAge != "" {
			observation, _ = ParseAge(r.MaxObservationAge)
		}
		if maxAge != nil { // the caller's limit is the only one
			days, observation = *maxAge, -1
		}
		switch {
		case days >= 0:
			s["max_evidence_age_days"] = days
		case observation >= 0 && r.MaxEvidenceAge == "":
			s["max_observation_age_days"] = observation
		}
		area, name, _ := strings.Cut(strings.TrimPrefix(r.Package, policy.RulesRoot+"."), ".")
		setPath(settings, area+"."+name, s)
	}
	setPath(data, "gapcheck.settings.recommendations", settings)
	return data, laws, nil
}

// reservedData says why a data file's document may not be at its data path, or
// "": nothing may reach below gapcheck.rules (the entrypoint would read it as a
// finding) or gapcheck.settings (gapcheck's own).
func reservedData(key string, doc map[string]any) string {
	probe := map[string]any{}
	setPath(probe, key, doc)
	switch {
	case lookupPath(probe, "gapcheck.rules") != nil:
		return "want no data below gapcheck.rules, where the entrypoint reads every recommendation's result"
	case lookupPath(probe, "gapcheck.settings") != nil:
		return "want no data below gapcheck.settings, which gapcheck computes from the recommendations' METADATA"
	}
	return ""
}

// plainJSON turns a document's values (numbers as json.Number) into the values the
// policy store holds.
func plainJSON(v map[string]any) map[string]any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		return v
	}
	return out
}

// Policies returns the set of policies the engine compiled, for outputs to name.
func (e *Engine) Policies() *PolicySet { return e.policies }

// Recommendations returns the catalogue, sorted by id.
func (e *Engine) Recommendations() []Recommendation {
	return append([]Recommendation(nil), e.recs...)
}

// Laws returns the law catalogue the policies evaluate with, by instrument.
func (e *Engine) Laws() map[string]Law {
	out := make(map[string]Law, len(e.laws))
	for k, v := range e.laws {
		out[k] = v
	}
	return out
}

// Data returns the data document the policies see (the law catalogue and the
// recommendations' settings), as stock OPA would serve it from a bundle.
func (e *Engine) Data() map[string]any { return e.data }

// Evaluate evaluates one profile at the date its facts were reviewed to (its
// as_of) and returns its report.
func (e *Engine) Evaluate(ctx context.Context, p *Profile) (*Report, error) {
	return e.EvaluateAt(ctx, p, p.AsOf)
}

// EvaluateAt evaluates one profile at a date (YYYY-MM-DD): its facts as they stood
// that day (see [Profile.At]), the law as it stood. A policy that fails at
// evaluation time (a conflict, a builtin error, the time limit) is an error: the
// report would not be complete.
func (e *Engine) EvaluateAt(ctx context.Context, p *Profile, at string) (*Report, error) {
	input, err := ast.InterfaceToValue(p.At(at))
	if err != nil {
		return nil, fmt.Errorf("convert %s: %w", p.File, err)
	}
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	rs, err := evalBounded(ctx, e.query, input)
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
	if err := e.unknownResults(results); err != nil {
		return nil, fmt.Errorf("evaluate %s: %w", p.File, err)
	}
	r := &Report{Profile: p.Info(), At: at, Findings: make([]Finding, 0, len(e.recs))}
	for _, rec := range e.recs {
		r.Findings = append(r.Findings, e.buildFinding(p, rec, result(results, rec), at))
	}
	sortFindings(r.Findings)
	r.Summary = Summarize(r.Findings)
	return r, nil
}

// abandonGrace is how long an evaluation may run on after its context ended
// before it is abandoned: OPA checks the context between evaluation steps, but a
// builtin working on a large value (yaml.marshal of a million items, a regular
// expression on a long string) does not return until it is done.
const abandonGrace = 250 * time.Millisecond

// evalBounded runs a prepared query on input, and returns when it is done or, at the
// latest, abandonGrace after ctx ended: then with ctx's error, leaving the
// evaluation to finish in the background. The time limit holds for every policy,
// whatever builtins it calls; the process that gave up on it ends soon after.
func evalBounded(ctx context.Context, q rego.PreparedEvalQuery, input ast.Value) (rego.ResultSet, error) {
	type outcome struct {
		rs  rego.ResultSet
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		rs, err := q.Eval(ctx, rego.EvalParsedInput(input))
		done <- outcome{rs, err}
	}()
	select {
	case o := <-done:
		return o.rs, o.err
	case <-ctx.Done():
	}
	timer := time.NewTimer(abandonGrace)
	defer timer.Stop()
	select {
	case o := <-done:
		return o.rs, o.err
	case <-timer.C:
		return nil, ctx.Err()
	}
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

// unknownResults refuses a result of the entrypoint for which the catalogue has
// no recommendation: a finding no METADATA describes would be dropped here and
// served by stock OPA (the catalogue's checks keep such documents from compiling;
// this is the last line).
func (e *Engine) unknownResults(results map[string]any) error {
	for _, area := range slices.Sorted(maps.Keys(results)) {
		byName, _ := results[area].(map[string]any)
		for _, name := range slices.Sorted(maps.Keys(byName)) {
			if pkg := policy.RulesRoot + "." + area + "." + name; !e.packages[pkg] {
				return fmt.Errorf("the entrypoint gave a finding for %s, which is no recommendation of the catalogue", strings.TrimPrefix(pkg, "data."))
			}
		}
	}
	return nil
}

// result is a recommendation's result in the entrypoint's object (area -> name ->
// result), or nil.
func result(results map[string]any, rec Recommendation) any {
	rest := strings.TrimPrefix(rec.Package, policy.RulesRoot+".")
	area, name, _ := strings.Cut(rest, ".")
	byName, _ := results[area].(map[string]any)
	return byName[name]
}

// EvaluateAll evaluates profiles concurrently (a bounded pool of workers), each at
// its as_of, and returns their reports in the order of profiles. Errors of
// individual profiles are joined.
func (e *Engine) EvaluateAll(ctx context.Context, profiles []*Profile) ([]*Report, error) {
	return e.EvaluateAllAt(ctx, profiles, "")
}

// EvaluateAllAt is EvaluateAll at one date for every profile ("" for each its as_of).
func (e *Engine) EvaluateAllAt(ctx context.Context, profiles []*Profile, at string) ([]*Report, error) {
	jobs := make([]Job, len(profiles))
	for i, p := range profiles {
		jobs[i] = Job{Profile: p, At: at}
	}
	return e.EvaluateJobs(ctx, jobs)
}

// A Job is a profile to evaluate at a date (YYYY-MM-DD; "" for its as_of).
type Job struct {
	Profile *Profile
	At      string
}

// EvaluateJobs evaluates jobs concurrently, through the one prepared query, and
// returns their reports in the order of jobs: a profile over many dates, many
// profiles at one date, or both. Errors of individual jobs are joined.
func (e *Engine) EvaluateJobs(ctx context.Context, jobs []Job) ([]*Report, error) {
	reports := make([]*Report, len(jobs))
	err := e.pool(ctx, len(jobs), func(ctx context.Context, i int) error {
		var err error
		reports[i], err = e.EvaluateAt(ctx, jobs[i].Profile, cmp.Or(jobs[i].At, jobs[i].Profile.AsOf))
		return err
	})
	if err != nil {
		return nil, err
	}
	return reports, nil
}

// pool runs do for 0..n-1 on the engine's workers and joins the errors; it stops
// handing out work when ctx ends, and then returns ctx's error.
func (e *Engine) pool(ctx context.Context, n int, do func(context.Context, int) error) error {
	errs := make([]error, n)
	queue := make(chan int)
	var wg sync.WaitGroup
	for range min(e.workers, n) {
		wg.Go(func() {
			for i := range queue {
				errs[i] = do(ctx, i)
			}
		})
	}
feed:
	for i := range n {
		select {
		case queue <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(queue)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// buildFinding turns a policy's result object into a Finding, checking it: an
// absent or malformed result, a "met"/"partial" that rests on no sourced fact, or a
// "not_applicable" that rests on neither a sourced fact nor the law catalogue, is an
// error finding, never a pass.
func (e *Engine) buildFinding(p *Profile, rec Recommendation, raw any, at string) Finding {
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
		ev := evidence(p, path, at)
		if i == 0 {
			f.Location = ev.Location
			f.EvidenceDate, f.EvidenceAge = ev.Date, ev.AgeDays
		}
		f.Evidence = append(f.Evidence, ev)
		for _, id := range ev.Sources {
			if src, ok := p.source(id); ok && !seen[id] {
				seen[id] = true
				f.Sources = append(f.Sources, src)
			}
		}
	}
	laws, _ := obj["law"].([]any)
	for _, raw := range laws {
		id, _ := raw.(string)
		l, ok := e.laws[id]
		if !ok {
			return fail(fmt.Sprintf("the policy named %q, which the law catalogue does not hold", id))
		}
		f.Law = append(f.Law, l)
	}
	switch {
	case (f.Status == StatusMet || f.Status == StatusPartial) && len(f.Sources) == 0:
		return fail(fmt.Sprintf("the policy said %q, but none of the facts it rests on cites a source", f.Status))
	case f.Status == StatusNotApplicable && len(f.Sources) == 0 && len(f.Law) == 0:
		return fail("the policy said \"not_applicable\", but it rests on no sourced fact and no instrument of the law catalogue")
	}
	return f
}

func evidence(p *Profile, path, at string) Evidence {
	ev := Evidence{Path: path}
	e, ok := p.EntryAt(path, at)
	ev.Location, ev.Present = p.Locate(path)
	if !ok {
		if ev.Present { // recorded, but its first entry is later
			ev.Status = "unknown"
		}
		return ev
	}
	ev.Location, _ = p.Locate(e.path)
	ev.Status, ev.Since, ev.Observed, ev.Date = e.Status, e.Since, e.Observed, e.Date
	ev.Note, ev.Inferred, ev.Sources = e.Note, e.Inferred, slices.Clone(e.Sources)
	if e.Date != "" {
		age := daysBetween(e.Date, at)
		ev.AgeDays = &age
	}
	return ev
}
