package cli

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/author"
)

// fmtOptions are the settings of `gapcheck fmt`.
type fmtOptions struct {
	streams IOStreams
	dirs    []string
	check   bool
	diff    bool
}

func newFmtCmd(streams IOStreams) *cobra.Command {
	o := &fmtOptions{streams: streams}
	cmd := &cobra.Command{
		Use:   "fmt [flags] [DIR...]",
		Short: "Format the Rego policies as opa fmt does",
		Long: `Format the .rego files in each DIR (default: the checkout's bundle, policies/ in
the working directory or its nearest parent up to the top of the git work tree)
exactly as "opa fmt" formats Rego v1. It prints the directories ("policies: ...")
and the name of every file that changed. Files are rewritten atomically. With
--check nothing is written: the files that are not formatted are listed, and the
exit code is 1 if there are any.

Exit codes:
  0  every file is formatted (or, without --check, has been)
  1  with --check, a file is not formatted
  2  a file does not parse, or a directory cannot be read or written`,
		Example: `  gapcheck fmt                        # rewrite policies/ in place
  gapcheck fmt --check --diff policies/  # in CI: list and show what would change`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dirs = args
			return runFmt(cmd.Context(), o)
		},
	}
	cmd.Flags().BoolVar(&o.check, "check", false, "write nothing; list the unformatted files and exit 1 if there are any")
	cmd.Flags().BoolVarP(&o.diff, "diff", "d", false, "print a unified diff of each change")
	return cmd
}

func runFmt(ctx context.Context, o *fmtOptions) error {
	dirs := o.dirs
	if len(dirs) == 0 {
		bundle, err := checkoutBundle()
		if err != nil {
			return err
		}
		if bundle == nil {
			return fmt.Errorf("no %s/ bundle here (%s/gapcheck/main/, in the working directory or a parent up to the top of its git work tree): give the directories to format", policiesDir, policiesDir)
		}
		dirs = []string{bundle.Dir}
	}
	names := make([]string, len(dirs))
	for i, d := range dirs {
		if err := checkDir(d); err != nil {
			return err
		}
		names[i] = checker.PolicyDirName(cleanDir(d))
	}
	var changed []author.Unformatted
	for _, d := range dirs {
		files, err := author.Format(ctx, checker.PolicySource{FS: statDirFS{author.DirFS(d), os.DirFS(d).(fs.StatFS)}, Dir: cleanDir(d)}, o.check)
		if err != nil {
			return err
		}
		changed = append(changed, files...)
	}
	if _, err := fmt.Fprintf(o.streams.Out, "policies: %s\n", strings.Join(names, " + ")); err != nil {
		return err
	}
	for _, f := range changed {
		text := f.File + "\n"
		if o.diff {
			text = f.Diff
		}
		if _, err := fmt.Fprint(o.streams.Out, text); err != nil {
			return err
		}
	}
	if o.check && len(changed) > 0 {
		return &ExitError{Code: ExitFail, Err: fmt.Errorf("%d file(s) not formatted: run gapcheck fmt", len(changed))}
	}
	return nil
}

// statDirFS is author.DirFS with the Stat of os.DirFS, so that fs.Stat asks the
// file system instead of opening the file: a FIFO named x.rego is refused as not a
// regular file rather than opened, which would block until a writer came.
type statDirFS struct {
	author.WritableFS
	stat fs.StatFS
}

func (s statDirFS) Stat(name string) (fs.FileInfo, error) { return s.stat.Stat(name) }
