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
		Long: `Check the policies as a reviewer would: without DIR, the policies every command
uses (in a checkout, its policies/ on disk); with DIR, those directories, compiled
over that bundle as check evaluates them (an add-on over the library it uses):

  - they compile in strict mode with gapcheck's capabilities, tests included;
  - every package path matches its directory;
  - every recommendation is a package gapcheck.rules.<area>.<name> that defines
    result, in <name>.rego, with tests in <name>_test.rego beside it;
  - its METADATA has a title, a description, related_resources with http(s)
    links, and custom severity, legal_basis, reads (and deadline as YYYY-MM-DD),
    no key that OPA or gapcheck ignores, and an id of its own (every command
    refuses policies that break this contract; lint says all of it at once);
  - every custom.reads entry is a path of profiles/profile.schema.json, and every
    profile path the policy names is listed in custom.reads.

Every problem is printed in one run, as file:line:column: message, sorted, with
"did you mean" for a misspelt key or path.

` + policyRuleHelp + `

Exit codes:
  0  no problem found
  1  problems found
  2  a policy cannot be read or parsed`,
		Example: `  gapcheck lint                  # in a checkout, its policies/ on disk; elsewhere the embedded ones
  gapcheck lint ./my-policies    # an add-on, over the bundle`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dirs = args
			return runLint(cmd.Context(), o)
		},
	}
}

func runLint(ctx context.Context, o *lintOptions) error {
	set, err := authorPolicies(o.dirs)
	if err != nil {
		return err
	}
	problems, err := author.Lint(ctx, set.Sources(), underTest(set))
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(o.streams.Out)
	fmt.Fprintln(bw, policiesLine(set))
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
