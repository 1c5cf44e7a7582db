// Package profiles holds the state profiles shipped with gapcheck and embeds the JSON
// Schemas of the data users write: a profile (profile.schema.json) and the law
// catalogue the policies ship with (instruments.schema.json).
package profiles

import _ "embed"

// Schema is the JSON Schema (draft 2020-12) of a gapcheck profile.
//
//go:embed profile.schema.json
var Schema []byte

// InstrumentsSchema is the JSON Schema of the law catalogue,
// policies/gapcheck/instruments/data.yaml.
//
//go:embed instruments.schema.json
var InstrumentsSchema []byte
