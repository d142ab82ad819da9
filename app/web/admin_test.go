package web_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

func TestAdminUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		base := authServer(t, s, nil, nil)
		admin := loginClient(t, base, "boss", newUser(t, s, "boss", model.RoleAdmin))
		me, _ := s.Accounts.UserByLogin(t.Context(), "boss")
		steps := []struct {
			name string
			path string
			form url.Values
			want int
			has  string
		}{
			{"add", "/admin/users", url.Values{"login": {"New.Analyst"}, "role": {"analyst"}, "password": {"long-enough-1"}}, see, ""},
			{"add again", "/admin/users", url.Values{"login": {"new.analyst"}, "role": {"viewer"}, "password": {"long-enough-1"}}, 409, "이미 있는 아이디"},
			{"short password", "/admin/users", url.Values{"login": {"x"}, "role": {"viewer"}, "password": {"short"}}, 400, "10자 이상"},
			{"bad login", "/admin/users", url.Values{"login": {"<b>"}, "role": {"viewer"}, "password": {"long-enough-1"}}, 400, "아이디는"},
			{"no role", "/admin/users", url.Values{"login": {"y"}, "password": {"long-enough-1"}}, 400, "역할을"},
			{"own role", fmt.Sprintf("/admin/users/%d/role", me.ID), url.Values{"role": {"viewer"}}, 409, "자기 계정"},
			{"disable self", fmt.Sprintf("/admin/users/%d/disable", me.ID), url.Values{}, 409, "자기 계정"},
		}
		for _, st := range steps {
			t.Run(st.name, func(t *testing.T) { postExpect(t, admin, base, st.path, st.form, st.want, st.has) })
		}
		u, err := s.Accounts.UserByLogin(t.Context(), "new.analyst")
		if err != nil || u.Role != model.RoleAnalyst {
			t.Fatalf("added user: %+v, %v", u, err)
		}
		analyst := loginClient(t, base, "new.analyst", "long-enough-1")
		id := fmt.Sprint(u.ID)
		postExpect(t, admin, base, "/admin/users/"+id+"/role", url.Values{"role": {"viewer"}}, see, "")
		postExpect(t, admin, base, "/admin/users/"+id+"/password", url.Values{"password": {"brand-new-pass-2"}}, see, "")
		if u, _ = s.Accounts.UserByLogin(t.Context(), "new.analyst"); u.Role != model.RoleViewer {
			t.Errorf("role after change: %s", u.Role)
		}
		// The reset ended the analyst's session; the new password works.
		if res, _ := analyst.Get(base + "/exemplars"); signedInAs(readBody(t, res)) != "" {
			t.Error("session survived the password reset")
		}
		viewer := loginClient(t, base, "new.analyst", "brand-new-pass-2")
		if res := postForm(t, admin, base, "/admin/users/"+id+"/disable", url.Values{}); res.StatusCode != see {
			t.Errorf("disable: %d", res.StatusCode)
		}
		if res, _ := viewer.Get(base + "/exemplars"); signedInAs(readBody(t, res)) != "" {
			t.Error("a disabled account's session still works")
		}
		res, _ := admin.Get(base + "/admin/users?done=disabled")
		if body := readBody(t, res); !strings.Contains(body, "사용 중지했습니다") || !strings.Contains(body, `data-login="new.analyst"`) {
			t.Errorf("users page after disabling: %.300s", body)
		}
		if res, _ := admin.Get(base + "/admin/users?done=%3Cscript%3E"); strings.Contains(readBody(t, res), "<script>") {
			t.Error("the notice reflects text from the URL")
		}
	})
}

