package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// DiffJSONVersion is the version of the JSON diff contract. It changes only when a
// field is removed or changes meaning; 2 is the time model (not_yet_due, at, from,
// to).
const DiffJSONVersion = 2

// A DiffRun is what a diff renderer renders: the changes from a git base to the
// working tree.
type DiffRun struct {
	Base       string // the base as the user named it (e.g. origin/main)
	BaseCommit string // the commit it resolved to
	// At is the date both sides were evaluated at; "" for each state the head
	// profile's as_of.
	At string
	// From and To are the two dates of a diff of one tree over time (From set,
	// Base empty); To "" is each profile's as_of.
	From, To string
	Changes  []checker.Change // as checker.Compare sorted them
	// Waivers is what the waivers file did to the working tree's reports; nil
	// without a waivers file.
	Waivers *checker.WaiverReport
	// BasePolicies and HeadPolicies are the policies each side was judged by
	// (the same set for a diff over time); every format names them. Nil leaves
	// them unnamed.
	BasePolicies, HeadPolicies *checker.PolicySet
}

// diffSummaryLine says what changed in a few words: "2 gaps opened, 1 closed, 3
// status changes in 2 states".
func diffSummaryLine(s checker.DiffSummary) string {
	var parts []string
	add := func(n int, one, many string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(s.GapsOpened, "gap opened", "gaps opened")
	if s.GapsOpened > 0 {
		add(s.GapsClosed, "closed", "closed")
	} else {
		add(s.GapsClosed, "gap closed", "gaps closed")
	}
	add(s.StatusChanges, "status change", "status changes")
	add(s.RecommendationsAdded, "recommendation added", "recommendations added")
	add(s.RecommendationsRemoved, "recommendation removed", "recommendations removed")
	add(s.ProfilesAdded, "profile added", "profiles added")
	add(s.ProfilesRemoved, "profile removed", "profiles removed")
	add(s.ProfilesRenamed, "profile renamed", "profiles renamed")
	if len(parts) == 0 {
		return "no change to any finding"
	}
	states := "1 state"
	if s.States != 1 {
		states = fmt.Sprintf("%d states", s.States)
	}
	return strings.Join(parts, ", ") + " in " + states
}

// worseLine says how many changes made a finding worse, or nothing.
func worseLine(s checker.DiffSummary) string {
	switch s.Worse {
	case 0:
		return ""
	case 1:
		return "1 change made a finding worse."
	}
	return fmt.Sprintf("%d changes made a finding worse.", s.Worse)
}

// kindLabel is how text output names a kind of change.
func kindLabel(k checker.ChangeKind) string {
	return strings.ReplaceAll(strings.TrimPrefix(string(k), "profile_"), "_", " ")
}

// countsText renders a profile's counts as "3 gap, 1 partial, 10 unknown", leaving
// out the zeros.
func countsText(c checker.Counts) string {
	var parts []string
	for _, st := range checker.Statuses {
		if n := c.Of(st); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, label(st)))
		}
	}
	if len(parts) == 0 {
		return "no findings"
	}
	return strings.Join(parts, ", ")
}

// byState groups changes, which Compare sorted by state, keeping their order.
func byState(changes []checker.Change) [][]checker.Change {
	var groups [][]checker.Change
	for i, c := range changes {
		if i == 0 || c.Country != changes[i-1].Country || c.State != changes[i-1].State {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], c)
	}
	return groups
}

// profileLine describes a change of the profile itself.
func profileLine(c checker.Change, quote func(string) string, arrow string) string {
	switch c.Kind {
	case checker.ChangeProfileAdded:
		return fmt.Sprintf("profile added: %s (%s)", quote(c.Profile), countsText(*c.Counts))
	case checker.ChangeProfileRemoved:
		return fmt.Sprintf("profile removed: %s (had %s)", quote(c.Profile), countsText(*c.Counts))
	}
	return fmt.Sprintf("profile renamed: %s %s %s", quote(c.BaseProfile), arrow, quote(c.Profile))
}

func isProfileChange(c checker.Change) bool {
	return c.Kind == checker.ChangeProfileAdded || c.Kind == checker.ChangeProfileRemoved || c.Kind == checker.ChangeProfileRenamed
}

