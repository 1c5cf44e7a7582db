package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/gitbase"
	"github.com/gapcheck/gapcheck/internal/render"
)

// diffOptions are the settings of `gapcheck diff`.
type diffOptions struct {
	judgeOptions
	streams IOStreams
	global  *globalOptions
	base    string
	tip     bool   // --tip: compare with the tip of --base, not the merge base
	from    string // --from DATE: diff the working tree over time
	to      string // --to DATE
	paths   []string
	outputs []string // --output FORMAT=FILE
	// acceptLost: changes that lose evidence (a judged finding become unknown, a
	// removed profile or recommendation) do not fail the run.
	acceptLost bool
}

func newDiffCmd(streams IOStreams, g *globalOptions) *cobra.Command {
	o := &diffOptions{streams: streams, global: g}
	cmd := &cobra.Command{
		Use:   "diff (--base REF | --from DATE [--to DATE]) [flags] [PATH...]",
		Short: "Report which findings a change opens, closes or makes worse, against a git base or a date",
		Long: `Compare the profiles under PATH (default: the repository's profiles/ directory) as they
are in the working tree (committed or not, staged or not: the files on disk) with the
same profiles at the merge base of the git revision REF and HEAD (the commit the
branch forked from, as git diff REF...HEAD compares; --tip compares with REF itself),
and report per state what changed: gaps opened and closed, other status changes (e.g.
met -> unknown), recommendations added or removed by a policy change, profiles added,
removed or renamed, and the waivers the change added, changed or removed.

Each side is judged by its own policies, chosen by the rule below from that side's
files: the base by the policies/ of REF (or the embedded bundle) and nothing else,
the working tree by its own. --policy is taken from the command line only, never
from the config file or GAPCHECK_POLICY (refused: a pull request could set them); a
--policy directory inside the repository is read from each side (none at the base
if it did not exist at REF), one outside judges both sides. The output names the
policies of both sides, and says when the change changed them.

Only the profiles that differ from REF are evaluated, unless the policies differ
(then every profile is) or a waivers file is given (then every profile is, the base
with the waivers file as it was at REF).

A change is worse when the finding's status gets worse in this order: met,
not_applicable, not_yet_due and waived; unknown; partial; gap; error; and when a
met, partial, gap or waived finding becomes unknown. The run fails (exit 1), at or
above --fail-on, when a change makes a finding worse to partial or gap (or to
unknown, with --fail-on-unknown), and when a change loses evidence: a judged finding
(met, partial, gap, waived) becomes unknown, or its recommendation or its whole
profile is removed. --accept-lost-evidence accepts the latter (only on the command
line). not_yet_due is no evidence: a finding that falls due without evidence
(not_yet_due -> unknown) is worse, and fails only with --fail-on-unknown. Added
profiles and recommendations are reported, never worse.

Both sides are evaluated at one date: --at, or else for each state the date the
working tree's profile is reviewed to (its as_of), so that a change shows what the
edit did, not how time moved.

With --from DATE instead of --base, diff compares the profiles (default: profiles/)
with themselves over time: at --from and at --to (default: each profile's as_of).
What changed is what happened between the two dates: a deadline passed, an entry
of a timeline took effect, evidence grew too old.

git must be on PATH for --base. diff only reads: it never changes the working tree,
the index or a ref. In a shallow clone, fetch REF and enough history for the merge
base (or use --tip).

` + policyRuleHelp + `

` + exitCodesHelp,
		Example: `  gapcheck diff --base origin/main
  gapcheck diff --base HEAD~1 --format markdown profiles/ > comment.md
  gapcheck diff --base origin/main --fail-on high --waivers waivers.yaml
  gapcheck diff --from 2016-03-01 --to 2018-12-31 profiles/`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.paths = args
			return runDiff(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVar(&o.base, "base", "", "git revision to compare with, e.g. origin/main: its merge base with HEAD (see --tip)")
	cmd.Flags().BoolVar(&o.tip, "tip", false, "compare with the tip of --base itself, not its merge base with HEAD")
	cmd.Flags().BoolVar(&o.acceptLost, "accept-lost-evidence", false, "changes that lose evidence (a judged finding becomes unknown, a profile or recommendation is removed) do not fail the run; command line only")
	cmd.Flags().StringArrayVar(&o.outputs, "output", nil, "also write the diff to a file, as `FORMAT=FILE` with FORMAT one of "+strings.Join(render.DiffNames(), ", ")+"; written atomically (repeatable)")
	cmd.Flags().StringVar(&o.from, "from", "", "compare the profiles with themselves at this `DATE` instead of with a git revision")
	cmd.Flags().StringVar(&o.to, "to", "", "with --from, the later `DATE` (default: each profile's as_of)")
	addJudgeFlags(cmd, &o.judgeOptions, render.DiffNames(), "exit 1 when a change makes a finding worse at or above this severity",
		"directory of Rego policies to add, from the command line only; read from each side when inside the repository (repeatable)")
	return cmd
}

// The directories diff looks for at the top of the repository: the profiles it
// compares when given no PATH, and the policies each side is judged by when it
// has them.
const (
	profilesDir = "profiles"
	policiesDir = "policies"
)

func runDiff(ctx context.Context, o *diffOptions) error {
	th, err := o.threshold()
	if err != nil {
		return err
	}
	switch {
	case o.from != "" && o.base != "":
		return errors.New("--from with --base: want one, a git revision to compare with or a date to compare from")
	case o.from != "" && o.at != "":
		return errors.New("--at with --from: want --from and --to, the two dates to compare")
	case o.to != "" && o.from == "":
		return errors.New("--to: want --from as well, the earlier date")
	case o.tip && o.base == "":
		return errors.New("--tip: want --base as well, the revision whose tip to compare with")
	case o.from == "" && o.base == "":
		return errors.New("--base: want the git revision to compare with, e.g. --base origin/main, or --from DATE")
	}
	// The inputs no --output may overwrite: the working tree's profiles under the
	// paths, the waivers file, the policies.
	paths := o.paths
	if len(paths) == 0 {
		paths = []string{profilesDir}
	}
	files, _ := profileFiles(existing(paths))
	inputs := runInputs(append(files, existing(paths)...), o.waivers, append(slices.Clone(o.policyDirs), policiesDir), o.global)
	out, err := newOutputs(diffDoc, outputSettings{streams: o.streams, global: o.global, format: o.format, specs: o.outputs,
		unknownFails: o.failOnUnknown, inputs: inputs})
	if err != nil {
		return err
	}
	var run *render.DiffRun
	var head []*checker.Report
	if o.from != "" {
		run, head, err = diffDates(ctx, o)
	} else {
		run, head, err = diffBase(ctx, o)
	}
	if err != nil {
		return out.writeErrors(err, o.streams.Out)
	}
	run.AcceptLostEvidence = o.acceptLost
	for i := range run.Changes {
		run.Changes[i].Fails = th.failsChange(run.Changes[i], o.acceptLost)
	}
	if err := out.write(run, o.streams.Out); err != nil {
		return err
	}
	if run.Waivers != nil {
		if err := warnWaivers(o.streams.ErrOut, run.Waivers); err != nil {
			return err
		}
	}
	return diffVerdict(head, run.Changes)
}

// existing keeps the paths that exist: a path of a diff may be gone from the
// working tree (the change deleted it).
func existing(paths []string) []string {
	var out []string
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// diffBase is diff --base: the working tree against the merge base of REF and
// HEAD (or REF's tip), each judged by its own policies and waivers.
func diffBase(ctx context.Context, o *diffOptions) (*render.DiffRun, []*checker.Report, error) {
	given, err := policyDirSources(o.policyDirs)
	if err != nil {
		return nil, nil, err
	}
	waivers, err := loadWaivers(o.waivers)
	if err != nil {
		return nil, nil, err
	}
	repo, err := gitbase.Open(ctx, ".")
	if errors.Is(err, gitbase.ErrNotRepository) {
		return nil, nil, errors.New("diff: the working directory is not in a git work tree; run diff in a clone of the repository that holds the profiles")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("diff: %w", err)
	}
	commit, err := repo.ResolveCommit(ctx, o.base)
	if err != nil {
		return nil, nil, fmt.Errorf("--base: %w", err)
	}
	if !o.tip {
		head, err := repo.ResolveCommit(ctx, "HEAD")
		if err != nil {
			return nil, nil, fmt.Errorf("diff: HEAD: %w (a repository with no commit yet: use --tip)", err)
		}
		if commit, err = repo.MergeBase(ctx, commit, head); err != nil {
			return nil, nil, fmt.Errorf("--base %s: %w; or use --tip to compare with %s itself", o.base, err, o.base)
		}
	}
	tree, err := repo.Tree(ctx, commit)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", o.base, err)
	}
	defer tree.Close()
	work := os.DirFS(repo.Root())

	paths := o.paths
	if len(paths) == 0 {
		paths = []string{repo.Local(profilesDir)}
	}
	specs := make([]string, len(paths))
	for i, p := range paths {
		if specs[i], err = repo.Rel(p); err != nil {
			return nil, nil, err
		}
	}
	basePolicies, headPolicies, err := diffPolicies(repo, o.base, tree, work, o.policyDirs, given)
	if err != nil {
		return nil, nil, err
	}
	base := checker.Tree{Label: o.base, FS: tree, Policies: basePolicies}
	head := checker.Tree{FS: work, Policies: headPolicies, Waivers: waivers}
	if waivers != nil {
		if base.Waivers, err = baseWaivers(repo, tree, o.base, o.waivers, waivers); err != nil {
			return nil, nil, err
		}
	}
	engineOpts, err := o.engineOptions()
	if err != nil {
		return nil, nil, err
	}
	at, err := o.date()
	if err != nil {
		return nil, nil, err
	}
	res, err := checker.Diff(ctx, base, head, checker.DiffOptions{
		Paths: specs, Name: repo.Local, Today: o.streams.now(), Engine: engineOpts, At: at,
	})
	if err != nil {
		return nil, nil, err
	}
	run := &render.DiffRun{Base: o.base, BaseCommit: commit, MergeBase: !o.tip, At: at, Changes: res.Changes,
		Waivers: res.HeadWaivers, WaiverChanges: res.WaiverChanges, BasePolicies: res.BasePolicies, HeadPolicies: res.HeadPolicies}
	return run, res.Head, nil
}

// diffDates is diff --from: the working tree's profiles at two dates, judged by
// the embedded policies and --policy, as check judges them.
func diffDates(ctx context.Context, o *diffOptions) (*render.DiffRun, []*checker.Report, error) {
	from, err := parseDate("--from", o.from)
	if err != nil {
		return nil, nil, err
	}
	to, err := parseDate("--to", o.to)
	if err != nil {
		return nil, nil, err
	}
	if to != "" && to < from {
		return nil, nil, fmt.Errorf("--to %s is before --from %s: want the later date last", o.to, o.from)
	}
	paths := o.paths
	if len(paths) == 0 {
		paths = []string{profilesDir}
	}
	files, err := profileFiles(paths)
	if err != nil {
		return nil, nil, err
	}
	waivers, err := loadWaivers(o.waivers)
	if err != nil {
		return nil, nil, err
	}
	engineOpts, err := o.engineOptions()
	if err != nil {
		return nil, nil, err
	}
	engine, err := newEngine(ctx, o.policyDirs, engineOpts...)
	if err != nil {
		return nil, nil, err
	}
	if waivers != nil {
		if err := waivers.CheckRecommendations(recommendationIDs(engine)); err != nil {
			return nil, nil, err
		}
	}
	profiles, err := loadProfiles(ctx, files)
	if err != nil {
		return nil, nil, err
	}
	if to == "" {
		for _, p := range profiles {
			if p.AsOf < from {
				return nil, nil, fmt.Errorf("--from %s is after %s's as_of %s, the default --to: give --to, the later date", o.from, p.File, p.AsOf)
			}
		}
	}
	before, err := engine.EvaluateAllAt(ctx, profiles, from)
	if err != nil {
		return nil, nil, err
	}
	after, err := engine.EvaluateAllAt(ctx, profiles, to)
	if err != nil {
		return nil, nil, err
	}
	if err := warnReviewedBefore(o.streams.ErrOut, to, profiles); err != nil {
		return nil, nil, err
	}
	run := &render.DiffRun{From: from, To: to, WaiverChanges: []checker.WaiverChange{}, BasePolicies: engine.Policies(), HeadPolicies: engine.Policies()}
	if waivers != nil {
		waivers.Apply(before, o.streams.now())
		run.Waivers = waivers.Apply(after, o.streams.now())
	}
	run.Changes = checker.Compare(before, after)
	return run, after, nil
}

// diffPolicies applies the one rule for which policies judge a run to each side
// of a diff, from that side's own files: the checkout's bundle is looked for in
// the working directory and its parents up to the top of the repository, at the
// base in its commit and at the head in the working tree. A --policy directory
// (only ever from the command line) inside the repository is read from each side
// as well (none at the base if it did not exist there), so that a change to it is
// judged as a change; one outside is the same on both sides.
func diffPolicies(repo *gitbase.Repo, ref string, tree, work fs.FS, dirs []string, given []checker.PolicySource) (base, head *checker.PolicySet, err error) {
	prefix, err := repo.Rel(".")
	if err != nil {
		return nil, nil, err
	}
	var candidates []string
	for d := prefix; ; d = path.Dir(d) {
		candidates = append(candidates, path.Join(d, policiesDir))
		if d == "." {
			break
		}
	}
	bundle := func(fsys fs.FS, name func(string) string) (*checker.PolicySource, error) {
		for _, c := range candidates {
			sub, err := fs.Sub(fsys, c)
			if err != nil {
				return nil, err
			}
			if checker.IsPolicyBundle(sub) {
				return &checker.PolicySource{FS: sub, Dir: name(c)}, nil
			}
		}
		return nil, nil
	}
	baseName := func(p string) string { return ref + ":" + p }
	baseSel := checker.PolicySelection{Version: toolVersion()}
	headSel := checker.PolicySelection{Version: toolVersion()}
	if baseSel.Checkout, err = bundle(tree, baseName); err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", ref, err)
	}
	if headSel.Checkout, err = bundle(work, repo.Local); err != nil {
		return nil, nil, err
	}
	for i, d := range dirs {
		headSel.Dirs = append(headSel.Dirs, given[i])
		rel, err := repo.Rel(d)
		if err != nil { // outside the repository: the same on both sides
			baseSel.Dirs = append(baseSel.Dirs, given[i])
			continue
		}
		if info, err := fs.Stat(tree, rel); err != nil || !info.IsDir() {
			continue // not in the base commit: the change added it
		}
		sub, err := fs.Sub(tree, rel)
		if err != nil {
			return nil, nil, err
		}
		baseSel.Dirs = append(baseSel.Dirs, checker.PolicySource{FS: sub, Dir: baseName(rel)})
	}
	if base, err = checker.SelectPolicies(baseSel); err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", ref, err)
	}
	if head, err = checker.SelectPolicies(headSel); err != nil {
		return nil, nil, err
	}
	return base, head, nil
}

