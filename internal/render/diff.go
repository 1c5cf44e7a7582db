package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

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
	BaseCommit string // the commit the diff compares with: the merge base, or the tip of Base
	// MergeBase is true when BaseCommit is the merge base of Base and HEAD (what
	// git diff Base...HEAD compares with), false when it is Base's tip (--tip).
	MergeBase bool
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
	// WaiverChanges are the waivers the change added, changed or removed.
	WaiverChanges []checker.WaiverChange
	// AcceptLostEvidence is true when lost evidence was accepted on the command
	// line (--accept-lost-evidence): it is still listed, and fails nothing.
	AcceptLostEvidence bool
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

// worseLine says how many changes made a finding worse, how many lost evidence
// and how many fail the run, or nothing.
func worseLine(run *DiffRun, s checker.DiffSummary) string {
	var parts []string
	switch s.Worse {
	case 0:
	case 1:
		parts = append(parts, "1 change made a finding worse")
	default:
		parts = append(parts, fmt.Sprintf("%d changes made a finding worse", s.Worse))
	}
	if s.LostEvidence > 0 {
		lost := fmt.Sprintf("%d lost evidence", s.LostEvidence)
		if run.AcceptLostEvidence {
			lost += " (accepted by --accept-lost-evidence)"
		}
		parts = append(parts, lost)
	}
	fails := 0
	for _, c := range run.Changes {
		if c.Fails {
			fails++
		}
	}
	if fails > 0 {
		parts = append(parts, fmt.Sprintf("%d fail the run", fails))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "; ") + "."
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
		line := fmt.Sprintf("profile removed: %s (had %s)", quote(c.Profile), countsText(*c.Counts))
		if c.LostEvidence {
			line += "; its evidence is lost"
		}
		if c.Fails {
			line += " (fails the run)"
		}
		return line
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

// baseText names what the diff compared with: "main (merge base 1a2b3c4d)" or
// "the tip of main (1a2b3c4d)".
func baseText(run *DiffRun, quote func(string) string) string {
	short := run.BaseCommit
	if len(short) > 12 {
		short = short[:12]
	}
	switch {
	case short == "":
		return quote(run.Base)
	case run.MergeBase:
		return fmt.Sprintf("%s (merge base %s)", quote(run.Base), quote(short))
	}
	return fmt.Sprintf("the tip of %s (%s)", quote(run.Base), quote(short))
}

// waiverLine describes a waiver change: "added waivers.yaml:3: national-ftf-database
// in BE, by jane (until 2099-01-01): the bill is before parliament".
func waiverLine(c checker.WaiverChange, text func(string) string) string {
	w := c.Waiver
	line := fmt.Sprintf("%s %s: %s in %s, by %s until %s: %s", c.Kind, text(fmt.Sprintf("%s:%d", w.Location.File, w.Location.Line)),
		text(w.Recommendation), text(w.Country), text(w.Owner), text(w.Expires), text(w.Justification))
	if c.Base != nil {
		line += fmt.Sprintf(" (was: by %s until %s: %s)", text(c.Base.Owner), text(c.Base.Expires), text(c.Base.Justification))
	}
	return line
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
		return fmt.Sprintf("against %s at %s", baseText(run, quote), quote(run.At))
	}
	return "against " + baseText(run, quote)
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
// its message below; then the waivers the change added, changed or removed. Data
// is written through Line, and the whole through a LineGuard.
func (diffTable) RenderDiff(w io.Writer, run *DiffRun) error {
	guard := NewLineGuard(w)
	bw := bufio.NewWriter(guard)
	s := checker.SummarizeChanges(run.Changes)
	fmt.Fprintf(bw, "gapcheck diff %s: %s.\n", diffSubject(run, Line), diffSummaryLine(s))
	if l := worseLine(run, s); l != "" {
		fmt.Fprintln(bw, l)
	}
	for _, l := range diffPolicies(run, Line, Line) {
		fmt.Fprintln(bw, l)
	}
	// Column widths over the whole run, so that every state lines up.
	var wKind, wID, wSev, wStatus int
	for _, c := range run.Changes {
		if isProfileChange(c) {
			continue
		}
		wKind = max(wKind, len(kindLabel(c.Kind)+worseMark(c)))
		wID = max(wID, len(Line(c.Recommendation)))
		wSev = max(wSev, len(c.Severity))
		wStatus = max(wStatus, len(transition(c, "->")))
	}
	for _, group := range byState(run.Changes) {
		first := group[0]
		fmt.Fprintf(bw, "\n%s (%s)\n", Line(first.State), Line(first.Country))
		for _, c := range group {
			if isProfileChange(c) {
				fmt.Fprintf(bw, "  %s\n", profileLine(c, Line, "->"))
				continue
			}
			line := fmt.Sprintf("  %-*s  %-*s  %-*s  %-*s  %s", wKind, kindLabel(c.Kind)+worseMark(c), wID, Line(c.Recommendation),
				wSev, c.Severity, wStatus, transition(c, "->"), Line(where(c)))
			fmt.Fprintln(bw, strings.TrimRight(line, " "))
			if c.Message != "" {
				fmt.Fprintf(bw, "  %-*s  %s\n", wKind, "", Line(c.Message))
			}
		}
	}
	if len(run.WaiverChanges) > 0 {
		fmt.Fprintf(bw, "\nWaivers changed (%d): they hide gaps; review them.\n", len(run.WaiverChanges))
		for _, c := range run.WaiverChanges {
			fmt.Fprintf(bw, "  %s\n", waiverLine(c, Line))
		}
	}
	if run.Waivers != nil {
		fmt.Fprintf(bw, "\nWaivers (%s): %d applied, %d expired, %d orphaned.\n",
			Line(run.Waivers.File), len(run.Waivers.Applied), len(run.Waivers.Expired), len(run.Waivers.Orphaned))
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return guard.Close()
}

func worseMark(c checker.Change) string {
	mark := ""
	if c.Worse {
		mark = " (worse)"
	}
	if c.LostEvidence && !c.Worse {
		mark = " (evidence lost)"
	}
	if c.Fails {
		mark = strings.TrimSuffix(mark, ")") + "; fails)"
		if mark == "; fails)" {
			mark = " (fails)"
		}
	}
	return mark
}

type diffMarkdown struct{ fullReport string }

// MaxCommentSize is the most a diff's Markdown may hold: GitHub refuses a
// pull-request comment over 65,536 characters. Past it, states are left out, and
// a last line says how many and where the full report is.
const MaxCommentSize = 65536

// RenderDiff writes a pull-request comment: a summary line, then a section per
// state with a table of its finding changes, then the waivers changed. It never
// exceeds MaxCommentSize bytes (so characters).
func (d diffMarkdown) RenderDiff(w io.Writer, run *DiffRun) error {
	var head strings.Builder
	s := checker.SummarizeChanges(run.Changes)
	fmt.Fprintf(&head, "**gapcheck** %s: %s.", diffSubject(run, mdCode), diffSummaryLine(s))
	if l := worseLine(run, s); l != "" {
		fmt.Fprintf(&head, " **%s**", l)
	}
	head.WriteString("\n")
	if lines := diffPolicies(run, mdCode, mdCode); len(lines) > 0 {
		fmt.Fprintf(&head, "\n%s%s.\n", strings.ToUpper(lines[0][:1]), strings.Join(lines, "; ")[1:])
	}
	var tail strings.Builder
	if len(run.WaiverChanges) > 0 {
		fmt.Fprintf(&tail, "\n### Waivers changed\n\nThey hide gaps: review them.\n\n| Change | Where | Recommendation | Country | Owner | Expires | Justification |\n|---|---|---|---|---|---|---|\n")
		for _, c := range run.WaiverChanges {
			e := c.Waiver
			change := string(c.Kind)
			if c.Base != nil {
				change += " (was: " + mdCell(c.Base.Owner) + ", " + mdCell(c.Base.Expires) + ", " + mdCell(c.Base.Justification) + ")"
			}
			fmt.Fprintf(&tail, "| **%s** | %s | %s | %s | %s | %s | %s |\n", change, mdCode(fmt.Sprintf("%s:%d", e.Location.File, e.Location.Line)),
				mdCode(e.Recommendation), mdCode(e.Country), mdCell(e.Owner), mdCell(e.Expires), mdCell(e.Justification))
		}
	}
	if run.Waivers != nil {
		fmt.Fprintf(&tail, "\nWaivers (%s): %d applied, %d expired, %d orphaned.\n",
			mdCode(run.Waivers.File), len(run.Waivers.Applied), len(run.Waivers.Expired), len(run.Waivers.Orphaned))
	}
	groups := byState(run.Changes)
	sections := make([]string, len(groups))
	for i, group := range groups {
		sections[i] = markdownState(group)
	}
	out := head.String()
	budget := MaxCommentSize - len(out) - len(tail.String()) - 400 // room for the truncation line
	kept := 0
	for _, sec := range sections {
		if len(sec) > budget {
			break
		}
		out += sec
		budget -= len(sec)
		kept++
	}
	if kept < len(sections) {
		where := "run `gapcheck diff` with `--format table` or `--output json=FILE` for it"
		if d.fullReport != "" {
			where = "it is in " + mdCode(d.fullReport)
		}
		out += fmt.Sprintf("\n**%d of %d states left out** to fit GitHub's comment limit of %d characters: %s.\n",
			len(sections)-kept, len(sections), MaxCommentSize, where)
	}
	out += tail.String()
	if len(out) > MaxCommentSize { // a waivers section larger than a comment
		out = truncateUTF8(out, MaxCommentSize-200) + "\n\n**Truncated** to fit GitHub's comment limit.\n"
	}
	_, err := io.WriteString(w, out)
	return err
}

// markdownState is one state's section of the diff comment.
func markdownState(group []checker.Change) string {
	var b strings.Builder
	first := group[0]
	fmt.Fprintf(&b, "\n### %s (%s)\n\n", mdCell(first.State), mdCell(first.Country))
	var rows []checker.Change
	for _, c := range group {
		if isProfileChange(c) {
			line := profileLine(c, mdCode, "→")
			fmt.Fprintf(&b, "%s%s\n", strings.ToUpper(line[:1]), line[1:])
			continue
		}
		rows = append(rows, c)
	}
	if len(rows) == 0 {
		return b.String()
	}
	if len(rows) < len(group) {
		b.WriteString("\n")
	}
	b.WriteString("| Change | Recommendation | Severity | Status | Finding | Where |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, c := range rows {
		change := kindLabel(c.Kind) + worseMark(c)
		if c.Worse || c.LostEvidence {
			change = "**" + change + "**"
		}
		fmt.Fprintf(&b, "| %s | %s %s | %s | %s | %s | %s |\n", change, mdCode(c.Recommendation), mdCell(c.Title), c.Severity,
			transition(c, "→"), mdCell(c.Message), mdCell(where(c)))
	}
	return b.String()
}

// truncateUTF8 cuts s to at most n bytes, at a character boundary.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

type diffJSON struct{}

// diffDocument is the versioned JSON diff contract:
// {"version", "base", "base_commit", "summary", "changes": [...], "waivers"?}.
type diffDocument struct {
	Version    int                   `json:"version"`
	Base       string                `json:"base"`
	BaseCommit string                `json:"base_commit"`
	MergeBase  bool                  `json:"merge_base"`
	At         string                `json:"at,omitempty"`
	From       string                `json:"from,omitempty"`
	To         string                `json:"to,omitempty"`
	Summary    checker.DiffSummary   `json:"summary"`
	Changes    []checker.Change      `json:"changes"`
	Waivers    *checker.WaiverReport `json:"waivers,omitempty"`
	// WaiverChanges are the waivers added, changed and removed ([] for none).
	WaiverChanges      []checker.WaiverChange `json:"waiver_changes"`
	AcceptLostEvidence bool                   `json:"accept_lost_evidence,omitempty"`
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
	wc := run.WaiverChanges
	if wc == nil {
		wc = []checker.WaiverChange{}
	}
	doc := diffDocument{
		Version: DiffJSONVersion, Base: run.Base, BaseCommit: run.BaseCommit, MergeBase: run.MergeBase, At: run.At, From: run.From, To: run.To,
		Summary: checker.SummarizeChanges(changes), Changes: changes, Waivers: run.Waivers,
		WaiverChanges: wc, AcceptLostEvidence: run.AcceptLostEvidence,
	}
	if run.BasePolicies != nil && run.HeadPolicies != nil {
		doc.Policies = &diffPolicySets{Base: run.BasePolicies, Head: run.HeadPolicies, Changed: run.BasePolicies.Digest != run.HeadPolicies.Digest}
	}
	return writeJSON(w, doc)
}
