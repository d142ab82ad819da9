package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browserTimeout bounds one browser test from launch to the last action, so
// that a page that never finishes drawing fails the test instead of hanging
// the whole run.
const browserTimeout = 60 * time.Second

// chromeCandidates are the names Chromium goes by on the distributions the
// project is built on; AXDASH_CHROME_PATH (set in CI) comes first.
var chromeCandidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// findChrome returns the browser binary, or "" when there is none.
func findChrome(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("AXDASH_CHROME_PATH"); p != "" {
		// An explicit path that does not work is a broken setup, never a
		// reason to skip.
		if _, err := exec.LookPath(p); err != nil {
			t.Fatalf("AXDASH_CHROME_PATH=%q: %v", p, err)
		}
		return p
	}
	for _, name := range chromeCandidates {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile and returns a
// chromedp context for one tab. Without a browser the test skips, unless
// AXDASH_REQUIRE_BROWSER=1 (CI), where a missing browser must fail the run.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := findChrome(t)
	if path == "" {
		if os.Getenv("AXDASH_REQUIRE_BROWSER") == "1" {
			t.Fatal("no Chromium found (AXDASH_CHROME_PATH, chromium, chromium-browser, google-chrome) and AXDASH_REQUIRE_BROWSER=1")
		}
		t.Skip("no Chromium found; set AXDASH_CHROME_PATH to run browser tests")
	}
	// The profile directory is created before the cleanup below is
	// registered, so it is removed only after the browser has exited.
	profile := t.TempDir()
	out := &syncBuffer{}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // root in containers and CI cannot use the sandbox
		chromedp.Flag("disable-gpu", true),
		// No traffic of the browser's own, so that every request the test
		// sees comes from the page.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-dev-shm-usage", true), // small /dev/shm in containers
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1400, 1000),
		chromedp.Flag("lang", "ko-KR"),
		chromedp.CombinedOutput(out),
	}
	timeoutCtx, cancelTimeout := context.WithTimeout(context.Background(), browserTimeout)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(timeoutCtx, opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		if tail := out.tail(4000); t.Failed() && strings.TrimSpace(tail) != "" {
			t.Logf("chromium output:\n%s", tail)
		}
		_ = chromedp.Cancel(ctx) // closes the browser gracefully
		cancelTab()
		cancelAlloc() // waits for the process to exit
		cancelTimeout()
	})
	// The first action launches the browser; fail here, not in some later
	// step whose error would hide the cause.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v\n%s", path, err, out.tail(4000))
	}
	return ctx
}

// syncBuffer collects the browser's output; chromedp writes it from another
// goroutine.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// tail returns at most the last n bytes written, without the D-Bus
// complaints that Chromium prints in every container and that bury the
// lines worth reading.
func (b *syncBuffer) tail(n int) string {
	b.mu.Lock()
	lines := strings.Split(b.buf.String(), "\n")
	b.mu.Unlock()
	lines = slices.DeleteFunc(lines, func(l string) bool { return strings.Contains(l, "dbus/") })
	s := strings.Join(lines, "\n")
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return s
}

// pageRecorder keeps what the page did that a test must check afterwards:
// errors on its console, uncaught exceptions, error entries of the browser
// log (failed loads, CSP violations) and the URL of every request.
type pageRecorder struct {
	mu       sync.Mutex
	problems []string
	requests []string
}

// recordPage starts recording the tab of ctx. Call it before navigating: it
// sees only the events that arrive after it returns.
func recordPage(t *testing.T, ctx context.Context) *pageRecorder {
	t.Helper()
	rec := &pageRecorder{}
	if err := chromedp.Listen(ctx, rec.handle); err != nil {
		t.Fatalf("listen: %v", err)
	}
	// chromedp enables the log domain when it attaches today; enable it here
	// as well so that the recorder does not depend on that detail.
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("log.enable: %v", err)
	}
	return rec
}

// handle runs on chromedp's read loop, so it only formats and appends.
func (r *pageRecorder) handle(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			r.addProblem(fmt.Sprintf("console.%s: %s%s", ev.Type, argsText(ev.Args), stackPlace(ev.StackTrace)))
		}
	case *runtime.EventExceptionThrown:
		r.addProblem("exception: " + exceptionText(ev.ExceptionDetails))
	case *cdplog.EventEntryAdded:
		if e := ev.Entry; e != nil && e.Level == cdplog.EntryLevelError {
			r.addProblem(fmt.Sprintf("log %s: %s (%s)", e.Source, e.Text, e.URL))
		}
	case *network.EventRequestWillBeSent:
		if ev.Request != nil {
			r.mu.Lock()
			r.requests = append(r.requests, ev.Request.URL)
			r.mu.Unlock()
		}
	}
}

func (r *pageRecorder) addProblem(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.problems = append(r.problems, s)
}

// Problems returns a copy of the console errors, exceptions and log errors.
func (r *pageRecorder) Problems() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.problems)
}

// Requests returns a copy of every request URL, in the order sent.
func (r *pageRecorder) Requests() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.requests)
}

func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a == nil:
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, a.Description)
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

func stackPlace(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 {
		return ""
	}
	f := st.CallFrames[0]
	return fmt.Sprintf(" at %s:%d:%d", f.URL, f.LineNumber+1, f.ColumnNumber+1)
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	text := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		text += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s at %s:%d:%d", text, d.URL, d.LineNumber+1, d.ColumnNumber+1)
}

// saveScreenshot writes a PNG of the whole page, beyond the viewport, to path.
func saveScreenshot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100 means PNG
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("write screenshot: %v", err)
	}
}
