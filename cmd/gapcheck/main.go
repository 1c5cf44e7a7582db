// Command gapcheck reports, for each European state, which agreed counter-terrorism
// information-sharing measures it has in place. See README.md.
package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/gapcheck/gapcheck/internal/cli"
)

func main() {
	// Catching SIGPIPE makes a write to a closed stdout (gapcheck profiles/ | head)
	// fail with EPIPE, which cli.Main ends quietly, after its clean-up, instead of
	// killing the process. Unlike signal.Ignore, it leaves SIGPIPE at its default in
	// the commands gapcheck runs (git).
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	os.Exit(cli.Main(os.Args[1:], cli.System()))
}
