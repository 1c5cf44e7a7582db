package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"

	"github.com/gapcheck/gapcheck/internal/render"
)

// Exit codes, mapped from errors in one place (exitCode) and documented in the
// README and in `gapcheck --help`.
const (
	ExitOK      = 0 // no finding at or above the failure threshold
	ExitFail    = 1 // findings at or above the failure threshold (gaps, or a worse diff)
	ExitInvalid = 2 // invalid input, usage or policy error; nothing was judged

	// ExitBrokenPipe is the status when the reader of stdout went away (gapcheck
	// ... | head): the status a shell shows for a filter killed by SIGPIPE, so that
	// a report that was not read in full never passes for a clean one.
	ExitBrokenPipe = 128 + 13

	// ExitInterrupted is the status when an interrupt (Ctrl-C) or SIGTERM stopped
	// the run: the status a shell shows for a program killed by SIGINT.
	ExitInterrupted = 128 + 2
)

// exitCodesHelp is the exit code table of --help.
const exitCodesHelp = `Exit codes:
  0  no finding at or above the failure threshold (--fail-on)
  1  findings at or above the threshold: gaps, partial gaps, or (with
     --fail-on-unknown) unknowns; for diff, a change made a finding worse
  2  invalid input (a profile, waiver or config file), a usage error, or a
     policy that failed to compile or evaluate: nothing was judged
When stdout closes early (gapcheck ... | head), gapcheck stops quietly with
141, the status of a filter killed by SIGPIPE; interrupted (Ctrl-C, SIGTERM), it
cancels the run, removes its temporary files and exits 130.`

// ExitError carries an exit code up to Main. A command returns one instead of
// calling os.Exit.
type ExitError struct {
	Code int
	Err  error // printed to stderr unless nil
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// errFindings reports findings at or above the threshold: exit 1, nothing printed
// (the report has said it).
var errFindings = &ExitError{Code: ExitFail}

// exitCode maps the error a command returned to the process exit code, printing
// it to stderr.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, syscall.EPIPE) {
		return ExitBrokenPipe // the reader went away: end quietly
	}
	code := ExitInvalid
	var ee *ExitError
	if errors.As(err, &ee) {
		code = ee.Code
		if ee.Err == nil {
			return code
		}
	}
	// One problem a line, each named as gapcheck's; an indented line continues
	// the problem above it (the values of a conflict, say). Every line is guarded:
	// a message quotes data, and stderr is a CI log too.
	for line := range strings.SplitSeq(err.Error(), "\n") {
		if strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
			fmt.Fprintf(stderr, "%s\n", render.GuardLine(line))
			continue
		}
		fmt.Fprintf(stderr, "gapcheck: %s\n", render.GuardLine(line))
	}
	return code
}
