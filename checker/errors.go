package checker

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/gapcheck/gapcheck/internal/policy"
)

// Sentinel errors, for errors.Is. The positioned errors below wrap them where they
// apply, so that a caller can tell the kind of problem without parsing a message.
var (
	// ErrNoProfiles reports that a run found no profile to evaluate.
	ErrNoProfiles = errors.New("no profiles found")
	// ErrNoRecommendations reports that the policies define no recommendation.
	ErrNoRecommendations = errors.New("no recommendations loaded")
	// ErrTooLarge reports a file larger than the limit for its kind.
	ErrTooLarge = errors.New("file too large")
	// ErrNotRegular reports a path that is not a regular file once links are
	// followed: a FIFO or a device would block or never end.
	ErrNotRegular = policy.ErrNotRegular
	// ErrUndeclaredSource reports a fact citing a source the profile does not declare.
	ErrUndeclaredSource = errors.New("source not declared")
	// ErrUncitedSource reports a declared source that no fact cites.
	ErrUncitedSource = errors.New("source never cited")
	// ErrDuplicateState reports a second profile of a state in one run.
	ErrDuplicateState = errors.New("state profiled twice")
)

// A FileError is one problem at a position in a user's file (a profile, a waivers
// file), rendered as "file:line:column: path: message"; the column, the line and the
// path are left out when unknown. It is modelled on encoding/csv's ParseError.
type FileError struct {
	File   string
	Line   int // 1-based; 0 when the problem has no position
	Column int // 1-based; 0 when unknown
	Path   string
	Err    error
}

func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString(policy.Position(e.File, e.Line, e.Column))
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the problem itself.
func (e *FileError) Unwrap() error { return e.Err }

// A ValidationError holds every problem found in one file, in file order.
type ValidationError struct {
	File     string
	Problems []*FileError
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the individual problems.
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// A PolicyError is a problem at a position in a Rego file: a parse or compile error,
// a recommendation without its required metadata, or a conflict at evaluation time.
// It renders as "file:line:column: message" and unwraps to the problem.
type PolicyError = policy.Error

// PolicyErrors is a list of policy problems, in file order.
type PolicyErrors = policy.Errors

// A PolicySource is a directory of Rego files. Dir is how messages name it: a file
// at "rules/x.rego" in FS is reported as Dir + "/rules/x.rego".
type PolicySource = policy.Source

// EmbeddedPolicies is the policy source compiled into gapcheck.
func EmbeddedPolicies() PolicySource { return policy.Embedded() }

// kindError is a message that unwraps to a sentinel, so that errors.Is tells its
// kind while the message stays specific.
type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

// errorOf returns a formatted error of the kind of a sentinel.
func errorOf(kind error, format string, args ...any) error {
	return &kindError{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// WalkErrors calls visit on err and, depth first and in order, on every error it
// wraps (errors.Join, a ValidationError's problems, %w chains); below an error for
// which visit returns false it goes no further. An error behind a pointer is
// visited once, however many paths lead to it. It is how a caller finds every
// FileError and PolicyError of the error that stopped a run.
func WalkErrors(err error, visit func(error) bool) {
	seen := map[error]bool{}
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		if reflect.TypeOf(e).Kind() == reflect.Pointer {
			if seen[e] {
				return
			}
			seen[e] = true
		}
		if !visit(e) {
			return
		}
		switch u := e.(type) {
		case interface{ Unwrap() []error }:
			for _, c := range u.Unwrap() {
				walk(c)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	walk(err)
}
