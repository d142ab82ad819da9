package main

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// activeJS describes the focused element.
const activeJS = `(() => { const a = document.activeElement;
	return [a.tagName, a.className, a.id, a.getAttribute("href") || "", a.textContent.trim(), a.getAttribute("data-save") || ""].join("|"); })()`

func active(t *testing.T, ctx context.Context) string {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](activeJS))
	if err != nil {
		t.Fatalf("read the focused element: %v", err)
	}
	return got
}

// TestSkipLinkFirstTab: on every kind of page the first Tab focuses "본문
// 바로가기", and Enter on it moves focus to <main> (WCAG 2.4.1).
func TestSkipLinkFirstTab(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	for _, p := range []string{"/", "/figures/adoption-trend", "/regions/48", "/exemplars", "/briefing", "/login"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p), chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if got, want := active(t, ctx), "A|skip-link||#main|본문 바로가기|"; got != want {
			t.Errorf("%s: first Tab focuses %q, want %q", p, got, want)
			continue
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		if got := active(t, ctx); !strings.HasPrefix(got, "MAIN||main|") {
			t.Errorf("%s: after the skip link focus is on %q, want <main id=main>", p, got)
		}
	}
	checkPageClean(t, rec)
}

// noSubmitJS counts every way a form could be sent, and sends none.
const noSubmitJS = `(() => {
	window.axdashSubmits = 0;
	HTMLFormElement.prototype.submit = function () { window.axdashSubmits++; };
	HTMLFormElement.prototype.requestSubmit = function () { window.axdashSubmits++; };
	document.addEventListener("submit", e => { window.axdashSubmits++; e.preventDefault(); }, true);
	window.axdashChanges = 0;
	document.querySelector("select[name=region]").addEventListener("change", () => window.axdashChanges++);
	return true;
})()`

// filterState is what the page says after a key on a filter.
type filterState struct {
	Value   string `json:"value"`
	Changes int    `json:"changes"`
	Submits int    `json:"submits"`
	Path    string `json:"path"`
}

// TestArrowKeyOnFilterDoesNotSubmit: ↓ on the focused 시도 select changes
// its value and nothing else (WCAG 3.2.2); 보기 then loads the view, the
// filter in the URL to share.
func TestArrowKeyOnFilterDoesNotSubmit(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	const path = "/figures/adoption-by-size"
	sel := chromedp.CSS(`select[name=region]`)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(sel)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](noSubmitJS)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Focus(sel), chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	state, err := chromedp.Run(ctx, chromedp.Evaluate[filterState](`({value: document.querySelector("select[name=region]").value,
		changes: window.axdashChanges, submits: window.axdashSubmits, path: location.pathname + location.search})`))
	if err != nil {
		t.Fatal(err)
	}
	if state.Value == "" || state.Changes == 0 {
		t.Fatalf("↓ did not change the 시도 select: %+v", state)
	}
	if state.Submits != 0 || state.Path != path {
		t.Errorf("↓ on the select submitted the form: %+v", state)
	}
	// Reload so that the page's own form submission is not intercepted.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(sel), chromedp.SetValue(sel, state.Value)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)))); err != nil {
		t.Fatalf("press 보기: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if u, err := url.Parse(loc); err != nil || u.Query().Get("region") != state.Value {
		t.Errorf("after 보기 the page is %s, want ?region=%s", loc, state.Value)
	}
	checkPageClean(t, rec)
}

