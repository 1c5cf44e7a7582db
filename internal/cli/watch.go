package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/gapcheck/gapcheck/checker"
)

// watchDebounce is how long a watch waits after a change for the next one before
// it runs again: an editor's save is often several writes, a checkout many.
const watchDebounce = 150 * time.Millisecond

// clearScreen moves the cursor home and clears a terminal.
const clearScreen = "\x1b[H\x1b[2J"

// watchedExt are the files whose change starts a new run: policies, their data,
// profiles, waivers and config.
var watchedExt = []string{".rego", ".yaml", ".yml", ".json"}

// A watcher re-runs a command whenever a file it reads changes.
type watcher struct {
	streams  IOStreams
	debounce time.Duration
	w        *fsnotify.Watcher
	files    map[string]bool // files watched through their directory
	trees    map[string]bool // directories watched with every directory below them
	ignore   map[string]bool // files the run writes itself (--output)
}

// watch runs once, then again after every change of a file under paths (a file,
// or a directory and everything below it) until ctx ends (Ctrl-C), which is a
// clean end: nil. A run's error is printed as gapcheck prints it, with its exit
// code, and the watch goes on. On a terminal the screen is cleared before each
// run. ignore are files a run writes, whose changes start nothing.
func watch(ctx context.Context, streams IOStreams, paths, ignore []string, run func(context.Context) error) error {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	defer fw.Close()
	wt := &watcher{streams: streams, debounce: watchDebounce, w: fw, files: map[string]bool{}, trees: map[string]bool{}, ignore: map[string]bool{}}
	for _, f := range ignore {
		if abs, err := filepath.Abs(f); err == nil {
			wt.ignore[abs] = true
		}
	}
	for _, p := range paths {
		if err := wt.add(p); err != nil {
			return fmt.Errorf("watch %s: %w", p, unwrapPathError(err))
		}
	}
	for {
		if streams.OutIsTTY {
			if _, err := fmt.Fprint(streams.Out, clearScreen); err != nil {
				return err
			}
		}
		err := run(ctx)
		if ctx.Err() != nil {
			return nil
		}
		code := exitCode(err, streams.ErrOut)
		if code == ExitBrokenPipe {
			return err
		}
		if _, err := fmt.Fprintf(streams.ErrOut, "gapcheck: exit %d; watching %s for changes (Ctrl-C to stop)\n", code, wt.what()); err != nil {
			return err
		}
		if !wt.wait(ctx) {
			return nil
		}
	}
}

// add watches a file (through its directory, as editors replace files by
// renaming) or a directory and every directory below it.
func (wt *watcher) add(p string) error {
	abs, err := filepath.Abs(p)
	if err != nil {
		return err
	}
	info, err := os.Stat(abs)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		wt.files[abs] = true
		return wt.w.Add(filepath.Dir(abs))
	}
	wt.trees[abs] = true
	return wt.addTree(abs)
}

// addTree watches dir and the directories below it, but not hidden ones (.git).
func (wt *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		return wt.w.Add(p)
	})
}

// what says what is watched.
func (wt *watcher) what() string {
	n := len(wt.files) + len(wt.trees)
	if n == 1 {
		return "1 path"
	}
	return fmt.Sprintf("%d paths", n)
}

// relevant reports whether an event changes what a run reads, and watches a
// directory that appeared in a watched tree.
func (wt *watcher) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod || wt.ignore[ev.Name] {
		return false
	}
	if wt.files[ev.Name] {
		return true
	}
	if !wt.inTree(ev.Name) {
		return false
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() && !strings.HasPrefix(filepath.Base(ev.Name), ".") {
			_ = wt.addTree(ev.Name)
			return true
		}
	}
	return slices.Contains(watchedExt, filepath.Ext(ev.Name))
}

// inTree reports whether a file is below a watched directory.
func (wt *watcher) inTree(name string) bool {
	for dir := range wt.trees {
		if strings.HasPrefix(name, dir+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// wait blocks until a relevant change, then until no change has come for the
// debounce time; false when ctx ended first.
func (wt *watcher) wait(ctx context.Context) bool {
	var quiet <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return false
		case ev, ok := <-wt.w.Events:
			if !ok {
				return false
			}
			if wt.relevant(ev) {
				quiet = time.After(wt.debounce)
			}
		case err, ok := <-wt.w.Errors:
			if !ok {
				return false
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) { // changes were lost: run again
				quiet = time.After(wt.debounce)
				continue
			}
			_ = warnf(wt.streams.ErrOut, "watch: %v", err)
		case <-quiet:
			return true
		}
	}
}

// policyPaths are the directories on disk of a policy set (the embedded bundle
// has none), to watch.
func policyPaths(set *checker.PolicySet) []string {
	var out []string
	for _, l := range set.Layers {
		if l.Dir != "" {
			out = append(out, filepath.FromSlash(l.Dir))
		}
	}
	return out
}
