package web_test

import (
	"bytes"
	"context"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
	"axdash/app/report"
	"axdash/app/store/storetest"
	"axdash/app/web"
)

func TestBriefingPage(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "2026-H1", map[string]int{"11": 7, "26": 8, "48": 10})
	cases := []struct {
		query string
		has   []string
	}{
		{"", []string{"전국의 AI 도입률은", "chart-adoption-by-region", `data-renderer="svg"`, "/briefing.xlsx?wave=2026-H1",
			"출처:", "가중치", "공개하지 않"}},
		{"?wave=2026-H1&region=48", []string{"경남의 AI 도입률", "경남의 AI 도입률(50.0%)은 전국 평균과 통계적으로 유의한 차이가 없습니다.", "chart-adoption-by-industry", "경남 지역 중소기업"}},
	}
	for _, tc := range cases {
		res, body := get(t, ts.URL+"/briefing"+tc.query)
		if res.StatusCode != 200 {
			t.Fatalf("briefing%s = %d", tc.query, res.StatusCode)
		}
		for _, want := range tc.has {
			if !strings.Contains(body, want) {
				t.Errorf("briefing%s lacks %q", tc.query, want)
			}
		}
		for _, bad := range []string{"<script>window.pwned", "__f__", "http://", "https://"} {
			if strings.Contains(body, bad) {
				t.Errorf("briefing%s contains %q", tc.query, bad)
			}
		}
	}
	if res, _ := get(t, ts.URL+"/briefing?region=99"); res.StatusCode != 400 {
		t.Errorf("bad region = %d, want 400", res.StatusCode)
	}
}

func TestBriefingWorkbook(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "2026-H1", map[string]int{"11": 6, "26": 8, "48": 10})
	res, body := get(t, ts.URL+"/briefing.xlsx?region=48")
	if res.StatusCode != 200 {
		t.Fatalf("briefing.xlsx = %d %s", res.StatusCode, body)
	}
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="briefing_2026-H1_48.xlsx"` {
		t.Errorf("Content-Disposition = %q", cd)
	}
	x, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheets := x.GetSheetList()
	// The cover, then a sheet per briefing figure.
	if len(sheets) != 1+len(testDeps(t, s).Catalogue.BriefingFigures()) || sheets[0] != "요약" || sheets[1] != "시도별 AI 도입률" {
		t.Fatalf("sheets = %q", sheets)
	}
	rows, _ := x.GetRows("요약")
	joined := ""
	for _, r := range rows {
		joined += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"AI 도입률", "경남", "2026-H1"} {
		if !strings.Contains(joined, want) {
			t.Errorf("cover lacks %q:\n%s", want, joined)
		}
	}
}

func TestBriefingWithoutWaves(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "W", nil)
	if res, body := get(t, ts.URL+"/briefing"); res.StatusCode != 200 || !strings.Contains(body, "아직 가져온 조사 자료가 없습니다") {
		t.Errorf("empty briefing = %d %.200s", res.StatusCode, body)
	}
	for _, path := range []string{"/briefing.xlsx", "/api/v1/figures/barriers.csv"} {
		if res, _ := get(t, ts.URL+path); res.StatusCode != 404 {
			t.Errorf("GET %s with no waves = %d, want 404", path, res.StatusCode)
		}
	}
}

// TestBriefingHandlerServesThePage: the handler the PDF export prints from
// serves the very page GET /briefing answers for the same view (but for
// the visitor's session parts), and the assets the page loads.
func TestBriefingHandlerServesThePage(t *testing.T) {
	s := storetest.SQLite(t)
	if _, err := commitRows(s, "2025-H2", []model.FirmResponse{{Response: model.Response{FirmName: "기업", Region: "48",
		Industry: "C", Employees: 12, SizeBand: "10-49", Stage: "도입", Weight: 1, Sigungu: "중구"}}}); err != nil {
		t.Fatal(err)
	}
	ts := newServer(t, s, "2026-H1", map[string]int{"11": 7, "26": 8, "48": 10})
	deps := testDeps(t, s)
	rep := &report.Reporter{Catalogue: deps.Catalogue, Survey: deps.Survey, Regions: deps.Regions, Source: deps.Config.Figures.Source}
	waves, err := s.Surveys.WaveStates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	session := regexp.MustCompile(`<meta name="csrf-token" content="[^"]*">|<div class="session">.*?</div>|<!--axdash:session-[a-z]+-->`)
	for _, q := range []report.Query{{Wave: "2026-H1"}, {Wave: "2026-H1", Region: "48"}, {Wave: "2025-H2", Region: "경남"}} {
		v, err := rep.Resolve(waves, q)
		if err != nil {
			t.Fatal(err)
		}
		h, err := web.BriefingHandler(context.Background(), deps, v)
		if err != nil {
			t.Fatal(err)
		}
		printed := httptest.NewRecorder()
		h.ServeHTTP(printed, httptest.NewRequest("GET", "/briefing", nil))
		_, shown := get(t, ts.URL+"/briefing?"+url.Values{"wave": {q.Wave}, "region": {q.Region}}.Encode())
		got, want := session.ReplaceAllString(printed.Body.String(), ""), session.ReplaceAllString(shown, "")
		if printed.Code != 200 || got != want || !strings.Contains(got, `<article class="briefing"`) {
			t.Errorf("%+v: the printed page (%d, %d bytes) is not the page shown (%d bytes)", q, printed.Code, len(got), len(want))
		}
		assets := regexp.MustCompile(`(?:src|href)="(/static/[^"]+)"`).FindAllStringSubmatch(got, -1)
		if len(assets) == 0 {
			t.Errorf("%+v: the page loads no assets", q)
		}
		for _, asset := range assets {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", asset[1], nil))
			if rec.Code != 200 {
				t.Errorf("%s = %d", asset[1], rec.Code)
			}
		}
	}
}
