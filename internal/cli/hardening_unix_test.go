//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"runtime"
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

// TestFIFOInPolicyDirAndConfig checks that a FIFO where gapcheck reads files it
// was not named (a .rego in a --policy directory, the implicit .gapcheck.yaml) is
// an error, not a hang.
func TestFIFOInPolicyDirAndConfig(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	mkfifo(t, filepath.Join(dir, "pol", "x.rego"))
	got := run(t, dir, nil, "--policy", "pol", "belgium.yaml")
	if want := "gapcheck: load policies: read policy pol/x.rego: not a regular file\n"; got.code != 2 || got.stderr != want {
		t.Errorf("policy FIFO: exit %d, stderr %q, want 2, %q", got.code, got.stderr, want)
	}
	mkfifo(t, filepath.Join(dir, ".gapcheck.yaml"))
	got = run(t, dir, nil, "belgium.yaml")
	if want := "gapcheck: read config .gapcheck.yaml: not a regular file\n"; got.code != 2 || got.stderr != want {
		t.Errorf("config FIFO: exit %d, stderr %q, want 2, %q", got.code, got.stderr, want)
	}
}

// mkdevice makes a character device like /dev/full (1, 7) at path, when the test
// runs as root on Linux, and reports whether it did.
func mkdevice(path string) bool {
	if os.Geteuid() != 0 || runtime.GOOS != "linux" {
		return false
	}
	return syscall.Mknod(path, syscall.S_IFCHR|0o666, 1<<8|7) == nil
}
