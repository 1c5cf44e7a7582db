package author

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapcheck/gapcheck/checker"
)

const (
	unformatted = "package a\n\nallow if { input.user == \"admin\"; input.admin }\n"
	formatted   = "package a\n\nallow if {\n\tinput.user == \"admin\"\n\tinput.admin\n}\n"
)

func TestFormatCheckFindsUnformattedFiles(t *testing.T) {
	src := demoSource(map[string]string{"a/a.rego": unformatted, "b/b.rego": formatted, "b/README.md": "not Rego"})
	got, err := Format(context.Background(), src, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []Unformatted{{File: "fx/a/a.rego", Diff: `--- fx/a/a.rego
+++ fx/a/a.rego (formatted)
@@ -1,3 +1,6 @@
 package a
 
-allow if { input.user == "admin"; input.admin }
+allow if {
+	input.user == "admin"
+	input.admin
+}
`}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestFormatRewritesOnlyWritableSources(t *testing.T) {
	if _, err := Format(context.Background(), demoSource(map[string]string{"a/a.rego": unformatted}), false); !errors.Is(err, ErrReadOnly) {
		t.Errorf("rewriting a read-only source: got %v, want ErrReadOnly", err)
	}
	if _, err := Format(context.Background(), checker.EmbeddedPolicies(), false); !errors.Is(err, ErrReadOnly) {
		t.Errorf("rewriting the embedded policies: got %v, want ErrReadOnly", err)
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "a", "a.rego")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(unformatted), 0o600); err != nil {
		t.Fatal(err)
	}
	src := checker.PolicySource{FS: DirFS(dir), Dir: "pol"}
	got, err := Format(context.Background(), src, false)
	if err != nil || len(got) != 1 || got[0].File != "pol/a/a.rego" {
		t.Fatalf("Format = %v, %v; want pol/a/a.rego rewritten", got, err)
	}
	data, _ := os.ReadFile(path)
	if string(data) != formatted {
		t.Errorf("rewritten file:\n%s\nwant:\n%s", data, formatted)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the original 0600", info.Mode().Perm())
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if got, err := Format(context.Background(), src, true); err != nil || len(got) != 0 {
		t.Errorf("after rewriting: %v, %v; want nothing left to format", got, err)
	}
}

func TestFormatParseError(t *testing.T) {
	_, err := Format(context.Background(), demoSource(map[string]string{"a/a.rego": "package a\n\nallow if {\n", "b/b.rego": "package b\n\nallow { true }\n"}), true)
	var perrs checker.PolicyErrors
	if !errors.As(err, &perrs) {
		t.Fatalf("got %v, want checker.PolicyErrors", err)
	}
	const want = "fx/a/a.rego:4: unexpected eof token\n\tallow if {\n\t         ^\n" +
		"fx/b/b.rego:3:1: `if` keyword is required before rule body"
	if err.Error() != want {
		t.Errorf("error:\n got: %q\nwant: %q", err.Error(), want)
	}
}

// TestEmbeddedPoliciesFormatted is `gapcheck fmt --check` on the embedded policies.
func TestEmbeddedPoliciesFormatted(t *testing.T) {
	got, err := Format(context.Background(), checker.EmbeddedPolicies(), true)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range got {
		t.Errorf("%s is not formatted (run gapcheck fmt):\n%s", u.File, u.Diff)
	}
}

func TestUnifiedDiff(t *testing.T) {
	tests := []struct{ name, before, after, want string }{
		{"equal", "a\n", "a\n", ""},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\n11\nY\n",
			"--- f\n+++ f (formatted)\n@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+Y\n"},
		{"changes close together share a hunk", "1\n2\n3\n4\n5\n6\n7\n8\n", "X\n2\n3\n4\n5\n6\n7\nY\n",
			"--- f\n+++ f (formatted)\n@@ -1,8 +1,8 @@\n-1\n+X\n 2\n 3\n 4\n 5\n 6\n 7\n-8\n+Y\n"},
		{"added at the end", "a\n", "a\nb\n", "--- f\n+++ f (formatted)\n@@ -1 +1,2 @@\n a\n+b\n"},
		{"into an empty file", "", "a\n", "--- f\n+++ f (formatted)\n@@ -0,0 +1 @@\n+a\n"},
		{"missing final newline", "a", "a\n", "--- f\n+++ f (formatted)\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, unifiedDiff("f", tt.before, tt.after)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
