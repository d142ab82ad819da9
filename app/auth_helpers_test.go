package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"axdash/app/auth"
	"axdash/app/store"
)

// cliIn runs the real command line with stdin as its standard input.
func cliIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runIO(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// addUser creates an account through `axdash user add` with a random
// password on standard input, the way an operator does, and returns the
// password.
func addUser(t *testing.T, login, role string) string {
	t.Helper()
	pw, err := auth.RandomPassword(16)
	if err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := cliIn(t, pw+"\n", "user", "add", login, "--role", role); code != exitOK {
		t.Fatalf("user add %s: exit %d: %s%s", login, code, out, errOut)
	}
	return pw
}

// browserLogin signs in through the real /login form in the browser tab of
// ctx and waits for the header to show the account.
func browserLogin(t *testing.T, ctx context.Context, base, login, password string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS(`input[name="login"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="login"]`), login),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.session .who`)),
	)
	if err != nil {
		t.Fatalf("sign in as %s in the browser: %v", login, err)
	}
	who, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`.session .who`), "data-login"))
	if err != nil {
		t.Fatalf("read the signed-in login: %v", err)
	}
	if who.Value != strings.ToLower(login) {
		t.Fatalf("header shows %q after signing in as %s", who.Value, login)
	}
}

// signedInBrowser serves a fresh SQLite database, creates an account
// through the CLI and signs it in through the real form in Chromium. It
// returns the tab, the base URL, the store and the tab's recorder.
func signedInBrowser(t *testing.T, login, role string) (context.Context, string, *store.DB, *pageRecorder) {
	t.Helper()
	t.Setenv("AXDASH_CONFIG", "")
	t.Setenv("AXDASH_DATABASE_URL", "")
	t.Setenv("AXDASH_DATA_DIR", t.TempDir())
	pw := addUser(t, login, role)
	base, st := startServer(t)
	ctx := newBrowser(t)
	rec := recordPage(t, ctx)
	browserLogin(t, ctx, base, login, pw)
	return ctx, base, st, rec
}
