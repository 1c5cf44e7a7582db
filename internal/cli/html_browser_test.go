package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gapcheck/gapcheck/internal/browsertest"
)

// envArtifacts names the directory where TestHTMLReportInBrowser leaves the
// page, its screenshot and its DOM for a person to look at (CI uploads it); a
// temporary directory when unset.
const envArtifacts = "GAPCHECK_ARTIFACTS"

// TestHTMLReportInBrowser renders the HTML report of the shipped profiles in
// headless Chromium as a person would open it, takes a screenshot and dumps the
// DOM, and checks what the browser made of it against the JSON report of the same
// run: no console message and no request; a shape per state on the map with the
// class of its share met (hatched when less than half rests on evidence), and of
// its status once a recommendation is chosen from the list; a heatmap of every
// state by every recommendation, with the status of each cell; a link for every
// source of every finding; and no horizontal scrolling in a 1280 px window.
func TestHTMLReportInBrowser(t *testing.T) {
	browsertest.SkipWithoutBrowser(t)
	page := run(t, moduleRoot, nil, "--format", "html", "--fail-on", "never", "profiles/")
	data := run(t, moduleRoot, nil, "--format", "json", "--fail-on", "never", "profiles/")
	if page.code != ExitOK || data.code != ExitOK || page.stderr != "" {
		t.Fatalf("exit %d and %d, stderr %q", page.code, data.code, page.stderr)
	}
	var doc struct {
		Reports []struct {
			Profile  struct{ Country, Name string }
			Findings []struct {
				ID, Status string
				Sources    []struct{ URL string }
			}
			Summary struct {
				Met      float64 `json:"met_share"`
				Evidence float64 `json:"evidence_share"`
			}
		}
	}
	if err := json.Unmarshal([]byte(data.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	wantShare, wantPrum, wantCells := map[string]string{}, map[string]string{}, map[string]string{}
	wantLinks, recs := 0, 0
	var firstByMet string // the state the heatmap puts first sorted by share met: the highest, then by name
	var bestMet float64
	names := map[string]string{}
	for _, r := range doc.Reports {
		if firstByMet == "" || r.Summary.Met > bestMet || (r.Summary.Met == bestMet && r.Profile.Name < names[firstByMet]) {
			firstByMet, bestMet = r.Profile.Country, r.Summary.Met
		}
		names[r.Profile.Country] = r.Profile.Name
		s := r.Summary
		// The map's scale: 20-point bins of the rounded-down percentage met.
		class := fmt.Sprintf("state share-%d", min(int(s.Met*100+1e-9)/20, 4))
		if s.Evidence < 0.5 {
			class += " low-evidence"
		}
		wantShare[r.Profile.Country] = class
		recs = len(r.Findings)
		for _, f := range r.Findings {
			wantCells[r.Profile.Country+" "+f.ID] = "cell st-" + f.Status
			wantLinks += len(f.Sources)
			if f.ID == "prum-dna" {
				wantPrum[r.Profile.Country] = "state st-" + f.Status
			}
		}
	}
	if len(wantShare) != 32 || recs == 0 {
		t.Fatalf("the JSON report has %d states and %d recommendations; the test expects the 32 shipped states", len(wantShare), recs)
	}

	dir := os.Getenv(envArtifacts)
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "report.html")
	if err := os.WriteFile(file, []byte(page.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p, err := browsertest.RenderWith(ctx, file, browsertest.Options{Width: 1280, Height: 900, Eval: map[string]string{
		// The map's classes in both modes, then back to the share met for the
		// screenshot; and what hovering Belgium shows in each.
		"map": `(() => {
			const classes = () => Object.fromEntries([...document.querySelectorAll("svg.map g.state:not(.no-report)")].map(g => [g.dataset.code, g.getAttribute("class")]));
			const title = () => document.querySelector('svg.map g[data-code="BE"] > title').textContent;
			const select = document.getElementById("map-mode");
			const share = classes(), shareTitle = title();
			select.value = "prum-dna"; select.dispatchEvent(new Event("change"));
			const rec = classes(), recTitle = title();
			const legend = document.getElementById("legend-status").hidden;
			select.value = ""; select.dispatchEvent(new Event("change"));
			return {share, rec, shareTitle, recTitle, legend, back: classes()["BE"]};
		})()`,
		"shapes":  browsertest.Count("svg.map g.state"),
		"heatmap": `[...document.querySelectorAll("#heatmap tbody tr")].map(tr => [tr.dataset.code, [...tr.querySelectorAll("td.cell")].map(td => td.className)])`,
		"recs":    `[...document.querySelectorAll("#heatmap th.rec button")].map(b => b.textContent)`,
		"links":   browsertest.Count("a.source[href^='http']"),
		"sorted":  `(() => { document.querySelector('[data-sort="met"]').click(); const first = document.querySelector("#heatmap tbody tr").dataset.code; document.querySelector('[data-sort="code"]').click(); return first })()`,
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.png"), p.Screenshot, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.dom.html"), []byte(p.DOM), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("the page, its screenshot and its DOM: %s", dir)

	if len(p.Console) != 0 || len(p.Requests) != 0 {
		t.Errorf("console %q, requests %q; want none", p.Console, p.Requests)
	}
	if p.ScrollWidth > p.ClientWidth {
		t.Errorf("the page scrolls sideways in a 1280 px window: scroll width %d > client width %d", p.ScrollWidth, p.ClientWidth)
	}
	var m struct {
		Share, Rec           map[string]string
		ShareTitle, RecTitle string
		Legend               bool
		Back                 string
	}
	if err := json.Unmarshal([]byte(p.Eval["map"]), &m); err != nil {
		t.Fatal(err)
	}
	if p.Eval["shapes"] != "32" {
		t.Errorf("%s state shapes on the map, want 32", p.Eval["shapes"])
	}
	if diff := cmp.Diff(wantShare, m.Share); diff != "" {
		t.Errorf("map by share met (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantPrum, m.Rec); diff != "" {
		t.Errorf("map by prum-dna (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(m.ShareTitle, "Belgium (BE): ") || !strings.Contains(m.ShareTitle, "% met of ") || m.RecTitle != "Belgium (BE): prum-dna "+strings.ReplaceAll(strings.TrimPrefix(wantPrum["BE"], "state st-"), "_", " ") || m.Legend || m.Back != wantShare["BE"] {
		t.Errorf("hover %q, then %q; status legend hidden %v; back to %q", m.ShareTitle, m.RecTitle, m.Legend, m.Back)
	}
	var rows [][2]json.RawMessage
	if err := json.Unmarshal([]byte(p.Eval["heatmap"]), &rows); err != nil {
		t.Fatal(err)
	}
	var ids []string
	if err := json.Unmarshal([]byte(p.Eval["recs"]), &ids); err != nil {
		t.Fatal(err)
	}
	gotCells := map[string]string{}
	for _, row := range rows {
		var code string
		var cells []string
		if json.Unmarshal(row[0], &code) != nil || json.Unmarshal(row[1], &cells) != nil || len(cells) != len(ids) {
			t.Fatalf("heatmap row %s", row)
		}
		for i, c := range cells {
			gotCells[code+" "+ids[i]] = c
		}
	}
	if len(rows) != 32 || len(ids) != recs {
		t.Errorf("heatmap of %d states by %d recommendations, want 32 by %d", len(rows), len(ids), recs)
	}
	if diff := cmp.Diff(wantCells, gotCells); diff != "" {
		t.Errorf("heatmap cells (-want +got):\n%s", diff)
	}
	if p.Eval["links"] != fmt.Sprint(wantLinks) || wantLinks < 600 {
		t.Errorf("%s source links, want %d: every source of every finding", p.Eval["links"], wantLinks)
	}
	if p.Eval["sorted"] != `"`+firstByMet+`"` {
		t.Errorf("sorted by share met, the first state is %s, want %s", p.Eval["sorted"], firstByMet)
	}

	// As it prints, on A4 paper (210 mm, 794 CSS pixels): no controls, each state
	// on a new page, the URL of every source printed after it, nothing cut at the
	// right edge.
	printed, err := browsertest.RenderWith(ctx, file, browsertest.Options{Width: 794, Height: 1123, Media: "print", Eval: map[string]string{
		"controls": `[...document.querySelectorAll(".controls")].every(e => getComputedStyle(e).display === "none")`,
		"breaks":   `[...document.querySelectorAll("section.state-report")].every(s => getComputedStyle(s).breakBefore === "page")`,
		"url":      `(a => getComputedStyle(a, "::after").content.includes(a.getAttribute("href")))(document.querySelector("a.source"))`,
		"overflow": `[...document.querySelectorAll("table, figure, svg")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(e => e.id || e.className.baseVal || e.className)`,
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report-print.png"), printed.Screenshot, 0o644); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"controls": "true", "breaks": "true", "url": "true", "overflow": "[]"}
	if diff := cmp.Diff(want, printed.Eval); diff != "" || len(printed.Console) != 0 || printed.ScrollWidth > printed.ClientWidth {
		t.Errorf("printed (-want +got):\n%s\nconsole %q, scroll width %d, client width %d", diff, printed.Console, printed.ScrollWidth, printed.ClientWidth)
	}
}
