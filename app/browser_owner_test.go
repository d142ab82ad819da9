package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"axdash/app/store"
)

// TestOthersImportInBrowser: an analyst opening another analyst's checked
// upload sees who uploaded it and its history, and no button to commit,
// replace or cancel it.
func TestOthersImportInBrowser(t *testing.T) {
	ctx, base, st, rec := signedInBrowser(t, "bob", "analyst")
	addUser(t, "ana", "analyst")
	ana, err := st.Accounts.UserByLogin(context.Background(), "ana")
	if err != nil {
		t.Fatal(err)
	}
	content, err := os.ReadFile(damagedBookFile(t, 40))
	if err != nil {
		t.Fatal(err)
	}
	job, err := st.Jobs.CreateJob(context.Background(), store.NewJob{Wave: "2026-H1", FileName: "ana.xlsx", Size: int64(len(content)),
		SHA256: sha256Hex(content), UserID: &ana.ID, UserLogin: ana.Login}, bytes.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	startJobRunner(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/imports/%d", base, job.ID))); err != nil {
		t.Fatal(err)
	}
	waitJobState(t, ctx, "checked")
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#job-actions button')).filter(b => !b.hidden).map(b => b.id)`))
	if err != nil || len(shown) != 0 {
		t.Errorf("buttons shown on another analyst's job: %v, %v", shown, err)
	}
	notice, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#job-not-yours`)))
	if err != nil || !strings.Contains(notice, "올린 사람(ana)이나 관리자만") {
		t.Errorf("notice %q, %v", notice, err)
	}
	events, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#job-events`)))
	if err != nil || !strings.Contains(events, "ana 파일 올림") || !strings.Contains(events, "자동 처리 검사 끝남") {
		t.Errorf("events %q, %v", events, err)
	}
	keepScreenshot(t, ctx, "import-others.png")
	checkPageClean(t, rec)
}
