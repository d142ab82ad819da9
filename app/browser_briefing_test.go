package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// pdfPage matches a page object of a PDF (not the /Pages tree node).
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestBriefingPrintsOnTwoA4Pages prints the briefing, national and 경남, as
// Chromium does for a reader and checks that it fits on one A4 page or two
// full ones (a second page of notes alone fails), with the charts drawn as
// SVG and their labels neither overlapping nor cut off; where pdftotext is
// installed, the Korean headline sentence and the previous-wave column must
// be in the PDF's text.
func TestBriefingPrintsOnTwoA4Pages(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	for _, q := range []string{"?wave=2026-H1", "?wave=2026-H1&region=48"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/briefing"+q)); err != nil {
			t.Fatal(err)
		}
		_, _ = chromedp.Run(ctx, chromedp.Poll[chromedp.Void](`document.querySelectorAll(".chart svg").length >= 4`,
			chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second)))
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".chart svg").length`))
		if err != nil || n < 4 {
			t.Fatalf("briefing%s: %d SVG charts drawn (%v), want 4", q, n, err)
		}
		checkChartLabels(t, ctx, "briefing"+q, "")
		pdf, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
			yes := true
			res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes, PrintBackground: &yes})
			return res.Data, err
		})
		if err != nil {
			t.Fatalf("print to PDF: %v", err)
		}
		file := filepath.Join(t.TempDir(), "briefing.pdf")
		if err := os.WriteFile(file, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		if dir := os.Getenv("AXDASH_SCREENSHOT_DIR"); dir != "" {
			_ = os.WriteFile(filepath.Join(dir, "briefing"+strings.NewReplacer("?", "_", "&", "_", "=", "-").Replace(q)+".pdf"), pdf, 0o644)
		}
		pages := len(pdfPage.FindAll(pdf, -1))
		t.Logf("briefing%s: %d A4 pages, %d bytes", q, pages, len(pdf))
		if pages < 1 || pages > 2 {
			t.Errorf("briefing%s prints on %d pages, want 1 or 2", q, pages)
		}
		// A4 is 595×842 points.
		if !bytes.Contains(pdf, []byte("/MediaBox [0 0 595")) && !bytes.Contains(pdf, []byte("/MediaBox [0 0 594")) {
			t.Errorf("briefing%s is not A4: %q", q, regexp.MustCompile(`/MediaBox \[[^\]]*\]`).Find(pdf))
		}
		tool, err := exec.LookPath("pdftotext")
		if err != nil && os.Getenv("AXDASH_REQUIRE_BROWSER") == "1" {
			t.Fatal("AXDASH_REQUIRE_BROWSER=1 but pdftotext (Debian poppler-utils) is missing")
		}
		if err == nil {
			out, err := exec.Command(tool, "-layout", file, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			for _, want := range []string{"AI 도입률", "이전 차수(2025-H2)"} {
				if !strings.Contains(strings.Join(strings.Fields(string(out)), " "), want) {
					t.Errorf("briefing%s: the PDF text lacks %q:\n%.600s", q, want, out)
				}
			}
			if pages == 2 {
				checkSecondPageFull(t, tool, file, "briefing"+q)
			}
		}
	}
	checkPageClean(t, rec)
}

// checkSecondPageFull fails when the PDF's second page holds less than
// half the text lines of its first: a briefing of two pages fills both,
// it does not spill its notes alone onto the second.
func checkSecondPageFull(t *testing.T, pdftotext, file, what string) {
	t.Helper()
	var lines [2]int
	for i := range lines {
		p := strconv.Itoa(i + 1)
		out, err := exec.Command(pdftotext, "-f", p, "-l", p, "-layout", file, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext page %s: %v", p, err)
		}
		for _, l := range strings.Split(string(out), "\n") {
			if strings.TrimSpace(l) != "" {
				lines[i]++
			}
		}
	}
	if 2*lines[1] < lines[0] {
		t.Errorf("%s: the second page holds %d lines of text against the first's %d: it should fit one page or fill two",
			what, lines[1], lines[0])
	}
}

// TestChartImageExports checks the chart toolbox of a figure page: PNG at
// twice the pixel ratio and an SVG button, both named after the figure,
// wave and filters; the SVG holds the Korean title as text.
func TestChartImageExports(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	const id = "barriers"
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/figures/"+id+"?wave=2026-H1&region=48")); err != nil {
		t.Fatal(err)
	}
	checkChartsDrawn(t, ctx, []string{id})
	const js = `(() => {
		const f = echarts.getInstanceByDom(document.getElementById("chart-barriers")).getOption().toolbox[0].feature;
		let href = "", file = "";
		const click = HTMLAnchorElement.prototype.click;
		HTMLAnchorElement.prototype.click = function () { href = this.href; file = this.download; };
		try { f.mySaveSvg.onclick(); } finally { HTMLAnchorElement.prototype.click = click; }
		return JSON.stringify({name: f.saveAsImage.name, ratio: f.saveAsImage.pixelRatio, file: file,
			svg: href.startsWith("data:image/svg+xml") ? decodeURIComponent(href.slice(href.indexOf(",") + 1)) : href.slice(0, 40)});
	})()`
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Name  string  `json:"name"`
		Ratio float64 `json:"ratio"`
		File  string  `json:"file"`
		SVG   string  `json:"svg"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Name != "barriers_2026-H1_48" || got.Ratio != 2 || got.File != "barriers_2026-H1_48.svg" {
		t.Errorf("toolbox = %+v", got)
	}
	if !strings.Contains(got.SVG, "<svg") || !strings.Contains(got.SVG, "AI 도입 애로사항") {
		t.Errorf("the SVG export lacks the Korean title: %.300s", got.SVG)
	}
	checkPageClean(t, rec)
}
