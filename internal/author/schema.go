package author

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/gapcheck/gapcheck/internal/jsonptr"
	"github.com/gapcheck/gapcheck/internal/suggest"
	"github.com/gapcheck/gapcheck/profiles"
)

// profileSchema answers which dotted paths a profile may have, from the profile
// JSON Schema.
type profileSchema struct {
	root map[string]any
}

func loadProfileSchema() (*profileSchema, error) {
	var root map[string]any
	if err := json.Unmarshal(profiles.Schema, &root); err != nil {
		return nil, fmt.Errorf("read profile schema: %w", err)
	}
	return &profileSchema{root: root}, nil
}

// inputOnly are what the evaluation input adds to the profile (see
// checker.Profile.At): the date evaluated at, and on every fact the date its entry
// counts from and its age in days at that date.
var inputOnly = struct {
	root  []string
	entry []string
}{root: []string{"at"}, entry: []string{"date", "age_days"}}

// has reports whether path (keys joined by ".") is a path of the evaluation input:
// declared by the profile schema, or one of what the input adds to it.
func (s *profileSchema) has(path string) bool {
	if jsonptr.HasPath(s.root, path) || slices.Contains(inputOnly.root, path) {
		return true
	}
	i := strings.LastIndex(path, ".")
	return i > 0 && slices.Contains(inputOnly.entry, path[i+1:]) && jsonptr.HasPath(s.root, path[:i]+".status")
}

// nearest returns the path of the schema nearest to a path it lacks: its longest
// prefix that is a path, then the nearest key at each level below it (a typo per
// segment: prum.dnaa is prum.dna); "" when a segment has no near key.
func (s *profileSchema) nearest(path string) string {
	node := s.root
	var out []string
	for _, key := range strings.Split(path, ".") {
		props := jsonptr.Properties(s.root, node)
		if _, ok := props[key]; !ok {
			keys := slices.Sorted(maps.Keys(props))
			if key = suggest.Closest(key, keys); key == "" {
				return ""
			}
		}
		out = append(out, key)
		next, _ := props[key].(map[string]any)
		node = jsonptr.Resolve(s.root, next)
	}
	if p := strings.Join(out, "."); p != path && s.has(p) {
		return p
	}
	return ""
}
