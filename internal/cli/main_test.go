package cli

import (
	"os"
	"testing"
)

// mainEnv makes the test binary run gapcheck itself (Main with the process's
// arguments and streams), so that a test can run it as a process of its own and
// send it signals.
const mainEnv = "GAPCHECK_CLI_TEST_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) == "1" {
		os.Exit(Main(os.Args[1:], System()))
	}
	os.Exit(m.Run())
}
