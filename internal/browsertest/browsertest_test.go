package browsertest

import (
	"bytes"
	"context"
	"image/png"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// writePage writes the HTML to a file in a temporary directory and returns its
// path.
func writePage(t *testing.T, html string) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(name, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func render(t *testing.T, file string, opt Options) *Page {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	p, err := RenderWith(ctx, file, opt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRenderCleanPage(t *testing.T) {
	SkipWithoutBrowser(t)
	file := writePage(t, `<!doctype html><html><head><meta charset="utf-8"><title>clean</title>
<style>body{margin:0} p{color:#123}</style></head>
<body><p class="x">one</p><p class="x">two</p><svg viewBox="0 0 10 10" width="10"><g data-code="AT"><title>Austria</title></g></svg>
<script>document.body.dataset.ran = "yes"</script></body></html>`)
	p := render(t, file, Options{Width: 400, Height: 300, Eval: map[string]string{
		"paragraphs": Count("p.x"),
		"groups":     Count(`svg g[data-code="AT"]`),
		"title":      `document.querySelector("title").textContent`,
	}})
	if len(p.Console) != 0 || len(p.Requests) != 0 {
		t.Errorf("console %q, requests %q; want none", p.Console, p.Requests)
	}
	if diff := cmp.Diff(map[string]string{"paragraphs": "2", "groups": "1", "title": `"clean"`}, p.Eval); diff != "" {
		t.Errorf("Eval (-want +got):\n%s", diff)
	}
	if !strings.Contains(p.DOM, `data-ran="yes"`) || !strings.HasPrefix(p.DOM, "<html") {
		t.Errorf("DOM does not show the script's change: %.200s", p.DOM)
	}
	if p.ScrollWidth != 400 || p.ClientWidth != 400 {
		t.Errorf("scroll width %d, client width %d; want 400 and 400", p.ScrollWidth, p.ClientWidth)
	}
	img, err := png.Decode(bytes.NewReader(p.Screenshot))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 400 || b.Dy() != 300 {
		t.Errorf("screenshot %v, want 400 × 300", b)
	}
}

func TestRenderReportsErrorsAndRequests(t *testing.T) {
	SkipWithoutBrowser(t)
	file := writePage(t, `<!doctype html><html><head><meta charset="utf-8"></head><body>
<img src="http://example.invalid/x.png" alt="">
<script>console.log("hello", 42); console.error("boom"); console.warn("careful")</script>
<script>throw new Error("uncaught one")</script>
</body></html>`)
	p := render(t, file, Options{})
	if diff := cmp.Diff([]string{"http://example.invalid/x.png"}, p.Requests); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	// The failed load can come before or after the scripts' messages.
	want := []string{
		"error: Failed to load resource: net::ERR_PROXY_CONNECTION_FAILED (http://example.invalid/x.png)",
		"error: boom",
		"exception: Uncaught Error: uncaught one",
		"log: hello 42",
		"warning: careful",
	}
	if diff := cmp.Diff(want, slices.Sorted(slices.Values(p.Console))); diff != "" {
		t.Errorf("console, sorted (-want +got):\n%s", diff)
	}
	errs := p.Errors()
	if len(errs) != 3 {
		t.Errorf("Errors() = %q, want 3: the console.error, the exception, the failed load", errs)
	}
}

// TestRenderSendsNothing checks that requests fail in the browser, without
// reaching even a server on the loopback interface.
func TestRenderSendsNothing(t *testing.T) {
	SkipWithoutBrowser(t)
	var hits atomic.Int64
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
	})}
	go srv.Serve(ln)
	defer srv.Close()
	addr := ln.Addr().String()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	file := writePage(t, `<!doctype html><body><img src="http://`+addr+`/local.png" alt="">
<script>
fetch("http://localhost:`+port+`/api").catch(e => console.log("fetch failed"));
new WebSocket("ws://`+addr+`/socket");
</script></body>`)
	p := render(t, file, Options{})
	want := []string{
		"http://" + addr + "/local.png",
		"http://localhost:" + port + "/api",
		"ws://" + addr + "/socket",
	}
	if diff := cmp.Diff(want, slices.Sorted(slices.Values(p.Requests))); diff != "" {
		t.Errorf("requests, sorted (-want +got):\n%s", diff)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the local server got %d requests, want 0", n)
	}
}

func TestRenderOverflow(t *testing.T) {
	SkipWithoutBrowser(t)
	file := writePage(t, `<!doctype html><html><body style="margin:0"><div style="width:900px;height:10px"></div></body></html>`)
	p := render(t, file, Options{Width: 500, Height: 400})
	if p.ScrollWidth != 900 || p.ClientWidth != 500 {
		t.Errorf("scroll width %d, client width %d; want 900 and 500", p.ScrollWidth, p.ClientWidth)
	}
}

func TestRenderErrors(t *testing.T) {
	SkipWithoutBrowser(t)
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.html")
	ctx := context.Background()
	if _, err := Render(ctx, missing, 100, 100); err == nil || !strings.Contains(err.Error(), "render "+missing+": stat "+missing+": no such file or directory") {
		t.Errorf("missing file: error %v", err)
	}
	file := writePage(t, `<!doctype html><p>x</p>`)
	_, err := RenderWith(ctx, file, Options{Eval: map[string]string{"bad": `(() => { throw new Error("nope") })()`}})
	if err == nil || !strings.Contains(err.Error(), "evaluate bad: ") || !strings.Contains(err.Error(), "nope") {
		t.Errorf("throwing expression: error %v", err)
	}
}

// TestRenderRemovesProfile checks that no browser profile is left behind.
func TestRenderRemovesProfile(t *testing.T) {
	SkipWithoutBrowser(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	file := writePage(t, `<!doctype html><p>x</p>`)
	render(t, file, Options{Width: 200, Height: 200})
	left, err := filepath.Glob(filepath.Join(tmp, "browsertest-profile-*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Errorf("profiles left: %v", left)
	}
}

func TestCount(t *testing.T) {
	tests := []struct{ selector, want string }{
		{"p.x", `document.querySelectorAll("p.x").length`},
		{`g[data-code="AT"]`, `document.querySelectorAll("g[data-code=\"AT\"]").length`},
		{`a\b</script>`, `document.querySelectorAll("a\\b\u003c/script>").length`},
		{"x\ny", `document.querySelectorAll("x\u000ay").length`},
	}
	for _, tt := range tests {
		if got := Count(tt.selector); got != tt.want {
			t.Errorf("Count(%q) = %s, want %s", tt.selector, got, tt.want)
		}
	}
}

func TestAvailableFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "my-chromium")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvBrowser, fake)
	if p, ok := Available(); !ok || p != fake {
		t.Errorf("Available() = %q, %v; want %q, true", p, ok, fake)
	}
	t.Setenv(EnvBrowser, filepath.Join(dir, "none"))
	if p, ok := Available(); ok {
		t.Errorf("Available() = %q, true for a missing file", p)
	}
}

