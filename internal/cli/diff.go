package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/gitbase"
	"github.com/gapcheck/gapcheck/internal/policy"
	"github.com/gapcheck/gapcheck/internal/render"
)

// diffOptions are the settings of `gapcheck diff`.
type diffOptions struct {
	judgeOptions
	streams IOStreams
	global  *globalOptions
	base    string
	paths   []string
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
	cmd.Flags().StringVar(&o.base, "base", "", "git revision to compare with, e.g. origin/main (required)")
	addJudgeFlags(cmd, &o.judgeOptions, render.DiffNames(), "exit 1 when a change makes a finding worse at or above this severity",
		"directory of Rego policies to add on both sides (repeatable)")
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
	r, err := render.NewDiff(o.format, render.Options{})
	if err != nil {
		return err
	}
	if o.base == "" {
		return errors.New("--base: want the git revision to compare with, e.g. --base origin/main")
	}
	extra, err := policyDirSources(o.policyDirs)
	if err != nil {
		return err
	}
	waivers, err := loadWaivers(o.waivers)
	if err != nil {
		return err
	}
	repo, err := gitbase.Open(ctx, ".")
	if errors.Is(err, gitbase.ErrNotRepository) {
		return errors.New("diff: the working directory is not in a git work tree; run diff in a clone of the repository that holds the profiles")
	}
	if err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	commit, err := repo.ResolveCommit(ctx, o.base)
	if err != nil {
		return fmt.Errorf("--base: %w", err)
	}
	tree, err := repo.Tree(ctx, commit)
	if err != nil {
		return fmt.Errorf("read %s: %w", o.base, err)
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
			return err
		}
	}
	base := checker.Tree{Label: o.base, FS: tree, Policies: append(repoPolicies(tree, o.base+":"+policiesDir), extra...)}
	head := checker.Tree{FS: work, Policies: append(repoPolicies(work, repo.Local(policiesDir)), extra...), Waivers: waivers}
	if waivers != nil {
		if base.Waivers, err = baseWaivers(repo, tree, o.base, o.waivers, waivers); err != nil {
			return err
		}
	}
	res, err := checker.Diff(ctx, base, head, checker.DiffOptions{
		Paths: specs, Name: repo.Local, Today: o.streams.now(),
		Engine: []checker.Option{checker.WithTimeout(o.timeout)},
	})
	if err != nil {
		return err
	}
	run := &render.DiffRun{Base: o.base, BaseCommit: commit, Changes: res.Changes, Waivers: res.HeadWaivers}
	var buf bytes.Buffer
	if err := r.RenderDiff(&buf, run); err != nil {
		return fmt.Errorf("render %s: %w", o.format, err)
	}
	if _, err := o.streams.Out.Write(buf.Bytes()); err != nil {
		return err
	}
	if run.Waivers != nil {
		if err := warnWaivers(o.streams.ErrOut, run.Waivers); err != nil {
			return err
		}
	}
	return diffVerdict(res.Head, run.Changes, th)
}

// repoPolicies is the repository's own policies/ directory in fsys, as a bundle,
// when it holds Rego files; none (the embedded policies) otherwise.
func repoPolicies(fsys fs.FS, name string) []checker.PolicySource {
	sub, err := fs.Sub(fsys, policiesDir)
	if err != nil {
		return nil
	}
	if files, err := policy.RegoFiles(sub); err != nil || len(files) == 0 {
		return nil
	}
	return []checker.PolicySource{{FS: sub, Dir: name}}
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
// working tree could not be evaluated, errFindings when a change made a finding
// worse at or above the threshold.
func diffVerdict(head []*checker.Report, changes []checker.Change, th threshold) error {
	if err := verdict(head, threshold{never: true}); err != nil {
		return err
	}
	for _, c := range changes {
		if c.Worse && th.failsAt(c.Severity, c.Head) {
			return errFindings
		}
	}
	return nil
}
