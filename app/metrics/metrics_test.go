package metrics_test

import (
	"database/sql"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"axdash/app/metrics"
)

func TestNilMetricsRecordNothing(t *testing.T) {
	var m *metrics.Metrics
	m.ObserveRequest("GET", "/", 200, time.Millisecond)
	m.ImportDone(metrics.OutcomeStored, 10, time.Second)
	m.WorkerPeak(1 << 20)
	m.FilesPurged(1, 10)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 404 || m.Registry() != nil {
		t.Errorf("nil metrics served %d", rec.Code)
	}
}

func TestRecordAndExpose(t *testing.T) {
	pool := sql.DBStats{MaxOpenConnections: 10, OpenConnections: 3, InUse: 1, Idle: 2, WaitCount: 7,
		WaitDuration: 1500 * time.Millisecond}
	m := metrics.New(func() sql.DBStats { return pool })
	m.ObserveRequest("GET", "/api/v1/figures/:id", 200, 3*time.Millisecond)
	m.ObserveRequest("GET", "/api/v1/figures/:id", 204, 3*time.Millisecond)
	m.ObserveRequest("GET", "/api/v1/figures/:id", 404, 3*time.Millisecond)
	m.ImportDone(metrics.OutcomeStored, 120, 2*time.Second)
	m.ImportDone(metrics.OutcomeStored, 80, time.Second)
	m.ImportDone(metrics.OutcomeRefused, 5, time.Second)
	m.WorkerPeak(40 << 20)
	m.WorkerPeak(90 << 20)
	m.FilesPurged(2, 3<<20)
	m.FilesPurged(1, 1<<20)

	tests := []struct {
		name   string
		series string // a line the exposition must hold
	}{
		{"requests by status class", `axdash_http_request_duration_seconds_count{method="GET",route="/api/v1/figures/:id",status="2xx"} 2`},
		{"4xx apart", `axdash_http_request_duration_seconds_count{method="GET",route="/api/v1/figures/:id",status="4xx"} 1`},
		{"stored imports", `axdash_imports_total{outcome="stored"} 2`},
		{"refused imports", `axdash_imports_total{outcome="refused"} 1`},
		{"rows by outcome", `axdash_import_rows_total{outcome="stored"} 200`},
		{"worker count", `axdash_parse_worker_max_rss_bytes_count 2`},
		{"latest worker peak", `axdash_parse_worker_last_max_rss_bytes 9.437184e+07`},
		{"purged files", `axdash_import_files_purged_total 3`},
		{"purged bytes", `axdash_import_file_bytes_purged_total 4.194304e+06`},
		{"pool in use", `axdash_db_in_use_connections 1`},
		{"pool waits", `axdash_db_wait_count_total 7`},
		{"pool wait time", `axdash_db_wait_duration_seconds_total 1.5`},
		{"go runtime", `go_goroutines `},
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, tt := range tests {
		if !strings.Contains(string(body), tt.series) {
			t.Errorf("%s: exposition lacks %q", tt.name, tt.series)
		}
	}
	pool.InUse = 4 // read at scrape time, not at New
	if n, err := testutil.GatherAndCount(m.Registry(), "axdash_db_in_use_connections"); err != nil || n != 1 {
		t.Fatalf("gather: %d %v", n, err)
	}
	if !strings.Contains(scrape(t, m), "axdash_db_in_use_connections 4") {
		t.Error("pool figures are not read at scrape time")
	}
}

func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	return rec.Body.String()
}
