package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
	"axdash/configs"
)

// outageBanner is the start of the pages' banner while the database is
// out of reach; the time of the last read follows.
const outageBanner = "데이터베이스 연결이 끊겨 마지막으로 확인한 자료를 보여 줍니다 ("

// outage is a database that a test can take out of reach and bring back.
type outage struct {
	st            *store.DB
	cut, restore  func()
	unreachableAs string // how the fault looks, for messages
}

// sqliteOutage moves the data folder away, as an unmounted or renamed
// volume would: every connection is opened afresh (a tiny
// conn_max_lifetime), so no open file handle keeps reading the moved file,
// and opening it fails (SQLITE_CANTOPEN) until the folder is back.
func sqliteOutage(t *testing.T) outage {
	dir := filepath.Join(t.TempDir(), "data")
	st := storetest.OpenLogged(t, configs.DatabaseConfig{DataDir: dir, MaxOpenConns: 4, ConnMaxLifetime: time.Nanosecond},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	move := func(from, to string) func() {
		return func() {
			if err := os.Rename(from, to); err != nil {
				t.Fatal(err)
			}
		}
	}
	return outage{st: st, cut: move(dir, dir+".away"), restore: move(dir+".away", dir), unreachableAs: "data folder moved away"}
}

// postgresOutage stops a throwaway cluster the test started (pg_ctl stop
// -m fast: sessions ended, new connections refused) and starts it again.
func postgresOutage(t *testing.T) outage {
	c := storetest.NewCluster(t)
	st := storetest.OpenLogged(t, configs.DatabaseConfig{URL: c.URL(), MaxOpenConns: 4, ConnectTimeout: 2 * time.Second},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	return outage{st: st, cut: c.Stop, restore: c.Start, unreachableAs: "cluster stopped"}
}

// TestOutageKeepsFigures takes the database out of reach under a running
// server: the figures stay up from memory with a banner (pages) or a header
// (JSON) naming the time of the last read, sign-in and uploads are refused
// with a Korean 503 and Retry-After, /readyz stays not-ready; once the
// database is back, everything recovers without a restart.
func TestOutageKeepsFigures(t *testing.T) {
	for _, tt := range []struct {
		name  string
		setUp func(*testing.T) outage
	}{
		{store.DialectSQLite, sqliteOutage},
		{store.DialectPostgres, postgresOutage},
	} {
		t.Run(tt.name, func(t *testing.T) { checkOutage(t, tt.setUp(t)) })
	}
}

func checkOutage(t *testing.T, o outage) {
	if _, err := commitRows(o.st, "2026-H1", sharedRows("11", 12)); err != nil {
		t.Fatal(err)
	}
	// Every request reads the wave states, so every one meets the outage.
	base := serveStore(t, o.st, func(d *web.Deps) { d.StateTTL = -1 }).URL
	pw := newUser(t, o.st, "ana", model.RoleAnalyst)
	analyst := loginClient(t, base, "ana", pw)
	visitor := newClient(t)
	token := csrfToken(t, analyst, base)
	before := time.Now()
	if res, body := fetch(t, visitor, base+"/"); res.StatusCode != http.StatusOK || strings.Contains(body, outageBanner) {
		t.Fatalf("before the outage: GET / = %d, banner %v", res.StatusCode, strings.Contains(body, outageBanner))
	}
	after := time.Now()
	o.cut()
	restored := false
	defer func() {
		if !restored {
			o.restore()
		}
	}()
	lastRead := []string{before.Format("15:04"), after.Format("15:04")}
	down := []struct {
		name   string
		client *http.Client
		path   string
		status int
		has    []string
	}{
		{"dashboard", visitor, "/", 200, []string{outageBanner}},
		{"figure page", visitor, "/figures/adoption-by-region", 200, []string{outageBanner}},
		{"figure API", visitor, "/api/v1/figures/adoption-by-region", 200, []string{`"11"`}},
		{"waves API", visitor, "/api/v1/waves", 200, []string{`"2026-H1"`}},
		{"signed in, a public page", analyst, "/", 200, []string{outageBanner}},
		{"signed in, an analyst's page", analyst, "/imports", 503, []string{"데이터베이스에 연결할 수 없어"}},
		{"readyz", visitor, "/readyz", 503, []string{`"unavailable"`}},
	}
	for _, d := range down {
		res, body := fetch(t, d.client, base+d.path)
		if res.StatusCode != d.status {
			t.Errorf("%s (%s): GET %s = %d, want %d; body %.300s", o.unreachableAs, d.name, d.path, res.StatusCode, d.status, body)
		}
		for _, want := range d.has {
			if !strings.Contains(body, want) {
				t.Errorf("%s (%s): GET %s lacks %q; body %.300s", o.unreachableAs, d.name, d.path, want, body)
			}
		}
		if d.status == http.StatusOK && !staleAsOf(res, body, lastRead) {
			t.Errorf("%s (%s): GET %s does not say the figures are from %v: header %q", o.unreachableAs, d.name, d.path,
				lastRead, res.Header.Get("X-Axdash-Stale"))
		}
		if d.status == http.StatusServiceUnavailable && d.path != "/readyz" && res.Header.Get("Retry-After") == "" {
			t.Errorf("%s (%s): 503 without Retry-After", o.unreachableAs, d.name)
		}
	}
	// Sign-in and upload are refused in Korean, with Retry-After.
	signIn := postForm(t, visitor, base, "/login", url.Values{"login": {"ana"}, "password": {pw}})
	if signIn.StatusCode != http.StatusServiceUnavailable || signIn.Header.Get("Retry-After") == "" {
		t.Errorf("%s: sign-in = %d (Retry-After %q), want 503", o.unreachableAs, signIn.StatusCode, signIn.Header.Get("Retry-After"))
	}
	if status, body := uploadAs(t, analyst, base, token, "2026-H2", "a.xlsx", []byte("PK")); status != http.StatusServiceUnavailable ||
		!strings.Contains(body, "자료 올리기는 연결이 돌아온 뒤") {
		t.Errorf("%s: upload = %d %s, want 503 in Korean", o.unreachableAs, status, body)
	}

	o.restore()
	restored = true
	up := []struct {
		client *http.Client
		path   string
	}{{visitor, "/"}, {analyst, "/imports"}, {visitor, "/readyz"}, {visitor, "/api/v1/figures/adoption-by-region"}}
	for _, u := range up {
		res, body := fetch(t, u.client, base+u.path)
		if res.StatusCode != http.StatusOK || strings.Contains(body, outageBanner) || res.Header.Get("X-Axdash-Stale") != "" {
			t.Errorf("after the %s is undone: GET %s = %d, banner %v, stale header %q; body %.300s", o.unreachableAs, u.path,
				res.StatusCode, strings.Contains(body, outageBanner), res.Header.Get("X-Axdash-Stale"), body)
		}
	}
	loginClient(t, base, "ana", pw)
}

// staleAsOf says the answer marks itself as built from the last read at
// one of the times in at (HH:MM; the read fell between two clock readings):
// the header always, and the banner on pages.
func staleAsOf(res *http.Response, body string, at []string) bool {
	h, err := time.Parse(time.RFC3339, res.Header.Get("X-Axdash-Stale"))
	if err != nil {
		return false
	}
	for _, hm := range at {
		if h.Local().Format("15:04") == hm &&
			(!strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || strings.Contains(body, outageBanner+hm+" 기준)")) {
			return true
		}
	}
	return false
}

// fetch GETs url with the client and reads the answer.
func fetch(t *testing.T, c *http.Client, url string) (*http.Response, string) {
	t.Helper()
	res, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	return res, readBody(t, res)
}
