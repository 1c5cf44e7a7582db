package gitbase

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os/exec"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ErrSubmodule reports a path inside a git submodule: its files are not part of the
// commit, so they cannot be read from it.
var ErrSubmodule = errors.New("a git submodule: its files are not in this commit")

// maxLinks bounds how many symbolic links one path may resolve through.
const maxLinks = 40

// A Tree is the files of one commit as a read-only fs.FS rooted at the repository's
// top level: directories, regular files and symbolic links, which resolve inside the
// tree as the operating system would resolve them in a checkout (a link out of the
// tree, or a loop, is an error when followed). A submodule is a directory that
// cannot be read (ErrSubmodule). Contents are read on demand through one git
// cat-file process; Close stops it. A Tree is safe for concurrent use.
type Tree struct {
	commit  string
	entries map[string]entry    // by path; "." is the top level
	dirs    map[string][]string // directory -> sorted child names

	mu  sync.Mutex
	cat *catFile // started on the first read
	r   *Repo
	ctx context.Context
}

type entry struct {
	mode fs.FileMode // fs.ModeDir, fs.ModeSymlink, 0 (a regular file, 0o644 or 0o755 perm), or ModeDir|ModeIrregular for a submodule
	id   string
	size int64
}

// Tree lists commit's files (one git ls-tree) and returns them as a Tree.
func (r *Repo) Tree(ctx context.Context, commit string) (*Tree, error) {
	out, err := r.git(ctx, nil, "ls-tree", "-r", "-t", "-l", "-z", "--full-tree", commit)
	if err != nil {
		return nil, err
	}
	t := &Tree{commit: commit, entries: map[string]entry{".": {mode: fs.ModeDir | 0o755}}, dirs: map[string][]string{".": nil}, r: r, ctx: ctx}
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
		e := entry{id: f[2]}
		switch {
		case f[1] == "tree":
			e.mode = fs.ModeDir | 0o755
		case f[1] == "commit":
			e.mode = fs.ModeDir | fs.ModeIrregular
		case f[0] == "120000":
			e.mode = fs.ModeSymlink | 0o777
		case f[0] == "100755":
			e.mode = 0o755
		default:
			e.mode = 0o644
		}
		if f[1] == "blob" {
			if e.size, err = strconv.ParseInt(f[3], 10, 64); err != nil {
				return nil, fmt.Errorf("git ls-tree: unexpected size in %q", rec)
			}
		}
		t.entries[p] = e
		parent := path.Dir(p)
		t.dirs[parent] = append(t.dirs[parent], path.Base(p))
		if e.mode.IsDir() {
			if _, ok := t.dirs[p]; !ok {
				t.dirs[p] = nil
			}
		}
	}
	for d := range t.dirs {
		slices.Sort(t.dirs[d])
	}
	return t, nil
}

// Commit returns the commit the tree is of.
func (t *Tree) Commit() string { return t.commit }

// Close stops the git process that reads contents, if one was started.
func (t *Tree) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cat == nil {
		return nil
	}
	err := t.cat.close()
	t.cat = nil
	return err
}

// resolve follows the symbolic links in name and returns the path it names in the
// tree and its entry. With followLast false the last element is not followed (as
// lstat does).
func (t *Tree) resolve(op, name string, followLast bool) (string, entry, error) {
	if !fs.ValidPath(name) {
		return "", entry{}, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	todo := []string{}
	if name != "." {
		todo = strings.Split(name, "/")
	}
	cur, hops := ".", 0
	for len(todo) > 0 {
		elem := todo[0]
		todo = todo[1:]
		next := path.Join(cur, elem)
		if elem == ".." {
			if cur == "." {
				return "", entry{}, &fs.PathError{Op: op, Path: name, Err: errors.New("a symbolic link leads out of the repository")}
			}
			cur = path.Dir(cur)
			continue
		}
		if parent := t.entries[cur]; parent.mode&fs.ModeIrregular != 0 {
			return "", entry{}, &fs.PathError{Op: op, Path: name, Err: ErrSubmodule}
		}
		e, ok := t.entries[next]
		if !ok {
			return "", entry{}, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
		}
		if e.mode&fs.ModeSymlink == 0 || (len(todo) == 0 && !followLast) {
			cur = next
			continue
		}
		if hops++; hops > maxLinks {
			return "", entry{}, &fs.PathError{Op: op, Path: name, Err: errors.New("too many levels of symbolic links")}
		}
		target, err := t.read(e)
		if err != nil {
			return "", entry{}, &fs.PathError{Op: op, Path: name, Err: err}
		}
		link := string(target)
		if strings.HasPrefix(link, "/") {
			return "", entry{}, &fs.PathError{Op: op, Path: name, Err: fmt.Errorf("a symbolic link to the absolute path %s, outside the repository", link)}
		}
		todo = append(strings.Split(link, "/"), todo...)
	}
	return cur, t.entries[cur], nil
}

// Open opens a file or directory of the tree, following symbolic links.
func (t *Tree) Open(name string) (fs.File, error) {
	p, e, err := t.resolve("open", name, true)
	if err != nil {
		return nil, err
	}
	info := fileInfo{name: path.Base(name), entry: e, resolved: p}
	switch {
	case e.mode&fs.ModeIrregular != 0:
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrSubmodule}
	case e.mode.IsDir():
		return &dirFile{info: info, entries: t.dirEntries(p)}, nil
	}
	return &file{info: info, t: t}, nil
}

