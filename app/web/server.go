// Package web is axdash's HTTP face: the Echo route table, thin handlers that
// ask the store and the figure catalogue, one error handler, the template
// renderer and the security headers. It is the only package that knows Echo.
package web

import (
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"axdash/app/metrics"
	"axdash/app/model"
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
	// Metrics records request latency; nil records nothing and serves no
	// /metrics.
	Metrics *metrics.Metrics
	// BoundaryFile is an optional 시도 GeoJSON; empty means the path in
	// AXDASH_BOUNDARY_GEOJSON, and no path means no boundary map.
	BoundaryFile string
	// CacheEntries bounds the figure cache; 0 means defaultCacheEntries.
	CacheEntries int
	// StateTTL is how long the wave versions are reused (see
	// defaultStateTTL); 0 means the default, negative means never.
	StateTTL time.Duration
	// Now is the clock for sessions and sign-in limits; nil means
	// time.Now. Tests move it instead of sleeping.
	Now func() time.Time
}

// The figure cache's bounds: every figure and page of a few hundred views;
// a figure is a few kilobytes, a rendered dashboard about 130.
const (
	defaultCacheEntries = 4096
	cacheBytes          = 64 << 20
)

// Server is the Echo application. Its only state is caches keyed by
// versions read from the database (wave data, boundary map); sessions,
// sign-in failures and the boundary map live in the database, so any number
// of processes can serve from one database and each sees every change.
type Server struct {
	deps     Deps
	e        *echo.Echo
	render   *renderer
	cache    *resultCache
	states   *stateMemo
	boundary []byte // the boundary GeoJSON of the file option, nil without one
	maps     *boundaryMemo
	// routeLimits are the body limits of routes that take files ("METHOD
	// /path" as registered); filled by routes() through limitBody.
	routeLimits map[string]echo.MiddlewareFunc
	hashSlots   chan struct{} // see withHashSlot
}

// New builds the server and its route table.
func New(d Deps) (*Server, error) {
	if d.Config == nil || d.Store == nil {
		return nil, fmt.Errorf("web: New needs a store and a configuration")
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	ipx, err := ipExtractor(d.Config.Server.TrustedProxies)
	if err != nil {
		return nil, err
	}
	e.IPExtractor = ipx
	r, err := newRenderer()
	if err != nil {
		return nil, err
	}
	e.Renderer = r
	s := &Server{deps: d, e: e, render: r, cache: newResultCache(cmpOr(d.CacheEntries, defaultCacheEntries), cacheBytes),
		states: &stateMemo{ttl: d.StateTTL}, maps: &boundaryMemo{}, routeLimits: map[string]echo.MiddlewareFunc{},
		hashSlots: make(chan struct{}, max(d.Config.Auth.ConcurrentHashes, 1))}
	if d.StateTTL == 0 {
		s.states.ttl = defaultStateTTL
	}
	s.maps.ttl = s.states.ttl
	if err := s.loadBoundary(); err != nil {
		return nil, err
	}
	e.HTTPErrorHandler = s.handleError
	e.Use(middleware.Recover())
	e.Use(s.requestID()...)
	e.Use(s.requestLog())
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		ContentTypeNosniff:    "nosniff",
		XFrameOptions:         "DENY",
		ContentSecurityPolicy: contentSecurityPolicy,
		ReferrerPolicy:        "same-origin",
		// Sent only over TLS or behind a proxy saying https (browsers ignore
		// it over plain HTTP anyway); never for subdomains.
		HSTSMaxAge:            int(d.Config.Server.HSTSMaxAge / time.Second),
		HSTSExcludeSubdomains: true,
	}))
	e.Use(s.bodyLimit())
	e.Use(s.loadSession, s.csrf(), s.gate)
	s.routes()
	if err := s.metricsRoute(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Server) routes() {
	e := s.e
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.RouteNotFound(notFoundRoute, func(echo.Context) error { return echo.ErrNotFound })
	e.GET("/favicon.ico", func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })
	e.GET("/", s.dashboard)
	e.GET("/figures/:id", s.figurePage)
	e.GET("/regions", s.regionRedirect)
	e.GET("/regions/:code", s.regionPage)
	e.GET("/exemplars", s.exemplarsPage)
	// Findings show single firms' raw answers (revenue, cost), which the
	// figures only show pooled and suppressed: analysts' work, not public.
	e.GET("/quality", s.qualityPage, s.requireRole(model.RoleAnalyst))
	e.GET("/quality.xlsx", s.qualityXLSX, s.requireRole(model.RoleAnalyst))
	e.GET("/briefing", s.briefing)
	e.GET("/briefing.xlsx", s.briefingXLSX)
	e.GET(boundaryPath, s.boundaryGeoJSON)
	e.GET("/api/v1/waves", s.apiWaves)
	e.GET("/api/v1/figures", s.apiFigures)
	e.GET("/api/v1/figures/:id", s.apiFigure)
	e.GET("/static/*", staticHandler(s.deps.Static))
	s.importRoutes()
	e.GET("/login", s.loginPage)
	e.POST("/login", s.loginSubmit)
	e.POST("/logout", s.logout)
	s.adminRoutes()
}

// adminRoutes are the admin-only pages: accounts, waves, boundary map.
func (s *Server) adminRoutes() {
	admin := s.e.Group("/admin", s.requireRole(model.RoleAdmin))
	admin.GET("", func(c echo.Context) error { return c.Redirect(http.StatusSeeOther, "/admin/users") })
	admin.GET("/users", s.adminUsers)
	admin.POST("/users", s.adminAddUser)
	admin.POST("/users/:id/role", s.adminSetRole)
	admin.POST("/users/:id/disable", s.adminSetDisabled(true))
	admin.POST("/users/:id/enable", s.adminSetDisabled(false))
	admin.POST("/users/:id/password", s.adminSetPassword)
	admin.GET("/waves", s.adminWaves)
	admin.POST("/waves/:id/rename", s.adminRenameWave)
	admin.POST("/waves/:id/delete", s.adminDeleteWave)
	admin.GET("/boundary", s.adminBoundary)
	s.limitBody(http.MethodPost, "/admin/boundary", maxBoundaryBytes+64<<10) // the map and the multipart envelope
	admin.POST("/boundary", s.adminUploadBoundary)
	admin.POST("/boundary/delete", s.adminDeleteBoundary)
}

// Handler returns the server as an http.Handler.
func (s *Server) Handler() http.Handler { return s.e }

func cmpOr(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}
