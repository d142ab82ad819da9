// Package web is axdash's HTTP face: the Echo route table, thin handlers that
// ask the store and the figure catalogue, one error handler, the template
// renderer and the security headers. It is the only package that knows Echo.
package web

import (
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"axdash/app/disclosure"
	"axdash/app/metrics"
	"axdash/app/report"
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
	Stores
	Catalogue *charts.Catalogue
	Survey    *configs.Survey
	Regions   *configs.Regions
	Config    *configs.Config
	Static    fs.FS
	Log       *slog.Logger
	// Metrics records request latency; nil records nothing and serves no
	// /metrics.
	Metrics *metrics.Metrics
	// CacheEntries bounds the figure cache; 0 means defaultCacheEntries.
	CacheEntries int
	// StateTTL is how long the wave versions are reused (see
	// defaultStateTTL); 0 means the default, negative means never.
	StateTTL time.Duration
	// Now is the clock for sessions and sign-in limits; nil means
	// time.Now. Tests move it instead of sleeping.
	Now func() time.Time
	// Wait is the sign-in delay (see WaitFunc); nil means a timer.
	Wait WaitFunc
	// TempDir is where uploads spill while they are received (main gives
	// data_dir/tmp); it is created 0700 if missing. Empty means the OS temp
	// folder.
	TempDir string
}

// The figure cache's bounds: every figure and page of a few hundred views;
// a figure is a few kilobytes, a rendered dashboard about 130.
const (
	defaultCacheEntries = 4096
	cacheBytes          = 64 << 20
)

// Server is the Echo application. Its only state is caches keyed by
// versions read from the database (wave data, boundary map) and the CSRF
// key, read once from the database (every process reads the same); sessions,
// sign-in failures and the boundary map live in the database, so any number
// of processes can serve from one database and each sees every change.
type Server struct {
	deps     Deps
	report   *report.Reporter // views, the briefing and its workbook
	e        *echo.Echo
	render   *renderer
	cache    *resultCache
	states   *stateMemo
	cubes    *cubeMemo
	protect  *disclosure.Protector // the public view's protection
	boundary []byte                // the boundary GeoJSON of the file option, nil without one
	maps     *boundaryMemo
	// access is the route table's requirements by routeKey, filled by
	// routes() through need and upload, checked by guard.
	access       map[string]access
	defaultLimit echo.MiddlewareFunc // server.max_body_bytes
	tmpDir       string              // see Deps.TempDir
	keyMu        sync.Mutex
	key          []byte        // the database's CSRF token key, see csrfKey
	hashSlots    chan struct{} // see withHashSlot
	issues       issueNames    // the import page's Korean names of issue codes
	apiHelp      apiPage       // the /api page, made from the public API's document
	apiJSON      taggedBody    // the document itself, as served at /api/v1/openapi.json
}

// New builds the server and its route table.
func New(d Deps) (*Server, error) {
	s, err := newServer(d)
	if err != nil {
		return nil, err
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	ipx, err := ipExtractor(d.Config.Server.TrustedProxies)
	if err != nil {
		return nil, err
	}
	e.IPExtractor = ipx
	e.Renderer = s.render
	s.e = e
	if err := makeTempDir(d.TempDir); err != nil {
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
	// Who may use a route is settled from the headers (guard) before
	// anything reads the body (csrf reads forms, handlers uploads).
	// The deadline comes first: reading the session is a query too.
	e.Use(s.deadline, s.loadSession, s.guard, s.csrf, s.openAccess)
	if err := s.routes(); err != nil {
		return nil, err
	}
	return s, nil
}

// newServer is the server without Echo: the renderer, the caches, the
// report layer and the configured boundary map, which pages are rendered
// from (see BriefingHandler).
func newServer(d Deps) (*Server, error) {
	if d.Config == nil || d.Surveys == nil || d.Jobs == nil || d.Accounts == nil || d.Ops == nil {
		return nil, fmt.Errorf("web: New needs a store and a configuration")
	}
	r, err := newRenderer()
	if err != nil {
		return nil, err
	}
	s := &Server{deps: d, render: r, report: newReporter(d),
		cache:  newResultCache(cmpOr(d.CacheEntries, defaultCacheEntries), cacheBytes),
		states: &stateMemo{ttl: d.StateTTL}, cubes: &cubeMemo{design: d.Survey.Design}, protect: disclosure.New(d.Config.Figures), maps: &boundaryMemo{}, access: map[string]access{},
		defaultLimit: bodyLimit(d.Config.Server.MaxBodyBytes), tmpDir: d.TempDir,
		hashSlots: make(chan struct{}, max(d.Config.Auth.ConcurrentHashes, 1))}
	if d.StateTTL == 0 {
		s.states.ttl = defaultStateTTL
	}
	s.maps.ttl = s.states.ttl
	s.keepOnOutage()
	rules, err := configs.LoadRules(d.Config.Quality.RulesFile)
	if err != nil {
		return nil, err
	}
	s.issues = newIssueNames(d.Survey, rules)
	doc, apiJSON, err := newAPIDoc(d)
	if err != nil {
		return nil, err
	}
	s.apiHelp, s.apiJSON = newAPIPage(doc), newTaggedBody(apiJSON)
	if err := s.loadBoundary(); err != nil {
		return nil, err
	}
	return s, nil
}

// newReporter is the report layer over the server's catalogue and tables.
func newReporter(d Deps) *report.Reporter {
	return &report.Reporter{Catalogue: d.Catalogue, Survey: d.Survey, Regions: d.Regions, Source: d.Config.Figures.Source}
}

// Handler returns the server as an http.Handler.
func (s *Server) Handler() http.Handler { return s.e }

func cmpOr(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}