// TestSaveButtonsByKeyboard reaches "PNG 저장" and "SVG 저장" by Tab alone and
// presses Enter on each: each downloads the chart under the name the
// toolbox used (WCAG 2.1.1).
func TestSaveButtonsByKeyboard(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	dir := t.TempDir()
	events := true
	if _, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (cdp.Empty, error) {
		return cdp.Call(ctx, tg, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, EventsEnabled: &events})
	}); err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	const id = "barriers"
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/figures/"+id+"?wave=2026-H1&region=48")); err != nil {
		t.Fatal(err)
	}
	waitChartsDrawn(t, ctx)
	name, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`echarts.getInstanceByDom(document.getElementById("chart-`+id+`")).getOption().toolbox[0].feature.saveAsImage.name`))
	if err != nil || name == "" {
		t.Fatalf("the toolbox's image name: %q, %v", name, err)
	}
	for _, tc := range []struct {
		kind string
		head []byte
	}{{"png", []byte("\x89PNG")}, {"svg", []byte("<svg")}} {
		tabs := 0
		for ; !strings.HasSuffix(active(t, ctx), "|"+tc.kind); tabs++ {
			if tabs == 200 {
				t.Fatalf("%d Tabs never reached the %s save button", tabs, tc.kind)
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("%s 저장 reached after %d more Tabs", strings.ToUpper(tc.kind), tabs)
		done, err := chromedp.Run(ctx, chromedp.WaitEvent(browser.DownloadProgress,
			func(ev browser.EventDownloadProgress) bool {
				return ev.State != browser.DownloadProgressStateInProgress
			},
			chromedp.KeyEvent(kb.Enter)))
		if err != nil {
			t.Fatalf("Enter on %s 저장: %v", tc.kind, err)
		}
		if done.State != browser.DownloadProgressStateCompleted {
			t.Fatalf("%s download %s", tc.kind, done.State)
		}
		got, err := os.ReadFile(filepath.Join(dir, name+"."+tc.kind))
		if err != nil {
			t.Fatalf("the %s download is not saved as %s.%s: %v", tc.kind, name, tc.kind, err)
		}
		if !bytes.Contains(got[:min(len(got), 200)], tc.head) {
			t.Errorf("%s.%s starts %q", name, tc.kind, got[:min(len(got), 40)])
		}
	}
	checkPageClean(t, rec)
}

// keepShot saves a whole-page screenshot under AXDASH_SCREENSHOT_DIR, when set.
func keepShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if dir := os.Getenv("AXDASH_SCREENSHOT_DIR"); dir != "" {
		saveScreenshot(t, ctx, filepath.Join(dir, "a11y-"+name+".png"))
	}
}

// reduceMotion asks for prefers-reduced-motion, which the page script
// honours by drawing charts without animation: a screenshot then shows the
// final frame with no waiting.
func reduceMotion(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (cdp.Empty, error) {
		return cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}})
	}); err != nil {
		t.Fatal(err)
	}
}

// TestZoom200Percent: at 683 px, what a 1366 px screen shows at 200 %
// zoom, the briefings never scroll sideways, no chart's labels overlap or
// are cut off, and the exemplar list keeps every column at least four
// characters wide (WCAG 1.4.10, 1.4.4).
func TestZoom200Percent(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	reduceMotion(t, ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(683, 768)); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/briefing?wave=2026-H1", "/briefing?wave=2026-H1&region=48", "/exemplars", "/"} {
		openWithoutSideScroll(t, ctx, base, p, 683)
		keepShot(t, ctx, "683"+strings.NewReplacer("/", "-", "?", "_", "&", "_", "=", "-").Replace(strings.TrimSuffix(p, "/")))
		checkChartLabels(t, ctx, p+" at 683 px", "683-chart")
		if strings.HasPrefix(p, "/exemplars") {
			checkColumnsReadable(t, ctx)
		}
	}
	checkPageClean(t, rec)
}

// checkColumnsReadable fails when an exemplar list column is narrower than
// four characters of its text.
func checkColumnsReadable(t *testing.T, ctx context.Context) {
	t.Helper()
	cols, err := chromedp.Run(ctx, chromedp.Evaluate[[]struct {
		Label string  `json:"label"`
		Width float64 `json:"width"`
		Em    float64 `json:"em"`
	}](`Array.from(document.querySelectorAll("#exemplar-list thead th"), th => ({label: th.textContent,
		width: th.getBoundingClientRect().width, em: parseFloat(getComputedStyle(th).fontSize)}))`))
	if err != nil || len(cols) == 0 {
		t.Fatalf("exemplar columns: %v, %v", cols, err)
	}
	for _, c := range cols {
		if c.Width < 4*c.Em {
			t.Errorf("exemplar column %s is %.0f px wide, under four characters (%.0f px)", c.Label, c.Width, 4*c.Em)
		}
	}
}
