// Package web is axdash's HTTP face: the Echo route table, thin handlers that
// ask the store and the figure catalogue, one error handler, the template
// renderer and the security headers. It is the only package that knows Echo.
package web

import (
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"axdash/app/store"
	"axdash/charts"
	"axdash/configs"
)

// contentSecurityPolicy allows nothing from other hosts and no inline
// script: chart options travel as JSON data blocks read by a static script.
// Inline styles stay allowed because ECharts positions its tooltip with them.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// Deps are what the server needs; main wires them.
type Deps struct {
	Store     *store.Store
	Catalogue *charts.Catalogue
	Survey    *configs.Survey
	Regions   *configs.Regions
	Config    *configs.Config
	Static    fs.FS
	Log       *slog.Logger
}

// Server is the Echo application; it holds no mutable state of its own, so
// any number of processes can serve from one database.
type Server struct {
	deps Deps
	e    *echo.Echo
}

// New builds the server and its route table.
func New(d Deps) (*Server, error) {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	// The server is reached directly unless an operator puts a proxy in
	// front; never trust a client's X-Forwarded-For by default.
	e.IPExtractor = echo.ExtractIPDirect()
	r, err := newRenderer()
	if err != nil {
		return nil, err
	}
	e.Renderer = r
	s := &Server{deps: d, e: e}
	e.HTTPErrorHandler = s.handleError
	e.Use(middleware.Recover())
	e.Use(s.requestLog())
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		ContentTypeNosniff:    "nosniff",
		XFrameOptions:         "DENY",
		ContentSecurityPolicy: contentSecurityPolicy,
		ReferrerPolicy:        "same-origin",
	}))
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	e := s.e
	e.GET("/healthz", s.healthz)
	e.GET("/favicon.ico", func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })
	e.GET("/", s.dashboard)
	e.GET("/api/v1/waves", s.apiWaves)
	e.GET("/api/v1/figures", s.apiFigures)
	e.GET("/api/v1/figures/:id", s.apiFigure)
	e.GET("/static/*", echo.WrapHandler(http.StripPrefix("/static/", staticHandler(s.deps.Static))))
}

// Handler returns the server as an http.Handler.
func (s *Server) Handler() http.Handler { return s.e }

func (s *Server) requestLog() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURI: true, LogMethod: true, LogLatency: true, LogError: true, HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			level := slog.LevelInfo
			if v.Status >= 500 {
				level = slog.LevelError
			}
			s.deps.Log.LogAttrs(c.Request().Context(), level, "request",
				slog.String("method", v.Method), slog.String("uri", v.URI),
				slog.Int("status", v.Status), slog.Duration("latency", v.Latency))
			return nil
		},
	})
}

// staticHandler serves the embedded assets with a cache header; they only
// change with the binary.
func staticHandler(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}
