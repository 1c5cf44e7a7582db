package checker

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/gapcheck/gapcheck/internal/jsonptr"
)

// An Entry is one dated status of a fact: the status held since a date, or a
// source observed it at a date. A fact is a timeline of entries; written as a
// single entry (status, since or observed, sources) or as a list of them.
type Entry struct {
	Status   string   `json:"status"`
	Since    string   `json:"since,omitempty"`    // as written: 2016-11-18, 2012-07 or 2014
	Observed string   `json:"observed,omitempty"` // as written
	Date     string   `json:"date,omitempty"`     // the day it counts from (YYYY-MM-DD); "" for an undated unknown
	Inferred bool     `json:"inferred,omitempty"`
	Note     string   `json:"note,omitempty"`
	Sources  []string `json:"sources,omitempty"`

	path string // the entry's display path: "prum.dna", or "prum.dna[1]" in a timeline
}

// A fact is one fact of a profile and its entries, in date order.
type fact struct {
	path    string
	list    bool // written as a timeline (a list), not as one entry
	entries []Entry
}

// at returns the entry in force at date: the latest whose Date is on or before it
// (an undated entry is in force always), and whether there is one.
//
// An observation that confirms a status held since an earlier entry (the entries
// between them all of that status) comes with that entry's since: the status has
// held since then, and the observation is the latest evidence of it.
func (f *fact) at(date string) (Entry, bool) {
	for i := len(f.entries) - 1; i >= 0; i-- {
		e := f.entries[i]
		if e.Date > date {
			continue
		}
		for j := i - 1; e.Since == "" && j >= 0 && f.entries[j].Status == e.Status; j-- {
			e.Since = f.entries[j].Since
		}
		return e, true
	}
	return Entry{}, false
}

// topLevel are the profile keys that are not facts.
var topLevel = map[string]bool{"country": true, "name": true, "unit": true, "as_of": true, "sources": true}

// collectFacts finds every fact of a profile document: a mapping with a status, or
// a list (a timeline), below the top-level sections.
func collectFacts(doc map[string]any) []*fact {
	var out []*fact
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch x := v.(type) {
		case []any:
			f := &fact{path: path, list: true}
			for i, item := range x {
				m, _ := item.(map[string]any)
				f.entries = append(f.entries, entryOf(m, fmt.Sprintf("%s[%d]", path, i)))
			}
			out = append(out, f)
		case map[string]any:
			if _, ok := x["status"]; ok && path != "" {
				out = append(out, &fact{path: path, entries: []Entry{entryOf(x, path)}})
				return
			}
			for _, k := range slices.Sorted(maps.Keys(x)) {
				if path == "" && topLevel[k] {
					continue
				}
				walk(x[k], joinPath(path, k))
			}
		}
	}
	walk(doc, "")
	return out
}

func entryOf(m map[string]any, path string) Entry {
	e := Entry{path: path}
	e.Status, _ = m["status"].(string)
	e.Since, _ = m["since"].(string)
	e.Observed, _ = m["observed"].(string)
	e.Inferred, _ = m["inferred"].(bool)
	e.Note, _ = m["note"].(string)
	ids, _ := m["sources"].([]any)
	for _, id := range ids {
		if s, ok := id.(string); ok {
			e.Sources = append(e.Sources, s)
		}
	}
	if w, err := ParseWhen(cmp.Or(e.Since, e.Observed)); err == nil {
		e.Date = w.Date()
	}
	return e
}

