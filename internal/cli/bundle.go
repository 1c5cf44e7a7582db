package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/atomicfile"
)

// bundleOptions are the settings of `gapcheck bundle`.
type bundleOptions struct {
	streams    IOStreams
	out        string
	policyDirs []string
}

func newBundleCmd(streams IOStreams) *cobra.Command {
	o := &bundleOptions{streams: streams}
	cmd := &cobra.Command{
		Use:   "bundle -o FILE.tar.gz [flags]",
		Short: "Build an OPA bundle of the catalogue, for stock opa run --server",
		Long: `Build a standard OPA bundle (a gzipped tarball) of the policies that every command
uses (see below), compiled and checked as check compiles them: the policies (tests
left out), the data they read (the law catalogue and each recommendation's
settings from its METADATA) as /data.json, and a .manifest with the revision (a
digest of the policies), the roots and Rego v1. Stock OPA serves it unchanged:

  opa run --server --addr 127.0.0.1:8181 --bundle FILE.tar.gz
  gapcheck input profiles/belgium.yaml > input.json
  curl -s -d @input.json http://127.0.0.1:8181/v1/data/gapcheck/main/findings

and its decisions are the findings' status, message, paths and law, as check
gives them; what the server does not do is in the README. The file is written
atomically; the same policies give the same bytes.

` + policyRuleHelp,
		Example: `  gapcheck bundle -o gapcheck.tar.gz
  gapcheck bundle -o gapcheck.tar.gz --policy ./my-policies`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBundle(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVarP(&o.out, "output", "o", "", "the bundle `FILE` to write (.tar.gz)")
	addPolicyFlag(cmd, &o.policyDirs, policyUsage)
	return cmd
}

func runBundle(ctx context.Context, o *bundleOptions) error {
	if o.out == "" {
		return errors.New("--output: want the bundle file to write, e.g. -o gapcheck.tar.gz")
	}
	if info, err := os.Stat(filepath.Dir(o.out)); err != nil || !info.IsDir() {
		return fmt.Errorf("--output %s: directory %s does not exist", o.out, filepath.Dir(o.out))
	}
	engine, err := newEngine(ctx, o.policyDirs)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := engine.WriteBundle(&buf, toolVersion()); err != nil {
		return err
	}
	if err := atomicfile.WriteFile(o.out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if err := writePoliciesLine(o.streams.Out, engine.Policies()); err != nil {
		return err
	}
	_, err = fmt.Fprintf(o.streams.Out, "wrote %s (%d recommendations, revision %s)\n", o.out, len(engine.Recommendations()), engine.BundleRevision())
	return err
}

// inputOptions are the settings of `gapcheck input`.
type inputOptions struct {
	streams IOStreams
	path    string
	at      string
}

func newInputCmd(streams IOStreams) *cobra.Command {
	o := &inputOptions{streams: streams}
	cmd := &cobra.Command{
		Use:   "input [flags] PROFILE",
		Short: "Print the JSON input the policies see for a profile, as a request to OPA's Data API",
		Long: `Print, for one profile (validated as check validates it), the input document the
policies evaluate at a date: the profile's facts as they stood that day, each fact
its entry in force with the date it counts from and its age, and at, as_of,
country and name. It is printed as the body of a request to OPA's Data API,
{"input": ...}, so that a server of "gapcheck bundle" answers it:

  curl -s -d @input.json http://127.0.0.1:8181/v1/data/gapcheck/main/findings

The output is indented JSON with sorted keys: the same profile and date give the
same bytes.`,
		Example: `  gapcheck input profiles/belgium.yaml > input.json
  gapcheck input --at 2016-03-01 profiles/denmark.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.path = args[0]
			return runInput(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVar(&o.at, "at", "", "the `DATE` the policies see the profile at (YYYY-MM-DD; YYYY-MM or YYYY is its last day); default: its as_of")
	return cmd
}

func runInput(ctx context.Context, o *inputOptions) error {
	at, err := parseDate("--at", o.at)
	if err != nil {
		return err
	}
	files, err := profileFiles([]string{o.path})
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return fmt.Errorf("%s: %d profiles; want one profile file", o.path, len(files))
	}
	profiles, err := loadProfiles(ctx, files)
	if err != nil {
		return err
	}
	p := profiles[0]
	if at == "" {
		at = p.AsOf
	}
	return writeInput(o.streams, p, at)
}

// writeInput writes the Data API request of a profile at a date.
func writeInput(streams IOStreams, p *checker.Profile, at string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]any{"input": p.At(at)}); err != nil {
		return fmt.Errorf("write the input of %s: %w", p.File, err)
	}
	_, err := streams.Out.Write(buf.Bytes())
	return err
}
