package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/gitbase"
)

// The directories diff looks for at the top of a repository: the profiles it
// compares when given no PATH, and the policies whose Rego files replace the
// embedded policies on each side when they changed.
const (
	profilesDir = "profiles"
	policiesDir = "policies"
)

// maxPolicyFile bounds one Rego file read from the base, as checker bounds one
// read from disk.
const maxPolicyFile = 4 << 20

// diffSide is one side of a diff, ready to evaluate: the base commit or the
// working tree.
type diffSide struct {
	profiles []*checker.Profile
	engine   *checker.Engine
	waivers  *checker.Waivers // nil: none
	// workingName maps a base profile's name (REF:path) to the name the same path
	// has in the working tree, so that both sides' reports name it alike.
	workingName map[string]string

	waiverReport *checker.WaiverReport // set by evaluate when there are waivers
}

// evaluate evaluates the side's profiles and applies its waivers.
func (s *diffSide) evaluate(ctx context.Context, today time.Time) ([]*checker.Report, error) {
	var reports []*checker.Report
	if len(s.profiles) > 0 {
		var err error
		if reports, err = s.engine.EvaluateAll(ctx, s.profiles); err != nil {
			return nil, &ExitError{Code: ExitInvalid, Err: err}
		}
	}
	if s.waivers != nil {
		s.waiverReport = s.waivers.Apply(reports, today)
	}
	return reports, nil
}

type diffSides struct{ base, head *diffSide }

// prepareSides finds what to compare, loads and validates the profiles of both
// sides, reads the waivers of the base, and compiles the policies of each side.
// Every problem is an exit-2 error; nothing has been evaluated yet.
func prepareSides(ctx context.Context, repo *gitbase.Repo, commit string, o *diffOptions, waivers *checker.Waivers) (*diffSides, error) {
	sc, err := findScope(ctx, repo, commit, o, waivers != nil)
	if err != nil {
		return nil, &ExitError{Code: ExitInvalid, Err: err}
	}
	base := &diffSide{waivers: waivers, workingName: map[string]string{}}
	head := &diffSide{waivers: waivers}
	if err := sc.load(ctx, repo, o.base, base, head); err != nil {
		return nil, &ExitError{Code: ExitInvalid, Err: err}
	}
	if waivers != nil {
		if base.waivers, err = baseWaivers(ctx, repo, commit, o.base, o.waivers, waivers); err != nil {
			return nil, &ExitError{Code: ExitInvalid, Err: err}
		}
	}
	if !sc.policiesChanged {
		e, err := newEngine(ctx, o.policyDirs, o.timeout)
		if err != nil {
			return nil, err
		}
		base.engine, head.engine = e, e
		return &diffSides{base: base, head: head}, nil
	}
	if base.engine, err = newEngine(ctx, o.policyDirs, o.timeout, bundle(sc.basePolicies)...); err != nil {
		return nil, err
	}
	if head.engine, err = newEngine(ctx, o.policyDirs, o.timeout, bundle(sc.headPolicies)...); err != nil {
		return nil, err
	}
	return &diffSides{base: base, head: head}, nil
}

// diffScope is what a diff compares: the profiles under the paths on each side,
// which of them changed, and whether the repository's policies changed.
type diffScope struct {
	baseFiles []gitbase.File  // the profiles under the paths at the base
	headFiles []string        // the profiles under the paths in the working tree
	changed   map[string]bool // paths (from the top level) that differ, old and new names
	// everything is set when every profile is evaluated, not only the changed
	// ones: with new policies every profile may have new findings, and with
	// waivers every profile is needed to tell an orphaned waiver.
	everything                 bool
	policiesChanged            bool
	basePolicies, headPolicies *checker.PolicySource // nil: the embedded policies
}

