package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gapcheck/gapcheck/internal/atomicfile"
	"github.com/gapcheck/gapcheck/internal/render"
)

// stepSummaryEnv names the file GitHub Actions shows as the job summary.
const stepSummaryEnv = "GITHUB_STEP_SUMMARY"

// outputs are where a check run's report goes: stdout in --format, each --output
// FORMAT=FILE to its file, and, with the github format on stdout, the step summary.
type outputs struct {
	format      string
	stdout      render.Renderer
	files       []fileOutput
	summaryPath string       // $GITHUB_STEP_SUMMARY, or ""
	summary     bytes.Buffer // what the stdout renderer wrote for the step summary
}

// fileOutput is one --output FORMAT=FILE.
type fileOutput struct {
	format, file string
	r            render.Renderer
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
func newOutputs(o *checkOptions) (*outputs, error) {
	out := &outputs{format: o.format, summaryPath: o.streams.Getenv(stepSummaryEnv)}
	opts := render.Options{Version: toolVersion(), UnknownFails: o.failOnUnknown}
	stdoutOpts := opts
	stdoutOpts.Color, stdoutOpts.Width = o.streams.color(o.global.noColor), o.streams.Width
	if out.summaryPath != "" {
		stdoutOpts.StepSummary = &out.summary
	}
	r, err := render.New(o.format, stdoutOpts)
	if err != nil {
		return nil, err
	}
	out.stdout = r
	seen := map[string]string{}
	for _, spec := range o.outputs {
		format, file, ok := strings.Cut(spec, "=")
		if !ok || format == "" || file == "" {
			return nil, fmt.Errorf("--output %q: want FORMAT=FILE (e.g. sarif=gapcheck.sarif), FORMAT one of %s", spec, strings.Join(render.Names(), ", "))
		}
		r, err := render.New(format, opts)
		if err != nil {
			return nil, fmt.Errorf("--output %q: %w", spec, err)
		}
		clean := filepath.Clean(file)
		if prev, dup := seen[clean]; dup {
			return nil, fmt.Errorf("--output %q: %s is already the file of --output %q", spec, file, prev)
		}
		seen[clean] = spec
		if info, err := os.Stat(filepath.Dir(clean)); err != nil || !info.IsDir() {
			return nil, fmt.Errorf("--output %q: directory %s does not exist", spec, filepath.Dir(clean))
		}
		out.files = append(out.files, fileOutput{format: format, file: file, r: r})
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

// write renders run in every format, in memory, then writes each file atomically,
// appends the step summary, and writes stdout. A rendering error writes nothing;
// a file that cannot be written is an error after the rest has been written.
func (out *outputs) write(run *render.Run, stdout io.Writer) error {
	var main bytes.Buffer
	if err := out.stdout.Render(&main, run); err != nil {
		return fmt.Errorf("render %s: %w", out.format, err)
	}
	rendered := make([][]byte, len(out.files))
	for i, f := range out.files {
		var buf bytes.Buffer
		if err := f.r.Render(&buf, run); err != nil {
			return fmt.Errorf("render %s: %w", f.format, err)
		}
		rendered[i] = buf.Bytes()
	}
	var errs []error
	for i, f := range out.files {
		if err := atomicfile.WriteFile(f.file, rendered[i], 0o644); err != nil {
			errs = append(errs, err) // it names the file
		}
	}
	if out.summary.Len() > 0 {
		if err := appendFile(out.summaryPath, out.summary.Bytes()); err != nil {
			errs = append(errs, fmt.Errorf("write the step summary ($%s): %w", stepSummaryEnv, err))
		}
	}
	if _, err := stdout.Write(main.Bytes()); err != nil {
		return err
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return nil
}

// appendFile appends data to the file name, creating it if need be.
func appendFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
