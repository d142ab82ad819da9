package web_test

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"axdash/app/store/storetest"
)

// TestAPIPage checks that the /api page shows, from the document, every
// figure with its downloads, a curl line and a sample answer, the filters
// with their codes and the error shape, in Korean.
func TestAPIPage(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "2026-H1", map[string]int{"11": 6, "26": 8})
	var list struct{ Figures []struct{ ID, Title string } }
	getJSON(t, ts.URL+"/api/v1/figures", &list)
	res, body := get(t, ts.URL+"/api")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /api = %d", res.StatusCode)
	}
	if n := strings.Count(body, "<summary>응답 예시"); n != len(list.Figures) {
		t.Errorf("/api shows %d sample answers, want one per figure (%d)", n, len(list.Figures))
	}
	if !strings.Contains(body, `<a href="/api/v1/openapi.json">`) {
		t.Error("/api does not link the document")
	}
	body = html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(body, ""))
	want := []string{"/api/v1/openapi.json", "GET /api/v1/waves", "GET /api/v1/figures ",
		"curl -s '" + ts.URL + "/api/v1/waves'", "11 서울", "응답 예시", `"error":`, "매개변수"}
	for _, f := range list.Figures {
		p := "/api/v1/figures/" + f.ID
		want = append(want, "GET "+p+" · "+f.Title, "curl -s '"+ts.URL+p+"?region=11'", "GET "+p+".csv", "GET "+p+".xlsx")
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("/api lacks %q", w)
		}
	}
}
