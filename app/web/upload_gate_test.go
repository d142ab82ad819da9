package web_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
)

// gateServer builds one server without survey data and returns its
// handler, for requests made in process, and its URL, for signing in over
// HTTP.
func gateServer(t *testing.T, s *store.DB, adjust func(*web.Deps)) (http.Handler, string) {
	t.Helper()
	ts := newServerWith(t, s, "", nil, func(d *web.Deps) {
		cfg := *d.Config
		d.Config = &cfg
		if adjust != nil {
			adjust(d)
		}
	})
	return ts.Config.Handler, ts.URL
}

// caller is a browser as an in-process request carries it: its session
// cookie and CSRF token; the zero caller is a stranger.
type caller struct{ session, token string }

func signedInCaller(t *testing.T, s *store.DB, base, login string, role model.Role) caller {
	t.Helper()
	c := loginClient(t, base, login, newUser(t, s, login, role))
	return caller{session: sessionCookieOf(c, base), token: csrfToken(t, c, base)}
}

// request is a request with the caller's session cookie, and its CSRF
// header when header is set.
func (cl caller) request(method, target, ctype string, body io.Reader, header bool) *http.Request {
	req := httptest.NewRequest(method, target, body)
	req.Header.Set("Content-Type", ctype)
	if cl.session != "" {
		req.AddCookie(&http.Cookie{Name: "axdash_session", Value: cl.session})
	}
	if header {
		req.Header.Set("X-CSRF-Token", cl.token)
	}
	return req
}

// formPart is one part of a test upload; a file part has its file name
// as value and comes last.
type formPart struct {
	name, value string
	file        bool
}

// countedUpload is a multipart upload read from its parts, the file's
// content and the closing boundary as the server asks, so that a test can
// send tens of megabytes without holding them; read counts the bytes the
// server took.
type countedUpload struct {
	r    io.Reader
	read int64
}

