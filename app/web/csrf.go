package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// csrfContextKey is where the CSRF middleware leaves the token for pages.
const csrfContextKey = "csrf"

// csrfMessage is the Korean refusal of a write without a valid token.
const csrfMessage = "보안 토큰(CSRF)이 없거나 맞지 않습니다. 페이지를 새로 고친 뒤 다시 시도하세요."

// csrf checks every unsafe request (POST, PUT, PATCH, DELETE) on the whole
// app: forms send the token in a hidden _csrf field, scripts in the
// X-CSRF-Token header. The token is a double-submit cookie (HttpOnly,
// SameSite=Strict), so it needs no server state and every process accepts
// every other's tokens. Browsers that send Sec-Fetch-Site: same-origin are
// let through by Echo's fetch-metadata check; cross-site and same-site
// writes are refused outright, token or not: a sibling origin (another port
// on this host, another subdomain) can plant its own axdash_csrf cookie, so
// a double-submit token proves nothing there, and no axdash form is ever
// served from another origin. Clients that send no fetch metadata (scripts,
// old browsers) fall back to the token. The cookie is Secure when
// configured or on TLS, so there are two middlewares and each request
// picks one.
func (s *Server) csrf() echo.MiddlewareFunc {
	build := func(secure bool) echo.MiddlewareFunc {
		return middleware.CSRFWithConfig(middleware.CSRFConfig{
			Skipper:        func(c echo.Context) bool { return isAsset(c.Request().URL.Path) },
			TokenLookup:    "header:" + echo.HeaderXCSRFToken + ",form:_csrf",
			ContextKey:     csrfContextKey,
			CookieName:     "axdash_csrf",
			CookiePath:     "/",
			CookieHTTPOnly: true,
			CookieSameSite: http.SameSiteStrictMode,
			CookieSecure:   secure,
			ErrorHandler: func(error, echo.Context) error {
				return echo.NewHTTPError(http.StatusForbidden, csrfMessage)
			},
			// Called only for writes marked same-site or cross-site.
			AllowSecFetchSiteFunc: func(echo.Context) (bool, error) {
				return false, echo.NewHTTPError(http.StatusForbidden, csrfMessage)
			},
		})
	}
	plain, secure := build(false), build(true)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		p, sec := plain(next), secure(next)
		return func(c echo.Context) error {
			// Every API write needs a session, so a stranger is told to
			// sign in (401) rather than that a token is missing.
			req := c.Request()
			if isAPI(req.URL.Path) && !isSafeMethod(req.Method) {
				if currentUser(c) == nil {
					return needLogin(c)
				}
				// API writes carry the token in the header (static/js does
				// so): refused here, a write without it never has its body,
				// an upload of tens of megabytes, parsed to look for a form
				// field before the role and quota checks.
				site := req.Header.Get(echo.HeaderSecFetchSite)
				if req.Header.Get(echo.HeaderXCSRFToken) == "" && site != "same-origin" && site != "none" {
					return echo.NewHTTPError(http.StatusForbidden, csrfMessage)
				}
			}
			if s.secureCookies(c) {
				return sec(c)
			}
			return p(c)
		}
	}
}

// csrfToken is the token to put in this response's forms and meta tag.
func csrfToken(c echo.Context) string {
	t, _ := c.Get(csrfContextKey).(string)
	return t
}

func isSafeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}
