// Package gitbase reads a git repository's files as they were at a base commit,
// for comparing them with the working tree.
//
// It runs the real git command (which must be on PATH) and only reads: it never
// writes the working tree, the index or any ref. Every command runs at the
// repository's top level with GIT_OPTIONAL_LOCKS=0 (so that git does not refresh
// the index as a side effect) and GIT_LITERAL_PATHSPECS=1 (so that a path is a
// path, never a pattern). Paths in and out are slash-separated and relative to
// the top level. A shallow clone works as long as the base commit has been
// fetched.
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
	"strconv"
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

// A Change is a path that differs between a commit and the working tree.
type Change struct {
	// Status is git's letter: A added, D deleted, M modified, R renamed, C copied, T
	// type changed, and ? for a file git does not track (and does not ignore).
	Status  byte
	Path    string // the path in the working tree (at the commit, for D)
	OldPath string // for R and C: the path at the commit
}

// Changes lists what differs between commit and the working tree under the given
// paths (all of the work tree when none): tracked files as git diff sees them,
// with rename detection, then untracked files that are not ignored.
func (r *Repo) Changes(ctx context.Context, commit string, paths []string) ([]Change, error) {
	args := append([]string{"diff", "--no-color", "--no-ext-diff", "--no-textconv", "--name-status", "-z", "-M", commit, "--"}, paths...)
	out, err := r.git(ctx, nil, args...)
	if err != nil {
		return nil, err
	}
	var changes []Change
	fields := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	for i := 0; i < len(fields) && fields[i] != ""; {
		status := fields[i]
		c := Change{Status: status[0]}
		switch c.Status {
		case 'R', 'C':
			if i+2 >= len(fields) {
				return nil, fmt.Errorf("git diff: truncated output")
			}
			c.OldPath, c.Path = fields[i+1], fields[i+2]
			i += 3
		default:
			if i+1 >= len(fields) {
				return nil, fmt.Errorf("git diff: truncated output")
			}
			c.Path = fields[i+1]
			i += 2
		}
		changes = append(changes, c)
	}
	args = append([]string{"ls-files", "-z", "--others", "--exclude-standard", "--"}, paths...)
	out, err = r.git(ctx, nil, args...)
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Split(string(out), "\x00") {
		if p != "" {
			changes = append(changes, Change{Status: '?', Path: p})
		}
	}
	return changes, nil
}

// A File is a regular file (a blob that is not a symbolic link) in a commit.
type File struct {
	Path string
	ID   string // the blob's object id
	Size int64
}

// Files lists the regular files of commit under the given paths (all of the tree
// when none), sorted by path.
func (r *Repo) Files(ctx context.Context, commit string, paths []string) ([]File, error) {
	args := append([]string{"ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--"}, paths...)
	out, err := r.git(ctx, nil, args...)
	if err != nil {
		return nil, err
	}
	var files []File
	for _, rec := range strings.Split(string(out), "\x00") {
		if rec == "" {
			continue
		}
		// <mode> SP <type> SP <object> SP+ <size> TAB <path>
		meta, p, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 4 {
			return nil, fmt.Errorf("git ls-tree: unexpected line %q", rec)
		}
		if f[1] != "blob" || f[0] == "120000" {
			continue // submodules and symbolic links
		}
		size, err := strconv.ParseInt(f[3], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("git ls-tree: unexpected size in %q", rec)
		}
		files = append(files, File{Path: p, ID: f[2], Size: size})
	}
	return files, nil
}

// A TooLargeError reports a file larger than the limit ReadFiles was given.
type TooLargeError struct {
	Path  string
	Size  int64
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: %d bytes, larger than the limit of %d", e.Path, e.Size, e.Limit)
}

// ReadFiles reads the contents of files (as Files returned them) with one git
// cat-file process, and returns them by path. A file larger than limit bytes is
// not read: it is a *TooLargeError.
func (r *Repo) ReadFiles(ctx context.Context, files []File, limit int64) (map[string][]byte, error) {
	out := make(map[string][]byte, len(files))
	if len(files) == 0 {
		return out, nil
	}
	var in bytes.Buffer
	for _, f := range files {
		if f.Size > limit {
			return nil, &TooLargeError{Path: f.Path, Size: f.Size, Limit: limit}
		}
		in.WriteString(f.ID + "\n")
	}
	data, err := r.git(ctx, &in, "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	// Each object is "<id> <type> <size>\n<contents>\n", in input order.
	for _, f := range files {
		header, rest, ok := bytes.Cut(data, []byte("\n"))
		h := strings.Fields(string(header))
		if !ok || len(h) != 3 || h[1] != "blob" {
			return nil, fmt.Errorf("git cat-file: cannot read %s: %q", f.Path, header)
		}
		size, err := strconv.Atoi(h[2])
		if err != nil || size+1 > len(rest) {
			return nil, fmt.Errorf("git cat-file: truncated contents of %s", f.Path)
		}
		out[f.Path] = rest[:size:size]
		data = rest[size+1:]
	}
	return out, nil
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

func run(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	cmd.Env = append(os.Environ(),
		"GIT_OPTIONAL_LOCKS=0",    // read-only: no opportunistic index refresh
		"GIT_LITERAL_PATHSPECS=1", // a path is a path, not a pattern
		"GIT_TERMINAL_PROMPT=0",
		"LC_ALL=C",
	)
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
