package cli

import (
	"bufio"
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/internal/author"
)

// lintOptions are the settings of `gapcheck lint`.
type lintOptions struct {
	streams IOStreams
	dirs    []string
}

func newLintCmd(streams IOStreams) *cobra.Command {
	o := &lintOptions{streams: streams}
	return &cobra.Command{
		Use:   "lint [DIR...]",
		Short: "Check the policies: strict compile, layout and the metadata contract",
		Long: `Check the policies as a reviewer would (without DIR, the embedded policies):

  - they compile in strict mode with gapcheck's capabilities, tests included;
  - every package path matches its directory;
  - every recommendation is a package gapcheck.rules.<area>.<name> that defines
    result, in <name>.rego, with tests in <name>_test.rego beside it;
  - its METADATA has a title, a description, related_resources with http(s)
    links, and custom severity, legal_basis, reads (and deadline as YYYY-MM-DD);
  - every custom.reads entry is a path of profiles/profile.schema.json, and every
    profile path the policy names is listed in custom.reads.

Problems are printed as file:line:column: message, sorted.

Exit codes:
  0  no problem found
  1  problems found
  2  a policy cannot be read or parsed`,
		Example: `  gapcheck lint             # the embedded policies
  gapcheck lint policies/   # the policies on disk`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dirs = args
			return runLint(cmd.Context(), o)
		},
	}
}

func runLint(ctx context.Context, o *lintOptions) error {
	sources, err := dirSources(o.dirs)
	if err != nil {
		return err
	}
	problems, err := author.Lint(ctx, sources)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(o.streams.Out)
	for _, p := range problems {
		fmt.Fprintln(bw, p)
	}
	if len(problems) == 0 {
		fmt.Fprintln(bw, "no problems found")
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if len(problems) > 0 {
		return &ExitError{Code: ExitFail, Err: fmt.Errorf("%d problem(s) found", len(problems))}
	}
	return nil
}
