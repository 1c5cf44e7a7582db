package checker

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/gapcheck/gapcheck/policies"
)

// A PolicySource is a directory of Rego files. Dir is how messages name it: a file
// at "rules/x.rego" in FS is reported as Dir + "/rules/x.rego".
type PolicySource struct {
	FS  fs.FS
	Dir string
}

// EmbeddedPolicies is the policy source compiled into gapcheck.
func EmbeddedPolicies() PolicySource { return PolicySource{FS: policies.FS(), Dir: "policies"} }

// maxPolicySize bounds one Rego file.
const maxPolicySize = 4 << 20

// A PolicySet is the parsed Rego modules of one or more sources, keyed by file name.
// A package defined by a later source replaces the same package of earlier sources
// (every file of it), so a policy author can override one recommendation.
type PolicySet struct {
	Modules map[string]*ast.Module
}

// ParsePolicies parses the .rego files of the sources, in order, as Rego v1. With
// includeTests false, files ending in _test.rego are left out.
func ParsePolicies(sources []PolicySource, includeTests bool) (*PolicySet, error) {
	set := &PolicySet{Modules: map[string]*ast.Module{}}
	var errs PolicyErrors
	for _, src := range sources {
		files, err := RegoFiles(src.FS)
		if err != nil {
			return nil, fmt.Errorf("read policies in %s: %w", src.Dir, err)
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("read policies in %s: no .rego files", src.Dir)
		}
		mods := map[string]*ast.Module{}
		pkgs := map[string]bool{}
		for _, f := range files {
			if !includeTests && strings.HasSuffix(f, "_test.rego") {
				continue
			}
			name := path.Join(src.Dir, f)
			data, err := readLimited(src.FS, f)
			if err != nil {
				return nil, fmt.Errorf("read policy %s: %w", name, err)
			}
			m, err := ast.ParseModuleWithOpts(name, string(data), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
			if err != nil {
				errs = append(errs, astErrors(err)...)
				continue
			}
			mods[name] = m
			pkgs[m.Package.Path.String()] = true
		}
		for name, m := range set.Modules { // replace overridden packages
			if pkgs[m.Package.Path.String()] {
				delete(set.Modules, name)
			}
		}
		for name, m := range mods {
			set.Modules[name] = m
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return set, nil
}

// Sorted returns the modules in file-name order.
func (s *PolicySet) Sorted() []*ast.Module {
	names := make([]string, 0, len(s.Modules))
	for n := range s.Modules {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*ast.Module, len(names))
	for i, n := range names {
		out[i] = s.Modules[n]
	}
	return out
}

// Compile compiles the set in strict mode with gapcheck's capabilities.
func (s *PolicySet) Compile() (*ast.Compiler, error) {
	c := ast.NewCompiler().
		WithStrict(true).
		WithCapabilities(Capabilities()).
		WithDefaultRegoVersion(ast.RegoV1)
	c.Compile(s.Modules)
	if c.Failed() {
		return nil, astErrors(c.Errors)
	}
	return c, nil
}

// RegoFiles lists the .rego files of fsys (tests included), sorted, skipping hidden
// directories.
func RegoFiles(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".rego") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

func readLimited(fsys fs.FS, name string) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if info.Size() > maxPolicySize {
		return nil, fmt.Errorf("larger than the limit of %d bytes", maxPolicySize)
	}
	return fs.ReadFile(fsys, name)
}

// astErrors converts OPA parse and compile errors to PolicyErrors.
func astErrors(err error) PolicyErrors {
	var aerrs ast.Errors
	if !errors.As(err, &aerrs) {
		return PolicyErrors{{Msg: err.Error()}}
	}
	out := make(PolicyErrors, 0, len(aerrs))
	for _, e := range aerrs {
		out = append(out, policyErr(e.Location, e.Message))
	}
	out.Sort()
	return out
}
