package author

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/policy"
)

// libPackage is the shared library; its functions taking an instrument name read
// the participation fact participation.instruments.<name>.
const libPackage = "data.gapcheck.lib"

// Lint checks the policies of the sources as a reviewer would and returns what it
// finds, sorted by file, line and column:
//
//   - the policies compile in strict mode with gapcheck's capabilities, tests included;
//   - every package path matches its directory (gapcheck.rules.prum.dna lives in
//     .../gapcheck/rules/prum/dna/; a test package x_test beside x);
//   - every recommendation is a package gapcheck.rules.<area>.<name> defining result,
//     in <name>.rego, with tests in <name>_test.rego beside it;
//   - the metadata contract, as every command checks it (checker.ReadCatalogue):
//     title, description, related_resources with http(s) links, custom severity,
//     legal_basis, reads, dates and ages; no key OPA or gapcheck ignores; one id
//     per recommendation; nothing below gapcheck.rules outside a recommendation;
//   - every custom.reads entry is a path of the profile schema (with the nearest
//     path when it is not), and every profile path the policy names (a dotted
//     string, an array of keys, an input reference, an instrument given to the
//     library) is listed in custom.reads.
//
// Every problem is reported in one run. With from > 0, the sources before from are
// the bundle an add-on is linted over: they are compiled with it (their tests left
// out), and only problems in the files of the sources from from on are reported,
// with the compile errors wherever they are. The error is for policies that
// cannot be read or parsed.
func Lint(ctx context.Context, sources []checker.PolicySource, from int) (checker.PolicyErrors, error) {
	set, err := policy.Parse(sources, true)
	if err != nil {
		return nil, fmt.Errorf("load policies: %w", err)
	}
	set.DropTests(from)
	schema, err := loadProfileSchema()
	if err != nil {
		return nil, err
	}
	l := &linter{set: set, schema: schema, seen: map[string]bool{}}
	l.instrumentFuncs = l.libInstrumentFunctions()
	compiled := map[*checker.PolicyError]bool{} // compile errors: reported wherever they are
	if _, err := set.Compile(); err != nil {
		var perrs checker.PolicyErrors
		if !errors.As(err, &perrs) {
			return nil, fmt.Errorf("compile policies: %w", err)
		}
		for _, pe := range perrs {
			compiled[pe] = true
			l.add(pe)
		}
	}
	recs, perrs, err := checker.ReadCatalogue(sources)
	if err != nil {
		return nil, err
	}
	for _, pe := range perrs {
		l.add(pe)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	l.packages()
	for _, rec := range recs {
		l.recommendation(rec)
	}
	if from > 0 {
		l.found = slices.DeleteFunc(l.found, func(pe *checker.PolicyError) bool {
			i, ok := set.Source[pe.File]
			return ok && i < from && !compiled[pe]
		})
	}
	l.found.Sort()
	return l.found, nil
}

type linter struct {
	// instrumentFuncs are the library functions whose first argument names an
	// instrument, from the library's METADATA (custom.instrument_functions).
	instrumentFuncs map[string]bool
	set             *policy.Set
	schema          *profileSchema
	found           checker.PolicyErrors
	seen            map[string]bool
}

func (l *linter) add(pe *checker.PolicyError) {
	if k := pe.Error(); !l.seen[k] {
		l.seen[k] = true
		l.found = append(l.found, pe)
	}
}

func (l *linter) at(loc *ast.Location, format string, args ...any) {
	l.add(policy.Atf(loc, format, args...))
}

// packages checks every module's package against its directory, and the layout of
// every recommendation package.
func (l *linter) packages() {
	type recPkg struct {
		files []string // the package's non-test files
		first *ast.Module
		rules map[string]bool
	}
	recs := map[string]*recPkg{}
	names := make([]string, 0, len(l.set.Modules))
	for name := range l.set.Modules {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		m := l.set.Modules[name]
		pkg := m.Package.Path.String()
		dirPkg := strings.TrimSuffix(strings.TrimPrefix(pkg, "data."), "_test")
		want := strings.ReplaceAll(dirPkg, ".", "/")
		if dir := path.Dir(name); dir != want && !strings.HasSuffix(dir, "/"+want) {
			l.at(m.Package.Location, "package %s does not match its directory %s: want the package path as the directory path (.../%s)",
				strings.TrimPrefix(pkg, "data."), dir, want)
		}
		if strings.HasSuffix(pkg, "_test") || !strings.HasPrefix(pkg, policy.RulesRoot+".") {
			continue
		}
		if _, ok := policy.ID(pkg); !ok {
			continue // the catalogue reports a package at another depth
		}
		rp := recs[pkg]
		if rp == nil {
			rp = &recPkg{first: m, rules: map[string]bool{}}
			recs[pkg] = rp
		}
		rp.files = append(rp.files, name)
		for _, r := range m.Rules {
			rp.rules[ruleName(r)] = true
		}
	}
	pkgs := make([]string, 0, len(recs))
	for p := range recs {
		pkgs = append(pkgs, p)
	}
	slices.Sort(pkgs)
	for _, pkg := range pkgs {
		rp := recs[pkg]
		id, _ := policy.ID(pkg)
		loc := rp.first.Package.Location
		if !rp.rules["result"] {
			l.at(loc, "recommendation %s defines no result rule: want result := {\"status\", \"message\", \"paths\"}", id)
		}
		last := rp.first.Package.Path[len(rp.first.Package.Path)-1].Value.(ast.String)
		dir := path.Dir(rp.files[0])
		policy := path.Join(dir, string(last)+".rego")
		if !slices.Contains(rp.files, policy) {
			l.at(loc, "recommendation %s: want its policy in %s", id, policy)
		}
		test := path.Join(dir, string(last)+"_test.rego")
		tm, ok := l.set.Modules[test]
		switch {
		case !ok:
			l.at(loc, "recommendation %s has no tests: want %s beside it", id, test)
		case !hasTests(tm):
			l.at(tm.Package.Location, "recommendation %s: %s defines no test_ rule", id, test)
		}
	}
}

func hasTests(m *ast.Module) bool {
	for _, r := range m.Rules {
		if strings.HasPrefix(ruleName(r), "test_") {
			return true
		}
	}
	return false
}

// libInstrumentFunctions reads custom.instrument_functions from the library's
// package METADATA, the one place that says which of its functions take an
// instrument's name, and checks that each is a function of the library.
func (l *linter) libInstrumentFunctions() map[string]bool {
	out := map[string]bool{}
	for _, m := range l.set.Sorted() {
		if m.Package.Path.String() != libPackage {
			continue
		}
		defined := map[string]bool{}
		for _, r := range m.Rules {
			if len(r.Head.Args) > 0 {
				defined[ruleName(r)] = true
			}
		}
		for _, a := range m.Annotations {
			if a.Scope != "package" {
				continue
			}
			list, ok := a.Custom["instrument_functions"].([]any)
			if !ok {
				if _, present := a.Custom["instrument_functions"]; present {
					l.at(a.Location, "library METADATA: custom.instrument_functions is not a list of function names")
				}
				continue
			}
			for _, v := range list {
				name, _ := v.(string)
				if !defined[name] {
					l.at(a.Location, "library METADATA: custom.instrument_functions names %q, which is not a function of %s", v, strings.TrimPrefix(libPackage, "data."))
					continue
				}
				out[name] = true
			}
		}
	}
	return out
}

// ruleName is the first element of a rule's head reference: result, test_x.
func ruleName(r *ast.Rule) string {
	if ref := r.Head.Ref(); len(ref) > 0 {
		if v, ok := ref[0].Value.(ast.Var); ok {
			return string(v)
		}
	}
	return ""
}

// recommendation checks one recommendation's links and the profile paths it reads.
func (l *linter) recommendation(rec checker.Recommendation) {
	meta := l.set.Modules[rec.File]
	metaLoc := &ast.Location{File: rec.File, Row: rec.Line, Col: 1}
	reads := map[string]bool{}
	for _, p := range rec.Reads {
		reads[p] = true
		if !l.schema.has(p) {
			hint := ""
			if s := l.schema.nearest(p); s != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", s)
			}
			l.at(l.commentLoc(meta, metaLoc, p), "recommendation %s: custom.reads %q is not a path of the profile schema (profiles/profile.schema.json)%s", rec.ID, p, hint)
		}
	}
	covered := func(p string) bool {
		for r := range reads {
			if p == r || strings.HasPrefix(p, r+".") || strings.HasPrefix(r, p+".") {
				return true
			}
		}
		return false
	}
	reported := map[string]bool{}
	for _, m := range l.set.Sorted() {
		if m.Package.Path.String() != rec.Package {
			continue
		}
		for _, n := range l.namedPaths(m) {
			if reported[n.path] {
				continue
			}
			switch {
			case n.input && !l.schema.has(n.path):
				reported[n.path] = true
				l.at(n.loc, "recommendation %s reads input.%s, which is not a path of the profile schema (profiles/profile.schema.json)", rec.ID, n.path)
			case !covered(n.path):
				reported[n.path] = true
				l.at(n.loc, "recommendation %s names profile path %q, which custom.reads does not list", rec.ID, n.path)
			}
		}
	}
}

