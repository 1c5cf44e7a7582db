// Package profiles holds the state profiles shipped with gapcheck and embeds the JSON
// Schema that every profile must satisfy (profile.schema.json).
package profiles

import _ "embed"

// Schema is the JSON Schema (draft 2020-12) of a gapcheck profile.
//
//go:embed profile.schema.json
var Schema []byte
