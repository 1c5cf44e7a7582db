package checker

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"time"

	"github.com/gapcheck/gapcheck/internal/policy"
)

// A Tree is one version of the files a diff compares: the profiles (in FS) and what
// judges them, its policies and its waivers. For a git base, FS is the commit's tree;
// for the head, the working tree on disk.
type Tree struct {
	// Label names this version in error messages: a file of a labelled tree is
	// named "LABEL:path" there (as git show names it). Empty for the working tree.
	Label string
	FS    fs.FS
	// Policies are the policies this version is judged by, chosen from this
	// version's own files (see [SelectPolicies]); nil: the embedded bundle.
	Policies *PolicySet
	// Waivers is this version's waivers file; nil for none.
	Waivers *Waivers
}

// DiffOptions tune [Diff].
type DiffOptions struct {
	// Paths are the profile files and directories to compare, slash-separated
	// paths in both trees' FS; empty means "profiles". A path may be missing from
	// one side (the change added or deleted it), not from both.
	Paths []string
	// Name turns a path in the trees into the name a profile has in reports and
	// messages, the same on both sides (the path as the user would type it); nil
	// keeps the path.
	Name func(string) string
	// Today is the day waivers expire against.
	Today time.Time
	// Engine is how each side's policies are compiled (e.g. WithTimeout); the
	// policies themselves come from the trees.
	Engine []Option
	// At is the date both sides are evaluated at (YYYY-MM-DD). Empty: a state's two
	// profiles are both evaluated at the head's as_of (a removed one at its own), so
	// that a change shows what the edit did to the facts, not how time moved.
	At string
}

// A DiffResult is what a diff found: the changes, and each side's reports after
// waivers.
type DiffResult struct {
	Changes []Change
	// Base and Head are the reports of every profile of each side, by name.
	Base, Head []*Report
	// BaseWaivers and HeadWaivers say what each side's waivers did; nil without.
	BaseWaivers, HeadWaivers *WaiverReport
	// PoliciesChanged is true when the two sides are judged by different policies.
	PoliciesChanged bool
	// BasePolicies and HeadPolicies name the policies each side was judged by.
	BasePolicies, HeadPolicies *PolicySet
	// WaiverChanges are the waivers the change added, changed or removed (see
	// [CompareWaivers]).
	WaiverChanges []WaiverChange
}

// Diff compares the profiles of two versions of a repository, each judged by its
// own policies and waivers, and returns what changed (see [Compare]). Every
// profile of the head is evaluated, as a check run would; at the base, only the
// profiles whose bytes differ from the head's, unless the policies differ (then
// every one). Nothing here knows about git: the trees are file systems.
//
// Problems on either side (a profile that does not load, two profiles of one state,
// a policy that does not compile) are returned together, before anything is
// evaluated; a base file is named "LABEL:path" in them.
func Diff(ctx context.Context, base, head Tree, opts DiffOptions) (*DiffResult, error) {
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"profiles"}
	}
	name := opts.Name
	if name == nil {
		name = func(p string) string { return p }
	}
	loader, err := NewLoader()
	if err != nil {
		return nil, err
	}
	baseSide, baseErr := loadSide(loader, base, paths, name)
	headSide, headErr := loadSide(loader, head, paths, name)
	if err := errors.Join(baseErr, headErr); err != nil {
		return nil, err
	}
	for _, p := range paths {
		if !baseSide.found[p] && !headSide.found[p] {
			return nil, fmt.Errorf("read %s: no such file or directory, at %s nor in %s", p, cmp.Or(base.Label, "the base"), cmp.Or(head.Label, "the working tree"))
		}
	}
	if len(baseSide.profiles) == 0 && len(headSide.profiles) == 0 {
		return nil, fmt.Errorf("%v: %w on either side: want *.yaml or *.yml files", paths, ErrNoProfiles)
	}

	headEngine, err := NewEngine(ctx, append(slices.Clone(opts.Engine), policiesOption(head.Policies))...)
	if err != nil {
		return nil, err
	}
	if head.Waivers != nil {
		ids := make([]string, 0, len(headEngine.Recommendations()))
		for _, r := range headEngine.Recommendations() {
			ids = append(ids, r.ID)
		}
		if err := head.Waivers.CheckRecommendations(ids); err != nil {
			return nil, err
		}
	}
	baseEngine := headEngine
	changed := headEngine.Policies().Digest != digestOf(base.Policies)
	if changed {
		if baseEngine, err = NewEngine(ctx, append(slices.Clone(opts.Engine), policiesOption(base.Policies))...); err != nil {
			return nil, labelled(base.Label, err)
		}
	}

	headJobs := make([]Job, len(headSide.profiles))
	headAt := make(map[string]string, len(headSide.profiles)) // by identity
	for i, p := range headSide.profiles {
		headJobs[i] = Job{Profile: p, At: cmp.Or(opts.At, p.AsOf)}
		headAt[p.Info().Key()] = headJobs[i].At
	}
	headReports, err := headEngine.EvaluateJobs(ctx, headJobs)
	if err != nil {
		return nil, err
	}
	// A base profile byte for byte the same as the head's, judged by the same
	// policies, has the same findings: copy them instead of evaluating again.
	byName := make(map[string]int, len(headSide.profiles))
	for i, p := range headSide.profiles {
		byName[p.File] = i
	}
	baseReports := make([]*Report, len(baseSide.profiles))
	var todo []Job
	var todoAt []int
	for i, p := range baseSide.profiles {
		at := cmp.Or(opts.At, headAt[p.Info().Key()], p.AsOf)
		if j, ok := byName[p.File]; ok && !changed && at == headJobs[j].At && bytes.Equal(baseSide.src[i], headSide.src[j]) {
			baseReports[i] = cloneReport(headReports[j])
			continue
		}
		todo, todoAt = append(todo, Job{Profile: p, At: at}), append(todoAt, i)
	}
	evaluated, err := baseEngine.EvaluateJobs(ctx, todo)
	if err != nil {
		return nil, err
	}
	for k, r := range evaluated {
		baseReports[todoAt[k]] = r
	}

	res := &DiffResult{Base: baseReports, Head: headReports, PoliciesChanged: changed,
		BasePolicies: baseEngine.Policies(), HeadPolicies: headEngine.Policies()}
	if base.Waivers != nil {
		res.BaseWaivers = base.Waivers.Apply(baseReports, opts.Today)
	}
	if head.Waivers != nil {
		res.HeadWaivers = head.Waivers.Apply(headReports, opts.Today)
	}
	res.Changes = Compare(baseReports, headReports)
	res.WaiverChanges = CompareWaivers(base.Waivers, head.Waivers)
	return res, nil
}

