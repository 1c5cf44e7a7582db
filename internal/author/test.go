package author

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/util"
	"github.com/pmezard/go-difflib/difflib"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/jsonptr"
	"github.com/gapcheck/gapcheck/internal/policy"
)

// DefaultTestTimeout bounds one Rego test.
const DefaultTestTimeout = 5 * time.Second

// ErrNoTests reports that the policies hold no test, or none matches TestOptions.Run.
var ErrNoTests = errors.New("no tests found")

// TestOptions tune [Test].
type TestOptions struct {
	// Run selects the tests whose full name (data.<package>.<rule>, e.g.
	// data.gapcheck.rules.prum.dna_test.test_met_when_operational) it matches.
	Run *regexp.Regexp
	// Coverage measures which lines of the policies the tests evaluate.
	Coverage bool
	// Verbose adds the trace of its evaluation to a failing test's detail.
	Verbose bool
	// Timeout bounds each test; zero means DefaultTestTimeout.
	Timeout time.Duration
	// From is the index of the first source under test: the sources before it are
	// the bundle an add-on is tested over, compiled with it but with their tests
	// left out and their files not counted in the coverage. Zero tests them all.
	From int
}

// An Outcome is how one test ended.
type Outcome string

// The outcomes of a test.
const (
	Pass  Outcome = "PASS"
	Fail  Outcome = "FAIL"
	Error Outcome = "ERROR" // the test could not be evaluated (a conflict, a builtin error, the time limit)
	Skip  Outcome = "SKIPPED"
)

// A TestResult is the result of one Rego test.
type TestResult struct {
	Package  string // e.g. data.gapcheck.rules.prum.dna_test
	Name     string // e.g. test_met_when_operational
	Outcome  Outcome
	File     string // where the test is defined
	Line     int
	Duration time.Duration
	// Detail says why a test failed: the expression that was false, with the values
	// of its variables (and, with Verbose, the trace); for an error, the error.
	Detail string
	// Output is what the test printed with print().
	Output string
}

// FullName is the test's rule path, as TestOptions.Run matches it.
func (r TestResult) FullName() string { return r.Package + "." + r.Name }

// A LineSpan is a range of lines, From to To inclusive.
type LineSpan struct{ From, To int }

func (s LineSpan) String() string {
	if s.From == s.To {
		return fmt.Sprint(s.From)
	}
	return fmt.Sprintf("%d-%d", s.From, s.To)
}

// FileCoverage is the test coverage of one policy file.
type FileCoverage struct {
	File       string
	Covered    int        // lines the tests evaluated
	NotCovered int        // lines they did not
	Missed     []LineSpan // the lines not covered, in order
}

// Percent is the share of lines covered, 0 to 100, unrounded.
func (f FileCoverage) Percent() float64 { return percent(f.Covered, f.NotCovered) }

// Coverage is the test coverage of the policy files (test files are not counted:
// they are covered by construction).
type Coverage struct {
	Files      []FileCoverage // sorted by file name
	Covered    int
	NotCovered int
}

// Percent is the share of lines covered, 0 to 100, unrounded: compare this with a
// threshold, never a rounded figure (99.996 must not pass a threshold of 100).
func (c *Coverage) Percent() float64 { return percent(c.Covered, c.NotCovered) }

// Meets reports whether the coverage is at least threshold percent.
func (c *Coverage) Meets(threshold float64) bool { return c.Percent() >= threshold }

func percent(covered, notCovered int) float64 {
	if covered+notCovered == 0 {
		return 0
	}
	return float64(100*covered) / float64(covered+notCovered)
}

// FormatPercent renders a percentage with two decimals, rounded down, so that a
// coverage short of 100 never reads "100.00".
func FormatPercent(p float64) string {
	return fmt.Sprintf("%.2f", math.Floor(p*100+1e-9)/100)
}

// A TestReport is the outcome of [Test].
type TestReport struct {
	Results  []TestResult // sorted by file, line and name
	Coverage *Coverage    // nil unless TestOptions.Coverage
}

// Count returns how many tests ended with outcome o.
func (r *TestReport) Count(o Outcome) int {
	n := 0
	for _, t := range r.Results {
		if t.Outcome == o {
			n++
		}
	}
	return n
}

// Passed reports whether no test failed or errored.
func (r *TestReport) Passed() bool { return r.Count(Fail) == 0 && r.Count(Error) == 0 }

