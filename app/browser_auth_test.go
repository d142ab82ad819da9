package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSignInAndOutInBrowser creates an account through the CLI, signs in
// through the real form, sees the login in the header and signs out.
func TestSignInAndOutInBrowser(t *testing.T) {
	t.Setenv("AXDASH_CONFIG", "")
	t.Setenv("AXDASH_DATABASE_URL", "")
	t.Setenv("AXDASH_DATA_DIR", t.TempDir())
	pw := addUser(t, "Kim.Analyst", "analyst")
	base, _ := startServer(t)
	ctx := newBrowser(t)
	rec := recordPage(t, ctx)
	browserLogin(t, ctx, base, "Kim.Analyst", pw)
	header, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.session`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(header, "kim.analyst") || !strings.Contains(header, "분석 담당자") {
		t.Errorf("header after sign-in: %q", header)
	}
	token, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axdash.csrfHeaders()["X-CSRF-Token"]`))
	if err != nil || token == "" {
		t.Errorf("axdash.csrfHeaders() gives no token: %q, %v", token, err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form.logout button`)),
		chromedp.WaitVisible(chromedp.CSS(`.session a.login`)),
	); err != nil {
		t.Fatalf("sign out: %v", err)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".session .who").length`))
	if err != nil || n != 0 {
		t.Errorf("still signed in after sign-out: %d, %v", n, err)
	}
	for _, p := range rec.Problems() {
		t.Errorf("browser reported: %s", p)
	}
}
