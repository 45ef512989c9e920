package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's chromium, the browser the journeys run in.
const chromiumPath = "/usr/bin/chromium"

// Timeouts: a whole journey's browser, and one step of it (a page load, a
// form submission: password hashing under -race is the slow part).
const (
	browserTimeout = 45 * time.Second
	stepTimeout    = 15 * time.Second
)

// shotsEnv, when set, copies each journey's final screenshot to shotsDir.
const (
	shotsEnv = "SHANZHI_E2E_SHOTS"
	shotsDir = "/tmp/shots"
)

// viewport is the emulated screen of a tab.
type viewport struct {
	width, height int64
	mobile        bool
}

var (
	phoneScreen   = viewport{width: 390, height: 844, mobile: true}
	desktopScreen = viewport{width: 1280, height: 800}
)

// tab is one browser tab of a journey, with helpers that fail the test
// (after saving a screenshot of what the browser showed) instead of
// returning errors.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string
	vp   viewport
}

// newBrowser starts a fresh headless chromium (own profile folder) and
// returns its first tab, emulating vp. The browser ends with the test.
func newBrowser(t *testing.T, base string, vp viewport) *tab {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("the browser tests need Debian's chromium at %s: install it with `sudo apt-get install chromium fonts-noto-cjk` (%v)", chromiumPath, err)
	}
	profile := t.TempDir() // made first, so it is removed after the browser quits
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	t.Cleanup(cancel)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(int(vp.width), int(vp.height)),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc) // cancels and waits for the browser to exit
	return startTab(t, allocCtx, base, vp)
}

// freshContext opens a tab in a new browser context of the same browser:
// no cookies or storage shared with tb, as a second person at another
// computer would have.
func (tb *tab) freshContext() *tab {
	tb.t.Helper()
	return startTab(tb.t, tb.ctx, tb.base, tb.vp, chromedp.WithNewBrowserContext())
}

// startTab makes the chromedp context of a tab, attaches it (starting the
// browser on first use, bound to parent's timeout) and sets its screen.
func startTab(t *testing.T, parent context.Context, base string, vp viewport, opts ...chromedp.ContextOption) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent, opts...)
	t.Cleanup(cancel)
	// The first Do binds the browser to ctx, so it must not run under a
	// step's shorter timeout; ctx already ends with browserTimeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium (%s): %v", chromiumPath, err)
	}
	tb := &tab{t: t, ctx: ctx, base: base, vp: vp}
	tb.do("emulate the screen", tb.screen(vp.height))
	return tb
}

// step runs f under the step timeout and fails the test with what it was
// doing when f fails.
func (tb *tab) step(what string, f func(ctx context.Context) error) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if err := f(ctx); err != nil {
		tb.failed(what, err)
	}
}

// failed saves a screenshot of the page and fails the test.
func (tb *tab) failed(what string, err error) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	defer cancel()
	where, _ := chromedp.Run(ctx, chromedp.Location())
	if png, shotErr := chromedp.Run(ctx, chromedp.CaptureScreenshot()); shotErr == nil {
		path := filepath.Join(tb.t.TempDir(), "failure.png")
		if os.WriteFile(path, png, 0o644) == nil {
			tb.t.Logf("screenshot of the failure: %s", path)
		}
	}
	tb.t.Fatalf("%s (at %s): %v", what, where, err)
}

// do runs actions that return nothing.
func (tb *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	tb.step(what, func(ctx context.Context) error { return chromedp.Do(ctx, actions...) })
}

// open loads path and returns the HTTP status of the final document.
func (tb *tab) open(path string) int64 {
	tb.t.Helper()
	return tb.follow("open "+path, chromedp.Navigate(tb.base+path))
}

// follow runs an action that loads a page (a click on a link or a submit
// button) and returns the HTTP status of the final document, after any
// redirects.
func (tb *tab) follow(what string, action chromedp.Action[chromedp.Void]) int64 {
	tb.t.Helper()
	var status int64
	tb.step(what, func(ctx context.Context) error {
		resp, err := chromedp.RunResponse(ctx, action)
		if err == nil {
			status = resp.Status
		}
		return err
	})
	return status
}

