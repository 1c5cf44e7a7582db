// Package suggest finds the "did you mean" of a misspelt name: the nearest
// candidates by edit distance, when they are near enough to be a typo.
package suggest

import (
	"slices"
	"strings"

	"github.com/agnivade/levenshtein"
)

// limit is how many edits a name may be from a candidate to be a typo of it.
func limit(name string) int { return max(2, len(name)/3) }

// Nearest returns the candidates nearest to name (case and "_"/"-" ignored), all
// those at the smallest distance, sorted, if that distance is small enough to be
// a typo; else the candidates that contain name (for a name of 3 characters or
// more); else none.
func Nearest(name string, candidates []string) []string {
	norm := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), "_", "-") }
	n := norm(name)
	best, bestDist := []string(nil), limit(n)+1
	for _, c := range candidates {
		switch d := levenshtein.ComputeDistance(n, norm(c)); {
		case d < bestDist:
			best, bestDist = []string{c}, d
		case d == bestDist:
			best = append(best, c)
		}
	}
	if len(best) == 0 && len(n) >= 3 {
		for _, c := range candidates {
			if strings.Contains(norm(c), n) {
				best = append(best, c)
			}
		}
	}
	slices.Sort(best)
	return slices.Compact(best)
}

// Closest returns the one candidate nearest to name, or "" when none is near
// enough or several are equally near.
func Closest(name string, candidates []string) string {
	if best := Nearest(name, candidates); len(best) == 1 && best[0] != name {
		return best[0]
	}
	return ""
}
