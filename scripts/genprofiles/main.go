// Command genprofiles writes N synthetic profiles (internal/profilegen) to a
// directory, for the benchmarks of scripts/bench.sh and scripts/compare.sh; with
// -inputs DIR, also each profile's input document at its as_of (what the policies
// evaluate, as `gapcheck input` prints it, without the Data API's wrapper), for
// tools that evaluate the policies on their own (opa exec, conftest).
//
//	go run ./scripts/genprofiles -n 1000 -changes 20 [-inputs INPUTS] DIR
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/profilegen"
)

func main() {
	n := flag.Int("n", 1000, "number of profiles")
	changes := flag.Int("changes", 20, "dated changes per profile")
	asOf := flag.String("as-of", "2025-06-30", "the date the profiles are reviewed to")
	inputs := flag.String("inputs", "", "also write each profile's input document to this directory")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: genprofiles [-n N] [-changes C] [-inputs DIR] DIR")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *inputs, *n, *changes, *asOf); err != nil {
		fmt.Fprintln(os.Stderr, "genprofiles:", err)
		os.Exit(1)
	}
}

func run(dir, inputs string, n, changes int, asOf string) error {
	for _, d := range []string{dir, inputs} {
		if d == "" {
			continue
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	loader, err := checker.NewLoader()
	if err != nil {
		return err
	}
	for i := range n {
		name := fmt.Sprintf("gen-%05d", i)
		src := profilegen.Profile(i, changes, asOf)
		if err := os.WriteFile(filepath.Join(dir, name+".yaml"), src, 0o644); err != nil {
			return err
		}
		if inputs == "" {
			continue
		}
		p, err := loader.Load(name+".yaml", bytes.NewReader(src))
		if err != nil {
			return err
		}
		doc, err := json.Marshal(p.At(p.AsOf))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(inputs, name+".json"), doc, 0o644); err != nil {
			return err
		}
	}
	return nil
}
