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

// gateServer builds one server and returns its handler, for requests made
// in process, and the same server's URL, for signing in over HTTP.
func gateServer(t *testing.T, s *store.Store, adjust func(*web.Deps)) (http.Handler, string) {
	t.Helper()
	deps := testDeps(t, s)
	cfg := *deps.Config
	deps.Config = &cfg
	if adjust != nil {
		adjust(&deps)
	}
	srv, err := web.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return srv.Handler(), ts.URL
}

// caller is a browser as an in-process request carries it: its session
// cookie and CSRF token; the zero caller is a stranger.
type caller struct{ session, token string }

func signedInCaller(t *testing.T, s *store.Store, base, login string, role model.Role) caller {
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

// lazyUpload is a multipart upload made as it is read, so that a test can
// send tens of megabytes without holding them: the parts (a file part's
// header at the end), then zeros up to size bytes. read counts the bytes
// the server took.
type lazyUpload struct {
	head *bytes.Reader
	rest int64
	read int64
}

func newLazyUpload(t *testing.T, parts []formPart, size int64) (*lazyUpload, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
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
	return &lazyUpload{head: bytes.NewReader(buf.Bytes()), rest: size - int64(buf.Len())}, w.FormDataContentType()
}

func (u *lazyUpload) Read(p []byte) (int, error) {
	n, _ := u.head.Read(p)
	if n == 0 {
		if u.rest <= 0 {
			return 0, io.EOF
		}
		n = int(min(int64(len(p)), u.rest))
		clear(p[:n])
		u.rest -= int64(n)
	}
	u.read += int64(n)
	return n, nil
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
				body, ctype := newLazyUpload(t, []formPart{{"_csrf", callers[tt.who].token, false},
					{"wave", "W9", false}, {"file", "big.xlsx", true}}, hugeUpload)
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
