package main

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestCompareInBrowser: a region page's "다른 시도와 비교" opens the
// comparison with that 시도 chosen and asks for another; ticking two more
// chips and pressing 보기 sets the three side by side with 전국, and
// the page's downloads carry the same 시도.
func TestCompareInBrowser(t *testing.T) {
	ctx := newBrowser(t)
	base := serveTwoWaves(t)
	rec := recordPage(t, ctx)
	link := chromedp.CSS(`p.compare-link a`)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/regions/48"), chromedp.WaitVisible(link)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(link))); err != nil {
		t.Fatalf("follow 다른 시도와 비교: %v", err)
	}
	asked, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.querySelector("#compare-ask") ? "ask" : "",
		...Array.from(document.querySelectorAll("form.filters input[name=regions]:checked"), i => i.value)]`))
	if err != nil || !slices.Equal(asked, []string{"ask", "48"}) {
		t.Fatalf("after the link: %v (%v), want the picker asking with 48 chosen", asked, err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form.filters input[value="26"]`)),
		chromedp.Click(chromedp.CSS(`form.filters input[value="11"]`))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)))); err != nil {
		t.Fatalf("press 보기: %v", err)
	}
	type shown struct {
		Rows      []string `json:"rows"`
		Sentences bool     `json:"sentences"`
		Download  string   `json:"download"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[shown](`({
		rows: Array.from(document.querySelectorAll("#fig-compare-measures tbody tr"), tr => tr.cells[1].innerText),
		sentences: !!document.querySelector("#compare-sentences"),
		download: document.querySelector("p.downloads a").getAttribute("href")})`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Rows, []string{"전국", "서울", "부산", "경남"}) || !got.Sentences {
		t.Errorf("measures rows %q, sentences %t; want 전국, 서울, 부산, 경남 and the sentences", got.Rows, got.Sentences)
	}
	u, err := url.Parse(got.Download)
	if err != nil || u.Path != "/compare.csv" || u.Query().Get("regions") != "11,26,48" || !strings.Contains(got.Download, "wave=") {
		t.Errorf("download link %q, want /compare.csv with regions=11,26,48 and the wave", got.Download)
	}
	checkPageClean(t, rec)
}
