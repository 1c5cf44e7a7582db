package render

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/gapcheck/gapcheck/checker"
)

// page is what a test reads of an HTML report: its elements in order.
type element struct {
	tag   string
	attrs map[string]string
	text  string // the text directly inside it, for script and style
}

// parsePage tokenizes an HTML report and returns its elements; a tokenizer error
// fails the test.
func parsePage(t *testing.T, doc string) []*element {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(doc))
	var out []*element
	var open *element
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err().Error() != "EOF" {
				t.Fatalf("tokenize: %v", z.Err())
			}
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			e := &element{tag: tok.Data, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Key] = a.Val
			}
			out = append(out, e)
			open = e
		case html.TextToken:
			if open != nil {
				open.text += string(z.Text())
			}
		case html.EndTagToken:
			open = nil
		}
	}
}

// TestHTMLSelfContained: the page loads nothing (no src, no link, no import, no
// url() but to its own patterns, no form), its only script is inline, and its only
// external links are the sources' and the acts' (to http or https).
func TestHTMLSelfContained(t *testing.T) {
	for name, run := range map[string]*Run{"one": oneState(), "three": threeStatesOverTime(), "filtered": filteredRun()} {
		doc := renderString(t, FormatHTML, Options{}, run)
		scripts := 0
		for _, e := range parsePage(t, doc) {
			switch e.tag {
			case "link", "img", "iframe", "object", "embed", "form", "base", "audio", "video", "source", "image", "use", "foreignobject":
				t.Errorf("%s: a <%s> element", name, e.tag)
			case "script":
				if e.attrs["type"] == "" {
					scripts++
				}
			case "style":
				if strings.Contains(e.text, "@import") || regexp.MustCompile(`url\((?:[^#]|$)`).MatchString(e.text) {
					t.Errorf("%s: the style loads something", name)
				}
			}
			for k, v := range e.attrs {
				switch {
				case k == "src" || k == "srcset" || k == "action" || k == "formaction" || k == "xlink:href" || k == "background" || k == "ping":
					t.Errorf("%s: <%s %s=%q>", name, e.tag, k, v)
				case k == "href" && !strings.HasPrefix(v, "#"):
					if e.tag != "a" || (e.attrs["class"] != "source" && e.attrs["class"] != "law") || !regexp.MustCompile(`^https?://`).MatchString(v) {
						t.Errorf("%s: <%s class=%q href=%q>: want only sources and acts to link out, over http(s)", name, e.tag, e.attrs["class"], v)
					}
				case k == "style" && strings.Contains(v, "url("):
					t.Errorf("%s: a style attribute loads something: %q", name, v)
				}
			}
		}
		if scripts != 1 {
			t.Errorf("%s: %d scripts, want 1", name, scripts)
		}
	}
}

// TestHTMLContent checks what the page shows of the three fixture states: a
// shape per state on the map with its class, a heatmap cell per state and
// recommendation with the status's class and symbol, a link for every source of
// every finding, every note, and the data the script colours the map by.
func TestHTMLContent(t *testing.T) {
	run := threeStatesOverTime()
	els := parsePage(t, renderString(t, FormatHTML, Options{}, run))
	shapes := map[string]string{}
	cells := map[string]int{}
	links := 0
	var mapData string
	for _, e := range els {
		if e.tag == "g" && strings.HasPrefix(e.attrs["id"], "map-") {
			shapes[e.attrs["data-code"]] = e.attrs["class"]
		}
		if e.tag == "td" && strings.HasPrefix(e.attrs["class"], "cell ") {
			cells[e.attrs["class"]+" "+e.text]++
		}
		if e.tag == "a" && e.attrs["class"] == "source" {
			links++
		}
		if e.tag == "script" && e.attrs["id"] == "map-data" {
			mapData = e.text
		}
	}
	if len(shapes) != 32 {
		t.Errorf("%d states on the map, want 32", len(shapes))
	}
	// Belgium: 1 of 5 met (20%), evidence for 4 of 5; France 4 of 8 (50%), 6 of 8;
	// Norway 0 of 5, evidence for 1 of 5: hatched.
	for code, want := range map[string]string{"BE": "state share-1", "FR": "state share-2", "NO": "state share-0 low-evidence", "DE": "state no-report"} {
		if shapes[code] != want {
			t.Errorf("map: %s has class %q, want %q", code, shapes[code], want)
		}
	}
	wantCells := map[string]int{}
	wantLinks := 0
	for _, r := range run.Reports {
		for _, f := range r.Findings {
			wantCells["cell st-"+string(f.Status)+" "+symbol(f.Status)]++
			wantLinks += len(f.Sources)
		}
	}
	if diff := cmp.Diff(wantCells, cells); diff != "" {
		t.Errorf("heatmap cells (-want +got):\n%s", diff)
	}
	if links != wantLinks || links != 18 {
		t.Errorf("%d source links, want %d (every source of every finding) and 18", links, wantLinks)
	}
	var data htmlMapData
	if err := json.Unmarshal([]byte(mapData), &data); err != nil {
		t.Fatalf("map data: %v in %q", err, mapData)
	}
	if got := data.States["BE"].Statuses["pnr-piu"]; got != "gap" || len(data.States) != 3 || len(data.States["FR"].Statuses) != 8 {
		t.Errorf("map data: BE pnr-piu %q, %d states, %d statuses of FR; want gap, 3 and 8", got, len(data.States), len(data.States["FR"].Statuses))
	}
}

