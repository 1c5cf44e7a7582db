// Package browsertest renders a local HTML file in headless Chromium, for tests
// that check a page as a person's browser shows it: its screenshot, its DOM after
// the scripts ran, its console messages and uncaught exceptions, the network
// requests it makes and whether it overflows the viewport sideways.
//
// Each Render starts its own browser with a fresh profile, which it removes
// afterwards. The browser fetches nothing from the network: every request goes
// to a proxy on a closed loopback port and no host name resolves, so a page that
// tries shows the request in Page.Requests and a load error in Page.Console, and
// no traffic leaves the machine.
//
// The browser is Debian's chromium (or another Chromium or Chrome that Available
// finds). Tests call SkipWithoutBrowser first, so that they are skipped with a
// clear message on a machine without one.
package browsertest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// EnvBrowser names the environment variable that, when set, gives the browser
// to use, as a path or a command name.
const EnvBrowser = "GAPCHECK_CHROMIUM"

// SkipMessage is why SkipWithoutBrowser skips a test.
const SkipMessage = "chromium not found: install Debian's chromium (apt-get install chromium) to run the browser tests"

// DefaultTimeout bounds a Render whose context has no deadline.
const DefaultTimeout = 60 * time.Second

// markerWait is how long Render waits for the console message that marks the
// end of the page's messages.
const markerWait = 3 * time.Second

// Available returns the browser to run: the one that $GAPCHECK_CHROMIUM names
// when it is set (ok is false when that is not an executable), else the first of
// chromium, chromium-browser, google-chrome and google-chrome-stable found in
// $PATH or in /usr/bin.
func Available() (path string, ok bool) {
	if v := os.Getenv(EnvBrowser); v != "" {
		p, err := exec.LookPath(v)
		return p, err == nil
	}
	browserNames := []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}
	for _, name := range browserNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, true
		}
	}
	for _, name := range browserNames {
		if p, err := exec.LookPath(filepath.Join("/usr/bin", name)); err == nil {
			return p, true
		}
	}
	return "", false
}

// SkipWithoutBrowser skips the test, with SkipMessage, when Available finds no
// browser. When $GAPCHECK_CHROMIUM is set but names no executable it fails the
// test instead: a browser was asked for.
func SkipWithoutBrowser(t testing.TB) {
	t.Helper()
	if _, ok := Available(); ok {
		return
	}
	if v := os.Getenv(EnvBrowser); v != "" {
		t.Fatalf("%s=%q is not an executable", EnvBrowser, v)
	}
	t.Skip(SkipMessage)
}

// Page is what a browser made of an HTML file.
type Page struct {
	// Screenshot is a PNG of the viewport.
	Screenshot []byte
	// DOM is the outer HTML of the document element once the page has loaded and
	// its scripts have run.
	DOM string
	// Console are the page's console messages in order, each as "TYPE: TEXT":
	// console API calls ("log: …", "error: …", "warning: …"), uncaught exceptions
	// and unhandled rejections ("exception: Uncaught …"), and the browser's log
	// entries, such as a failed load ("error: Failed to load resource: … (URL)").
	Console []string
	// Requests are the URLs of the requests the page made, WebSocket connections
	// included, in order, other than the page itself and data: URLs. A
	// self-contained page makes none.
	Requests []string
	// ScrollWidth and ClientWidth are the document element's: a page wider than
	// the viewport has a ScrollWidth above its ClientWidth.
	ScrollWidth, ClientWidth int
	// Eval holds, by name, the results of Options.Eval as JSON text.
	Eval map[string]string
}

// Errors returns the console messages of type error and exception.
func (p *Page) Errors() []string {
	var errs []string
	for _, m := range p.Console {
		if strings.HasPrefix(m, "error: ") || strings.HasPrefix(m, "exception: ") {
			errs = append(errs, m)
		}
	}
	return errs
}

// Options say how Render renders the page.
type Options struct {
	// Width and Height are the viewport's size in CSS pixels; 1280 × 900 when
	// zero.
	Width, Height int
	// Eval maps names to JavaScript expressions to evaluate in the page once it
	// has loaded, before the screenshot; Page.Eval gets their values, JSON-encoded,
	// under the same names. An expression must give a JSON value (not undefined).
	// Count makes the expression that counts the elements a selector matches.
	Eval map[string]string
	// Media is the CSS media type to emulate, such as "print" to see the page as
	// it prints; the screen when empty.
	Media string
}

