package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"axdash/app/demo"
	"axdash/app/jobs"
)

// startJobRunner runs the import-job runner the way serve does, over the
// database the environment names, until the test ends.
func startJobRunner(t *testing.T) {
	t.Helper()
	e, st := testEnvStore(t) // closed after the runner stops: cleanups run last-in first-out
	cfg := e.cfg.Jobs
	cfg.PollInterval = 50 * time.Millisecond
	r := &jobs.Runner{Store: st.Jobs, Ingester: e.ingester(st.Surveys), Config: cfg, Log: e.log}
	r.Start(context.Background())
	t.Cleanup(func() { _ = r.Stop(context.Background()) })
}

// TestImportInBrowser is the analyst's whole import in Chromium: sign in,
// upload a workbook with errors, see them in the preview, download the
// annotated copy, commit skipping the invalid rows and see the dashboard's
// headline numbers change.
func TestImportInBrowser(t *testing.T) {
	ctx, base, _, rec := signedInBrowser(t, "ana", "analyst")
	// Its survey period puts it before the 2026 upload in survey order.
	importDemoWave(t, "2025-H2", "--period", "2025-01-01..2025-12-31")
	startJobRunner(t)
	before := headlines(t, ctx, base)
	file := damagedBookFile(t, 400)
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/imports"),
		chromedp.WaitVisible(chromedp.CSS(`#upload-form`)),
		chromedp.SetUploadFiles(chromedp.CSS(`#upload-file`), []string{file}),
		chromedp.SetValue(chromedp.CSS(`#upload-wave`), "2026-H1"),
		// The demo book's survey dates fall in 2026; the period also puts
		// the wave after 2025-H2 in survey order (waves follow their periods).
		chromedp.SetValue(chromedp.CSS(`#upload-period-start`), "2026-01-01"),
		chromedp.SetValue(chromedp.CSS(`#upload-period-end`), "2026-12-31"),
	)
	if err != nil {
		t.Fatalf("choose the file: %v", err)
	}
	keepScreenshot(t, ctx, "import-upload.png")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#upload-submit`)), chromedp.WaitVisible(chromedp.CSS(`#import`))); err != nil {
		t.Fatalf("upload: %v", err)
	}
	waitJobState(t, ctx, "checked")
	meta, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#import .meta`)))
	if err != nil || !strings.Contains(meta, "조사 기간 2026-01-01..2026-12-31") {
		t.Errorf("the job does not carry the period typed with the upload: %q, %v", meta, err)
	}
	issues, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#job-issues tbody`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"region.unknown", "C5", "서울시티", "employees.invalid", "F12"} {
		if !strings.Contains(issues, want) {
			t.Errorf("the preview's issues lack %q: %q", want, issues)
		}
	}
	checkAnnotatedInBrowser(t, ctx)
	keepScreenshot(t, ctx, "import-preview.png")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#job-commit-skip`))); err != nil {
		t.Fatal(err)
	}
	waitJobState(t, ctx, "stored")
	// The page redraws the job's history as it changes.
	events, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#job-events`)))
	if want := "ana 저장 요청 (오류 행 건너뜀)"; err != nil || !strings.Contains(events, want) || !strings.Contains(events, "자동 처리 저장됨") {
		t.Errorf("the job's events %q lack %q and the store: %v", events, want, err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#job-dashboard`)), chromedp.WaitVisible(chromedp.CSS(`.headlines`))); err != nil {
		t.Fatal(err)
	}
	after := headlines(t, ctx, "")
	if after == before || !strings.Contains(after, "전 차수 대비") {
		t.Errorf("headlines did not change with the commit:\nbefore %q\nafter  %q", before, after)
	}
	keepScreenshot(t, ctx, "import-dashboard.png")
	checkPageClean(t, rec)
}

// importDemoWave imports a demo wave through the CLI into the database the
// environment names.
func importDemoWave(t *testing.T, wave string, flags ...string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), wave+".xlsx")
	if _, err := demo.WriteFile(file, demo.Options{Rows: 600, Seed: 3, Year: 2025}); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := cli(t, append([]string{"import", file, "--wave", wave}, flags...)...); code != 0 {
		t.Fatalf("import: exit %d: %s\n%s", code, out, errOut)
	}
}

// headlines reads the dashboard's headline numbers, after opening base's
// dashboard unless base is empty. A wave imported by another process shows
// up within the server's state ttl, so the page is reopened until it does.
func headlines(t *testing.T, ctx context.Context, base string) string {
	t.Helper()
	for try := 0; base != ""; try++ {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
			t.Fatal(err)
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.headlines').length`))
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			break
		}
		if try == 50 {
			t.Fatal("the dashboard shows no headlines")
		}
		time.Sleep(100 * time.Millisecond)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.headlines`)))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(text), " ")
}

func waitJobState(t *testing.T, ctx context.Context, state string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`(s => s === '`+state+`' || s === 'refused' || s === 'failed')(document.getElementById('job-state').dataset.state)`,
		chromedp.WithPollingTimeout(60*time.Second), chromedp.WithPollingInterval(100*time.Millisecond)))
	got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('job-state').dataset.state`))
	if err != nil || got != state {
		t.Fatalf("job state %q, want %q: %v", got, state, err)
	}
}

// annotatedJS fetches the page's annotated-copy link with the browser's own
// session and returns the bytes in base64.
const annotatedJS = `(async () => {
  const a = document.getElementById('job-annotated');
  if (a.hidden) return '';
  const res = await fetch(a.href);
  if (!res.ok || !/attachment/.test(res.headers.get('Content-Disposition') || '')) return 'status ' + res.status;
  const b = new Uint8Array(await res.arrayBuffer());
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192));
  return btoa(s);
})()`

func checkAnnotatedInBrowser(t *testing.T, ctx context.Context) {
	t.Helper()
	b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](annotatedJS, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(raw) == 0 {
		t.Fatalf("annotated download: %q, %v", b64[:min(len(b64), 40)], err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("the annotated copy is not a workbook: %v", err)
	}
	defer f.Close()
	// The annotation is the column after the demo sheet's last.
	col, _ := excelize.ColumnNumberToName(len(demo.Headers()) + 1)
	if v, _ := f.GetCellValue(demo.DataSheet, col+"4"); v != "오류" {
		t.Errorf("annotated %s4 = %q, want 오류", col, v)
	}
	if v, _ := f.GetCellValue(demo.DataSheet, col+"5"); !strings.Contains(v, "시도") {
		t.Errorf("annotated %s5 = %q, want the region message", col, v)
	}
}

// keepScreenshot saves a screenshot in the test's folder and, with
// AXDASH_SCREENSHOT_DIR, a copy there.
func keepScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	saveScreenshot(t, ctx, filepath.Join(t.TempDir(), name))
	if dir := os.Getenv("AXDASH_SCREENSHOT_DIR"); dir != "" {
		saveScreenshot(t, ctx, filepath.Join(dir, name))
	}
}
