package web_test

import (
	"context"
	"net/http"
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

// attempt posts the sign-in form from a fresh client, optionally with an
// X-Forwarded-For header, and returns the response and its body.
func attempt(t *testing.T, base, login, pw, xff string) (*http.Response, string) {
	t.Helper()
	c := newClient(t)
	form := url.Values{"login": {login}, "password": {pw}, "_csrf": {csrfToken(t, c, base)}}
	req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if xff != "" {
		req.Header.Set("X-Forwarded-For", xff)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res, readBody(t, res)
}

// throttle is the sign-in limit of these tests' servers: small enough to
// reach in a few requests.
var throttle = store.LoginLimit{Max: 3, AddressMax: 5, Window: 10 * time.Minute, DelayMax: 2 * time.Second}

func limited(d *web.Deps) {
	a := &d.Config.Auth
	a.LoginMaxFailures, a.LoginAddressMaxFailures = throttle.Max, throttle.AddressMax
	a.LoginWindow, a.LoginDelayMax = throttle.Window, throttle.DelayMax
}

// delays stands in for the sign-in delay: it notes what the server asks
// for instead of sleeping.
type delays struct {
	mu   sync.Mutex
	last time.Duration
}

func (d *delays) wait(ctx context.Context, dur time.Duration) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.last = dur
	return ctx.Err()
}

// take returns the delay asked for since the last take, 0 if none.
func (d *delays) take() time.Duration {
	d.mu.Lock()
	defer d.mu.Unlock()
	dur := d.last
	d.last = 0
	return dur
}

// throttleServer serves with the test limit, the delay noted in rec, and
// X-Forwarded-For believed from loopback when proxied.
func throttleServer(t *testing.T, s *store.DB, clock *testClock, rec *delays, proxied bool) string {
	t.Helper()
	return authServer(t, s, clock, func(d *web.Deps) {
		limited(d)
		d.Wait = rec.wait
		if proxied {
			d.Config.Server.TrustedProxies = []string{"127.0.0.1/32"}
		}
	})
}

// TestLoginRateLimit: an address that guesses at many logins is refused
// once it reaches the address limit, whichever login it tries next.
func TestLoginRateLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		clock := newTestClock()
		base := throttleServer(t, s, clock, &delays{}, false)
		pw := newUser(t, s, "kim", model.RoleViewer)
		// Each failure claims another address: without trusted proxies the
		// header is ignored and all count against 127.0.0.1.
		for i := range throttle.AddressMax {
			xff := "10.0.0." + strconv.Itoa(i)
			if res, _ := attempt(t, base, "guess"+strconv.Itoa(i), "wrong-password", xff); res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("failure %d: status %d", i+1, res.StatusCode)
			}
			clock.Add(time.Minute)
		}
		res, body := attempt(t, base, "kim", pw, "10.0.0.9")
		if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "이 주소에서 로그인 실패가 너무 많습니다. 5분 뒤에") {
			t.Fatalf("attempt past the address limit: status %d, want 429 with the Korean wait; %.300s", res.StatusCode, body)
		}
		if ra := res.Header.Get("Retry-After"); ra != "300" {
			t.Errorf("Retry-After %q, want 300 (the first failure leaves the window in 5 min)", ra)
		}
		clock.Add(5 * time.Minute)
		if res, _ := attempt(t, base, "kim", pw, ""); res.StatusCode != http.StatusSeeOther {
			t.Errorf("after the window: status %d, want 303", res.StatusCode)
		}
	})
}

// TestLoginRateLimitPerPair: one address guessing one login is refused at
// the per-pair limit, though it may still try other logins.
func TestLoginRateLimitPerPair(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		base := throttleServer(t, s, newTestClock(), &delays{}, true)
		pw := newUser(t, s, "lee", model.RoleViewer)
		for range throttle.Max {
			attempt(t, base, "lee", "wrong-password", "10.6.6.6")
		}
		res, _ := attempt(t, base, "lee", pw, "10.6.6.6")
		if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "600" {
			t.Errorf("guess past the pair limit: %d, Retry-After %q; want 429, 600", res.StatusCode, res.Header.Get("Retry-After"))
		}
		if res, _ := attempt(t, base, "other", "wrong-password", "10.6.6.6"); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("another login from that address: %d, want 401", res.StatusCode)
		}
	})
}

