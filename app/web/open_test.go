package web_test

import (
	"net/http"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
)

// openPaths are answers of the open API in each of its formats.
var openPaths = []string{"/api/v1/openapi.json", "/api/v1/waves", "/api/v1/figures",
	"/api/v1/figures/adoption-by-region?region=11", "/api/v1/figures/cost-by-size.csv", "/api/v1/figures/barriers.xlsx?size=10-49"}

// send sends a request with headers and returns the answer and its body.
func send(t *testing.T, c *http.Client, method, rawURL string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res, readBody(t, res)
}

// TestOpenAPIETag checks that every open answer carries an ETag, that
// If-None-Match with it (or a list holding it, weak or *) is answered 304
// without a body, and that any other tag gets the answer again.
func TestOpenAPIETag(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ts := newServer(t, s, "2026-H1", map[string]int{"11": 6, "26": 8})
		c := newClient(t)
		for _, path := range openPaths {
			first, body := send(t, c, http.MethodGet, ts.URL+path, nil)
			tag := first.Header.Get("ETag")
			if first.StatusCode != http.StatusOK || !strings.HasPrefix(tag, `"`) || body == "" {
				t.Fatalf("GET %s = %d with ETag %q, want 200 with a quoted tag", path, first.StatusCode, tag)
			}
			tests := []struct {
				ifNoneMatch string
				status      int
			}{
				{tag, http.StatusNotModified},
				{"W/" + tag, http.StatusNotModified},
				{`"other", ` + tag, http.StatusNotModified},
				{"*", http.StatusNotModified},
				{`"other"`, http.StatusOK},
				{strings.TrimSuffix(tag, `"`) + `x"`, http.StatusOK},
			}
			for _, tt := range tests {
				res, got := send(t, c, http.MethodGet, ts.URL+path, map[string]string{"If-None-Match": tt.ifNoneMatch})
				if res.StatusCode != tt.status {
					t.Errorf("GET %s If-None-Match %s = %d, want %d", path, tt.ifNoneMatch, res.StatusCode, tt.status)
				}
				if tt.status == http.StatusNotModified && (got != "" || res.Header.Get("ETag") != tag) {
					t.Errorf("GET %s 304: body %q, ETag %q, want none and %s", path, got, res.Header.Get("ETag"), tag)
				}
				// A workbook's bytes hold the time it was written: the tag,
				// not the bytes, says it is the same answer.
				if tt.status == http.StatusOK && (got == "" || res.Header.Get("ETag") != tag) {
					t.Errorf("GET %s If-None-Match %s: ETag %q and %d bytes, want %s and the answer",
						path, tt.ifNoneMatch, res.Header.Get("ETag"), len(got), tag)
				}
			}
		}
	})
}

// TestOpenAPIETagFollowsData checks that a tag stops matching once the
// answer changes: a new wave changes the wave list and the newest figure.
func TestOpenAPIETagFollowsData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		// Every request reads the wave states, so the new wave shows at once.
		ts := newServerWith(t, s, "2026-H1", map[string]int{"11": 6, "26": 8}, func(d *web.Deps) { d.StateTTL = -1 })
		c := newClient(t)
		paths := []string{"/api/v1/waves", "/api/v1/figures/adoption-by-region"}
		tags := map[string]string{}
		for _, p := range paths {
			res, _ := send(t, c, http.MethodGet, ts.URL+p, nil)
			tags[p] = res.Header.Get("ETag")
		}
		if _, err := commitRows(s, "2026-H2", sharedRows("11", 9)); err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			res, _ := send(t, c, http.MethodGet, ts.URL+p, map[string]string{"If-None-Match": tags[p]})
			if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == tags[p] {
				t.Errorf("GET %s after a new wave with the old tag = %d, ETag %q, want 200 and a new tag", p, res.StatusCode, res.Header.Get("ETag"))
			}
		}
	})
}

// TestOpenAPICORS checks that only the open API is readable cross-origin,
// and only without a session: an analyst's answer (the internal view) never
// carries Access-Control-Allow-Origin, nor does any internal route or page.
func TestOpenAPICORS(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ts := newServer(t, s, "2026-H1", map[string]int{"11": 6, "26": 8, "50": 2})
		pw := newUser(t, s, "analyst", model.RoleAnalyst)
		analyst := loginClient(t, ts.URL, "analyst", pw)
		stale := newClient(t)
		origin := map[string]string{"Origin": "https://hub.example.kr"}
		staleCookie := map[string]string{"Origin": "https://hub.example.kr", "Cookie": "axdash_session=gone"}
		tests := []struct {
			name         string
			client       *http.Client
			method, path string
			header       map[string]string
			status       int
			allow        string
		}{
			{"anonymous figure", stale, http.MethodGet, "/api/v1/figures/adoption-by-region", origin, 200, "*"},
			{"anonymous waves", stale, http.MethodGet, "/api/v1/waves", origin, 200, "*"},
			{"anonymous document", stale, http.MethodGet, "/api/v1/openapi.json", origin, 200, "*"},
			{"anonymous download", stale, http.MethodGet, "/api/v1/figures/use-areas.csv", origin, 200, "*"},
			{"anonymous error", stale, http.MethodGet, "/api/v1/figures/nope", origin, 404, "*"},
			{"anonymous head", stale, http.MethodHead, "/api/v1/figures/barriers.xlsx", origin, 200, "*"},
			{"preflight", stale, http.MethodOptions, "/api/v1/figures/adoption-by-region", origin, 204, "*"},
			{"analyst figure", analyst, http.MethodGet, "/api/v1/figures/adoption-by-region", origin, 200, ""},
			{"analyst waves", analyst, http.MethodGet, "/api/v1/waves", origin, 200, ""},
			{"analyst preflight", analyst, http.MethodOptions, "/api/v1/figures/adoption-by-region", origin, 204, ""},
			{"stale cookie", stale, http.MethodGet, "/api/v1/figures/adoption-by-region", staleCookie, 200, ""},
			{"internal route", stale, http.MethodGet, "/api/v1/imports", origin, 401, ""},
			{"analyst internal route", analyst, http.MethodGet, "/api/v1/imports", origin, 200, ""},
			{"page", stale, http.MethodGet, "/", origin, 200, ""},
			{"api page", stale, http.MethodGet, "/api", origin, 200, ""},
		}
		for _, tt := range tests {
			res, body := send(t, tt.client, tt.method, ts.URL+tt.path, tt.header)
			got := res.Header.Get("Access-Control-Allow-Origin")
			if res.StatusCode != tt.status || got != tt.allow {
				t.Errorf("%s: %s %s = %d with Access-Control-Allow-Origin %q, want %d and %q; %.200s",
					tt.name, tt.method, tt.path, res.StatusCode, got, tt.status, tt.allow, body)
			}
			if allowed := res.Header.Get("Access-Control-Allow-Headers"); tt.method == http.MethodOptions && (allowed == "") != (tt.allow == "") {
				t.Errorf("%s: preflight allows headers %q, want If-None-Match exactly when CORS is allowed", tt.name, allowed)
			}
			if tt.client == analyst && !strings.Contains(res.Header.Get("Cache-Control"), "no-store") {
				t.Errorf("%s: Cache-Control %q, want no-store", tt.name, res.Header.Get("Cache-Control"))
			}
		}
	})
}