// TestHTMLIdentity: every id of the page is unique, and a profile of a part of a
// state (a unit) has a section, a row and an anchor of its own, and is listed
// beside the map rather than drawn over its state.
func TestHTMLIdentity(t *testing.T) {
	for name, run := range map[string]*Run{"one": oneState(), "three": threeStatesOverTime(), "filtered": filteredRun(), "unit": withUnit()} {
		doc := renderString(t, FormatHTML, Options{}, run)
		ids := map[string]int{}
		for _, e := range parsePage(t, doc) {
			if id, ok := e.attrs["id"]; ok {
				ids[id]++
			}
		}
		for id, n := range ids {
			if n > 1 {
				t.Errorf("%s: id %q %d times", name, id, n)
			}
		}
		if name != "unit" {
			continue
		}
		for _, want := range []string{
			`<section class="state-report" id="state-BE_2fZone_20Bruxelles"`,
			`<a href="#state-BE_2fZone_20Bruxelles">Belgium (BE/Zone Bruxelles)</a>: 50% met of 2, evidence 100%`,
			`<tr data-name="Belgium" data-code="BE/Zone Bruxelles"`,
			`<g data-code="BE" id="map-BE" class="state share-1">`,
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("unit: the page lacks %q", want)
			}
		}
	}
}

// TestHTMLEscapes: text from a profile reaches the page as text, never as markup,
// in every context: element text, attributes, the map's titles and the script's
// data.
func TestHTMLEscapes(t *testing.T) {
	const hostile = `</script><script>alert(1)</script><b onmouseover="x()">'&`
	run := threeStates()
	r := run.Reports[0]
	r.Profile.Name = hostile
	r.Findings[0].Message = hostile
	r.Findings[6].Evidence[0].Note = hostile
	r.Findings[6].Sources[0].Title = hostile
	r.Findings[6].Sources[0].URL = "javascript:alert(1)"
	doc := renderString(t, FormatHTML, Options{}, run)
	if strings.Contains(doc, "<script>alert") || strings.Contains(doc, `<b onmouseover`) || strings.Contains(doc, "javascript:") {
		t.Errorf("hostile text reached the page as markup")
	}
	scripts := 0
	for _, e := range parsePage(t, doc) {
		if e.tag == "script" {
			scripts++
		}
		if e.tag == "b" {
			t.Errorf("a <b> element from the data: %v", e.attrs)
		}
	}
	if scripts != 2 { // the map's data and the page's script
		t.Errorf("%d script elements, want 2", scripts)
	}
	if !strings.Contains(doc, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the hostile name is not shown as text")
	}
}

// TestHTMLShareClass pins the map's scale: bins of 20 points of the rounded-down
// percentage, hatched below half evidence, none when nothing applies.
func TestHTMLShareClass(t *testing.T) {
	for _, tt := range []struct {
		met, evidence float64
		applicable    int
		want          string
	}{
		{0, 1, 5, "share-0"}, {0.199, 1, 5, "share-0"}, {0.2, 1, 5, "share-1"}, {0.3999, 0.5, 5, "share-1"},
		{0.4, 0.49, 5, "share-2 low-evidence"}, {0.79, 1, 5, "share-3"}, {0.8, 1, 5, "share-4"}, {1, 1, 5, "share-4"},
		{0, 0, 0, "share-none"},
	} {
		s := checker.Summary{MetShare: tt.met, EvidenceShare: tt.evidence, Applicable: tt.applicable}
		if got := shareClass(s); got != tt.want {
			t.Errorf("shareClass(%v met, %v evidence) = %q, want %q", tt.met, tt.evidence, got, tt.want)
		}
	}
}
