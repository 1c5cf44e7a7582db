package author

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/atomicfile"
	"github.com/gapcheck/gapcheck/internal/policy"
)

// ErrReadOnly reports an attempt to rewrite policies that are not a directory on
// disk, such as the policies embedded in gapcheck.
var ErrReadOnly = errors.New("policies are read-only: only a directory on disk can be rewritten")

// A WritableFS is a file system whose files [Format] can rewrite.
type WritableFS interface {
	fs.FS
	// WriteFile replaces the file name (slash-separated, relative to the root) with data.
	WriteFile(name string, data []byte) error
}

// DirFS returns the directory dir on disk as a WritableFS. WriteFile writes
// atomically (a temporary file renamed over the old one) and keeps the file's mode.
func DirFS(dir string) WritableFS { return dirFS{FS: os.DirFS(dir), dir: dir} }

type dirFS struct {
	fs.FS
	dir string
}

func (d dirFS) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: "write", Path: name, Err: fs.ErrInvalid}
	}
	target := filepath.Join(d.dir, filepath.FromSlash(name))
	info, err := os.Stat(target)
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(target, data, info.Mode().Perm())
}

// An Unformatted file is a .rego file that `opa fmt` would change.
type Unformatted struct {
	File string // as the source names it: Dir + "/" + the path in its FS
	// Diff is a unified diff from the file as it is to the file formatted.
	Diff string
}

// Format formats the .rego files of src as `opa fmt` does for Rego v1 and returns
// those that were not formatted, sorted by name. With check, nothing is written;
// otherwise each is rewritten, which needs src.FS to be a WritableFS (ErrReadOnly
// if not). A file that does not parse is an error (a checker.PolicyErrors).
func Format(ctx context.Context, src checker.PolicySource, check bool) ([]Unformatted, error) {
	wfs, writable := src.FS.(WritableFS)
	if !check && !writable {
		return nil, fmt.Errorf("format %s: %w", src.Dir, ErrReadOnly)
	}
	files, err := policy.RegoFiles(src.FS)
	if err != nil {
		return nil, fmt.Errorf("read policies in %s: %w", src.Dir, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("read policies in %s: no .rego files", src.Dir)
	}
	var out []Unformatted
	var perrs checker.PolicyErrors
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		name := path.Join(src.Dir, f)
		data, err := policy.ReadFile(src.FS, f)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		formatted, err := FormatSource(name, data)
		if err != nil {
			var aerrs ast.Errors
			if errors.As(err, &aerrs) {
				perrs = append(perrs, policy.FromAST(aerrs)...)
				continue
			}
			return nil, fmt.Errorf("format %s: %w", name, err)
		}
		if bytes.Equal(data, formatted) {
			continue
		}
		out = append(out, Unformatted{File: name, Diff: unifiedDiff(name, string(data), string(formatted))})
		if !check {
			if err := wfs.WriteFile(f, formatted); err != nil {
				return nil, fmt.Errorf("write %s: %w", name, err)
			}
		}
	}
	if len(perrs) > 0 {
		perrs.Sort()
		return nil, perrs
	}
	return out, nil
}

// FormatSource returns a Rego v1 module formatted as `opa fmt` formats it.
func FormatSource(name string, src []byte) ([]byte, error) {
	caps := ast.CapabilitiesForThisVersion()
	return format.SourceWithOpts(name, src, format.Opts{
		RegoVersion:   ast.RegoV1,
		Capabilities:  caps,
		ParserOptions: &ast.ParserOptions{RegoVersion: ast.RegoV1, Capabilities: caps},
	})
}