func TestAvailableNone(t *testing.T) {
	t.Setenv(EnvBrowser, "")
	t.Setenv("PATH", t.TempDir())
	p, ok := Available()
	// /usr/bin is searched too, so a machine with chromium finds it there.
	if ok && !strings.HasPrefix(p, "/usr/bin/") {
		t.Errorf("Available() = %q, true with an empty PATH", p)
	}
}

func TestRenderWithoutBrowser(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-chromium")
	t.Setenv(EnvBrowser, missing)
	file := writePage(t, `<!doctype html><p>x</p>`)
	_, err := Render(context.Background(), file, 100, 100)
	want := "render " + file + ": no browser: " + SkipMessage
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
}

// TestRenderConsoleReplaced checks that a page that replaces console.debug, so
// that Render's end marker never shows, still renders, with the messages before.
func TestRenderConsoleReplaced(t *testing.T) {
	SkipWithoutBrowser(t)
	file := writePage(t, `<!doctype html><script>console.error("before"); console.debug = () => {}</script>`)
	start := time.Now()
	p := render(t, file, Options{})
	if diff := cmp.Diff([]string{"error: before"}, p.Console); diff != "" {
		t.Errorf("console (-want +got):\n%s", diff)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("took %v", d)
	}
}

// TestRenderPrintMedia: with Media "print" the page's print style applies, and
// without it the screen's.
func TestRenderPrintMedia(t *testing.T) {
	SkipWithoutBrowser(t)
	file := writePage(t, `<!doctype html><html><head><meta charset="utf-8"><style>
p { color: rgb(1, 2, 3); } @media print { p { color: rgb(4, 5, 6); } }</style></head><body><p>x</p></body></html>`)
	color := map[string]string{"color": `getComputedStyle(document.querySelector("p")).color`}
	for media, want := range map[string]string{"": `"rgb(1, 2, 3)"`, "print": `"rgb(4, 5, 6)"`} {
		if p := render(t, file, Options{Width: 300, Height: 200, Media: media, Eval: color}); p.Eval["color"] != want {
			t.Errorf("media %q: colour %s, want %s", media, p.Eval["color"], want)
		}
	}
}
