// Command genprofiles writes N synthetic profiles (internal/profilegen) to a
// directory, for the benchmarks of scripts/bench.sh.
//
//	go run ./scripts/genprofiles -n 1000 -changes 20 DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gapcheck/gapcheck/internal/profilegen"
)

func main() {
	n := flag.Int("n", 1000, "number of profiles")
	changes := flag.Int("changes", 20, "dated changes per profile")
	asOf := flag.String("as-of", "2025-06-30", "the date the profiles are reviewed to")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: genprofiles [-n N] [-changes C] DIR")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "genprofiles:", err)
		os.Exit(1)
	}
	for i := range *n {
		name := filepath.Join(dir, fmt.Sprintf("gen-%05d.yaml", i))
		if err := os.WriteFile(name, profilegen.Profile(i, *changes, *asOf), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "genprofiles:", err)
			os.Exit(1)
		}
	}
}
