package geo

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gapcheck/gapcheck/internal/browsertest"
	"github.com/google/go-cmp/cmp"
)

// TestWriteSVGInBrowser inlines the map in a page and renders it in Chromium:
// the browser must read every path (it logs a console error for bad path data),
// draw every state with an area, and load nothing.
func TestWriteSVGInBrowser(t *testing.T) {
	browsertest.SkipWithoutBrowser(t)
	var svg bytes.Buffer
	opt := SVGOptions{States: map[string]StateOptions{"FR": {Class: []string{"status-full"}, Title: hostile}}}
	if err := Europe().WriteSVG(&svg, opt); err != nil {
		t.Fatal(err)
	}
	page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>map</title>
<style>body{margin:0} .map{width:800px} .status-full{fill:#2e7d32}</style></head>
<body><div class="map">` + svg.String() + `</div></body></html>`
	file := filepath.Join(t.TempDir(), "map.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	p, err := browsertest.RenderWith(ctx, file, browsertest.Options{Width: 820, Height: 840, Eval: map[string]string{
		"states":  browsertest.Count("svg > g.geo-states > g[data-code]"),
		"markers": browsertest.Count("circle.geo-marker"),
		// The states that the browser draws with no area, and the rendered size of
		// the map.
		"empty": `[...document.querySelectorAll("g[data-code]")].filter(g => { const b = g.getBBox(); return !(b.width > 0 && b.height > 0) }).map(g => g.dataset.code)`,
		"size":  `(r => [Math.round(r.width), Math.round(r.height)])(document.querySelector("svg").getBoundingClientRect())`,
		"title": `document.querySelector('g[data-code="FR"] > title').textContent`,
		"fill":  `getComputedStyle(document.querySelector('g[data-code="FR"] > path')).fill`,
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Console) != 0 || len(p.Requests) != 0 {
		t.Errorf("console %q, requests %q; want none", p.Console, p.Requests)
	}
	want := map[string]string{
		"states":  "32",
		"markers": "3",
		"empty":   "[]",
		"size":    "[800,800]",
		"title":   `"<script>alert(1)</script>&\"'"`,
		"fill":    `"rgb(46, 125, 50)"`,
	}
	if diff := cmp.Diff(want, p.Eval); diff != "" {
		t.Errorf("in the browser (-want +got):\n%s", diff)
	}
	if p.ScrollWidth > p.ClientWidth {
		t.Errorf("the page overflows: scroll width %d > client width %d", p.ScrollWidth, p.ClientWidth)
	}
}
