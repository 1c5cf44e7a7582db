package cli

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/render"
	"github.com/gapcheck/gapcheck/internal/suggest"
)

// explainOptions are the settings of `gapcheck explain`.
type explainOptions struct {
	streams    IOStreams
	id         string
	policyDirs []string
}

func newExplainCmd(streams IOStreams) *cobra.Command {
	o := &explainOptions{streams: streams}
	cmd := &cobra.Command{
		Use:   "explain [flags] ID",
		Short: "Print one recommendation in full: what it requires, why, and what it reads",
		Long: `Print one recommendation in full, from its policy's METADATA: what a state must
have or do, its severity, legal basis and deadline, the documents that call for it
(with links), the profile fields its policy reads, and where the policy is.

ID is a recommendation id as "gapcheck policies" lists them (prum-dna); its package
path (prum.dna) is accepted too. An unknown ID exits 2 with the nearest ids.

` + policyRuleHelp,
		Example: `  gapcheck explain prum-dna
  gapcheck explain border-sltd-checks`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.id = args[0]
			return runExplain(cmd.Context(), o)
		},
	}
	addPolicyFlag(cmd, &o.policyDirs, policyUsage)
	cmd.ValidArgsFunction = func(cmd *cobra.Command, args []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		recs, _, err := loadCatalogue(cmd.Context(), o.policyDirs)
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var ids []cobra.Completion
		for _, r := range recs {
			if strings.HasPrefix(r.ID, prefix) {
				ids = append(ids, cobra.CompletionWithDesc(r.ID, r.Title))
			}
		}
		return ids, cobra.ShellCompDirectiveNoFileComp
	}
	return cmd
}

func runExplain(ctx context.Context, o *explainOptions) error {
	recs, set, err := loadCatalogue(ctx, o.policyDirs)
	if err != nil {
		return err
	}
	id := strings.ToLower(strings.NewReplacer(".", "-", "_", "-").Replace(strings.TrimSpace(o.id)))
	for _, r := range recs {
		if r.ID == id {
			var buf bytes.Buffer
			if err := render.Explain(&buf, r, set, render.Options{Width: o.streams.Width}); err != nil {
				return err
			}
			_, err := o.streams.Out.Write(buf.Bytes())
			return err
		}
	}
	return unknownRecommendation(o.id, id, recs)
}

// unknownRecommendation is the error for an id that is not in the catalogue, with
// suggestions: the ids nearest in spelling or, failing that, those containing it.
func unknownRecommendation(given, id string, recs []checker.Recommendation) error {
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.ID
	}
	msg := fmt.Sprintf("unknown recommendation %q", given)
	if best := suggest.Nearest(id, ids); len(best) > 0 {
		msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(best, ", "))
	}
	return fmt.Errorf("%s; gapcheck policies lists them", msg)
}
