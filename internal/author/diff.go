package author

import (
	"fmt"
	"strings"
)

// diffContext is how many unchanged lines a hunk shows around a change.
const diffContext = 3

// An edit is one line of a line diff: ' ' kept, '-' removed, '+' added.
type edit struct {
	op   byte
	line string
}

// unifiedDiff returns a unified diff (as `diff -u` writes it) from before to after,
// both the file name; "" when they are equal. Policy files are small, so a
// quadratic longest-common-subsequence diff is fine.
func unifiedDiff(name, before, after string) string {
	if before == after {
		return ""
	}
	edits := lineEdits(splitLines(before), splitLines(after))
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s (formatted)\n", name, name)
	for start := 0; start < len(edits); {
		// Find the next change; a hunk runs until diffContext*2 unchanged lines pass.
		first := start
		for first < len(edits) && edits[first].op == ' ' {
			first++
		}
		if first == len(edits) {
			break
		}
		from := max(first-diffContext, start)
		end, kept := first, 0
		for end < len(edits) && kept <= 2*diffContext {
			if edits[end].op == ' ' {
				kept++
			} else {
				kept = 0
			}
			end++
		}
		end = min(end-kept+diffContext, len(edits))
		writeHunk(&b, edits, from, end)
		start = end
	}
	return b.String()
}

func writeHunk(b *strings.Builder, edits []edit, from, end int) {
	oldStart, newStart := 1, 1
	for _, e := range edits[:from] {
		if e.op != '+' {
			oldStart++
		}
		if e.op != '-' {
			newStart++
		}
	}
	oldLen, newLen := 0, 0
	for _, e := range edits[from:end] {
		if e.op != '+' {
			oldLen++
		}
		if e.op != '-' {
			newLen++
		}
	}
	fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(oldStart, oldLen), hunkRange(newStart, newLen))
	for _, e := range edits[from:end] {
		b.WriteByte(e.op)
		b.WriteString(e.line)
		b.WriteByte('\n')
	}
}

func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// splitLines splits text into lines; a missing final newline is marked as diff does.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.Split(s, "\n")
	if lines[len(lines)-1] == "" {
		return lines[:len(lines)-1]
	}
	lines[len(lines)-1] += "\n\\ No newline at end of file"
	return lines
}

// lineEdits computes a shortest edit script from a to b by longest common subsequence.
func lineEdits(a, b []string) []edit {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	edits := make([]edit, 0, max(n, m))
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			edits = append(edits, edit{' ', a[i]})
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			edits = append(edits, edit{'-', a[i]})
			i++
		default:
			edits = append(edits, edit{'+', b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		edits = append(edits, edit{'-', a[i]})
	}
	for ; j < m; j++ {
		edits = append(edits, edit{'+', b[j]})
	}
	return edits
}
