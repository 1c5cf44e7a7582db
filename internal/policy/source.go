package policy

import (
	"errors"
	"fmt"
	"io/fs"
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
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".rego") {
			files = append(files, p)
		}
		return nil
	})
	slices.Sort(files)
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
