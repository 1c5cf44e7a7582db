package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"golang.org/x/term"

	"github.com/gapcheck/gapcheck/internal/render"
)

// IOStreams are the process's streams, injected so that tests capture output and
// choose whether stdout is a terminal.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutIsTTY is true when Out is a terminal: colours and the terminal's width are
	// used only then.
	OutIsTTY bool
	// Width is the terminal's width; 0 when unknown.
	Width int
	// Getenv reads the environment (NO_COLOR, GITHUB_STEP_SUMMARY, GAPCHECK_*).
	Getenv func(string) string
	// Now is the clock (waivers expire against it); nil means time.Now.
	Now func() time.Time
	// Exit ends the process with a code; nil (in tests) means gapcheck never ends
	// a process itself: no memory watchdog, no exit on a second interrupt.
	Exit func(int)
}

// now is the time by the streams' clock.
func (s IOStreams) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// System returns the streams of the process.
func System() IOStreams {
	s := IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Getenv: os.Getenv, Now: time.Now, Exit: os.Exit}
	if fd := os.Stdout.Fd(); isatty.IsTerminal(fd) {
		s.OutIsTTY = true
		if w, _, err := term.GetSize(int(fd)); err == nil {
			s.Width = w
		}
	}
	return s
}

// color reports whether output may be coloured: on a terminal, without NO_COLOR
// (https://no-color.org) and without --no-color.
func (s IOStreams) color(noColor bool) bool {
	return s.OutIsTTY && !noColor && s.Getenv("NO_COLOR") == ""
}

// warnf writes a warning: one line, "gapcheck: warning: ...", guarded as every
// line of data is (render.Line: no line break or control character from the
// arguments; render.GuardLine: no workflow command).
func warnf(w io.Writer, format string, args ...any) error {
	msg := render.Line(fmt.Sprintf(format, args...))
	_, err := fmt.Fprintf(w, "%s\n", render.GuardLine("gapcheck: warning: "+msg))
	return err
}
