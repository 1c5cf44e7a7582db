package checker

import (
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/gapcheck/gapcheck/internal/suggest"
	"github.com/gapcheck/gapcheck/internal/yamldoc"
)

// waiverKeys are the keys of a waiver, sorted; all are required.
var waiverKeys = []string{"country", "expires", "justification", "owner", "recommendation"}

// A WaiverEntry is one waiver of a waivers file, as written, with its position.
type WaiverEntry struct {
	Recommendation string   `json:"recommendation"` // a recommendation id or a glob
	Country        string   `json:"country"`        // an ISO 3166-1 alpha-2 code or a glob
	Justification  string   `json:"justification"`
	Owner          string   `json:"owner"`
	Expires        string   `json:"expires"`  // YYYY-MM-DD, the last day the waiver applies
	Location       Location `json:"location"` // the entry in the waivers file
}

// Matches reports whether the waiver names recommendation id in the given country.
func (w WaiverEntry) Matches(id, country string) bool {
	okRec, _ := path.Match(w.Recommendation, id)
	okCountry, _ := path.Match(w.Country, country)
	return okRec && okCountry
}

// ExpiredOn reports whether the waiver no longer applies on the day of today (in
// today's location): it applies through its expiry date and expires the day after.
func (w WaiverEntry) ExpiredOn(today time.Time) bool {
	return today.Format(time.DateOnly) > w.Expires
}

// Waivers is a loaded waivers file. A waivers file accepts gaps for a time, each
// with a reason and someone who answers for it:
//
//	waivers:
//	  - recommendation: pnr-legislation   # a recommendation id, or a glob: pnr-*
//	    country: BE                       # an ISO 3166-1 alpha-2 code, or a glob: "*"
//	    justification: The PNR bill is before parliament (doc 54 2069/001).
//	    owner: jane.doe@example.org
//	    expires: 2016-12-31               # YYYY-MM-DD; the waiver applies through this day
//
// Every key is required and no other key is allowed. Globs follow [path.Match]: "*"
// matches any run of characters, "?" one character, "[...]" a class. The file is a
// YAML mapping with the single key "waivers"; "waivers: []" waives nothing. Two
// waivers of the same recommendation and country (as written) are an error. See
// [Waivers.Apply] for what a waiver does.
type Waivers struct {
	File    string        // the name the file was loaded under
	Entries []WaiverEntry // in file order
}

// LoadWaivers reads a waivers file from r and names it file in messages. A file
// that cannot be read is an error wrapping the cause; a file that is not valid is a
// *ValidationError listing every problem with its position.
func LoadWaivers(file string, r io.Reader) (*Waivers, error) {
	src, err := io.ReadAll(io.LimitReader(r, DefaultMaxProfileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read waivers %s: %w", file, err)
	}
	if len(src) > DefaultMaxProfileSize {
		return nil, invalid(file, 0, 0, "", errorOf(ErrTooLarge, "waivers file is larger than the limit of %d bytes", DefaultMaxProfileSize))
	}
	root, err := parseDocument(file, src, waiversDocument)
	if err != nil {
		return nil, err
	}
	p := &waiverParser{builder: builder{file: file, kind: waiversDocument}}
	entries := p.document(root)
	if len(p.problems) > 0 {
		return nil, p.fail()
	}
	return &Waivers{File: file, Entries: entries}, nil
}

// waiversDocument says what a waivers file must hold.
var waiversDocument = documentKind{
	empty:    `empty waivers file: want a mapping with a "waivers" list`,
	multiple: "more than one YAML document; want one waivers file",
	in:       "in a waivers file", unit: "waiver",
}

// waiverParser checks a waivers document node by node, collecting problems.
type waiverParser struct {
	builder
}

// mapping returns the keys and values of a mapping node, as builder.mapping checks
// them.
func (p *waiverParser) mapping(n *yaml.Node, path string) (keys []*yaml.Node, values map[string]*yaml.Node) {
	values = map[string]*yaml.Node{}
	for _, e := range p.builder.mapping(n, path) {
		keys = append(keys, e.key)
		values[e.key.Value] = e.value
	}
	return keys, values
}

// unknownKey reports k as unknown and returns the allowed key it is closest to, if any.
func (p *waiverParser) unknownKey(k *yaml.Node, path string, allowed []string) string {
	msg := "unknown key"
	best := suggest.Closest(k.Value, allowed)
	if best != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", best)
	}
	if len(allowed) == 1 {
		msg += "; want " + allowed[0]
	} else {
		msg += "; want one of " + strings.Join(allowed, ", ")
	}
	p.problem(k, joinPath(path, k.Value), "%s", msg)
	return best
}

