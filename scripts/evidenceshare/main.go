// Command evidenceshare reads the JSON of `gapcheck timeline --format json` on
// standard input and prints, per date of its trend, the EU-wide evidence share:
// of the findings that apply and are due (not not_applicable, not_yet_due or
// error), the share that rests on a sourced fact (is not unknown); then the same
// per recommendation. Shares are rounded down to a tenth of a percent.
// scripts/evidence-share.sh runs it on the shipped profiles.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// counts are a trend's counts, in the JSON of checker.Counts.
type counts = checker.Counts

type document struct {
	Version int `json:"version"`
	Trend   *struct {
		Dates           []string `json:"dates"`
		Recommendations []struct {
			ID     string   `json:"id"`
			Counts []counts `json:"counts"`
		} `json:"recommendations"`
	} `json:"trend"`
}

func main() {
	var doc document
	if err := json.NewDecoder(os.Stdin).Decode(&doc); err != nil {
		fail("read the timeline JSON on standard input: %v", err)
	}
	if doc.Version != 1 || doc.Trend == nil {
		fail("want gapcheck timeline --format json with a trend (several profiles, or --trend), version 1")
	}
	t := doc.Trend
	share := func(applicable, unknown int) string {
		if applicable == 0 {
			return "    -"
		}
		// Rounded down, as every percentage gapcheck prints: 99.96% never reads as 100%.
		tenths := 1000 * (applicable - unknown) / applicable
		return fmt.Sprintf("%2d.%d%%", tenths/10, tenths%10)
	}
	fmt.Printf("%-30s", "EVIDENCE SHARE")
	for _, d := range t.Dates {
		fmt.Printf("  %10s", d)
	}
	fmt.Println()
	totals := make([]counts, len(t.Dates))
	for _, r := range t.Recommendations {
		for i, c := range r.Counts {
			totals[i] = totals[i].Plus(c)
		}
	}
	fmt.Printf("%-30s", "all (sourced/applicable)")
	for _, c := range totals {
		fmt.Printf("  %10s", fmt.Sprintf("%d/%d", c.Applicable()-c.Unknown, c.Applicable()))
	}
	fmt.Println()
	fmt.Printf("%-30s", "all")
	for _, c := range totals {
		fmt.Printf("  %10s", share(c.Applicable(), c.Unknown))
	}
	fmt.Println()
	fmt.Println(strings.Repeat("-", 30+12*len(t.Dates)))
	for _, r := range t.Recommendations {
		fmt.Printf("%-30s", r.ID)
		for _, c := range r.Counts {
			fmt.Printf("  %10s", share(c.Applicable(), c.Unknown))
		}
		fmt.Println()
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "evidenceshare: "+format+"\n", args...)
	os.Exit(1)
}
