package cli

import (
	"context"
	"errors"
	"strings"
	"syscall"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/render"
)

// problemsOf turns the error that stopped a run into positioned problems for the
// CI formats: every *checker.FileError (a profile, a waivers file) and
// *checker.PolicyError (a policy) with its file, line and column, in order; an
// error without any is one problem without a position. An interrupt, or stdout
// gone, is none: there is nothing to report.
func problemsOf(err error) []render.Problem {
	if err == nil || isQuiet(err) {
		return nil
	}
	var out []render.Problem
	checker.WalkErrors(err, func(e error) bool {
		switch x := e.(type) {
		case *checker.FileError:
			msg := x.Err.Error()
			if x.Path != "" {
				msg = x.Path + ": " + msg
			}
			kind := "profile"
			if strings.HasPrefix(x.Path, "waivers") {
				kind = "waivers"
			}
			out = append(out, render.Problem{Kind: kind, File: x.File, Line: x.Line, Column: x.Column, Message: msg})
			return false
		case *checker.PolicyError:
			out = append(out, render.Problem{Kind: "policy", File: x.File, Line: x.Line, Column: x.Column, Message: x.Err.Error()})
			return false
		}
		return true
	})
	if len(out) == 0 {
		for line := range strings.SplitSeq(err.Error(), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				out = append(out, render.Problem{Kind: "error", Message: line})
			}
		}
	}
	return out
}

// isQuiet reports an error that ends a run without a problem to report.
func isQuiet(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var ee *ExitError
	if errors.As(err, &ee) && ee.Code != ExitInvalid {
		return true
	}
	return false
}
