// Command migrate turns profiles written for gapcheck 1 (one status per fact, as of
// one date, with a hand-typed participation entry for every instrument) into
// gapcheck 2 profiles: every fact a dated entry or a timeline, memberships dated,
// and only the positions particular to the state, the rest being derived from the
// law catalogue. It merges the dated, sourced entries of the research notes
// (docs/research/timelines/<state>.yaml) up to the new review date, and writes what
// it dropped or could not merge to a report, so that nothing is lost unseen.
//
// It was run once, on the shipped profiles (see docs/migration.md); it is kept so
// that a reviewer can see exactly what the migration did, and for profiles written
// elsewhere for gapcheck 1:
//
//	go run ./scripts/migrate -as-of 2025-06-30 -research docs/research/timelines -report docs/migration.md profiles/*.yaml
//
// Without -research it only rewrites the form (date -> since, an undated status ->
// observed at the old as_of) and drops the derivable positions.
package main

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// keep are the positions particular to a state that the law catalogue cannot
// derive: opt-outs and opt-ins of its own, association agreements, Council decisions
// still pending. Every other participation.instruments entry of a gapcheck 1
// profile restated what the catalogue now says (or, for the PNR Directive and the
// deactivation regulation, marked as "pending" an act that did not apply yet: the
// catalogue's in_force dates say it), and is dropped.
var keep = map[string][]string{
	"GB": {"prum", "terrorism_information_exchange", "europol", "sltd_common_position", "sis_ii_police"},
	"BG": {"sis_ii_borders"},
	"RO": {"sis_ii_borders"},
	"HR": {"sis_ii_police", "sis_ii_borders"},
	"CY": {"sis_ii_police", "sis_ii_borders"},
	"IE": {"sis_ii_police"},
	"NO": {"prum", "api_directive"},
	"IS": {"prum"},
}

// skip says why a research entry dated on or before the old review date is not
// merged, where the fact-check of the profiles (docs/audit.md) left the fact
// unknown on purpose and the research entry does not add a source it lacked; ""
// merges it.
func skip(country, fact string, e researchEntry, oldAsOf string) string {
	if day(cmp.Or(e.Since, e.Observed)) > oldAsOf {
		return ""
	}
	switch {
	case fact == "api.transmission" && e.Inferred:
		return "the audit left API transmission unknown where only a legal basis is known: an act does not show a system in operation (Denmark had the act and no system)"
	case country == "BE" && fact == "sis.ftf_alerts":
		return "the audit judged the evidence for Belgium's Article 36 alerts too weak for March 2016 (docs/audit.md)"
	case country == "LV" && fact == "national.ct_coordination":
		return "the audit left Latvia's single-agency Counter-Terrorism Centre unknown as a coordination body (docs/audit.md, judgement 11)"
	case country == "CY" && fact == "eurojust.terrorism_reporting":
		return "TE-SAT 2016 names Cyprus but the TE-SAT 2017 table omits it: the sources conflict, and the audit left it unknown"
	case country == "NL" && fact == "national.ftf_database":
		return "the audit did not count the CT Infobox as a shared foreign-fighter database (docs/audit.md, judgement 7)"
	}
	return ""
}

// researchFact maps a fact of the research notes to a profile path, and its
// statuses to the profile's vocabulary; "" leaves the entry out.
func researchFact(name, status string) (path, st string) {
	switch {
	case strings.HasPrefix(name, "membership."):
		return "participation." + strings.TrimPrefix(name, "membership."), status
	case strings.HasPrefix(name, "opt."):
		return "participation.instruments." + strings.TrimPrefix(name, "opt."), status
	case name == "agreement.prum":
		// Signed: not bound yet. In force, or applying: bound by the agreement.
		// A signature alone says nothing of when the agreement binds: left out.
		return "participation.instruments.prum", map[string]string{"in_force": "associated", "applies": "associated"}[status]
	case strings.HasPrefix(name, "agreement."):
		return "", ""
	}
	return name, status
}

