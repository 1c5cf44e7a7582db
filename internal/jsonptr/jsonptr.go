// Package jsonptr walks a JSON Schema document (as decoded JSON values): resolving
// JSON pointers and local "$ref"s, and listing the properties a schema declares.
// The profile loader uses it for "did you mean" and the policy linter to check the
// profile paths a policy reads.
package jsonptr

import (
	"maps"
	"net/url"
	"slices"
	"strings"
)

// Get returns the value at a JSON pointer ("/$defs/fact", or "#/$defs/fact") in doc,
// or nil.
func Get(doc any, pointer string) any {
	pointer = strings.TrimPrefix(pointer, "#")
	node := doc
	for tok := range strings.SplitSeq(strings.TrimPrefix(pointer, "/"), "/") {
		if tok == "" {
			continue
		}
		tok, _ = url.PathUnescape(tok)
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		node = m[tok]
	}
	return node
}

// Resolve follows a chain of local "$ref"s from node, merging what a node declares
// beside its $ref over the target (as JSON Schema 2020-12 applies both).
func Resolve(doc any, node map[string]any) map[string]any {
	for range 16 { // bounds a cyclic $ref
		ref, _ := node["$ref"].(string)
		if !strings.HasPrefix(ref, "#") {
			return node
		}
		target, ok := Get(doc, ref).(map[string]any)
		if !ok {
			return node
		}
		merged := maps.Clone(target)
		for k, v := range node {
			if k == "$ref" {
				continue
			}
			if k == "properties" {
				props := maps.Clone(asMap(target["properties"]))
				maps.Copy(props, asMap(v))
				merged[k] = props
				continue
			}
			merged[k] = v
		}
		node = merged
	}
	return node
}

// Properties returns the property schemas node declares, $refs resolved. A node
// that composes others (then, else, allOf, anyOf, oneOf) declares the properties of
// each branch as well: a fact that is an entry or a timeline has the entry's keys.
func Properties(doc any, node map[string]any) map[string]any {
	return properties(doc, node, 0)
}

func properties(doc any, node map[string]any, depth int) map[string]any {
	props := maps.Clone(asMap(node["properties"]))
	if depth > 16 { // bounds a cycle of $refs or branches
		return props
	}
	var branches []any
	if ref, ok := node["$ref"].(string); ok && strings.HasPrefix(ref, "#") {
		branches = append(branches, Get(doc, ref))
	}
	for _, k := range []string{"then", "else"} {
		if b, ok := node[k]; ok {
			branches = append(branches, b)
		}
	}
	for _, k := range []string{"allOf", "anyOf", "oneOf"} {
		if bs, ok := node[k].([]any); ok {
			branches = append(branches, bs...)
		}
	}
	for _, b := range branches {
		if m, ok := b.(map[string]any); ok {
			for k, v := range properties(doc, m, depth+1) {
				if _, ok := props[k]; !ok {
					props[k] = v
				}
			}
		}
	}
	return props
}

// Keys returns the sorted property names node declares.
func Keys(doc any, node map[string]any) []string {
	return slices.Sorted(maps.Keys(Properties(doc, node)))
}

// HasPath reports whether the dotted path (keys joined by ".") is declared by the
// schema root, each key a property of the schema reached so far.
func HasPath(root map[string]any, path string) bool {
	if path == "" {
		return false
	}
	node := root
	for key := range strings.SplitSeq(path, ".") {
		next, ok := Properties(root, node)[key].(map[string]any)
		if !ok {
			return false
		}
		node = next
	}
	return true
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	if m == nil {
		return map[string]any{}
	}
	return m
}

// SetPath sets the value at a dotted path of nested mappings (JSON objects as Go
// maps), making the mappings on the way; a value on the way that is not a mapping
// is replaced by one.
func SetPath(doc map[string]any, path string, v any) {
	keys := strings.Split(path, ".")
	cur := doc
	for _, k := range keys[:len(keys)-1] {
		next, ok := cur[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			cur[k] = next
		}
		cur = next
	}
	cur[keys[len(keys)-1]] = v
}
