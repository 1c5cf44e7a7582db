package render

import "io"

// A Problem is one thing that stopped a run before anything was judged: an
// invalid profile, waivers file or config, a policy that does not compile. File,
// Line and Column are where it is, when it has a place.
type Problem struct {
	Kind         string // what kind of input: "profile", "waivers", "policy", "config", "usage"
	File         string
	Line, Column int
	Message      string // without the position
}

// An ErrorRenderer writes the problems of a run that stopped (exit 2) in a CI
// format, so that a CI run has its annotation, its SARIF file for the upload
// step, its JUnit report, and not just a line on stderr.
type ErrorRenderer interface {
	RenderErrors(w io.Writer, problems []Problem) error
}

type githubErrors struct{}

func (githubErrors) RenderErrors(w io.Writer, problems []Problem) error {
	for _, p := range problems {
		if err := githubError(w, p); err != nil {
			return err
		}
	}
	return nil
}

// NewErrors returns the error renderer of a format, and false for a format that
// has none (table, json, markdown: stderr says it).
func NewErrors(name string, o Options) (ErrorRenderer, bool) {
	switch name {
	case FormatGitHub:
		return githubErrors{}, true
	case FormatSARIF:
		return sarifRenderer{version: o.Version}, true
	case FormatJUnit:
		return junitRenderer{}, true
	}
	return nil, false
}