func TestAdminWaves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		base := authServer(t, s, nil, nil)
		if _, err := commitRows(s, "W2", []model.FirmResponse{{Response: model.Response{FirmName: "기업", Region: "26",
			Industry: "C", Employees: 12, SizeBand: "10-49", Stage: "도입", Weight: 1}}}); err != nil {
			t.Fatal(err)
		}
		admin := loginClient(t, base, "boss", newUser(t, s, "boss", model.RoleAdmin))
		w, _ := s.Surveys.WaveByName(t.Context(), "W")
		id := fmt.Sprint(w.ID)
		if _, body := get(t, base+"/?wave=W"); !strings.Contains(body, ">W (n=") {
			t.Fatalf("dashboard does not offer wave W")
		}
		steps := []struct {
			path string
			form url.Values
			want int
			has  string
		}{
			{"/admin/waves/" + id + "/rename", url.Values{"name": {"W2"}}, 409, "이미 있습니다"},
			{"/admin/waves/" + id + "/rename", url.Values{"name": {" "}}, 400, "비어 있습니다"},
			{"/admin/waves/" + id + "/rename", url.Values{"name": {"2026 상반기"}}, see, ""},
			{"/admin/waves/" + id + "/delete", url.Values{"confirm": {"W"}}, 400, "똑같이 입력"},
		}
		for _, st := range steps {
			postExpect(t, admin, base, st.path, st.form, st.want, st.has)
		}
		// This process sees its own rename at once, cached pages included.
		if _, body := get(t, base+"/"); !strings.Contains(body, "2026 상반기 (n=") || strings.Contains(body, ">W (n=") {
			t.Errorf("dashboard after rename does not show the new name")
		}
		if res := postForm(t, admin, base, "/admin/waves/"+id+"/delete", url.Values{"confirm": {"2026 상반기"}}); res.StatusCode != see {
			t.Fatalf("delete: %d", res.StatusCode)
		}
		if res, _ := get(t, base+"/api/v1/figures/adoption-by-region?wave=2026%20상반기"); res.StatusCode != 404 {
			t.Errorf("deleted wave still answers: %d", res.StatusCode)
		}
		if states, _ := s.Surveys.WaveStates(t.Context()); len(states) != 1 || states[0].Name != "W2" {
			t.Errorf("waves after delete: %+v", states)
		}
	})
}

// postExpect posts a form (with the client's CSRF token) and checks the
// status and that the body contains has.
func postExpect(t *testing.T, c *http.Client, base, path string, form url.Values, want int, has string) {
	t.Helper()
	f := url.Values{"_csrf": {csrfToken(t, c, base)}}
	for k, v := range form {
		f[k] = v
	}
	res, err := c.PostForm(base+path, f)
	if err != nil {
		t.Fatal(err)
	}
	if body := readBody(t, res); res.StatusCode != want || !strings.Contains(body, has) {
		t.Errorf("POST %s %v: %d, want %d with %q; %.200s", path, form, res.StatusCode, want, has, body)
	}
}

// uploadBoundary posts a GeoJSON file to the admin page.
func uploadBoundary(t *testing.T, c *http.Client, base, content string) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("_csrf", csrfToken(t, c, base))
	fw, _ := mw.CreateFormFile("file", "sido.geojson")
	_, _ = fw.Write([]byte(content))
	_ = mw.Close()
	res, err := c.Post(base+"/admin/boundary", mw.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	return res, readBody(t, res)
}

const sidoGeoJSON = `{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"CTP_KOR_NM":"서울특별시"},"geometry":{"type":"Polygon","coordinates":[[[126.8,37.4],[127.1,37.4],[127.1,37.7],[126.8,37.4]]]}},
 {"type":"Feature","properties":{"name":"Atlantis"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}`

func TestAdminBoundary(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		base := authServer(t, s, nil, nil)
		admin := loginClient(t, base, "boss", newUser(t, s, "boss", model.RoleAdmin))
		tests := []struct {
			name, content string
			want          int
			has           string
		}{
			{"not json", "hello", 400, "FeatureCollection이 아닙니다"},
			{"a feature", `{"type":"Feature"}`, 400, "FeatureCollection이 아닙니다"},
			{"nothing matches", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Atlantis"}}]}`, 400, "맞는 것이 없습니다"},
			{"a 시도 layer", sidoGeoJSON, see, ""},
		}
		for _, tt := range tests {
			if res, body := uploadBoundary(t, admin, base, tt.content); res.StatusCode != tt.want || !strings.Contains(body, tt.has) {
				t.Errorf("%s: %d, want %d with %q", tt.name, res.StatusCode, tt.want, tt.has)
			}
		}
		res, body := get(t, base+"/maps/kr-sido.geojson")
		if res.StatusCode != 200 || !strings.Contains(body, `"name":"서울"`) || res.Header.Get("ETag") == "" {
			t.Errorf("stored map served: %d %q %.200s", res.StatusCode, res.Header.Get("ETag"), body)
		}
		if _, page := get(t, base+"/"); !strings.Contains(page, `<meta name="axdash-boundary"`) || !strings.Contains(page, `"map":"kr-sido"`) {
			t.Error("the dashboard does not use the uploaded map")
		}
		res, _ = admin.Get(base + "/admin/boundary")
		if body := readBody(t, res); !strings.Contains(body, "도형 2개 중 1개가 시도와 맞음") || !strings.Contains(body, "boss") {
			t.Errorf("boundary page state: %.400s", body)
		}
		if res := postForm(t, admin, base, "/admin/boundary/delete", url.Values{}); res.StatusCode != see {
			t.Errorf("remove: %d", res.StatusCode)
		}
		if res, _ := get(t, base+"/maps/kr-sido.geojson"); res.StatusCode != 404 {
			t.Errorf("removed map still served: %d", res.StatusCode)
		}
		if _, page := get(t, base+"/"); strings.Contains(page, `"map":"kr-sido"`) {
			t.Error("the cached dashboard still draws the removed map")
		}
	})
}

