package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// layoutJS measures the preview's layout: whether the blocking box comes
// before the buttons, whether any mapping row is cut off by a scroll box,
// whether the unmapped-columns line overlaps the mapping table, and how
// many 구분 cells and counts wrap onto a second line ("오/류", "조/사/표").
const layoutJS = `(() => {
  const top = id => document.getElementById(id).getBoundingClientRect().top;
  const table = document.getElementById('job-mapping');
  let clipped = false;
  for (let el = table.parentElement; el && el !== document.body; el = el.parentElement) {
    if (el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflowY !== 'visible') clipped = true;
  }
  const overlap = table.getBoundingClientRect().bottom > top('job-unmapped') + 1;
  let wrapped = 0;
  document.querySelectorAll('#job-issues tbody td:first-child, #job-counts dd').forEach(td => {
    const r = document.createRange();
    r.selectNodeContents(td);
    const lines = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
    if (lines.size > 1) wrapped++;
  });
  return {blockingFirst: top('job-blocking') < top('job-actions'), clipped, overlap, wrapped,
    rows: table.querySelectorAll('tbody tr').length, sev: document.querySelectorAll('#job-issues tbody td:first-child').length};
})()`

type previewLayout struct {
	BlockingFirst bool `json:"blockingFirst"`
	Clipped       bool `json:"clipped"`
	Overlap       bool `json:"overlap"`
	Wrapped       int  `json:"wrapped"`
	Rows          int  `json:"rows"`
	Sev           int  `json:"sev"`
}

// TestImportPreviewLayoutInBrowser: an upload into a wave that holds the
// demo data shows why first, in the page's words; the mapping table is
// whole and clear of the unmapped line; 구분 never wraps, on a desktop and
// a phone width; after the replace the page says it stored the file, and
// the history marks the demo import 교체됨.
func TestImportPreviewLayoutInBrowser(t *testing.T) {
	ctx, base, _, rec := signedInBrowser(t, "ana", "analyst")
	importDemoWave(t, "2025-H2")
	startJobRunner(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/imports"),
		chromedp.WaitVisible(chromedp.CSS(`#upload-form`)),
		chromedp.SetUploadFiles(chromedp.CSS(`#upload-file`), []string{damagedBookFile(t, 400)}),
		chromedp.SetValue(chromedp.CSS(`#upload-wave`), "2025-H2"),
		chromedp.Click(chromedp.CSS(`#upload-submit`)),
		chromedp.WaitVisible(chromedp.CSS(`#import`)),
	)
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	waitJobState(t, ctx, "checked")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#job-issues tbody td`))); err != nil {
		t.Fatal(err)
	}
	blocking, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#job-blocking`)))
	if err != nil || !strings.Contains(blocking, "교체하여 저장") || strings.Contains(blocking, "--replace") {
		t.Errorf("blocking box %q (%v): want the reason in the page's words, never --replace", blocking, err)
	}
	for _, width := range []struct {
		name string
		w, h int64
	}{{"desktop", 1280, 900}, {"phone", 390, 844}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width.w, width.h)); err != nil {
			t.Fatal(err)
		}
		l, err := chromedp.Run(ctx, chromedp.Evaluate[previewLayout](layoutJS))
		if err != nil {
			t.Fatal(err)
		}
		if !l.BlockingFirst || l.Clipped || l.Overlap || l.Wrapped > 0 || l.Rows == 0 || l.Sev == 0 {
			t.Errorf("%s layout %+v: want the blocking box first, the mapping whole and clear, no 구분 wrapped", width.name, l)
		}
		keepScreenshot(t, ctx, "import-preview-"+width.name+".png")
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	// The replace asks for a confirmation; the test answers it.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(window.confirm = () => true, true)`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#job-replace`))); err != nil {
		t.Fatal(err)
	}
	waitJobState(t, ctx, "stored")
	title, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('job-title').textContent + '|' + document.title + '|' +
		document.getElementById('job-stored-note').hidden + '|' + document.getElementById('job-blocking').hidden`))
	if err != nil || !strings.HasPrefix(title, "가져오기 저장 완료|가져오기 저장 완료") || !strings.HasSuffix(title, "|false|true") {
		t.Errorf("after the commit: title, document title, note hidden, blocking hidden = %q (%v)", title, err)
	}
	keepScreenshot(t, ctx, "import-stored.png")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/imports"), chromedp.WaitVisible(chromedp.CSS(`#direct-history`))); err != nil {
		t.Fatal(err)
	}
	direct, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#direct-history tbody`)))
	if err != nil || !strings.Contains(direct, "교체됨") {
		t.Errorf("the replaced demo import is not marked 교체됨: %q (%v)", direct, err)
	}
	keepScreenshot(t, ctx, "imports-history.png")
	checkPageClean(t, rec)
}
