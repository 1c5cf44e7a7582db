// Package cli wires gapcheck's commands: cobra for the command line, internal/config
// for settings, the checker library for the work, internal/render for output. Each
// command parses its flags into an options struct and hands it to a run function;
// nothing here calls os.Exit: errors travel up to Main, which maps them to exit codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/internal/atomicfile"
	"github.com/gapcheck/gapcheck/internal/config"
)

// Main runs gapcheck with args (without the program name) and returns the exit code.
// An interrupt (Ctrl-C) or SIGTERM cancels the run through its context: evaluation
// stops, no output file is left half-written, and the code is ExitInterrupted. A
// second signal, or a run still going interruptGrace after the first (stuck in a
// call no context reaches: a FIFO being opened, a builtin), removes the temporary
// files of the writes under way and ends the process at once with the same code,
// when streams can end it (Exit set: the real process, not a test).
func Main(args []string, streams IOStreams) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-sigs:
		case <-done:
			return
		}
		cancel()
		timer := time.NewTimer(interruptGrace)
		defer timer.Stop()
		select {
		case <-sigs:
		case <-timer.C:
		case <-done:
			return
		}
		atomicfile.RemoveTemporary()
		if streams.Exit != nil {
			fmt.Fprintln(streams.ErrOut, "gapcheck: interrupted")
			streams.Exit(ExitInterrupted)
		}
	}()
	out := &recordingWriter{w: streams.Out}
	streams.Out = out
	cmd := NewRootCmd(streams)
	if args == nil {
		args = []string{} // cobra would read os.Args instead
	}
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if err != nil && ctx.Err() != nil {
		err = &ExitError{Code: ExitInterrupted, Err: errors.New("interrupted")}
	}
	if err == nil && out.err != nil {
		err = out.err // help or a report that did not reach stdout is no success
		if !errors.Is(err, syscall.EPIPE) {
			err = fmt.Errorf("write to stdout: %w", unwrapPathError(err))
		}
	}
	return exitCode(err, streams.ErrOut)
}

// interruptGrace is how long a run may go on after an interrupt before the process
// ends without it.
const interruptGrace = 3 * time.Second

// A recordingWriter is stdout, remembering the first write error: cobra ignores
// the errors of what it prints (help, usage, completion scripts), and a command
// that printed nothing at all must not pass for one that did.
type recordingWriter struct {
	w   io.Writer
	err error
}

func (r *recordingWriter) Write(p []byte) (int, error) {
	n, err := r.w.Write(p)
	if err != nil && r.err == nil {
		r.err = err
	}
	return n, err
}

// globalOptions are the flags every command has.
type globalOptions struct {
	configFile string
	noColor    bool
	maxMemory  string // --max-memory SIZE
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

` + policyRuleHelp + `

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
			if err := applyConfig(cmd, g, streams); err != nil {
				return err
			}
			return watchMemory(g.maxMemory, streams)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := mistypedCommand(cmd, args); err != nil {
				return err
			}
			check.paths = args
			return runCheck(cmd.Context(), check)
		},
	}
	root.Version = versionString()
	root.SetVersionTemplate("{{.Version}}\n")
	root.SuggestionsMinimumDistance = 2
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return fmt.Errorf("%w (see gapcheck --help)", err)
	})
	root.PersistentFlags().StringVar(&g.configFile, "config", "", "config file (default "+config.DefaultFile+" in the working directory, if present)")
	root.PersistentFlags().BoolVar(&g.noColor, "no-color", false, "no colours in table output (NO_COLOR is honoured too)")
	root.PersistentFlags().StringVar(&g.maxMemory, "max-memory", defaultMaxMemory, "end the run (exit 2) when its heap grows past this `SIZE` (e.g. 512MiB, 4GiB): a policy that builds too large a value")
	addCheckFlags(root, check)

	root.AddCommand(
		newCheckCmd(streams, g),
		newDiffCmd(streams, g),
		newTimelineCmd(streams, g),
		newValidateCmd(streams, g),
		newVersionCmd(streams),
		newTestCmd(streams), newFmtCmd(streams), newLintCmd(streams), newPoliciesCmd(streams, g), newExplainCmd(streams), newDocsCmd(streams),
		newBundleCmd(streams), newInputCmd(streams),
	)
	fixCompletion(root)
	return root
}

