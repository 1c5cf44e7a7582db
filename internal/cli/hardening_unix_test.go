//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// mkfifo makes a FIFO at path. Should gapcheck open it for reading, which blocks
// until a writer comes, a writer comes every two seconds, so that the test fails
// on the message instead of hanging.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	tick, done := time.NewTicker(2*time.Second), make(chan struct{})
	go func() {
		for {
			select {
			case <-tick.C:
				if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					f.Close()
				}
			case <-done:
				return
			}
		}
	}()
	t.Cleanup(func() { tick.Stop(); close(done) })
}
