package policy

import "strings"

// The bundle's fixed points. Everything else about it (which recommendations exist
// and their metadata) is read from the Rego itself.
const (
	// RulesRoot is the package under which every recommendation lives, two levels
	// deep: data.gapcheck.rules.<area>.<name>.
	RulesRoot = "data.gapcheck.rules"
	// Entrypoint is the one rule the engine queries for a profile: an object
	// {area: {name: result}} of every recommendation's result object
	// {"status", "message", "paths"}.
	Entrypoint = "data.gapcheck.main.findings"
)

// ID derives a recommendation's id from its package path, the one place this rule
// is written: "data.gapcheck.rules.prum.dna" is "prum-dna" (segments joined with "-",
// "_" written as "-"). ok is false for a package that is not exactly two levels
// below RulesRoot, or is a test package.
func ID(pkg string) (id string, ok bool) {
	rest, ok := strings.CutPrefix(pkg, RulesRoot+".")
	if !ok {
		return "", false
	}
	area, name, ok := strings.Cut(rest, ".")
	if !ok || area == "" || name == "" || strings.Contains(name, ".") || strings.HasSuffix(name, "_test") {
		return "", false
	}
	return strings.ReplaceAll(area+"-"+name, "_", "-"), true
}

// Area is the first segment of a recommendation's package below RulesRoot: "prum"
// for data.gapcheck.rules.prum.dna.
func Area(pkg string) string {
	rest, ok := strings.CutPrefix(pkg, RulesRoot+".")
	if !ok {
		return ""
	}
	area, _, _ := strings.Cut(rest, ".")
	return area
}
