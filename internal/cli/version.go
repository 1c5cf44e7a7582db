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

// toolVersion is gapcheck's version: Version if set at build time, else the module
// version from the build information, else "(devel)".
func toolVersion() string {
	if Version != "" {
		return Version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

func versionString() string {
	return fmt.Sprintf("gapcheck %s (OPA %s, %s)", toolVersion(), version.Version, runtime.Version())
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
