package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

func TestCSRF(t *testing.T) {
	s := storetest.SQLite(t)
	base := authServer(t, s, nil, nil)
	pw := newUser(t, s, "kim", model.RoleViewer)
	c := loginClient(t, base, "kim", pw)
	token := csrfToken(t, c, base)
	tests := []struct {
		name    string
		form    url.Values
		header  map[string]string
		want    int
		stillIn bool
	}{
		{"no token", url.Values{}, nil, http.StatusForbidden, true},
		{"wrong token", url.Values{"_csrf": {token + "x"}}, nil, http.StatusForbidden, true},
		{"wrong header", url.Values{}, map[string]string{"X-CSRF-Token": "nope"}, http.StatusForbidden, true},
		{"cross-site browser, right token", url.Values{"_csrf": {token}}, map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden, true},
		{"same-site browser, right token", url.Values{"_csrf": {token}}, map[string]string{"Sec-Fetch-Site": "same-site"}, http.StatusForbidden, true},
		{"same-site browser, planted cookie", url.Values{"_csrf": {"planted"}}, map[string]string{"Sec-Fetch-Site": "same-site", "Cookie": "axdash_csrf=planted"}, http.StatusForbidden, true},
		{"header token", url.Values{}, map[string]string{"X-CSRF-Token": token}, http.StatusSeeOther, false},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(http.MethodPost, base+"/logout", strings.NewReader(tt.form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range tt.header {
			req.Header.Set(k, v)
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := readBody(t, res)
		if res.StatusCode != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, res.StatusCode, tt.want)
		}
		if tt.want == http.StatusForbidden && !strings.Contains(body, "CSRF") {
			t.Errorf("%s: refusal without the Korean message: %.200s", tt.name, body)
		}
		page, _ := c.Get(base + "/exemplars")
		if in := signedInAs(readBody(t, page)) == "kim"; in != tt.stillIn {
			t.Errorf("%s: signed in afterwards = %v, want %v", tt.name, in, tt.stillIn)
		}
	}
	// The sign-in form is checked too: a login CSRF cannot plant a session.
	anon := newClient(t)
	res, err := anon.PostForm(base+"/login", url.Values{"login": {"kim"}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden || sessionCookieOf(anon, base) != "" {
		t.Errorf("login without a token: %d", res.StatusCode)
	}
}

// TestCSRFAPIHeaderOnly: an API write takes its token in the header; one
// in a form field (an upload's multipart body) is refused before the body
// is read, while a browser's same-origin write needs no token.
func TestCSRFAPIHeaderOnly(t *testing.T) {
	s := storetest.SQLite(t)
	base := authServer(t, s, nil, nil)
	c := loginClient(t, base, "ana", newUser(t, s, "ana", model.RoleAnalyst))
	token := csrfToken(t, c, base)
	tests := []struct {
		name   string
		site   string
		header string
		want   int
		has    string
	}{
		{"token in the form only", "", "", http.StatusForbidden, "CSRF"},
		{"token in the form, same-site browser", "same-site", "", http.StatusForbidden, "CSRF"},
		{"token in the header", "", token, http.StatusBadRequest, "파일"},
		{"same-origin browser, no header", "same-origin", "", http.StatusBadRequest, "파일"},
	}
	for _, tt := range tests {
		ctype, body := multipartBody(t, map[string]string{"wave": "W2", "_csrf": token}, "a.xlsx", []byte{})
		req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/imports", body)
		req.Header.Set("Content-Type", ctype)
		if tt.site != "" {
			req.Header.Set("Sec-Fetch-Site", tt.site)
		}
		if tt.header != "" {
			req.Header.Set("X-CSRF-Token", tt.header)
		}
		if got, text := do(t, c, req); got != tt.want || !strings.Contains(text, tt.has) {
			t.Errorf("%s: %d %.200s, want %d containing %q", tt.name, got, text, tt.want, tt.has)
		}
	}
}

// TestCSRFTokenBinding: a token is good only with the cookie it was made
// for, taken from the header or the form body, never from the query
// string. A signed-in browser's token is its session's; an anonymous
// one's is the server's HMAC of its nonce cookie, so that neither another
// session's token nor a cookie and field planted by an attacker pass.
func TestCSRFTokenBinding(t *testing.T) {
	s := storetest.SQLite(t)
	base := authServer(t, s, nil, nil)
	kim := loginClient(t, base, "kim", newUser(t, s, "kim", model.RoleAdmin))
	lee := loginClient(t, base, "lee", newUser(t, s, "lee", model.RoleAdmin))
	anon, attacker := newClient(t), newClient(t)
	kimToken, leeToken := csrfToken(t, kim, base), csrfToken(t, lee, base)
	anonToken, attackerToken := csrfToken(t, anon, base), csrfToken(t, attacker, base)
	attackerNonce := cookieOf(attacker, base, "axdash_csrf")
	chosen := strings.Repeat("A", 43) // a nonce of the right shape, chosen by the attacker
	tests := []struct {
		name         string
		c            *http.Client
		path, query  string
		field, plant string // the body's _csrf; an axdash_csrf cookie planted
		header       string
		want         int
	}{
		{"own token", kim, "/admin/boundary/delete", "", kimToken, "", "", see},
		{"another session's token", kim, "/admin/boundary/delete", "", leeToken, "", "", forbidden},
		{"an anonymous pair planted", kim, "/admin/boundary/delete", "", attackerToken, attackerNonce, "", forbidden},
		{"a double-submit pair planted", kim, "/admin/boundary/delete", "", chosen, chosen, "", forbidden},
		{"token in the query string", kim, "/admin/boundary/delete", "?_csrf=" + kimToken, "", "", "", forbidden},
		{"API, token in the query string", kim, "/api/v1/imports/99999/cancel", "?_csrf=" + kimToken, "", "", "", forbidden},
		{"API, token in the header", kim, "/api/v1/imports/99999/cancel", "", "", "", kimToken, http.StatusNotFound},
		{"sign-in form, anonymous token", anon, "/login", "", anonToken, "", "", unauth},
		{"sign-in form, another visitor's token", anon, "/login", "", attackerToken, "", "", forbidden},
		{"sign-in form, a double-submit pair planted", anon, "/login", "", chosen, chosen, "", forbidden},
		{"sign-in form, token in the query string", anon, "/login", "?_csrf=" + anonToken, "", "", "", forbidden},
	}
	u, _ := url.Parse(base)
	for _, tt := range tests {
		if tt.plant != "" {
			tt.c.Jar.SetCookies(u, []*http.Cookie{{Name: "axdash_csrf", Value: tt.plant, Path: "/"}})
		}
		form := url.Values{"login": {"kim"}, "password": {"wrong"}}
		if tt.field != "" {
			form.Set("_csrf", tt.field)
		}
		req, _ := http.NewRequest(http.MethodPost, base+tt.path+tt.query, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if tt.header != "" {
			req.Header.Set("X-CSRF-Token", tt.header)
		}
		got, body := do(t, tt.c, req)
		if got != tt.want || (got == forbidden && !strings.Contains(body, "CSRF")) {
			t.Errorf("%s: %d %.200s, want %d", tt.name, got, body, tt.want)
		}
	}
	if signedInAs(readBody(t, mustGet(t, kim, base+"/exemplars"))) != "kim" {
		t.Error("kim was signed out by a refused write")
	}
}

// TestCSRFNewSessionNewToken: a sign-in starts a new session, and the
// token of the browser's earlier state (anonymous, or the old session)
// stops working.
func TestCSRFNewSessionNewToken(t *testing.T) {
	s := storetest.SQLite(t)
	base := authServer(t, s, nil, nil)
	pw := newUser(t, s, "kim", model.RoleAdmin)
	c := newClient(t)
	tokens := []string{csrfToken(t, c, base)} // anonymous
	for range 2 {
		if res := postForm(t, c, base, "/login", url.Values{"login": {"kim"}, "password": {pw}}); res.StatusCode != see {
			t.Fatalf("sign in: %d", res.StatusCode)
		}
		tokens = append(tokens, csrfToken(t, c, base))
	}
	for i, tok := range tokens {
		want := forbidden
		if i == len(tokens)-1 {
			want = see
		}
		req, _ := http.NewRequest(http.MethodPost, base+"/admin/boundary/delete", strings.NewReader(url.Values{"_csrf": {tok}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if got, _ := do(t, c, req); got != want {
			t.Errorf("token %d of %d: %d, want %d", i+1, len(tokens), got, want)
		}
	}
}

// TestCSRFTwoProcesses: two servers on one database (two processes) sign
// their tokens with the same key from it: the sign-in form of one and the
// pages of the other take each other's tokens.
func TestCSRFTwoProcesses(t *testing.T) {
	storetest.EachShared(t, 2, func(t *testing.T, stores []*store.DB) {
		var bases [2]string
		for i, st := range stores {
			_, bases[i] = gateServer(t, st, nil)
		}
		pw := newUser(t, stores[0], "kim", model.RoleAdmin)
		c := newClient(t)
		u0, _ := url.Parse(bases[0])
		u1, _ := url.Parse(bases[1])
		token := csrfToken(t, c, bases[0])
		c.Jar.SetCookies(u1, c.Jar.Cookies(u0))
		res, err := c.PostForm(bases[1]+"/login", url.Values{"login": {"kim"}, "password": {pw}, "_csrf": {token}})
		if err != nil {
			t.Fatal(err)
		}
		if readBody(t, res); res.StatusCode != see {
			t.Fatalf("sign in on server 2 with server 1's form token: %d", res.StatusCode)
		}
		c.Jar.SetCookies(u0, c.Jar.Cookies(u1))
		token = csrfToken(t, c, bases[1])
		res, err = c.PostForm(bases[0]+"/admin/boundary/delete", url.Values{"_csrf": {token}})
		if err != nil {
			t.Fatal(err)
		}
		if readBody(t, res); res.StatusCode != see {
			t.Errorf("a write on server 1 with server 2's session token: %d", res.StatusCode)
		}
	})
}

func mustGet(t *testing.T, c *http.Client, target string) *http.Response {
	t.Helper()
	res, err := c.Get(target)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
