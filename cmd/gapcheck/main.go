// Command gapcheck reports, for each European state, which agreed counter-terrorism
// information-sharing measures it has in place. See README.md.
package main

import (
	"os"

	"github.com/gapcheck/gapcheck/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.System()))
}
