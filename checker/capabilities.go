package checker

import (
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// refusedBuiltins are the builtins a gapcheck policy may not call: those that reach
// outside the process (network, environment) and those that would make a report
// depend on when or where it ran rather than on the profile.
var refusedBuiltins = []string{
	"http.send",
	"net.",
	"opa.runtime",
	"time.now_ns",
	"rand.intn",
	"uuid.rfc4122",
	"uuid.parse",
	"io.jwt.decode_verify",
}

// Capabilities returns the OPA capabilities gapcheck compiles policies with: this
// OPA version's builtins less the refused ones. A policy that calls a refused
// builtin fails to compile with "undefined function".
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if !refused(b.Name) {
			kept = append(kept, b)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].Name < kept[j].Name })
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// RefusedBuiltins lists the refused builtin names and prefixes (those ending in ".").
func RefusedBuiltins() []string { return append([]string(nil), refusedBuiltins...) }

func refused(name string) bool {
	for _, r := range refusedBuiltins {
		if name == r || (strings.HasSuffix(r, ".") && strings.HasPrefix(name, r)) {
			return true
		}
	}
	return false
}