// baseWaivers returns the waivers of the base side: the waivers file as it was at
// the base commit when it is inside the repository (none if it did not exist
// there), and the same waivers as the working tree's when it is outside.
func baseWaivers(repo *gitbase.Repo, tree *gitbase.Tree, ref, name string, head *checker.Waivers) (*checker.Waivers, error) {
	rel, err := repo.Rel(name)
	if err != nil {
		return head, nil // outside the repository: it has no base version
	}
	data, err := tree.ReadFile(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("--waivers: read %s:%s: %w", ref, rel, err)
	}
	return checker.LoadWaivers(ref+":"+rel, bytes.NewReader(data))
}

// diffVerdict turns a diff into the run's outcome: an error when a finding of the
// working tree could not be evaluated, errFindings when a change fails the run
// (Change.Fails, set by failsChange).
func diffVerdict(head []*checker.Report, changes []checker.Change) error {
	if err := verdict(head, threshold{never: true}); err != nil {
		return err
	}
	for _, c := range changes {
		if c.Fails {
			return errFindings
		}
	}
	return nil
}

// failsChange reports whether a change fails the run: it makes a finding worse,
// to a status that fails at its severity; or it loses evidence (a judged finding
// become unknown, a removed recommendation or profile) at or above the threshold,
// unless that is accepted.
func (t threshold) failsChange(c checker.Change, acceptLost bool) bool {
	switch {
	case t.never:
		return false
	case c.Worse && t.failsAt(c.Severity, c.Head):
		return true
	}
	return c.LostEvidence && !acceptLost && c.Severity.Rank() >= t.min.Rank()
}
