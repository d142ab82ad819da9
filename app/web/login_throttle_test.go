package web_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
)

// guessed gives login the failures, from other addresses, at which its
// attempts are delayed.
func guessed(t *testing.T, s *store.DB, login string, now time.Time) {
	t.Helper()
	for i := range throttle.Max {
		if _, err := s.Accounts.ClaimLoginAttempt(context.Background(), "10.9.9."+strconv.Itoa(i), login, throttle, now); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLoginDelayClientGone: a client that goes away while its attempt is
// delayed never has its password checked: right or wrong, the attempt
// neither signs in nor is refused as a wrong password, and neither outcome
// is logged; the log says the client went away, not that the server
// failed.
func TestLoginDelayClientGone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		clock := newTestClock()
		pw := newUser(t, s, "admin", model.RoleAdmin)
		guessed(t, s, "admin", clock.Now())
		for _, tt := range []struct{ name, password string }{{"right password", pw}, {"wrong password", "wrong-password"}} {
			ctx, cancel := context.WithCancel(context.Background())
			var asked time.Duration
			var logs strings.Builder
			deps := testDeps(t, s)
			cfg := *deps.Config
			deps.Config, deps.Now, deps.Log = &cfg, clock.Now, slog.New(slog.NewTextHandler(&logs, nil))
			limited(&deps)
			deps.Wait = func(ctx context.Context, d time.Duration) error {
				asked = d
				cancel() // the client disconnects during the delay
				<-ctx.Done()
				return ctx.Err()
			}
			srv, err := web.New(deps)
			if err != nil {
				t.Fatal(err)
			}
			res := postInProcess(t, srv.Handler(), ctx, url.Values{"login": {"admin"}, "password": {tt.password}})
			cancel()
			if asked == 0 {
				t.Errorf("%s: no delay asked", tt.name)
			}
			if res.StatusCode == http.StatusSeeOther || res.StatusCode == http.StatusUnauthorized || hasSession(res) {
				t.Errorf("%s: gone client's password checked: status %d, session %v", tt.name, res.StatusCode, hasSession(res))
			}
			if out := logs.String(); strings.Contains(out, "sign-in failed") || strings.Contains(out, "signed in") {
				t.Errorf("%s: gone client's password checked: %s", tt.name, out)
			}
			// Nothing failed on the server's side: no error in the log.
			if out := logs.String(); strings.Contains(out, "level=ERROR") || !strings.Contains(out, "client went away") {
				t.Errorf("%s: a gone client is not logged as such: %s", tt.name, out)
			}
		}
	})
}

// postInProcess posts the sign-in form straight to the handler with ctx as
// the request's context, so the test sees the handler's whole answer, after
// fetching the sign-in page for its CSRF cookie and token.
func postInProcess(t *testing.T, h http.Handler, ctx context.Context, form url.Values) *http.Response {
	t.Helper()
	page := httptest.NewRecorder()
	h.ServeHTTP(page, httptest.NewRequest(http.MethodGet, "/login", nil))
	m := csrfMeta.FindStringSubmatch(page.Body.String())
	if m == nil {
		t.Fatalf("no CSRF token on the sign-in page (status %d)", page.Code)
	}
	form.Set("_csrf", m[1])
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, ck := range page.Result().Cookies() {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

// TestLoginDelayHoldsNoHashSlot: with a single password-hash slot, another
// account signs in while a delayed attempt waits. Were the slot held during
// the delay, that sign-in could not finish until the delay ends, which here
// waits for it: the test would fail on the client's timeout.
func TestLoginDelayHoldsNoHashSlot(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		clock := newTestClock()
		adminPW, leePW := newUser(t, s, "admin", model.RoleAdmin), newUser(t, s, "lee", model.RoleViewer)
		guessed(t, s, "admin", clock.Now())
		waiting, release := make(chan struct{}), make(chan struct{})
		base := authServer(t, s, clock, func(d *web.Deps) {
			limited(d)
			d.Config.Auth.ConcurrentHashes = 1
			d.Wait = func(ctx context.Context, _ time.Duration) error {
				close(waiting)
				select {
				case <-release:
				case <-ctx.Done():
				}
				return ctx.Err()
			}
		})
		// Registered after the server's own cleanup, so it runs first: a
		// failed test does not leave the server waiting on a request.
		free := sync.OnceFunc(func() { close(release) })
		t.Cleanup(free)
		c := newClient(t)
		form := url.Values{"login": {"admin"}, "password": {adminPW}, "_csrf": {csrfToken(t, c, base)}}
		delayed := make(chan int, 1)
		go func() {
			res, err := c.PostForm(base+"/login", form)
			if err != nil {
				delayed <- 0
				return
			}
			res.Body.Close()
			delayed <- res.StatusCode
		}()
		<-waiting
		loginClient(t, base, "lee", leePW) // fails the test unless 303 with a session
		free()
		if got := <-delayed; got != http.StatusSeeOther {
			t.Errorf("the delayed sign-in: status %d, want 303", got)
		}
	})
}
