package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer safe for one writer and one reader at a time.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor polls until cond holds, failing the test after a generous time (the
// machine may be busy).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stillAfter checks that cond stays true for a while: no run started late.
func stillAfter(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	time.Sleep(d)
	if !cond() {
		t.Errorf("%s", what)
	}
}

// TestWatchRunsOnChanges drives a watch with real file changes: one run for a
// change, one for a burst of changes, none for a file it does not read or one the
// run writes itself, the screen cleared on a terminal, and a clean end when the
// context ends.
func TestWatchRunsOnChanges(t *testing.T) {
	dir := t.TempDir()
	profile := filepath.Join(dir, "profiles/belgium.yaml")
	writeFile(t, profile, "a: 1\n")
	writeFile(t, filepath.Join(dir, "waivers.yaml"), "waivers: []\n")
	var out, errOut syncBuffer
	streams := IOStreams{Out: &out, ErrOut: &errOut, OutIsTTY: true, Getenv: func(string) string { return "" }}
	var mu sync.Mutex
	runs := 0
	count := func() int { mu.Lock(); defer mu.Unlock(); return runs }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- watch(ctx, streams, []string{filepath.Join(dir, "profiles"), filepath.Join(dir, "waivers.yaml")}, []string{filepath.Join(dir, "profiles/report.json")},
			func(context.Context) error {
				mu.Lock()
				runs++
				mu.Unlock()
				_, err := out.Write([]byte("run\n"))
				return err
			})
	}()
	waitFor(t, "the first run", func() bool { return count() == 1 })

	writeFile(t, profile, "a: 2\n")
	waitFor(t, "a run after a change", func() bool { return count() == 2 })

	for i := range 5 { // a burst: one run
		writeFile(t, profile, strings.Repeat("a: 3\n", i+1))
	}
	waitFor(t, "a run after a burst of changes", func() bool { return count() == 3 })
	stillAfter(t, "a burst of changes ran more than once", time.Second, func() bool { return count() == 3 })

	writeFile(t, filepath.Join(dir, "waivers.yaml"), "waivers: [] # edited\n")
	waitFor(t, "a run after the waivers changed", func() bool { return count() == 4 })

	writeFile(t, filepath.Join(dir, "profiles/notes.txt"), "not a profile\n")
	writeFile(t, filepath.Join(dir, "profiles/report.json"), "{}\n") // what the run writes
	writeFile(t, filepath.Join(dir, "elsewhere.yaml"), "a: 1\n")
	stillAfter(t, "a file the run does not read, or writes itself, started a run", time.Second, func() bool { return count() == 4 })

	// A directory that appears is watched too.
	writeFile(t, filepath.Join(dir, "profiles/new/france.yaml"), "a: 1\n")
	waitFor(t, "a run after a new directory", func() bool { return count() == 5 })
	writeFile(t, filepath.Join(dir, "profiles/new/france.yaml"), "a: 2\n")
	waitFor(t, "a run after a change in the new directory", func() bool { return count() == 6 })

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("a watch ended by its context: %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the watch did not end with its context")
	}
	if got, want := out.String(), strings.Repeat(clearScreen+"run\n", 6); got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	if got := strings.Count(errOut.String(), "gapcheck: exit 0; watching 2 paths for changes (Ctrl-C to stop)\n"); got != 6 {
		t.Errorf("stderr:\n%s", errOut.String())
	}
}

// TestWatchWithoutPolicies: the embedded policies never change, so test --watch
// needs policies on disk.
func TestWatchWithoutPolicies(t *testing.T) {
	got := run(t, t.TempDir(), nil, "test", "--watch")
	if got.code != ExitInvalid || got.stderr != "gapcheck: --watch: the embedded policies do not change: run in a checkout, or give the directories to test\n" {
		t.Errorf("exit %d, stderr %q", got.code, got.stderr)
	}
}
