package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/configs/regionstest"
)

// Filters take a 시도 the way officials write it (old code, Korean or
// English name) and answer with its code; region pages redirect to the
// code's one URL; a wave that does not exist is named in the 404.
func TestRegionSpellingsAndUnknownWave(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ts := newServer(t, s, "2026-H1", map[string]int{"51": 6, "52": 6, "48": 6})
		noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		tests := []struct {
			path   string
			status int
			has    string // in the body, or the Location of a redirect
		}{
			{"/api/v1/figures/cost-by-size?region=42", 200, `"filters":{"region":"51"}`},
			{"/api/v1/figures/cost-by-size?region=45", 200, `"filters":{"region":"52"}`},
			{"/api/v1/figures/cost-by-size?region=%EA%B2%BD%EB%82%A8", 200, `"filters":{"region":"48"}`}, // 경남
			{"/api/v1/figures/cost-by-size?region=gangwon", 200, `"filters":{"region":"51"}`},
			{"/api/v1/figures/cost-by-size?region=99", 400, `region=99`},
			{"/api/v1/figures/cost-by-size.csv?region=42", 200, ""},
			{"/regions/51", 200, "강원"},
			{"/regions/42?wave=2026-H1", 301, "/regions/51?wave=2026-H1"},
			{"/regions/%EA%B2%BD%EB%82%A8", 301, "/regions/48"},
			{"/regions/99", 404, ""},
			{"/regions?region=42", 303, "/regions/51?"},
			{"/api/v1/figures/cost-by-size?wave=2099-H9", 404, `2099-H9`},
			{"/?wave=2099-H9", 404, `2099-H9`},
		}
		for _, tt := range tests {
			res, err := noFollow.Get(ts.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			body := readBody(t, res)
			if res.StatusCode >= 300 && res.StatusCode < 400 {
				body = res.Header.Get("Location")
			}
			if res.StatusCode != tt.status || !strings.Contains(body, tt.has) {
				t.Errorf("GET %s = %d %.300q, want %d with %q", tt.path, res.StatusCode, body, tt.status, tt.has)
			}
		}
	})
}

// TestRegionFilterSpellings: the region filter accepts every spelling of
// the shared list that the importer, the CLI and the boundary map accept,
// as the same region, and refuses the rest with a 400.
func TestRegionFilterSpellings(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "2026-H1", map[string]int{"11": 6, "48": 6})
	for _, sp := range regionstest.Spellings() {
		res, body := get(t, ts.URL+"/api/v1/figures/cost-by-size?region="+url.QueryEscape(sp.Text))
		switch {
		case sp.Code == "" && res.StatusCode != 400:
			t.Errorf("region=%q = %d, want 400", sp.Text, res.StatusCode)
		case sp.Code != "" && (res.StatusCode != 200 || !strings.Contains(body, `"filters":{"region":"`+sp.Code+`"}`)):
			t.Errorf("region=%q = %d %.200s, want region %s", sp.Text, res.StatusCode, body, sp.Code)
		}
	}
}

// Downloads keep a Korean wave name through filename* (RFC 6266), with
// the ASCII name beside it for old clients; ASCII names need no filename*.
func TestDownloadNamesKeepKorean(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "2026년 상반기", map[string]int{"11": 6, "26": 8})
	q := "?wave=" + url.QueryEscape("2026년 상반기")
	tests := []struct {
		path, want string
	}{
		{"/api/v1/figures/cost-by-size.csv" + q + "&size=300%2B",
			`attachment; filename="cost-by-size_2026-----_300-.csv"; filename*=UTF-8''cost-by-size_2026%EB%85%84-%EC%83%81%EB%B0%98%EA%B8%B0_300+.csv`},
		{"/api/v1/figures/barriers.xlsx" + q,
			`attachment; filename="barriers_2026-----.xlsx"; filename*=UTF-8''barriers_2026%EB%85%84-%EC%83%81%EB%B0%98%EA%B8%B0.xlsx`},
		{"/briefing.xlsx" + q + "&region=11",
			`attachment; filename="briefing_2026-----_11.xlsx"; filename*=UTF-8''briefing_2026%EB%85%84-%EC%83%81%EB%B0%98%EA%B8%B0_11.xlsx`},
	}
	for _, tt := range tests {
		res, _ := get(t, ts.URL+tt.path)
		if got := res.Header.Get("Content-Disposition"); res.StatusCode != 200 || got != tt.want {
			t.Errorf("GET %s = %d, Content-Disposition %q; want %q", tt.path, res.StatusCode, got, tt.want)
		}
	}
	plain := newServer(t, storetest.SQLite(t), "2026-H1", map[string]int{"11": 6})
	res, _ := get(t, plain.URL+"/api/v1/figures/barriers.csv")
	if got := res.Header.Get("Content-Disposition"); got != `attachment; filename="barriers_2026-H1.csv"` {
		t.Errorf("ASCII name: Content-Disposition %q", got)
	}
}

// An id that names no import job is a 404 with the same Korean message
// on every route, whether it is malformed or just unknown.
func TestUnknownImportJob(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "2026-H1", map[string]int{"11": 6})
	analyst := loginClient(t, ts.URL, "ana", newUser(t, s, "ana", model.RoleAnalyst))
	token := csrfToken(t, analyst, ts.URL)
	tests := []struct{ method, path string }{
		{"GET", "/api/v1/imports/999"},
		{"GET", "/api/v1/imports/abc"},
		{"GET", "/api/v1/imports/999/issues"},
		{"GET", "/api/v1/imports/999/annotated.xlsx"},
		{"POST", "/api/v1/imports/999/cancel"},
		{"POST", "/api/v1/imports/999/commit"},
	}
	for _, tt := range tests {
		code, body := call(t, analyst, tt.method, ts.URL+tt.path, token, nil)
		if code != http.StatusNotFound || !strings.Contains(body, "가져오기 작업을 찾을 수 없습니다") {
			t.Errorf("%s %s = %d %s", tt.method, tt.path, code, body)
		}
	}
}

// Echo's own errors (an unknown API route) answer JSON in Korean too.
func TestUnknownAPIRouteInKorean(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "2026-H1", map[string]int{"11": 6})
	for _, path := range []string{"/api/v1/nope", "/api/v2/figures"} {
		res, body := get(t, ts.URL+path)
		if res.StatusCode != http.StatusNotFound || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") ||
			!strings.Contains(body, "찾을 수 없습니다") {
			t.Errorf("GET %s = %d %s %s", path, res.StatusCode, res.Header.Get("Content-Type"), body)
		}
	}
}
