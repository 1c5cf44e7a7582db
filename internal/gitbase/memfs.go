package gitbase

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// TreeFS returns the regular files of commit under dir, for which keep returns
// true, as a read-only in-memory file system rooted at dir: the file dir/a/b.rego
// is a/b.rego in it. Files larger than limit bytes are a *TooLargeError.
func (r *Repo) TreeFS(ctx context.Context, commit, dir string, keep func(name string) bool, limit int64) (fs.FS, error) {
	files, err := r.Files(ctx, commit, []string{dir})
	if err != nil {
		return nil, err
	}
	kept := files[:0]
	for _, f := range files {
		if keep == nil || keep(f.Path) {
			kept = append(kept, f)
		}
	}
	data, err := r.ReadFiles(ctx, kept, limit)
	if err != nil {
		return nil, err
	}
	rooted := make(map[string][]byte, len(data))
	for p, b := range data {
		rooted[strings.TrimPrefix(p, dir+"/")] = b
	}
	return MemFS(rooted), nil
}

// MemFS returns a read-only file system holding files, keyed by slash-separated
// path; the directories are implied by the paths. It implements fs.ReadDirFS,
// fs.ReadFileFS and fs.StatFS.
func MemFS(files map[string][]byte) fs.FS {
	m := &memFS{files: map[string][]byte{}, dirs: map[string][]string{".": nil}}
	for name, data := range files {
		if !fs.ValidPath(name) || name == "." {
			continue
		}
		m.files[name] = data
		for child := name; child != "."; child = path.Dir(child) {
			parent := path.Dir(child)
			m.dirs[parent] = append(m.dirs[parent], path.Base(child))
		}
	}
	for d, names := range m.dirs {
		sort.Strings(names)
		m.dirs[d] = compactStrings(names)
	}
	return m
}

func compactStrings(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

type memFS struct {
	files map[string][]byte
	dirs  map[string][]string // directory -> sorted names of its entries
}

func (m *memFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := m.files[name]; ok {
		return &memFile{info: fileInfo{name: path.Base(name), size: int64(len(data))}, r: bytes.NewReader(data)}, nil
	}
	if _, ok := m.dirs[name]; ok {
		entries, _ := m.ReadDir(name)
		return &memDir{info: fileInfo{name: path.Base(name), dir: true}, entries: entries}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (m *memFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	data, ok := m.files[name]
	if !ok {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrNotExist}
	}
	return bytes.Clone(data), nil
}

func (m *memFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := m.files[name]; ok {
		return fileInfo{name: path.Base(name), size: int64(len(data))}, nil
	}
	if _, ok := m.dirs[name]; ok {
		return fileInfo{name: path.Base(name), dir: true}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

func (m *memFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	names, ok := m.dirs[name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(names))
	for _, n := range names {
		child := path.Join(name, n)
		info, _ := m.Stat(child)
		out = append(out, fs.FileInfoToDirEntry(info))
	}
	return out, nil
}

type fileInfo struct {
	name string
	size int64
	dir  bool
}

func (i fileInfo) Name() string { return i.name }
func (i fileInfo) Size() int64  { return i.size }
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }

type memFile struct {
	info fileInfo
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error)                   { return f.info, nil }
func (f *memFile) Read(p []byte) (int, error)                   { return f.r.Read(p) }
func (f *memFile) ReadAt(p []byte, off int64) (int, error)      { return f.r.ReadAt(p, off) }
func (f *memFile) Seek(offset int64, whence int) (int64, error) { return f.r.Seek(offset, whence) }
func (f *memFile) Close() error                                 { return nil }

type memDir struct {
	info    fileInfo
	entries []fs.DirEntry
	offset  int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}
func (d *memDir) Close() error { return nil }

func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.offset:]
	if n <= 0 {
		d.offset = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.offset += n
	return rest[:n], nil
}