func newUpload(t *testing.T, parts []formPart, content io.Reader) (*countedUpload, string) {
	t.Helper()
	var head bytes.Buffer
	w := multipart.NewWriter(&head)
	for _, p := range parts {
		var err error
		if p.file {
			_, err = w.CreateFormFile(p.name, p.value)
		} else {
			err = w.WriteField(p.name, p.value)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	tail := "\r\n--" + w.Boundary() + "--\r\n"
	return &countedUpload{r: io.MultiReader(&head, content, strings.NewReader(tail))}, w.FormDataContentType()
}

func (u *countedUpload) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	u.read += int64(n)
	return n, err
}

// zeros is an endless run of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

const hugeUpload = 31 << 20

// TestRefusedUploadsAreNotRead: a caller a file route refuses is answered
// from the headers, before a byte of its 31 MiB body is read: strangers
// are sent to sign in (pages) or get 401 (API), a role too low gets 403,
// whether or not the dashboard is public.
func TestRefusedUploadsAreNotRead(t *testing.T) {
	for _, public := range []bool{true, false} {
		t.Run(fmt.Sprintf("public_dashboard=%v", public), func(t *testing.T) {
			s := storetest.SQLite(t)
			h, base := gateServer(t, s, func(d *web.Deps) { d.Config.Auth.PublicDashboard = public })
			callers := map[string]caller{"anonymous": {},
				"viewer":  signedInCaller(t, s, base, "viewer1", model.RoleViewer),
				"analyst": signedInCaller(t, s, base, "analyst1", model.RoleAnalyst)}
			tests := []struct {
				path, who string
				want      int
				says      string
			}{
				{"/admin/boundary", "anonymous", http.StatusSeeOther, "/login?next=" + url.QueryEscape("/admin/boundary")},
				{"/admin/boundary", "viewer", http.StatusForbidden, "권한이 없습니다"},
				{"/admin/boundary", "analyst", http.StatusForbidden, "권한이 없습니다"},
				{"/api/v1/imports", "anonymous", http.StatusUnauthorized, "로그인이 필요합니다"},
				{"/api/v1/imports", "viewer", http.StatusForbidden, "권한이 없습니다"},
			}
			for _, tt := range tests {
				body, ctype := newUpload(t, []formPart{{"_csrf", callers[tt.who].token, false},
					{"wave", "W9", false}, {"file", "big.xlsx", true}}, io.LimitReader(zeros{}, hugeUpload))
				req := callers[tt.who].request(http.MethodPost, tt.path, ctype, body, true)
				req.ContentLength = hugeUpload
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				said := rec.Body.String() + rec.Header().Get("Location")
				if rec.Code != tt.want || !strings.Contains(said, tt.says) {
					t.Errorf("%s as %s: %d %.200s, want %d with %q", tt.path, tt.who, rec.Code, said, tt.want, tt.says)
				}
				if body.read != 0 {
					t.Errorf("%s as %s: the server read %d bytes of the refused body", tt.path, tt.who, body.read)
				}
			}
		})
	}
}

// TestCSRFMultipartUpload: a form's upload carries its token as the first
// parts of the multipart body, read while streaming; without a valid one
// before the file (or with one only in the query string) it is refused
// having read a few kilobytes of 31 MiB, never spooling the file. The
// import upload, an API route, takes its token from the header only; a
// route that takes no upload refuses a multipart body unread.
func TestCSRFMultipartUpload(t *testing.T) {
	s := storetest.SQLite(t)
	h, base := gateServer(t, s, nil)
	admin := signedInCaller(t, s, base, "boss", model.RoleAdmin)
	ana := signedInCaller(t, s, base, "ana", model.RoleAnalyst)
	file := formPart{"file", "sido.geojson", true}
	var many []formPart
	for i := range 9 {
		many = append(many, formPart{fmt.Sprintf("f%d", i), "x", false})
	}
	const unread = 64 << 10 // what a refusal may read: the parts before the file
	tests := []struct {
		name          string
		who           caller
		target        string
		header        bool
		parts         []formPart
		huge          bool // the file is 31 MiB of zeros, else a valid map
		want, maxRead int  // maxRead < 0: not checked
	}{
		{"_csrf first", admin, "/admin/boundary", false, []formPart{{"_csrf", admin.token, false}, file}, false, see, -1},
		{"a field, _csrf, the file", admin, "/admin/boundary", false, []formPart{{"note", "x", false}, {"_csrf", admin.token, false}, file}, false, see, -1},
		{"the file before any _csrf", admin, "/admin/boundary", false, []formPart{file}, true, forbidden, unread},
		{"a wrong _csrf first", admin, "/admin/boundary", false, []formPart{{"_csrf", ana.token, false}, file}, true, forbidden, unread},
		{"_csrf after nine fields", admin, "/admin/boundary", false, append(many, formPart{"_csrf", admin.token, false}, file), true, forbidden, unread},
		{"_csrf in the query string", admin, "/admin/boundary?_csrf=" + url.QueryEscape(admin.token), false, []formPart{file}, true, forbidden, unread},
		{"import upload, header", ana, "/api/v1/imports", true, []formPart{{"wave", "W2", false}, {"file", "a.xlsx", true}}, false, http.StatusAccepted, -1},
		{"multipart to a form route", admin, "/admin/boundary/delete", true, []formPart{{"_csrf", admin.token, false}, file}, true, http.StatusUnsupportedMediaType, 0},
		{"import upload, _csrf in the body", ana, "/api/v1/imports", false, []formPart{{"_csrf", ana.token, false}, {"wave", "W2", false}, {"file", "a.xlsx", true}}, true, forbidden, 0},
	}
	for _, tt := range tests {
		var content io.Reader = strings.NewReader(sidoGeoJSON)
		if tt.huge {
			content = io.LimitReader(zeros{}, hugeUpload)
		}
		body, ctype := newUpload(t, tt.parts, content)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, tt.who.request(http.MethodPost, tt.target, ctype, body, tt.header))
		if rec.Code != tt.want || (rec.Code == forbidden && !strings.Contains(rec.Body.String(), "CSRF")) {
			t.Errorf("%s: %d %.200s, want %d", tt.name, rec.Code, rec.Body, tt.want)
		}
		if tt.maxRead >= 0 && body.read > int64(tt.maxRead) {
			t.Errorf("%s: the server read %d bytes of the refused upload, want at most %d", tt.name, body.read, tt.maxRead)
		}
	}
}
