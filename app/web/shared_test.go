package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/configs"
)

// TestTwoServersShareSessions runs two servers, each with its own store
// on one PostgreSQL database, the way two axdash processes would: a session
// made on one works on the other, and signing out on one ends it on both.
func TestTwoServersShareSessions(t *testing.T) {
	dbURL := storetest.PostgresURL(t)
	var bases [2]string
	var stores [2]*store.Store
	for i := range bases {
		st := storetest.OpenLogged(t, configs.DatabaseConfig{URL: dbURL, MaxOpenConns: 4}, slog.New(slog.NewTextHandler(io.Discard, nil)))
		ts := serveStore(t, st)
		bases[i], stores[i] = ts.URL, st
	}
	pw := newUser(t, stores[0], "kim", model.RoleAdmin)
	c := loginClient(t, bases[0], "kim", pw)
	// Carry the cookies over to the other server's address.
	other := newClient(t)
	u0, _ := url.Parse(bases[0])
	u1, _ := url.Parse(bases[1])
	other.Jar.SetCookies(u1, c.Jar.Cookies(u0))
	res, err := other.Get(bases[1] + "/admin/users")
	if err != nil {
		t.Fatal(err)
	}
	if body := readBody(t, res); res.StatusCode != http.StatusOK || signedInAs(body) != "kim" {
		t.Fatalf("server 2 does not know server 1's session: %d, %q", res.StatusCode, signedInAs(body))
	}
	// The CSRF token of one process is good on the other (no server state).
	if res := postForm(t, other, bases[1], "/admin/boundary/delete", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("a write on server 2 with its token: %d", res.StatusCode)
	}
	// A boundary map uploaded on one process is served by the other.
	if res, _ := uploadBoundary(t, c, bases[0], sidoGeoJSON); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload on server 1: %d", res.StatusCode)
	}
	if res, body := get(t, bases[1]+"/maps/kr-sido.geojson"); res.StatusCode != http.StatusOK || !strings.Contains(body, `"name":"서울"`) {
		t.Errorf("server 2 does not serve server 1's map: %d", res.StatusCode)
	}
	if res := postForm(t, c, bases[0], "/logout", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout on server 1: %d", res.StatusCode)
	}
	res, err = other.Get(bases[1] + "/admin/users")
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, res)
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("after logout on server 1, server 2 still serves the admin page: %d", res.StatusCode)
	}
}
