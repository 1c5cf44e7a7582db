//go:build unix

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startGapcheck runs gapcheck (this test binary, as TestMain makes it) in dir as
// a process of its own, with its output in buffers.
func startGapcheck(t *testing.T, dir string, args ...string) (cmd *exec.Cmd, stdout, stderr *syncBuffer) {
	t.Helper()
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	cmd = exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() { // none of the machine's settings
		if !strings.HasPrefix(kv, "GAPCHECK_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, mainEnv+"=1")
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	return cmd, stdout, stderr
}

// interrupt sends Ctrl-C's signal and returns the exit code.
func interrupt(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("gapcheck did not end on SIGINT")
	}
	return cmd.ProcessState.ExitCode()
}

// TestWatchCommands drives check --watch and test --watch, the real commands in a
// process of their own, with real changes of a profile and of a policy, and ends
// them with Ctrl-C: exit 0.
func TestWatchCommands(t *testing.T) {
	dir := authorFixtures(t)
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	runs := func(b *syncBuffer, code string) int {
		return strings.Count(b.String(), "gapcheck: exit "+code+"; watching ")
	}

	cmd, stdout, stderr := startGapcheck(t, dir, "check", "--watch", "--fail-on", "never", "-p", "ok", "belgium.yaml")
	waitFor(t, "the first check", func() bool { return runs(stderr, "0") == 1 })
	if !strings.Contains(stdout.String(), "demo-thing") || strings.Contains(stdout.String(), clearScreen) {
		t.Errorf("first check, not on a terminal:\n%s", stdout.String())
	}
	edit(t, filepath.Join(dir, "belgium.yaml"), "status: authorised", "status: maybe")
	waitFor(t, "a check of the broken profile", func() bool { return runs(stderr, "2") == 1 })
	if !strings.Contains(stderr.String(), "gapcheck: belgium.yaml:76:13: prum.fingerprints.status: invalid value \"maybe\"") {
		t.Errorf("the profile's error is not printed:\n%s", stderr.String())
	}
	edit(t, filepath.Join(dir, "belgium.yaml"), "status: maybe", "status: authorised")
	waitFor(t, "a check of the repaired profile", func() bool { return runs(stderr, "0") == 2 })
	edit(t, filepath.Join(dir, "ok/gapcheck/rules/demo/thing/thing.rego"), `"message": "ok"`, `"message": "changed"`)
	waitFor(t, "a check with the changed policy", func() bool { return runs(stderr, "0") == 3 })
	if !strings.Contains(stdout.String(), "changed") {
		t.Errorf("the changed policy was not evaluated:\n%s", stdout.String())
	}
	if code := interrupt(t, cmd); code != 0 {
		t.Errorf("check --watch ended by Ctrl-C: exit %d, want 0; stderr:\n%s", code, stderr.String())
	}

	cmd, stdout, stderr = startGapcheck(t, dir, "test", "--watch", "ok")
	waitFor(t, "the first test run", func() bool { return runs(stderr, "0") == 1 })
	writeFile(t, filepath.Join(dir, "ok/gapcheck/rules/demo/thing/thing_test.rego"), fxTests+fxFailingTest)
	waitFor(t, "a test run with a failing test", func() bool { return runs(stderr, "1") == 1 })
	if !strings.Contains(stdout.String(), "test_double_wrong: FAIL") {
		t.Errorf("the failing test is not reported:\n%s", stdout.String())
	}
	if code := interrupt(t, cmd); code != 0 {
		t.Errorf("test --watch ended by Ctrl-C: exit %d, want 0", code)
	}
}
