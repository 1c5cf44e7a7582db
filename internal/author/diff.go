package author

import (
	"strings"

	"github.com/pmezard/go-difflib/difflib"
)

// unifiedDiff returns a unified diff (as `diff -u` writes it) from before to after,
// both the file name; "" when they are equal.
func unifiedDiff(name, before, after string) string {
	if before == after {
		return ""
	}
	out, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A: lines(before), B: lines(after), FromFile: name, ToFile: name + " (formatted)", Context: 3,
	})
	if err != nil { // only a failing writer; the builder never fails
		return ""
	}
	return out
}

// lines splits text into lines that keep their line breaks, marking a missing
// final newline as diff does.
func lines(s string) []string {
	out := strings.SplitAfter(s, "\n")
	if len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	if n := len(out); n > 0 && !strings.HasSuffix(out[n-1], "\n") {
		out[n-1] += "\n\\ No newline at end of file\n"
	}
	return out
}
