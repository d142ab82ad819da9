package main

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// browserWaves are imported oldest first, from different seeds so that the
// second file is not refused as a duplicate of the first. The dashboard
// opens on the newest.
var browserWaves = []struct{ name, seed string }{
	{"2025-H2", "3"},
	{"2026-H1", "4"},
}

// serveTwoWaves imports two demo workbooks through the real CLI into a fresh
// SQLite database and serves it. The browser tests need one database only:
// what they check is the page, not the store.
func serveTwoWaves(t *testing.T) string {
	t.Helper()
	t.Setenv("AXDASH_CONFIG", "")
	t.Setenv("AXDASH_DATABASE_URL", "")
	t.Setenv("AXDASH_DATA_DIR", t.TempDir())
	dir := t.TempDir()
	for _, w := range browserWaves {
		file := filepath.Join(dir, w.name+".xlsx")
		if code, _, errOut := cli(t, "demo-workbook", "--rows", "600", "--seed", w.seed, "--out", file); code != 0 {
			t.Fatalf("demo-workbook --seed %s: exit %d: %s", w.seed, code, errOut)
		}
		if code, out, errOut := cli(t, "import", file, "--wave", w.name); code != 0 {
			t.Fatalf("import --wave %s: exit %d: %s\n%s", w.name, code, out, errOut)
		}
	}
	base, _ := startServer(t)
	return base
}

// figureIDs asks the API for the catalogue, so that a figure added later is
// checked in the browser without touching this test.
func figureIDs(t *testing.T, base string) []string {
	t.Helper()
	var cat struct {
		Figures []struct {
			ID string `json:"id"`
		} `json:"figures"`
	}
	getJSON(t, base+"/api/v1/figures", 200, &cat)
	var ids []string
	for _, f := range cat.Figures {
		ids = append(ids, f.ID)
	}
	if len(ids) == 0 {
		t.Fatal("the figure catalogue is empty")
	}
	return ids
}

func TestDashboardInBrowser(t *testing.T) {
	start := time.Now()
	ctx := newBrowser(t) // first, so that a missing browser skips before any work
	base := serveTwoWaves(t)
	ids := figureIDs(t, base)
	rec := recordPage(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatalf("navigate: %v", err)
	}
	checkChartsDrawn(t, ctx, ids)
	wantWaves := []string{browserWaves[0].name, browserWaves[1].name}
	if got := waveOptions(t, ctx); !slices.Equal(got, wantWaves) {
		t.Errorf("wave selector lists %q, want %q", got, wantWaves)
	}
	// ECharts animates its first draw for about a second; let it finish so
	// that the screenshot shows the charts as a reader sees them.
	if err := chromedp.Do(ctx, chromedp.Sleep(1500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(t.TempDir(), "dashboard.png")
	saveScreenshot(t, ctx, shot)
	t.Logf("screenshot: %s", shot)
	// A copy outside the test's temporary directory, to keep as a CI artifact
	// or to look at while working on the page.
	if keep := os.Getenv("AXDASH_SCREENSHOT"); keep != "" {
		saveScreenshot(t, ctx, keep)
	}
	checkPageClean(t, rec)
	t.Logf("browser test took %s", time.Since(start).Round(time.Millisecond))
}

// chartState is what the page reports about one figure's chart.
type chartState struct {
	ID      string `json:"id"`
	Element bool   `json:"element"` // the #chart-<id> container exists
	Canvas  bool   `json:"canvas"`
	W       int    `json:"w"`
	H       int    `json:"h"`
	Painted int    `json:"painted"` // sampled pixels that differ from the corner
}

// chartStateJS reports every figure's chart. A canvas of the right size is
// not proof of a chart (echarts.init makes one before setOption can fail),
// so it also samples pixels for anything drawn.
const chartStateJS = `(ids => ids.map(id => {
  const el = document.getElementById('chart-' + id);
  const c = el && el.querySelector('canvas');
  const s = {id: id, element: !!el, canvas: !!c, w: c ? c.width : 0, h: c ? c.height : 0, painted: 0};
  if (!c || !c.width || !c.height) return s;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  for (let i = 0; i < d.length; i += 4 * 61) {
    if (d[i] !== d[0] || d[i+1] !== d[1] || d[i+2] !== d[2] || d[i+3] !== d[3]) s.painted++;
  }
  return s;
}))(%s)`

// checkChartsDrawn waits until every figure's chart has drawn, then reports
// each one that has not, by what is missing.
func checkChartsDrawn(t *testing.T, ctx context.Context, ids []string) {
	t.Helper()
	idsJSON, _ := json.Marshal(ids)
	expr := strings.Replace(chartStateJS, "%s", string(idsJSON), 1)
	// The poll's own error is not fatal: the report below says which chart
	// is missing, which is more use than "polling timeout". An interval, not
	// every animation frame, because each check reads every canvas's pixels.
	_, _ = chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr+`.every(s => s.w > 0 && s.h > 0 && s.painted > 0)`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second)))
	states, err := chromedp.Run(ctx, chromedp.Evaluate[[]chartState](expr))
	if err != nil {
		t.Fatalf("read chart state: %v", err)
	}
	for _, s := range states {
		switch {
		case !s.Element:
			t.Errorf("figure %s: no #chart-%s element on the page", s.ID, s.ID)
		case !s.Canvas:
			t.Errorf("figure %s: #chart-%s has no canvas (chart never initialised)", s.ID, s.ID)
		case s.W <= 0 || s.H <= 0:
			t.Errorf("figure %s: canvas is %dx%d", s.ID, s.W, s.H)
		case s.Painted == 0:
			t.Errorf("figure %s: canvas %dx%d is blank", s.ID, s.W, s.H)
		}
	}
}

