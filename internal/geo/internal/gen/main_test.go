package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedOutputIsUpToDate regenerates the map from the committed TopoJSON,
// twice, into a temporary directory, and compares the bytes with each other and
// with the committed europe_gen.go.
func TestCommittedOutputIsUpToDate(t *testing.T) {
	dir := t.TempDir()
	var outs [][]byte
	for _, name := range []string{"a.go", "b.go"} {
		out := filepath.Join(dir, name)
		if err := run("../../data/countries-50m.json", out); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Fatal("two runs of the generator give different bytes")
	}
	committed, err := os.ReadFile("../../europe_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(outs[0], committed) {
		t.Error("internal/geo/europe_gen.go is not what the generator writes: run go generate ./internal/geo")
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"type":"Topology","arcs":[],"objects":{}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, in, want string }{
		{"missing input", filepath.Join(dir, "none.json"), "read input: open " + filepath.Join(dir, "none.json") + ": no such file or directory"},
		{"no countries", bad, `build map: topology has no object "countries"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, "out.go")
			err := run(tt.in, out)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %q", err, tt.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("output written despite the error: %v", err)
			}
		})
	}
}