type researchEntry struct {
	Fact     string   `yaml:"fact"`
	Since    string   `yaml:"since"`
	Observed string   `yaml:"observed"`
	Status   string   `yaml:"status"`
	Sources  []string `yaml:"sources"`
	Inferred bool     `yaml:"inferred"`
	Note     string   `yaml:"note"`
	Read     string   `yaml:"read"`
}

type researchSource struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
	Date  string `yaml:"date"`
	Note  string `yaml:"note"`
}

type research struct {
	Country string           `yaml:"country"`
	Sources []researchSource `yaml:"sources"`
	Entries []researchEntry  `yaml:"entries"`
}

// An entry of a fact, as the migration builds it.
type entry struct {
	status, since, observed, note string
	inferred                      bool
	sources                       []string
	date                          string // the day it counts from
}

func main() {
	asOf := flag.String("as-of", "", "the new review date of the profiles (default: keep each profile's)")
	dir := flag.String("research", "", "directory of the research timelines (docs/research/timelines)")
	reportFile := flag.String("report", "", "append the migration report (Markdown) to this file")
	flag.Parse()
	var report bytes.Buffer
	failed := false
	for _, f := range flag.Args() {
		if err := migrate(f, *asOf, *dir, &report); err != nil {
			fmt.Fprintf(os.Stderr, "migrate: %s: %v\n", f, err)
			failed = true
		}
	}
	if *reportFile != "" {
		out, err := os.OpenFile(*reportFile, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err == nil {
			_, err = out.Write(report.Bytes())
			err = cmp.Or(err, out.Close())
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "migrate: write report: %v\n", err)
			failed = true
		}
	} else {
		io.Copy(os.Stdout, &report)
	}
	if failed {
		os.Exit(1)
	}
}

func migrate(file, newAsOf, researchDir string, report io.Writer) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return err
	}
	root := doc.Content[0]
	country := get(root, "country").Value
	oldAsOf := get(root, "as_of").Value
	asOf := cmp.Or(newAsOf, oldAsOf)
	fmt.Fprintf(report, "\n## %s (%s)\n\n", get(root, "name").Value, filepath.Base(file))

	// 1. Every fact: date -> since; an undated status -> observed at the old as_of.
	for path, fact := range facts(root) {
		normalize(fact, oldAsOf)
		_ = path
	}

	// 2. Positions: only what is particular to the state.
	part := get(root, "participation")
	if inst := get(part, "instruments"); inst != nil {
		for i := 0; i+1 < len(inst.Content); {
			k, v := inst.Content[i], inst.Content[i+1]
			if slices.Contains(keep[country], k.Value) {
				i += 2
				continue
			}
			fmt.Fprintf(report, "- dropped `participation.instruments.%s` (%s%s): %s\n", k.Value, get(v, "status").Value, citeList(v), cmp.Or(oneLine(valueOf(v, "note")), "no note"))
			inst.Content = append(inst.Content[:i], inst.Content[i+2:]...)
		}
		if len(inst.Content) == 0 {
			del(part, "instruments")
		}
	}

	// 3. The research entries up to the review date.
	if researchDir != "" {
		if err := merge(root, country, oldAsOf, asOf, filepath.Join(researchDir, filepath.Base(file)), report); err != nil {
			return err
		}
	}
	get(root, "as_of").Value = asOf

	// 4. Sources no fact cites any more.
	cited := map[string]bool{}
	for _, f := range facts(root) {
		for _, e := range entriesOf(f) {
			for _, s := range seqValues(get(e, "sources")) {
				cited[s] = true
			}
		}
	}
	srcs := get(root, "sources")
	for i := 0; i < len(srcs.Content); {
		id := get(srcs.Content[i], "id").Value
		if cited[id] {
			i++
			continue
		}
		fmt.Fprintf(report, "- dropped source `%s`, cited by nothing after the migration: %s, %s\n", id, oneLine(valueOf(srcs.Content[i], "title")), valueOf(srcs.Content[i], "url"))
		srcs.Content = append(srcs.Content[:i], srcs.Content[i+1:]...)
	}

	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	return os.WriteFile(file, wrapFolded(out.Bytes(), 100), 0o644)
}

