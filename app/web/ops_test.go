package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"axdash/app/metrics"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
	"axdash/configs"
)

// readyCase opens a store in one state for /readyz.
type readyCase struct {
	name   string
	open   func(t *testing.T, cfg configs.DatabaseConfig) *store.DB
	status int
	has    string
}

func TestReadyz(t *testing.T) {
	files, _ := filepath.Glob("../store/migrations/*.sql")
	last := filepath.Base(files[len(files)-1])
	migrated := func(t *testing.T, cfg configs.DatabaseConfig) *store.DB {
		s := openStore(t, cfg)
		if err := s.Ops.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return s
	}
	cases := []readyCase{
		{"current", migrated, 200, `"migrations":` + itoa(len(files))},
		{"never migrated", openStore, 503, `migrations pending: 0001_`},
		{"missing its last migration", func(t *testing.T, cfg configs.DatabaseConfig) *store.DB {
			s := migrated(t, cfg)
			storetest.Exec(t, cfg, "DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)")
			return s
		}, 503, `"reason":"migrations pending: ` + last},
		{"database closed", func(t *testing.T, cfg configs.DatabaseConfig) *store.DB {
			s := migrated(t, cfg)
			_ = s.Close()
			return s
		}, 503, `"reason":"database unreachable"`},
	}
	for _, dialect := range []string{store.DialectSQLite, store.DialectPostgres} {
		for _, tc := range cases {
			t.Run(dialect+"/"+tc.name, func(t *testing.T) {
				cfg := configs.DatabaseConfig{DataDir: t.TempDir()}
				if dialect == store.DialectPostgres {
					cfg = configs.DatabaseConfig{URL: storetest.PostgresURL(t)}
				}
				s := tc.open(t, cfg)
				srv, err := web.New(testDeps(t, s))
				if err != nil {
					t.Fatal(err)
				}
				rec := httptest.NewRecorder()
				srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
				body := rec.Body.String()
				if rec.Code != tc.status || !strings.Contains(body, tc.has) || !strings.Contains(body, `"database":"`+dialect+`"`) {
					t.Errorf("/readyz = %d %s; want %d containing %s", rec.Code, body, tc.status, tc.has)
				}
			})
		}
	}
}

func openStore(t *testing.T, cfg configs.DatabaseConfig) *store.DB {
	t.Helper()
	s, err := store.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestRequestID(t *testing.T) {
	var logs bytes.Buffer
	s := storetest.SQLite(t)
	ts := newServerWith(t, s, "W", nil, func(d *web.Deps) { d.Log = slog.New(slog.NewTextHandler(&logs, nil)) })
	tests := []struct {
		name, sent string
		kept       bool
	}{
		{"none sent: generated", "", false},
		{"a proxy's id is kept", "req-7f3a.42:01", true},
		{"markup is replaced", "<script>alert(1)</script>", false},
		{"too long is replaced", strings.Repeat("a", 65), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs.Reset()
			req, _ := http.NewRequest("GET", ts.URL+"/healthz", nil)
			if tt.sent != "" {
				req.Header.Set("X-Request-Id", tt.sent)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			got := res.Header.Get("X-Request-Id")
			if (got == tt.sent) != tt.kept || len(got) < 8 || len(got) > 64 || strings.ContainsAny(got, "<>\" ") {
				t.Errorf("sent %q, echoed %q", tt.sent, got)
			}
			if line := logs.String(); !strings.Contains(line, "msg=request") || !strings.Contains(line, "request_id="+got) {
				t.Errorf("request log lacks the id %q: %s", got, line)
			}
		})
	}
}

func TestMetricsEndpoint(t *testing.T) {
	s := storetest.SQLite(t)
	newServerWith(t, s, "W", map[string]int{"11": 6}, nil) // stores the wave
	tests := []struct {
		name    string
		enabled bool
		allow   []string
		remote  string
		status  int
		header  string // a forwarding header, "Name: value"
		proxies []string
	}{
		{"loopback", true, nil, "127.0.0.1:5000", 200, "", nil},
		{"loopback v6", true, nil, "[::1]:5000", 200, "", nil},
		{"other host refused", true, nil, "203.0.113.9:5000", 403, "", nil},
		{"allowed network", true, []string{"203.0.113.0/24"}, "203.0.113.9:5000", 200, "", nil},
		{"allowed address", true, []string{"10.1.2.3"}, "10.1.2.3:5000", 200, "", nil},
		{"neighbour of an allowed address", true, []string{"10.1.2.3"}, "10.1.2.4:5000", 403, "", nil},
		{"disabled", false, nil, "127.0.0.1:5000", 404, "", nil},
		{"through an unconfigured local proxy", true, nil, "127.0.0.1:5000", 403, "X-Forwarded-For: 198.51.100.7", nil},
		{"through an unconfigured local proxy, X-Real-Ip", true, nil, "127.0.0.1:5000", 403, "X-Real-Ip: 198.51.100.7", nil},
		{"through a configured proxy, outside visitor", true, nil, "127.0.0.1:5000", 403, "X-Forwarded-For: 198.51.100.7", []string{"127.0.0.1/32"}},
		{"through a configured proxy, allowed scraper", true, []string{"10.1.2.3"}, "127.0.0.1:5000", 200, "X-Forwarded-For: 10.1.2.3", []string{"127.0.0.1/32"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			deps := testDeps(t, s)
			deps.Config.Metrics = configs.MetricsConfig{Enabled: tt.enabled, Allow: tt.allow}
			deps.Config.Server.TrustedProxies = tt.proxies
			deps.Metrics = metrics.New(s.Ops.Stats)
			srv, err := web.New(deps)
			if err != nil {
				t.Fatal(err)
			}
			for _, path := range []string{"/api/v1/figures/adoption-by-region?region=11", "/api/v1/figures/barriers", "/no/such/page"} {
				srv.Handler().ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
			}
			req := httptest.NewRequest("GET", "/metrics", nil)
			req.RemoteAddr = tt.remote
			if name, value, ok := strings.Cut(tt.header, ": "); ok {
				req.Header.Set(name, value)
			}
			rec := httptest.NewRecorder()
			srv.Handler().ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("GET /metrics from %s = %d, want %d", tt.remote, rec.Code, tt.status)
			}
			if tt.status != 200 {
				return
			}
			checkMetricsBody(t, rec.Body.String())
		})
	}
}

// checkMetricsBody wants the requests TestMetricsEndpoint made counted by
// route template, never by raw URL.
func checkMetricsBody(t *testing.T, body string) {
	t.Helper()
	for _, want := range []string{
		`axdash_http_request_duration_seconds_count{method="GET",route="/api/v1/figures/:id",status="2xx"} 2`,
		`axdash_http_request_duration_seconds_count{method="GET",route="unmatched",status="4xx"} 1`,
		`axdash_db_max_open_connections 4`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, "region=11") || strings.Contains(body, "/no/such/page") {
		t.Error("metrics carry raw URLs")
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestProbesWithoutSession: with a closed dashboard the operator's probes
// still answer without a session; a scraper or load balancer has none.
func TestProbesWithoutSession(t *testing.T) {
	s := storetest.SQLite(t)
	deps := testDeps(t, s)
	deps.Config.Auth.PublicDashboard = false
	deps.Metrics = metrics.New(s.Ops.Stats)
	srv, err := web.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200, "/metrics": 200, "/": 303} {
		req := httptest.NewRequest("GET", path, nil)
		req.RemoteAddr = "127.0.0.1:5000"
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("GET %s without a session = %d, want %d", path, rec.Code, want)
		}
	}
}
