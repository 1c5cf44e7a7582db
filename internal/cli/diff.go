package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/gitbase"
	"github.com/gapcheck/gapcheck/internal/render"
)

// diffOptions are the settings of `gapcheck diff`.
type diffOptions struct {
	streams       IOStreams
	global        *globalOptions
	base          string
	paths         []string
	format        string
	failOn        string
	failOnUnknown bool
	policyDirs    []string
	timeout       time.Duration
	waivers       string
}

func newDiffCmd(streams IOStreams, g *globalOptions) *cobra.Command {
	o := &diffOptions{streams: streams, global: g}
	cmd := &cobra.Command{
		Use:   "diff --base REF [flags] [PATH...]",
		Short: "Report which findings a change opens, closes or makes worse, against a git base",
		Long: `Compare the profiles under PATH (default: the repository's profiles/ directory) as they
are in the working tree with the same profiles at the git revision REF, and report per
state what changed: gaps opened and closed, other status changes (e.g. met -> unknown),
recommendations added or removed by a policy change, profiles added, removed or
renamed.

Only the profiles that differ from REF are evaluated, unless the repository's
policies/ directory differs (then every profile is, the base with the policies of REF
and the working tree with its own) or a waivers file is given (then every profile is,
the base with the waivers file as it was at REF). --policy directories apply to both.

A change is worse when the finding's status gets worse in this order: met,
not_applicable and waived; unknown; partial; gap; error; and when a met, partial or
gap finding becomes unknown (evidence removed). The run fails (exit 1) when a
change makes a finding worse, to partial or gap (or unknown, with --fail-on-unknown),
at or above --fail-on. Added profiles and recommendations are reported, never worse.

git must be on PATH. diff only reads: it never changes the working tree, the index or
a ref. In a shallow clone, fetch REF first.

` + exitCodesHelp,
		Example: `  gapcheck diff --base origin/main
  gapcheck diff --base HEAD~1 --format markdown profiles/ > comment.md
  gapcheck diff --base origin/main --fail-on high --waivers waivers.yaml`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.paths = args
			return runDiff(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.base, "base", "", "git revision to compare with, e.g. origin/main (required)")
	f.StringVarP(&o.format, "format", "f", render.FormatTable, "output format: "+strings.Join(render.DiffNames(), ", "))
	f.StringVar(&o.failOn, "fail-on", string(checker.SeverityLow), "exit 1 when a change makes a finding worse at or above this severity: critical, high, medium, low, or never")
	f.BoolVar(&o.failOnUnknown, "fail-on-unknown", false, "a change to unknown at or above --fail-on fails the run too")
	addPolicyFlag(cmd, &o.policyDirs, "directory of Rego policies to add on both sides (repeatable)")
	f.DurationVar(&o.timeout, "timeout", checker.DefaultTimeout, "time limit for evaluating one profile")
	f.StringVar(&o.waivers, "waivers", "", "waivers file: gaps accepted until a date, each with a justification and an owner; applied to both sides")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(render.DiffNames(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions([]string{"critical", "high", "medium", "low", "never"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runDiff(ctx context.Context, o *diffOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	th, err := parseThreshold(o.failOn, o.failOnUnknown)
	if err != nil {
		return &ExitError{Code: ExitInvalid, Err: err}
	}
	r, err := render.NewDiff(o.format)
	if err != nil {
		return &ExitError{Code: ExitInvalid, Err: err}
	}
	if o.base == "" {
		return &ExitError{Code: ExitInvalid, Err: errors.New("--base: want the git revision to compare with, e.g. --base origin/main")}
	}
	waivers, err := loadWaivers(o.waivers)
	if err != nil {
		return err
	}
	repo, err := gitbase.Open(ctx, ".")
	if errors.Is(err, gitbase.ErrNotRepository) {
		return &ExitError{Code: ExitInvalid, Err: errors.New("diff: the working directory is not in a git work tree; run diff in a clone of the repository that holds the profiles")}
	}
	if err != nil {
		return &ExitError{Code: ExitInvalid, Err: fmt.Errorf("diff: %w", err)}
	}
	commit, err := repo.ResolveCommit(ctx, o.base)
	if err != nil {
		return &ExitError{Code: ExitInvalid, Err: fmt.Errorf("--base: %w", err)}
	}
	sides, err := prepareSides(ctx, repo, commit, o, waivers)
	if err != nil {
		return err
	}
	today := time.Now()
	baseReports, err := sides.base.evaluate(ctx, today)
	if err != nil {
		return err
	}
	headReports, err := sides.head.evaluate(ctx, today)
	if err != nil {
		return err
	}
	for _, rep := range baseReports { // name each base profile as the working tree would
		rep.Profile.Path = sides.base.workingName[rep.Profile.Path]
	}
	run := &render.DiffRun{Base: o.base, BaseCommit: commit, Changes: checker.Compare(baseReports, headReports), Waivers: sides.head.waiverReport}
	var buf bytes.Buffer
	if err := r.RenderDiff(&buf, run); err != nil {
		return &ExitError{Code: ExitInvalid, Err: fmt.Errorf("render %s: %w", o.format, err)}
	}
	if _, err := o.streams.Out.Write(buf.Bytes()); err != nil {
		return err
	}
	if run.Waivers != nil {
		if err := warnWaivers(o.streams.ErrOut, run.Waivers); err != nil {
			return err
		}
	}
	return diffVerdict(headReports, run.Changes, th)
}

// diffVerdict turns a diff into the run's outcome: an error when a finding of the
// working tree could not be evaluated, errFindings when a change made a finding
// worse at or above the threshold.
func diffVerdict(head []*checker.Report, changes []checker.Change, th threshold) error {
	if err := verdict(head, threshold{never: true}); err != nil {
		return err
	}
	for _, c := range changes {
		if c.Worse && th.fails(checker.Finding{Severity: c.Severity, Status: c.Head}) {
			return errFindings
		}
	}
	return nil
}
