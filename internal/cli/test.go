package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/author"
)

// testOptions are the settings of `gapcheck test`.
type testOptions struct {
	streams   IOStreams
	dirs      []string
	coverage  bool
	threshold float64
	// thresholdSet is true when --threshold was given (any value, -5 too).
	thresholdSet bool
	run          string
	verbose      bool
	watch        bool
}

func newTestCmd(streams IOStreams) *cobra.Command {
	o := &testOptions{streams: streams}
	cmd := &cobra.Command{
		Use:   "test [flags] [DIR...]",
		Short: "Run the Rego tests of the policies, with coverage",
		Long: `Run the Rego tests (the test_ rules of the _test.rego files) with OPA's test
runner, compiled as gapcheck compiles policies: Rego v1, strict mode, gapcheck's
capabilities. Without DIR, the tests of the policies that every command uses (see
below: in a checkout, its policies/ as it is on disk); with DIR, the tests in those
directories, compiled over that bundle as check evaluates them: an add-on is tested
on top of the library it uses, and coverage counts its files only.

Failing tests are always printed with their location, the expression that failed
and the values of its variables; -v prints every test, and the trace of failures.
--coverage reports the share of policy lines the tests evaluate (test files are
not counted), per file and in total, rounded down to two decimals; --threshold
compares the exact figure, so 99.99% fails a threshold of 100.

` + policyRuleHelp + `

Exit codes:
  0  every test passed (and coverage is at or above --threshold)
  1  a test failed or errored, or coverage is below --threshold
  2  the policies do not parse or compile, no test matched, or a bad flag`,
		Example: `  gapcheck test                          # in a checkout, its policies/ on disk; elsewhere the embedded ones
  gapcheck test --watch                  # again on every save
  gapcheck test --coverage --threshold 95
  gapcheck test --run 'prum' -v
  gapcheck test ./my-policies            # an add-on, over the bundle`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dirs = args
			o.thresholdSet = cmd.Flags().Changed("threshold")
			if !o.thresholdSet {
				o.threshold = -1
			}
			return runTest(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.coverage, "coverage", false, "report test coverage of the policy files")
	f.Float64Var(&o.threshold, "threshold", 0, "with --coverage, exit 1 when coverage is below this percentage (0-100)")
	f.StringVar(&o.run, "run", "", "run only the tests whose full name (data.<package>.<rule>) matches this regular expression")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "print every test, and the trace of failing tests")
	f.BoolVar(&o.watch, "watch", false, "run the tests again whenever a policy file changes, until Ctrl-C")
	return cmd
}

func runTest(ctx context.Context, o *testOptions) error {
	if !o.watch {
		return testOnce(ctx, o)
	}
	set, err := authorPolicies(o.dirs)
	if err != nil {
		return err
	}
	paths := policyPaths(set)
	if len(paths) == 0 {
		return errors.New("--watch: the embedded policies do not change: run in a checkout, or give the directories to test")
	}
	return watch(ctx, o.streams, paths, nil, func(ctx context.Context) error { return testOnce(ctx, o) })
}

// testOnce is one run of test.
func testOnce(ctx context.Context, o *testOptions) error {
	opts := author.TestOptions{Coverage: o.coverage, Verbose: o.verbose}
	if o.threshold != -1 || o.thresholdSet {
		if o.threshold < 0 {
			return fmt.Errorf("--threshold %g: want a percentage from 0 to 100", o.threshold)
		}
		if !o.coverage {
			return errors.New("--threshold needs --coverage")
		}
		if o.threshold > 100 {
			return fmt.Errorf("--threshold %g: want a percentage from 0 to 100", o.threshold)
		}
	}
	if o.run != "" {
		re, err := regexp.Compile(o.run)
		if err != nil {
			return fmt.Errorf("--run: %w", err)
		}
		opts.Run = re
	}
	set, err := authorPolicies(o.dirs)
	if err != nil {
		return err
	}
	opts.From = underTest(set)
	report, err := author.Test(ctx, set.Sources(), opts)
	if err != nil {
		return err
	}
	if err := writePoliciesLine(o.streams.Out, set); err != nil {
		return err
	}
	if err := writeTestReport(o.streams.Out, report, o.verbose); err != nil {
		return err
	}
	if !report.Passed() {
		return errFindings
	}
	if o.threshold >= 0 && !report.Coverage.Meets(o.threshold) {
		return &ExitError{Code: ExitFail, Err: fmt.Errorf("coverage %s%% is below the threshold of %g%%",
			author.FormatPercent(report.Coverage.Percent()), o.threshold)}
	}
	return nil
}

