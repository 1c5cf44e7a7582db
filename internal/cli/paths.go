package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// profileFiles expands paths (files, or directories searched recursively for *.yaml
// and *.yml, skipping hidden entries) into a sorted list of distinct files. A path
// that does not exist, a profile in a directory that is not a regular file once
// links are followed (a FIFO or a device, which could block or never end), and a
// directory with no profile, are errors. A file named as a path is read whatever it
// is, as cat would: gapcheck validate <(git show HEAD:profiles/belgium.yaml).
func profileFiles(paths []string) ([]string, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("no profile given: want one or more profile files or directories")
	}
	seen := map[string]bool{}
	var files []string
	add := func(p string) {
		p = filepath.Clean(p)
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		if p == "" {
			return nil, errors.New("an empty path was given: want a profile file or directory")
		}
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, unwrapPathError(err))
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		before := len(files)
		root := p
		if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			root = p + string(filepath.Separator) // WalkDir does not follow a root that is a link
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("read %s: %w", path, unwrapPathError(err))
			}
			if path != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !(strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
				return nil
			}
			if !d.Type().IsRegular() {
				// A symbolic link is followed; a FIFO or a device would block or
				// never end, so only regular files are read.
				info, err := os.Stat(path)
				if err != nil {
					return fmt.Errorf("read %s: %w", path, unwrapPathError(err))
				}
				if !info.Mode().IsRegular() {
					return fmt.Errorf("read %s: not a regular file", path)
				}
			}
			add(path)
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(files) == before {
			return nil, fmt.Errorf("%s: %w: want *.yaml or *.yml files in it", p, checker.ErrNoProfiles)
		}
	}
	sort.Strings(files)
	return files, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// loadProfiles loads and validates every file, and checks that no two profiles are
// about the same state. All problems are reported together.
func loadProfiles(ctx context.Context, files []string) ([]*checker.Profile, error) {
	loader, err := checker.NewLoader()
	if err != nil {
		return nil, err
	}
	profiles := make([]*checker.Profile, 0, len(files))
	var errs []error
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p, err := loadFile(loader, f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		profiles = append(profiles, p)
	}
	if len(errs) == 0 {
		if err := checker.CheckDistinct(profiles); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, &ExitError{Code: ExitInvalid, Err: err}
	}
	return profiles, nil
}

func loadFile(loader *checker.Loader, name string) (*checker.Profile, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, unwrapPathError(err))
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, fmt.Errorf("open %s: is a directory", name)
	}
	return loader.Load(filepath.ToSlash(name), f)
}
