package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
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

func limited(d *web.Deps) {
	d.Config.Auth.LoginMaxFailures, d.Config.Auth.LoginWindow = 3, 10*time.Minute
}

func TestLoginRateLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clock := newTestClock()
		base := authServer(t, s, clock, limited)
		pw := newUser(t, s, "kim", model.RoleViewer)
		// Three failures, each claiming another address: without trusted
		// proxies the header is ignored and all count against 127.0.0.1.
		for i, xff := range []string{"10.0.0.1", "10.0.0.2", "10.0.0.3"} {
			if res, _ := attempt(t, base, "guess"+strconv.Itoa(i), "wrong-password", xff); res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("failure %d: status %d", i+1, res.StatusCode)
			}
			clock.Add(time.Minute)
		}
		res, body := attempt(t, base, "kim", pw, "10.0.0.9")
		if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "로그인 실패가 너무 많습니다. 7분 뒤에") {
			t.Fatalf("4th attempt: status %d, want 429 with the Korean wait; %.300s", res.StatusCode, body)
		}
		if ra := res.Header.Get("Retry-After"); ra != "420" {
			t.Errorf("Retry-After %q, want 420 (the first failure leaves the window in 7 min)", ra)
		}
		clock.Add(7 * time.Minute)
		if res, _ := attempt(t, base, "kim", pw, ""); res.StatusCode != http.StatusSeeOther {
			t.Errorf("after the window: status %d, want 303", res.StatusCode)
		}
	})
}

func TestLoginRateLimitPerLogin(t *testing.T) {
	s := storetest.SQLite(t)
	clock := newTestClock()
	base := authServer(t, s, clock, func(d *web.Deps) {
		limited(d)
		d.Config.Server.TrustedProxies = []string{"127.0.0.1/32"}
	})
	pw := newUser(t, s, "lee", model.RoleViewer)
	for _, xff := range []string{"10.0.0.1", "10.0.0.2", "10.0.0.3"} {
		attempt(t, base, "lee", "wrong-password", xff)
	}
	if res, _ := attempt(t, base, "lee", pw, "10.0.0.4"); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("4th guess at one login from a 4th address: %d, want 429", res.StatusCode)
	}
	if res, _ := attempt(t, base, "other", "wrong-password", "10.0.0.4"); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("another login from that address: %d, want 401", res.StatusCode)
	}
}

// TestClientAddress checks whose address the limit counts: the proxy's
// X-Forwarded-For is believed only when the connecting address is a
// configured proxy.
func TestClientAddress(t *testing.T) {
	tests := []struct {
		name    string
		trusted []string
		// after three failures from X-Forwarded-For 10.0.0.1, a fourth
		// attempt from 10.0.0.2:
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
			for i := 0; i < 3; i++ {
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
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		base := authServer(t, s, newTestClock(), nil)
		for _, login := range []string{strings.Repeat("김", 70), strings.Repeat("a", 63) + "김", "\xff\xfe", "a\x00b", "   "} {
			if res, body := attempt(t, base, login, "wrong-password", ""); res.StatusCode != http.StatusUnauthorized {
				t.Errorf("login %q: status %d, want 401; %.200s", login, res.StatusCode, body)
			}
		}
	})
}