// fixCompletion makes "gapcheck completion SHELL" with a shell cobra does not
// know (tcsh), or with none, a usage error: cobra's own completion command prints
// its help and exits 0.
func fixCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			var shells []string
			for _, s := range cmd.Commands() {
				if s.IsAvailableCommand() {
					shells = append(shells, s.Name())
				}
			}
			if len(args) == 0 {
				return fmt.Errorf("completion: want a shell, one of %s", strings.Join(shells, ", "))
			}
			return fmt.Errorf("completion: unknown shell %q: want one of %s", args[0], strings.Join(shells, ", "))
		}
	}
}

// mistypedCommand reports a first argument that is not a file but is close to a
// command name ("gapcheck vresion"), which would otherwise read as a missing profile.
func mistypedCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 || args[0] == "" || strings.ContainsAny(args[0], "./\\") {
		return nil
	}
	if _, err := os.Stat(args[0]); err == nil {
		return nil
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		return fmt.Errorf("unknown command or file %q (did you mean %q?)", args[0], "gapcheck "+s[0])
	}
	return nil
}

// configFile is the config file a run reads, when there is one: --config, else
// the default file in the working directory if it exists.
func configFile(g *globalOptions) string {
	if g.configFile != "" {
		return g.configFile
	}
	if info, err := os.Stat(config.DefaultFile); err == nil && info.Mode().IsRegular() {
		return config.DefaultFile
	}
	return ""
}

// configured are the commands that read GAPCHECK_* variables and the config file:
// those that judge profiles. The policy author's commands (test, fmt, lint,
// policies, explain, docs) take their flags only, so that GAPCHECK_FORMAT=sarif for
// check does not reach "gapcheck policies --format"; given --config, they still
// check the file.
var configured = map[string]bool{"gapcheck": true, "check": true, "diff": true, "validate": true}

// commandLineOnly are, per command, the settings it takes from its flags only.
var commandLineOnly = map[string]map[string]string{
	"diff": {
		"policy":          "diff gates a change in the checkout it runs in, so policies that judge it must be given on the command line (--policy), never by the checkout's own config or environment",
		"fail-on":         "diff gates a change in the checkout it runs in, so its threshold must be given on the command line (--fail-on), never by the checkout's own config or environment",
		"fail-on-unknown": "diff gates a change in the checkout it runs in, so its threshold must be given on the command line (--fail-on-unknown), never by the checkout's own config or environment",
	},
}

// applyConfig fills the flags the user did not set from GAPCHECK_* variables and
// the config file, and warns about config file settings the command does not use.
func applyConfig(cmd *cobra.Command, g *globalOptions, streams IOStreams) error {
	src := config.Source{File: config.DefaultFile, Getenv: streams.Getenv, CommandLineOnly: commandLineOnly[cmd.Name()]}
	if g.configFile != "" {
		src.File, src.Explicit = g.configFile, true
	}
	if !configured[cmd.Name()] {
		if !src.Explicit {
			return nil
		}
		src.Getenv = nil
		_, err := config.Load(src)
		return err
	}
	settings, err := config.Load(src)
	if err != nil {
		return err
	}
	unused, err := settings.Apply(cmd.Flags())
	if err != nil {
		return err
	}
	for _, u := range unused {
		if !strings.HasPrefix(u.From, config.EnvPrefix+"_") {
			_ = warnf(streams.ErrOut, "%s: %s is not a setting of %s; it is ignored", u.From, u.Key, cmd.CommandPath())
		}
	}
	return nil
}
