package policy

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// An Error is a problem at a position in a Rego file: a parse or compile error, a
// breach of the metadata contract, a conflict at evaluation time. It renders as
// "file:line:column: message", leaving out what is unknown, then each line of
// Detail on a line of its own, indented with a tab.
type Error struct {
	File   string
	Line   int // 1-based; 0 when the problem has no position
	Column int // 1-based; 0 when unknown
	Err    error
	// Detail says more, as OPA does: the source line with a caret under the
	// column of a parse error, the argument types a call has and wants.
	Detail []string
}

func (e *Error) Error() string {
	msg := Position(e.File, e.Line, e.Column) + e.Err.Error()
	for _, d := range e.Detail {
		msg += "\n\t" + d
	}
	return msg
}

// Unwrap returns the problem itself.
func (e *Error) Unwrap() error { return e.Err }

// Errors is a list of policy problems.
type Errors []*Error

func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, p := range e {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the individual problems.
func (e Errors) Unwrap() []error {
	errs := make([]error, len(e))
	for i, p := range e {
		errs[i] = p
	}
	return errs
}

// Sort orders the problems by file, line and column, keeping the order in which
// problems at the same position were found (OPA's own order, or the order of the
// metadata contract).
func (e Errors) Sort() {
	slices.SortStableFunc(e, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
}

// At returns an Error at an OPA location (nil: no position).
func At(loc *ast.Location, err error) *Error {
	if loc == nil {
		return &Error{Err: err}
	}
	return &Error{File: loc.File, Line: loc.Row, Column: loc.Col, Err: err}
}

// Atf is At with a formatted message.
func Atf(loc *ast.Location, format string, args ...any) *Error {
	return At(loc, fmt.Errorf(format, args...))
}

// FromAST converts OPA's parse and compile errors to Errors, in file order; any
// other error becomes one Error without a position.
func FromAST(err error) Errors {
	var aerrs ast.Errors
	if !errors.As(err, &aerrs) {
		return Errors{{Err: err}}
	}
	out := make(Errors, 0, len(aerrs))
	for _, e := range aerrs {
		pe := At(e.Location, errors.New(e.Message))
		if e.Details != nil {
			pe.Detail = e.Details.Lines()
		}
		// The caret's column, which OPA gives only there; at the end of the file
		// the line shown is the last one, not the line of the position.
		if d, ok := e.Details.(*ast.ParserErrorDetail); ok && pe.Line > 0 && pe.Column == 0 && !strings.Contains(e.Message, "eof") {
			pe.Column = d.Idx + 1
		}
		out = append(out, pe)
	}
	out.Sort()
	// OPA may report one parse problem twice, more precisely the second time:
	// the source line is shown once.
	for i := 1; i < len(out); i++ {
		a, b := out[i-1], out[i]
		if a.File == b.File && a.Line == b.Line && a.Column == b.Column && slices.Equal(a.Detail, b.Detail) {
			b.Detail = nil
		}
	}
	return out
}

// Position renders a position prefix "file:line:column: ", leaving out the column,
// the line and the file when they are unknown.
func Position(file string, line, col int) string {
	switch {
	case file == "":
		return ""
	case line <= 0:
		return file + ": "
	case col <= 0:
		return fmt.Sprintf("%s:%d: ", file, line)
	default:
		return fmt.Sprintf("%s:%d:%d: ", file, line, col)
	}
}