// transition renders a finding's statuses: "met -> gap", "-> gap" when added.
func transition(c checker.Change, arrow string) string {
	from, to := label(c.Base), label(c.Head)
	switch {
	case c.Base == "":
		return "new: " + to
	case c.Head == "":
		return "was: " + from
	}
	return from + " " + arrow + " " + to
}

func where(c checker.Change) string {
	if c.Location == nil {
		return ""
	}
	return fmt.Sprintf("%s:%d", c.Location.File, c.Location.Line)
}

// diffSubject says what a diff compares: "against main", "against main at
// 2018-12-31", "from 2016-03-01 to 2018-12-31". quote writes a name or a date.
func diffSubject(run *DiffRun, quote func(string) string) string {
	if run.Base == "" && run.From != "" {
		to := "each profile's as_of"
		if run.To != "" {
			to = quote(run.To)
		}
		return fmt.Sprintf("from %s to %s", quote(run.From), to)
	}
	if run.At != "" {
		return fmt.Sprintf("against %s at %s", quote(run.Base), quote(run.At))
	}
	return "against " + quote(run.Base)
}

// diffPolicies says which policies judged each side: one set for both, or the
// base's and the working tree's. name writes a set's name, quote the base; nil
// sets are left unnamed.
func diffPolicies(run *DiffRun, name, quote func(string) string) []string {
	b, h := run.BasePolicies, run.HeadPolicies
	switch {
	case b == nil || h == nil:
		return nil
	case b.Digest == h.Digest && run.Base == "":
		return []string{"policies: " + name(h.Name)}
	case b.Digest == h.Digest:
		return []string{"policies of both sides: " + name(h.Name)}
	}
	return []string{"policies at " + quote(run.Base) + ": " + name(b.Name), "policies of the working tree, changed: " + name(h.Name)}
}

type diffTable struct{}

// RenderDiff writes a heading with the summary, then each state's changes: the
// profile's own change on one line, each finding's change as aligned columns with
// its message below.
func (diffTable) RenderDiff(w io.Writer, run *DiffRun) error {
	bw := bufio.NewWriter(w)
	s := checker.SummarizeChanges(run.Changes)
	fmt.Fprintf(bw, "gapcheck diff %s: %s.\n", diffSubject(run, func(s string) string { return s }), diffSummaryLine(s))
	if l := worseLine(s); l != "" {
		fmt.Fprintln(bw, l)
	}
	plain := func(s string) string { return s }
	for _, l := range diffPolicies(run, plain, plain) {
		fmt.Fprintln(bw, l)
	}
	// Column widths over the whole run, so that every state lines up.
	var wKind, wID, wSev, wStatus int
	for _, c := range run.Changes {
		if isProfileChange(c) {
			continue
		}
		wKind = max(wKind, len(kindLabel(c.Kind)+worseMark(c)))
		wID = max(wID, len(c.Recommendation))
		wSev = max(wSev, len(c.Severity))
		wStatus = max(wStatus, len(transition(c, "->")))
	}
	for _, group := range byState(run.Changes) {
		first := group[0]
		fmt.Fprintf(bw, "\n%s (%s)\n", first.State, first.Country)
		for _, c := range group {
			if isProfileChange(c) {
				fmt.Fprintf(bw, "  %s\n", profileLine(c, func(s string) string { return s }, "->"))
				continue
			}
			line := fmt.Sprintf("  %-*s  %-*s  %-*s  %-*s  %s", wKind, kindLabel(c.Kind)+worseMark(c), wID, c.Recommendation,
				wSev, c.Severity, wStatus, transition(c, "->"), where(c))
			fmt.Fprintln(bw, strings.TrimRight(line, " "))
			if c.Message != "" {
				fmt.Fprintf(bw, "  %-*s  %s\n", wKind, "", c.Message)
			}
		}
	}
	if run.Waivers != nil {
		fmt.Fprintf(bw, "\nWaivers (%s): %d applied, %d expired, %d orphaned.\n",
			run.Waivers.File, len(run.Waivers.Applied), len(run.Waivers.Expired), len(run.Waivers.Orphaned))
	}
	return bw.Flush()
}

func worseMark(c checker.Change) string {
	if c.Worse {
		return " (worse)"
	}
	return ""
}

