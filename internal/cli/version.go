package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/open-policy-agent/opa/v1/version"
	"github.com/spf13/cobra"
)

// Version is set at build time with -ldflags "-X github.com/gapcheck/gapcheck/internal/cli.Version=v1.2.3";
// otherwise it comes from the module's build information.
var Version = ""

func versionString() string {
	v := Version
	if v == "" {
		v = "(devel)"
		if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
			v = info.Main.Version
		}
	}
	return fmt.Sprintf("gapcheck %s (OPA %s, %s)", v, version.Version, runtime.Version())
}

func newVersionCmd(streams IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of gapcheck and of the OPA it embeds",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintln(streams.Out, versionString())
			return err
		},
	}
}
