package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeTags are the rule sets KWCAG 2.2 follows: WCAG 2.0 and 2.1, A and AA.
const axeTags = `["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]`

// axeSource reads axe-core (AXDASH_AXE_JS, installed by .ci/run with npm).
// Without it the test skips, unless AXDASH_REQUIRE_BROWSER=1: CI must run it.
func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("AXDASH_AXE_JS")
	if path == "" {
		if os.Getenv("AXDASH_REQUIRE_BROWSER") == "1" {
			t.Fatal("AXDASH_REQUIRE_BROWSER=1 but AXDASH_AXE_JS is not set (npm install axe-core@4.14.1, see .ci/run)")
		}
		t.Skip("AXDASH_AXE_JS is not set; install axe-core@4.14.1 with npm to run the accessibility audit")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("AXDASH_AXE_JS=%s: %v", path, err)
	}
	return string(src)
}

// axeViolation is one failed rule on one page, with the nodes it failed on.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// axeRunJS opens every <details> (tables behind a disclosure are audited
// too), then runs axe on the whole document and lists its violations.
const axeRunJS = `(async () => {
	document.querySelectorAll("details").forEach(d => { d.open = true; });
	const r = await axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]});
	return JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
		targets: v.nodes.map(n => n.target.join(" "))})));
})()`

// auditPage loads path, waits for its charts, injects axe and reports every
// violation as a test error naming the page, rule and nodes.
func auditPage(t *testing.T, ctx context.Context, base, path, axe string) {
	t.Helper()
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+path))
	if err != nil {
		t.Fatalf("%s: navigate: %v", path, err)
	}
	if res.Status != 200 {
		t.Fatalf("%s: HTTP %d, want 200 (an error page would pass the audit unseen)", path, res.Status)
	}
	auditCurrent(t, ctx, path, axe)
}

// auditCurrent runs axe on the page the tab shows, as it is now.
func auditCurrent(t *testing.T, ctx context.Context, path, axe string) {
	t.Helper()
	charts, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".chart[data-option]").length`))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if charts > 0 {
		waitChartsDrawn(t, ctx)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+"\n;typeof axe === 'object'")); err != nil {
		t.Fatalf("%s: inject axe-core: %v", path, err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(axeRunJS, axeTags), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe.run: %v", path, err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatalf("%s: axe result %.200s: %v", path, out, err)
	}
	for _, v := range vs {
		t.Errorf("%s: %s (%s, %s) on %d nodes: %s", path, v.ID, v.Impact, v.Help, len(v.Targets), strings.Join(v.Targets, " | "))
	}
	// A filter form applies only on its button (3.2.2), so the button must be there to press.
	buttonless, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll("form.filters"))
		.filter(f => !Array.from(f.querySelectorAll("button[type=submit]")).some(b => b.offsetParent !== null)).length`))
	if err != nil || buttonless > 0 {
		t.Errorf("%s: %d filter forms without a visible 보기 button (%v)", path, buttonless, err)
	}
	// KWCAG 8.1.1 still asks for unique ids; axe 4.14 no longer checks them
	// under the WCAG 2.1 tags (4.1.1 is obsolete).
	dup, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const seen = new Set(), dup = [];
		document.querySelectorAll("[id]").forEach(e => { if (seen.has(e.id)) dup.push(e.id); seen.add(e.id); });
		return dup; })()`))
	if err != nil || len(dup) > 0 {
		t.Errorf("%s: ids used twice: %v, %v", path, dup, err)
	}
}

// regionCodes lists the region pages the dashboard links to.
func regionCodes(t *testing.T, ctx context.Context, base string) []string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	codes, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("nav.regions a"), a => new URL(a.href).pathname.split("/").pop())`))
	if err != nil || len(codes) == 0 {
		t.Fatalf("region links on the dashboard: %v, %v", codes, err)
	}
	return codes
}

// TestAxePublicPages audits the dashboard, the exemplar list, both
// briefings, the sign-in page, the API page and a 시도 comparison with axe-core for WCAG 2.0/2.1 A and AA
// (KWCAG 2.2), every <details> open.
func TestAxePublicPages(t *testing.T) {
	axe := axeSource(t)
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	for _, p := range []string{"/", "/exemplars", "/briefing", "/briefing?region=48", "/login", "/api", "/compare?regions=48,26,11"} {
		auditPage(t, ctx, base, p, axe)
	}
}

