package render

import (
	"io"

	"github.com/gapcheck/gapcheck/checker"
)

type jsonRenderer struct{}

// jsonDocument is the versioned JSON contract: {"version", "reports": [...]}, and
// "overview" (the EU-wide matrix) when there is more than one report.
type jsonDocument struct {
	Version  int               `json:"version"`
	Reports  []*checker.Report `json:"reports"`
	Overview *checker.Overview `json:"overview,omitempty"`
	// Waivers says what the waivers file did; only with --waivers.
	Waivers *checker.WaiverReport `json:"waivers,omitempty"`
	// Filter is what --status, --severity and --recommendation selected; each
	// report then counts what it left out (filtered_out).
	Filter *checker.Filter `json:"filter,omitempty"`
	// Policies are the policies the reports were judged by.
	Policies *checker.PolicySet `json:"policies,omitempty"`
}

// Render writes the document through its streaming form, so that both give the
// same bytes.
func (jsonRenderer) Render(w io.Writer, run *Run) error {
	return renderStream(&jsonStream{}, w, run)
}