// wrapFolded wraps the lines of folded block scalars (">-") at width, as the
// profiles are written by hand: in a folded scalar a line break within a paragraph
// reads as a space, so the text is the same.
func wrapFolded(src []byte, width int) []byte {
	var out bytes.Buffer
	lines := strings.Split(string(src), "\n")
	inFold, indent := false, 0
	for i, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		depth := len(line) - len(trimmed)
		switch {
		case inFold && trimmed != "" && depth >= indent:
			for len(line) > width {
				cut := strings.LastIndex(line[:width], " ")
				if cut <= indent {
					break
				}
				out.WriteString(line[:cut] + "\n")
				line = strings.Repeat(" ", indent) + line[cut+1:]
			}
		case strings.HasSuffix(trimmed, ": >-") || strings.HasSuffix(trimmed, ": >"):
			inFold, indent = true, depth+2
			if i+1 < len(lines) {
				next := lines[i+1]
				indent = len(next) - len(strings.TrimLeft(next, " "))
			}
		default:
			inFold = false
		}
		out.WriteString(line)
		if i < len(lines)-1 {
			out.WriteString("\n")
		}
	}
	return out.Bytes()
}

// facts returns every fact node of a profile (a mapping with a status, or a
// timeline), by dotted path.
func facts(root *yaml.Node) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i].Value, root.Content[i+1]
		switch k {
		case "country", "name", "as_of", "sources":
			continue
		case "participation":
			for j := 0; j+1 < len(v.Content); j += 2 {
				pk, pv := v.Content[j].Value, v.Content[j+1]
				if pk != "instruments" {
					out["participation."+pk] = pv
					continue
				}
				for l := 0; l+1 < len(pv.Content); l += 2 {
					out["participation.instruments."+pv.Content[l].Value] = pv.Content[l+1]
				}
			}
			continue
		}
		for j := 0; j+1 < len(v.Content); j += 2 {
			out[k+"."+v.Content[j].Value] = v.Content[j+1]
		}
	}
	return out
}

// entriesOf returns a fact's entries: itself, or its items.
func entriesOf(f *yaml.Node) []*yaml.Node {
	if f.Kind == yaml.SequenceNode {
		return f.Content
	}
	return []*yaml.Node{f}
}

func normalize(fact *yaml.Node, asOf string) {
	for _, e := range entriesOf(fact) {
		for i := 0; i+1 < len(e.Content); i += 2 {
			if e.Content[i].Value == "date" {
				e.Content[i].Value = "since"
			}
		}
		if get(e, "since") == nil && get(e, "observed") == nil && valueOf(e, "status") != "unknown" {
			insertAfter(e, "status", "observed", scalarNode(asOf))
		}
	}
}

