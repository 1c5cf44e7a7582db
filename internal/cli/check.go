package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/checker"
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
	return warnStale(w, at, stale, len(stale), len(profiles))
}

// warnStale is warnReviewedBefore's warning: count of total profiles reviewed only
// to a date before at, stale the first of them.
func warnStale(w io.Writer, at string, stale []*checker.Profile, count, total int) error {
	switch {
	case at == "" || count == 0:
		return nil
	case count == 1:
		return warnf(w, "%s is reviewed only to %s, before --at %s: what changed since is not in it", stale[0].File, stale[0].AsOf, at)
	}
	return warnf(w, "%d of %d profiles are reviewed only to a date before --at %s: what changed since is not in them", count, total, at)
}

// checkOptions are the settings of `gapcheck check`.
type checkOptions struct {
	judgeOptions
	streams IOStreams
	global  *globalOptions
	paths   []string
	outputs []string // --output FORMAT=FILE
	// --status, --severity, --recommendation: the findings the reports show.
	statuses, severities, recommendations []string
	watch                                 bool
}

func newCheckCmd(streams IOStreams, g *globalOptions) *cobra.Command {
	o := &checkOptions{streams: streams, global: g}
	cmd := &cobra.Command{
		Use:   "check [flags] PATH...",
		Short: "Evaluate profiles and print their gap reports (the default command)",
		Long: `Evaluate profiles against the recommendations and print a gap report per state:
every recommendation with its status, severity, message, the line of the fact it
rests on, and the sources that fact cites. For several profiles, the table format
prints the EU-wide view (the ranking, the matrix, the weakest links); markdown and
html add each state's report, html with a map and the trend. gapcheck explain ID
PROFILE prints one finding in full.

--status, --severity and --recommendation choose the findings shown, in every
format, and each report says what they left out; the summaries and the exit code
count every finding. Percentages are rounded down.

With --watch, it runs again whenever a profile, policy, waivers or config file
changes, until Ctrl-C.

` + policyRuleHelp + `

` + exitCodesHelp,
		Example: `  gapcheck check profiles/belgium.yaml
  gapcheck check --format markdown profiles/ > report.md
  gapcheck check --format html profiles/ > report.html
  gapcheck check --status gap,partial --severity critical profiles/
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
	f := cmd.Flags()
	f.BoolVar(&o.watch, "watch", false, "run again whenever a profile, policy, waivers or config file changes, until Ctrl-C")
	f.StringArrayVar(&o.outputs, "output", nil, "also write the report to a file, as `FORMAT=FILE` with FORMAT one of "+strings.Join(render.Names(), ", ")+"; written atomically (repeatable)")
	statuses := make([]string, len(checker.Statuses))
	for i, s := range checker.Statuses {
		statuses[i] = string(s)
	}
	f.StringSliceVar(&o.statuses, "status", nil, "show only the findings of this `STATUS`: "+strings.Join(statuses, ", ")+" (repeatable, or comma-separated); the summaries and the exit code still count every finding")
	f.StringSliceVar(&o.severities, "severity", nil, "show only the findings of recommendations of this `SEVERITY`: critical, high, medium, low (repeatable, or comma-separated)")
	f.StringSliceVar(&o.recommendations, "recommendation", nil, "show only the findings of this recommendation: an `ID` such as prum-dna, or a glob such as pnr-* (repeatable)")
	_ = cmd.RegisterFlagCompletionFunc("status", cobra.FixedCompletions(statuses, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("severity", cobra.FixedCompletions([]string{"critical", "high", "medium", "low"}, cobra.ShellCompDirectiveNoFileComp))
}

// filter parses --status and --severity; --recommendation is checked against the
// catalogue once the policies are compiled (checkRecommendations).
func (o *checkOptions) filter() (*checker.Filter, error) {
	f := &checker.Filter{Recommendations: o.recommendations}
	for _, s := range o.statuses {
		st, err := checker.ParseStatus(s)
		if err != nil {
			return nil, fmt.Errorf("--status: %w", err)
		}
		if !slices.Contains(f.Statuses, st) {
			f.Statuses = append(f.Statuses, st)
		}
	}
	for _, s := range o.severities {
		sev, err := checker.ParseSeverity(strings.ToLower(strings.TrimSpace(s)))
		if err != nil {
			return nil, fmt.Errorf("--severity: %w", err)
		}
		if !slices.Contains(f.Severities, sev) {
			f.Severities = append(f.Severities, sev)
		}
	}
	if f.IsZero() {
		return nil, nil
	}
	return f, nil
}

// checkRecommendations checks that every --recommendation names a
// recommendation of the catalogue.
func checkRecommendations(f *checker.Filter, recs []checker.Recommendation) error {
	if f == nil {
		return nil
	}
	unmatched, err := f.Unmatched(recs)
	if err != nil {
		return fmt.Errorf("--recommendation: %w", err)
	}
	if len(unmatched) > 0 {
		return fmt.Errorf("--recommendation: %w", unknownRecommendation(unmatched[0], unmatched[0], recs))
	}
	return nil
}

// policyUsage is the help of --policy.
const policyUsage = "directory of Rego policies over the bundle: its packages replace the bundle's of the same path; one that holds a whole bundle replaces it (repeatable)"

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
	if !o.watch {
		return checkOnce(ctx, o)
	}
	if _, err := profileFiles(o.paths); err != nil {
		return err
	}
	set, err := policySet(o.policyDirs)
	if err != nil {
		return err
	}
	paths := append(slices.Clone(o.paths), policyPaths(set)...)
	if o.waivers != "" {
		paths = append(paths, o.waivers)
	}
	if c := configFile(o.global); c != "" {
		paths = append(paths, c)
	}
	var written []string
	for _, spec := range o.outputs {
		if _, file, ok := strings.Cut(spec, "="); ok {
			written = append(written, file)
		}
	}
	return watch(ctx, o.streams, paths, written, func(ctx context.Context) error { return checkOnce(ctx, o) })
}

// checkOnce is one run of check: its outputs are checked first (every --output
// target, before anything is read), then judge. A run that fails before its report
// is written says why in the requested CI formats too.
func checkOnce(ctx context.Context, o *checkOptions) error {
	th, err := o.threshold()
	if err != nil {
		return err
	}
	filter, err := o.filter()
	if err != nil {
		return err
	}
	files, filesErr := profileFiles(o.paths)
	out, err := newOutputs(reportDoc, outputSettings{streams: o.streams, global: o.global, format: o.format, specs: o.outputs,
		unknownFails: o.failOnUnknown, inputs: runInputs(append(files, o.paths...), o.waivers, o.policyDirs, o.global)})
	if err != nil {
		return err
	}
	reported, err := judge(ctx, o, out, filter, files, filesErr, th)
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
	if c := configFile(g); c != "" {
		inputs = append(inputs, c)
	}
	return inputs
}

// judge is check once its outputs are set: load, evaluate, write, and the verdict;
// reported is true once the report has been written.
func judge(ctx context.Context, o *checkOptions, out *outputs, filter *checker.Filter, files []string, filesErr error, th threshold) (reported bool, err error) {
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
	if err := checkRecommendations(filter, engine.Recommendations()); err != nil {
		return false, err
	}
	if waivers != nil {
		if err := waivers.CheckRecommendations(recommendationIDs(engine)); err != nil {
			return false, err
		}
	}
	at, err := o.date()
	if err != nil {
		return false, err
	}
	if rs, ok := out.streams(len(files)); ok {
		return judgeStream(ctx, o, out, rs, engine, waivers, filter, files, at, th)
	}
	profiles, err := loadProfiles(ctx, files)
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
	run := render.NewRun(reports, engine.Recommendations(), filter)
	run.Waivers = waived
	run.Policies = engine.Policies()
	if out.needsHistory() {
		if run.Histories, err = engine.History(ctx, profiles, "", at); err != nil {
			return false, err
		}
	}
	if err := out.write(run, o.streams.Out); err != nil {
		return true, err
	}
	if err := out.afterRun(o.streams.ErrOut, engine, run); err != nil {
		return true, err
	}
	return true, verdict(reports, th)
}

// afterRun writes on stderr what follows a check run's reports: the policies when
// a format written has no place for them, the filter's note when the format does
// not say it, the waivers' warnings.
func (out *outputs) afterRun(errOut io.Writer, engine *checker.Engine, run *render.Run) error {
	if out.unnamedPolicies() {
		if _, err := fmt.Fprintf(errOut, "gapcheck: %s\n", policiesLine(engine.Policies())); err != nil {
			return err
		}
	}
	if note := render.FilterNote(run); note != "" && !render.ShowsFilter(out.format) {
		if _, err := fmt.Fprintf(errOut, "gapcheck: %s\n", note); err != nil {
			return err
		}
	}
	if run.Waivers != nil {
		return warnWaivers(errOut, run.Waivers)
	}
	return nil
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
	var t tally
	for _, r := range reports {
		t.add(r, th)
	}
	return t.verdict()
}

// A tally counts, over a run, the findings that could not be evaluated and those
// that fail the threshold.
type tally struct{ errored, failing int }

func (t *tally) add(r *checker.Report, th threshold) {
	for _, f := range r.Findings {
		switch {
		case f.Status == checker.StatusError:
			t.errored++
		case th.failsAt(f.Severity, f.Status):
			t.failing++
		}
	}
}

// verdict is the run's outcome (see verdict).
func (t tally) verdict() error {
	if t.errored > 0 {
		return fmt.Errorf("%d finding(s) could not be evaluated; see status \"error\" in the report", t.errored)
	}
	if t.failing > 0 {
		return errFindings
	}
	return nil
}

// newEngine compiles the policies the one rule chooses (policySet) with the
// --policy directories; the engine names them (Engine.Policies).
func newEngine(ctx context.Context, dirs []string, opts ...checker.Option) (*checker.Engine, error) {
	set, err := policySet(dirs)
	if err != nil {
		return nil, err
	}
	return checker.NewEngine(ctx, append(opts, checker.WithPolicySet(set))...)
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
