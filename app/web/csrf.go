package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"mime"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// keyStore gives the CSRF token key every process shares.
type keyStore interface {
	ServerKey(ctx context.Context, name string, now time.Time) ([]byte, error)
}

// csrfContextKey is where the CSRF middleware leaves the token for pages.
const csrfContextKey = "csrf"

// csrfKeyName names the token key in the database's server_keys.
const csrfKeyName = "csrf"

// csrfCookie holds an anonymous visitor's nonce (the sign-in form's token
// is made from it).
const csrfCookie = "axdash_csrf"

// csrfMessage is the Korean refusal of a write without a valid token.
const csrfMessage = "보안 토큰(CSRF)이 없거나 맞지 않습니다. 페이지를 새로 고친 뒤 다시 시도하세요."

// The tokens are HMACs under the server key kept in the database, so every
// process makes and accepts the same ones. A signed-in browser's token is
// bound to its session (the HMAC of the session token's hash): a sign-in
// starts a new session and so a new token, and a token never works with
// another session's cookie. An anonymous visitor (the sign-in form) gets a
// random nonce cookie and the HMAC of it: a sibling origin can plant a
// cookie, but cannot make the matching token without the key.
const (
	sessionTokenLabel = "csrf"
	anonTokenLabel    = "csrf-anon"
	nonceBytes        = 32
	nonceMaxAge       = 24 * time.Hour
)

// csrf checks every unsafe request (POST, PUT, PATCH, DELETE) on the whole
// app: forms send the token in a hidden _csrf field (a urlencoded body, or
// the first parts of an upload's multipart body), scripts in the
// X-CSRF-Token header; never the query string, which ends up in logs and
// Referer headers. Browsers that send Sec-Fetch-Site: same-origin (or none)
// are trusted to mean it; cross-site and same-site writes are refused
// outright, token or not: a sibling origin (another port on this host,
// another subdomain) is the one place a cookie can be planted from, and no
// axdash form is ever served from another origin. Clients that send no
// fetch metadata (scripts, old browsers) need the token.
func (s *Server) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		// A public server has no forms to protect (guard refused every
		// unsafe request) and must not create the key, a write. A read of
		// the API answers JSON, which carries no form to put a token in:
		// the figure API's hot path makes no token and sets no cookie.
		if isAsset(req.URL.Path) || s.readOnly() || (isAPI(req.URL.Path) && isSafeMethod(req.Method)) {
			return next(c)
		}
		key, err := s.csrfKey(req.Context())
		if err != nil {
			return err
		}
		valid := vouchedToken(c, key)
		c.Set(csrfContextKey, s.pageToken(c, key, valid))
		c.Response().Header().Add(echo.HeaderVary, echo.HeaderCookie)
		if !isSafeMethod(req.Method) {
			if err := s.checkWrite(c, valid); err != nil {
				return err
			}
		}
		return next(c)
	}
}

// checkWrite refuses an unsafe request without the token valid for its
// session or anonymous cookie.
func (s *Server) checkWrite(c echo.Context, valid string) error {
	req := c.Request()
	api := isAPI(req.URL.Path)
	// Every API write needs a session, so a stranger is told to sign in
	// (401) rather than that a token is missing.
	if api && currentUser(c) == nil {
		return needLogin(c)
	}
	switch req.Header.Get(echo.HeaderSecFetchSite) {
	case "same-origin", "none":
		return nil
	case "":
	default:
		return csrfRefusal()
	}
	sent := req.Header.Get(echo.HeaderXCSRFToken)
	// API writes carry the token in the header (static/js does so): one
	// without it never has its body read for a form field.
	if sent == "" && !api {
		var err error
		if sent, err = formToken(c); err != nil {
			return err
		}
	}
	if valid == "" || !hmac.Equal([]byte(sent), []byte(valid)) {
		return csrfRefusal()
	}
	return nil
}

func csrfRefusal() error { return echo.NewHTTPError(http.StatusForbidden, csrfMessage) }

// formToken is the _csrf field of the request's body, never of its query.
// An upload's is read while streaming, from the text parts before the
// file; a body over its limit is 413, anything unreadable has no token.
func formToken(c echo.Context) (string, error) {
	req := c.Request()
	if sp, ok := c.Get(spoolKey).(*spool); ok && isMultipart(req) {
		return sp.leadingToken()
	}
	if mt, _, _ := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType)); mt != echo.MIMEApplicationForm {
		return "", nil
	}
	if err := req.ParseForm(); err != nil {
		if errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
			return "", err
		}
		return "", nil
	}
	return req.PostForm.Get("_csrf"), nil
}

// vouchedToken is the token this request's credentials vouch for: its
// session's, or its anonymous nonce's; "" for an anonymous request without
// a nonce cookie.
func vouchedToken(c echo.Context, key []byte) string {
	if h := sessionHash(c); h != "" {
		return signToken(key, sessionTokenLabel, h)
	}
	if n := anonNonce(c); n != "" {
		return signToken(key, anonTokenLabel, n)
	}
	return ""
}

// pageToken is the token for this response's forms. An anonymous visitor's
// nonce cookie is (re)sent, made anew when it has none.
func (s *Server) pageToken(c echo.Context, key []byte, valid string) string {
	if sessionHash(c) != "" {
		return valid
	}
	n := anonNonce(c)
	if n == "" {
		b := make([]byte, nonceBytes)
		_, _ = rand.Read(b) // crypto/rand.Read never fails (it panics instead)
		n = base64.RawURLEncoding.EncodeToString(b)
	}
	c.SetCookie(&http.Cookie{Name: csrfCookie, Value: n, Path: "/", MaxAge: int(nonceMaxAge / time.Second),
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.secureCookies(c)})
	return signToken(key, anonTokenLabel, n)
}

// anonNonce is the request's nonce cookie, "" when absent or not one of
// ours in shape.
func anonNonce(c echo.Context) string {
	ck, err := c.Cookie(csrfCookie)
	if err != nil {
		return ""
	}
	if b, err := base64.RawURLEncoding.DecodeString(ck.Value); err != nil || len(b) != nonceBytes {
		return ""
	}
	return ck.Value
}

// csrfKey is the database's token key, read once: on first use rather
// than in New, so that a server whose database is not migrated or not
// reachable yet still starts and says so on /readyz.
func (s *Server) csrfKey(ctx context.Context) ([]byte, error) {
	s.keyMu.Lock()
	defer s.keyMu.Unlock()
	if s.key == nil {
		k, err := s.deps.Accounts.ServerKey(ctx, csrfKeyName, s.now())
		if err != nil {
			return nil, err
		}
		s.key = k
	}
	return s.key, nil
}

func signToken(key []byte, label, id string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(label + "\x00" + id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// csrfToken is the token to put in this response's forms and meta tag.
func csrfToken(c echo.Context) string {
	t, _ := c.Get(csrfContextKey).(string)
	return t
}

func isSafeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}
