// Package gitbase reads a git repository's files as they were at a base commit,
// for comparing them with the working tree.
//
// It runs the real git command (which must be on PATH) and only reads, through
// plumbing commands (rev-parse, merge-base, ls-tree, cat-file) that never touch
// the working tree, the index or any ref; every command also runs with
// GIT_OPTIONAL_LOCKS=0 and GIT_LITERAL_PATHSPECS=1 (a path is a path, never a
// pattern). Paths in and out are slash-separated and relative to the top level. A
// shallow clone works as long as the base commit has been fetched.
package gitbase

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// ErrNotRepository reports a directory that is not inside a git work tree.
var ErrNotRepository = errors.New("not in a git work tree")

// A RefError reports a revision that names no commit of the repository.
type RefError struct {
	Ref     string
	Shallow bool // the repository is a shallow clone
}

func (e *RefError) Error() string {
	msg := fmt.Sprintf("%q is not a commit in this repository", e.Ref)
	if e.Shallow {
		msg += " (a shallow clone: fetch it first, e.g. git fetch --depth=1 origin <branch>)"
	}
	return msg
}

// A Repo is a git work tree.
type Repo struct {
	root   string // absolute top level of the work tree
	prefix string // the opening directory, relative to root, slash-separated; "" at the top
}

// Open finds the work tree that contains dir.
func Open(ctx context.Context, dir string) (*Repo, error) {
	out, err := run(ctx, dir, nil, "rev-parse", "--is-inside-work-tree", "--show-toplevel", "--show-prefix")
	if err != nil {
		var ge *gitError
		if errors.As(err, &ge) && strings.Contains(ge.stderr, "not a git repository") {
			return nil, fmt.Errorf("%s: %w", dir, ErrNotRepository)
		}
		return nil, err // e.g. git refusing a repository owned by someone else: its own words
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) < 2 || lines[0] != "true" {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotRepository)
	}
	r := &Repo{root: lines[1]}
	if len(lines) > 2 {
		r.prefix = strings.TrimSuffix(lines[2], "/")
	}
	return r, nil
}

// Root returns the absolute path of the work tree's top level.
func (r *Repo) Root() string { return r.root }

// Rel turns a path relative to the directory the Repo was opened in into a path
// relative to the top level. A path outside the work tree is an error.
func (r *Repo) Rel(p string) (string, error) {
	if filepath.IsAbs(p) {
		rel, err := filepath.Rel(r.root, p)
		if err != nil {
			return "", fmt.Errorf("%s: outside the git work tree %s", p, r.root)
		}
		p = rel
	} else {
		p = path.Join(r.prefix, filepath.ToSlash(p))
	}
	p = path.Clean(filepath.ToSlash(p))
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", fmt.Errorf("%s: outside the git work tree %s", p, r.root)
	}
	return p, nil
}

// Local turns a path relative to the top level into a path relative to the
// directory the Repo was opened in: the name a user there would type.
func (r *Repo) Local(p string) string {
	if r.prefix == "" {
		return p
	}
	rel, err := filepath.Rel(filepath.FromSlash(r.prefix), filepath.FromSlash(p))
	if err != nil {
		return p
	}
	return filepath.ToSlash(rel)
}

// ResolveCommit returns the full id of the commit ref names. A ref that names no
// commit is a *RefError.
func (r *Repo) ResolveCommit(ctx context.Context, ref string) (string, error) {
	if ref == "" || strings.HasPrefix(ref, "-") {
		return "", &RefError{Ref: ref}
	}
	out, err := r.git(ctx, nil, "rev-parse", "--verify", "--quiet", ref+"^{commit}")
	if err != nil {
		var ge *gitError
		if !errors.As(err, &ge) {
			return "", err
		}
		shallow, _ := r.git(ctx, nil, "rev-parse", "--is-shallow-repository")
		return "", &RefError{Ref: ref, Shallow: strings.TrimSpace(string(shallow)) == "true"}
	}
	return strings.TrimSpace(string(out)), nil
}

// MergeBase returns the best common ancestor of two commits, as git merge-base
// gives it: the commit a branch forked from, so that what changed on the other side
// since is not blamed on the branch (git diff A...B compares with it too).
func (r *Repo) MergeBase(ctx context.Context, a, b string) (string, error) {
	out, err := r.git(ctx, nil, "merge-base", a, b)
	if err != nil {
		var ge *gitError
		if errors.As(err, &ge) && strings.TrimSpace(ge.stderr) == "" {
			return "", fmt.Errorf("%s and %s have no common ancestor (in a shallow clone, fetch more history: git fetch --deepen=100)", a, b)
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// git runs git at the top level.
func (r *Repo) git(ctx context.Context, stdin io.Reader, args ...string) ([]byte, error) {
	return run(ctx, r.root, stdin, args...)
}

// A gitError is git exiting with an error.
type gitError struct {
	args   []string
	stderr string
	err    error
}

func (e *gitError) Error() string {
	msg := strings.TrimSpace(e.stderr)
	if msg == "" {
		msg = e.err.Error()
	}
	return fmt.Sprintf("git %s: %s", strings.Join(e.args, " "), msg)
}

func (e *gitError) Unwrap() error { return e.err }

// command returns a git command to run in dir, with the environment that keeps it
// read-only and its output stable.
func command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_OPTIONAL_LOCKS=0",    // read-only: no opportunistic index refresh
		"GIT_LITERAL_PATHSPECS=1", // a path is a path, not a pattern
		"GIT_TERMINAL_PROMPT=0",
		"LC_ALL=C",
	)
	return cmd
}

func run(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := command(ctx, dir, args...)
	cmd.Stdin = stdin
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, errors.New("git not found: diff needs the git command on PATH")
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, &gitError{args: args, stderr: stderr.String(), err: err}
		}
		return nil, fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return stdout.Bytes(), nil
}
