package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"axdash/app/model"
	"axdash/app/store"
)

// Hostile labels, one per kind of imported string that reaches a page or
// a chart. Each would set window.pwned (or the title, or open a dialog) if
// it ever ran; the wave names and sigungu fit their 64-character columns.
const (
	evilFirm    = `</script><script>window.pwned=1;document.title="pwned"</script><img src=x onerror="window.pwned=2">`
	evilNote    = `__f__(function(){window.pwned=3})()__f__<svg onload="window.pwned=4"></svg>__f__alert(1)__f__`
	evilWave1   = `W1</script><script>window.pwned=5</script>`
	evilWave2   = `W2__f__alert(6)__f__<b onmouseover=alert(7)>`
	evilSigungu = `<img src=x onerror=window.pwned=8>`
	evilArea    = `<i>x</i>`
)

// hostileRows are 14 exemplar firms in two regions (enough to be shown),
// every label hostile.
func hostileRows() []model.FirmResponse {
	var rows []model.FirmResponse
	for i := 0; i < 14; i++ {
		gain := float64(10 + i)
		rows = append(rows, model.FirmResponse{Response: model.Response{
			FirmName: fmt.Sprintf("%s %d", evilFirm, i), Region: []string{"11", "26"}[i%2], Sigungu: evilSigungu,
			Industry: "C", Employees: 20, SizeBand: "10-49", Stage: []string{"도입", "검토"}[i%2], Weight: 1,
			Exemplar: true, ExemplarConsent: true, ExemplarNote: evilNote, ProductivityGain: &gain,
			UseAreas: []model.ResponseUseArea{{Code: evilArea}, {Code: "마케팅"}},
		}})
	}
	return rows
}

// serveHostile commits two waves of hostile rows straight through the
// store (no importer to clean anything) and serves them.
func serveHostile(t *testing.T) string {
	t.Helper()
	t.Setenv("AXDASH_CONFIG", "")
	t.Setenv("AXDASH_DATABASE_URL", "")
	t.Setenv("AXDASH_DATA_DIR", t.TempDir())
	base, st := startServer(t)
	for i, wave := range []string{evilWave1, evilWave2} {
		_, err := st.Surveys.CommitImport(context.Background(), store.CommitInput{Wave: wave, Rows: hostileRows(),
			Import: model.Import{FileName: evilFirm + ".xlsx", Format: "xlsx", SHA256: fmt.Sprint("hostile-", i), Sheet: evilFirm}})
		if err != nil {
			t.Fatalf("commit hostile wave: %v", err)
		}
	}
	return base
}

// safetyJS reports whether any payload ran and whether the labels were
// shown as text: on the page, and in the exemplar chart's axis if present.
const safetyJS = `(() => {
  const el = document.getElementById('chart-exemplar-firms');
  const inst = el && echarts.getInstanceByDom(el);
  const axis = inst ? JSON.stringify(inst.getOption().yAxis) : '';
  return {pwned: typeof window.pwned !== 'undefined', title: document.title,
    text: document.body.innerText, axis: axis,
    injected: document.querySelectorAll('main script:not([type="application/json"]), main img, main svg, main b, main i').length};
})()`

type safetyState struct {
	Pwned    bool   `json:"pwned"`
	Title    string `json:"title"`
	Text     string `json:"text"`
	Axis     string `json:"axis"`
	Injected int    `json:"injected"`
}

func TestHostileLabelsNeverRun(t *testing.T) {
	ctx := newBrowser(t)
	base := serveHostile(t)
	rec := recordPage(t, ctx)
	var mu sync.Mutex
	var dialogs []string
	// A dialog would block the page; note it and dismiss it from another
	// goroutine (a listener must not run commands itself).
	err := chromedp.Listen(ctx, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			mu.Lock()
			dialogs = append(dialogs, d.Message)
			mu.Unlock()
			go func() { _, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{}) }()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	w2 := "wave=" + url.QueryEscape(evilWave2)
	pages := []struct{ path, wantText string }{
		{"/?" + w2, evilWave2},
		{"/figures/exemplar-firms?" + w2, `</script><script>window.pwned=1;document.title="pwned"</script><img src=x onerror="window.pwned=2"> 13`},
		{"/figures/exemplar-firms?" + w2, `(function(){window.pwned=3})()<svg onload="window.pwned=4"></svg>alert(1)`}, // markers dropped
		{"/figures/adoption-trend?" + w2, evilWave1},
		{"/exemplars?wave=" + url.QueryEscape(evilWave1), evilSigungu},
		{"/regions/11?" + w2, evilWave2},
	}
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p.path)); err != nil {
			t.Fatalf("navigate %s: %v", p.path, err)
		}
		if strings.HasPrefix(p.path, "/exemplars") {
			checkSafe(t, ctx, p.path, p.wantText)
			continue
		}
		waitChartsDrawn(t, ctx)
		checkSafe(t, ctx, p.path, p.wantText)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(dialogs) > 0 {
		t.Errorf("dialogs opened: %q", dialogs)
	}
	checkPageClean(t, rec)
}

func checkSafe(t *testing.T, ctx context.Context, path, wantText string) {
	t.Helper()
	st, err := chromedp.Run(ctx, chromedp.Evaluate[safetyState](safetyJS))
	if err != nil {
		t.Fatalf("%s: read page: %v", path, err)
	}
	if st.Pwned || strings.Contains(st.Title, "pwned") || st.Injected > 0 {
		t.Errorf("%s: a payload ran or became markup: pwned=%v title=%q injected elements=%d", path, st.Pwned, st.Title, st.Injected)
	}
	if !strings.Contains(st.Text, wantText) {
		t.Errorf("%s: the hostile label %q is not shown as text", path, wantText)
	}
	if st.Axis != "" && !strings.Contains(st.Axis, `</script><script>window.pwned=1`) {
		t.Errorf("%s: the chart lost the firm name instead of showing it as text: %.200s", path, st.Axis)
	}
}
