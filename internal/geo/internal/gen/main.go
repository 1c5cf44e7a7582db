// Command gen writes europe_gen.go, the map of package geo, from the TopoJSON in
// data/. Package geo runs it with go generate, in its own directory:
//
//	go run ./internal/gen [-in data/countries-50m.json] [-out europe_gen.go]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/gapcheck/gapcheck/internal/atomicfile"
	"github.com/gapcheck/gapcheck/internal/geo/internal/mapgen"
)

func main() {
	in := flag.String("in", "data/countries-50m.json", "the TopoJSON input")
	out := flag.String("out", "europe_gen.go", "the Go file to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return fmt.Errorf("read input: %w", err)
	}
	src, err := mapgen.Generate(data)
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(out, src, 0o644)
}
