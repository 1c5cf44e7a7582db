package policy

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// A Set is the parsed Rego modules of one or more sources, keyed by file name. A
// package defined by a later source replaces the same package of earlier sources
// (every file of it), so that a policy author can override one recommendation.
type Set struct {
	Modules map[string]*ast.Module
}

// TestSuffix ends the name of a Rego test file.
const TestSuffix = "_test.rego"

// Parse parses the .rego files of the sources, in order, as Rego v1, keeping their
// METADATA. With tests false, the files ending in TestSuffix are left out. Parse
// errors of every file are returned together, as Errors.
func Parse(sources []Source, tests bool) (*Set, error) {
	set := &Set{Modules: map[string]*ast.Module{}}
	var errs Errors
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
			if !tests && strings.HasSuffix(f, TestSuffix) {
				continue
			}
			name := path.Join(src.Dir, f)
			data, err := ReadFile(src.FS, f)
			if err != nil {
				return nil, fmt.Errorf("read policy %s: %w", name, err)
			}
			m, err := ast.ParseModuleWithOpts(name, string(data), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
			if err != nil {
				errs = append(errs, FromAST(err)...)
				continue
			}
			mods[name] = m
			pkgs[m.Package.Path.String()] = true
		}
		maps.DeleteFunc(set.Modules, func(_ string, m *ast.Module) bool { return pkgs[m.Package.Path.String()] })
		maps.Copy(set.Modules, mods)
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return set, nil
}

// Sorted returns the modules in file-name order.
func (s *Set) Sorted() []*ast.Module {
	out := make([]*ast.Module, 0, len(s.Modules))
	for _, name := range slices.Sorted(maps.Keys(s.Modules)) {
		out = append(out, s.Modules[name])
	}
	return out
}

// NewCompiler returns the one compiler configuration gapcheck uses: strict mode,
// Rego v1, gapcheck's capabilities. print() statements are kept only for tests
// (withPrint), which capture their output.
func NewCompiler(withPrint bool) *ast.Compiler {
	return ast.NewCompiler().
		WithStrict(true).
		WithCapabilities(Capabilities()).
		WithDefaultRegoVersion(ast.RegoV1).
		WithEnablePrintStatements(withPrint)
}

// Compile compiles the set with NewCompiler. Compile errors are Errors.
func (s *Set) Compile() (*ast.Compiler, error) {
	c := NewCompiler(false)
	c.Compile(s.Modules)
	if c.Failed() {
		return nil, FromAST(c.Errors)
	}
	return c, nil
}
