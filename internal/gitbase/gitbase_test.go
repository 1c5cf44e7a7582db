package gitbase

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gapcheck/gapcheck/internal/gittest"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// newRepo returns a repository with one commit holding files.
func newRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	gittest.Isolate(t)
	dir := t.TempDir()
	gittest.Git(t, dir, "init", "-q")
	for name, content := range files {
		write(t, filepath.Join(dir, name), content)
	}
	gittest.Git(t, dir, "add", "-A")
	gittest.Git(t, dir, "commit", "-q", "-m", "base")
	return dir
}

func TestOpen(t *testing.T) {
	dir := newRepo(t, map[string]string{"profiles/a.yaml": "a\n"})
	r, err := Open(context.Background(), filepath.Join(dir, "profiles"))
	if err != nil {
		t.Fatal(err)
	}
	if real, _ := filepath.EvalSymlinks(dir); r.Root() != real {
		t.Errorf("Root() = %s, want %s", r.Root(), real)
	}
	for in, want := range map[string]string{"a.yaml": "profiles/a.yaml", ".": "profiles", "../policies": "policies"} {
		if got, err := r.Rel(in); err != nil || got != want {
			t.Errorf("Rel(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := r.Rel("../../outside"); err == nil {
		t.Error("Rel of a path outside the work tree should fail")
	}
	if got := r.Local("profiles/a.yaml"); got != "a.yaml" {
		t.Errorf("Local = %q", got)
	}
	if got := r.Local("policies/x.rego"); got != "../policies/x.rego" {
		t.Errorf("Local = %q", got)
	}

	if _, err := Open(context.Background(), t.TempDir()); !errors.Is(err, ErrNotRepository) {
		t.Errorf("Open outside a repository: %v, want ErrNotRepository", err)
	}
}

func TestResolveCommit(t *testing.T) {
	dir := newRepo(t, map[string]string{"a.yaml": "a\n"})
	r, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	want := gittest.Git(t, dir, "rev-parse", "HEAD")
	for _, ref := range []string{"HEAD", want, want[:10]} {
		if got, err := r.ResolveCommit(context.Background(), ref); err != nil || got != want {
			t.Errorf("ResolveCommit(%s) = %s, %v", ref, got, err)
		}
	}
	tree := gittest.Git(t, dir, "rev-parse", "HEAD^{tree}")
	for _, ref := range []string{"nope", "HEAD~1", tree, "--all", ""} {
		_, err := r.ResolveCommit(context.Background(), ref)
		var re *RefError
		if !errors.As(err, &re) || re.Ref != ref || re.Shallow {
			t.Errorf("ResolveCommit(%q): %v, want a *RefError", ref, err)
		}
	}
}

func TestChangesFilesAndRead(t *testing.T) {
	dir := newRepo(t, map[string]string{
		"profiles/a.yaml":   "country: AT\n",
		"profiles/b.yaml":   "country: BE\n",
		"profiles/c.yaml":   "country: CY\n" + strings.Repeat("# padding so that a rename is detected\n", 5),
		"profiles/d.yaml":   "country: DE\n",
		"policies/x.rego":   "package x\n",
		"README.md":         "readme\n",
		"profiles/link.yml": "",
	})
	os.Remove(filepath.Join(dir, "profiles/link.yml"))
	if err := os.Symlink("a.yaml", filepath.Join(dir, "profiles/link.yml")); err != nil {
		t.Fatal(err)
	}
	gittest.Git(t, dir, "add", "-A")
	gittest.Git(t, dir, "commit", "-q", "-m", "symlink")
	base := gittest.Git(t, dir, "rev-parse", "HEAD")

	write(t, filepath.Join(dir, "profiles/a.yaml"), "country: AT\nname: Austria\n") // modified, unstaged
	write(t, filepath.Join(dir, "profiles/b.yaml"), "country: BE\nname: Belgium\n")
	gittest.Git(t, dir, "add", "profiles/b.yaml") // modified, staged
	gittest.Git(t, dir, "mv", "profiles/c.yaml", "profiles/cyprus.yaml")
	os.Remove(filepath.Join(dir, "profiles/d.yaml"))                 // deleted
	write(t, filepath.Join(dir, "profiles/e.yaml"), "country: EE\n") // untracked
	write(t, filepath.Join(dir, ".gitignore"), "*.bak\n")            // untracked, outside profiles/
	write(t, filepath.Join(dir, "profiles/old.bak"), "ignored\n")    // ignored
	write(t, filepath.Join(dir, "README.md"), "changed, not under profiles\n")

	status := gittest.Git(t, dir, "status", "--porcelain") // may refresh the index: before reading it
	index := readFile(t, filepath.Join(dir, ".git/index"))
	// A file whose content matches the index but whose time does not: a git that
	// refreshes the index would write it now.
	later := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(dir, "profiles/b.yaml"), later, later); err != nil {
		t.Fatal(err)
	}

	r, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	changes, err := r.Changes(ctx, base, []string{"profiles"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Status: 'M', Path: "profiles/a.yaml"},
		{Status: 'M', Path: "profiles/b.yaml"},
		{Status: 'R', Path: "profiles/cyprus.yaml", OldPath: "profiles/c.yaml"},
		{Status: 'D', Path: "profiles/d.yaml"},
		{Status: '?', Path: "profiles/e.yaml"},
	}
	if diff := cmp.Diff(want, changes); diff != "" {
		t.Errorf("Changes (-want +got):\n%s", diff)
	}

	files, err := r.Files(ctx, base, []string{"profiles"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Path)
	}
	if diff := cmp.Diff([]string{"profiles/a.yaml", "profiles/b.yaml", "profiles/c.yaml", "profiles/d.yaml"}, names); diff != "" {
		t.Errorf("Files (-want +got), symbolic links left out:\n%s", diff)
	}
	data, err := r.ReadFiles(ctx, files, 1<<10)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(data["profiles/a.yaml"]); got != "country: AT\n" {
		t.Errorf("a.yaml at the base = %q", got)
	}
	if got := string(data["profiles/d.yaml"]); got != "country: DE\n" {
		t.Errorf("d.yaml at the base = %q", got)
	}
	var tl *TooLargeError
	if _, err := r.ReadFiles(ctx, files, 20); !errors.As(err, &tl) || tl.Path != "profiles/c.yaml" {
		t.Errorf("ReadFiles with a small limit: %v", err)
	}

	// Read-only: neither the index nor the status changed.
	if !bytes.Equal(index, readFile(t, filepath.Join(dir, ".git/index"))) {
		t.Error("the index was written")
	}
	if got := gittest.Git(t, dir, "status", "--porcelain"); got != status {
		t.Errorf("status changed:\n%s\nwant:\n%s", got, status)
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTreeFS(t *testing.T) {
	dir := newRepo(t, map[string]string{
		"policies/gapcheck/main/main.rego":         "package gapcheck.main\n",
		"policies/gapcheck/rules/a/b/b.rego":       "package gapcheck.rules.a.b\n",
		"policies/gapcheck/rules/a/b/b_test.rego":  "package gapcheck.rules.a.b_test\n",
		"policies/policies.go":                     "package policies\n",
		"profiles/policies/not-these.rego":         "package no\n",
		"policies/gapcheck/rules/a/b/README.md":    "docs\n",
		"policies/gapcheck/rules/c/d/d.rego":       "package gapcheck.rules.c.d\n",
		"policies/gapcheck/rules/c/d/d_test.rego ": "package with.a.space\n",
	})
	r, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := r.TreeFS(context.Background(), "HEAD", "policies", func(name string) bool { return strings.HasSuffix(name, ".rego") }, 1<<10)
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(fsys, "gapcheck/main/main.rego", "gapcheck/rules/a/b/b.rego", "gapcheck/rules/a/b/b_test.rego", "gapcheck/rules/c/d/d.rego"); err != nil {
		t.Fatal(err)
	}
	if b, err := fs.ReadFile(fsys, "gapcheck/rules/a/b/b.rego"); err != nil || string(b) != "package gapcheck.rules.a.b\n" {
		t.Errorf("ReadFile = %q, %v", b, err)
	}
	for _, name := range []string{"policies.go", "gapcheck/rules/a/b/README.md", "gapcheck/rules/c/d/d_test.rego "} {
		if _, err := fs.Stat(fsys, name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s should have been left out: %v", name, err)
		}
	}
}

func TestMemFS(t *testing.T) {
	fsys := MemFS(map[string][]byte{"a/b/c.txt": []byte("c"), "a/d.txt": []byte("dd"), "e.txt": nil})
	if err := fstest.TestFS(fsys, "a/b/c.txt", "a/d.txt", "e.txt"); err != nil {
		t.Fatal(err)
	}
	if _, err := fsys.Open("../x"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("Open(../x): %v", err)
	}
}