func TestBodyLimit(t *testing.T) {
	s := storetest.SQLite(t)
	base := authServer(t, s, nil, nil)
	admin := loginClient(t, base, "boss", newUser(t, s, "boss", model.RoleAdmin))
	big := strings.Repeat("x", 1<<20+1)
	res, err := admin.PostForm(base+"/login", url.Values{"login": {big}})
	if err != nil {
		t.Fatal(err)
	}
	if body := readBody(t, res); res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "요청이 너무 큽니다") {
		t.Errorf("a 1 MiB form: %d", res.StatusCode)
	}
	// The boundary upload has its own, larger limit.
	padded := strings.Replace(sidoGeoJSON, `"Atlantis"`, `"`+strings.Repeat("A", 2<<20)+`"`, 1)
	if res, _ := uploadBoundary(t, admin, base, padded); res.StatusCode != see {
		t.Errorf("a 2 MiB boundary map: %d, want 303", res.StatusCode)
	}
}

// TestSecurityHeaders: the sign-in and admin pages carry the same strict
// headers as the dashboard and are never stored by a cache; an anonymous
// dashboard page may be.
func TestSecurityHeaders(t *testing.T) {
	s := storetest.SQLite(t)
	base := authServer(t, s, nil, nil)
	admin := loginClient(t, base, "boss", newUser(t, s, "boss", model.RoleAdmin))
	anon := newClient(t)
	tests := []struct {
		c       *http.Client
		path    string
		noStore bool
	}{
		{anon, "/login", true},
		{anon, "/", false},
		{admin, "/", true},
		{admin, "/admin/users", true},
		{admin, "/admin/waves", true},
		{admin, "/admin/boundary", true},
		{admin, "/api/v1/waves", true},
	}
	for _, tt := range tests {
		res, err := tt.c.Get(base + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body := readBody(t, res)
		h := res.Header
		csp := h.Get("Content-Security-Policy")
		if res.StatusCode != 200 || !strings.Contains(csp, "script-src 'self';") ||
			!strings.Contains(csp, "frame-ancestors 'none'") || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Referrer-Policy") != "same-origin" {
			t.Errorf("GET %s: %d, headers %v", tt.path, res.StatusCode, h)
		}
		if got := strings.Contains(h.Get("Cache-Control"), "no-store"); got != tt.noStore {
			t.Errorf("GET %s: Cache-Control %q, want no-store=%v", tt.path, h.Get("Cache-Control"), tt.noStore)
		}
		if strings.Contains(body, "<script>") {
			t.Errorf("GET %s has an inline script", tt.path)
		}
	}
}

// TestSecurityHeadersOnErrors: refusals and failures carry the same headers
// as pages, whichever layer answers (router, body limit, CSRF, role, API).
func TestSecurityHeadersOnErrors(t *testing.T) {
	s := storetest.SQLite(t)
	base := authServer(t, s, nil, nil)
	viewer := loginClient(t, base, "kim", newUser(t, s, "kim", model.RoleViewer))
	big := strings.NewReader("x=" + strings.Repeat("a", 2<<20))
	tests := []struct {
		name   string
		c      *http.Client
		method string
		path   string
		body   io.Reader
		want   int
	}{
		{"unknown page", newClient(t), http.MethodGet, "/no/such/page", nil, http.StatusNotFound},
		{"unknown figure", newClient(t), http.MethodGet, "/api/v1/figures/nope", nil, http.StatusNotFound},
		{"write to a probe", newClient(t), http.MethodPut, "/healthz", nil, http.StatusNotFound},
		{"no CSRF token", viewer, http.MethodPost, "/logout", strings.NewReader(""), http.StatusForbidden},
		{"role too low", viewer, http.MethodGet, "/admin/users", nil, http.StatusForbidden},
		{"body too large", viewer, http.MethodPost, "/logout", big, http.StatusRequestEntityTooLarge},
		{"missing static file", newClient(t), http.MethodGet, "/static/nope.js", nil, http.StatusNotFound},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, base+tt.path, tt.body)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := tt.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		readBody(t, res)
		h := res.Header
		if res.StatusCode != tt.want || !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") ||
			h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" ||
			h.Get("Referrer-Policy") != "same-origin" || h.Get("X-Request-Id") == "" {
			t.Errorf("%s: %d (want %d), headers %v", tt.name, res.StatusCode, tt.want, h)
		}
	}
}
