package policy

import (
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// refusedBuiltins are the builtins a gapcheck policy may not call: those that reach
// outside the process (network, environment) and those that would make a report
// depend on when or where it ran rather than on the profile. Names ending in "."
// refuse a whole family.
var refusedBuiltins = []string{
	"http.send",
	"net.",
	"opa.runtime",
	"time.now_ns",
	"rand.intn",
	"uuid.rfc4122",
	"uuid.parse",
	"io.jwt.decode_verify",
	// Verifying a certificate chain checks validity dates against the clock.
	"crypto.x509.parse_and_verify_certificates",
	"crypto.x509.parse_and_verify_certificates_with_options",
}

// Capabilities returns the OPA capabilities gapcheck compiles policies with: this
// OPA version's builtins less the refused ones, and no network. A policy that calls
// a refused builtin fails to compile with "undefined function".
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if !refused(b.Name) {
			kept = append(kept, b)
		}
	}
	slices.SortFunc(kept, func(a, b *ast.Builtin) int { return strings.Compare(a.Name, b.Name) })
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

func refused(name string) bool {
	for _, r := range refusedBuiltins {
		if name == r || (strings.HasSuffix(r, ".") && strings.HasPrefix(name, r)) {
			return true
		}
	}
	return false
}
