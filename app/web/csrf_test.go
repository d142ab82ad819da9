package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"axdash/app/model"
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
