package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
	"axdash/configs"
)

// twoServers runs two servers, each with its own store on one fresh
// PostgreSQL schema, the way two axdash processes would.
func twoServers(t *testing.T, adjust ...func(*web.Deps)) (bases [2]string, stores [2]*store.DB) {
	t.Helper()
	dbURL := storetest.PostgresURL(t)
	for i := range bases {
		st := storetest.OpenLogged(t, configs.DatabaseConfig{URL: dbURL, MaxOpenConns: 4}, slog.New(slog.NewTextHandler(io.Discard, nil)))
		bases[i], stores[i] = serveStore(t, st, adjust...).URL, st
	}
	return bases, stores
}

// TestTwoServersShareSessions runs two servers, each with its own store
// on one PostgreSQL database, the way two axdash processes would: a session
// made on one works on the other, and signing out on one ends it on both.
func TestTwoServersShareSessions(t *testing.T) {
	bases, stores := twoServers(t)
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

// sharedRows are n responses in region with every other one adopting.
func sharedRows(region string, n int) []model.FirmResponse {
	rows := storetest.Rows(n)
	for i := range rows {
		rows[i].Response.Region = region
		if i%2 == 1 {
			rows[i].Response.Stage = "미도입"
		}
	}
	return rows
}

// Two processes on one PostgreSQL database, each with its cubes in memory:
// a commit, a replace, a rename and a delete made through one show up on
// the other at its next version read (StateTTL negative: every request).
func TestTwoServersShareCubes(t *testing.T) {
	bases, stores := twoServers(t, func(d *web.Deps) { d.StateTTL = -1 })
	ctx := context.Background()
	commit := func(sha string, rows []model.FirmResponse, replace bool) {
		t.Helper()
		_, err := stores[0].Surveys.CommitImport(ctx, store.CommitInput{Wave: "W", Rows: rows, Replace: replace,
			Import: model.Import{FileName: sha + ".xlsx", Format: "xlsx", SHA256: sha}})
		if err != nil {
			t.Fatal(err)
		}
	}
	const fig = "/api/v1/figures/adoption-by-region"
	steps := []struct {
		name   string
		change func()
		path   string
		status int
		has    string
	}{
		{"commit", func() { commit("a", sharedRows("11", 6), false) }, fig, 200, `["11","서울",6,`},
		{"replace", func() { commit("b", sharedRows("26", 8), true) }, fig, 200, `["26","부산",8,50,`},
		{"rename", func() {
			if err := stores[0].Surveys.RenameWave(ctx, waveID(t, stores[0], "W"), "V"); err != nil {
				t.Fatal(err)
			}
		}, fig + "?wave=V", 200, `"wave":"V"`},
		{"delete", func() {
			if _, err := stores[0].Surveys.DeleteWave(ctx, waveID(t, stores[0], "V")); err != nil {
				t.Fatal(err)
			}
		}, fig, 404, `"error"`},
	}
	for _, step := range steps {
		step.change()
		for i, base := range bases {
			if res, body := get(t, base+step.path); res.StatusCode != step.status || !strings.Contains(body, step.has) {
				t.Errorf("after %s, server %d: GET %s = %d, want %d with %s; body %.300s",
					step.name, i, step.path, res.StatusCode, step.status, step.has, body)
			}
		}
	}
}

// waveID finds a wave's id by name.
func waveID(t *testing.T, s *store.DB, name string) int64 {
	t.Helper()
	w, err := s.Surveys.WaveByName(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return w.ID
}