// Test runs the Rego tests of the sources (the files ending in _test.rego are
// included) with OPA's test runner, compiled as gapcheck compiles policies: Rego v1,
// strict mode, gapcheck's capabilities. Failing tests are results, not errors; the
// error is for policies that do not parse or compile (a checker.PolicyErrors), and
// ErrNoTests when no test was selected.
func Test(ctx context.Context, sources []checker.PolicySource, opts TestOptions) (*TestReport, error) {
	set, err := policy.Parse(sources, true)
	if err != nil {
		return nil, fmt.Errorf("load policies: %w", err)
	}
	set.DropTests(opts.From)
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTestTimeout
	}
	var filter string
	if opts.Run != nil {
		filter = opts.Run.String()
	}
	runner, err := newRunner(set, opts.Timeout, filter, false)
	if err != nil {
		return nil, err
	}
	var cov *cover.Cover
	if opts.Coverage {
		cov = cover.New()
		runner.SetCoverageRuns([]cover.Kind{}).SetCoverageQueryTracer(cov)
	}
	raw, err := runTests(ctx, runner)
	if err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		if opts.Run != nil {
			return nil, fmt.Errorf("%w matching %q", ErrNoTests, opts.Run.String())
		}
		return nil, ErrNoTests
	}
	report := &TestReport{Results: make([]TestResult, 0, len(raw))}
	var failed []string
	for _, tr := range raw {
		res := convertResult(tr)
		if res.Outcome == Fail {
			failed = append(failed, regexp.QuoteMeta(res.FullName()))
		}
		report.Results = append(report.Results, res)
	}
	if len(failed) > 0 {
		// Tracing and coverage exclude each other in OPA's runner: the failing
		// tests run a second time, traced, to say where they failed.
		details, err := failureDetails(ctx, set, opts, failed)
		if err != nil {
			return nil, err
		}
		for i, r := range report.Results {
			if d, ok := details[r.FullName()]; ok {
				report.Results[i].Detail = d
			}
		}
	}
	slices.SortFunc(report.Results, func(a, b TestResult) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.FullName(), b.FullName()))
	})
	if cov != nil {
		report.Coverage = coverage(cov, set, opts.From)
	}
	return report, nil
}

// newRunner returns an OPA test runner over the set, with a fresh compiler (a
// runner adds its own compiler stages, so a compiler serves one run) and the set's
// data files in its store. With rewrite, the compiler rewrites the tests' terms
// into local variables named after their source text, as `opa test --var-values`
// does, so that a failure names each value by what the test wrote.
func newRunner(set *policy.Set, timeout time.Duration, filter string, rewrite bool) (*tester.Runner, error) {
	data, err := testData(set)
	if err != nil {
		return nil, err
	}
	return tester.NewRunner().
		SetCompiler(policy.NewCompiler(true).WithRewriteTestRules(rewrite)).
		SetDefaultRegoVersion(ast.RegoV1).
		SetModules(set.Modules).
		SetStore(inmem.NewFromObject(data)).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		SetTimeout(timeout).
		Filter(filter), nil
}

// testData is the data document the tests see, as `opa test` loads it from a
// directory: each data file of the set at its path (the law catalogue at
// data.gapcheck.instruments), and no recommendation settings (the engine's own).
func testData(set *policy.Set) (map[string]any, error) {
	data := map[string]any{}
	for _, key := range slices.Sorted(maps.Keys(set.Data)) {
		df := set.Data[key]
		var v any
		if err := util.Unmarshal(df.Src, &v); err != nil {
			return nil, fmt.Errorf("load data file %s: %w", df.File, err)
		}
		jsonptr.SetPath(data, key, v)
	}
	return data, nil
}