func (p *waiverParser) document(root *yaml.Node) []WaiverEntry {
	if !p.plain(root, "") {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		p.problem(root, "", "a waivers file is a mapping with a \"waivers\" list, not %s", yamldoc.KindOf(root))
		return nil
	}
	keys, values := p.mapping(root, "")
	for _, k := range keys {
		if k.Value != "waivers" {
			p.unknownKey(k, "", []string{"waivers"})
		}
	}
	list, ok := values["waivers"]
	if !ok {
		if len(p.problems) == 0 { // a misspelt key has said it already
			p.problem(root, "", "missing required key %q", "waivers")
		}
		return nil
	}
	if !p.plain(list, "waivers") {
		return nil
	}
	if list.Kind != yaml.SequenceNode {
		if list.ShortTag() == "!!null" {
			p.problem(list, "waivers", "empty; want a list of waivers (write waivers: [] for none)")
		} else {
			p.problem(list, "waivers", "want a list of waivers, not %s", yamldoc.KindOf(list))
		}
		return nil
	}
	entries := make([]WaiverEntry, 0, len(list.Content))
	type firstSeen struct{ index, line int }
	first := map[[2]string]firstSeen{} // (recommendation, country) -> the first waiver
	for i, item := range list.Content {
		path := fmt.Sprintf("waivers[%d]", i)
		w, ok := p.entry(item, path)
		if !ok {
			continue
		}
		key := [2]string{w.Recommendation, w.Country}
		if prev, dup := first[key]; dup {
			p.problem(item, path, "waives %s in %s again; first at waivers[%d], line %d; want one waiver per recommendation and country",
				w.Recommendation, w.Country, prev.index, prev.line)
			continue
		}
		first[key] = firstSeen{i, item.Line}
		entries = append(entries, w)
	}
	return entries
}

func (p *waiverParser) entry(n *yaml.Node, path string) (WaiverEntry, bool) {
	w := WaiverEntry{Location: Location{File: p.file, Line: n.Line, Column: n.Column}}
	if !p.plain(n, path) {
		return w, false
	}
	if n.Kind != yaml.MappingNode {
		p.problem(n, path, "a waiver is a mapping with %s, not %s", strings.Join(waiverKeys, ", "), yamldoc.KindOf(n))
		return w, false
	}
	before := len(p.problems)
	keys, values := p.mapping(n, path)
	suggested := map[string]bool{} // a misspelt key says what it should be; no need to say it is missing
	for _, k := range keys {
		if !slices.Contains(waiverKeys, k.Value) {
			suggested[p.unknownKey(k, path, waiverKeys)] = true
		}
	}
	for _, name := range waiverKeys {
		if _, ok := values[name]; !ok && !suggested[name] {
			p.problem(n, path, "missing required key %q", name)
		}
	}
	text := func(name string) string {
		v, ok := values[name]
		if !ok {
			return ""
		}
		child := joinPath(path, name)
		if !p.plain(v, child) {
			return ""
		}
		if v.Kind != yaml.ScalarNode {
			p.problem(v, child, "wrong type: got %s; want text", yamldoc.KindOf(v))
			return ""
		}
		s := strings.TrimSpace(v.Value)
		if v.ShortTag() == "!!null" || s == "" {
			p.problem(v, child, "empty text; want %s", waiverWant[name])
			return ""
		}
		if r, bad := yamldoc.Unsafe(s, name == "justification"); bad {
			p.problem(v, child, "%v", yamldoc.UnsafeError(r))
			return ""
		}
		return s
	}
	w.Recommendation = text("recommendation")
	w.Country = text("country")
	w.Justification = text("justification")
	w.Owner = text("owner")
	w.Expires = text("expires")
	if w.Recommendation != "" {
		if msg := checkRecommendationPattern(w.Recommendation); msg != "" {
			p.problem(values["recommendation"], joinPath(path, "recommendation"), "%s", msg)
		}
	}
	if w.Country != "" {
		if msg := checkCountryPattern(w.Country); msg != "" {
			p.problem(values["country"], joinPath(path, "country"), "%s", msg)
		}
	}
	if w.Expires != "" {
		if _, err := time.Parse(time.DateOnly, w.Expires); err != nil {
			p.problem(values["expires"], joinPath(path, "expires"), "invalid date %q; want a calendar date as YYYY-MM-DD", w.Expires)
		}
	}
	return w, len(p.problems) == before
}

var waiverWant = map[string]string{
	"recommendation": "a recommendation id such as prum-dna, or a glob such as prum-*",
	"country":        `an ISO 3166-1 alpha-2 code such as BE, or a glob such as "*"`,
	"justification":  "the reason the gap is accepted",
	"owner":          "who answers for the waiver",
	"expires":        "a calendar date as YYYY-MM-DD",
}

