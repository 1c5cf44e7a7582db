package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/gapcheck/gapcheck/checker"
)

// profileFiles expands paths into a sorted list of distinct files: a directory by
// checker.FindProfiles (the one rule for what a profile is, which diff uses too),
// a file named on the command line as it is, whatever it is, as cat would read it:
// gapcheck validate <(git show HEAD:profiles/belgium.yaml). A path that does not
// exist is an error.
func profileFiles(paths []string) ([]string, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("no profile given: want one or more profile files or directories")
	}
	var files []string
	for _, p := range paths {
		if p == "" {
			return nil, errors.New("an empty path was given: want a profile file or directory")
		}
		if err := checker.CheckFileName(p); err != nil {
			return nil, err
		}
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, unwrapPathError(err))
		}
		if !info.IsDir() {
			files = append(files, filepath.Clean(p))
			continue
		}
		found, err := checker.FindProfiles(os.DirFS(p), ".")
		if errors.Is(err, checker.ErrNoProfiles) {
			return nil, fmt.Errorf("%s: %w: want *.yaml or *.yml files in it", p, checker.ErrNoProfiles)
		}
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("read %s: %w", filepath.Join(p, pe.Path), pe.Err)
			}
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		for _, f := range found {
			files = append(files, filepath.Join(p, filepath.FromSlash(f)))
		}
	}
	slices.Sort(files)
	return slices.Compact(files), nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// loadProfiles loads and validates every file, on as many goroutines as there are
// CPUs, and checks that no two profiles are about the same state. All problems are
// reported together, in the order of files.
func loadProfiles(ctx context.Context, files []string) ([]*checker.Profile, error) {
	loader, err := checker.NewLoader()
	if err != nil {
		return nil, err
	}
	loaded := make([]*checker.Profile, len(files))
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := range next {
				loaded[i], errs[i] = loadFile(loader, files[i])
			}
		})
	}
feed:
	for i := range files {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := checker.CheckDistinct(loaded); err != nil {
		return nil, err
	}
	return loaded, nil
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