// path is the address of the current page without the site's origin.
func (tb *tab) path() string {
	tb.t.Helper()
	var loc string
	tb.step("read the address", func(ctx context.Context) (err error) {
		loc, err = chromedp.Run(ctx, chromedp.Location())
		return err
	})
	return strings.TrimPrefix(loc, tb.base)
}

// texts returns the trimmed text of every element matching the CSS
// selector, in document order; the pages are rendered on the server, so a
// loaded page is complete and nothing needs waiting for.
func (tb *tab) texts(selector string) []string {
	tb.t.Helper()
	quoted, err := json.Marshal(selector)
	if err != nil {
		tb.t.Fatal(err)
	}
	var out []string
	tb.step("read "+selector, func(ctx context.Context) (err error) {
		out, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll(`+string(quoted)+`), e => e.textContent.trim())`))
		return err
	})
	return out
}

// text is the text of the one element matching selector; it fails the
// test when there is none or more than one.
func (tb *tab) text(selector string) string {
	tb.t.Helper()
	got := tb.texts(selector)
	if len(got) != 1 {
		tb.failed("read "+selector, fmt.Errorf("%d elements match, want 1: %q", len(got), got))
	}
	return got[0]
}

// dom is everything a person or a script could read from the page: the
// live DOM serialised, plus the current values of the form fields (which
// the serialisation leaves out once typed into).
func (tb *tab) dom() string {
	tb.t.Helper()
	var out string
	tb.step("read the page", func(ctx context.Context) (err error) {
		out, err = chromedp.Run(ctx, chromedp.Evaluate[string](
			`document.documentElement.outerHTML + "\n" + `+
				`Array.from(document.querySelectorAll("input, textarea, select"), e => e.value).join("\n")`))
		return err
	})
	return out
}

// screen is the action that emulates the tab's screen, height pixels tall.
func (tb *tab) screen(height int64) chromedp.Action[chromedp.Void] {
	if !tb.vp.mobile {
		return chromedp.EmulateViewport(tb.vp.width, height)
	}
	return chromedp.EmulateViewport(tb.vp.width, height,
		chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch)
}

// wholePage captures the whole page as PNG. Rather than capturing beyond
// the viewport, which paints fixed elements (the resident tab bar) in the
// middle of the page, it makes the screen as tall as the page for the
// capture and then restores it.
func (tb *tab) wholePage() chromedp.Action[[]byte] {
	return func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		height, err := chromedp.Evaluate[int64](`document.documentElement.scrollHeight`)(ctx, t)
		if err != nil {
			return nil, err
		}
		if _, err := tb.screen(max(height, tb.vp.height))(ctx, t); err != nil {
			return nil, err
		}
		png, err := chromedp.CaptureScreenshot()(ctx, t)
		if _, restoreErr := tb.screen(tb.vp.height)(ctx, t); err == nil {
			err = restoreErr
		}
		return png, err
	}
}

// screenshot saves the whole page as <name>.png in a test folder and, when
// SHANZHI_E2E_SHOTS is set, copies it to /tmp/shots/<name>.png.
func (tb *tab) screenshot(name string) {
	tb.t.Helper()
	var png []byte
	tb.step("take a screenshot", func(ctx context.Context) (err error) {
		png, err = chromedp.Run(ctx, tb.wholePage())
		return err
	})
	path := filepath.Join(tb.t.TempDir(), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	tb.t.Logf("screenshot: %s", path)
	if os.Getenv(shotsEnv) == "" {
		return
	}
	if err := os.MkdirAll(shotsDir, 0o755); err != nil {
		tb.t.Fatal(err)
	}
	copyPath := filepath.Join(shotsDir, name+".png")
	if err := os.WriteFile(copyPath, png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	tb.t.Logf("screenshot copied to %s", copyPath)
}
