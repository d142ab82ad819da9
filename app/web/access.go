package web

import (
	"mime"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"axdash/app/model"
)

// access is what a route asks of a request before anything reads its
// body: the caller's role, the body's size and whether it is an upload.
type access struct {
	role model.Role // the lowest role allowed; "" lets in whoever the gate does
	// limit caps the body; nil means server.max_body_bytes.
	limit echo.MiddlewareFunc
	// upload routes take a multipart body, streamed by readMultipart; other
	// routes refuse one.
	upload bool
	// internal routes are served only by internal servers: sign-in and
	// everything an account or a write needs. need and upload mark theirs;
	// a read-only (public) server refuses them all (see publicRefusal).
	internal bool
	// class is the route's deadline class (see deadline).
	class timeoutClass
	// open routes are the public API: other sites may read them
	// (CORS) and clients revalidate them (ETag), see openAccess.
	open bool
}

// timeoutClass names a route's deadline: pages and figures get a few
// seconds; downloads, a wave's deletion and uploads longer
// (server.request_timeout, server.long_request_timeout, jobs.upload_timeout).
type timeoutClass int

const (
	pageClass timeoutClass = iota
	longClass
	uploadClass
)

// long marks r as a download or a long write (a wave's deletion), which
// gets server.long_request_timeout.
func (s *Server) long(r *echo.Route) *echo.Route {
	a := s.access[routeKey(r.Method, r.Path)]
	a.class = longClass
	s.access[routeKey(r.Method, r.Path)] = a
	return r
}

// accessOf is the route table's entry for the request's route.
func (s *Server) accessOf(c echo.Context) access {
	a, ok := s.access[routeKey(c.Request().Method, c.Path())]
	if !ok { // a group's catch-all is registered under a method of its own
		a = s.access[routeKey(echo.RouteNotFound, c.Path())]
	}
	return a
}

// routeKey names a route as registered, e.g. "POST /admin/users/:id/role".
func routeKey(method, path string) string { return method + " " + path }

// need makes role the lowest role allowed on routes, which are internal.
func (s *Server) need(role model.Role, routes ...*echo.Route) {
	for _, r := range routes {
		a := s.access[routeKey(r.Method, r.Path)]
		a.role, a.internal = role, true
		s.access[routeKey(r.Method, r.Path)] = a
	}
}

// internal marks routes that need no role but belong to internal servers:
// signing in and out.
func (s *Server) internal(routes ...*echo.Route) {
	for _, r := range routes {
		a := s.access[routeKey(r.Method, r.Path)]
		a.internal = true
		s.access[routeKey(r.Method, r.Path)] = a
	}
}

// upload marks r as a multipart upload whose body may reach limit bytes;
// uploads are internal.
func (s *Server) upload(r *echo.Route, limit int64) *echo.Route {
	a := s.access[routeKey(r.Method, r.Path)]
	a.upload, a.limit, a.internal, a.class = true, bodyLimit(limit), true, uploadClass
	s.access[routeKey(r.Method, r.Path)] = a
	return r
}

func bodyLimit(limit int64) echo.MiddlewareFunc {
	return middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: strconv.FormatInt(limit, 10) + "B"})
}

// guard runs after the session is loaded and before the CSRF check (which
// may read a form): a caller the route refuses is answered from the headers
// alone, so that a stranger's upload of tens of megabytes is never read.
// Then the body is capped, and an upload gets the temp area its files
// spill to, emptied when the request ends however it ends.
func (s *Server) guard(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if isAsset(req.URL.Path) {
			return next(c)
		}
		a := s.accessOf(c)
		if s.readOnly() && (a.internal || !isSafeMethod(req.Method)) {
			return publicRefusal()
		}
		if refuse := s.refusal(c, a.role); refuse != nil {
			return refuse(c)
		}
		if !a.upload && c.Path() != notFoundRoute && !isSafeMethod(req.Method) && isMultipart(req) {
			return echo.NewHTTPError(http.StatusUnsupportedMediaType,
				"이 주소는 파일 올리기(multipart/form-data) 형식을 받지 않습니다. 일반 양식이나 JSON으로 보내세요.")
		}
		limit := a.limit
		if limit == nil {
			limit = s.defaultLimit
		}
		h := next
		if a.upload {
			h = s.withSpool(next)
		}
		return limit(h)(c)
	}
}

// readOnly is a public server (serve --read-only): its database may not be
// written, so it serves the public routes to everyone and no others.
func (s *Server) readOnly() bool { return s.deps.Config.Database.ReadOnly }

// publicRefusal answers an internal route on a public server: a Korean page,
// or JSON under /api, by the error handler.
func publicRefusal() error {
	return echo.NewHTTPError(http.StatusForbidden,
		"이 서버는 공개용(읽기 전용)입니다. 로그인과 자료 올리기는 내부 서버에서 하세요.")
}

// refusal answers a caller without at least role min (without a session
// when min is empty and the dashboard is not public); nil lets the caller
// go on. Anonymous page requests are sent to the sign-in page and come
// back afterwards (a redirect, not an error: the answer must end the
// request, hence a handler); anonymous API calls get 401; a role too low
// gets 403.
func (s *Server) refusal(c echo.Context, min model.Role) echo.HandlerFunc {
	u := currentUser(c)
	switch {
	case min == "" && (u != nil || s.deps.Config.Auth.PublicDashboard || s.readOnly() || c.Request().URL.Path == "/login"):
		return nil
	case u == nil && c.Get(sessionErrKey) != nil: // signed in, maybe, but the database cannot say
		err, _ := c.Get(sessionErrKey).(error)
		return func(echo.Context) error { return err }
	case u == nil:
		return needLogin
	case min != "" && !u.Role.AtLeast(min):
		return func(echo.Context) error {
			return echo.NewHTTPError(http.StatusForbidden, "이 작업을 할 권한이 없습니다 ("+min.Label()+" 이상 필요).")
		}
	}
	return nil
}

func isMultipart(req *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	return mt == echo.MIMEMultipartForm
}
