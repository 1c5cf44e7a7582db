package render

import (
	"encoding/json"
	"io"

	"github.com/gapcheck/gapcheck/checker"
)

type jsonRenderer struct{}

// jsonDocument is the versioned JSON contract: {"version", "reports": [...]}.
type jsonDocument struct {
	Version int               `json:"version"`
	Reports []*checker.Report `json:"reports"`
}

func (jsonRenderer) Render(w io.Writer, run *Run) error {
	reports := run.Reports
	if reports == nil {
		reports = []*checker.Report{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(jsonDocument{Version: JSONVersion, Reports: reports})
}
