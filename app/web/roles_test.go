package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store/storetest"
	"axdash/app/web"
)

// roleRoute is one route of the role matrix. want holds the status for
// anonymous, viewer, analyst and admin; anonClosed is the anonymous status
// when auth.public_dashboard is off (0: same as want[0]).
type roleRoute struct {
	method, path string
	form         url.Values
	want         [4]int
	anonClosed   int
}

const (
	ok        = http.StatusOK
	see       = http.StatusSeeOther
	forbidden = http.StatusForbidden
	unauth    = http.StatusUnauthorized
)

func roleRoutes(viewerID int64) []roleRoute {
	uid := fmt.Sprint(viewerID)
	return []roleRoute{
		{"GET", "/", nil, [4]int{ok, ok, ok, ok}, see},
		{"GET", "/figures/adoption-by-region", nil, [4]int{ok, ok, ok, ok}, see},
		{"GET", "/regions/11", nil, [4]int{ok, ok, ok, ok}, see},
		{"GET", "/exemplars", nil, [4]int{ok, ok, ok, ok}, see},
		{"GET", "/exemplars.csv", nil, [4]int{ok, ok, ok, ok}, see},
		{"GET", "/exemplars.xlsx", nil, [4]int{ok, ok, ok, ok}, see},
		{"GET", "/quality", nil, [4]int{see, forbidden, ok, ok}, see},
		{"GET", "/quality.xlsx", nil, [4]int{see, forbidden, ok, ok}, see},
		{"GET", "/briefing", nil, [4]int{ok, ok, ok, ok}, see},
		{"GET", "/briefing.xlsx", nil, [4]int{ok, ok, ok, ok}, see},
		{"GET", "/api/v1/waves", nil, [4]int{ok, ok, ok, ok}, unauth},
		{"GET", "/api/v1/figures", nil, [4]int{ok, ok, ok, ok}, unauth},
		{"GET", "/api/v1/figures/adoption-by-region", nil, [4]int{ok, ok, ok, ok}, unauth},
		{"GET", "/api/v1/figures/adoption-by-region.csv", nil, [4]int{ok, ok, ok, ok}, unauth},
		{"GET", "/maps/kr-sido.geojson", nil, [4]int{404, 404, 404, 404}, see},
		{"GET", "/healthz", nil, [4]int{ok, ok, ok, ok}, ok},
		{"GET", "/readyz", nil, [4]int{ok, ok, ok, ok}, ok},
		{"GET", "/static/js/csrf.js", nil, [4]int{ok, ok, ok, ok}, ok},
		{"GET", "/login", nil, [4]int{ok, see, see, see}, ok},
		{"GET", "/admin/users", nil, [4]int{see, forbidden, forbidden, ok}, see},
		{"GET", "/admin/waves", nil, [4]int{see, forbidden, forbidden, ok}, see},
		{"GET", "/admin/boundary", nil, [4]int{see, forbidden, forbidden, ok}, see},
		{"POST", "/admin/users", url.Values{}, [4]int{see, forbidden, forbidden, 400}, see},
		{"POST", "/admin/users/" + uid + "/role", url.Values{"role": {"viewer"}}, [4]int{see, forbidden, forbidden, see}, see},
		{"POST", "/admin/users/99999/disable", url.Values{}, [4]int{see, forbidden, forbidden, 404}, see},
		{"POST", "/admin/users/99999/enable", url.Values{}, [4]int{see, forbidden, forbidden, 404}, see},
		{"POST", "/admin/users/" + uid + "/password", url.Values{"password": {"short"}}, [4]int{see, forbidden, forbidden, 400}, see},
		{"POST", "/admin/waves/99999/rename", url.Values{"name": {"X"}}, [4]int{see, forbidden, forbidden, 404}, see},
		{"POST", "/admin/waves/99999/describe", url.Values{"agency": {"X"}}, [4]int{see, forbidden, forbidden, 404}, see},
		{"POST", "/admin/waves/99999/delete", url.Values{"confirm": {"X"}}, [4]int{see, forbidden, forbidden, 404}, see},
		{"POST", "/admin/boundary", url.Values{}, [4]int{see, forbidden, forbidden, 400}, see},
		{"POST", "/admin/boundary/delete", url.Values{}, [4]int{see, forbidden, forbidden, see}, see},
		// Unknown paths under /admin are admin-only too.
		{"GET", "/admin/nothing-here", nil, [4]int{see, forbidden, forbidden, 404}, see},
		{"POST", "/admin/nothing-here", url.Values{}, [4]int{see, forbidden, forbidden, 404}, see},
		// An API write tells a stranger to sign in before anything else;
		// it takes its token in the X-CSRF-Token header only, so the form
		// field these requests carry is refused.
		{"POST", "/api/v1/nothing-here", url.Values{}, [4]int{unauth, forbidden, forbidden, forbidden}, unauth},
	}
}

