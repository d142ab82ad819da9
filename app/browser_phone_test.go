package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// chartTextsJS reports, for every chart on the page, the texts ECharts drew
// that overlap one another or reach outside the chart (cut off), and the
// tile labels a component such as the colour legend covers. It reads the
// drawn elements' boxes, so it works for canvas and SVG alike.
const chartTextsJS = `Array.from(document.querySelectorAll(".chart[data-option]")).map(el => {
  const c = echarts.getInstanceByDom(el);
  const out = {id: el.id, texts: 0, overlaps: [], cut: [], covered: []};
  if (!c) return out;
  const W = c.getWidth(), H = c.getHeight(), boxes = [], legend = [];
  const M = echarts.matrix, id = [1, 0, 0, 1, 0, 0];
  const box = d => { const r = d.getBoundingRect().clone(); const m = d.getComputedTransform(); if (m) r.applyTransform(m); return r; };
  // Rotated labels are compared in each label's own frame in turn (two
  // rectangles overlap when no edge of either separates them): their page
  // boxes overlap at 45° even when the text does not.
  const local = d => ({r: d.getBoundingRect().clone(), m: d.getComputedTransform() || id});
  const clash = (a, b) => { const rb = b.l.r.clone(); rb.applyTransform(M.mul([], M.invert([], a.l.m) || id, b.l.m)); return hit(a.l.r, rb); };
  c.getZr().storage.getDisplayList(true).forEach(d => {
    if (d.invisible || d.ignore) return;
    let p = d, inLegend = false;
    for (; p; p = p.parent) { if (p.__ecComponentInfo && p.__ecComponentInfo.mainType === "visualMap") inLegend = true; }
    if (inLegend) { legend.push(box(d)); return; }
    if ((d.type === "tspan" || d.type === "text") && d.style && d.style.text) boxes.push({t: String(d.style.text), r: box(d), l: local(d), p: d.parent});
  });
  out.texts = boxes.length;
  // Labels closer than GAP px run together for a reader, touching or not;
  // the lines of one label (a tile's name and rate) are one text.
  const GAP = 1;
  const hit = (a, b) => a.x - GAP < b.x + b.width && b.x - GAP < a.x + a.width && a.y - GAP < b.y + b.height && b.y - GAP < a.y + a.height;
  boxes.forEach((a, i) => {
    boxes.slice(i + 1).forEach(b => { if ((!a.p || a.p !== b.p) && hit(a.r, b.r) && clash(a, b) && clash(b, a)) out.overlaps.push(a.t + " × " + b.t); });
    if (a.r.x < -1 || a.r.y < -1 || a.r.x + a.r.width > W + 1 || a.r.y + a.r.height > H + 1) out.cut.push(a.t);
    if (legend.some(l => hit(l, a.r))) out.covered.push(a.t);
  });
  return out;
})`

type chartTexts struct {
	ID       string   `json:"id"`
	Texts    int      `json:"texts"`
	Overlaps []string `json:"overlaps"`
	Cut      []string `json:"cut"`
	Covered  []string `json:"covered"`
}

// TestPhone390: on a 390 px phone the dashboard and the 시도 figures never
// scroll sideways, no chart's labels overlap or are cut off (the 시도 axis,
// the stage chart) and the tile map's colour legend covers no tile label.
// Screenshots go to AXDASH_SCREENSHOT_DIR as phone-390-*.png.
func TestPhone390(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	reduceMotion(t, ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	pages := []string{"/?wave=2026-H1", "/figures/adoption-by-region?wave=2026-H1",
		"/figures/adoption-stage-by-region?wave=2026-H1", "/figures/region-tiles?wave=2026-H1",
		"/figures/cost-by-region?wave=2026-H1", "/regions/48?wave=2026-H1"}
	for _, p := range pages {
		openWithoutSideScroll(t, ctx, base, p, 390)
		name := "phone-390" + strings.NewReplacer("/", "-", "?", "_", "&", "_", "=", "-").Replace(p)
		checkChartLabels(t, ctx, p, name)
		keepShot(t, ctx, name)
	}
	checkPageClean(t, rec)
}

// checkChartLabels fails on a chart of the page whose labels overlap, leave
// the chart or lie under the tile map's colour scale. With shots set, each
// chart is saved as a screenshot named after it.
func checkChartLabels(t *testing.T, ctx context.Context, page, shots string) {
	t.Helper()
	charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]chartTexts](chartTextsJS))
	if err != nil {
		t.Fatal(err)
	}
	cat := testEnv(t).catalogue()
	for _, c := range charts {
		if shots != "" {
			keepElementShot(t, ctx, shots+"-"+c.ID, "#"+c.ID)
		}
		if fig, ok := cat.Lookup(strings.TrimPrefix(c.ID, "chart-")); ok && fig.Trend {
			continue // a trend's lines and labels are issue 18 point 11's, not this check's
		}
		if c.Texts == 0 {
			t.Errorf("%s: %s drew no text", page, c.ID)
		}
		for what, list := range map[string][]string{"overlapping labels": c.Overlaps, "cut-off labels": c.Cut,
			"tile labels under the legend": c.Covered} {
			if len(list) > 0 {
				t.Errorf("%s: %s has %d %s: %q", page, c.ID, len(list), what, list)
			}
		}
	}
}

// keepElementShot saves a PNG of the element sel to AXDASH_SCREENSHOT_DIR,
// when set, as a11y-name.png: a chart is easier to look at on its own.
func keepElementShot(t *testing.T, ctx context.Context, name, sel string) {
	t.Helper()
	dir := os.Getenv("AXDASH_SCREENSHOT_DIR")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("screenshot of %s: %v", sel, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a11y-"+name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// openWithoutSideScroll opens path, waits for its charts and fails when
// the page, at the viewport's px width, scrolls sideways (WCAG 1.4.10).
func openWithoutSideScroll(t *testing.T, ctx context.Context, base, path string, px int) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+path)); err != nil {
		t.Fatal(err)
	}
	waitChartsDrawn(t, ctx)
	w, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](
		`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s at %d px: scrollWidth %d, clientWidth %d", path, px, w[0], w[1])
	if w[0] > w[1] {
		t.Errorf("%s at %d px scrolls sideways: scrollWidth %d > clientWidth %d", path, px, w[0], w[1])
	}
}
