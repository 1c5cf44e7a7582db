package checker

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// minimal is a smallest valid profile; tests patch it.
const minimal = `country: BE
name: Belgium
as_of: 2016-03-01
sources:
  - id: S1
    title: A source
    url: https://example.org/s1
participation:
  eu:
    status: member
    since: 1958-01-01
    sources: [S1]
  schengen:
    status: full
    since: 1995-03-26
    sources: [S1]
`

func newLoader(t testing.TB, opts ...LoaderOption) *Loader {
	t.Helper()
	l, err := NewLoader(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestLoadValid(t *testing.T) {
	p, err := newLoader(t).Load("p.yaml", strings.NewReader(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if p.Country != "BE" || p.Name != "Belgium" || p.AsOf != "2016-03-01" || len(p.Sources) != 1 {
		t.Errorf("got %+v", p.Info())
	}
	loc, ok := p.Locate("participation.schengen")
	if !ok || loc != (Location{File: "p.yaml", Line: 13, Column: 3}) {
		t.Errorf("Locate(participation.schengen) = %v, %v", loc, ok)
	}
	loc, ok = p.Locate("prum.dna")
	if ok || loc != (Location{File: "p.yaml", Line: 1, Column: 1}) {
		t.Errorf("Locate(prum.dna) = %v, %v; want the document, not recorded", loc, ok)
	}
}

func TestLoadBOM(t *testing.T) {
	if _, err := newLoader(t).Load("p.yaml", strings.NewReader("\ufeff"+minimal)); err != nil {
		t.Fatalf("a UTF-8 BOM must be accepted: %v", err)
	}
}

// TestLoadErrors pins the exact message for each class of bad profile.
func TestLoadErrors(t *testing.T) {
	replace := func(old, new string) string {
		if !strings.Contains(minimal, old) {
			t.Fatalf("minimal has no %q", old)
		}
		return strings.Replace(minimal, old, new, 1)
	}
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "p.yaml: empty profile: want a mapping with country, name, as_of, sources and participation"},
		{"only comments", "# nothing\n# here\n", "p.yaml: empty profile: want a mapping with country, name, as_of, sources and participation"},
		{"list", "- a\n- b\n", "p.yaml:1:1: a profile is a mapping of keys to values, not a list"},
		{"scalar", "hello\n", "p.yaml:1:1: a profile is a mapping of keys to values, not a single value"},
		{"syntax error", "country: BE\nname: [Belgium\n", "p.yaml:1: invalid YAML: did not find expected ',' or ']'"},
		{"tab indent", "country: BE\nparticipation:\n\teu: x\n", "p.yaml:3:1: invalid YAML: tab in indentation; indent with spaces"},
		{"multi document", minimal + "---\ncountry: FR\n", "p.yaml:17:1: more than one YAML document; want one profile per file"},
		{"duplicate key", replace("name: Belgium\n", "name: Belgium\nname: Belgique\n"), "p.yaml:3:1: name: duplicate key; first defined at line 2, column 1"},
		{"unknown key with suggestion", replace("as_of:", "as_off:"), "p.yaml:1:1: missing required key \"as_of\"\np.yaml:3:1: as_off: unknown key (did you mean \"as_of\"?); want one of aml, api, as_of, borders, country, ecris, eurojust, europol, explosives, firearms, interpol, name, national, participation, pnr, prum, sis, sources, unit"},
		{"unknown nested key", minimal + "prum:\n  dnaa:\n    status: unknown\n", "p.yaml:18:3: prum.dnaa: unknown key (did you mean \"dna\"?); want one of dna, fingerprints, vehicle_registration"},
		{"unknown fact field", replace("    status: full\n", "    status: full\n    sorces: [S1]\n"), "p.yaml:15:5: participation.schengen.sorces: unknown key (did you mean \"sources\"?); want one of inferred, note, observed, since, sources, status"},
		{"bad enum", minimal + "pnr:\n  piu:\n    status: maybe\n", "p.yaml:19:13: pnr.piu.status: invalid value \"maybe\"; want one of operational, being_set_up, none, unknown"},
		{"wrong type", minimal + "pnr:\n  piu:\n    status: unknown\n    inferred: yes\n", "p.yaml:20:15: pnr.piu.inferred: wrong type: got string; want boolean"},
		{"bad date", replace("as_of: 2016-03-01", "as_of: 2016-02-30"), "p.yaml:3:8: as_of: invalid date \"2016-02-30\"; want a calendar date as YYYY-MM-DD"},
		{"missing sources on a fact", replace("    since: 1995-03-26\n    sources: [S1]\n", "    since: 1995-03-26\n"), "p.yaml:13:3: participation.schengen: missing \"sources\": a fact whose status is not \"unknown\" must cite at least one declared source"},
		{"undeclared source", replace("    since: 1995-03-26\n    sources: [S1]\n", "    since: 1995-03-26\n    sources: [S2]\n"), "p.yaml:16:15: participation.schengen.sources[0]: source \"S2\" is not declared; want the id of an entry under sources"},
		{"unused source", replace("sources:\n  - id: S1\n", "sources:\n  - id: S0\n    title: Unused\n    url: https://example.org/s0\n  - id: S1\n"), "p.yaml:5:9: sources[0].id: source \"S0\" is declared but never cited; cite it or remove it"},
		{"duplicate source id", replace("sources:\n  - id: S1\n", "sources:\n  - id: S1\n    title: Again\n    url: https://example.org/again\n  - id: S1\n"), "p.yaml:8:9: sources[1].id: source \"S1\" is declared twice; first at sources[0]"},
		{"not ISO country", replace("country: BE", "country: XX"), "p.yaml:1:10: country: \"XX\" is not an ISO 3166-1 alpha-2 country code"},
		{"EU code for the UK", replace("country: BE", "country: UK"), "p.yaml:1:10: country: \"UK\" is the EU's code, not ISO 3166-1; want \"GB\""},
		{"lowercase country", replace("country: BE", "country: be"), "p.yaml:1:10: country: invalid country code \"be\"; want an ISO 3166-1 alpha-2 code such as BE"},
		{"bad url", replace("url: https://example.org/s1", "url: example.org"), "p.yaml:7:10: sources[0].url: invalid URL \"example.org\"; want an absolute http(s) URL"},
		{"alias", replace("  schengen:\n    status: full\n    since: 1995-03-26\n    sources: [S1]\n", "  schengen: &s\n    status: full\n    since: 1995-03-26\n    sources: [S1]\n  x: *s\n"), "p.yaml:13:13: participation.schengen: anchor &s: anchors and aliases are not allowed in profiles; write each fact out\np.yaml:17:6: participation.x: alias *s: anchors and aliases are not allowed in profiles; write each fact out"},
		{"tag", replace("name: Belgium", "name: !!bool yes"), "p.yaml:2:7: name: tag !!bool: tags are not allowed in profiles; write the value plainly, quoted if it is text"},
		// Timelines.
		{"no date", minimal + "pnr:\n  piu:\n    status: none\n    sources: [S1]\n", "p.yaml:18:3: pnr.piu: no date: want since (the status held from a date) or observed (a source saw it at a date)"},
		{"both dates", minimal + "pnr:\n  piu:\n    status: none\n    since: 2015\n    observed: 2016-01\n    sources: [S1]\n", "p.yaml:21:5: pnr.piu.observed: both since and observed; want one: since when the status held, or when a source observed it"},
		{"bad precision", minimal + "pnr:\n  piu:\n    status: none\n    since: 2015-13\n    sources: [S1]\n", "p.yaml:20:12: pnr.piu.since: invalid date \"2015-13\"; want YYYY-MM-DD, or YYYY-MM or YYYY where the source gives no day"},
		{"no such day", minimal + "pnr:\n  piu:\n    status: none\n    since: 2015-02-29\n    sources: [S1]\n", "p.yaml:20:12: pnr.piu.since: invalid date \"2015-02-29\"; want YYYY-MM-DD, or YYYY-MM or YYYY where the source gives no day"},
		{"after as_of", minimal + "pnr:\n  piu:\n    status: none\n    since: 2016-04\n    sources: [S1]\n", "p.yaml:20:5: pnr.piu.since: dated 2016-04, after as_of 2016-03-01: a profile records facts up to the date it was reviewed to; move as_of or the entry"},
		{"out of order", minimal + "pnr:\n  piu:\n    - status: none\n      since: 2015\n      sources: [S1]\n    - status: operational\n      since: 2014-06\n      sources: [S1]\n", "p.yaml:23:7: pnr.piu[1].since: 2014-06 is before the entry above (2015); want the entries in date order"},
		{"two entries on one date", minimal + "pnr:\n  piu:\n    - status: none\n      since: 2015-07\n      sources: [S1]\n    - status: operational\n      observed: 2015-07-31\n      sources: [S1]\n", "p.yaml:23:7: pnr.piu[1].observed: on the same date as the entry before (2015-07 and 2015-07-31 are both 2015-07-31); want one entry per date"},
		{"an entry with no source", minimal + "pnr:\n  piu:\n    - status: none\n      since: 2015\n      sources: [S1]\n    - status: operational\n      since: 2016-01\n", "p.yaml:22:7: pnr.piu[1]: missing \"sources\": a fact whose status is not \"unknown\" must cite at least one declared source"},
		{"an undated unknown in a timeline", minimal + "pnr:\n  piu:\n    - status: none\n      since: 2015\n      sources: [S1]\n    - status: unknown\n", "p.yaml:22:7: pnr.piu[1]: no date: want since (the status held from a date) or observed (a source saw it at a date); in a timeline, an unknown entry says from when nothing is known"},
		{"a control character after decoding", replace("name: Belgium", "name: \"Bel\\e]0;PWNED\\agium\""), "p.yaml:2:7: name: character U+001B is not allowed (a control, separator or direction character, written through an escape); want printable text"},
		{"invalid utf8", "country: B\xffE\n", "p.yaml:1:11: invalid UTF-8; want a UTF-8 text file"},
		{"deep nesting", "a:" + strings.Repeat(" [", 40) + strings.Repeat("]", 40) + "\n", "p.yaml:1:68: a[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nested deeper than 32 levels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newLoader(t).Load("p.yaml", strings.NewReader(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %T, want *ValidationError: %v", err, err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error:\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestLoadSizeLimit(t *testing.T) {
	src := minimal + "# " + strings.Repeat("x", 200) + "\n"
	_, err := newLoader(t, WithMaxProfileSize(100)).Load("p.yaml", strings.NewReader(src))
	if err == nil || err.Error() != "p.yaml: profile is larger than the limit of 100 bytes" {
		t.Errorf("got %v", err)
	}
}

func TestLoadAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for i := 'b'; i <= 'j'; i++ {
		prev := string(i - 1)
		b.WriteString(string(i) + ": &" + string(i) + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n")
	}
	_, err := newLoader(t).Load("bomb.yaml", strings.NewReader(b.String()))
	if err == nil || !strings.Contains(err.Error(), "anchors and aliases are not allowed in profiles") {
		t.Fatalf("got %v", err)
	}
}

func TestLoadFileNotFound(t *testing.T) {
	_, err := newLoader(t).LoadFile(fstest.MapFS{}, "missing.yaml")
	if err == nil || !strings.HasPrefix(err.Error(), "open profile: ") {
		t.Errorf("got %v", err)
	}
}

func TestCheckDistinct(t *testing.T) {
	l := newLoader(t)
	a, _ := l.Load("a.yaml", strings.NewReader(minimal))
	b, _ := l.Load("b.yaml", strings.NewReader(minimal))
	err := CheckDistinct([]*Profile{a, b})
	if err == nil || err.Error() != "b.yaml:1:10: country: country BE is also profiled in a.yaml; want one profile per state, or a unit for each part of a state" {
		t.Errorf("got %v", err)
	}
}

func TestPathHelpers(t *testing.T) {
	if got := parentPath("a.b[2]"); got != "a.b" {
		t.Errorf("parentPath = %q", got)
	}
	if got := strings.Join(splitPath("a.b[2].c"), "/"); got != "a/b/2/c" {
		t.Errorf("splitPath = %q", got)
	}
}

func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestProblemsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(minimal)
	for i := range MaxProblems + 7 {
		fmt.Fprintf(&b, "unknown_%03d: x\n", i)
	}
	_, err := newLoader(t).Load("p.yaml", strings.NewReader(b.String()))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v", err)
	}
	if len(ve.Problems) != MaxProblems+1 {
		t.Fatalf("%d problems, want %d and a count of the rest", len(ve.Problems), MaxProblems+1)
	}
	if got := ve.Problems[MaxProblems].Error(); got != "p.yaml: 7 more problem(s) not shown; fix these first" {
		t.Errorf("last problem %q", got)
	}
	if got := ve.Problems[0].Line; got != 17 {
		t.Errorf("first problem at line %d, want 17 (file order)", got)
	}
}

// TestSentinels: the kinds of problem a caller may want to tell apart are
// errors.Is-able, whatever the message says.
func TestSentinels(t *testing.T) {
	l := newLoader(t, WithMaxProfileSize(100))
	if _, err := l.Load("big.yaml", strings.NewReader(minimal)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a large profile: %v, want ErrTooLarge", err)
	}
	undeclared := strings.Replace(minimal, "sources: [S1]\n  schengen", "sources: [S2]\n  schengen", 1)
	_, err := newLoader(t).Load("p.yaml", strings.NewReader(undeclared))
	if !errors.Is(err, ErrUndeclaredSource) {
		t.Errorf("an undeclared source: %v, want ErrUndeclaredSource", err)
	}
	uncited := strings.Replace(minimal, "participation:", "  - id: S9\n    title: Never cited\n    url: https://example.org/s9\nparticipation:", 1)
	if _, err := newLoader(t).Load("p.yaml", strings.NewReader(uncited)); !errors.Is(err, ErrUncitedSource) {
		t.Errorf("an uncited source: %v, want ErrUncitedSource", err)
	}
	a, _ := newLoader(t).Load("a.yaml", strings.NewReader(minimal))
	b, _ := newLoader(t).Load("b.yaml", strings.NewReader(minimal))
	if err := CheckDistinct([]*Profile{a, b}); !errors.Is(err, ErrDuplicateState) {
		t.Errorf("two profiles of a state: %v, want ErrDuplicateState", err)
	}
}

// TestUnits: a state may be profiled in parts, each with its own unit; the
// identity is country and unit, and only a repeated identity is an error.
func TestUnits(t *testing.T) {
	l := newLoader(t)
	load := func(name, unit string) *Profile {
		src := minimal
		if unit != "" {
			src = strings.Replace(src, "name: Belgium\n", "name: Belgium\nunit: "+unit+"\n", 1)
		}
		p, err := l.Load(name, strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	a, b, c := load("a.yaml", "Zone Bruxelles"), load("b.yaml", "Zone Antwerpen"), load("c.yaml", "")
	if err := CheckDistinct([]*Profile{a, b, c}); err != nil {
		t.Errorf("three parts of one state: %v", err)
	}
	if got := a.Info().Key(); got != "BE/Zone Bruxelles" || c.Info().Key() != "BE" {
		t.Errorf("keys %q, %q", got, c.Info().Key())
	}
	err := CheckDistinct([]*Profile{a, load("d.yaml", "Zone Bruxelles")})
	if want := `d.yaml:3:7: unit: unit "Zone Bruxelles" of BE is also profiled in a.yaml; want one profile per state, or a unit for each part of a state`; err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	if _, err := l.Load("e.yaml", strings.NewReader(strings.Replace(minimal, "name: Belgium\n", "name: Belgium\nunit: a/b\n", 1))); err == nil {
		t.Error("a unit with a slash: no error")
	}
}
