// Package gittest helps tests that build real git repositories: it isolates git
// from the user's and the system's configuration and runs git commands.
package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Isolate makes git ignore the user's and the system's configuration and gives
// commits a fixed identity and date, so that commit ids are the same every run. It
// skips the test when git is not installed.
func Isolate(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	for k, v := range map[string]string{
		"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1",
		"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_AUTHOR_DATE": "2016-03-01T12:00:00Z",
		"GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_COMMITTER_DATE": "2016-03-01T12:00:00Z",
		"GIT_CEILING_DIRECTORIES": filepath.Dir(t.TempDir()),
	} {
		t.Setenv(k, v)
	}
}

// Git runs git with args in dir and returns its trimmed output, failing the test
// on an error.
func Git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}
