// Command parsefloor reads and YAML-parses every *.yaml file of a directory, on as
// many goroutines as there are CPUs, and does nothing else: the floor under any
// tool that reads the same profiles (scripts/compare.sh).
//
//	go run ./scripts/parsefloor DIR
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"go.yaml.in/yaml/v3"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: parsefloor DIR")
		os.Exit(2)
	}
	files, err := filepath.Glob(filepath.Join(os.Args[1], "*.yaml"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "parsefloor:", err)
		os.Exit(1)
	}
	next := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failed error
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for f := range next {
				b, err := os.ReadFile(f)
				var n yaml.Node
				if err == nil {
					err = yaml.Unmarshal(b, &n)
				}
				if err != nil {
					mu.Lock()
					failed = err
					mu.Unlock()
				}
			}
		})
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	if failed != nil {
		fmt.Fprintln(os.Stderr, "parsefloor:", failed)
		os.Exit(1)
	}
	fmt.Printf("%d files parsed\n", len(files))
}