// side is one tree's profiles, loaded, with their bytes.
type side struct {
	profiles []*Profile
	src      [][]byte
	found    map[string]bool // the paths that exist in the tree
}

func loadSide(loader *Loader, t Tree, paths []string, name func(string) string) (*side, error) {
	s := &side{found: map[string]bool{}}
	var files []string
	var errs []error
	for _, p := range paths {
		if _, err := fs.Stat(t.FS, p); errors.Is(err, fs.ErrNotExist) {
			continue // this side does not have it: the change added or deleted it
		}
		found, err := FindProfiles(t.FS, p)
		switch {
		case errors.Is(err, ErrNoProfiles): // a directory emptied by the change, or not yet filled
			s.found[p] = true
			continue
		case err != nil:
			errs = append(errs, labelled(t.Label, err))
			continue
		}
		s.found[p] = true
		files = append(files, found...)
	}
	slices.Sort(files)
	files = slices.Compact(files)
	for _, f := range files {
		data, err := readProfile(t.FS, f, loader.maxSize)
		if err != nil {
			errs = append(errs, labelled(t.Label, err))
			continue
		}
		p, err := loader.Load(name(f), bytes.NewReader(data))
		if err != nil {
			errs = append(errs, relabel(t.Label, err))
			continue
		}
		s.profiles = append(s.profiles, p)
		s.src = append(s.src, data)
	}
	if len(errs) == 0 {
		if err := CheckDistinct(s.profiles); err != nil {
			errs = append(errs, relabel(t.Label, err))
		}
	}
	return s, errors.Join(errs...)
}

// readProfile reads a profile of fsys, refusing one larger than limit before
// reading it.
func readProfile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if info.Size() > limit {
		return nil, &ValidationError{File: name, Problems: []*FileError{{File: name, Err: errorOf(ErrTooLarge, "profile is larger than the limit of %d bytes", limit)}}}
	}
	return fs.ReadFile(fsys, name)
}

// labelled puts a tree's label before an error about it.
func labelled(label string, err error) error {
	if label == "" {
		return err
	}
	return fmt.Errorf("%s: %w", label, err)
}

// relabel names the files of the positioned errors in err "LABEL:file".
func relabel(label string, err error) error {
	if label == "" {
		return err
	}
	WalkErrors(err, func(e error) bool {
		switch x := e.(type) {
		case *FileError:
			x.File = label + ":" + x.File
		case *ValidationError:
			x.File = label + ":" + x.File
		}
		return true
	})
	return err
}

func policiesOption(set *PolicySet) Option {
	if set == nil {
		return func(*engineConfig) {}
	}
	return WithPolicySet(set)
}

// digestOf is a set's digest; nil is the embedded bundle.
func digestOf(set *PolicySet) string {
	if set == nil {
		d, err := policy.Digest(policy.Embedded())
		if err != nil {
			return "unreadable"
		}
		return d
	}
	return set.Digest
}

// cloneReport copies a report deeply enough that applying waivers to the copy
// leaves the original as it was.
func cloneReport(r *Report) *Report {
	c := *r
	c.Findings = slices.Clone(r.Findings)
	return &c
}
