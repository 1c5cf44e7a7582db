// Command gapcheck reports, for each European state, which agreed counter-terrorism
// information-sharing measures it has in place. See README.md.
package main

import (
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/gapcheck/gapcheck/internal/cli"
)

func main() {
	// Catching SIGPIPE makes a write to a closed stdout (gapcheck profiles/ | head)
	// fail with EPIPE, which cli.Main ends quietly, after its clean-up, instead of
	// killing the process. Unlike signal.Ignore, it leaves SIGPIPE at its default in
	// the commands gapcheck runs (git).
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	// A run is short and allocates much that dies young (one policy evaluation per
	// profile and date): collect garbage at four times the live heap rather than
	// twice, unless GOGC says otherwise. Measured with scripts/bench.sh.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(cli.Main(os.Args[1:], cli.System()))
}
