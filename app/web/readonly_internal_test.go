package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"axdash/app/auth"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/charts"
	"axdash/configs"
	"axdash/static"
)

// roRefusal is what a public server answers on an internal route.
const roRefusal = "이 서버는 공개용(읽기 전용)입니다. 로그인과 자료 올리기는 내부 서버에서 하세요."

// On a read-only (public) server every route of the table is either public
// and served, or internal (a role, an upload, sign-in, any write) and
// refused with the Korean page, JSON under /api; walking the route table
// itself means a route added later is covered too. The database is the
// read-only one a public server has, so any write on the way fails.
func TestReadOnlyRouteTable(t *testing.T) {
	storetest.EachReadOnly(t, func(t *testing.T, rw, ro *store.DB) {
		seedWave(t, rw)
		s, ts := readOnlyServer(t, ro)
		for _, r := range s.e.Routes() {
			method, path := r.Method, samplePath(r.Path)
			if method == echo.RouteNotFound {
				method = http.MethodGet
			}
			a, ok := s.access[routeKey(r.Method, r.Path)]
			internal := ok && a.internal || !isSafeMethod(method)
			status, body := roRequest(t, ts.URL, method, path, nil)
			switch {
			case internal && (status != http.StatusForbidden || !strings.Contains(body, roRefusal)):
				t.Errorf("%s %s (internal) = %d %.200q, want 403 with the public-server refusal", method, path, status, body)
			case internal && isAPI(path) && !json.Valid([]byte(body)):
				t.Errorf("%s %s refused with a page, want JSON under /api: %.200q", method, path, body)
			case !internal && (status == http.StatusForbidden || status >= 500):
				t.Errorf("%s %s (public) = %d %.200q, want it served", method, path, status, body)
			}
		}
	})
}

// A public server has no sign-in: its pages offer none, and a session
// cookie of the internal servers (the sessions table is replicated) is
// ignored rather than looked up and touched, which would be a write.
func TestReadOnlyPagesHaveNoSignIn(t *testing.T) {
	storetest.EachReadOnly(t, func(t *testing.T, rw, ro *store.DB) {
		seedWave(t, rw)
		ctx, token := context.Background(), "internal-session-token"
		u, err := rw.Accounts.CreateUser(ctx, "analyst1", model.RoleAnalyst, "x", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		// Seen an hour ago: a writable server would touch last_seen_at.
		lim := store.SessionLimits{Idle: 2 * time.Hour, MaxAge: 12 * time.Hour}
		if err := rw.Accounts.CreateSession(ctx, auth.HashToken(token), u.ID, lim, time.Now().Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		_, ts := readOnlyServer(t, ro)
		for _, cookie := range []*http.Cookie{nil, {Name: sessionCookie, Value: token}} {
			status, body := roRequest(t, ts.URL, http.MethodGet, "/", cookie)
			if status != http.StatusOK || strings.Contains(body, `href="/login"`) || strings.Contains(body, "analyst1") {
				t.Errorf("GET / with cookie %v = %d; want 200 with no sign-in link and no account: %.300q", cookie, status, body)
			}
		}
	})
}

// seedWave stores one small wave through the writable store.
func seedWave(t *testing.T, rw *store.DB) {
	t.Helper()
	var rows []model.FirmResponse
	for i := range 24 {
		stage := model.Stages[i%len(model.Stages)]
		rows = append(rows, model.FirmResponse{Response: model.Response{FirmName: "기업", Region: []string{"11", "26"}[i%2],
			Industry: "C", Employees: 12, SizeBand: "10-49", Stage: stage, Weight: 1, Sigungu: "중구", Exemplar: i == 0}})
	}
	if _, err := rw.Surveys.CommitImport(context.Background(), store.CommitInput{Wave: "2026-H1", Rows: rows,
		Import: model.Import{FileName: "t.xlsx", Format: "xlsx", SHA256: "ro", Rows: len(rows), Valid: len(rows)}}); err != nil {
		t.Fatal(err)
	}
}

// readOnlyServer serves ro as `serve --read-only` does, with the default
// configuration otherwise.
func readOnlyServer(t *testing.T, ro *store.DB) (*Server, *httptest.Server) {
	t.Helper()
	cfg, err := configs.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.Database.ReadOnly = true
	survey, regs, err := configs.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Deps{Stores: StoresOf(ro), Catalogue: charts.New(survey, regs, cfg.Figures), Survey: survey, Regions: regs,
		Config: cfg, Static: static.FS(), Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

// samplePath fills a route's parameters with plausible values.
func samplePath(route string) string {
	parts := strings.Split(route, "/")
	for i, p := range parts {
		switch {
		case p == "*":
			parts[i] = "x"
		case p == ":code":
			parts[i] = "11"
		case strings.HasPrefix(p, ":"):
			parts[i] = "1"
		}
	}
	return strings.Join(parts, "/")
}

// roRequest sends one request without following redirects; an unsafe one
// carries a form body, as a browser's would.
func roRequest(t *testing.T, base, method, path string, cookie *http.Cookie) (int, string) {
	t.Helper()
	var body io.Reader
	if !isSafeMethod(method) {
		body = strings.NewReader("a=1")
	}
	req, err := http.NewRequest(method, base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationForm)
	}
	if cookie != nil {
		req.AddCookie(cookie)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}