// TestAxeRegionPages audits every region page the dashboard links to; a
// test of its own, so that each stays well inside the browser's time limit.
func TestAxeRegionPages(t *testing.T) {
	axe := axeSource(t)
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	for _, code := range regionCodes(t, ctx, base) {
		auditPage(t, ctx, base, "/regions/"+code, axe)
	}
}

// TestAxeFigurePages audits every figure's own page.
func TestAxeFigurePages(t *testing.T) {
	axe := axeSource(t)
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	for _, id := range figureIDs(t, base) {
		auditPage(t, ctx, base, "/figures/"+id+"?wave=2026-H1", axe)
	}
}

// TestAxeSignedInPages audits what an administrator sees: the imports,
// upload, quality and admin pages.
func TestAxeSignedInPages(t *testing.T) {
	axe := axeSource(t)
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	pw := addUser(t, "a11y.admin", "admin")
	browserLogin(t, ctx, base, "a11y.admin", pw)
	for _, p := range []string{"/imports", "/quality", "/admin/users", "/admin/waves", "/admin/boundary"} {
		auditPage(t, ctx, base, p, axe)
	}
}

// TestAxeImportPreview audits an upload's preview once the job has checked
// the workbook: the mapping and issue tables the page script fills in.
func TestAxeImportPreview(t *testing.T) {
	axe := axeSource(t)
	ctx, base, _, _ := signedInBrowser(t, "a11y.analyst", "analyst")
	importDemoWave(t, "2025-H2")
	startJobRunner(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/imports"),
		chromedp.WaitVisible(chromedp.CSS(`#upload-form`)),
		chromedp.SetUploadFiles(chromedp.CSS(`#upload-file`), []string{damagedBookFile(t, 100)}),
		chromedp.SetValue(chromedp.CSS(`#upload-wave`), "2026-H1"),
		chromedp.Click(chromedp.CSS(`#upload-submit`)),
		chromedp.WaitVisible(chromedp.CSS(`#import`)),
	)
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	waitJobState(t, ctx, "checked")
	auditCurrent(t, ctx, "/imports/{id} (checked)", axe)
}

// TestAccessibleChartScreenshots keeps, under AXDASH_SCREENSHOT_DIR, the
// pages whose charts changed for accessibility at 1366×768: the dashboard,
// the trend's markers and end labels, the tile map's label colours, the
// stage decals, a region page and the briefing; each chart's label names
// its key finding and a table describes it.
func TestAccessibleChartScreenshots(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	reduceMotion(t, ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768)); err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct{ name, path string }{{"dashboard", "/"}, {"trend", "/figures/adoption-trend"},
		{"tiles", "/figures/region-tiles"}, {"stages", "/figures/adoption-stage-by-region"}, {"region", "/regions/48"}, {"briefing", "/briefing"}} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p.path)); err != nil {
			t.Fatal(err)
		}
		waitChartsDrawn(t, ctx)
		labels, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll(".chart[role=img]"), c => c.getAttribute("aria-label"))`))
		if err != nil {
			t.Fatal(err)
		}
		// Each chart is described by a table of its numbers.
		undescribed, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".chart[role=img]"))
			.filter(c => { const d = document.getElementById(c.getAttribute("aria-describedby") || ""); return !d || d.tagName !== "TABLE"; })
			.map(c => c.id)`))
		if err != nil || len(undescribed) > 0 {
			t.Errorf("%s: charts without a describing table: %v, %v", p.path, undescribed, err)
		}
		for _, l := range labels {
			// " 차트. " is the page's own label; ECharts' aria would replace it with its own.
			// A chart the public view leaves without a value says so instead of a number.
			if !strings.Contains(l, " 차트. ") || (!strings.ContainsAny(l, "0123456789") && !strings.Contains(l, "공개할 수 있는 값이 없습니다")) {
				t.Errorf("%s: chart label %q is not the page's or states no number", p.path, l)
			}
		}
		keepShot(t, ctx, "1366-"+p.name)
	}
	checkPageClean(t, rec)
}
