package web_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
)

// noRedirect returns redirects as they are.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func TestPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ts := newServer(t, s, "2026-H1", map[string]int{"11": 12, "26": 8, "41": 9})
		tests := []struct {
			path   string
			status int
			has    []string
		}{
			{"/", 200, []string{`id="kpi-adoption_rate"`, `id="chart-region-tiles"`, `href="/regions/11?wave=2026-H1"`, "이전 차수 없음"}},
			{"/?region=11&industry=C&size=10-49", 200, []string{`<option value="11" selected>`, `<option value="C" selected>`, "서울 · 제조업 · 10~49인"}},
			{"/figures/cost-by-region?wave=2026-H1", 200, []string{`id="chart-cost-by-region"`, "조사 차수</dt><dd>2026-H1", "/api/v1/figures/cost-by-region?wave=2026-H1"}},
			{"/figures/adoption-trend", 200, []string{`id="chart-adoption-trend"`, "<th scope=\"col\">조사 차수</th>"}},
			{"/figures/nope", 404, []string{"오류 404"}},
			{"/figures/barriers?region=99", 400, []string{"region=99"}},
			{"/regions/26", 200, []string{"부산 AI 도입 현황", `id="chart-region-compare"`, `id="chart-adoption-by-industry"`, "<th scope=\"row\">AI 도입률</th>"}},
			{"/regions/99", 404, []string{"오류 404"}},
			{"/exemplars", 200, []string{"124-81-*****", " 중구</td>", "2개 기업"}},
			{"/exemplars?q=100%25", 200, []string{"100% 정밀_가공", "1개 기업"}},
			{"/exemplars?q=%25", 200, []string{"1개 기업"}},                            // a literal %, not a wildcard
			{"/exemplars?q=%EC%A0%95%EB%B0%80%25%EA%B3%B5", 200, []string{"0개 기업"}}, // 정밀%공: % is no wildcard
			{"/exemplars?q=없는기업", 200, []string{"조건에 맞는 우수사례 기업이 없습니다", "0개 기업"}},
			// A page number whose offset would overflow is clamped, not wrapped.
			{"/exemplars?page=999999999999999999", 200, []string{"2개 기업", "조건에 맞는 우수사례 기업이 없습니다", `rel="prev"`}},
		}
		for _, tt := range tests {
			res, body := get(t, ts.URL+tt.path)
			if res.StatusCode != tt.status {
				t.Errorf("GET %s = %d, want %d: %.300s", tt.path, res.StatusCode, tt.status, body)
				continue
			}
			for _, want := range tt.has {
				if !strings.Contains(body, want) {
					t.Errorf("GET %s lacks %q", tt.path, want)
				}
			}
			for _, bad := range []string{"<script>window.pwned", "__f__", "<img src=x", "1248100998", "http://", "https://"} {
				if strings.Contains(body, bad) {
					t.Errorf("GET %s contains %q", tt.path, bad)
				}
			}
		}
	})
}

func TestRegionRedirectKeepsFilters(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "W", map[string]int{"11": 7})
	res, err := noRedirect.Get(ts.URL + "/regions?wave=W&region=41&industry=C&size=")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/regions/41?") ||
		!strings.Contains(loc, "industry=C") || !strings.Contains(loc, "wave=W") {
		t.Errorf("redirect = %d %q", res.StatusCode, loc)
	}
}

// TestFiguresFollowCommits checks that a cached figure is not served after
// new data arrives, whichever process stored it.
func TestFiguresFollowCommits(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServerWith(t, s, "W1", map[string]int{"11": 6}, func(d *web.Deps) { d.StateTTL = 50 * time.Millisecond })
	_, before := get(t, ts.URL+"/api/v1/figures/adoption-by-region")
	rows := []model.FirmResponse{}
	for i := 0; i < 10; i++ {
		rows = append(rows, model.FirmResponse{Response: model.Response{FirmName: "새 기업", Region: "26", Industry: "J",
			Employees: 3, SizeBand: "1-9", Stage: "확산", Weight: 2}})
	}
	if _, err := commitRows(s, "W2", rows); err != nil {
		t.Fatal(err)
	}
	time.Sleep(60 * time.Millisecond) // the server rereads wave versions after StateTTL
	_, after := get(t, ts.URL+"/api/v1/figures/adoption-by-region")
	if before == after || !strings.Contains(after, `"wave":"W2"`) || !strings.Contains(after, `["26","부산",10,100,`) {
		t.Errorf("after a commit the figure is %.300s", after)
	}
	_, waves := get(t, ts.URL+"/api/v1/waves")
	if !strings.Contains(waves, `"name":"W2","created_at"`) || !strings.Contains(waves, `"responses":10`) {
		t.Errorf("waves = %s", waves)
	}
}

func TestBoundaryMap(t *testing.T) {
	s := storetest.SQLite(t)
	geo := `{"type":"FeatureCollection","features":[
	 {"type":"Feature","properties":{"CTP_KOR_NM":"서울특별시","CTPRVN_CD":"11"},"geometry":{"type":"Polygon","coordinates":[[[126.8,37.4],[127.1,37.4],[127.1,37.7],[126.8,37.4]]]}},
	 {"type":"Feature","properties":{"name":"Busan"},"geometry":{"type":"Polygon","coordinates":[[[128.9,35.0],[129.2,35.0],[129.2,35.3],[128.9,35.0]]]}},
	 {"type":"Feature","properties":{"code":"50"},"geometry":{"type":"Polygon","coordinates":[[[126.2,33.2],[126.9,33.2],[126.9,33.5],[126.2,33.2]]]}}]}`
	path := filepath.Join(t.TempDir(), "sido.geojson")
	if err := os.WriteFile(path, []byte(geo), 0o600); err != nil {
		t.Fatal(err)
	}
	ts := newServerWith(t, s, "W", map[string]int{"11": 7, "26": 6}, func(d *web.Deps) { d.Config.Figures.BoundaryGeoJSON = path })
	res, body := get(t, ts.URL+"/maps/kr-sido.geojson")
	if res.StatusCode != 200 || !strings.Contains(body, `"name":"서울"`) || !strings.Contains(body, `"name":"부산"`) || !strings.Contains(body, `"name":"제주"`) {
		t.Errorf("boundary = %d %.400s", res.StatusCode, body)
	}
	_, page := get(t, ts.URL+"/")
	if !strings.Contains(page, `<meta name="axdash-boundary" content="/maps/kr-sido.geojson">`) ||
		!strings.Contains(page, `"map":"kr-sido"`) {
		t.Errorf("dashboard does not use the boundary map")
	}
	bad := filepath.Join(t.TempDir(), "bad.geojson")
	if err := os.WriteFile(bad, []byte(`{"type":"Feature"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	deps := testDeps(t, s)
	deps.Config.Figures.BoundaryGeoJSON = bad
	if _, err := web.New(deps); err == nil {
		t.Error("a file that is not a FeatureCollection was accepted")
	}
}

func TestNoBoundaryByDefault(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "W", map[string]int{"11": 7})
	if res, _ := get(t, ts.URL+"/maps/kr-sido.geojson"); res.StatusCode != 404 {
		t.Errorf("boundary without configuration = %d", res.StatusCode)
	}
}
