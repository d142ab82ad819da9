package web_test

import (
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
)

// authServer serves one small wave with an injectable clock and optional
// configuration changes.
func authServer(t *testing.T, s *store.DB, clock *testClock, adjust func(*web.Deps)) string {
	t.Helper()
	return newServerWith(t, s, "W", map[string]int{"11": 6}, func(d *web.Deps) {
		cfg := *d.Config
		d.Config = &cfg
		if clock != nil {
			d.Now = clock.Now
		}
		if adjust != nil {
			adjust(d)
		}
	}).URL
}

func TestSignInShowsUserAndSignOutEndsSession(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		base := authServer(t, s, nil, nil)
		pw := newUser(t, s, "Kim.Analyst", model.RoleAnalyst)
		c := loginClient(t, base, "KIM.analyst", pw)
		res, err := c.Get(base + "/")
		if err != nil {
			t.Fatal(err)
		}
		body := readBody(t, res)
		if got := signedInAs(body); got != "kim.analyst" {
			t.Errorf("header shows %q, want kim.analyst", got)
		}
		for _, want := range []string{"분석 담당자", `action="/logout"`, `name="_csrf"`, `<meta name="csrf-token" content="`} {
			if !strings.Contains(body, want) {
				t.Errorf("signed-in page lacks %q", want)
			}
		}
		// An analyst's page is the internal view: private as well.
		if cc := res.Header.Get("Cache-Control"); cc != "private, no-store" {
			t.Errorf("signed-in page Cache-Control %q, want private, no-store", cc)
		}
		// The cached dashboard must not carry this user to a stranger.
		if _, b := get(t, base+"/"); signedInAs(b) != "" || !strings.Contains(b, `href="/login"`) {
			t.Errorf("anonymous page shows a user or no sign-in link")
		}
		token := sessionCookieOf(c, base)
		if res := postForm(t, c, base, "/logout", url.Values{}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("logout status %d", res.StatusCode)
		}
		// Replay the old cookie: the row is gone, so it is dead.
		replay := newClient(t)
		u, _ := url.Parse(base)
		replay.Jar.SetCookies(u, []*http.Cookie{{Name: "axdash_session", Value: token, Path: "/"}})
		res, _ = replay.Get(base + "/")
		if signedInAs(readBody(t, res)) != "" {
			t.Error("the cookie still signs in after logout")
		}
	})
}

func TestWrongPasswordAndDisabledUser(t *testing.T) {
	s := storetest.SQLite(t)
	base := authServer(t, s, nil, nil)
	pw := newUser(t, s, "lee", model.RoleViewer)
	tests := []struct {
		name, login, pw string
		want            int
	}{
		{"wrong password", "lee", pw + "x", http.StatusUnauthorized},
		{"unknown login", "nobody", pw, http.StatusUnauthorized},
		{"right", "lee", pw, http.StatusSeeOther},
	}
	for _, tt := range tests {
		c := newClient(t)
		res := postForm(t, c, base, "/login", url.Values{"login": {tt.login}, "password": {tt.pw}})
		if res.StatusCode != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, res.StatusCode, tt.want)
		}
	}
	c := loginClient(t, base, "lee", pw)
	u, _ := s.Accounts.UserByLogin(t.Context(), "lee")
	yes := true
	if err := s.Accounts.UpdateUser(t.Context(), u.ID, store.UserChange{Disabled: &yes}, time.Now()); err != nil {
		t.Fatal(err)
	}
	res, _ := c.Get(base + "/")
	if signedInAs(readBody(t, res)) != "" {
		t.Error("a disabled user's session still works")
	}
	if res := postForm(t, newClient(t), base, "/login", url.Values{"login": {"lee"}, "password": {pw}}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("disabled user signs in: %d", res.StatusCode)
	}
}

