package cli

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/render"
)

// checkOptions are the settings of `gapcheck check`.
type checkOptions struct {
	streams       IOStreams
	global        *globalOptions
	paths         []string
	format        string
	outputs       []string // --output FORMAT=FILE
	failOn        string
	failOnUnknown bool
	policyDirs    []string
	timeout       time.Duration
	waivers       string // --waivers FILE
}

func newCheckCmd(streams IOStreams, g *globalOptions) *cobra.Command {
	o := &checkOptions{streams: streams, global: g}
	cmd := &cobra.Command{
		Use:   "check [flags] PATH...",
		Short: "Evaluate profiles and print their gap reports (the default command)",
		Long: `Evaluate profiles against the recommendations and print a gap report per state:
every recommendation with its status, severity, message and the line of the fact it
rests on. For several profiles, the table format prints the EU-wide view.

` + exitCodesHelp,
		Example: `  gapcheck check profiles/belgium.yaml
  gapcheck check --format markdown profiles/ > report.md
  gapcheck check --output sarif=gapcheck.sarif --output junit=report.xml profiles/`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.paths = args
			return runCheck(cmd.Context(), o)
		},
	}
	addCheckFlags(cmd, o)
	return cmd
}

func addCheckFlags(cmd *cobra.Command, o *checkOptions) {
	f := cmd.Flags()
	f.StringVarP(&o.format, "format", "f", render.FormatTable, "output format: "+strings.Join(render.Names(), ", "))
	f.StringArrayVar(&o.outputs, "output", nil, "also write the report to a file, as `FORMAT=FILE` with FORMAT one of "+strings.Join(render.Names(), ", ")+"; written atomically (repeatable)")
	f.StringVar(&o.failOn, "fail-on", string(checker.SeverityLow), "exit 1 on gaps at or above this severity: critical, high, medium, low, or never")
	f.BoolVar(&o.failOnUnknown, "fail-on-unknown", false, "unknown findings at or above --fail-on fail the run too")
	addPolicyFlag(cmd, &o.policyDirs, policyUsage)
	f.DurationVar(&o.timeout, "timeout", checker.DefaultTimeout, "time limit for evaluating one profile")
	f.StringVar(&o.waivers, "waivers", "", "waivers file: gaps accepted until a date, each with a justification and an owner; waived gaps do not fail the run")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(render.Names(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions([]string{"critical", "high", "medium", "low", "never"}, cobra.ShellCompDirectiveNoFileComp))
}

// policyUsage is the help of --policy where it adds to the embedded policies.
const policyUsage = "directory of Rego policies to add; its packages replace embedded ones of the same path (repeatable)"

// addPolicyFlag adds the repeatable --policy/-p flag, completed with directories.
func addPolicyFlag(cmd *cobra.Command, dirs *[]string, usage string) {
	cmd.Flags().StringArrayVarP(dirs, "policy", "p", nil, usage)
	_ = cmd.MarkFlagDirname("policy")
}

// threshold is a parsed --fail-on: the lowest severity that fails, or none.
type threshold struct {
	never   bool
	min     checker.Severity
	unknown bool
}

func parseThreshold(s string, unknown bool) (threshold, error) {
	if s == "never" {
		return threshold{never: true}, nil
	}
	sev, err := checker.ParseSeverity(s)
	if err != nil {
		return threshold{}, fmt.Errorf("--fail-on: %w or never", err)
	}
	return threshold{min: sev, unknown: unknown}, nil
}

// fails reports whether a finding fails the run.
func (t threshold) fails(f checker.Finding) bool {
	if t.never || f.Severity.Rank() < t.min.Rank() {
		return false
	}
	return f.Status.Failing() || (t.unknown && f.Status == checker.StatusUnknown)
}

func runCheck(ctx context.Context, o *checkOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	th, err := parseThreshold(o.failOn, o.failOnUnknown)
	if err != nil {
		return &ExitError{Code: ExitInvalid, Err: err}
	}
	out, err := newOutputs(o)
	if err != nil {
		return err
	}
	files, err := profileFiles(o.paths)
	if err != nil {
		return &ExitError{Code: ExitInvalid, Err: err}
	}
	waivers, err := loadWaivers(o.waivers)
	if err != nil {
		return err
	}
	engine, err := newEngine(ctx, o.policyDirs, o.timeout)
	if err != nil {
		return err
	}
	profiles, err := loadProfiles(ctx, files)
	if err != nil {
		return err
	}
	reports, err := engine.EvaluateAll(ctx, profiles)
	if err != nil {
		return &ExitError{Code: ExitInvalid, Err: err}
	}
	var waived *checker.WaiverReport
	if waivers != nil {
		waived = waivers.Apply(reports, time.Now())
	}
	if err := out.write(&render.Run{Reports: reports, Recommendations: engine.Recommendations(), Waivers: waived}, o.streams.Out); err != nil {
		return err
	}
	if waived != nil {
		if err := warnWaivers(o.streams.ErrOut, waived); err != nil {
			return err
		}
	}
	return verdict(reports, th)
}

// verdict turns reports into the run's outcome: an error when a finding could not
// be evaluated, errFindings when one fails the threshold.
func verdict(reports []*checker.Report, th threshold) error {
	errored, failing := 0, 0
	for _, r := range reports {
		for _, f := range r.Findings {
			switch {
			case f.Status == checker.StatusError:
				errored++
			case th.fails(f):
				failing++
			}
		}
	}
	if errored > 0 {
		return &ExitError{Code: ExitInvalid, Err: fmt.Errorf("%d finding(s) could not be evaluated; see status \"error\" in the report", errored)}
	}
	if failing > 0 {
		return errFindings
	}
	return nil
}

// newEngine compiles the embedded policies plus the --policy directories. The
// bundle options come first (diff passes checker.WithOnlyPolicies to evaluate a
// side with its own policies/ instead of the embedded ones).
func newEngine(ctx context.Context, dirs []string, timeout time.Duration, bundle ...checker.Option) (*checker.Engine, error) {
	if timeout <= 0 {
		return nil, &ExitError{Code: ExitInvalid, Err: fmt.Errorf("--timeout %s: want a positive duration, such as 10s", timeout)}
	}
	opts := append([]checker.Option{checker.WithTimeout(timeout)}, bundle...)
	for _, d := range dirs {
		info, err := os.Stat(d)
		if err != nil {
			return nil, &ExitError{Code: ExitInvalid, Err: fmt.Errorf("--policy %s: %w", d, unwrapPathError(err))}
		}
		if !info.IsDir() {
			return nil, &ExitError{Code: ExitInvalid, Err: fmt.Errorf("--policy %s: not a directory", d)}
		}
		opts = append(opts, checker.WithPolicies(checker.PolicySource{FS: os.DirFS(d), Dir: strings.TrimSuffix(d, "/")}))
	}
	e, err := checker.NewEngine(ctx, opts...)
	if err != nil {
		return nil, &ExitError{Code: ExitInvalid, Err: err}
	}
	return e, nil
}
