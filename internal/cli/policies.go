package cli

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/render"
)

// policiesOptions are the settings of `gapcheck policies`.
type policiesOptions struct {
	streams    IOStreams
	global     *globalOptions
	format     string
	policyDirs []string
}

func newPoliciesCmd(streams IOStreams, g *globalOptions) *cobra.Command {
	o := &policiesOptions{streams: streams, global: g}
	cmd := &cobra.Command{
		Use:   "policies [flags]",
		Short: "List the recommendations: id, severity, title, legal basis",
		Long: `List the catalogue of recommendations that gapcheck checks, from the METADATA of
the policies: id, severity, title and legal basis, and the policies they come
from. --format json gives every field; --format markdown gives the reference that
"gapcheck docs" writes, with a line naming the policies.

` + policyRuleHelp,
		Example: `  gapcheck policies
  gapcheck policies --format json | jq -r '.recommendations[].id'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPolicies(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.format, "format", "f", render.FormatTable, "output format: "+strings.Join(render.CatalogueNames(), ", "))
	addPolicyFlag(cmd, &o.policyDirs, policyUsage)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(render.CatalogueNames(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runPolicies(ctx context.Context, o *policiesOptions) error {
	r, err := render.NewCatalogue(o.format, render.Options{Width: o.streams.Width})
	if err != nil {
		return err
	}
	recs, set, err := loadCatalogue(ctx, o.policyDirs)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := r.RenderCatalogue(&buf, recs, set); err != nil {
		return fmt.Errorf("render %s: %w", o.format, err)
	}
	_, err = o.streams.Out.Write(buf.Bytes())
	return err
}

// loadCatalogue compiles the policies with dirs, as check does, and returns the
// recommendations, sorted by id, and the set they come from.
func loadCatalogue(ctx context.Context, dirs []string) ([]checker.Recommendation, *checker.PolicySet, error) {
	engine, err := newEngine(ctx, dirs)
	if err != nil {
		return nil, nil, err
	}
	return engine.Recommendations(), engine.Policies(), nil
}
