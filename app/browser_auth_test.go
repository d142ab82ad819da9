package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSignInAndOutInBrowser creates an account through the CLI, signs in
// through the real form, sees the login in the header and signs out.
func TestSignInAndOutInBrowser(t *testing.T) {
	ctx, _, _, rec := signedInBrowser(t, "Kim.Analyst", "analyst")
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
	checkNoProblems(t, rec)
}

// TestAdminAddsUserInBrowser: the demo-style admin adds an analyst through
// the admin page's form (CSRF token and all) in Chromium, without a
// console error or a CSP violation, and the new account can sign in.
func TestAdminAddsUserInBrowser(t *testing.T) {
	ctx, base, st, rec := signedInBrowser(t, "boss", "admin")
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/admin/users"),
		chromedp.WaitVisible(chromedp.CSS(`#add-user`)),
		chromedp.SendKeys(chromedp.CSS(`#add-user input[name="login"]`), "lee.analyst"),
		chromedp.SetValue(chromedp.CSS(`#add-user select[name="role"]`), "analyst"),
		chromedp.SendKeys(chromedp.CSS(`#add-user input[name="password"]`), "lee-password-123"),
		chromedp.Click(chromedp.CSS(`#add-user button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`tr[data-login="lee.analyst"]`)),
	)
	if err != nil {
		t.Fatalf("add a user through the admin page: %v", err)
	}
	u, err := st.Accounts.UserByLogin(t.Context(), "lee.analyst")
	if err != nil || u.Role != "analyst" {
		t.Fatalf("the added user: %+v, %v", u, err)
	}
	checkNoProblems(t, rec)
}

func checkNoProblems(t *testing.T, rec *pageRecorder) {
	t.Helper()
	for _, p := range rec.Problems() {
		t.Errorf("browser reported: %s", p)
	}
}
