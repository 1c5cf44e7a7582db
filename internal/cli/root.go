// Package cli wires gapcheck's commands: cobra for the command line, internal/config
// for settings, the checker library for the work, internal/render for output. Each
// command parses its flags into an options struct and hands it to a run function;
// nothing here calls os.Exit: errors travel up to Main, which maps them to exit codes.
package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/internal/config"
)

// Main runs gapcheck with args (without the program name) and returns the exit code.
func Main(args []string, streams IOStreams) int {
	cmd := NewRootCmd(streams)
	cmd.SetArgs(args)
	return exitCode(cmd.Execute(), streams.ErrOut)
}

// globalOptions are the flags every command has.
type globalOptions struct {
	configFile string
	noColor    bool
}

// NewRootCmd builds the command tree. The root command is `check`.
func NewRootCmd(streams IOStreams) *cobra.Command {
	g := &globalOptions{}
	check := &checkOptions{streams: streams, global: g}
	root := &cobra.Command{
		Use:   "gapcheck [flags] PATH...",
		Short: "Report which agreed counter-terrorism information-sharing measures each European state has in place",
		Long: `gapcheck evaluates sourced state profiles (YAML, one per state) against a catalogue
of recommendations written as OPA Rego policies, and reports for each state what is
met, partial, a gap, unknown (no source says) or not applicable (the state is not
bound), with the legal basis and the sources of every fact.

PATH is a profile file or a directory of profiles (*.yaml, *.yml, searched
recursively). "gapcheck PATH..." is short for "gapcheck check PATH...".

Settings come from flags, then GAPCHECK_* environment variables (GAPCHECK_FORMAT,
GAPCHECK_FAIL_ON, ...), then .gapcheck.yaml in the working directory (or --config),
then defaults.

` + exitCodesHelp,
		Example: `  gapcheck profiles/belgium.yaml          # one state's gap report
  gapcheck profiles/                       # every state, and the EU-wide matrix
  gapcheck --format json profiles/ > report.json
  gapcheck --fail-on critical profiles/    # fail only on critical gaps
  gapcheck --policy ./my-policies profiles/belgium.yaml`,
		Args:              cobra.ArbitraryArgs,
		SilenceUsage:      true,
		SilenceErrors:     true,
		DisableAutoGenTag: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return applyConfig(cmd, g)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			check.paths = args
			return runCheck(cmd.Context(), check)
		},
	}
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &ExitError{Code: ExitInvalid, Err: fmt.Errorf("%w (see gapcheck --help)", err)}
	})
	root.PersistentFlags().StringVar(&g.configFile, "config", "", "config file (default "+config.DefaultFile+" in the working directory, if present)")
	root.PersistentFlags().BoolVar(&g.noColor, "no-color", false, "no colours in table output (NO_COLOR is honoured too)")
	addCheckFlags(root, check)

	root.AddCommand(
		newCheckCmd(streams, g),
		newValidateCmd(streams, g),
		newVersionCmd(streams),
	)
	return root
}

// applyConfig fills the flags the user did not set from GAPCHECK_* variables and
// the config file.
func applyConfig(cmd *cobra.Command, g *globalOptions) error {
	path, explicit := config.DefaultFile, false
	if g.configFile != "" {
		path, explicit = g.configFile, true
	}
	if err := config.Apply(cmd.Flags(), path, explicit); err != nil {
		return &ExitError{Code: ExitInvalid, Err: err}
	}
	return nil
}
