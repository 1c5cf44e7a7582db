package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/internal/atomicfile"
	"github.com/gapcheck/gapcheck/internal/render"
)

// docsFile is where `gapcheck docs` writes the reference, relative to the repository.
const docsFile = "docs/recommendations.md"

// docsOptions are the settings of `gapcheck docs`.
type docsOptions struct {
	streams    IOStreams
	out        string
	check      bool
	policyDirs []string
}

func newDocsCmd(streams IOStreams) *cobra.Command {
	o := &docsOptions{streams: streams}
	cmd := &cobra.Command{
		Use:   "docs [flags]",
		Short: "Write the Markdown reference of the recommendations (" + docsFile + ")",
		Long: `Write the Markdown reference of the catalogue, generated from the METADATA of the
policies (see below: in a checkout, its policies/ on disk): a summary table, then
every recommendation with its description, severity, legal basis, deadline, the
profile paths it reads and its sources. The output is deterministic (the file does
not name the policies; the command does); it is written atomically, and only when
it changes.

` + policyRuleHelp + `

Exit codes:
  0  the file is written (or, with --check, up to date)
  1  with --check, the file is missing or out of date
  2  the policies do not compile, or the file cannot be read or written`,
		Example: `  gapcheck docs                 # regenerate ` + docsFile + `
  gapcheck docs --check         # in CI: fail when it is out of date`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDocs(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.out, "out", docsFile, "the file to write")
	f.BoolVar(&o.check, "check", false, "write nothing; exit 1 when the file is not up to date")
	addPolicyFlag(cmd, &o.policyDirs, policyUsage)
	return cmd
}

func runDocs(ctx context.Context, o *docsOptions) error {
	recs, set, err := loadCatalogue(ctx, o.policyDirs)
	if err != nil {
		return err
	}
	if err := writePoliciesLine(o.streams.Out, set); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := render.Markdown().RenderCatalogue(&buf, recs, nil); err != nil {
		return err
	}
	current, err := os.ReadFile(o.out)
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist):
		current = nil
		if o.check {
			return &ExitError{Code: ExitFail, Err: fmt.Errorf("%s does not exist: run gapcheck docs", o.out)}
		}
	default:
		return fmt.Errorf("read %s: %w", o.out, unwrapPathError(err))
	}
	if bytes.Equal(current, buf.Bytes()) {
		_, err := fmt.Fprintf(o.streams.Out, "%s is up to date\n", o.out)
		return err
	}
	if o.check {
		return &ExitError{Code: ExitFail, Err: fmt.Errorf("%s is out of date: run gapcheck docs", o.out)}
	}
	if err := os.MkdirAll(filepath.Dir(o.out), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", o.out, unwrapPathError(err))
	}
	if err := atomicfile.WriteFile(o.out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	_, err = fmt.Fprintf(o.streams.Out, "wrote %s (%d recommendations)\n", o.out, len(recs))
	return err
}