// waveOptions returns the values of the wave selector's options in order.
func waveOptions(t *testing.T, ctx context.Context) []string {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('select[name=wave] option'), o => o.value)`))
	if err != nil {
		t.Fatalf("read wave options: %v", err)
	}
	return got
}

// checkPageClean fails on any console error or exception, on any request that
// left the server (design §7: nothing loads from outside), and when the
// vendored ECharts was not the one used.
func checkPageClean(t *testing.T, rec *pageRecorder) {
	t.Helper()
	for _, p := range rec.Problems() {
		t.Errorf("browser reported: %s", p)
	}
	reqs := rec.Requests()
	var offsite []string
	vendored := false
	for _, raw := range reqs {
		u, err := url.Parse(raw)
		switch {
		case err != nil:
			offsite = append(offsite, raw+" (unparsable)")
		case u.Scheme == "data" || u.Scheme == "blob" || u.Scheme == "about":
		case u.Hostname() != "127.0.0.1":
			offsite = append(offsite, raw)
		case u.Path == "/static/vendor/echarts/echarts.min.js":
			vendored = true
		}
	}
	if len(offsite) > 0 {
		t.Errorf("%d request(s) left the server:\n  %s", len(offsite), strings.Join(offsite, "\n  "))
	}
	if !vendored {
		t.Errorf("the vendored /static/vendor/echarts/echarts.min.js was not requested; requests:\n  %s", strings.Join(reqs, "\n  "))
	}
}

func TestWaveSelectorSwitchesWave(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	older := browserWaves[0].name
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatalf("navigate: %v", err)
	}
	// Choose the older wave the way a reader does: pick it, then press 보기
	// (a change alone does not submit, WCAG 3.2.2); this also checks the
	// CSP's form-action. Subscribing to the load event before the click
	// means the new page's load cannot be missed.
	sel := chromedp.CSS(`select[name=wave]`)
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Steps(chromedp.WaitVisible(sel), chromedp.SetValue(sel, older),
			chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)))))
	if err != nil {
		t.Fatalf("choose wave %s: %v", older, err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if u, err := url.Parse(loc); err != nil || u.Query().Get("wave") != older {
		t.Fatalf("after choosing %s the page is %s, want ?wave=%s", older, loc, older)
	}
	checkMetaShowsWave(t, ctx, older)
	checkChartsDrawn(t, ctx, figureIDs(t, base))
	checkPageClean(t, rec)
}

// checkMetaShowsWave checks every figure's .meta line and the selector.
func checkMetaShowsWave(t *testing.T, ctx context.Context, wave string) {
	t.Helper()
	metas, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('.figure .meta'), m => m.textContent.trim())`))
	if err != nil {
		t.Fatalf("read .meta: %v", err)
	}
	if len(metas) == 0 {
		t.Fatal("no .meta line on the page")
	}
	for i, m := range metas {
		if !strings.Contains(m, "조사 차수 "+wave) {
			t.Errorf(".meta #%d = %q, want it to name wave %s", i, m, wave)
		}
	}
	selected, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('select[name=wave]').value`))
	if err != nil || selected != wave {
		t.Errorf("selector shows %q (%v), want %s", selected, err, wave)
	}
}