func findScope(ctx context.Context, repo *gitbase.Repo, commit string, o *diffOptions, withWaivers bool) (*diffScope, error) {
	paths := o.paths
	if len(paths) == 0 {
		paths = []string{repo.Local(profilesDir)}
	}
	specs := make([]string, len(paths))
	for i, p := range paths {
		rel, err := repo.Rel(p)
		if err != nil {
			return nil, err
		}
		specs[i] = rel
	}
	sc := &diffScope{changed: map[string]bool{}}
	changes, err := repo.Changes(ctx, commit, specs)
	if err != nil {
		return nil, err
	}
	for _, c := range changes {
		sc.changed[c.Path] = true
		if c.OldPath != "" {
			sc.changed[c.OldPath] = true
		}
	}
	if sc.basePolicies, sc.headPolicies, sc.policiesChanged, err = repoPolicies(ctx, repo, commit, o.base); err != nil {
		return nil, err
	}
	sc.everything = sc.policiesChanged || withWaivers

	if sc.baseFiles, err = repo.Files(ctx, commit, specs); err != nil {
		return nil, err
	}
	sc.baseFiles = profilesUnder(sc.baseFiles, specs)
	if sc.headFiles, err = workingProfiles(paths, specs, sc.baseFiles, o.base); err != nil {
		return nil, err
	}
	if len(sc.baseFiles) == 0 && len(sc.headFiles) == 0 {
		return nil, fmt.Errorf("%s: %w at %s nor in the working tree: want *.yaml or *.yml files", strings.Join(paths, ", "), checker.ErrNoProfiles, o.base)
	}
	return sc, nil
}

// load loads the profiles to evaluate on each side: at the base the changed ones
// (or all); in the working tree all of them are validated, and checked for two
// profiles of the same state, and the changed ones (or all) kept. The problems of
// both sides are reported together.
func (sc *diffScope) load(ctx context.Context, repo *gitbase.Repo, ref string, base, head *diffSide) error {
	baseFiles := sc.baseFiles
	if !sc.everything {
		baseFiles = nil
		for _, f := range sc.baseFiles {
			if sc.changed[f.Path] {
				baseFiles = append(baseFiles, f)
			}
		}
	}
	var problems []error
	var err error
	if base.profiles, err = loadBaseProfiles(ctx, repo, baseFiles, ref, base.workingName); err != nil {
		problems = append(problems, err)
	}
	if len(sc.headFiles) > 0 {
		if head.profiles, err = loadProfiles(ctx, sc.headFiles); err != nil {
			var ee *ExitError
			if errors.As(err, &ee) && ee.Err != nil {
				err = ee.Err
			}
			problems = append(problems, err)
		}
	}
	if !sc.everything {
		keep := head.profiles[:0]
		for _, p := range head.profiles {
			if rel, err := repo.Rel(p.File); err == nil && sc.changed[rel] {
				keep = append(keep, p)
			}
		}
		head.profiles = keep
	}
	return errors.Join(problems...)
}

// bundle returns the option that makes src the whole policy bundle, or none for
// the embedded policies.
func bundle(src *checker.PolicySource) []checker.Option {
	if src == nil {
		return nil
	}
	return []checker.Option{checker.WithOnlyPolicies(*src)}
}

func isRego(name string) bool { return strings.HasSuffix(name, ".rego") }

// repoPolicies reports whether the Rego files under the repository's policies/
// differ between commit and the working tree and, when they do, returns each
// side's policies/ as a policy source (nil for a side that has no Rego file there:
// it uses the embedded policies).
func repoPolicies(ctx context.Context, repo *gitbase.Repo, commit, ref string) (base, head *checker.PolicySource, changed bool, err error) {
	changes, err := repo.Changes(ctx, commit, []string{policiesDir})
	if err != nil {
		return nil, nil, false, err
	}
	for _, c := range changes {
		changed = changed || isRego(c.Path) || isRego(c.OldPath)
	}
	if !changed {
		return nil, nil, false, nil
	}
	fsys, err := repo.TreeFS(ctx, commit, policiesDir, isRego, maxPolicyFile)
	if err != nil {
		return nil, nil, false, fmt.Errorf("read %s:%s: %w", ref, policiesDir, err)
	}
	if hasRego(fsys) {
		base = &checker.PolicySource{FS: fsys, Dir: ref + ":" + policiesDir}
	}
	local := os.DirFS(filepath.Join(repo.Root(), policiesDir))
	if hasRego(local) {
		head = &checker.PolicySource{FS: local, Dir: repo.Local(policiesDir)}
	}
	return base, head, true, nil
}

