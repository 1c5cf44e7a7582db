package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/config"
	"github.com/gapcheck/gapcheck/internal/render"
)

// judgeOptions are the settings check and diff share: how profiles are judged
// and when the run fails.
type judgeOptions struct {
	format        string
	failOn        string
	failOnUnknown bool
	policyDirs    []string
	timeout       time.Duration
	waivers       string // --waivers FILE
	at            string // --at DATE
	maxAge        string // --max-evidence-age AGE
}

// addJudgeFlags adds the flags of judgeOptions. formats are the output formats the
// command has; what is "worse" for --fail-on, said in failOnUsage.
func addJudgeFlags(cmd *cobra.Command, o *judgeOptions, formats []string, failOnUsage, policyUsage string) {
	f := cmd.Flags()
	f.StringVarP(&o.format, "format", "f", render.FormatTable, "output format: "+strings.Join(formats, ", "))
	f.StringVar(&o.failOn, "fail-on", string(checker.SeverityLow), failOnUsage+": critical, high, medium, low, or never")
	f.BoolVar(&o.failOnUnknown, "fail-on-unknown", false, "unknown findings at or above --fail-on fail the run too")
	addPolicyFlag(cmd, &o.policyDirs, policyUsage)
	f.DurationVar(&o.timeout, "timeout", checker.DefaultTimeout, "time limit for evaluating one profile")
	f.StringVar(&o.waivers, "waivers", "", "waivers file: gaps accepted until a date, each with a justification and an owner; waived gaps do not fail the run")
	f.StringVar(&o.at, "at", "", "evaluate at this `DATE`: the facts and the law as they stood that day (YYYY-MM-DD; YYYY-MM or YYYY is its last day); default: each profile's as_of")
	f.StringVar(&o.maxAge, "max-evidence-age", "", "how long an observation stays evidence, for every recommendation: an `AGE` such as 2y, 18m, 90d, or none; default: each recommendation's own")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions([]string{"critical", "high", "medium", "low", "never"}, cobra.ShellCompDirectiveNoFileComp))
}

// threshold parses --fail-on and --fail-on-unknown, and --timeout, --at and
// --max-evidence-age with them: the settings every judging command checks before
// it reads anything.
func (o *judgeOptions) threshold() (threshold, error) {
	if o.timeout <= 0 {
		return threshold{}, fmt.Errorf("--timeout %s: want a positive duration, such as 10s", o.timeout)
	}
	if _, err := o.date(); err != nil {
		return threshold{}, err
	}
	if _, err := o.engineOptions(); err != nil {
		return threshold{}, err
	}
	return parseThreshold(o.failOn, o.failOnUnknown)
}

// date is the day of --at (YYYY-MM-DD), "" when not given.
func (o *judgeOptions) date() (string, error) { return parseDate("--at", o.at) }

// parseDate parses a date flag: YYYY-MM-DD, or YYYY-MM or YYYY meaning its last
// day, as profiles count dates; "" stays "".
func parseDate(flag, s string) (string, error) {
	if s == "" {
		return "", nil
	}
	w, err := checker.ParseWhen(s)
	if err != nil {
		return "", fmt.Errorf("%s %s: want a date as YYYY-MM-DD, or YYYY-MM or YYYY for its last day", flag, s)
	}
	return w.Date(), nil
}

// engineOptions are the engine settings of the flags: --timeout, --max-evidence-age.
func (o *judgeOptions) engineOptions() ([]checker.Option, error) {
	opts := []checker.Option{checker.WithTimeout(o.timeout)}
	if o.maxAge != "" {
		days, err := checker.ParseAge(o.maxAge)
		if err != nil {
			return nil, fmt.Errorf("--max-evidence-age: %w", err)
		}
		opts = append(opts, checker.WithMaxEvidenceAge(days))
	}
	return opts, nil
}

// warnReviewedBefore warns when the profiles are evaluated at a date after the one
// their facts were reviewed to: what changed since is not in them.
func warnReviewedBefore(w io.Writer, at string, profiles []*checker.Profile) error {
	if at == "" {
		return nil
	}
	var stale []*checker.Profile
	for _, p := range profiles {
		if p.AsOf < at {
			stale = append(stale, p)
		}
	}
	switch {
	case len(stale) == 0:
		return nil
	case len(stale) == 1:
		return warnf(w, "%s is reviewed only to %s, before --at %s: what changed since is not in it", stale[0].File, stale[0].AsOf, at)
	}
	return warnf(w, "%d of %d profiles are reviewed only to a date before --at %s: what changed since is not in them", len(stale), len(profiles), at)
}

