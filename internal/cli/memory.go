package cli

import (
	"fmt"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gapcheck/gapcheck/internal/atomicfile"
)

// defaultMaxMemory is the heap a run may use: far above what the shipped profiles
// need (tens of MiB), far below what takes a CI machine down.
const defaultMaxMemory = "4GiB"

// parseSize parses a size such as 512MiB, 4GiB, 1G or 1048576 (bytes).
func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"T", 1 << 40}, {"B", 1}}
	num, mult := s, int64(1)
	for _, u := range units {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			num, mult = rest, u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("--max-memory %s: want a size such as 512MiB or 4GiB", s)
	}
	return n * mult, nil
}

var watchOnce sync.Once

// watchMemory bounds the memory of the process: the garbage collector works
// harder as the heap nears the limit (debug.SetMemoryLimit, at 80% of it), and a
// watchdog that samples the heap every 10 ms ends the run with exit 2 and one line
// on stderr when it passes the limit, after removing the temporary files of
// writes under way. OPA cannot interrupt a builtin working on a large value
// (yaml.marshal of a million items): the watchdog does not need it to. It runs
// only in the real process (streams.Exit set), once.
func watchMemory(size string, streams IOStreams) error {
	limit, err := parseSize(size)
	if err != nil {
		return err
	}
	if streams.Exit == nil {
		return nil
	}
	watchOnce.Do(func() {
		debug.SetMemoryLimit(limit / 5 * 4)
		go func() {
			sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
			tick := time.NewTicker(10 * time.Millisecond)
			defer tick.Stop()
			for range tick.C {
				metrics.Read(sample)
				if int64(sample[0].Value.Uint64()) > limit {
					atomicfile.RemoveTemporary()
					fmt.Fprintf(streams.ErrOut, "gapcheck: the run's memory grew past the limit of %s (--max-memory): a policy built too large a value; nothing was judged\n", size)
					streams.Exit(ExitInvalid)
					return
				}
			}
		}()
	})
	return nil
}
