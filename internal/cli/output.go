package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/atomicfile"
	"github.com/gapcheck/gapcheck/internal/render"
)

// stepSummaryEnv names the file GitHub Actions shows as the job summary.
const stepSummaryEnv = "GITHUB_STEP_SUMMARY"

// A docKind is what a command renders: gap reports (check) or a diff.
type docKind int

const (
	reportDoc docKind = iota
	diffDoc
)

func (k docKind) names() []string {
	if k == diffDoc {
		return render.DiffNames()
	}
	return render.Names()
}

// outputs are where a run's report goes: stdout in --format, each --output
// FORMAT=FILE to its file, and, with the github format on stdout, the step summary.
// Every target is checked before anything is evaluated: the format exists, the
// file is not one of the run's inputs, it is a regular file or does not exist
// yet, and its directory takes a new file.
type outputs struct {
	kind        docKind
	format      string
	opts        render.Options // the options of stdout
	files       []fileOutput
	summaryPath string       // $GITHUB_STEP_SUMMARY, or ""
	summary     bytes.Buffer // what the stdout renderer wrote for the step summary
}

// fileOutput is one --output FORMAT=FILE.
type fileOutput struct {
	format, file string
	opts         render.Options
}

// outputSettings are what newOutputs needs from a command's options.
type outputSettings struct {
	streams      IOStreams
	global       *globalOptions
	format       string
	specs        []string // --output FORMAT=FILE
	unknownFails bool
	// inputs are the files the run reads (profiles, the waivers file, policy
	// files, the config file): no output may be one of them.
	inputs []string
}

// unnamedPolicies reports whether a format written (to stdout or a file) has no
// place to name the policies: the CLI names them on stderr then.
func (o *outputs) unnamedPolicies() bool {
	if !render.NamesPolicies(o.format) {
		return true
	}
	for _, f := range o.files {
		if !render.NamesPolicies(f.format) {
			return true
		}
	}
	return false
}

// newOutputs parses --format and --output. Every problem is a usage error, found
// before any profile is evaluated.
func newOutputs(kind docKind, s outputSettings) (*outputs, error) {
	out := &outputs{kind: kind, format: s.format, summaryPath: s.streams.Getenv(stepSummaryEnv)}
	opts := render.Options{Version: toolVersion(), UnknownFails: s.unknownFails}
	out.opts = opts
	out.opts.Color, out.opts.Width = s.streams.color(s.global.noColor), s.streams.Width
	if out.summaryPath != "" {
		out.opts.StepSummary = &out.summary
	}
	if err := out.check(s.format); err != nil {
		return nil, err
	}
	inputs := inputIdentities(s.inputs)
	var seen []fileOutput
	for _, spec := range s.specs {
		format, file, ok := strings.Cut(spec, "=")
		if !ok || format == "" || file == "" {
			return nil, fmt.Errorf("--output %q: want FORMAT=FILE (e.g. sarif=gapcheck.sarif), FORMAT one of %s", spec, strings.Join(kind.names(), ", "))
		}
		if err := out.check(format); err != nil {
			return nil, fmt.Errorf("--output %q: %w", spec, err)
		}
		clean := filepath.Clean(file)
		for _, prev := range seen {
			if sameTarget(prev.file, clean) {
				return nil, fmt.Errorf("--output %q: %s is already the file of --output %q", spec, file, prev.format+"="+prev.file)
			}
		}
		if err := checkTarget(clean, inputs); err != nil {
			return nil, fmt.Errorf("--output %q: %w", spec, err)
		}
		seen = append(seen, fileOutput{format: format, file: file})
		out.files = append(out.files, fileOutput{format: format, file: file, opts: opts})
	}
	// The first file of a complete format is where the full report is, for a
	// diff comment cut to fit.
	for _, f := range out.files {
		if f.format == render.FormatJSON || f.format == render.FormatMarkdown || f.format == render.FormatTable {
			out.opts.FullReport = f.file
			break
		}
	}
	return out, nil
}

// needsHistory reports whether a format of the outputs shows the trend.
func (out *outputs) needsHistory() bool {
	if render.NeedsHistory(out.format) {
		return true
	}
	for _, f := range out.files {
		if render.NeedsHistory(f.format) {
			return true
		}
	}
	return false
}

// check checks that the format exists for the document kind.
func (out *outputs) check(format string) error {
	var err error
	if out.kind == diffDoc {
		_, err = render.NewDiff(format, render.Options{})
	} else {
		_, err = render.New(format, render.Options{})
	}
	return err
}

