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
