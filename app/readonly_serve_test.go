package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"axdash/app/store"
	"axdash/app/store/storetest"
)

// publicRefusal is what a read-only server answers on an internal route.
const publicRefusal = "이 서버는 공개용(읽기 전용)입니다. 로그인과 자료 올리기는 내부 서버에서 하세요."

// A real `serve --read-only` child starts on a database it may not write
// (SQLite opened mode=ro; on PostgreSQL a role that may only SELECT, with
// default_transaction_read_only on, as on a hot standby), so it starts
// without a write; then every public URL answers 200 (every figure as a
// page, JSON, CSV and XLSX, every region page, the briefing and its
// workbook, exemplars, the boundary map, static files and probes), and the
// internal side answers the Korean refusal.
func TestReadOnlyServe(t *testing.T) {
	eachDB(t, func(t *testing.T) {
		e, st := testEnvStore(t)
		if err := loadDemo(context.Background(), e, st.Surveys); err != nil {
			t.Fatalf("load the demo waves: %v", err)
		}
		roURL := os.Getenv("AXDASH_DATABASE_URL")
		if roURL != "" {
			roURL = storetest.ReadOnlyURL(t, roURL)
		}
		sp := startServe(t, []string{"AXDASH_DATABASE_URL=" + roURL, "AXDASH_BOUNDARY_GEOJSON=" + squaresGeoJSON(t)},
			"--read-only")
		checkDemoWaves(t, sp.base)
		paths := publicPaths(t, sp.base, e)
		for _, p := range paths {
			if status, body := fetch(t, http.MethodGet, sp.base+p); status != http.StatusOK {
				t.Errorf("GET %s = %d, want 200: %.300s", p, status, body)
			}
		}
		for _, r := range []struct{ method, path string }{
			{http.MethodGet, "/login"}, {http.MethodPost, "/login"}, {http.MethodPost, "/logout"},
			{http.MethodGet, "/imports"}, {http.MethodPost, "/api/v1/imports"}, {http.MethodGet, "/api/v1/imports"},
			{http.MethodGet, "/quality"}, {http.MethodGet, "/admin/users"}, {http.MethodPost, "/admin/waves/1/delete"},
		} {
			status, body := fetch(t, r.method, sp.base+r.path)
			if status != http.StatusForbidden || !strings.Contains(body, publicRefusal) {
				t.Errorf("%s %s = %d, want 403 with the public-server refusal: %.300s", r.method, r.path, status, body)
			}
		}
		// A job runner or purge would have tried its writes by now and
		// logged their failure; so would any request that tried one.
		if log := sp.log.String(); strings.Contains(log, "level=ERROR") {
			t.Errorf("the read-only server logged errors:\n%s", log)
		}
		t.Logf("%d public URLs answered", len(paths))
	})
}

// publicPaths lists the public side's URLs over the data the server holds.
func publicPaths(t *testing.T, base string, e *env) []string {
	t.Helper()
	var figs struct{ Figures []struct{ ID string } }
	getJSON(t, base+"/api/v1/figures", http.StatusOK, &figs)
	var waves struct{ Waves []struct{ Name string } }
	getJSON(t, base+"/api/v1/waves", http.StatusOK, &waves)
	if len(figs.Figures) == 0 || len(waves.Waves) == 0 {
		t.Fatalf("a read-only server lists %d figures and %d waves", len(figs.Figures), len(waves.Waves))
	}
	paths := []string{"/", "/healthz", "/readyz", "/static/css/axdash.css", "/static/js/axdash.js",
		"/exemplars", "/exemplars?q=" + url.QueryEscape("기업"), "/briefing", "/briefing.xlsx", "/maps/kr-sido.geojson",
		"/regions?region=11"}
	for _, w := range waves.Waves {
		q := "?wave=" + url.QueryEscape(w.Name)
		paths = append(paths, "/"+q, "/briefing"+q, "/briefing.xlsx"+q)
	}
	for _, f := range figs.Figures {
		paths = append(paths, "/figures/"+f.ID, "/api/v1/figures/"+f.ID, "/api/v1/figures/"+f.ID+".csv",
			"/api/v1/figures/"+f.ID+".xlsx")
	}
	for _, r := range e.regions.Regions {
		paths = append(paths, "/regions/"+r.Code, "/api/v1/figures/adoption-by-industry?region="+r.Code)
	}
	return paths
}

// fetch sends one request (a form body when unsafe), following redirects.
func fetch(t *testing.T, method, u string) (int, string) {
	t.Helper()
	var body io.Reader
	if method != http.MethodGet {
		body = strings.NewReader("a=1")
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// A read-only server runs no migrations, so it refuses to start on a
// database whose schema is not the binary's, naming both versions; and it
// writes nothing, so --demo with it is a usage error.
func TestReadOnlyServeRefuses(t *testing.T) {
	latest, err := store.LatestSchemaVersion()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		change   string // SQL run on the migrated database first
		args     []string
		wantCode int
		want     []string
	}{
		{"schema behind", "DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)",
			[]string{"--read-only"}, exitRefused, []string{"버전", "낮습니다", "axdash migrate", strconv.Itoa(latest)}},
		{"demo", "", []string{"--read-only", "--demo"}, exitUsage, []string{"--demo", "읽기 전용"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eachDB(t, func(t *testing.T) {
				e, st := testEnvStore(t)
				_ = st.Close()
				if tt.change != "" {
					storetest.Exec(t, e.cfg.Database, tt.change)
				}
				code, _, stderr := cli(t, append([]string{"serve", "--addr", "127.0.0.1:0"}, tt.args...)...)
				if code != tt.wantCode {
					t.Fatalf("serve %v = exit %d, want %d; stderr: %s", tt.args, code, tt.wantCode, stderr)
				}
				for _, w := range tt.want {
					if !strings.Contains(stderr, w) {
						t.Errorf("serve %v: stderr does not say %q: %s", tt.args, w, stderr)
					}
				}
			})
		})
	}
}