// merge adds the research entries of a state (dated on or before asOf) to its
// profile's facts, following the profile where the two disagree on a date both
// cover (the profile was fact-checked; the disagreement is reported).
func merge(root *yaml.Node, country, oldAsOf, asOf, file string, report io.Writer) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var r research
	if err := yaml.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	byFact := map[string][]entry{}
	var order []string
	for _, re := range r.Entries {
		if why := skip(country, re.Fact, re, oldAsOf); why != "" {
			fmt.Fprintf(report, "- research entry not merged: `%s` %s %s: %s\n", re.Fact, re.Status, cmp.Or(re.Since, re.Observed), why)
			continue
		}
		path, status := researchFact(re.Fact, re.Status)
		if path == "" || status == "" {
			fmt.Fprintf(report, "- research entry not merged: `%s` %s %s (no profile fact for it)\n", re.Fact, re.Status, cmp.Or(re.Since, re.Observed))
			continue
		}
		e := entry{status: status, since: re.Since, observed: re.Observed, note: re.Note, inferred: re.Inferred, sources: re.Sources}
		e.date = day(cmp.Or(e.since, e.observed))
		if e.date == "" {
			fmt.Fprintf(report, "- research entry not merged: `%s` %s, no valid date\n", re.Fact, re.Status)
			continue
		}
		if e.date > asOf {
			fmt.Fprintf(report, "- research entry left out, after the review date %s: `%s` %s %s\n", asOf, path, status, cmp.Or(e.since, e.observed))
			continue
		}
		if _, ok := byFact[path]; !ok {
			order = append(order, path)
		}
		byFact[path] = append(byFact[path], e)
	}
	used := map[string]bool{}
	all := facts(root)
	for _, path := range order {
		res := byFact[path]
		slices.SortStableFunc(res, func(a, b entry) int { return cmp.Compare(a.date, b.date) })
		var merged []entry
		if node, ok := all[path]; ok {
			merged = mergeFact(path, profileEntries(node), res, oldAsOf, report)
		} else {
			merged = dedupe(res)
			fmt.Fprintf(report, "- new fact `%s` from the research notes (%d entries)\n", path, len(merged))
		}
		for _, e := range merged {
			for _, s := range e.sources {
				used[s] = true
			}
		}
		setFact(root, path, merged)
	}
	// Declare the research sources the merged entries cite.
	srcs := get(root, "sources")
	declared := map[string]bool{}
	for _, s := range srcs.Content {
		declared[get(s, "id").Value] = true
	}
	for _, s := range r.Sources {
		if !used[s.ID] || declared[s.ID] {
			continue
		}
		m := &yaml.Node{Kind: yaml.MappingNode}
		add(m, "id", scalarNode(s.ID))
		add(m, "title", textNode(s.Title))
		add(m, "url", scalarNode(s.URL))
		if s.Date != "" {
			add(m, "date", scalarNode(s.Date))
		}
		if s.Note != "" {
			add(m, "note", textNode(s.Note))
		}
		srcs.Content = append(srcs.Content, m)
		declared[s.ID] = true
	}
	return nil
}

// mergeFact merges a fact's research entries into its profile entries.
func mergeFact(path string, prof, res []entry, oldAsOf string, report io.Writer) []entry {
	if len(prof) == 1 && prof[0].status == "unknown" && prof[0].date == "" {
		out := dedupe(res)
		if len(out) > 0 && strings.HasPrefix(path, "participation.instruments.") && out[0].date > oldAsOf {
			// The profile said it did not know the state's position at its date;
			// absent, the catalogue would decide it.
			unknown := prof[0]
			unknown.observed, unknown.date = oldAsOf, oldAsOf
			out = append([]entry{unknown}, out...)
		}
		if len(out) > 0 {
			fmt.Fprintf(report, "- `%s`: unknown in the profile; %d dated entries from the research notes\n", path, len(out))
			return keepNote(out, prof[0])
		}
		return prof
	}
	last := prof[len(prof)-1]
	cut := last.date // the profile speaks for the time up to its last entry
	var before, after []entry
	for _, e := range res {
		if e.date <= cut {
			before = append(before, e)
		} else {
			after = append(after, e)
		}
	}
	out := slices.Clone(prof)
	if len(before) > 0 && len(prof) == 1 {
		b := before[len(before)-1]
		switch {
		case b.status == last.status:
			// The research dates the profile's status: since the first entry of the
			// run that ends at the profile's date.
			run := len(before) - 1
			for run > 0 && before[run-1].status == last.status {
				run--
			}
			first := before[run]
			upd := last
			if first.since != "" || last.observed == oldAsOf {
				upd.since, upd.observed, upd.date = first.since, first.observed, first.date
				if first.since == "" {
					upd.observed = first.observed
				}
			}
			upd.sources = union(last.sources, first.sources)
			upd.inferred = last.inferred || first.inferred
			out = append(dedupe(before[:run]), upd)
		default:
			fmt.Fprintf(report, "- `%s`: the research notes give %s at %s, the profile %s at %s; the profile (fact-checked) is kept for that time: %s\n",
				path, b.status, cmp.Or(b.since, b.observed), last.status, cmp.Or(last.since, last.observed), oneLine(b.note))
		}
	}
	return dedupe(append(out, after...))
}

