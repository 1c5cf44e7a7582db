package cli

import (
	"bytes"
	"context"
	"fmt"
	"slices"
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
	profile    string // PROFILE: explain the finding of that profile
	policyDirs []string
	judge      judgeOptions // --at, --max-evidence-age, --timeout, with a profile
}

func newExplainCmd(streams IOStreams) *cobra.Command {
	o := &explainOptions{streams: streams}
	cmd := &cobra.Command{
		Use:   "explain [flags] ID [PROFILE]",
		Short: "Print one recommendation, or one state's finding, in full",
		Long: `Print one recommendation in full, from its policy's METADATA: what a state must
have or do, its severity, legal basis and deadline, the documents that call for it
(with links), the profile fields its policy reads, and where the policy is.

With a PROFILE, print that state's finding in full instead: its status and message,
the legal basis, deadline and the acts of the law catalogue it rests on, every dated
entry of the facts it rests on with their notes (the entry in force marked), the
sources they cite with their URLs, and its history: each change of its status, dated,
up to the date of the evaluation (--at, default the profile's as_of).

ID is a recommendation id as "gapcheck policies" lists them (prum-dna); its package
path (prum.dna) is accepted too. An unknown ID exits 2 with the nearest ids.

` + policyRuleHelp,
		Example: `  gapcheck explain prum-dna
  gapcheck explain prum-dna profiles/denmark.yaml
  gapcheck explain --at 2016-03-01 pnr-legislation profiles/belgium.yaml`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.id = args[0]
			if len(args) == 2 {
				o.profile = args[1]
			}
			return runExplain(cmd.Context(), o)
		},
	}
	addPolicyFlag(cmd, &o.policyDirs, policyUsage)
	f := cmd.Flags()
	f.StringVar(&o.judge.at, "at", "", "with a PROFILE, evaluate at this `DATE` (YYYY-MM-DD; YYYY-MM or YYYY is its last day); default: its as_of")
	f.StringVar(&o.judge.maxAge, "max-evidence-age", "", "with a PROFILE, how long an observation stays evidence: an `AGE` such as 2y, 18m, 90d, or none; default: the recommendation's own")
	f.DurationVar(&o.judge.timeout, "timeout", checker.DefaultTimeout, "with a PROFILE, time limit for evaluating it at one date")
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
	if o.profile != "" {
		return runExplainFinding(ctx, o)
	}
	recs, set, err := loadCatalogue(ctx, o.policyDirs)
	if err != nil {
		return err
	}
	id := recommendationID(o.id)
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

// recommendationID reads an id as explain takes it: prum-dna, or its package path
// prum.dna.
func recommendationID(s string) string {
	return strings.ToLower(strings.NewReplacer(".", "-", "_", "-").Replace(strings.TrimSpace(s)))
}

// runExplainFinding prints one state's finding in full, with its history.
func runExplainFinding(ctx context.Context, o *explainOptions) error {
	if o.judge.timeout <= 0 {
		return fmt.Errorf("--timeout %s: want a positive duration, such as 10s", o.judge.timeout)
	}
	at, err := o.judge.date()
	if err != nil {
		return err
	}
	engineOpts, err := o.judge.engineOptions()
	if err != nil {
		return err
	}
	files, err := profileFiles([]string{o.profile})
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return fmt.Errorf("%s: %d profiles; want one profile file", o.profile, len(files))
	}
	engine, err := newEngine(ctx, o.policyDirs, engineOpts...)
	if err != nil {
		return err
	}
	id := recommendationID(o.id)
	if !slices.ContainsFunc(engine.Recommendations(), func(r checker.Recommendation) bool { return r.ID == id }) {
		return unknownRecommendation(o.id, id, engine.Recommendations())
	}
	profiles, err := loadProfiles(ctx, files)
	if err != nil {
		return err
	}
	detail, err := engine.Detail(ctx, profiles[0], id, at)
	if err != nil {
		return err
	}
	if err := warnReviewedBefore(o.streams.ErrOut, at, profiles); err != nil {
		return err
	}
	var buf bytes.Buffer
	fmt.Fprintln(&buf, render.GuardLine(policiesLine(engine.Policies()))) // as the table names them
	if err := render.ExplainFinding(&buf, detail, render.Options{Width: o.streams.Width}); err != nil {
		return err
	}
	_, err = o.streams.Out.Write(buf.Bytes())
	return err
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