// checkTimelines checks what the schema cannot about the facts' dates: an entry
// says since or observed (not both), unless it is a lone unknown; dates exist in
// the calendar; a timeline's entries are in date order, no two on one date; and no
// entry is dated after as_of. It records the facts on p.
func checkTimelines(p *Profile) []*FileError {
	var out []*FileError
	at := func(path string, err error) {
		n, ok := p.nodes[path]
		pos := n.value
		if ok && n.key.Line > 0 {
			pos = n.key
		}
		out = append(out, &FileError{File: p.File, Line: pos.Line, Column: pos.Column, Path: path, Err: err})
	}
	p.facts = collectFacts(p.doc)
	for _, f := range p.facts {
		prev := Entry{}
		for i, e := range f.entries {
			switch {
			case e.Since != "" && e.Observed != "":
				at(e.path+".observed", errors.New("both since and observed; want one: since when the status held, or when a source observed it"))
				continue
			case e.Since == "" && e.Observed == "" && (f.list || e.Status != "unknown"):
				at(e.path, fmt.Errorf("no date: want since (the status held from a date) or observed (a source saw it at a date)%s", undatedHint(e, f.list)))
				continue
			}
			key, written := "since", e.Since
			if e.Observed != "" {
				key, written = "observed", e.Observed
			}
			if written == "" {
				continue
			}
			if e.Date == "" {
				_, err := ParseWhen(written)
				at(e.path+"."+key, err)
				continue
			}
			if p.AsOf != "" && e.Date > p.AsOf {
				at(e.path+"."+key, fmt.Errorf("dated %s, after as_of %s: a profile records facts up to the date it was reviewed to; move as_of or the entry", written, p.AsOf))
			}
			if i > 0 && prev.Date != "" {
				switch {
				case e.Date == prev.Date:
					at(e.path+"."+key, fmt.Errorf("on the same date as the entry before (%s and %s are both %s); want one entry per date", prevWritten(prev), written, e.Date))
				case e.Date < prev.Date:
					at(e.path+"."+key, fmt.Errorf("%s is before the entry above (%s); want the entries in date order", written, prevWritten(prev)))
				}
			}
			prev = e
		}
	}
	return out
}

func prevWritten(e Entry) string { return cmp.Or(e.Since, e.Observed) }

func undatedHint(e Entry, list bool) string {
	if list && e.Status == "unknown" {
		return "; in a timeline, an unknown entry says from when nothing is known"
	}
	return ""
}

// Dates returns the distinct days the profile's entries count from, sorted: the
// only days its facts change.
func (p *Profile) Dates() []string {
	var out []string
	for _, f := range p.facts {
		for _, e := range f.entries {
			if e.Date != "" {
				out = append(out, e.Date)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// EntryAt returns the entry of the fact at a dotted path that is in force at date
// (YYYY-MM-DD), and whether there is one.
func (p *Profile) EntryAt(path, date string) (Entry, bool) {
	for _, f := range p.facts {
		if f.path == path {
			return f.at(date)
		}
	}
	return Entry{}, false
}

// Facts lists the dotted paths of the profile's facts, sorted.
func (p *Profile) Facts() []string {
	out := make([]string, len(p.facts))
	for i, f := range p.facts {
		out[i] = f.path
	}
	return out
}

// Timeline returns the entries of the fact at a dotted path, in date order.
func (p *Profile) Timeline(path string) []Entry {
	for _, f := range p.facts {
		if f.path == path {
			return slices.Clone(f.entries)
		}
	}
	return nil
}

// At returns the profile as the policies see it at date (YYYY-MM-DD): every fact
// replaced by the entry in force that day, with the day it counts from ("date") and
// how old it is ("age_days"); an observation that confirms a status held since an
// earlier entry has both that since and its observed. The
// document also says the date ("at") and the profile's as_of, country and name. A
// fact whose first entry is later than date is left out, as an unrecorded fact is:
// the policies read both as unknown, and a position on an instrument that starts
// later does not hold yet.
func (p *Profile) At(date string) map[string]any { return p.at(date, nil) }

// at is At with only the facts keep keeps (all of them when keep is nil).
func (p *Profile) at(date string, keep func(path string) bool) map[string]any {
	doc := map[string]any{"at": date, "as_of": p.AsOf, "country": p.Country, "name": p.Name}
	for _, f := range p.facts {
		if keep != nil && !keep(f.path) {
			continue
		}
		if e, ok := f.at(date); ok {
			setPath(doc, f.path, e.input(date))
		}
	}
	return doc
}

// input is an entry as the policies see it.
func (e Entry) input(date string) map[string]any {
	m := map[string]any{"status": e.Status}
	if len(e.Sources) > 0 {
		ids := make([]any, len(e.Sources))
		for i, s := range e.Sources {
			ids[i] = s
		}
		m["sources"] = ids
	}
	if e.Since != "" {
		m["since"] = e.Since
	}
	if e.Observed != "" {
		m["observed"] = e.Observed
	}
	if e.Date != "" {
		m["date"] = e.Date
		m["age_days"] = daysBetween(e.Date, date)
	}
	if e.Inferred {
		m["inferred"] = true
	}
	if e.Note != "" {
		m["note"] = e.Note
	}
	return m
}

// setPath sets the value at a dotted path, making the mappings on the way.
func setPath(doc map[string]any, path string, v any) { jsonptr.SetPath(doc, path, v) }