// TestOwnerGetsInWhileGuessed is the lock-out the limits must not allow:
// a guesser at one address, throttled every window anew, never keeps the
// owner at another address out.
func TestOwnerGetsInWhileGuessed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		clock, rec := newTestClock(), &delays{}
		base := throttleServer(t, s, clock, rec, true)
		pw := newUser(t, s, "admin", model.RoleAdmin)
		for cycle := range 4 {
			for i := range throttle.Max {
				if res, _ := attempt(t, base, "admin", "wrong-password", "10.6.6.6"); res.StatusCode != http.StatusUnauthorized {
					t.Fatalf("cycle %d, guess %d: status %d, want 401", cycle, i+1, res.StatusCode)
				}
			}
			if res, _ := attempt(t, base, "admin", pw, "10.6.6.6"); res.StatusCode != http.StatusTooManyRequests {
				t.Errorf("cycle %d: the guesser's next try: %d, want 429", cycle, res.StatusCode)
			}
			rec.take()
			res, _ := attempt(t, base, "admin", pw, "10.1.1.1")
			if res.StatusCode != http.StatusSeeOther || !hasSession(res) {
				t.Errorf("cycle %d: the owner: status %d, session %v; want 303 with a session", cycle, res.StatusCode, hasSession(res))
			}
			if d := rec.take(); d <= 0 || d > throttle.DelayMax {
				t.Errorf("cycle %d: the owner was delayed %v, want a delay up to %v", cycle, d, throttle.DelayMax)
			}
			clock.Add(throttle.Window)
		}
	})
}

// TestLoginDelayNeverRefuses: guesses at one login from ever new addresses
// are delayed longer and longer up to the cap, and never refused; the
// owner then still gets in.
func TestLoginDelayNeverRefuses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		rec := &delays{}
		base := throttleServer(t, s, newTestClock(), rec, true)
		pw := newUser(t, s, "admin", model.RoleAdmin)
		var last time.Duration
		for i := range 10 {
			if res, _ := attempt(t, base, "admin", "wrong-password", "10.0.0."+strconv.Itoa(i)); res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("guess %d: status %d, want 401", i+1, res.StatusCode)
			}
			d := rec.take()
			if d != throttle.Delay(i) || d < last {
				t.Errorf("guess %d: delay %v, want %v (after %v)", i+1, d, throttle.Delay(i), last)
			}
			last = d
		}
		if last != throttle.DelayMax {
			t.Errorf("delay after many guesses %v, want the cap %v", last, throttle.DelayMax)
		}
		if res, _ := attempt(t, base, "admin", pw, "10.1.1.1"); res.StatusCode != http.StatusSeeOther || rec.take() != throttle.DelayMax {
			t.Errorf("the owner: status %d, want 303 after the capped delay", res.StatusCode)
		}
	})
}

func hasSession(res *http.Response) bool {
	for _, ck := range res.Cookies() {
		if ck.Name == "axdash_session" && ck.Value != "" {
			return true
		}
	}
	return false
}

// TestClientAddress checks whose address the limit counts: the proxy's
// X-Forwarded-For is believed only when the connecting address is a
// configured proxy.
func TestClientAddress(t *testing.T) {
	tests := []struct {
		name    string
		trusted []string
		// after the address limit's failures from X-Forwarded-For
		// 10.0.0.1, one more attempt from 10.0.0.2:
		other int
	}{
		{"no proxies: header ignored", nil, http.StatusTooManyRequests},
		{"loopback is a proxy: header believed", []string{"127.0.0.0/8"}, http.StatusUnauthorized},
		{"another proxy: header ignored", []string{"192.168.10.0/24"}, http.StatusTooManyRequests},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := storetest.SQLite(t)
			base := authServer(t, s, newTestClock(), func(d *web.Deps) {
				limited(d)
				d.Config.Server.TrustedProxies = tt.trusted
			})
			for i := range throttle.AddressMax {
				attempt(t, base, "u"+strconv.Itoa(i), "wrong-password", "10.0.0.1")
			}
			if res, _ := attempt(t, base, "u9", "wrong-password", "10.0.0.2"); res.StatusCode != tt.other {
				t.Errorf("attempt from 10.0.0.2: %d, want %d", res.StatusCode, tt.other)
			}
			if res, _ := attempt(t, base, "u9", "wrong-password", "10.0.0.1"); res.StatusCode != http.StatusTooManyRequests {
				t.Errorf("attempt from 10.0.0.1: %d, want 429", res.StatusCode)
			}
		})
	}
}

// TestLoginOddNames: whatever is typed as the login is refused as a wrong
// password and counted, never a server error (a long Korean name cut in
// the middle of a character would not be valid text for PostgreSQL).
func TestLoginOddNames(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		base := authServer(t, s, newTestClock(), nil)
		for _, login := range []string{strings.Repeat("김", 70), strings.Repeat("a", 63) + "김", "\xff\xfe", "a\x00b", "   "} {
			if res, body := attempt(t, base, login, "wrong-password", ""); res.StatusCode != http.StatusUnauthorized {
				t.Errorf("login %q: status %d, want 401; %.200s", login, res.StatusCode, body)
			}
		}
	})
}
