package cli

import (
	"context"
	"fmt"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/spf13/cobra"
)

type validateOptions struct {
	streams IOStreams
	paths   []string
}

func newValidateCmd(streams IOStreams, _ *globalOptions) *cobra.Command {
	o := &validateOptions{streams: streams}
	return &cobra.Command{
		Use:   "validate PATH...",
		Short: "Check profiles against the schema and the source rules, without evaluating policies",
		Long: `Check that each profile is well-formed YAML, valid against profiles/profile.schema.json,
names a real ISO 3166-1 country, cites only declared sources and declares only cited
ones, and that no two profiles are about the same state. No policy runs (its output
says so): it is fast, for editors and pre-commit hooks. Exit 0 when all are valid, 2
otherwise.`,
		Example: `  gapcheck validate profiles/
  gapcheck validate profiles/belgium.yaml profiles/france.yaml`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.paths = args
			return runValidate(cmd.Context(), o)
		},
	}
}

func runValidate(ctx context.Context, o *validateOptions) error {
	files, err := profileFiles(o.paths)
	if err != nil {
		return err
	}
	loader, err := checker.NewLoader()
	if err != nil {
		return err
	}
	// Each profile is dropped once validated: memory stays flat in their number.
	n := 0
	err = checker.LoadStream(ctx, len(files), func(i int) (*checker.Profile, error) { return loadFile(loader, files[i]) },
		func(*checker.Profile) error { n++; return nil })
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(o.streams.Out, "%d profile(s) valid; no policy evaluated\n", n)
	return err
}
