// Package atomicfile writes files so that a reader sees either the old content or
// the complete new content, never a half-written file.
//
// The data goes to a temporary file in the target's directory, which is flushed to
// disk (fsync), closed and renamed over the target; the directory is then synced so
// that the rename survives a crash. A rename within one directory is atomic on
// POSIX file systems. On any error the temporary file is removed and the target is
// left as it was: absent, or with its old content.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// temporary holds the temporary files being written, so that a process ended by
// a signal in the middle of a write removes them (RemoveTemporary).
var temporary struct {
	sync.Mutex
	names map[string]bool
}

// createTracked creates a temporary file and tracks it, under the lock that
// RemoveTemporary takes: a signal between the two cannot leave it behind.
func createTracked(dir, pattern string) (*os.File, error) {
	temporary.Lock()
	defer temporary.Unlock()
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	if temporary.names == nil {
		temporary.names = map[string]bool{}
	}
	temporary.names[f.Name()] = true
	return f, nil
}

func track(name string, on bool) {
	temporary.Lock()
	defer temporary.Unlock()
	if temporary.names == nil {
		temporary.names = map[string]bool{}
	}
	if on {
		temporary.names[name] = true
	} else {
		delete(temporary.names, name)
	}
}

// RemoveTemporary removes the temporary files of the writes under way. A process
// that exits in the middle of a write (on a second interrupt, or a watchdog)
// calls it first, so that it leaves no .NAME.tmp-* file behind; the targets are
// left as they were.
func RemoveTemporary() {
	temporary.Lock()
	defer temporary.Unlock()
	for name := range temporary.names {
		os.Remove(name)
		delete(temporary.names, name)
	}
}

// WriteFile writes data to the file name atomically, creating it with permissions
// perm (not reduced by the umask) or replacing it.
func WriteFile(name string, data []byte, perm os.FileMode) error {
	return Write(name, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write writes the file name atomically with the content that write produces. If
// write returns an error, nothing is left behind and that error is returned.
//
// A symbolic link at name is replaced by a regular file, not followed.
func Write(name string, perm os.FileMode, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	tmp, err := createTracked(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, unwrapPathError(err))
	}
	defer func() {
		if err != nil {
			tmp.Close() // already closed on the success path; a second close only errors
			os.Remove(tmp.Name())
		}
		track(tmp.Name(), false)
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", name, unwrapPathError(err))
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", name, unwrapPathError(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, unwrapPathError(err))
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("write %s: %w", name, unwrapLinkError(err))
	}
	syncDir(dir)
	return nil
}

// A Pending is a file being written atomically (Create): written through its
// Writer, then Commit renames it over the target, or Abort removes it.
type Pending struct {
	name, dir string
	perm      os.FileMode
	tmp       *os.File
}

// Create starts writing the file name atomically, as Write does, for a caller
// that writes it piece by piece. The temporary file is removed on a signal
// (RemoveTemporary) as Write's is.
func Create(name string, perm os.FileMode) (*Pending, error) {
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	tmp, err := createTracked(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", name, unwrapPathError(err))
	}
	return &Pending{name: name, dir: dir, perm: perm, tmp: tmp}, nil
}

// Writer is where the content goes.
func (p *Pending) Writer() io.Writer { return p.tmp }

// Commit makes the content the file's: synced, closed and renamed over it.
func (p *Pending) Commit() (err error) {
	defer func() {
		if err != nil {
			p.Abort()
		}
		track(p.tmp.Name(), false)
	}()
	if err := p.tmp.Chmod(p.perm); err != nil {
		return fmt.Errorf("write %s: %w", p.name, unwrapPathError(err))
	}
	if err := p.tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", p.name, unwrapPathError(err))
	}
	if err := p.tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", p.name, unwrapPathError(err))
	}
	if err := os.Rename(p.tmp.Name(), p.name); err != nil {
		return fmt.Errorf("write %s: %w", p.name, unwrapLinkError(err))
	}
	syncDir(p.dir)
	return nil
}

// Abort removes the temporary file and leaves the target as it was.
func (p *Pending) Abort() {
	p.tmp.Close()
	os.Remove(p.tmp.Name())
	track(p.tmp.Name(), false)
}

// Spool is a temporary file for content to be copied elsewhere when complete
// (standard output, once a run has succeeded): removed on a signal, and by the
// caller when done.
func Spool() (*os.File, error) {
	f, err := createTracked("", "gapcheck-spool-*")
	if err != nil {
		return nil, fmt.Errorf("create a temporary file: %w", err)
	}
	return f, nil
}

// RemoveSpool closes and removes a spool.
func RemoveSpool(f *os.File) {
	f.Close()
	os.Remove(f.Name())
	track(f.Name(), false)
}

// Probe checks that a file can be created in dir: it creates one and removes it,
// tracked as the temporary files are, so that a signal in between leaves nothing.
func Probe(dir string) error {
	f, err := createTracked(dir, ".gapcheck-probe-*")
	if err != nil {
		return err
	}
	f.Close()
	os.Remove(f.Name())
	track(f.Name(), false)
	return nil
}

// syncDir makes a rename in dir durable. Errors are ignored: the file is complete
// either way, and some systems (Windows) cannot sync a directory.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}

// unwrapPathError drops the *os.PathError wrapper, whose path would name the
// temporary file rather than the target.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func unwrapLinkError(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
