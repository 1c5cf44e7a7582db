package cli

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestWriteStepSummary: a step summary that fits GitHub's 1 MiB is written whole;
// a larger one is cut at the last section heading that lets it fit, with a note
// that counts what was left out, and never comes to more than 1 MiB.
func TestWriteStepSummary(t *testing.T) {
	section := func(i int) string {
		return fmt.Sprintf("\n## State %d (X%d): gap report\n\n%s\n", i, i, strings.Repeat("| a | b |\n", 100))
	}
	var big strings.Builder
	big.WriteString("**gapcheck**: 3 of 3 annotations shown.\n\n# EU-wide picture\n")
	for i := 0; big.Len() < 3*maxStepSummary; i++ {
		big.WriteString(section(i))
	}
	oneLine := strings.Repeat("x", 2*maxStepSummary) // no heading, no line to cut at
	for _, tt := range []struct {
		name, in string
		whole    bool
	}{
		{"small", "**gapcheck**: 1 of 1.\n\n## Belgium (BE)\n", true},
		{"exactly the limit", strings.Repeat("y", maxStepSummary), true},
		{"over, cut at a heading", big.String(), false},
		{"over, one line", oneLine, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := writeStepSummary(&out, strings.NewReader(tt.in), int64(len(tt.in))); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			if tt.whole {
				if got != tt.in {
					t.Errorf("a summary that fits was changed (%d bytes of %d)", len(got), len(tt.in))
				}
				return
			}
			if len(got) > maxStepSummary {
				t.Errorf("%d bytes: over GitHub's limit", len(got))
			}
			body, note, ok := strings.Cut(got, "\n---\n\n**gapcheck**: the summary stops here")
			if !ok {
				t.Fatalf("no note at the end:\n%.300s", got[len(got)-300:])
			}
			if !strings.HasPrefix(tt.in, body) {
				t.Error("the part kept is not the beginning of the summary")
			}
			if left := fmt.Sprintf("and %d bytes of the report", len(tt.in)-len(body)); !strings.Contains(note, left) {
				t.Errorf("the note does not say %q: %s", left, note)
			}
			if tt.in == big.String() && !strings.HasPrefix(tt.in[len(body):], "## State ") {
				t.Errorf("not cut before a section heading: %.40q", tt.in[len(body):])
			}
		})
	}
}