// checkOptions are the settings of `gapcheck check`.
type checkOptions struct {
	judgeOptions
	streams IOStreams
	global  *globalOptions
	paths   []string
	outputs []string // --output FORMAT=FILE
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
	addJudgeFlags(cmd, &o.judgeOptions, render.Names(), "exit 1 on gaps at or above this severity", policyUsage)
	cmd.Flags().StringArrayVar(&o.outputs, "output", nil, "also write the report to a file, as `FORMAT=FILE` with FORMAT one of "+strings.Join(render.Names(), ", ")+"; written atomically (repeatable)")
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

// failsAt reports whether a finding of a severity in a status fails the run.
func (t threshold) failsAt(sev checker.Severity, s checker.Status) bool {
	if t.never || sev.Rank() < t.min.Rank() {
		return false
	}
	return s.Failing() || (t.unknown && s == checker.StatusUnknown)
}

func runCheck(ctx context.Context, o *checkOptions) error {
	th, err := o.threshold()
	if err != nil {
		return err
	}
	files, filesErr := profileFiles(o.paths)
	out, err := newOutputs(reportDoc, outputSettings{streams: o.streams, global: o.global, format: o.format, specs: o.outputs,
		unknownFails: o.failOnUnknown, inputs: runInputs(append(files, o.paths...), o.waivers, o.policyDirs, o.global)})
	if err != nil {
		return err
	}
	reported, err := judge(ctx, o, out, files, filesErr, th)
	if err != nil && !reported {
		return out.writeErrors(err, o.streams.Out)
	}
	return err
}

// runInputs are the files a run reads, which no --output may overwrite: the
// profiles, the waivers file, the --policy directories and the config file.
func runInputs(files []string, waivers string, policyDirs []string, g *globalOptions) []string {
	inputs := append([]string(nil), files...)
	if waivers != "" {
		inputs = append(inputs, waivers)
	}
	inputs = append(inputs, policyDirs...)
	return append(inputs, configFile(g))
}

// configFile is the config file a command reads: --config, or the default.
func configFile(g *globalOptions) string {
	if g.configFile != "" {
		return g.configFile
	}
	return config.DefaultFile
}

// judge is check once its outputs are set: load, evaluate, write, and the verdict;
// reported is true once the report has been written.
func judge(ctx context.Context, o *checkOptions, out *outputs, files []string, filesErr error, th threshold) (reported bool, err error) {
	if filesErr != nil {
		return false, filesErr
	}
	waivers, err := loadWaivers(o.waivers)
	if err != nil {
		return false, err
	}
	engineOpts, err := o.engineOptions()
	if err != nil {
		return false, err
	}
	engine, err := newEngine(ctx, o.policyDirs, engineOpts...)
	if err != nil {
		return false, err
	}
	if waivers != nil {
		if err := waivers.CheckRecommendations(recommendationIDs(engine)); err != nil {
			return false, err
		}
	}
	profiles, err := loadProfiles(ctx, files)
	if err != nil {
		return false, err
	}
	at, err := o.date()
	if err != nil {
		return false, err
	}
	reports, err := engine.EvaluateAllAt(ctx, profiles, at)
	if err != nil {
		return false, err
	}
	if err := warnReviewedBefore(o.streams.ErrOut, at, profiles); err != nil {
		return false, err
	}
	var waived *checker.WaiverReport
	if waivers != nil {
		waived = waivers.Apply(reports, o.streams.now())
	}
	if err := out.write(&render.Run{Reports: reports, Recommendations: engine.Recommendations(), Waivers: waived}, o.streams.Out); err != nil {
		return true, err
	}
	if waived != nil {
		if err := warnWaivers(o.streams.ErrOut, waived); err != nil {
			return true, err
		}
	}
	return true, verdict(reports, th)
}

// recommendationIDs lists the ids of an engine's recommendations.
func recommendationIDs(e *checker.Engine) []string {
	var ids []string
	for _, r := range e.Recommendations() {
		ids = append(ids, r.ID)
	}
	return ids
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
			case th.failsAt(f.Severity, f.Status):
				failing++
			}
		}
	}
	if errored > 0 {
		return fmt.Errorf("%d finding(s) could not be evaluated; see status \"error\" in the report", errored)
	}
	if failing > 0 {
		return errFindings
	}
	return nil
}

// newEngine compiles the embedded policies plus the --policy directories.
func newEngine(ctx context.Context, dirs []string, opts ...checker.Option) (*checker.Engine, error) {
	srcs, err := policyDirSources(dirs)
	if err != nil {
		return nil, err
	}
	for _, s := range srcs {
		opts = append(opts, checker.WithPolicies(s))
	}
	return checker.NewEngine(ctx, opts...)
}

// policyDirSources returns the --policy directories as policy sources; a path
// that is not a directory is an error naming the flag.
func policyDirSources(dirs []string) ([]checker.PolicySource, error) {
	var srcs []checker.PolicySource
	for _, d := range dirs {
		info, err := os.Stat(d)
		if err != nil {
			return nil, fmt.Errorf("--policy %s: %w", d, unwrapPathError(err))
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("--policy %s: not a directory", d)
		}
		srcs = append(srcs, checker.PolicySource{FS: os.DirFS(d), Dir: cleanDir(d)})
	}
	return srcs, nil
}
