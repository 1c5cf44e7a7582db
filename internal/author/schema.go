package author

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gapcheck/gapcheck/profiles"
)

// profileSchema answers which dotted paths a profile may have, from the profile
// JSON Schema: a path exists when each of its keys is a declared property of the
// schema reached so far, following local "$ref"s.
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

// has reports whether path (keys joined by ".") is declared by the schema.
func (s *profileSchema) has(path string) bool {
	if path == "" {
		return false
	}
	node := s.root
	for key := range strings.SplitSeq(path, ".") {
		props, _ := s.resolve(node)["properties"].(map[string]any)
		next, ok := props[key].(map[string]any)
		if !ok {
			return false
		}
		node = next
	}
	return true
}

// resolve follows a chain of local "$ref"s ("#/$defs/fact"), merging the properties
// a node declares beside its $ref with those of the target.
func (s *profileSchema) resolve(node map[string]any) map[string]any {
	for range 16 { // bounds a cyclic $ref
		ref, _ := node["$ref"].(string)
		if ref == "" {
			return node
		}
		target := s.pointer(ref)
		if target == nil {
			return node
		}
		merged := map[string]any{}
		for k, v := range target {
			merged[k] = v
		}
		if own, ok := node["properties"].(map[string]any); ok {
			props := map[string]any{}
			if tp, ok := target["properties"].(map[string]any); ok {
				for k, v := range tp {
					props[k] = v
				}
			}
			for k, v := range own {
				props[k] = v
			}
			merged["properties"] = props
		}
		node = merged
	}
	return node
}

// pointer resolves a JSON pointer within the schema document ("#/$defs/fact").
func (s *profileSchema) pointer(ref string) map[string]any {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil
	}
	var cur any = s.root
	for key := range strings.SplitSeq(rest, "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[strings.ReplaceAll(strings.ReplaceAll(key, "~1", "/"), "~0", "~")]
	}
	m, _ := cur.(map[string]any)
	return m
}