// writeTestReport prints the failing tests (every test with verbose), a summary of
// outcomes and the coverage. Durations are left out: the output is deterministic.
func writeTestReport(w io.Writer, r *author.TestReport, verbose bool) error {
	bw := bufio.NewWriter(w)
	printed := false
	for _, t := range r.Results {
		failed := t.Outcome == author.Fail || t.Outcome == author.Error
		if !failed && !verbose {
			continue
		}
		printed = true
		fmt.Fprintf(bw, "%s:%d: %s: %s\n", t.File, t.Line, t.FullName(), t.Outcome)
		if t.Detail != "" {
			writeIndented(bw, t.Detail, "  ")
		}
		if out := strings.TrimRight(t.Output, "\n"); out != "" {
			fmt.Fprintln(bw, "  output:")
			writeIndented(bw, out, "    ")
		}
	}
	if printed {
		fmt.Fprintln(bw, strings.Repeat("-", 80))
	}
	total := len(r.Results)
	for _, o := range []author.Outcome{author.Pass, author.Fail, author.Error, author.Skip} {
		if n := r.Count(o); n > 0 || o == author.Pass {
			fmt.Fprintf(bw, "%s: %d/%d\n", o, n, total)
		}
	}
	if c := r.Coverage; c != nil {
		fmt.Fprintln(bw, "\nCoverage of the policy files (test files not counted):")
		for _, f := range c.Files {
			if f.NotCovered == 0 && !verbose {
				continue
			}
			fmt.Fprintf(bw, "  %7s%%  %s", author.FormatPercent(f.Percent()), f.File)
			if len(f.Missed) > 0 {
				missed := make([]string, len(f.Missed))
				for i, s := range f.Missed {
					missed[i] = s.String()
				}
				fmt.Fprintf(bw, "  not covered: %s", strings.Join(missed, ", "))
			}
			fmt.Fprintln(bw)
		}
		fmt.Fprintf(bw, "  %7s%%  total: %d of %d lines in %d files\n", author.FormatPercent(c.Percent()),
			c.Covered, c.Covered+c.NotCovered, len(c.Files))
	}
	return bw.Flush()
}

func writeIndented(w io.Writer, text, prefix string) {
	for line := range strings.SplitSeq(strings.TrimRight(text, "\n"), "\n") {
		if line == "" {
			fmt.Fprintln(w)
			continue
		}
		fmt.Fprintf(w, "%s%s\n", prefix, line)
	}
}

// authorPolicies is the policy set of test and lint: the one rule, with the DIR
// arguments as the directories given.
func authorPolicies(dirs []string) (*checker.PolicySet, error) {
	given, err := dirSources(dirs)
	if err != nil {
		return nil, err
	}
	return selectPolicies(given)
}

// underTest is the index of the first source of a set that test and lint check:
// the directories given, over the bundle they extend; all of them when none was.
func underTest(set *checker.PolicySet) int {
	if len(set.Given()) == 0 {
		return 0
	}
	return len(set.Sources()) - len(set.Given())
}

// dirSources returns the policy directories on disk. A path that does not exist
// or is not a directory is an error.
func dirSources(dirs []string) ([]checker.PolicySource, error) {
	sources := make([]checker.PolicySource, 0, len(dirs))
	for _, d := range dirs {
		if err := checkDir(d); err != nil {
			return nil, err
		}
		sources = append(sources, checker.PolicySource{FS: os.DirFS(d), Dir: cleanDir(d)})
	}
	return sources, nil
}

// checkDir reports a path that is not a readable directory.
func checkDir(d string) error {
	info, err := os.Stat(d)
	if err != nil {
		return fmt.Errorf("read %s: %w", d, unwrapPathError(err))
	}
	if !info.IsDir() {
		return fmt.Errorf("%s: not a directory: want a directory of .rego files", d)
	}
	return nil
}

// cleanDir is how messages name a directory given on the command line: as typed,
// without a trailing slash ("policies/" -> "policies").
func cleanDir(d string) string {
	if c := strings.TrimRight(d, "/"); c != "" {
		return c
	}
	return d
}
