package checker

import (
	"bytes"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"go.yaml.in/yaml/v3"

	"github.com/gapcheck/gapcheck/internal/policy"
	"github.com/gapcheck/gapcheck/internal/suggest"
)

// The parts of the metadata contract that OPA does not check itself: keys it
// ignores, links it accepts, and documents under data.gapcheck.rules that the
// entrypoint would read as findings without a recommendation behind them. They
// are checked where the catalogue is read, so that every command refuses what
// lint refuses.

// annotationKeys are the keys of a METADATA block that OPA reads; it ignores any
// other, silently.
var annotationKeys = []string{"authors", "compile", "custom", "description", "entrypoint", "organizations", "related_resources", "schemas", "scope", "title"}

// customKeys are the custom keys of a recommendation's METADATA that gapcheck
// reads.
var customKeys = []string{"applies_from", "deadline", "legal_basis", "max_evidence_age", "max_observation_age", "reads", "severity"}

// metaLine is one line of a METADATA block, as OPA reads it.
type metaLine struct {
	row, col int // of the line's text in the file (after "#" and one space)
	text     []byte
}

// metaBlock returns the lines of the METADATA block that starts at loc, as OPA
// collects them: the comments on the rows after it, at its column, until a gap.
func metaBlock(m *ast.Module, loc *ast.Location) []metaLine {
	var lines []metaLine
	row := loc.Row
	for _, c := range m.Comments {
		if c.Location == nil || c.Location.Row <= loc.Row {
			continue
		}
		if c.Location.Row != row+1 || c.Location.Col != loc.Col {
			break
		}
		row = c.Location.Row
		text, col := c.Text, c.Location.Col+1
		if t, ok := bytes.CutPrefix(text, []byte(" ")); ok {
			text, col = t, col+1
		}
		lines = append(lines, metaLine{row: row, col: col, text: text})
	}
	return lines
}

// at is the file position of a position (1-based) in the block's text.
func blockPos(lines []metaLine, line, col int) (int, int) {
	if line < 1 || line > len(lines) {
		return 0, 0
	}
	return lines[line-1].row, lines[line-1].col + col - 1
}

// find returns the position of the first line of the block holding text, at text.
func findInBlock(lines []metaLine, text string) (int, int, bool) {
	for _, l := range lines {
		if i := bytes.Index(l.text, []byte(text)); i >= 0 {
			return l.row, l.col + i, true
		}
	}
	return 0, 0, false
}

// unknownMetadataKeys reports the keys of a recommendation's METADATA block that
// neither OPA (top level) nor gapcheck (custom) reads, with the nearest known key.
func unknownMetadataKeys(m *ast.Module, a *ast.Annotations, id string) PolicyErrors {
	lines := metaBlock(m, a.Location)
	var src bytes.Buffer
	for _, l := range lines {
		src.Write(l.text)
		src.WriteByte('\n')
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src.Bytes(), &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil // OPA parsed it; what it reads is checked field by field
	}
	var errs PolicyErrors
	check := func(mapping *yaml.Node, prefix string, known []string, what string) {
		for i := 0; i+1 < len(mapping.Content); i += 2 {
			k := mapping.Content[i]
			if slices.Contains(known, k.Value) {
				continue
			}
			msg := fmt.Sprintf("recommendation %s: METADATA key %s%s is unknown", id, prefix, k.Value)
			if s := suggest.Closest(k.Value, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %s%s?)", prefix, s)
			}
			row, col := blockPos(lines, k.Line, k.Column)
			errs = append(errs, &PolicyError{File: a.Location.File, Line: row, Column: col, Err: fmt.Errorf("%s; %s", msg, what)})
		}
	}
	top := doc.Content[0]
	check(top, "", annotationKeys, "OPA ignores it")
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == "custom" && top.Content[i+1].Kind == yaml.MappingNode {
			check(top.Content[i+1], "custom.", customKeys, "want one of "+strings.Join(customKeys, ", "))
		}
	}
	return errs
}

// checkRefs reports the related_resources of a recommendation that are not
// http(s) links: a javascript: or file: ref would reach SARIF's helpUri and the
// Markdown reference as a link.
func checkRefs(m *ast.Module, a *ast.Annotations, rec *Recommendation) PolicyErrors {
	var errs PolicyErrors
	lines := metaBlock(m, a.Location)
	for _, r := range rec.Resources {
		u, err := url.Parse(r.URL)
		if err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			continue
		}
		pe := policy.Atf(a.Location, "recommendation %s: related_resources ref %q is not an http(s) link", rec.ID, r.URL)
		if row, col, ok := findInBlock(lines, r.URL); ok && r.URL != "" {
			pe.Line, pe.Column = row, col
		}
		errs = append(errs, pe)
	}
	return errs
}

// isTestPackage reports whether a package holds tests (its last segment ends in _test).
func isTestPackage(pkg string) bool { return strings.HasSuffix(pkg, "_test") }

// checkRulesPaths reports what would put a document under data.gapcheck.rules
// that the entrypoint reads as a finding (data.gapcheck.rules.<area>.<name>.result)
// without a recommendation package behind it: a package below gapcheck.rules at
// another depth than two, and a rule of any other package whose path reaches
// below gapcheck.rules. Test packages are left alone.
func checkRulesPaths(modules []*ast.Module) PolicyErrors {
	var errs PolicyErrors
	root := ast.MustParseRef(policy.RulesRoot)
	for _, m := range modules {
		pkg := m.Package.Path.String()
		if isTestPackage(pkg) {
			continue
		}
		if _, ok := policy.ID(pkg); ok {
			continue
		}
		if m.Package.Path.HasPrefix(root) && len(m.Package.Path) > len(root) {
			errs = append(errs, policy.Atf(m.Package.Location, "package %s is not two levels below gapcheck.rules: want gapcheck.rules.<area>.<name>, the only depth the entrypoint reads",
				strings.TrimPrefix(pkg, "data.")))
			continue
		}
		for _, r := range m.Rules {
			full := rulePath(m, r)
			if len(full) > len(root) && full.HasPrefix(root) {
				errs = append(errs, policy.Atf(r.Location, "rule %s of package %s defines %s, below gapcheck.rules outside a recommendation package: the entrypoint would read it as a finding; want a package gapcheck.rules.<area>.<name>",
					r.Head.Ref(), strings.TrimPrefix(pkg, "data."), full))
			}
		}
	}
	return errs
}

// rulePath is the full path of the document a rule defines: its package and its
// head's reference.
func rulePath(m *ast.Module, r *ast.Rule) ast.Ref {
	head := r.Head.Ref()
	full := m.Package.Path.Copy()
	for i, t := range head {
		if v, ok := t.Value.(ast.Var); ok && i == 0 {
			full = append(full, ast.StringTerm(string(v)))
			continue
		}
		full = append(full, t)
	}
	return full
}
