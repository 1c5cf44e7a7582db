package checker

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
)

// BundleRevision is the revision a bundle of the engine's policies carries: the
// digest of its policy set, so that the same policies give the same revision.
func (e *Engine) BundleRevision() string { return e.policies.Digest }

// WriteBundle writes what the engine evaluates as a standard OPA bundle (a gzipped
// tarball) that stock OPA serves unchanged (opa run --server --bundle FILE): the
// policies, tests left out, each at its path in its directory; the data document
// the policies see, the law catalogue and the recommendations' settings, as
// /data.json; and a .manifest with the revision ([Engine.BundleRevision]), the
// roots, Rego v1, and metadata naming the policy set and gapcheck's version.
// A profile's input is [Profile.At]; the decision is at Entrypoint. The bytes
// depend only on the policies and version: no timestamps.
func (e *Engine) WriteBundle(w io.Writer, version string) error {
	set := e.modules
	names := slices.Collect(maps.Keys(set.Modules))
	type file struct{ path, name string }
	var files []file
	taken := map[string]bool{}
	for _, name := range names {
		p := set.Path[name]
		if taken[p] { // two directories with a file at one path: keep both apart
			p = path.Join(fmt.Sprintf("layer%d", set.Source[name]), p)
		}
		taken[p] = true
		files = append(files, file{p, name})
	}
	slices.SortFunc(files, func(a, b file) int { return cmp.Compare(a.path, b.path) })
	roots := map[string]bool{}
	var modules []bundle.ModuleFile
	for _, f := range files {
		m := set.Modules[f.name]
		if top, ok := m.Package.Path[1].Value.(ast.String); ok {
			roots[string(top)] = true
		}
		modules = append(modules, bundle.ModuleFile{URL: "/" + f.path, Path: "/" + f.path, Raw: set.Raw[f.name], Parsed: m})
	}
	for k := range e.data {
		roots[k] = true
	}
	rootList := slices.Sorted(maps.Keys(roots))
	regoV1 := 1
	b := bundle.Bundle{
		Manifest: bundle.Manifest{
			Revision:    e.BundleRevision(),
			Roots:       &rootList,
			RegoVersion: &regoV1,
			Metadata: map[string]any{"gapcheck": map[string]any{
				"version":    version,
				"policies":   e.policies.Name,
				"entrypoint": strings.ReplaceAll(strings.TrimPrefix(Entrypoint, "data."), ".", "/"),
			}},
		},
		Modules: modules,
		Data:    e.data,
	}
	if err := bundle.NewWriter(w).UseModulePath(true).DisableFormat(true).Write(b); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	return nil
}
