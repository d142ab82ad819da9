package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"axdash/app/auth"
	"axdash/app/model"
	"axdash/app/store"
)

// sessionCookie holds the session token; the database keeps only its hash.
const sessionCookie = "axdash_session"

// userKey is where the session middleware leaves the signed-in account,
// and sessionHashKey its session token's hash (what CSRF tokens are bound
// to).
const (
	userKey        = "axdash.user"
	sessionHashKey = "axdash.session"
	// publicKey marks a request to a read-only server, whose pages offer
	// no sign-in.
	publicKey = "axdash.public"
	// sessionErrKey holds why a session cookie could not be checked (the
	// database was out of reach).
	sessionErrKey = "axdash.session-unchecked"
)

// currentUser is the signed-in account, nil when anonymous.
func currentUser(c echo.Context) *model.User {
	u, _ := c.Get(userKey).(*model.User)
	return u
}

func (s *Server) now() time.Time {
	if s.deps.Now != nil {
		return s.deps.Now()
	}
	return time.Now()
}

func (s *Server) sessionLimits() store.SessionLimits {
	a := s.deps.Config.Auth
	return store.SessionLimits{Idle: a.SessionIdle, MaxAge: a.SessionMaxAge}
}

// sessionHash is the hash of the request's live session token, "" when
// anonymous.
func sessionHash(c echo.Context) string {
	h, _ := c.Get(sessionHashKey).(string)
	return h
}

// isAsset is a path that never needs a session: static files and the
// operator's probes (/metrics has its own network allowlist).
func isAsset(path string) bool {
	switch path {
	case "/healthz", "/readyz", "/metrics", "/favicon.ico":
		return true
	}
	return strings.HasPrefix(path, "/static/")
}

func isAPI(path string) bool { return strings.HasPrefix(path, "/api/") }

// loadSession puts the account behind the session cookie into the context.
// A cookie that names no live session is cleared. Responses to a signed-in
// browser are never stored by caches: they carry its login and CSRF token.
func (s *Server) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		path := c.Request().URL.Path
		if isAsset(path) {
			return next(c)
		}
		// A public server has no sign-in: every visitor is anonymous, and
		// no session row is read or touched (touching one is a write).
		if s.readOnly() {
			c.Set(publicKey, true)
			return next(c)
		}
		if path == "/login" || strings.HasPrefix(path, "/admin") {
			noStore(c)
		}
		ck, err := c.Cookie(sessionCookie)
		if err != nil || ck.Value == "" {
			return next(c)
		}
		hash := auth.HashToken(ck.Value)
		u, err := s.deps.Accounts.SessionUser(c.Request().Context(), hash, s.sessionLimits(), s.now())
		switch {
		case errors.Is(err, store.ErrNotFound):
			c.SetCookie(s.cookie(c, sessionCookie, "", -1))
		case err != nil:
			// Out of reach, the database cannot say who this is: a read goes
			// on as anonymous (public figures are served from memory, see
			// outage.go) and keeps its cookie; anything more is refused with
			// this error (refusal).
			if !store.Unreachable(err) || !isSafeMethod(c.Request().Method) {
				return err
			}
			c.Set(sessionErrKey, err)
			noStore(c)
		default:
			c.Set(userKey, u)
			c.Set(sessionHashKey, hash)
			noStore(c)
		}
		return next(c)
	}
}

// noStore marks the response private and uncacheable; it is set just
// before the headers go out so that no handler can undo it.
func noStore(c echo.Context) {
	res := c.Response()
	res.Before(func() {
		res.Header().Set("Cache-Control", "no-store")
		res.Header().Del("Expires")
	})
}

// privateNoStore marks a response of the internal view: no cache but the
// server's own (keyed by view) may keep it, whatever a handler set.
func privateNoStore(c echo.Context) {
	res := c.Response()
	res.Before(func() {
		res.Header().Set("Cache-Control", "private, no-store")
		res.Header().Del("Expires")
	})
}

// cookie builds one of our cookies: HttpOnly, SameSite=Lax (a link from
// another intranet site arrives signed in; writes are still CSRF-checked),
// Secure when configured or when the request came over TLS.
func (s *Server) cookie(c echo.Context, name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secureCookies(c)}
}

func (s *Server) secureCookies(c echo.Context) bool {
	return s.deps.Config.Auth.SecureCookies || c.IsTLS()
}

func needLogin(c echo.Context) error {
	if isAPI(c.Request().URL.Path) {
		return echo.NewHTTPError(http.StatusUnauthorized, "로그인이 필요합니다.")
	}
	return c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request().URL.RequestURI()))
}

// safeNext keeps a post-login redirect on this site: a local absolute path,
// never //host or a scheme.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsAny(next, "\\\r\n") || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return next
}
