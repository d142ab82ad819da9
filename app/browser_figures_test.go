package main

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"axdash/configs"
)

// TestEveryFigurePageInBrowser opens each figure's own page and checks that
// its chart draws, with no console error and nothing loaded from outside.
func TestEveryFigurePageInBrowser(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	for _, id := range figureIDs(t, base) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/figures/"+id+"?wave=2026-H1")); err != nil {
			t.Fatalf("navigate to %s: %v", id, err)
		}
		checkChartsDrawn(t, ctx, []string{id})
	}
	checkPageClean(t, rec)
}

// chartDataJS reads back what ECharts drew for a chart: the first series'
// data, as ECharts holds it after setOption.
const chartDataJS = `JSON.stringify(echarts.getInstanceByDom(document.getElementById(%q)).getOption().series[0].data)`

// TestFilterChangesChart picks a region and presses 보기, the way a reader does, and checks
// that the page reloads with the filter in its URL and a different chart.
func TestFilterChangesChart(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	const id = "adoption-by-size"
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/figures/"+id)); err != nil {
		t.Fatal(err)
	}
	checkChartsDrawn(t, ctx, []string{id})
	read := strings.Replace(chartDataJS, "%q", `"chart-`+id+`"`, 1)
	before, err := chromedp.Run(ctx, chromedp.Evaluate[string](read))
	if err != nil {
		t.Fatal(err)
	}
	sel := chromedp.CSS(`select[name=region]`)
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Steps(chromedp.WaitVisible(sel), chromedp.SetValue(sel, "11"),
			chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`))))); err != nil {
		t.Fatalf("choose 서울: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if u, err := url.Parse(loc); err != nil || u.Query().Get("region") != "11" || u.Path != "/figures/"+id {
		t.Fatalf("after choosing 서울 the page is %s", loc)
	}
	checkChartsDrawn(t, ctx, []string{id})
	after, err := chromedp.Run(ctx, chromedp.Evaluate[string](read))
	if err != nil {
		t.Fatal(err)
	}
	if before == after {
		t.Errorf("the chart did not change with the region filter: %s", after)
	}
	checkPageClean(t, rec)
}

// TestScreenshots saves the dashboard and a region page as a reader on a
// 1366×768 screen sees them (and the whole page below), as test artifacts.
// AXDASH_SCREENSHOT_DIR keeps copies outside the test's temporary folder.
func TestScreenshots(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, p := range []struct{ name, path string }{{"dashboard", "/"}, {"region-41", "/regions/41"}} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p.path)); err != nil {
			t.Fatal(err)
		}
		waitChartsDrawn(t, ctx)
		// ECharts animates its first draw for about a second.
		if err := chromedp.Do(ctx, chromedp.Sleep(1500*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		view := saveViewport(t, ctx, filepath.Join(dir, p.name+"-1366x768.png"))
		full := filepath.Join(dir, p.name+"-full.png")
		saveScreenshot(t, ctx, full)
		t.Logf("screenshots: %s, %s", view, full)
		if keep := os.Getenv("AXDASH_SCREENSHOT_DIR"); keep != "" {
			saveViewport(t, ctx, filepath.Join(keep, "axdash-issue5-"+p.name+"-1366x768.png"))
			saveScreenshot(t, ctx, filepath.Join(keep, "axdash-issue5-"+p.name+"-full.png"))
		}
	}
	checkPageClean(t, rec)
}

// waitChartsDrawn waits for the page script's mark that it drew every chart.
func waitChartsDrawn(t *testing.T, ctx context.Context) {
	t.Helper()
	// A DOM query, not a script polled in the page's execution context:
	// right after a navigation, on a loaded machine, the browser may not
	// yet have told chromedp of the new document's context, and a script
	// sent to the old one fails ("Cannot find context with specified id").
	// The DOM wait follows the frame's current document instead.
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	_, err := chromedp.Run(wctx, chromedp.WaitReady(chromedp.CSS(`html[data-charts="drawn"]`)))
	if err != nil {
		t.Fatalf("charts never drawn: %v", err)
	}
}

// saveViewport writes a PNG of what is on screen, not the whole page.
func saveViewport(t *testing.T, ctx context.Context, path string) string {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// squaresGeoJSON writes a synthetic 시도 layer: one square per region at its
// tile place, named by full name (as KOSTAT layers are), so that the server
// has to match names. No real boundary data is involved.
func squaresGeoJSON(t *testing.T) string {
	t.Helper()
	regions, err := configs.LoadRegions()
	if err != nil {
		t.Fatal(err)
	}
	var feats []map[string]any
	for _, r := range regions.Regions {
		x, y := 126+float64(r.Tile[0]), 38-float64(r.Tile[1])
		ring := [][]float64{{x, y}, {x + 0.9, y}, {x + 0.9, y - 0.9}, {x, y - 0.9}, {x, y}}
		feats = append(feats, map[string]any{"type": "Feature", "properties": map[string]any{"CTP_KOR_NM": r.Name},
			"geometry": map[string]any{"type": "Polygon", "coordinates": [][][]float64{ring}}})
	}
	b, err := json.Marshal(map[string]any{"type": "FeatureCollection", "features": feats})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sido.geojson")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBoundaryMapInBrowser configures a boundary map and checks that the
// page registers it before drawing, so adoption-by-region draws as a map.
func TestBoundaryMapInBrowser(t *testing.T) {
	ctx := newBrowser(t)
	t.Setenv("AXDASH_BOUNDARY_GEOJSON", squaresGeoJSON(t))
	base := serveHostile(t) // any data will do; these labels also test the map's names
	rec := recordPage(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/figures/adoption-by-region")); err != nil {
		t.Fatal(err)
	}
	checkChartsDrawn(t, ctx, []string{"adoption-by-region"})
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
	  const o = echarts.getInstanceByDom(document.getElementById('chart-adoption-by-region')).getOption();
	  return o.series[0].type + ' ' + o.series[0].map + ' ' + (echarts.getMap('kr-sido') ? 'registered' : 'missing');
	})()`))
	if err != nil || got != "map kr-sido registered" {
		t.Errorf("adoption-by-region = %q (%v), want a map series on the registered kr-sido", got, err)
	}
	checkPageClean(t, rec)
}
