package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"axdash/app/auth"
	"axdash/app/model"
	"axdash/app/store"
)

// newUser creates an account with a random password and returns the
// password.
func newUser(t testing.TB, st *store.DB, login string, role model.Role) string {
	t.Helper()
	pw, err := auth.RandomPassword(16)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword(pw, auth.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Accounts.CreateUser(context.Background(), login, role, hash, time.Now()); err != nil {
		t.Fatalf("create user %s: %v", login, err)
	}
	return pw
}

// newClient is an HTTP client with its own cookie jar that does not follow
// redirects, so that tests see the 303s.
func newClient(t testing.TB) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// loginClient signs in through the real form (CSRF token included) and
// returns the client, which carries the session cookie and does not follow
// redirects.
func loginClient(t testing.TB, baseURL, login, password string) *http.Client {
	t.Helper()
	c := newClient(t)
	res := postForm(t, c, baseURL, "/login", url.Values{"login": {login}, "password": {password}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as %s: status %d, want 303", login, res.StatusCode)
	}
	if sessionCookieOf(c, baseURL) == "" {
		t.Fatalf("sign in as %s: no session cookie", login)
	}
	return c
}

// csrfToken reads the token that the server put in a page for this client.
func csrfToken(t testing.TB, client *http.Client, baseURL string) string {
	t.Helper()
	res, err := client.Get(baseURL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	body := readBody(t, res)
	if res.StatusCode == http.StatusSeeOther { // signed in: any page has it
		res, err = client.Get(baseURL + "/exemplars")
		if err != nil {
			t.Fatal(err)
		}
		body = readBody(t, res)
	}
	m := csrfMeta.FindStringSubmatch(body)
	if m == nil || m[1] == "" {
		t.Fatalf("no csrf-token meta in the page (status %d): %.300s", res.StatusCode, body)
	}
	return m[1]
}

var csrfMeta = regexp.MustCompile(`<meta name="csrf-token" content="([^"]*)">`)

// postForm posts a form with the client's CSRF token added.
func postForm(t testing.TB, c *http.Client, baseURL, path string, form url.Values) *http.Response {
	t.Helper()
	form.Set("_csrf", csrfToken(t, c, baseURL))
	res, err := c.PostForm(baseURL+path, form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

func readBody(t testing.TB, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func sessionCookieOf(c *http.Client, baseURL string) string {
	return cookieOf(c, baseURL, "axdash_session")
}

// cookieOf is the value of the client's cookie called name for baseURL.
func cookieOf(c *http.Client, baseURL, name string) string {
	u, _ := url.Parse(baseURL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// testClock is a clock that tests move by hand instead of sleeping.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func newTestClock() *testClock { return &testClock{now: time.Now()} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// signedInAs reports the login the page shows in its header, "" when none.
func signedInAs(body string) string {
	m := whoRe.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

var whoRe = regexp.MustCompile(`<span class="who" data-login="([^"]*)">`)