type diffMarkdown struct{}

// RenderDiff writes a pull-request comment: a summary line, then a section per
// state with a table of its finding changes.
func (diffMarkdown) RenderDiff(w io.Writer, run *DiffRun) error {
	bw := bufio.NewWriter(w)
	s := checker.SummarizeChanges(run.Changes)
	fmt.Fprintf(bw, "**gapcheck** %s: %s.", diffSubject(run, func(s string) string { return "`" + mdCell(s) + "`" }), diffSummaryLine(s))
	if l := worseLine(s); l != "" {
		fmt.Fprintf(bw, " **%s**", l)
	}
	fmt.Fprintln(bw)
	code := func(s string) string { return "`" + mdCell(s) + "`" }
	if lines := diffPolicies(run, code, code); len(lines) > 0 {
		fmt.Fprintf(bw, "\n%s%s.\n", strings.ToUpper(lines[0][:1]), strings.Join(lines, "; ")[1:])
	}
	for _, group := range byState(run.Changes) {
		first := group[0]
		fmt.Fprintf(bw, "\n### %s (%s)\n\n", mdCell(first.State), first.Country)
		var rows []checker.Change
		for _, c := range group {
			if isProfileChange(c) {
				line := profileLine(c, code, "→")
				fmt.Fprintf(bw, "%s%s\n", strings.ToUpper(line[:1]), line[1:])
				continue
			}
			rows = append(rows, c)
		}
		if len(rows) == 0 {
			continue
		}
		if len(rows) < len(group) {
			fmt.Fprintln(bw)
		}
		fmt.Fprintln(bw, "| Change | Recommendation | Severity | Status | Finding | Where |")
		fmt.Fprintln(bw, "|---|---|---|---|---|---|")
		for _, c := range rows {
			change := kindLabel(c.Kind)
			if c.Worse {
				change = "**" + change + " (worse)**"
			}
			fmt.Fprintf(bw, "| %s | `%s` %s | %s | %s | %s | %s |\n", change, c.Recommendation, mdCell(c.Title), c.Severity,
				transition(c, "→"), mdCell(c.Message), mdCell(where(c)))
		}
	}
	if run.Waivers != nil {
		fmt.Fprintf(bw, "\nWaivers (%s): %d applied, %d expired, %d orphaned.\n",
			code(run.Waivers.File), len(run.Waivers.Applied), len(run.Waivers.Expired), len(run.Waivers.Orphaned))
	}
	return bw.Flush()
}

type diffJSON struct{}

// diffDocument is the versioned JSON diff contract:
// {"version", "base", "base_commit", "summary", "changes": [...], "waivers"?}.
type diffDocument struct {
	Version    int                   `json:"version"`
	Base       string                `json:"base"`
	BaseCommit string                `json:"base_commit"`
	At         string                `json:"at,omitempty"`
	From       string                `json:"from,omitempty"`
	To         string                `json:"to,omitempty"`
	Summary    checker.DiffSummary   `json:"summary"`
	Changes    []checker.Change      `json:"changes"`
	Waivers    *checker.WaiverReport `json:"waivers,omitempty"`
	// Policies are the policies each side was judged by.
	Policies *diffPolicySets `json:"policies,omitempty"`
}

// diffPolicySets are the policies of the two sides of a diff.
type diffPolicySets struct {
	Base    *checker.PolicySet `json:"base"`
	Head    *checker.PolicySet `json:"head"`
	Changed bool               `json:"changed"`
}

func (diffJSON) RenderDiff(w io.Writer, run *DiffRun) error {
	changes := run.Changes
	if changes == nil {
		changes = []checker.Change{}
	}
	doc := diffDocument{
		Version: DiffJSONVersion, Base: run.Base, BaseCommit: run.BaseCommit, At: run.At, From: run.From, To: run.To,
		Summary: checker.SummarizeChanges(changes), Changes: changes, Waivers: run.Waivers,
	}
	if run.BasePolicies != nil && run.HeadPolicies != nil {
		doc.Policies = &diffPolicySets{Base: run.BasePolicies, Head: run.HeadPolicies, Changed: run.BasePolicies.Digest != run.HeadPolicies.Digest}
	}
	return writeJSON(w, doc)
}