func hasRego(fsys fs.FS) bool {
	found := false
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || found {
			return fs.SkipAll
		}
		found = !d.IsDir() && isRego(p)
		return nil
	})
	return found
}

// profilesUnder keeps the files that name a profile under specs the way
// profileFiles finds them on disk: a spec that is the file itself, or a *.yaml or
// *.yml file below a spec directory with no hidden directory or file on the way.
func profilesUnder(files []gitbase.File, specs []string) []gitbase.File {
	var out []gitbase.File
	for _, f := range files {
		for _, spec := range specs {
			if isProfileUnder(f.Path, spec) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

func isProfileUnder(p, spec string) bool {
	if p == spec {
		return true
	}
	rest := p
	if spec != "." {
		var ok bool
		if rest, ok = strings.CutPrefix(p, spec+"/"); !ok {
			return false
		}
	}
	for _, part := range strings.Split(rest, "/") {
		if strings.HasPrefix(part, ".") {
			return false
		}
	}
	return strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")
}

// workingProfiles lists the profiles under paths in the working tree, sorted and
// each once. A path that is gone from the working tree is fine when the base has
// it (the change deleted it); one that is on neither side is an error.
func workingProfiles(paths, specs []string, baseFiles []gitbase.File, ref string) ([]string, error) {
	var existing []string
	for i, p := range paths {
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			atBase := false
			for _, f := range baseFiles {
				atBase = atBase || isProfileUnder(f.Path, specs[i])
			}
			if !atBase {
				return nil, fmt.Errorf("read %s: no such file or directory, at %s nor in the working tree", p, ref)
			}
			continue
		}
		// A directory without profiles is fine too: all deleted, or none yet.
		if _, err := profileFiles([]string{p}); !errors.Is(err, checker.ErrNoProfiles) {
			existing = append(existing, p)
		}
	}
	if len(existing) == 0 {
		return nil, nil
	}
	return profileFiles(existing)
}

// loadBaseProfiles reads files at the base commit and loads them, naming each
// REF:path, and records the working-tree name of each in workingName.
func loadBaseProfiles(ctx context.Context, repo *gitbase.Repo, files []gitbase.File, ref string, workingName map[string]string) ([]*checker.Profile, error) {
	if len(files) == 0 {
		return nil, nil
	}
	data, err := repo.ReadFiles(ctx, files, checker.DefaultMaxProfileSize)
	if err != nil {
		var tl *gitbase.TooLargeError
		if errors.As(err, &tl) {
			return nil, fmt.Errorf("%s:%s: profile is larger than the limit of %d bytes", ref, tl.Path, tl.Limit)
		}
		return nil, err
	}
	loader, err := checker.NewLoader()
	if err != nil {
		return nil, err
	}
	var profiles []*checker.Profile
	var errs []error
	for _, f := range files {
		name := ref + ":" + f.Path
		p, err := loader.Load(name, bytes.NewReader(data[f.Path]))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		workingName[name] = repo.Local(f.Path)
		profiles = append(profiles, p)
	}
	if len(errs) == 0 {
		if err := checker.CheckDistinct(profiles); err != nil {
			errs = append(errs, err)
		}
	}
	return profiles, errors.Join(errs...)
}

// baseWaivers returns the waivers of the base side: the waivers file as it was at
// the base commit when it is inside the repository (none if it did not exist
// there), and the same waivers as the working tree's when it is outside.
func baseWaivers(ctx context.Context, repo *gitbase.Repo, commit, ref, name string, head *checker.Waivers) (*checker.Waivers, error) {
	rel, err := repo.Rel(name)
	if err != nil {
		return head, nil // outside the repository: it has no base version
	}
	files, err := repo.Files(ctx, commit, []string{rel})
	if err != nil {
		return nil, err
	}
	if len(files) != 1 || files[0].Path != rel {
		return nil, nil
	}
	data, err := repo.ReadFiles(ctx, files, checker.DefaultMaxProfileSize)
	if err != nil {
		return nil, fmt.Errorf("--waivers: read %s:%s: %w", ref, rel, err)
	}
	return checker.LoadWaivers(ref+":"+rel, bytes.NewReader(data[rel]))
}
