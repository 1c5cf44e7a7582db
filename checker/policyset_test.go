package checker

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// copyFS copies a file system into a MapFS, editing the files edit names.
func copyFS(t *testing.T, fsys fs.FS, edit map[string]func(string) string) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if f := edit[p]; f != nil {
			b = []byte(f(string(b)))
		}
		out[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSelectPolicies pins the one rule for which policies judge a run, and how the
// set is named.
func TestSelectPolicies(t *testing.T) {
	embedded := EmbeddedPolicies().FS
	same := PolicySource{FS: copyFS(t, embedded, nil), Dir: "policies"}
	modified := PolicySource{FS: copyFS(t, embedded, map[string]func(string) string{
		"gapcheck/rules/prum/dna/dna.rego": func(s string) string { return strings.Replace(s, "severity: high", "severity: critical", 1) },
	}), Dir: "policies"}
	addon := PolicySource{FS: fstest.MapFS{"gapcheck/rules/demo/thing/thing.rego": {Data: []byte("package gapcheck.rules.demo.thing\n")}}, Dir: "addon"}
	fork := PolicySource{FS: copyFS(t, embedded, map[string]func(string) string{
		"gapcheck/main/main.rego": func(s string) string { return s + "\n# a fork\n" },
	}), Dir: "../fork/policies"}
	data := PolicySource{FS: fstest.MapFS{"gapcheck/instruments/data.yaml": {Data: []byte("{}\n")}}, Dir: "/abs/law"}

	digest := regexp.MustCompile(`sha256:[0-9a-f]{12}\b`)
	tests := []struct {
		name     string
		sel      PolicySelection
		want     string // Name, with each short digest written sha256:X
		embedded bool
		given    []string // the Dirs of Given()
		sources  []string // the Dirs of Sources()
	}{
		{"nothing: the embedded bundle", PolicySelection{Version: "v1.2.0"}, "embedded, gapcheck v1.2.0", true, nil, []string{"policies"}},
		{"no version", PolicySelection{}, "embedded", true, nil, []string{"policies"}},
		{"a checkout as embedded", PolicySelection{Checkout: &same, Version: "v1.2.0"}, "embedded, gapcheck v1.2.0", true, nil, []string{"policies"}},
		{"a modified checkout", PolicySelection{Checkout: &modified, Version: "v1.2.0"}, "./policies (modified, sha256:X)", false, nil, []string{"policies"}},
		{"an add-on over the embedded bundle", PolicySelection{Dirs: []PolicySource{addon}, Version: "v1"},
			"embedded, gapcheck v1 + ./addon (sha256:X)", false, []string{"addon"}, []string{"policies", "addon"}},
		{"an add-on over a modified checkout", PolicySelection{Checkout: &modified, Dirs: []PolicySource{addon, data}},
			"./policies (modified, sha256:X) + ./addon (sha256:X) + /abs/law (sha256:X)", false, []string{"addon", "/abs/law"}, []string{"policies", "addon", "/abs/law"}},
		{"a whole bundle given replaces the checkout and what came before", PolicySelection{Checkout: &modified, Dirs: []PolicySource{addon, fork}},
			"../fork/policies (modified, sha256:X)", false, []string{"../fork/policies"}, []string{"../fork/policies"}},
		{"the checkout given again is the bundle, not an add-on", PolicySelection{Checkout: &same, Dirs: []PolicySource{same}, Version: "v1"},
			"embedded, gapcheck v1", true, []string{"policies"}, []string{"policies"}},
	}
	embeddedDigest := ""
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := SelectPolicies(tt.sel)
			if err != nil {
				t.Fatal(err)
			}
			if got := digest.ReplaceAllString(set.Name, "sha256:X"); got != tt.want {
				t.Errorf("name %q, want %q", set.Name, tt.want)
			}
			if set.IsEmbedded() != tt.embedded {
				t.Errorf("IsEmbedded %t", set.IsEmbedded())
			}
			if tt.embedded {
				if embeddedDigest == "" {
					embeddedDigest = set.Digest
				}
				if set.Digest != embeddedDigest {
					t.Errorf("digest %s, want the embedded bundle's %s", set.Digest, embeddedDigest)
				}
			}
			if !regexp.MustCompile(`^sha256:[0-9a-f]{64}$`).MatchString(set.Digest) {
				t.Errorf("digest %q", set.Digest)
			}
			dirs := func(srcs []PolicySource) []string {
				var out []string
				for _, s := range srcs {
					out = append(out, s.Dir)
				}
				return out
			}
			if diff := cmp.Diff(tt.given, dirs(set.Given())); diff != "" {
				t.Errorf("given (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.sources, dirs(set.Sources())); diff != "" {
				t.Errorf("sources (-want +got):\n%s", diff)
			}
		})
	}

	// The digest tells sets apart by content, not by name.
	a, _ := SelectPolicies(PolicySelection{Checkout: &modified})
	b, _ := SelectPolicies(PolicySelection{Checkout: &PolicySource{FS: modified.FS, Dir: "elsewhere"}})
	c, _ := SelectPolicies(PolicySelection{})
	if a.Digest != b.Digest || a.Digest == c.Digest {
		t.Errorf("digests: modified %s, modified elsewhere %s, embedded %s", a.Digest, b.Digest, c.Digest)
	}
}
