// Command screenshot renders a local HTML file in headless Chromium (with
// internal/browsertest: nothing leaves the machine) and writes a PNG of the
// viewport. scripts/screenshot.sh runs it on the HTML report of the shipped
// profiles for the README.
//
// Usage: go run ./scripts/screenshot [-width W] [-height H] [-at SELECTOR] FILE.html OUT.png
//
// -at scrolls the page to the first element the CSS selector matches before the
// screenshot. The console messages and requests of the page are printed, and a
// page that logs an error or makes a request exits 1.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/gapcheck/gapcheck/internal/browsertest"
)

func main() {
	width := flag.Int("width", 1280, "viewport width in CSS pixels")
	height := flag.Int("height", 900, "viewport height in CSS pixels")
	at := flag.String("at", "", "scroll to the element this CSS `SELECTOR` matches first")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: screenshot [-width W] [-height H] [-at SELECTOR] FILE.html OUT.png")
		os.Exit(2)
	}
	if _, ok := browsertest.Available(); !ok {
		fmt.Fprintln(os.Stderr, "screenshot: "+browsertest.SkipMessage)
		os.Exit(2)
	}
	opt := browsertest.Options{Width: *width, Height: *height}
	if *at != "" {
		opt.Eval = map[string]string{"scrolled": fmt.Sprintf("(e => { if (!e) return false; e.scrollIntoView(); return true })(document.querySelector(%s))", strconv.Quote(*at))}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p, err := browsertest.RenderWith(ctx, flag.Arg(0), opt)
	if err != nil {
		fmt.Fprintln(os.Stderr, "screenshot:", err)
		os.Exit(1)
	}
	if *at != "" && p.Eval["scrolled"] != "true" {
		fmt.Fprintf(os.Stderr, "screenshot: no element matches %s\n", *at)
		os.Exit(1)
	}
	if err := os.WriteFile(flag.Arg(1), p.Screenshot, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "screenshot:", err)
		os.Exit(1)
	}
	for _, m := range p.Console {
		fmt.Println("console:", m)
	}
	for _, r := range p.Requests {
		fmt.Println("request:", r)
	}
	if len(p.Errors()) > 0 || len(p.Requests) > 0 {
		os.Exit(1)
	}
}
