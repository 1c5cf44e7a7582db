package checker

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/gapcheck/gapcheck/internal/yamldoc"
)

// maxLinkDepth bounds how many symbolically linked directories a walk follows on
// one branch when the file system cannot tell a directory's identity (and so a
// loop) by itself.
const maxLinkDepth = 16

// IsProfileName reports whether a file name names a profile: it ends in .yaml or
// .yml and is not hidden (does not start with ".").
func IsProfileName(name string) bool {
	return !strings.HasPrefix(name, ".") && (strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml"))
}

// FindProfiles returns the profiles at root in fsys, sorted: root itself when it is
// a file (or a link to one), else every file below it that IsProfileName accepts,
// skipping hidden directories. Symbolic links are followed, to files and to
// directories, as the operating system would; a loop of links is an error. A
// profile that is not a regular file once links are followed (a FIFO, a device,
// a git submodule) is an error wrapping ErrNotRegular, and a directory without any
// profile is ErrNoProfiles. This is the one rule for what a profile file is: check
// and diff both use it, on the disk and on a git commit.
func FindProfiles(fsys fs.FS, root string) ([]string, error) {
	info, err := fs.Stat(fsys, root)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		if !info.Mode().IsRegular() {
			return nil, &fs.PathError{Op: "read", Path: root, Err: ErrNotRegular}
		}
		if err := CheckFileName(root); err != nil {
			return nil, err
		}
		return []string{root}, nil
	}
	w := &walker{fsys: fsys, seen: map[any]bool{}}
	if id, ok := fileID(info); ok {
		w.seen[id] = true
	}
	if err := w.walk(root, 0); err != nil {
		return nil, err
	}
	if len(w.files) == 0 {
		return nil, fmt.Errorf("%s: %w: want *.yaml or *.yml files in it", root, ErrNoProfiles)
	}
	slices.Sort(w.files)
	return slices.Compact(w.files), nil
}

type walker struct {
	fsys  fs.FS
	files []string
	seen  map[any]bool // identities of the directories on the current branch
}

func (w *walker) walk(dir string, links int) error {
	entries, err := fs.ReadDir(w.fsys, dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := path.Join(dir, name)
		mode := e.Type()
		if mode.IsDir() {
			info, err := e.Info()
			if err != nil {
				return err
			}
			if err := w.dir(p, info, links); err != nil {
				return err
			}
			continue
		}
		if mode&fs.ModeSymlink != 0 || !mode.IsRegular() {
			// Follow a link; anything else that is not a regular file is refused
			// below if it is a profile.
			info, err := fs.Stat(w.fsys, p)
			if err != nil {
				return err
			}
			if info.IsDir() {
				if err := w.dir(p, info, links+1); err != nil {
					return err
				}
				continue
			}
			if IsProfileName(name) && !info.Mode().IsRegular() {
				return &fs.PathError{Op: "read", Path: p, Err: ErrNotRegular}
			}
		}
		if IsProfileName(name) {
			if err := CheckFileName(p); err != nil {
				return err
			}
			w.files = append(w.files, p)
		}
	}
	return nil
}

// ErrFileName reports a file name gapcheck refuses to read: one with a control
// character (a line break, an escape), which would print as lines or terminal
// commands of its own in every report that names the file.
var ErrFileName = errors.New("a control, separator or direction character in the file name; rename the file")

// CheckFileName returns an error, naming the file quoted (%q), when its name holds
// a character that yamldoc.Unsafe refuses in values.
func CheckFileName(name string) error {
	if _, bad := yamldoc.Unsafe(name, false); bad {
		return &fs.PathError{Op: "read", Path: fmt.Sprintf("%q", name), Err: ErrFileName}
	}
	return nil
}

// errLinkLoop reports symbolic links that lead back to a directory being walked.
var errLinkLoop = errors.New("symbolic links loop back to a directory above")

// dir walks the directory p, reached through links symbolic links on this branch,
// unless it is a directory the branch is already in.
func (w *walker) dir(p string, info fs.FileInfo, links int) error {
	id, ok := fileID(info)
	switch {
	case ok && w.seen[id], !ok && links > maxLinkDepth:
		return &fs.PathError{Op: "read", Path: p, Err: errLinkLoop}
	case ok:
		w.seen[id] = true
		defer delete(w.seen, id)
	}
	return w.walk(p, links)
}

// An identifier is a file system whose FileInfo can tell a directory's identity,
// for finding loops of links (a git tree gives the directory's resolved path).
type identifier interface{ FileID() any }

// fileID returns an identity of the file that info describes, if the file system
// gives one: the device and inode on Unix, or what an identifier says.
func fileID(info fs.FileInfo) (any, bool) {
	if i, ok := info.(identifier); ok {
		return i.FileID(), true
	}
	return sysFileID(info)
}