// Count returns the JavaScript expression that counts the elements of the page
// that the CSS selector matches, for Options.Eval.
func Count(selector string) string {
	return fmt.Sprintf("document.querySelectorAll(%s).length", jsString(selector))
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x2028 || r == 0x2029 || r == '<':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Render renders the local HTML file in a viewport of width × height CSS pixels
// and returns the page. See RenderWith.
func Render(ctx context.Context, file string, width, height int) (*Page, error) {
	return RenderWith(ctx, file, Options{Width: width, Height: height})
}

// RenderWith loads the local HTML file from its file: URL in a new headless
// browser, waits for the load event and two animation frames, evaluates the
// options' expressions and takes a screenshot. Requests and console messages
// that the page makes later than that are not seen. A context without a deadline
// gets DefaultTimeout.
func RenderWith(ctx context.Context, file string, opt Options) (page *Page, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("render %s: %w", file, err)
		}
	}()
	browser, ok := Available()
	if !ok {
		return nil, errors.New("no browser: " + SkipMessage)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, err
	}
	pageURL := (&url.URL{Scheme: "file", Path: abs}).String()
	width, height := opt.Width, opt.Height
	if width == 0 {
		width = 1280
	}
	if height == 0 {
		height = 900
	}
	if width < 0 || height < 0 {
		return nil, fmt.Errorf("viewport %d × %d is negative", width, height)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}

	profile, err := os.MkdirTemp("", "browsertest-profile-")
	if err != nil {
		return nil, err
	}
	defer func() {
		if rmErr := os.RemoveAll(profile); rmErr != nil && err == nil {
			err = fmt.Errorf("remove the browser profile: %w", rmErr)
		}
	}()

	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(browser),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		// Nothing the page asks for leaves the machine: every request goes to a
		// proxy on a closed loopback port, loopback addresses included, and fails
		// there as a person's browser would show it (in the console, as "Failed to
		// load resource"); no host name resolves; WebRTC sends no UDP.
		chromedp.Flag("proxy-server", "http://127.0.0.1:9"),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.Flag("force-webrtc-ip-handling-policy", "disable_non_proxied_udp"),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()

	var mu sync.Mutex
	var requests []string
	tabCtx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(func(ev any) {
		var u string
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if ev.Request != nil {
				u = ev.Request.URL
			}
		case *network.EventWebSocketCreated:
			u = ev.URL
		}
		if u != "" && u != pageURL && !strings.HasPrefix(u, "data:") {
			mu.Lock()
			requests = append(requests, u)
			mu.Unlock()
		}
	}))
	defer cancelTab()

	// Start the browser and the tab before loading, so that the console of the
	// load is seen.
	if err := chromedp.Do(tabCtx); err != nil {
		return nil, fmt.Errorf("start %s: %w", browser, err)
	}
	// The console is read until a marker written last; consoleCtx ends the
	// reading should a page have replaced console.debug, so that it never comes.
	consoleCtx, stopConsole := context.WithCancel(tabCtx)
	defer stopConsole()
	console := chromedp.Console(consoleCtx)
	if err := chromedp.Do(tabCtx,
		chromedp.EmulateViewport(int64(width), int64(height)),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			if opt.Media == "" {
				return nil
			}
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: opt.Media})
			return err
		}),
		chromedp.Navigate(pageURL),
		chromedp.Evaluate[chromedp.Void](
			`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`,
			chromedp.EvalAwaitPromise),
	); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}

	p := &Page{Eval: map[string]string{}}
	for _, name := range slices.Sorted(maps.Keys(opt.Eval)) {
		raw, err := chromedp.Run(tabCtx, chromedp.Evaluate[[]byte](opt.Eval[name]))
		if err != nil {
			return nil, fmt.Errorf("evaluate %s: %w", name, err)
		}
		p.Eval[name] = string(raw)
	}
	widths, err := chromedp.Run(tabCtx, chromedp.Evaluate[[2]int](
		`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
	if err != nil {
		return nil, fmt.Errorf("measure: %w", err)
	}
	p.ScrollWidth, p.ClientWidth = widths[0], widths[1]
	if p.DOM, err = chromedp.Run(tabCtx, chromedp.Evaluate[string](`document.documentElement.outerHTML`)); err != nil {
		return nil, fmt.Errorf("read the DOM: %w", err)
	}
	if p.Screenshot, err = chromedp.Run(tabCtx, chromedp.CaptureScreenshot()); err != nil {
		return nil, fmt.Errorf("screenshot: %w", err)
	}

	// A last console message of our own marks the end of the page's: the
	// console keeps the order of the messages.
	mark, err := marker()
	if err != nil {
		return nil, err
	}
	if err := chromedp.Do(tabCtx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf("console.debug(%s)", jsString(mark)))); err != nil {
		return nil, fmt.Errorf("mark the console: %w", err)
	}
	stopAfter := time.AfterFunc(markerWait, stopConsole)
	defer stopAfter.Stop()
	for m, err := range console {
		if err != nil {
			if tabCtx.Err() == nil && consoleCtx.Err() != nil {
				break // the marker did not come in time
			}
			return nil, fmt.Errorf("read the console: %w", err)
		}
		if m.Type == chromedp.ConsoleDebug && m.Text == mark {
			break
		}
		s := m.String()
		if m.Source == "network" && m.URL != "" {
			s += " (" + m.URL + ")"
		}
		p.Console = append(p.Console, s)
	}

	mu.Lock()
	p.Requests = slices.Clone(requests)
	mu.Unlock()

	// Close the browser gracefully and wait for it, so that the profile can be
	// removed.
	if err := chromedp.Cancel(tabCtx); err != nil {
		return nil, fmt.Errorf("close the browser: %w", err)
	}
	cancelAlloc()
	return p, nil
}

// marker returns a string that no page writes to its console by chance.
func marker() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("make a console marker: %w", err)
	}
	return "browsertest-end-" + hex.EncodeToString(b), nil
}