// dedupe drops an entry on the same day as the one before it (the first is kept),
// and a since entry that only repeats the status before it.
func dedupe(es []entry) []entry {
	var out []entry
	for _, e := range es {
		if n := len(out); n > 0 {
			prev := out[n-1]
			if e.date <= prev.date || (e.status == prev.status && e.since != "" && prev.since != "") {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

func keepNote(es []entry, prof entry) []entry {
	if prof.note == "" || len(es) == 0 {
		return es
	}
	es[0].note = strings.TrimSpace(es[0].note + " (Before: " + prof.note + ")")
	return es
}

func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func profileEntries(node *yaml.Node) []entry {
	var out []entry
	for _, e := range entriesOf(node) {
		x := entry{status: valueOf(e, "status"), since: valueOf(e, "since"), observed: valueOf(e, "observed"),
			note: valueOf(e, "note"), inferred: valueOf(e, "inferred") == "true", sources: seqValues(get(e, "sources"))}
		x.date = day(cmp.Or(x.since, x.observed))
		out = append(out, x)
	}
	return out
}

// setFact writes a fact's entries at path: one entry as a mapping, several as a
// timeline.
func setFact(root *yaml.Node, path string, es []entry) {
	var v *yaml.Node
	if len(es) == 1 {
		v = entryNode(es[0])
	} else {
		v = &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range es {
			v.Content = append(v.Content, entryNode(e))
		}
	}
	keys := strings.Split(path, ".")
	cur := root
	for _, k := range keys[:len(keys)-1] {
		next := get(cur, k)
		if next == nil {
			next = &yaml.Node{Kind: yaml.MappingNode}
			add(cur, k, next)
		}
		cur = next
	}
	last := keys[len(keys)-1]
	for i := 0; i+1 < len(cur.Content); i += 2 {
		if cur.Content[i].Value == last {
			cur.Content[i+1] = v
			return
		}
	}
	add(cur, last, v)
}

func entryNode(e entry) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	add(m, "status", scalarNode(e.status))
	if e.since != "" {
		add(m, "since", scalarNode(e.since))
	}
	if e.observed != "" {
		add(m, "observed", scalarNode(e.observed))
	}
	if e.inferred {
		add(m, "inferred", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	if len(e.sources) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, s := range e.sources {
			seq.Content = append(seq.Content, scalarNode(s))
		}
		add(m, "sources", seq)
	}
	if e.note != "" {
		add(m, "note", textNode(e.note))
	}
	return m
}

// day is the day a date counts from: a month or a year counts from its last day.
func day(s string) string {
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		if len(s) != len(layout) {
			continue
		}
		t, err := time.Parse(layout, s)
		if err != nil {
			return ""
		}
		switch layout {
		case "2006-01":
			t = t.AddDate(0, 1, -1)
		case "2006":
			t = t.AddDate(1, 0, -1)
		}
		return t.Format(time.DateOnly)
	}
	return ""
}

func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func valueOf(m *yaml.Node, key string) string {
	if n := get(m, key); n != nil {
		return n.Value
	}
	return ""
}

func seqValues(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	var out []string
	for _, c := range n.Content {
		out = append(out, c.Value)
	}
	return out
}

func del(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, scalarNode(key), v)
}

func insertAfter(m *yaml.Node, after, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == after {
			m.Content = slices.Insert(m.Content, i+2, scalarNode(key), v)
			return
		}
	}
	add(m, key, v)
}

// scalarNode is a plain scalar; quoted only where YAML would read it as something
// other than text (a date stays plain: gapcheck reads dates as written).
func scalarNode(v string) *yaml.Node {
	var x any
	if err := yaml.Unmarshal([]byte(v), &x); err == nil {
		switch x.(type) {
		case string, time.Time:
			return &yaml.Node{Kind: yaml.ScalarNode, Value: v}
		}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}

// textNode is prose: folded when long, as the profiles write notes.
func textNode(v string) *yaml.Node {
	n := scalarNode(v)
	if len(v) > 90 {
		n.Style = yaml.FoldedStyle
	}
	return n
}

func citeList(v *yaml.Node) string {
	if s := seqValues(get(v, "sources")); len(s) > 0 {
		return "; cited " + strings.Join(s, ", ")
	}
	return ""
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