// sameTarget reports whether two output paths name one file: by name, or by
// identity when both exist.
func sameTarget(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// An identity is a file the run reads, named as given and identified by what
// os.Stat says of it.
type identity struct {
	name string
	info fs.FileInfo
}

// inputIdentities stats the run's inputs; a directory stands for every file in
// it (a --policy directory, say), as a file that is inside it.
func inputIdentities(names []string) []identity {
	var out []identity
	for _, n := range names {
		if info, err := os.Stat(n); err == nil {
			out = append(out, identity{n, info})
		}
	}
	return out
}

// checkTarget checks an output file before the run: not one of the inputs (by
// identity, whatever the name: ./b.yaml, an absolute path, a link), nor a
// profile or policy file inside an input directory; absent, or a regular file (a symbolic link, a FIFO or a device
// would be replaced by a regular file, or block); and in a directory where a new
// file can be made (tried, then removed).
func checkTarget(file string, inputs []identity) error {
	if info, err := os.Lstat(file); err == nil {
		switch {
		case info.IsDir():
			return fmt.Errorf("%s is a directory; want a file", file)
		case info.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("%s is a symbolic link: gapcheck writes a new file and renames it over the target, so it would replace the link; give the link's target", file)
		case !info.Mode().IsRegular():
			return fmt.Errorf("%s is not a regular file (a device, a FIFO or a socket): gapcheck writes output files atomically and replaces only regular files", file)
		}
		for _, in := range inputs {
			if !in.info.IsDir() && os.SameFile(info, in.info) {
				return fmt.Errorf("%s is %s, an input of this run: refusing to overwrite it", file, in.name)
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", file, unwrapPathError(err))
	}
	dir := filepath.Dir(file)
	dirInfo, err := os.Stat(dir)
	if err != nil || !dirInfo.IsDir() {
		return fmt.Errorf("directory %s does not exist", dir)
	}
	if base := filepath.Base(file); checker.IsProfileName(base) || strings.HasSuffix(base, ".rego") {
		for _, in := range inputs {
			if in.info.IsDir() && isInside(dir, in.name) {
				return fmt.Errorf("%s would be read as a profile or a policy of %s, an input of this run: refusing to write it there", file, in.name)
			}
		}
	}
	if err := atomicfile.Probe(dir); err != nil {
		return fmt.Errorf("directory %s: cannot create a file there: %w", dir, unwrapPathError(err))
	}
	return nil
}

// isInside reports whether dir is root or a directory below it, by identity.
func isInside(dir, root string) bool {
	rootInfo, err := os.Stat(root)
	if err != nil {
		return false
	}
	for d := dir; ; {
		if info, err := os.Stat(d); err == nil && os.SameFile(info, rootInfo) {
			return true
		}
		abs, err := filepath.Abs(d)
		if err != nil {
			return false
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return false
		}
		d = parent
	}
}

// renderDoc renders a run's document in a format with options.
func (out *outputs) renderDoc(w io.Writer, format string, opts render.Options, doc any) error {
	var err error
	switch d := doc.(type) {
	case *render.Run:
		var r render.Renderer
		if r, err = render.New(format, opts); err == nil {
			err = r.Render(w, d)
		}
	case *render.DiffRun:
		var r render.DiffRenderer
		if r, err = render.NewDiff(format, opts); err == nil {
			err = r.RenderDiff(w, d)
		}
	}
	if err != nil {
		return fmt.Errorf("render %s: %w", format, err)
	}
	return nil
}

// write renders doc (a *render.Run or a *render.DiffRun) in every format, in
// memory, then writes each file atomically, appends the step summary, and writes
// stdout. A rendering error writes nothing; a file that cannot be written is an
// error (exit 2) after the rest has been written.
func (out *outputs) write(doc any, stdout io.Writer) error {
	out.summary.Reset()
	var main bytes.Buffer
	if err := out.renderDoc(&main, out.format, out.opts, doc); err != nil {
		return err
	}
	rendered := make([][]byte, len(out.files))
	for i, f := range out.files {
		var buf bytes.Buffer
		if err := out.renderDoc(&buf, f.format, f.opts, doc); err != nil {
			return err
		}
		rendered[i] = buf.Bytes()
	}
	return out.emit(main.Bytes(), rendered, stdout)
}

// emit writes the rendered files, the step summary and stdout.
func (out *outputs) emit(main []byte, files [][]byte, stdout io.Writer) error {
	var errs []error
	for i, f := range out.files {
		if files[i] == nil {
			continue
		}
		if err := atomicfile.WriteFile(f.file, files[i], 0o644); err != nil {
			errs = append(errs, err) // it names the file
		}
	}
	if out.summary.Len() > 0 {
		if err := appendStepSummary(out.summaryPath, bytes.NewReader(out.summary.Bytes()), int64(out.summary.Len())); err != nil {
			errs = append(errs, fmt.Errorf("write the step summary ($%s): %w", stepSummaryEnv, err))
		}
	}
	if _, err := stdout.Write(main); err != nil {
		return err
	}
	if len(errs) > 0 {
		return &ExitError{Code: ExitInvalid, Err: errors.Join(errs...)}
	}
	return nil
}

// writeErrors writes the problems of a run stopped by invalid input in the CI
// formats among stdout and the --output files (github, sarif, junit), so that a
// CI run has an annotation and a SARIF file to upload; the other formats get
// nothing, and stderr says it all the same. It returns the error to exit with:
// err itself, or err joined with a write error.
func (out *outputs) writeErrors(err error, stdout io.Writer) error {
	problems := problemsOf(err)
	if len(problems) == 0 {
		return err
	}
	var main []byte
	if r, ok := render.NewErrors(out.format, out.opts); ok {
		var buf bytes.Buffer
		if rerr := r.RenderErrors(&buf, problems); rerr == nil {
			main = buf.Bytes()
		}
	}
	files := make([][]byte, len(out.files))
	for i, f := range out.files {
		if r, ok := render.NewErrors(f.format, f.opts); ok {
			var buf bytes.Buffer
			if rerr := r.RenderErrors(&buf, problems); rerr == nil {
				files[i] = buf.Bytes()
			}
		}
	}
	out.summary.Reset()
	if werr := out.emit(main, files, stdout); werr != nil {
		return errors.Join(err, werr)
	}
	return err
}
