package cli

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/gapcheck/gapcheck/checker"
)

// loadWaivers reads the --waivers file; "" means none. A file that cannot be read
// or is not valid stops the run (exit 2), before any policy is compiled.
func loadWaivers(name string) (*checker.Waivers, error) {
	if name == "" {
		return nil, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("--waivers: open %s: %w", name, unwrapPathError(err))
	}
	defer f.Close()
	w, err := checker.LoadWaivers(filepath.ToSlash(name), f)
	if err != nil {
		return nil, err
	}
	return w, nil
}

// warnWaivers writes a warning for each expired waiver still matching a gap and
// each orphaned waiver, in the order of the waivers file (then of profile and
// recommendation), so that the output is the same from run to run.
func warnWaivers(w io.Writer, r *checker.WaiverReport) error {
	type warning struct {
		at   checker.Location
		key  string
		text string
	}
	var ws []warning
	for _, m := range r.Expired {
		ws = append(ws, warning{m.Waiver.Location, m.Profile + "\x00" + m.Recommendation, fmt.Sprintf(
			"waiver by %s expired %s; it no longer waives %s in %s", m.Waiver.Owner, m.Waiver.Expires, m.Recommendation, m.Profile)})
	}
	for _, e := range r.Orphaned {
		ws = append(ws, warning{e.Location, "", fmt.Sprintf(
			"waiver of %s in %s matches no gap or partial finding; remove it", e.Recommendation, e.Country)})
	}
	slices.SortStableFunc(ws, func(a, b warning) int {
		return cmp.Or(cmp.Compare(a.at.Line, b.at.Line), cmp.Compare(a.at.Column, b.at.Column), cmp.Compare(a.key, b.key))
	})
	for _, x := range ws {
		if err := warnf(w, "%s: %s", x.at, x.text); err != nil {
			return err
		}
	}
	return nil
}
