package main

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestExemplarDirectoryInBrowser: choosing a use area and searching a word
// of the case texts in the page's form lists only firms with both, and the
// page's download link carries the same search and filter.
func TestExemplarDirectoryInBrowser(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	area, search := chromedp.CSS(`select[name=use_area]`), chromedp.CSS(`input[name=q]`)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/exemplars"), chromedp.WaitVisible(area),
		chromedp.SetValue(area, "고객응대"), chromedp.SetValue(search, "챗봇")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)))); err != nil {
		t.Fatalf("press 보기: %v", err)
	}
	type listed struct {
		Rows     []string `json:"rows"`
		Download string   `json:"download"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[listed](`({
		rows: Array.from(document.querySelectorAll("#exemplar-list tbody tr"), tr => tr.innerText),
		download: document.querySelector("p.downloads a").getAttribute("href")})`))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) == 0 {
		t.Fatal("no row listed")
	}
	for _, r := range got.Rows {
		if !strings.Contains(r, "고객응대") || !strings.Contains(r, "챗봇") {
			t.Errorf("row %q lacks the use area 고객응대 or the word 챗봇", r)
		}
	}
	u, err := url.Parse(got.Download)
	if err != nil || u.Path != "/exemplars.csv" || u.Query().Get("use_area") != "고객응대" || u.Query().Get("q") != "챗봇" {
		t.Errorf("download link %q, want /exemplars.csv with use_area=고객응대 and q=챗봇", got.Download)
	}
	checkPageClean(t, rec)
}
