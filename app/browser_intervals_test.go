package main

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"axdash/charts"
)

// intervalStateJS reads a chart's intervals as ECharts drew them: the
// interval series' points and drawn shapes (whiskers are groups of three
// lines, a band a polygon or a line), and whether the legend lists it.
const intervalStateJS = `(() => {
  const c = echarts.getInstanceByDom(document.getElementById(%[1]q));
  const o = c.getOption();
  const i = o.series.findIndex(s => s.name === %[2]q);
  let shapes = 0;
  o.series.forEach((s, k) => {
    if (s.name !== %[2]q) { return; }
    c.getViewOfSeriesModel(c.getModel().getSeriesByIndex(k)).group.traverse(el => {
      if (el.type === "line" || el.type === "polygon") { shapes++; }
    });
  });
  const points = o.series.filter(s => s.name === %[2]q).reduce((n, s) => n + s.data.length, 0);
  const legend = (o.legend && o.legend[0] && o.legend[0].data) || [];
  return {series: i, points: points, shapes: shapes, shown: points > 0,
    inLegend: legend.some(d => (d.name || d) === %[2]q)};
})()`

type intervalState struct {
	Series   int  `json:"series"`
	Points   int  `json:"points"`
	Shapes   int  `json:"shapes"`
	Shown    bool `json:"shown"`
	InLegend bool `json:"inLegend"`
}

// TestIntervalsInBrowser: a bar chart draws a whisker over every bar with
// an interval and the trend a band, none of them in the legend; the page's
// switch hides and shows them; a bar's tooltip gives its 95% interval and n.
func TestIntervalsInBrowser(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	tests := []struct {
		id        string
		minShapes int // per drawn point: a whisker's three lines, a band's one polygon or line
	}{
		{"adoption-by-region", 3},
		{"cost-by-size", 3},
		{"barriers", 3},
		{"adoption-trend", 1},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/figures/"+tt.id+"?wave=2026-H1")); err != nil {
				t.Fatal(err)
			}
			checkChartsDrawn(t, ctx, []string{tt.id})
			state := func() intervalState {
				js := fmt.Sprintf(intervalStateJS, "chart-"+tt.id, charts.IntervalSeries)
				st, err := chromedp.Run(ctx, chromedp.Evaluate[intervalState](js))
				if err != nil {
					t.Fatal(err)
				}
				return st
			}
			st := state()
			if st.Series < 0 || st.Points == 0 || !st.Shown || st.InLegend || st.Shapes < tt.minShapes*st.Points {
				t.Fatalf("intervals %+v: want %d shapes per point, shown, not in the legend", st, tt.minShapes)
			}
			btn := `button[data-intervals="chart-` + tt.id + `"]`
			for _, want := range []bool{false, true} {
				if _, err := chromedp.Run(ctx, chromedp.Click(chromedp.CSS(btn))); err != nil {
					t.Fatalf("press the switch: %v", err)
				}
				// The page handles the click after chromedp has sent it: wait
				// for the button to say so before reading the chart.
				wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
				_, err := chromedp.Run(wctx, chromedp.WaitReady(chromedp.CSS(fmt.Sprintf(`%s[aria-pressed="%t"]`, btn, want))))
				cancel()
				if err != nil {
					t.Errorf("after the switch: aria-pressed never became %t: %v", want, err)
				}
				if got := state(); got.Shown != want || (!want && got.Shapes != 0) || (want && got.Shapes < tt.minShapes*got.Points) {
					t.Errorf("after the switch: %+v, want shown %v", got, want)
				}
			}
		})
	}
	t.Run("svg export", func(t *testing.T) {
		const id = "adoption-by-size"
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/figures/"+id+"?wave=2026-H1")); err != nil {
			t.Fatal(err)
		}
		checkChartsDrawn(t, ctx, []string{id})
		// The SVG save's paths, read where the page would download them.
		const paths = `(() => {
  const f = echarts.getInstanceByDom(document.getElementById("chart-` + id + `")).getOption().toolbox[0].feature;
  let href = "";
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () { href = this.href; };
  try { f.mySaveSvg.onclick(); } finally { HTMLAnchorElement.prototype.click = click; }
  return decodeURIComponent(href.slice(href.indexOf(",") + 1)).split("<path").length - 1;
})()`
		state := fmt.Sprintf(intervalStateJS, "chart-"+id, charts.IntervalSeries)
		on, err := chromedp.Run(ctx, chromedp.Evaluate[intervalState](state))
		if err != nil {
			t.Fatal(err)
		}
		with, err := chromedp.Run(ctx, chromedp.Evaluate[int](paths))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Click(chromedp.CSS(`button[data-intervals="chart-`+id+`"]`))); err != nil {
			t.Fatal(err)
		}
		without, err := chromedp.Run(ctx, chromedp.Evaluate[int](paths))
		if err != nil {
			t.Fatal(err)
		}
		off, err := chromedp.Run(ctx, chromedp.Evaluate[intervalState](state))
		if err != nil {
			t.Fatal(err)
		}
		// Each whisker is three lines; switched off, the save has none.
		if on.Points == 0 || with-without < 3*on.Points || off.Points != 0 {
			t.Errorf("the SVG has %d paths with %d intervals, %d without", with, on.Points, without)
		}
	})
	t.Run("tooltip", func(t *testing.T) {
		const id = "adoption-by-size"
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/figures/"+id+"?wave=2026-H1")); err != nil {
			t.Fatal(err)
		}
		checkChartsDrawn(t, ctx, []string{id})
		show := `(() => { const el = document.getElementById("chart-` + id + `");
  const c = echarts.getInstanceByDom(el);
  c.dispatchAction({type: "showTip", seriesIndex: 0, dataIndex: 1});
  return el.innerText; })()`
		_, _ = chromedp.Run(ctx, chromedp.Poll[chromedp.Void](`(`+show+`).includes("신뢰구간")`,
			chromedp.WithPollingTimeout(10*time.Second)))
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](show))
		if err != nil {
			t.Fatal(err)
		}
		want := regexp.MustCompile(`\d+\.\d%\*? \(95% 신뢰구간 \d+\.\d–\d+\.\d%, n=[\d,]+\)`)
		if !want.MatchString(text) {
			t.Errorf("tooltip %q, want \"16.3%% (95%% 신뢰구간 12.1–20.5%%, n=101)\"", text)
		}
	})
	checkPageClean(t, rec)
}