func runTests(ctx context.Context, runner *tester.Runner) ([]*tester.Result, error) {
	ch, err := runner.RunTests(ctx, nil)
	if err != nil {
		var aerrs ast.Errors
		if errors.As(err, &aerrs) {
			return nil, fmt.Errorf("compile policies: %w", policy.FromAST(aerrs))
		}
		return nil, fmt.Errorf("run tests: %w", err)
	}
	var out []*tester.Result
	for tr := range ch {
		out = append(out, tr)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func convertResult(tr *tester.Result) TestResult {
	res := TestResult{Package: tr.Package, Name: tr.Name, Duration: tr.Duration, Output: string(tr.Output)}
	if tr.Location != nil {
		res.File, res.Line = tr.Location.File, tr.Location.Row
	}
	switch {
	case tr.Skip:
		res.Outcome = Skip
	case tr.Error != nil:
		res.Outcome = Error
		res.Detail = errorDetail(tr.Error)
	case tr.Fail:
		res.Outcome = Fail
		res.Detail = subResultFailures(tr.SubResults)
	default:
		res.Outcome = Pass
	}
	return res
}

// errorDetail renders a test's evaluation error with its stack, if OPA kept one.
func errorDetail(err error) string {
	var b strings.Builder
	b.WriteString(err.Error())
	var te *topdown.Error
	if errors.As(err, &te) && len(te.StackTrace) > 0 {
		b.WriteString("\nTraceback:")
		for _, f := range te.StackTrace {
			fmt.Fprintf(&b, "\n  %v", f)
		}
	}
	return b.String()
}

// subResultFailures lists the failing cases of a test with sub-results
// (test_x[name] if ...), one per line.
func subResultFailures(srs tester.SubResultMap) string {
	var lines []string
	for name, sr := range srs.Iter {
		if sr.Fail && len(sr.SubResults) == 0 {
			lines = append(lines, strings.Join(name, " / ")+": FAIL")
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// failureDetails re-runs the named tests (quoted full names) with tracing and
// returns, per full name, where each failed.
func failureDetails(ctx context.Context, set *policy.Set, opts TestOptions, quoted []string) (map[string]string, error) {
	runner, err := newRunner(set, opts.Timeout, "^(?:"+strings.Join(quoted, "|")+")$", true)
	if err != nil {
		return nil, err
	}
	runner = runner.EnableTracing(true)
	raw, err := runTests(ctx, runner)
	if err != nil {
		return nil, err
	}
	details := map[string]string{}
	for _, tr := range raw {
		var b strings.Builder
		if sub := subResultFailures(tr.SubResults); sub != "" {
			b.WriteString(sub)
			b.WriteString("\n")
		}
		if err := failedAt(&b, tr.Trace); err != nil {
			return nil, err
		}
		if opts.Verbose && len(tr.Trace) > 0 {
			b.WriteString("trace:\n")
			var tb bytes.Buffer
			topdown.PrettyTraceWithOpts(&tb, tr.Trace, topdown.PrettyTraceOptions{Locations: true})
			b.WriteString(indent(tb.String(), "  "))
		}
		details[tr.Package+"."+tr.Name] = strings.TrimRight(b.String(), "\n")
	}
	return details, nil
}

// failedAt writes the last expression that failed in a test's own query, with the
// values of its variables, as `opa test --var-values` does.
func failedAt(w *strings.Builder, trace []*topdown.Event) error {
	for _, e := range slices.Backward(trace) {
		if e.Op != topdown.FailOp || e.Location == nil || e.QueryID == 0 {
			continue
		}
		if expr, ok := e.Node.(*ast.Expr); ok {
			if _, isEvery := expr.Terms.(*ast.Every); isEvery {
				continue // the failing expression inside the every body says more
			}
		}
		fmt.Fprintf(w, "failed at %s:%d:\n", e.Location.File, e.Location.Row)
		var eb bytes.Buffer
		if err := topdown.PrettyEvent(&eb, e, topdown.PrettyEventOpts{PrettyVars: true}); err != nil {
			return fmt.Errorf("describe failure: %w", err)
		}
		text := strings.ReplaceAll(strings.TrimRight(eb.String(), "\n"), "\t", "  ")
		w.WriteString(indent(dedentFirstBlock(text)+"\n", "  "))
		if expr, ok := e.Node.(*ast.Expr); ok {
			w.WriteString(indent(comparison(expr, e.Locals), "  "))
		}
		return nil
	}
	return nil
}

// comparison shows, for a failed comparison of two values (==, or = as the
// rewritten tests have it), what differs between them, as a diff (-want +got) of
// the two values whole: the side written as a value (an object, a string) is what
// the test wants, the other what it got; of two names, the right one is wanted.
// "" for any other expression.
func comparison(expr *ast.Expr, locals *ast.ValueMap) string {
	op := expr.Operator().String()
	args := expr.Operands()
	if (op != "eq" && op != "equal") || len(args) != 2 {
		return ""
	}
	got, want := args[0], args[1]
	if isName(want) && !isName(got) {
		got, want = want, got
	}
	gv, wv := valueOf(got, locals), valueOf(want, locals)
	if gv == nil || wv == nil || gv.Compare(wv) == 0 {
		return ""
	}
	gl, wl := jsonLines(gv), jsonLines(wv)
	if len(gl) == 1 && len(wl) == 1 { // two scalars: the values above say it
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s (-want +got):\n", termText(got))
	context := max(len(wl), len(gl)) // whole values, unless they are long
	if context > 40 {
		context = 3
	}
	m := difflib.NewMatcher(wl, gl)
	for _, group := range m.GetGroupedOpCodes(context) {
		if group[0].I1 > 0 || group[0].J1 > 0 {
			b.WriteString("  ...\n")
		}
		for _, c := range group {
			switch c.Tag {
			case 'e':
				for _, l := range wl[c.I1:c.I2] {
					b.WriteString("  " + l + "\n")
				}
			default:
				for _, l := range wl[c.I1:c.I2] {
					b.WriteString("- " + l + "\n")
				}
				for _, l := range gl[c.J1:c.J2] {
					b.WriteString("+ " + l + "\n")
				}
			}
		}
		if last := group[len(group)-1]; last.I2 < len(wl) || last.J2 < len(gl) {
			b.WriteString("  ...\n")
		}
	}
	return b.String()
}

// isName reports whether a term names a value (a variable, a reference) rather
// than writing it.
func isName(t *ast.Term) bool {
	switch t.Value.(type) {
	case ast.Var, ast.Ref:
		return true
	}
	return false
}

// valueOf is the value of a term of a failed expression: a local variable's
// binding, a reference into a local, or a value written in the test with the
// locals it holds put in; nil when it cannot be known.
func valueOf(t *ast.Term, locals *ast.ValueMap) ast.Value {
	switch v := t.Value.(type) {
	case ast.Var:
		if locals == nil {
			return nil
		}
		return locals.Get(v)
	case ast.Ref:
		base, ok := v[0].Value.(ast.Var)
		if !ok || locals == nil || !v[1:].IsGround() {
			return nil
		}
		bv := locals.Get(base)
		if bv == nil {
			return nil
		}
		found, err := bv.Find(ast.Ref(v[1:]))
		if err != nil {
			return nil
		}
		return found
	}
	if locals == nil {
		locals = ast.NewValueMap()
	}
	plugged, err := ast.TransformVars(t.Value, func(v ast.Var) (ast.Value, error) {
		if val := locals.Get(v); val != nil {
			return val, nil
		}
		return v, nil
	})
	if pv, ok := plugged.(ast.Value); ok && err == nil && ast.IsConstant(pv) {
		return pv
	}
	return nil
}

// termText is a term as the test wrote it.
func termText(t *ast.Term) string {
	if t.Location != nil && len(t.Location.Text) > 0 {
		return string(t.Location.Text)
	}
	return t.String()
}

// jsonLines is a value as indented JSON (sets as sorted arrays), one line each.
func jsonLines(v ast.Value) []string {
	native, err := ast.JSON(v)
	if err != nil {
		return strings.Split(v.String(), "\n")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(native); err != nil {
		return strings.Split(v.String(), "\n")
	}
	return strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
}

// dedentFirstBlock removes the indentation common to the lines before the first
// blank one: OPA indents a failed expression to its column in the source, so that
// the markers under it line up.
func dedentFirstBlock(s string) string {
	lines := strings.Split(s, "\n")
	end := len(lines)
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			end = i
			break
		}
	}
	common := -1
	for _, l := range lines[:end] {
		n := len(l) - len(strings.TrimLeft(l, " "))
		if common < 0 || n < common {
			common = n
		}
	}
	for i := range lines[:end] {
		lines[i] = lines[i][max(common, 0):]
	}
	return strings.Join(lines, "\n")
}

// indent prefixes every non-empty line of s.
func indent(s, prefix string) string {
	lines := strings.SplitAfter(s, "\n")
	var b strings.Builder
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			b.WriteString(prefix)
		}
		b.WriteString(l)
	}
	return b.String()
}

// coverage summarises the tracer's report over the policy files of the sources
// from index from on, leaving out the test files.
func coverage(cov *cover.Cover, set *policy.Set, from int) *Coverage {
	mods := map[string]*ast.Module{}
	for name, m := range set.Modules {
		if !strings.HasSuffix(name, "_test.rego") && set.Source[name] >= from {
			mods[name] = m
		}
	}
	rep := cov.Report(mods)
	c := &Coverage{}
	for name := range mods {
		fc := FileCoverage{File: name}
		if fr := rep.Files[name]; fr != nil {
			fc.Covered, fc.NotCovered = fr.CoveredLines, fr.NotCoveredLines
			fc.Missed = spans(fr.NotCovered)
		}
		c.Covered += fc.Covered
		c.NotCovered += fc.NotCovered
		c.Files = append(c.Files, fc)
	}
	slices.SortFunc(c.Files, func(a, b FileCoverage) int { return cmp.Compare(a.File, b.File) })
	return c
}

// spans collapses ranges into sorted, merged spans of lines.
func spans(ranges []cover.Range) []LineSpan {
	rows := map[int]bool{}
	for _, r := range ranges {
		for row := r.Start.Row; row <= r.End.Row; row++ {
			rows[row] = true
		}
	}
	sorted := make([]int, 0, len(rows))
	for r := range rows {
		sorted = append(sorted, r)
	}
	slices.Sort(sorted)
	var out []LineSpan
	for _, r := range sorted {
		if n := len(out); n > 0 && out[n-1].To == r-1 {
			out[n-1].To = r
			continue
		}
		out = append(out, LineSpan{From: r, To: r})
	}
	return out
}
