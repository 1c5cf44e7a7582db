// Package policies embeds gapcheck's default Rego policies: the bundle under
// gapcheck/, one recommendation per directory under gapcheck/rules, with its tests.
//
// The files are plain Rego v1; OPA's own tools accept them as they are
// (opa test policies/, opa check --strict policies/, opa fmt --list policies/).
package policies

import (
	"embed"
	"io/fs"
)

//go:embed gapcheck
var files embed.FS

// FS returns the embedded policy files, rooted so that paths start with "gapcheck/".
func FS() fs.FS { return files }