// Stat describes a file or directory, following symbolic links.
func (t *Tree) Stat(name string) (fs.FileInfo, error) {
	p, e, err := t.resolve("stat", name, true)
	if err != nil {
		return nil, err
	}
	return fileInfo{name: path.Base(name), entry: e, resolved: p}, nil
}

// ReadDir lists a directory, sorted by name; symbolic links are listed as links.
func (t *Tree) ReadDir(name string) ([]fs.DirEntry, error) {
	p, e, err := t.resolve("readdir", name, true)
	if err != nil {
		return nil, err
	}
	if e.mode&fs.ModeIrregular != 0 {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: ErrSubmodule}
	}
	if !e.mode.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	return t.dirEntries(p), nil
}

// ReadFile reads a file, following symbolic links.
func (t *Tree) ReadFile(name string) ([]byte, error) {
	_, e, err := t.resolve("read", name, true)
	if err != nil {
		return nil, err
	}
	if e.mode.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	data, err := t.read(e)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, nil
}

func (t *Tree) dirEntries(dir string) []fs.DirEntry {
	names := t.dirs[dir]
	out := make([]fs.DirEntry, len(names))
	for i, n := range names {
		p := path.Join(dir, n)
		out[i] = fs.FileInfoToDirEntry(fileInfo{name: n, entry: t.entries[p], resolved: p})
	}
	return out
}

// Paths lists every path of the tree (directories included), sorted.
func (t *Tree) Paths() []string { return slices.Sorted(maps.Keys(t.entries)) }

// read returns a blob's contents through the tree's cat-file process.
func (t *Tree) read(e entry) ([]byte, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cat == nil {
		c, err := startCatFile(t.ctx, t.r.root)
		if err != nil {
			return nil, err
		}
		t.cat = c
	}
	return t.cat.read(e.id)
}

type fileInfo struct {
	name     string
	entry    entry
	resolved string
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.entry.size }
func (i fileInfo) Mode() fs.FileMode  { return i.entry.mode }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.entry.mode.IsDir() }
func (i fileInfo) Sys() any           { return nil }

// FileID is the path a file resolves to in the tree: two names of one directory
// (through links) have the same FileID.
func (i fileInfo) FileID() any { return "git:" + i.resolved }

type file struct {
	info fileInfo
	t    *Tree
	data []byte
	read bool
	off  int
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *file) Close() error               { return nil }
func (f *file) Read(p []byte) (int, error) {
	if !f.read {
		data, err := f.t.read(f.info.entry)
		if err != nil {
			return 0, err
		}
		f.data, f.read = data, true
	}
	if f.off >= len(f.data) {
		return 0, io.EOF
	}
	n := copy(p, f.data[f.off:])
	f.off += n
	return n, nil
}

type dirFile struct {
	info    fileInfo
	entries []fs.DirEntry
	off     int
}

func (d *dirFile) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dirFile) Close() error               { return nil }
func (d *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}

func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}

// catFile is a running git cat-file --batch, reading objects by id.
type catFile struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

func startCatFile(ctx context.Context, dir string) (*catFile, error) {
	cmd := command(ctx, dir, "cat-file", "--batch")
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	return &catFile{cmd: cmd, in: in, out: bufio.NewReader(out)}, nil
}

func (c *catFile) read(id string) ([]byte, error) {
	if _, err := io.WriteString(c.in, id+"\n"); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	header, err := c.out.ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	// "<id> <type> <size>\n" then the contents and "\n"; "<id> missing\n" if absent.
	h := strings.Fields(header)
	if len(h) != 3 || h[1] != "blob" {
		return nil, fmt.Errorf("git cat-file: cannot read object %s: %q", id, strings.TrimSpace(header))
	}
	size, err := strconv.Atoi(h[2])
	if err != nil {
		return nil, fmt.Errorf("git cat-file: bad size in %q", strings.TrimSpace(header))
	}
	data := make([]byte, size+1)
	if _, err := io.ReadFull(c.out, data); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	return data[:size:size], nil
}

func (c *catFile) close() error {
	c.in.Close()
	return c.cmd.Wait()
}
