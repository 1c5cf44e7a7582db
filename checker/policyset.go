package checker

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"strings"

	"github.com/gapcheck/gapcheck/internal/policy"
)

// A PolicySet is the policies a run is judged by: one bundle and the add-ons over
// it, in order, as [SelectPolicies] chose them. Every output of gapcheck names the
// set (Name) and identifies it by its contents (Digest), so that a report never
// passes for one made with other policies.
type PolicySet struct {
	// Name says which policies these are, as outputs print them:
	// "embedded, gapcheck v1.2.0", or "./policies (modified, sha256:1a2b3c4d5e6f)
	// + ./addon (sha256:9f8e7d6c5b4a)".
	Name string `json:"name"`
	// Digest identifies the whole set by its files: "sha256:" and 64 hex digits.
	// It is the embedded bundle's own digest when the set is that bundle alone.
	Digest string        `json:"digest"`
	Layers []PolicyLayer `json:"layers"`
}

// A PolicyLayer is one directory of a PolicySet: the bundle (the first layer) or
// an add-on.
type PolicyLayer struct {
	// Dir is the directory as messages name its files; "" for the embedded bundle.
	Dir string `json:"dir,omitempty"`
	// Embedded is true when the layer's files are byte for byte those of the
	// bundle embedded in gapcheck (compiled into the binary, or a checkout's
	// policies/ that has not changed since).
	Embedded bool `json:"embedded"`
	// Version is gapcheck's version, for an embedded layer.
	Version string `json:"version,omitempty"`
	// AddOn is true for a layer whose packages replace the bundle's packages of
	// the same path and add their own; false for the bundle.
	AddOn bool `json:"add_on"`
	// Modified is true for a bundle read from a directory whose files differ from
	// the embedded bundle's.
	Modified bool   `json:"modified"`
	Digest   string `json:"digest"`

	src     PolicySource
	given   bool // one of PolicySelection.Dirs, not the checkout's or the embedded bundle
	builtin bool // the embedded bundle itself, not a directory
}

// A PolicySelection is what [SelectPolicies] chooses from.
type PolicySelection struct {
	// Checkout is the policies/ directory of the checkout a command runs in, when
	// it holds a bundle (see [IsPolicyBundle]); nil otherwise.
	Checkout *PolicySource
	// Dirs are the policy directories given on the command line, in order.
	Dirs []PolicySource
	// Version is gapcheck's version, named with the embedded bundle.
	Version string
}

// SelectPolicies applies gapcheck's one rule for which policies judge a run:
//
//  1. the bundle is the checkout's policies/ when it holds one, else the bundle
//     embedded in gapcheck;
//  2. each directory given, in order, that holds a whole bundle (its own
//     gapcheck/main) replaces everything before it; any other is an add-on, whose
//     packages replace the packages of the same path before it and whose data
//     files replace those at the same path.
//
// Every layer is read once, to digest it; an unreadable directory is an error.
func SelectPolicies(sel PolicySelection) (*PolicySet, error) {
	layers := []PolicyLayer{{src: policy.Embedded(), builtin: true}}
	if sel.Checkout != nil {
		layers = []PolicyLayer{{src: *sel.Checkout}}
	}
	for _, d := range sel.Dirs {
		l := PolicyLayer{src: d, given: true}
		if policy.IsBundle(d.FS) {
			layers = []PolicyLayer{l}
			continue
		}
		l.AddOn = true
		layers = append(layers, l)
	}
	return newPolicySet(layers, sel.Version)
}

// IsPolicyBundle reports whether fsys holds a whole policy bundle (the entrypoint
// package's directory, gapcheck/main, with a .rego file), not only an add-on.
func IsPolicyBundle(fsys fs.FS) bool { return policy.IsBundle(fsys) }

// policySetOf is the set of sources as an engine takes them: the first the
// bundle, the others add-ons.
func policySetOf(srcs []PolicySource, version string) (*PolicySet, error) {
	layers := make([]PolicyLayer, len(srcs))
	for i, s := range srcs {
		layers[i] = PolicyLayer{src: s, AddOn: i > 0, builtin: s.FS == policy.Embedded().FS}
	}
	return newPolicySet(layers, version)
}

// newPolicySet digests the layers and names them.
func newPolicySet(layers []PolicyLayer, version string) (*PolicySet, error) {
	embedded, err := policy.Digest(policy.Embedded())
	if err != nil {
		return nil, fmt.Errorf("digest the embedded policies: %w", err)
	}
	set := &PolicySet{Layers: layers}
	names := make([]string, len(layers))
	h := sha256.New()
	for i := range set.Layers {
		l := &set.Layers[i]
		if l.builtin {
			l.Digest = embedded
		} else if l.Digest, err = policy.Digest(l.src); err != nil {
			return nil, fmt.Errorf("load policies: %w", err)
		}
		if !l.AddOn {
			if l.Digest == embedded {
				l.Embedded, l.Version = true, version
			} else {
				l.Modified = true
			}
		}
		if !l.builtin {
			l.Dir = l.src.Dir
		}
		names[i] = l.name()
		fmt.Fprintf(h, "%t %s\n", l.AddOn, l.Digest)
	}
	set.Name = strings.Join(names, " + ")
	set.Digest = fmt.Sprintf("sha256:%x", h.Sum(nil))
	if len(layers) == 1 && layers[0].Embedded {
		set.Digest = layers[0].Digest
	}
	return set, nil
}

// name is how a layer is named in outputs.
func (l PolicyLayer) name() string {
	short := shortDigest(l.Digest)
	switch {
	case l.Embedded && l.Version != "":
		return "embedded, gapcheck " + l.Version
	case l.Embedded:
		return "embedded"
	case l.Modified:
		return fmt.Sprintf("%s (modified, %s)", dirName(l.Dir), short)
	}
	return fmt.Sprintf("%s (%s)", dirName(l.Dir), short)
}

// PolicyDirName is how outputs name a policy directory: as given, and a relative
// one as a shell reads it, "./policies".
func PolicyDirName(dir string) string { return dirName(dir) }

// dirName names a relative directory as a path a shell reads as one: "./policies".
func dirName(dir string) string {
	if dir == "" || strings.HasPrefix(dir, "/") || strings.HasPrefix(dir, ".") || strings.Contains(dir, ":") {
		return dir
	}
	return "./" + dir
}

// shortDigest is the first 12 hex digits of a digest, after its algorithm.
func shortDigest(d string) string {
	alg, hex, ok := strings.Cut(d, ":")
	if !ok || len(hex) < 12 {
		return d
	}
	return alg + ":" + hex[:12]
}

// Sources returns the layers as the engine compiles them, in order.
func (s *PolicySet) Sources() []PolicySource {
	out := make([]PolicySource, len(s.Layers))
	for i, l := range s.Layers {
		out[i] = l.src
	}
	return out
}

// Given returns the layers that came from PolicySelection.Dirs, as the engine
// compiles them (their Dir names their files).
func (s *PolicySet) Given() []PolicySource {
	var out []PolicySource
	for _, l := range s.Layers {
		if l.given {
			out = append(out, l.src)
		}
	}
	return out
}

// IsEmbedded reports whether the set is the embedded bundle alone.
func (s *PolicySet) IsEmbedded() bool { return len(s.Layers) == 1 && s.Layers[0].Embedded }
