package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/render"
)

// timelineOptions are the settings of `gapcheck timeline`.
type timelineOptions struct {
	streams    IOStreams
	global     *globalOptions
	paths      []string
	format     string
	policyDirs []string
	timeout    time.Duration
	maxAge     string
	from, to   string
	every      string
	dates      []string
	trend      bool // --trend: the trend only
}

func newTimelineCmd(streams IOStreams, g *globalOptions) *cobra.Command {
	o := &timelineOptions{streams: streams, global: g}
	cmd := &cobra.Command{
		Use:   "timeline [flags] PATH...",
		Short: "Show when each finding changed status, per state, and the EU-wide trend",
		Long: `For each profile, every status change of every recommendation, dated, with the fact
and the sources it rests on: a launch decision that closed a gap, a deadline that made
an obligation due, evidence that grew too old. A profile is evaluated only on the
dates something can change (its entries' dates, the dates evidence expires, the law
catalogue's and the recommendations' dates), from the first such date (or --from) to
its as_of (or --to).

For several profiles, also the EU-wide trend: for each recommendation how many states
met it at each date, and each state's met share, at year ends over the span of the
data (or --every, or --dates). --trend prints the trend alone; the csv format writes
the changes, or with --trend the trend, one row per date and recommendation or state.

` + policyRuleHelp + `

` + exitCodesHelp,
		Example: `  gapcheck timeline profiles/denmark.yaml
  gapcheck timeline --every 1y --from 2015-12-31 profiles/
  gapcheck timeline --format csv --trend --dates 2016-03-01,2018-12-31 profiles/ > trend.csv`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.paths = args
			return runTimeline(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.format, "format", "f", render.FormatTable, "output format: "+strings.Join(render.TimelineNames(), ", "))
	addPolicyFlag(cmd, &o.policyDirs, policyUsage)
	f.DurationVar(&o.timeout, "timeout", checker.DefaultTimeout, "time limit for evaluating one profile at one date")
	f.StringVar(&o.maxAge, "max-evidence-age", "", "how long an observation stays evidence, for every recommendation: an `AGE` such as 2y, 18m, 90d, or none; default: each recommendation's own")
	f.StringVar(&o.from, "from", "", "the first `DATE` (default: the first date anything changes)")
	f.StringVar(&o.to, "to", "", "the last `DATE` (default: each profile's as_of)")
	f.StringVar(&o.every, "every", "", "trend at every `STEP` from the first date, such as 1y, 6m, 30d (default: year ends)")
	f.StringSliceVar(&o.dates, "dates", nil, "trend at these `DATES`, comma-separated")
	f.BoolVar(&o.trend, "trend", false, "the EU-wide trend only, not each state's changes (json has both)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(render.TimelineNames(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runTimeline(ctx context.Context, o *timelineOptions) error {
	r, err := render.NewTimeline(o.format, render.Options{Width: o.streams.Width})
	if err != nil {
		return err
	}
	if o.timeout <= 0 {
		return fmt.Errorf("--timeout %s: want a positive duration, such as 10s", o.timeout)
	}
	if o.every != "" && len(o.dates) > 0 {
		return errors.New("--every with --dates: want one, a step or a list of dates")
	}
	from, err := parseDate("--from", o.from)
	if err != nil {
		return err
	}
	to, err := parseDate("--to", o.to)
	if err != nil {
		return err
	}
	if from != "" && to != "" && to < from {
		return fmt.Errorf("--to %s is before --from %s: want the later date last", o.to, o.from)
	}
	var dates []string
	for _, d := range o.dates {
		day, err := parseDate("--dates", strings.TrimSpace(d))
		if err != nil {
			return err
		}
		dates = append(dates, day)
	}
	slices.Sort(dates)
	dates = slices.Compact(dates)
	judge := judgeOptions{timeout: o.timeout, maxAge: o.maxAge}
	engineOpts, err := judge.engineOptions()
	if err != nil {
		return err
	}
	files, err := profileFiles(o.paths)
	if err != nil {
		return err
	}
	engine, err := newEngine(ctx, o.policyDirs, engineOpts...)
	if err != nil {
		return err
	}
	profiles, err := loadProfiles(ctx, files)
	if err != nil {
		return err
	}
	histories, err := engine.History(ctx, profiles, from, to)
	if err != nil {
		return err
	}
	run := &render.TimelineRun{Histories: histories, TrendOnly: o.trend, Policies: engine.Policies()}
	if len(profiles) > 1 || o.trend || o.every != "" || len(dates) > 0 {
		if dates, err = trendDates(histories, o.every, dates); err != nil {
			return err
		}
		run.Trend = checker.NewTrend(histories, engine.Recommendations(), dates)
	}
	if err := warnReviewedBefore(o.streams.ErrOut, to, profiles); err != nil {
		return err
	}
	if o.format == render.FormatCSV { // its rows have no place to name the policies
		if _, err := fmt.Fprintf(o.streams.ErrOut, "gapcheck: %s\n", policiesLine(engine.Policies())); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := r.RenderTimeline(&buf, run); err != nil {
		return fmt.Errorf("render %s: %w", o.format, err)
	}
	_, err = o.streams.Out.Write(buf.Bytes())
	return err
}

// trendDates are the dates of the trend: the given ones, or else over the span of
// the data, from the first date a finding of any state rests on evidence (met,
// partial or gap) to the latest end of a history: every step from its start, or
// the year ends.
func trendDates(histories []*checker.History, every string, given []string) ([]string, error) {
	if len(given) > 0 {
		return given, nil
	}
	start, end := checker.Span(histories)
	if every != "" {
		dates, err := checker.EveryDates(start, end, every)
		if err != nil {
			return nil, fmt.Errorf("--every: %w", err)
		}
		return dates, nil
	}
	return checker.YearEnds(start, end), nil
}
