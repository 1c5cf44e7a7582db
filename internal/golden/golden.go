// Package golden is the one golden-file helper of gapcheck's tests: compare output
// with a file under testdata, or rewrite the file with the -update flag
// (go test ./... -update), and find the module's root for tests that read the
// shipped files.
package golden

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// update is the one -update flag of every test binary that uses this package.
var update = flag.Bool("update", false, "rewrite the golden files instead of comparing with them")

// Updating reports whether the test run rewrites golden files.
func Updating() bool { return *update }

// Check compares got with the file at path, failing the test with a (-want +got)
// diff, or writes got to path with -update.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs; if the change is intended, run the test with -update (-want +got):\n%s", path, diff)
	}
}

// Root returns the module's root directory (where go.mod is), for tests that read
// the shipped profiles and policies.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's directory")
		}
		dir = parent
	}
}

// CheckSection compares got with the section called name of the archive golden
// file at path, or rewrites that section with -update (the other sections are
// kept). An archive has txtar's layout: each section starts with a line
// "-- NAME --", sections sorted by name. One archive holds the outputs of many
// tests, so that a change to the data they share changes one golden file, not
// many; tests that share an archive must not run in parallel.
func CheckSection(t testing.TB, path, name string, got string) {
	t.Helper()
	sections, err := readArchive(path)
	if err != nil && !(*update && errors.Is(err, fs.ErrNotExist)) {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !*update {
		want, ok := sections[name]
		if !ok {
			t.Fatalf("%s has no section %q (run the test with -update to add it)", path, name)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s, section %q, differs; if the change is intended, run the test with -update (-want +got):\n%s", path, name, diff)
		}
		return
	}
	if sections == nil {
		sections = map[string]string{}
	}
	if got != "" && !strings.HasSuffix(got, "\n") {
		got += "\n"
	}
	sections[name] = got
	var b strings.Builder
	for _, n := range slices.Sorted(maps.Keys(sections)) {
		fmt.Fprintf(&b, "-- %s --\n%s", n, sections[n])
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Section returns one section of an archive golden file (see CheckSection).
func Section(t testing.TB, path, name string) string {
	t.Helper()
	sections, err := readArchive(path)
	if err != nil {
		t.Fatal(err)
	}
	s, ok := sections[name]
	if !ok {
		t.Fatalf("%s has no section %q", path, name)
	}
	return s
}

func readArchive(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	var name string
	var cur strings.Builder
	for line := range strings.SplitAfterSeq(string(data), "\n") {
		if n, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), "-- "); ok && strings.HasSuffix(n, " --") {
			if name != "" {
				out[name] = cur.String()
			}
			name, cur = strings.TrimSuffix(n, " --"), strings.Builder{}
			continue
		}
		cur.WriteString(line)
	}
	if name != "" {
		out[name] = cur.String()
	}
	return out, nil
}
