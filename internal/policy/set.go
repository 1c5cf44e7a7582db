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
	// Data are the bundle's data files (data.yaml or data.json, as OPA's bundles
	// have them), keyed by the dotted data path of their directory
	// ("gapcheck.instruments" for gapcheck/instruments/data.yaml). A later source's
	// file at the same path replaces an earlier one's.
	Data map[string]DataFile
	// Source is, for each module, the index of the source it comes from; Path its
	// path within that source (gapcheck/lib/lib.rego), Raw its bytes.
	Source map[string]int
	Path   map[string]string
	Raw    map[string][]byte
}

// DropTests removes the test modules of the sources before index from: the tests
// of a bundle that an add-on is tested or linted over.
func (s *Set) DropTests(from int) {
	maps.DeleteFunc(s.Modules, func(name string, _ *ast.Module) bool {
		return s.Source[name] < from && strings.HasSuffix(name, TestSuffix)
	})
}

// A DataFile is one data file of a policy source, unparsed.
type DataFile struct {
	File string // as messages name it: the source's Dir and the file's path
	Src  []byte
}

// IsDataFile reports whether a file name is a bundle data file.
func IsDataFile(name string) bool { return name == "data.yaml" || name == "data.json" }

// TestSuffix ends the name of a Rego test file.
const TestSuffix = "_test.rego"

// Parse parses the .rego files of the sources, in order, as Rego v1, keeping their
// METADATA. With tests false, the files ending in TestSuffix are left out. Parse
// errors of every file are returned together, as Errors.
func Parse(sources []Source, tests bool) (*Set, error) {
	set := &Set{Modules: map[string]*ast.Module{}, Data: map[string]DataFile{}, Source: map[string]int{}, Path: map[string]string{}, Raw: map[string][]byte{}}
	var errs Errors
	for i, src := range sources {
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
			set.Source[name], set.Path[name], set.Raw[name] = i, f, data
			pkgs[m.Package.Path.String()] = true
		}
		maps.DeleteFunc(set.Modules, func(_ string, m *ast.Module) bool { return pkgs[m.Package.Path.String()] })
		maps.Copy(set.Modules, mods)
		data, err := dataFiles(src)
		if err != nil {
			return nil, err
		}
		maps.Copy(set.Data, data)
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return set, nil
}

// dataFiles reads the data files of a source, keyed by their data path.
func dataFiles(src Source) (map[string]DataFile, error) {
	files, err := walkFiles(src.FS, func(p string) bool { return IsDataFile(path.Base(p)) })
	if err != nil {
		return nil, fmt.Errorf("read policies in %s: %w", src.Dir, err)
	}
	out := map[string]DataFile{}
	for _, p := range files {
		name := path.Join(src.Dir, p)
		b, err := ReadFile(src.FS, p)
		if err != nil {
			return nil, fmt.Errorf("read policies in %s: read data %s: %w", src.Dir, name, err)
		}
		key := strings.ReplaceAll(path.Dir(p), "/", ".")
		if prev, dup := out[key]; dup {
			return nil, fmt.Errorf("read policies in %s: read data %s: a second data file for %s; first %s", src.Dir, name, key, prev.File)
		}
		out[key] = DataFile{File: name, Src: b}
	}
	return out, nil
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