// commentLoc finds the METADATA comment line holding text, to point at it; else loc.
func (l *linter) commentLoc(m *ast.Module, loc *ast.Location, text string) *ast.Location {
	if m == nil {
		return loc
	}
	for _, c := range m.Comments {
		if c.Location == nil || c.Location.Row < loc.Row || c.Location.Row >= m.Package.Location.Row {
			continue
		}
		if i := strings.Index(string(c.Text), text); i >= 0 {
			return &ast.Location{File: c.Location.File, Row: c.Location.Row, Col: c.Location.Col + 1 + i}
		}
	}
	return loc
}

type namedPath struct {
	path  string
	loc   *ast.Location
	input bool // an input reference, which may name a path the schema lacks
}

// namedPaths returns the profile paths a module names, in source order.
func (l *linter) namedPaths(m *ast.Module) []namedPath {
	imports := map[string]ast.Ref{}
	for _, imp := range m.Imports {
		if ref, ok := imp.Path.Value.(ast.Ref); ok {
			imports[imp.Name().String()] = ref
		}
	}
	var out []namedPath
	add := func(p string, loc *ast.Location) {
		if l.schema.has(p) {
			out = append(out, namedPath{p, loc, false})
		}
	}
	instrument := func(t *ast.Term) {
		if s, ok := t.Value.(ast.String); ok {
			add("participation.instruments."+string(s), t.Location)
		}
	}
	call := func(op *ast.Term, args []*ast.Term) {
		ref, ok := op.Value.(ast.Ref)
		if !ok || len(ref) < 2 || len(args) == 0 {
			return
		}
		if head, ok := ref[0].Value.(ast.Var); ok {
			if imp, ok := imports[string(head)]; ok {
				ref = imp.Concat(ref[1:])
			}
		}
		fn, ok := ref[len(ref)-1].Value.(ast.String)
		if ok && ref[:len(ref)-1].String() == libPackage && l.instrumentFuncs[string(fn)] {
			instrument(args[0])
		}
	}
	for _, r := range m.Rules {
		ast.NewGenericVisitor(func(x any) bool {
			switch x := x.(type) {
			case *ast.Expr:
				if terms, ok := x.Terms.([]*ast.Term); ok && x.IsCall() {
					call(terms[0], terms[1:])
				}
			case ast.Call:
				call(x[0], x[1:])
			case *ast.Term:
				switch v := x.Value.(type) {
				case ast.String:
					if strings.Contains(string(v), ".") {
						add(string(v), x.Location)
					}
				case *ast.Array:
					if keys, ok := stringKeys(v); ok && len(keys) > 1 {
						add(strings.Join(keys, "."), x.Location)
					}
				case ast.Ref:
					if head, ok := v[0].Value.(ast.Var); ok && head == "input" {
						keys, _ := stringKeys(ast.NewArray(v[1:]...))
						if len(keys) > 0 {
							out = append(out, namedPath{strings.Join(keys, "."), x.Location, true})
						}
					}
				case ast.Object:
					if t := v.Get(ast.StringTerm("instrument")); t != nil {
						instrument(t)
					}
				}
			}
			return false
		}).Walk(r)
	}
	return out
}

// stringKeys returns the leading string elements of a, and whether all are strings.
func stringKeys(a *ast.Array) ([]string, bool) {
	var keys []string
	all := true
	a.Until(func(t *ast.Term) bool {
		s, ok := t.Value.(ast.String)
		if !ok {
			all = false
			return true
		}
		keys = append(keys, string(s))
		return false
	})
	return keys, all
}
