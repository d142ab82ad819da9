package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"axdash/configs"
)

// apiTable is the part of a figure's API answer the browser tests pick a
// view by.
type apiTable struct {
	N       int      `json:"n"`
	Columns []string `json:"columns"`
	Rows    [][]any  `json:"rows"`
}

// withheldRows counts the rows of a by-region table whose rate is withheld
// (responses, but no published value).
func withheldRows(tab apiTable) int {
	k := 0
	for _, r := range tab.Rows {
		if r[2] == nil && r[3] == nil { // withheld: n too
			k++
		}
	}
	return k
}

// publishedRows counts the rows of a by-region table with a rate.
func publishedRows(tab apiTable) int {
	k := 0
	for _, r := range tab.Rows {
		if r[3] != nil {
			k++
		}
	}
	return k
}

// findView asks the API, industry by industry, for the first view of a
// figure whose table satisfies ok, so that the test does not depend on
// which cells the demo data happens to leave small.
func findView(t *testing.T, base, id, extra string, ok func(apiTable) bool) string {
	t.Helper()
	survey, _, err := configs.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	for _, ind := range survey.Industries {
		q := "wave=2026-H1&industry=" + url.QueryEscape(ind.Code) + extra
		var tab apiTable
		getJSON(t, base+"/api/v1/figures/"+id+"?"+q, 200, &tab)
		if ok(tab) {
			return q
		}
	}
	t.Fatalf("no industry gives %s the view the test needs", id)
	return ""
}

// TestHonestVisualsInBrowser: a withheld bar is drawn as a labelled
// placeholder whose tooltip says 비공개, an empty chart says 자료 없음 and
// why, and the trend highlights the chosen 시도. Screenshots go to
// AXDASH_SCREENSHOT_DIR when it is set.
func TestHonestVisualsInBrowser(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	reduceMotion(t, ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
	withheld := findView(t, base, "adoption-by-region", "", func(tab apiTable) bool {
		return withheldRows(tab) > 0 && tab.N > 0 && publishedRows(tab) > 0
	})
	empty := findView(t, base, "adoption-by-size", "&region=50", func(tab apiTable) bool { return tab.N == 0 })
	tests := []struct {
		name, id, query string
		check           string // JS over the chart instance c: "" when right, else what is wrong
	}{
		{"withheld-bars", "adoption-by-region", withheld,
			// every mark labelled, and a withheld point's tooltip names it
			`const s = c.getOption().series[0]; const marks = (s.markPoint || {}).data || [];
			if (!marks.length || marks.some(m => m.label.formatter !== "비공개" && m.label.formatter !== "자료 없음")) return "marks " + JSON.stringify(marks);
			const at = c.convertToPixel({seriesIndex: 0}, [s.withheld.indexOf("비공개"), 0]); // no bar there to point at
			c.dispatchAction({type: "showTip", x: at[0], y: at[1] - 10});
			const tip = [...document.querySelectorAll("#chart-adoption-by-region > div")].map(d => d.textContent).join("|");
			return tip.includes("비공개") && tip.includes("AI 도입률") ? "" : "tooltip: " + tip;`},
		{"empty-chart", "adoption-by-size", empty,
			`const g = JSON.stringify(c.getOption().graphic || "");
			return g.includes("자료 없음") && g.includes("응답이 없습니다") ? "" : "graphic: " + g;`},
		{"trend-highlight", "adoption-trend", "wave=2026-H1&highlight=11,26,48",
			`const full = c.getOption().series.filter(x => x.endLabel && x.endLabel.show).map(x => x.name).join();
			const ticked = document.querySelectorAll("input[name=highlight]:checked").length;
			const open = document.querySelectorAll("input[name=highlight]:not(:disabled)").length; // a fourth cannot be ticked
			return full === "서울,부산,경남,전국" && ticked === 3 && open === 3 ? "" : "full " + full + ", ticked " + ticked + ", enabled " + open;`},
	}
	for _, tt := range tests {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/figures/"+tt.id+"?"+tt.query)); err != nil {
			t.Fatal(err)
		}
		waitChartsDrawn(t, ctx)
		js := fmt.Sprintf("(() => { const c = echarts.getInstanceByDom(document.getElementById(%q)); %s })()",
			"chart-"+tt.id, strings.TrimSpace(tt.check))
		wrong, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil || wrong != "" {
			t.Errorf("%s (%s?%s): %s %v", tt.name, tt.id, tt.query, wrong, err)
		}
		if dir := os.Getenv("AXDASH_SCREENSHOT_DIR"); dir != "" {
			saveViewport(t, ctx, filepath.Join(dir, "visuals18-"+tt.name+".png"))
		}
	}
	checkPageClean(t, rec)
}
