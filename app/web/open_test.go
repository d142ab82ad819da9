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

// TestOpenAPIETagFollowsData checks that every tag is the hash of the
// bytes sent, whether the answer was just built or comes again from the
// result cache (or was made at start), so that a tag kept with cached
// bytes can be neither wrong nor stale; that the cached answer is 304 to
// its tag; and that a new wave, which changes the wave list and the
// newest figure, gives new bytes and a new tag while the rest keep theirs.
func TestOpenAPIETagFollowsData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		// Every request reads the wave states, so the new wave shows at once.
		ts := newServerWith(t, s, "2026-H1", map[string]int{"11": 6, "26": 8}, func(d *web.Deps) { d.StateTTL = -1 })
		c := newClient(t)
		// fetch GETs path and checks that the tag is the body's hash.
		fetch := func(path string, header map[string]string) (int, string, string) {
			t.Helper()
			res, body := send(t, c, http.MethodGet, ts.URL+path, header)
			tag := res.Header.Get("ETag")
			if res.StatusCode == http.StatusOK && tag != web.ETagOf([]byte(body)) {
				t.Errorf("GET %s: ETag %s, want the hash of the body sent, %s", path, tag, web.ETagOf([]byte(body)))
			}
			return res.StatusCode, tag, body
		}
		tests := []struct {
			path    string
			changes bool // by the new wave
		}{
			{"/api/v1/openapi.json", false},
			{"/api/v1/waves", true},
			{"/api/v1/figures/adoption-by-region", true},
			{"/api/v1/figures/adoption-by-region?region=11", true},
			{"/api/v1/figures/cost-by-size?size=10-49", true},
		}
		tags := map[string]string{}
		for _, tt := range tests {
			_, built, body := fetch(tt.path, nil)
			_, cached, again := fetch(tt.path, nil)
			if cached != built || again != body {
				t.Errorf("GET %s again: ETag %s and %d bytes, want %s and the same %d bytes", tt.path, cached, len(again), built, len(body))
			}
			if status, tag, got := fetch(tt.path, map[string]string{"If-None-Match": cached}); status != http.StatusNotModified || tag != cached || got != "" {
				t.Errorf("GET %s If-None-Match its tag = %d, ETag %s, %d bytes; want 304 with %s and no body", tt.path, status, tag, len(got), cached)
			}
			tags[tt.path] = cached
		}
		if _, err := commitRows(s, "2026-H2", sharedRows("11", 9)); err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			want := http.StatusNotModified
			if tt.changes {
				want = http.StatusOK
			}
			status, tag, _ := fetch(tt.path, map[string]string{"If-None-Match": tags[tt.path]})
			if status != want || (tag == tags[tt.path]) != !tt.changes {
				t.Errorf("GET %s after a new wave with the old tag = %d, ETag %s (was %s), want %d", tt.path, status, tag, tags[tt.path], want)
			}
			if _, cached, _ := fetch(tt.path, nil); cached != tag {
				t.Errorf("GET %s after a new wave, again: ETag %s, want %s", tt.path, cached, tag)
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