func TestLoginFixation(t *testing.T) {
	s := storetest.SQLite(t)
	base := authServer(t, s, nil, nil)
	pw := newUser(t, s, "park", model.RoleViewer)
	c := newClient(t)
	u, _ := url.Parse(base)
	planted := "attacker-chosen-session-id"
	c.Jar.SetCookies(u, []*http.Cookie{{Name: "axdash_session", Value: planted, Path: "/"}})
	if res := postForm(t, c, base, "/login", url.Values{"login": {"park"}, "password": {pw}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %d", res.StatusCode)
	}
	first := sessionCookieOf(c, base)
	if first == "" || first == planted {
		t.Fatalf("session id after login %q: not a fresh one", first)
	}
	// Signing in again from a signed-in browser issues yet another id and
	// ends the old one.
	if res := postForm(t, c, base, "/login", url.Values{"login": {"park"}, "password": {pw}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("second login %d", res.StatusCode)
	}
	if second := sessionCookieOf(c, base); second == first || second == "" {
		t.Errorf("second login kept session id %q", second)
	}
	old := newClient(t)
	old.Jar.SetCookies(u, []*http.Cookie{{Name: "axdash_session", Value: first, Path: "/"}})
	res, _ := old.Get(base + "/")
	if signedInAs(readBody(t, res)) != "" {
		t.Error("the replaced session still works")
	}
}

func TestSessionCookieFlags(t *testing.T) {
	for _, secure := range []bool{false, true} {
		s := storetest.SQLite(t)
		base := authServer(t, s, nil, func(d *web.Deps) { d.Config.Auth.SecureCookies = secure })
		login := map[bool]string{false: "plain", true: "secure"}[secure]
		pw := newUser(t, s, login, model.RoleViewer)
		c := newClient(t)
		form := url.Values{"login": {login}, "password": {pw}, "_csrf": {csrfToken(t, c, base)}}
		res, err := c.PostForm(base+"/login", form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		var ck *http.Cookie
		for _, x := range res.Cookies() {
			if x.Name == "axdash_session" {
				ck = x
			}
		}
		if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Secure != secure ||
			ck.MaxAge != int((12*time.Hour).Seconds()) {
			t.Errorf("secure_cookies=%v: session cookie %+v", secure, ck)
		}
	}
}

func TestSessionExpiry(t *testing.T) {
	s := storetest.SQLite(t)
	clock := newTestClock()
	base := authServer(t, s, clock, func(d *web.Deps) {
		d.Config.Auth.SessionIdle, d.Config.Auth.SessionMaxAge = 30*time.Minute, 2*time.Hour
	})
	pw := newUser(t, s, "choi", model.RoleViewer)
	signedIn := func(c *http.Client) bool {
		res, err := c.Get(base + "/exemplars")
		if err != nil {
			t.Fatal(err)
		}
		return signedInAs(readBody(t, res)) == "choi"
	}
	idle := loginClient(t, base, "choi", pw)
	busy := loginClient(t, base, "choi", pw)
	// busy is used at every step; idle only at steps 0 and 2.
	steps := []struct {
		advance        time.Duration
		idleOK, busyOK bool
	}{
		{0, true, true},
		{20 * time.Minute, true, true},
		{11 * time.Minute, false, true}, // idle: 31 min unused
		{25 * time.Minute, false, true},
		{25 * time.Minute, false, true},
		{25 * time.Minute, false, true},
		{14 * time.Minute, false, false}, // 2h since sign-in: absolute end
	}
	for i, st := range steps {
		clock.Add(st.advance)
		if got := signedIn(busy); got != st.busyOK {
			t.Errorf("step %d: busy session live=%v, want %v", i, got, st.busyOK)
		}
		if i == 0 || i == 2 {
			if got := signedIn(idle); got != st.idleOK {
				t.Errorf("step %d: idle session live=%v, want %v", i, got, st.idleOK)
			}
		}
	}
}

// TestCookiesSecureOnTLS: a request that came over TLS gets Secure
// cookies even when auth.secure_cookies is off.
func TestCookiesSecureOnTLS(t *testing.T) {
	s := storetest.SQLite(t)
	srv, err := web.New(testDeps(t, s))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewTLSServer(srv.Handler())
	t.Cleanup(ts.Close)
	pw := newUser(t, s, "tls", model.RoleViewer)
	c := ts.Client()
	jar, _ := cookiejar.New(nil)
	c.Jar = jar
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := c.Get(ts.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	m := csrfMeta.FindStringSubmatch(readBody(t, res))
	flags := func(res *http.Response) map[string]bool {
		out := map[string]bool{}
		for _, ck := range res.Cookies() {
			out[ck.Name] = ck.Secure && ck.HttpOnly
		}
		return out
	}
	if f := flags(res); !f["axdash_csrf"] {
		t.Errorf("CSRF cookie over TLS: %v", res.Cookies())
	}
	res, err = c.PostForm(ts.URL+"/login", url.Values{"login": {"tls"}, "password": {pw}, "_csrf": {m[1]}})
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, res)
	if f := flags(res); res.StatusCode != http.StatusSeeOther || !f["axdash_session"] {
		t.Errorf("session cookie over TLS: %d %v", res.StatusCode, res.Cookies())
	}
}
