package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
	"axdash/charts"
	"axdash/configs"
	"axdash/static"
)

const hostile = `</script><script>window.pwned=1</script>__f__alert(1)__f__<img src=x onerror=alert(2)>`

// newServer serves a store holding one wave of n responses per region in
// regions; the first firm is an exemplar with a hostile name.
func newServer(t *testing.T, s *store.DB, wave string, regions map[string]int) *httptest.Server {
	t.Helper()
	return newServerWith(t, s, wave, regions, nil)
}

// newServerWith is newServer with a hook to adjust the server's deps.
func newServerWith(t *testing.T, s *store.DB, wave string, regions map[string]int, adjust func(*web.Deps)) *httptest.Server {
	t.Helper()
	var rows []model.FirmResponse
	for code, n := range regions {
		for i := 0; i < n; i++ {
			stage := "미도입"
			if i%2 == 0 {
				stage = "도입"
			}
			rows = append(rows, model.FirmResponse{Response: model.Response{FirmName: "기업", Region: code, Industry: "C",
				Employees: 12, SizeBand: "10-49", Stage: stage, Weight: 1, Sigungu: "중구"}})
		}
	}
	if len(rows) > 0 {
		rows[0].Response.FirmName, rows[0].Response.Exemplar, rows[0].Response.ExemplarNote = hostile, true, hostile
		rows[0].Response.ExemplarConsent = true
		rows[0].BusinessNo = "1248100998"
		if len(rows) > 1 { // a name with LIKE wildcards, for the search test
			rows[1].Response.FirmName, rows[1].Response.Exemplar = "100% 정밀_가공", true
			rows[1].Response.ExemplarConsent = true
		}
		if _, err := commitRows(s, wave, rows); err != nil {
			t.Fatal(err)
		}
	}
	deps := testDeps(t, s)
	if adjust != nil {
		adjust(&deps)
	}
	srv, err := web.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// commitRows stores rows as one import into wave, the way an import does.
func commitRows(s *store.DB, wave string, rows []model.FirmResponse) (*model.Import, error) {
	return s.Surveys.CommitImport(context.Background(), store.CommitInput{Wave: wave, Rows: rows,
		Import: model.Import{FileName: "t.xlsx", Format: "xlsx", SHA256: wave}})
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ts := newServer(t, s, "2026-H1", map[string]int{"11": 6, "26": 8, "50": 2})
		tests := []struct {
			path   string
			status int
			has    string
		}{
			{"/healthz", 200, `"database":"` + s.Ops.Dialect() + `"`},
			{"/api/v1/waves", 200, `"name":"2026-H1"`},
			{"/api/v1/figures", 200, `"id":"talent-gap-by-region"`},
			{"/api/v1/figures/adoption-by-region", 200, `["26","부산",8,50,`},
			{"/api/v1/figures/adoption-by-region", 200, `["11","서울",6,50,`},
			{"/api/v1/figures/adoption-by-region", 200, `["50","제주",null,null,null,null,null]`}, // n=2: withheld, n and interval too
			{"/api/v1/figures/adoption-by-region?wave=2026-H1&region=50", 200, `"filters":{"region":"50"}`},
			{"/api/v1/figures/adoption-by-region?wave=nope", 404, `"error"`},
			{"/api/v1/figures/nope", 404, `"error"`},
			{"/api/v1/figures/cost-by-size?region=99", 400, `region=99`},
			{"/api/v1/figures/cost-by-size?industry=c", 200, `"industry":"C"`},
			{"/api/v1/figures/cost-by-size?size=1-2", 400, `size=1-2`},
			{"/static/vendor/echarts/echarts.min.js", 200, "echarts"},
			{"/nope", 404, "오류 404"},
		}
		for _, tt := range tests {
			res, body := get(t, ts.URL+tt.path)
			if res.StatusCode != tt.status || !strings.Contains(body, tt.has) {
				t.Errorf("GET %s = %d, want %d containing %q; body %.300s", tt.path, res.StatusCode, tt.status, tt.has, body)
			}
		}
	})
}

func TestFigureJSONSuppression(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "W", map[string]int{"11": 6, "26": 8, "50": 2})
	res, body := get(t, ts.URL+"/api/v1/figures/adoption-by-region?wave=W")
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	var fig struct {
		N       int      `json:"n"`
		Columns []string `json:"columns"`
		Rows    [][]any  `json:"rows"`
		Status  []string `json:"status"`
	}
	if err := json.Unmarshal([]byte(body), &fig); err != nil {
		t.Fatal(err)
	}
	if len(fig.Status) != len(fig.Rows) || !strings.HasPrefix(fig.Status[16], charts.Withheld) || fig.Status[2] != charts.NoData {
		t.Errorf("status %q, want one per row, 제주 %s, 대구 %s", fig.Status, charts.Withheld, charts.NoData)
	}
	jeju := fig.Rows[16]
	if jeju[0] != "50" || jeju[2] != nil || jeju[3] != nil || jeju[4] != nil || jeju[5] != nil || jeju[6] != nil {
		t.Errorf("제주 with n=2 = %v, want n, the rate and its interval withheld (null)", jeju)
	}
	if fig.N != 14 || len(fig.Columns) != 7 {
		t.Errorf("n = %d, columns %v", fig.N, fig.Columns)
	}
}

func TestDashboardPage(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "2026-H1", map[string]int{"11": 6})
	res, body := get(t, ts.URL+"/")
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self';") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP = %q", csp)
	}
	for _, want := range []string{`id="chart-adoption-by-region"`, `id="chart-cost-by-size"`, `id="chart-talent-gap-by-region"`,
		`id="chart-exemplar-firms"`, `/static/vendor/echarts/echarts.min.js`, `<option value="2026-H1" selected>`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	for _, bad := range []string{"<script>window.pwned", "__f__", "<img src=x", "http://", "https://"} {
		if strings.Contains(body, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
}

func TestEmptyDashboard(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "W", nil)
	if res, body := get(t, ts.URL+"/"); res.StatusCode != 200 || !strings.Contains(body, "아직 가져온 조사 자료가 없습니다") {
		t.Errorf("empty dashboard = %d %.200s", res.StatusCode, body)
	}
	if res, _ := get(t, ts.URL+"/api/v1/figures/adoption-by-region"); res.StatusCode != 404 {
		t.Errorf("figure with no waves = %d, want 404", res.StatusCode)
	}
}

// testDeps wires a server over s with the default configuration, the
// embedded schema and a silent log.
func testDeps(tb testing.TB, s *store.DB) web.Deps {
	tb.Helper()
	cfg, err := configs.Load(func(string) string { return "" })
	if err != nil {
		tb.Fatal(err)
	}
	// The disclosure layer's thresholds without its noise, dominance rule
	// or rounding: these tests read exact numbers of the public view; the
	// protection itself is tested in app/disclosure and disclosure_test.go.
	cfg.Figures.Disclosure = configs.DisclosureConfig{MedianMin: 1}
	survey, regs, err := configs.LoadSchema()
	if err != nil {
		tb.Fatal(err)
	}
	return web.Deps{Stores: web.StoresOf(s), Catalogue: charts.New(survey, regs, cfg.Figures), Survey: survey, Regions: regs,
		Config: cfg, Static: static.FS(), Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}
