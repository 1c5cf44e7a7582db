package render

import (
	"strings"
	"testing"

	"github.com/gapcheck/gapcheck/checker"
)

func TestDiffSummaryLine(t *testing.T) {
	tests := []struct {
		s    checker.DiffSummary
		want string
	}{
		{checker.DiffSummary{}, "no change to any finding"},
		{checker.DiffSummary{States: 2, GapsOpened: 2, GapsClosed: 1, StatusChanges: 3}, "2 gaps opened, 1 closed, 3 status changes in 2 states"},
		{checker.DiffSummary{States: 1, GapsClosed: 1}, "1 gap closed in 1 state"},
		{checker.DiffSummary{States: 1, GapsOpened: 1, StatusChanges: 1}, "1 gap opened, 1 status change in 1 state"},
		{checker.DiffSummary{States: 33, RecommendationsAdded: 33}, "33 recommendations added in 33 states"},
		{checker.DiffSummary{States: 3, ProfilesAdded: 1, ProfilesRemoved: 1, ProfilesRenamed: 1}, "1 profile added, 1 profile removed, 1 profile renamed in 3 states"},
	}
	for _, tt := range tests {
		if got := diffSummaryLine(tt.s); got != tt.want {
			t.Errorf("diffSummaryLine(%+v) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

// TestDiffMarkdownEscapes: text from profiles and policies cannot break the table.
func TestDiffMarkdownEscapes(t *testing.T) {
	var b strings.Builder
	loc := &checker.Location{File: "be.yaml", Line: 3}
	err := diffMarkdown{}.RenderDiff(&b, &DiffRun{Base: "main", Changes: []checker.Change{{
		Kind: checker.ChangeGapOpened, Country: "BE", State: "Belgium", Profile: "be.yaml", Recommendation: "x-y",
		Title: "a | b", Severity: checker.SeverityHigh, Base: checker.StatusMet, Head: checker.StatusGap, Worse: true,
		Message: "line one\nline <two>", Location: loc,
	}}})
	if err != nil {
		t.Fatal(err)
	}
	want := "| **gap opened (worse)** | `x-y` a \\| b | high | met → gap | line one line &lt;two&gt; | be.yaml:3 |\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("got:\n%s\nwant a row:\n%s", b.String(), want)
	}
}
