package policy

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/gapcheck/gapcheck/policies"
)

// A Source is a directory of Rego files. Dir is how messages name it: a file at
// "rules/x.rego" in FS is reported as Dir + "/rules/x.rego".
type Source struct {
	FS  fs.FS
	Dir string
}

// Embedded is the policy source compiled into gapcheck.
func Embedded() Source { return Source{FS: policies.FS(), Dir: "policies"} }

// MaxFileSize bounds one Rego file.
const MaxFileSize = 4 << 20

// ErrNotRegular reports a policy file that is not a regular file once links are
// followed (a FIFO or a device would block or never end).
var ErrNotRegular = errors.New("not a regular file")

// RegoFiles lists the .rego files of fsys (tests included), sorted, skipping hidden
// directories.
func RegoFiles(fsys fs.FS) ([]string, error) {
	files, err := walkFiles(fsys, func(p string) bool { return strings.HasSuffix(p, ".rego") })
	slices.Sort(files)
	return files, err
}

// walkFiles lists, in fs.WalkDir's order, the files of fsys that keep selects by
// their path, skipping hidden directories: the files of a policy source.
func walkFiles(fsys fs.FS, keep func(p string) bool) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if !d.IsDir() && keep(p) {
			files = append(files, p)
		}
		return nil
	})
	return files, err
}

// ReadFile reads one policy file of fsys, refusing what is not a regular file and
// what is larger than MaxFileSize.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, ErrNotRegular
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("larger than the limit of %d bytes", MaxFileSize)
	}
	return fs.ReadFile(fsys, name)
}

// EntrypointDir is the directory of the entrypoint package (gapcheck.main) in a
// bundle: a directory that has it holds a whole bundle, not an add-on.
const EntrypointDir = "gapcheck/main"

// IsBundle reports whether fsys holds a whole policy bundle: the entrypoint's
// directory with a .rego file in it.
func IsBundle(fsys fs.FS) bool {
	entries, err := fs.ReadDir(fsys, EntrypointDir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".rego") {
			return true
		}
	}
	return false
}

// Digest identifies the policy files of fsys by their contents: the sha256 of the
// names and bytes of its .rego and data files (tests included), in name order,
// hidden directories skipped, as "sha256:" and 64 hex digits. The same files give
// the same digest whatever the directory is called.
func Digest(src Source) (string, error) {
	fsys := src.FS
	files, err := walkFiles(fsys, func(p string) bool { return strings.HasSuffix(p, ".rego") || IsDataFile(path.Base(p)) })
	if err != nil {
		return "", fmt.Errorf("read policies in %s: %w", src.Dir, err)
	}
	slices.Sort(files)
	h := sha256.New()
	for _, f := range files {
		data, err := ReadFile(fsys, f)
		if err != nil {
			return "", fmt.Errorf("read policy %s: %w", path.Join(src.Dir, f), err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", f, len(data))
		h.Write(data)
	}
	return fmt.Sprintf("sha256:%x", h.Sum(nil)), nil
}