func TestRoleMatrix(t *testing.T) {
	for _, public := range []bool{true, false} {
		t.Run(fmt.Sprintf("public_dashboard=%v", public), func(t *testing.T) {
			s := storetest.SQLite(t)
			base := authServer(t, s, nil, func(d *web.Deps) { d.Config.Auth.PublicDashboard = public })
			clients := [4]*http.Client{newClient(t)}
			for i, role := range model.Roles() {
				login := string(role) + "-user"
				clients[i+1] = loginClient(t, base, login, newUser(t, s, login, role))
			}
			viewer, err := s.Accounts.UserByLogin(t.Context(), "viewer-user")
			if err != nil {
				t.Fatal(err)
			}
			names := [4]string{"anonymous", "viewer", "analyst", "admin"}
			for _, rt := range roleRoutes(viewer.ID) {
				for i, c := range clients {
					want := rt.want[i]
					if i == 0 && !public && rt.anonClosed != 0 {
						want = rt.anonClosed
					}
					res, body := roleRequest(t, c, base, rt)
					if res.StatusCode != want {
						t.Errorf("%s %s as %s: %d, want %d", rt.method, rt.path, names[i], res.StatusCode, want)
						continue
					}
					checkRefusal(t, rt, names[i], res, body)
				}
			}
		})
	}
}

func roleRequest(t *testing.T, c *http.Client, base string, rt roleRoute) (*http.Response, string) {
	t.Helper()
	if rt.method == http.MethodGet {
		res, err := c.Get(base + rt.path)
		if err != nil {
			t.Fatal(err)
		}
		return res, readBody(t, res)
	}
	form := url.Values{}
	for k, v := range rt.form {
		form[k] = v
	}
	form.Set("_csrf", csrfToken(t, c, base))
	res, err := c.PostForm(base+rt.path, form)
	if err != nil {
		t.Fatal(err)
	}
	return res, readBody(t, res)
}

// checkRefusal checks the shape of a refusal: anonymous pages go to the
// sign-in page and come back, the API answers JSON, a role too low is told
// so in Korean.
func checkRefusal(t *testing.T, rt roleRoute, who string, res *http.Response, body string) {
	t.Helper()
	loc := res.Header.Get("Location")
	switch {
	case res.StatusCode == see && who == "anonymous" && strings.HasPrefix(rt.path, "/admin"):
		if want := "/login?next=" + url.QueryEscape(rt.path); loc != want {
			t.Errorf("%s %s as anonymous: Location %q, want %q", rt.method, rt.path, loc, want)
		}
	case res.StatusCode == unauth:
		if !strings.Contains(body, `"error":"로그인이 필요합니다."`) {
			t.Errorf("%s %s: 401 body %.200s", rt.method, rt.path, body)
		}
	case res.StatusCode == forbidden && strings.HasPrefix(rt.path, "/api/") && rt.method != "GET":
		if !strings.Contains(body, "CSRF") { // the form token of an API write
			t.Errorf("%s %s as %s: 403 body lacks the CSRF reason", rt.method, rt.path, who)
		}
	case res.StatusCode == forbidden:
		if !strings.Contains(body, "권한이 없습니다") {
			t.Errorf("%s %s as %s: 403 body lacks the Korean reason", rt.method, rt.path, who)
		}
	}
}
