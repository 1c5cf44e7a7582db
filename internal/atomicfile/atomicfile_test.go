package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// entries lists the names in dir, sorted.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, de := range des {
		names = append(names, de.Name())
	}
	slices.Sort(names)
	return names
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteFileCreates(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "report.xml")
	if err := WriteFile(name, []byte("<testsuites/>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, name); got != "<testsuites/>\n" {
		t.Errorf("content %q", got)
	}
	if diff := cmp.Diff([]string{"report.xml"}, entries(t, dir)); diff != "" {
		t.Errorf("directory (-want +got):\n%s", diff)
	}
	if runtime.GOOS != "windows" {
		info, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o644 {
			t.Errorf("mode %v, want 0644", info.Mode().Perm())
		}
	}
}

func TestWriteFileInWorkingDirectory(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := WriteFile("out.sarif", []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "out.sarif")); got != "{}" {
		t.Errorf("content %q", got)
	}
}

func TestWriteFileReplacesOnSuccess(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "gapcheck.sarif")
	if err := os.WriteFile(name, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(name, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, name); got != "new" {
		t.Errorf("content %q, want new", got)
	}
	if diff := cmp.Diff([]string{"gapcheck.sarif"}, entries(t, dir)); diff != "" {
		t.Errorf("directory (-want +got):\n%s", diff)
	}
}

// TestFailedWriteLeavesNothing: a write that fails half-way leaves no file and no
// temporary file, and an existing target keeps its old content.
func TestFailedWriteLeavesNothing(t *testing.T) {
	errRender := errors.New("render failed")
	halfThenFail := func(w io.Writer) error {
		if _, err := io.WriteString(w, "<testsuites><testsuite"); err != nil {
			return err
		}
		return errRender
	}

	t.Run("new file", func(t *testing.T) {
		dir := t.TempDir()
		name := filepath.Join(dir, "report.xml")
		if err := Write(name, 0o644, halfThenFail); !errors.Is(err, errRender) {
			t.Fatalf("got %v, want the writer's error", err)
		}
		if diff := cmp.Diff([]string{}, entries(t, dir)); diff != "" {
			t.Errorf("directory should be empty (-want +got):\n%s", diff)
		}
	})

	t.Run("existing file", func(t *testing.T) {
		dir := t.TempDir()
		name := filepath.Join(dir, "report.xml")
		if err := os.WriteFile(name, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := Write(name, 0o644, halfThenFail); !errors.Is(err, errRender) {
			t.Fatalf("got %v, want the writer's error", err)
		}
		if got := readFile(t, name); got != "old" {
			t.Errorf("target changed to %q", got)
		}
		if diff := cmp.Diff([]string{"report.xml"}, entries(t, dir)); diff != "" {
			t.Errorf("directory (-want +got):\n%s", diff)
		}
	})
}

// TestFailedRenameLeavesNoTemporaryFile: the content is complete but cannot take
// the target's place (the target is a non-empty directory).
func TestFailedRenameLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "out")
	if err := os.MkdirAll(filepath.Join(name, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(name, []byte("data"), 0o644)
	if err == nil || !strings.HasPrefix(err.Error(), "write "+name+": ") {
		t.Fatalf("got %v, want an error naming the target", err)
	}
	if diff := cmp.Diff([]string{"out"}, entries(t, dir)); diff != "" {
		t.Errorf("directory (-want +got):\n%s", diff)
	}
}

func TestMissingDirectory(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "no", "such", "dir", "out.sarif")
	err := WriteFile(name, []byte("data"), 0o644)
	want := "write " + name + ": no such file or directory"
	if runtime.GOOS == "windows" {
		want = "write " + name + ": "
	}
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("got %v, want %q", err, want)
	}
	if diff := cmp.Diff([]string{}, entries(t, dir)); diff != "" {
		t.Errorf("directory (-want +got):\n%s", diff)
	}
}
