package gitbase

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

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

func TestTree(t *testing.T) {
	dir := newRepo(t, map[string]string{
		"profiles/a.yaml":                  "country: AT\n",
		"profiles/sub/b.yaml":              "country: BE\n",
		"data/c.yaml":                      "country: CY\n",
		"policies/gapcheck/main/main.rego": "package gapcheck.main\n",
		"policies/gapcheck/rules/x/x.rego": "package gapcheck.rules.x\n",
		"policies/gapcheck/rules/x/README": "docs\n",
		"with space/and\"quote.yaml":       "q\n",
		"exec.sh":                          "#!/bin/sh\n",
	})
	for link, target := range map[string]string{
		"profiles/c.yaml":   "../data/c.yaml", // a file link
		"profiles/linked":   "../data",        // a directory link
		"profiles/loop":     "loop",           // a link to itself
		"profiles/outside":  "../../etc",      // out of the repository
		"profiles/absolute": "/etc/passwd",
		"profiles/dangling": "nowhere.yaml",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(dir, "exec.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	gittest.Git(t, dir, "add", "-A")
	gittest.Git(t, dir, "commit", "-q", "-m", "links")
	index := readFile(t, filepath.Join(dir, ".git/index"))

	r, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	commit, err := r.ResolveCommit(context.Background(), "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	tree, err := r.Tree(context.Background(), commit)
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Close()
	if tree.Commit() != commit {
		t.Errorf("Commit() = %s, want %s", tree.Commit(), commit)
	}

	// The tree behaves as a file system (fstest checks Open, ReadDir, Stat and
	// ReadFile against each other), links resolved.
	sub, err := fs.Sub(tree, "policies")
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(sub, "gapcheck/main/main.rego", "gapcheck/rules/x/x.rego", "gapcheck/rules/x/README"); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"profiles/a.yaml":            "country: AT\n",
		"profiles/c.yaml":            "country: CY\n", // through a file link
		"profiles/linked/c.yaml":     "country: CY\n", // through a directory link
		"with space/and\"quote.yaml": "q\n",
	} {
		if got, err := fs.ReadFile(tree, name); err != nil || string(got) != want {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", name, got, err, want)
		}
	}
	if info, err := fs.Stat(tree, "exec.sh"); err != nil || info.Mode() != 0o755 {
		t.Errorf("Stat(exec.sh) = %v, %v; want mode 0755", info, err)
	}
	entries, err := fs.ReadDir(tree, "profiles")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, e := range entries {
		listed = append(listed, fmt.Sprintf("%s %v", e.Name(), e.Type()))
	}
	wantListed := []string{"a.yaml ----------", "absolute L---------", "c.yaml L---------", "dangling L---------",
		"linked L---------", "loop L---------", "outside L---------", "sub d---------"}
	if diff := cmp.Diff(wantListed, listed); diff != "" {
		t.Errorf("ReadDir lists links as links (-want +got):\n%s", diff)
	}
	for name, want := range map[string]string{
		"profiles/loop":         "too many levels of symbolic links",
		"profiles/outside/x":    "a symbolic link leads out of the repository",
		"profiles/absolute":     "a symbolic link to the absolute path /etc/passwd, outside the repository",
		"profiles/dangling":     "file does not exist",
		"profiles/nothing.yaml": "file does not exist",
		"../x":                  "invalid argument",
	} {
		if _, err := fs.ReadFile(tree, name); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadFile(%s) = %v; want an error containing %q", name, err, want)
		}
	}
	// A directory reached through two names has one identity.
	a, _ := tree.Stat("data")
	b, _ := tree.Stat("profiles/linked")
	if a.(interface{ FileID() any }).FileID() != b.(interface{ FileID() any }).FileID() {
		t.Error("data and profiles/linked should have the same FileID")
	}
	if !bytes.Equal(index, readFile(t, filepath.Join(dir, ".git/index"))) {
		t.Error("the index was written")
	}
}

func TestTreeSubmodule(t *testing.T) {
	inner := newRepo(t, map[string]string{"profiles/a.yaml": "country: AT\n"})
	dir := newRepo(t, map[string]string{"README.md": "outer\n"})
	gittest.Git(t, dir, "-c", "protocol.file.allow=always", "submodule", "add", "-q", inner, "vendor")
	gittest.Git(t, dir, "commit", "-q", "-m", "submodule")
	r, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := r.Tree(context.Background(), "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Close()
	for _, name := range []string{"vendor", "vendor/profiles/a.yaml"} {
		if _, err := fs.ReadDir(tree, name); !errors.Is(err, ErrSubmodule) {
			t.Errorf("ReadDir(%s) = %v, want ErrSubmodule", name, err)
		}
	}
}

func TestMergeBase(t *testing.T) {
	dir := newRepo(t, map[string]string{"a": "1\n"})
	fork := gittest.Git(t, dir, "rev-parse", "HEAD")
	gittest.Git(t, dir, "checkout", "-q", "-b", "topic")
	write(t, filepath.Join(dir, "a"), "2\n")
	gittest.Git(t, dir, "commit", "-q", "-am", "topic")
	gittest.Git(t, dir, "checkout", "-q", "-")
	write(t, filepath.Join(dir, "b"), "main moved on\n")
	gittest.Git(t, dir, "add", "-A")
	gittest.Git(t, dir, "commit", "-q", "-m", "main")
	r, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := r.MergeBase(context.Background(), "HEAD", "topic"); err != nil || got != fork {
		t.Errorf("MergeBase = %s, %v; want %s", got, err, fork)
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
