package author

import (
	"encoding/json"
	"fmt"

	"github.com/gapcheck/gapcheck/internal/jsonptr"
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

// has reports whether path (keys joined by ".") is declared by the schema.
func (s *profileSchema) has(path string) bool { return jsonptr.HasPath(s.root, path) }