// globChars are the characters that make a waiver's recommendation or country a
// glob rather than a literal id or code.
const globChars = "*?["

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`) // a recommendation id
	idGlobChars = regexp.MustCompile(`^[a-z0-9*?\[\]!^-]+$`)     // what a glob of ids may hold
)

func checkRecommendationPattern(s string) string {
	want := "want " + waiverWant["recommendation"]
	if !strings.ContainsAny(s, globChars) {
		if !idPattern.MatchString(s) {
			return fmt.Sprintf("invalid recommendation id %q; %s", s, want)
		}
		return ""
	}
	if _, err := path.Match(s, ""); err != nil || !idGlobChars.MatchString(s) {
		return fmt.Sprintf("invalid pattern %q; %s", s, want)
	}
	return ""
}

func checkCountryPattern(s string) string {
	want := "want " + waiverWant["country"]
	if !strings.ContainsAny(s, globChars) {
		if msg := checkCountry(s); msg != "" {
			if strings.Contains(msg, "; want ") { // the message names the right code
				return msg
			}
			return msg + "; " + want
		}
		return ""
	}
	if _, err := path.Match(s, ""); err != nil {
		return fmt.Sprintf("invalid pattern %q; %s", s, want)
	}
	return ""
}

// A WaiverMatch is one finding a waiver matched.
type WaiverMatch struct {
	Waiver         WaiverEntry `json:"waiver"`
	Profile        string      `json:"profile"` // the report's profile path
	Country        string      `json:"country"`
	Recommendation string      `json:"recommendation"` // the finding's id
}

// A WaiverReport says what a waivers file did to a run.
type WaiverReport struct {
	File string `json:"file"`
	// Applied lists the findings now waived, each with the waiver that waived it.
	Applied []WaiverMatch `json:"applied"`
	// Expired lists the gap and partial findings that only expired waivers match:
	// they stay failing.
	Expired []WaiverMatch `json:"expired"`
	// Orphaned lists the waivers, expired or not, that match no gap or partial
	// finding of the run: they can be removed.
	Orphaned []WaiverEntry `json:"orphaned"`
}

// Apply waives the gap and partial findings of reports that a waiver matches
// (recommendation and country), and resummarizes the reports it changed.
//
// The first matching waiver, in file order, that has not expired on the day of
// today applies: the finding's status becomes waived, its Waiver is set and its
// message gains "; waived: " and the justification. A finding that only expired
// waivers match keeps its status, and its message says "(waiver by OWNER expired
// DATE)". No other finding is touched, and nothing but the expiry dates depends on
// today. The report lists the applied and expired matches in report order and the
// orphaned waivers in file order.
func (w *Waivers) Apply(reports []*Report, today time.Time) *WaiverReport {
	a := w.Applier(today)
	for _, r := range reports {
		a.Apply(r)
	}
	return a.Report()
}

// A WaiverApplier applies waivers one report at a time, for a run that streams
// its reports: Apply each, then Report once.
type WaiverApplier struct {
	w         *Waivers
	today     time.Time
	out       *WaiverReport
	matched   []bool
	countries map[string]bool // the states of the run
}

// Applier returns a WaiverApplier of the waivers, as of today.
func (w *Waivers) Applier(today time.Time) *WaiverApplier {
	return &WaiverApplier{w: w, today: today, matched: make([]bool, len(w.Entries)), countries: map[string]bool{},
		out: &WaiverReport{File: w.File, Applied: []WaiverMatch{}, Expired: []WaiverMatch{}, Orphaned: []WaiverEntry{}}}
}

// Apply waives the gap and partial findings of one report that an unexpired
// waiver matches (as Waivers.Apply does) and records what it did.
func (a *WaiverApplier) Apply(r *Report) {
	w, out := a.w, a.out
	a.countries[r.Profile.Country] = true
	changed := false
	for i := range r.Findings {
		f := &r.Findings[i]
		if !f.Status.Failing() {
			continue
		}
		applied, expired := -1, -1
		for j, e := range w.Entries {
			if !e.Matches(f.ID, r.Profile.Country) {
				continue
			}
			a.matched[j] = true
			if e.ExpiredOn(a.today) {
				if expired < 0 {
					expired = j
				}
			} else if applied < 0 {
				applied = j
			}
		}
		match := func(j int) WaiverMatch {
			return WaiverMatch{Waiver: w.Entries[j], Profile: r.Profile.Path, Country: r.Profile.Country, Recommendation: f.ID}
		}
		switch {
		case applied >= 0:
			e := w.Entries[applied]
			f.Status = StatusWaived
			f.Waiver = &Waiver{Justification: e.Justification, Owner: e.Owner, Expires: e.Expires}
			f.Message += "; waived: " + e.Justification
			out.Applied = append(out.Applied, match(applied))
			changed = true
		case expired >= 0:
			e := w.Entries[expired]
			f.Message += fmt.Sprintf(" (waiver by %s expired %s)", e.Owner, e.Expires)
			out.Expired = append(out.Expired, match(expired))
		}
	}
	if changed {
		r.Resummarize()
	}
}

// Report says what the waivers did to the reports applied so far, with the
// waivers that matched nothing. A waiver matches nothing only among the states of
// the run: a waiver of FI in a run over Belgium alone says nothing about Finland.
func (a *WaiverApplier) Report() *WaiverReport {
	out := *a.out
	out.Orphaned = []WaiverEntry{}
	inRun := func(pattern string) bool {
		for c := range a.countries {
			if ok, _ := path.Match(pattern, c); ok {
				return true
			}
		}
		return false
	}
	for j, e := range a.w.Entries {
		if !a.matched[j] && inRun(e.Country) {
			out.Orphaned = append(out.Orphaned, e)
		}
	}
	return &out
}

// CheckRecommendations returns a *ValidationError naming every waiver whose
// recommendation (an id, or a glob) matches none of ids, the recommendations of
// the policies in force: a waiver of a recommendation that does not exist is a
// mistake (a typo, a renamed id), never something to warn about and go on.
func (w *Waivers) CheckRecommendations(ids []string) error {
	var problems []*FileError
	for i, e := range w.Entries {
		found := false
		for _, id := range ids {
			if ok, _ := path.Match(e.Recommendation, id); ok {
				found = true
				break
			}
		}
		if found {
			continue
		}
		msg := fmt.Sprintf("no recommendation %q", e.Recommendation)
		if strings.ContainsAny(e.Recommendation, globChars) {
			msg = fmt.Sprintf("the pattern %q matches no recommendation", e.Recommendation)
		} else if best := suggest.Closest(e.Recommendation, ids); best != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", best)
		}
		problems = append(problems, &FileError{File: w.File, Line: e.Location.Line, Column: e.Location.Column,
			Path: fmt.Sprintf("waivers[%d].recommendation", i), Err: fmt.Errorf("%s; want the id of a recommendation (gapcheck policies lists them)", msg)})
	}
	if len(problems) == 0 {
		return nil
	}
	return &ValidationError{File: w.File, Problems: problems}
}

// A WaiverChangeKind says how a waiver differs between two versions of a waivers
// file.
type WaiverChangeKind string

// The kinds of waiver change.
const (
	WaiverAdded   WaiverChangeKind = "added"   // only the head has it
	WaiverChanged WaiverChangeKind = "changed" // both have it, with another justification, owner or expiry
	WaiverRemoved WaiverChangeKind = "removed" // only the base has it
)

// A WaiverChange is one waiver that a change added, changed or removed. Waivers
// are paired by recommendation and country as written (a file holds one waiver
// per pair).
type WaiverChange struct {
	Kind WaiverChangeKind `json:"kind"`
	// Waiver is the head's version (the base's when removed); its Location is where
	// it is in that file.
	Waiver WaiverEntry `json:"waiver"`
	// Base is the base's version of a changed waiver.
	Base *WaiverEntry `json:"base,omitempty"`
}

// CompareWaivers returns the waivers added, changed and removed from base to head
// (either may be nil: no waivers file on that side): the added and changed ones in
// the head file's order, then the removed ones in the base file's order.
func CompareWaivers(base, head *Waivers) []WaiverChange {
	key := func(e WaiverEntry) [2]string { return [2]string{e.Recommendation, e.Country} }
	var baseEntries, headEntries []WaiverEntry
	if base != nil {
		baseEntries = base.Entries
	}
	if head != nil {
		headEntries = head.Entries
	}
	byKey := make(map[[2]string]WaiverEntry, len(baseEntries))
	for _, e := range baseEntries {
		byKey[key(e)] = e
	}
	out := []WaiverChange{}
	inHead := map[[2]string]bool{}
	for _, e := range headEntries {
		inHead[key(e)] = true
		b, ok := byKey[key(e)]
		switch {
		case !ok:
			out = append(out, WaiverChange{Kind: WaiverAdded, Waiver: e})
		case b.Justification != e.Justification || b.Owner != e.Owner || b.Expires != e.Expires:
			out = append(out, WaiverChange{Kind: WaiverChanged, Waiver: e, Base: &b})
		}
	}
	for _, e := range baseEntries {
		if !inHead[key(e)] {
			out = append(out, WaiverChange{Kind: WaiverRemoved, Waiver: e})
		}
	}
	return out
}
