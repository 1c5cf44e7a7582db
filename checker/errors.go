package checker

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Sentinel errors, for errors.Is.
var (
	// ErrNoProfiles reports that a run found no profile to evaluate.
	ErrNoProfiles = errors.New("no profiles found")
	// ErrNoRecommendations reports that the policies define no recommendation.
	ErrNoRecommendations = errors.New("no recommendations loaded")
)

// A ProfileError is one problem at a position in a profile, rendered as
// "file:line:column: path: message" (the column, the line and the path are left out
// when unknown).
type ProfileError struct {
	File   string
	Line   int // 1-based; 0 when the problem has no position
	Column int // 1-based; 0 when unknown
	Path   string
	Err    error
}

func (e *ProfileError) Error() string {
	var b strings.Builder
	b.WriteString(positionPrefix(e.File, e.Line, e.Column))
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *ProfileError) Unwrap() error { return e.Err }

// A ValidationError holds every problem found in one profile, in file order.
type ValidationError struct {
	File     string
	Problems []*ProfileError
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

// A PolicyError is a problem in a Rego policy: a parse or compile error, a
// recommendation without its required metadata, or a conflict at evaluation time.
type PolicyError struct {
	File   string
	Line   int
	Column int
	Msg    string
}

func (e *PolicyError) Error() string {
	return positionPrefix(e.File, e.Line, e.Column) + e.Msg
}

// PolicyErrors is a list of policy problems, in file order.
type PolicyErrors []*PolicyError

func (e PolicyErrors) Error() string {
	lines := make([]string, len(e))
	for i, p := range e {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Sort orders the problems by file, line and column, keeping the order in which
// problems at the same position were found (OPA's own order, or the order of the
// metadata contract).
func (e PolicyErrors) Sort() {
	sort.SliceStable(e, func(i, j int) bool {
		a, b := e[i], e[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

// Unwrap returns the individual problems.
func (e PolicyErrors) Unwrap() []error {
	errs := make([]error, len(e))
	for i, p := range e {
		errs[i] = p
	}
	return errs
}

func positionPrefix(file string, line, col int) string {
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
