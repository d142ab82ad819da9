package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"axdash/app/model"
)

// routes is the route table: every route of the server, with the lowest
// role each needs (need), the uploads and their body limits (upload), the
// downloads and long writes (long; with uploads, the routes whose deadline
// is longer than a page's, see deadline) and the routes of the internal side (internal),
// in this one file, and the open API (open). Routes not
// marked are public: on a read-only server they are the whole site.
func (s *Server) routes() error {
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
	s.long(e.GET("/exemplars.csv", s.exemplarsDownload(".csv")))
	s.long(e.GET("/exemplars.xlsx", s.exemplarsDownload(".xlsx")))
	e.GET("/compare", s.comparePage)
	s.long(e.GET("/compare.csv", s.compareDownload(".csv")))
	s.long(e.GET("/compare.xlsx", s.compareDownload(".xlsx")))
	// Findings show single firms' raw answers (revenue, cost), which the
	// figures only show pooled and suppressed: analysts' work, not public.
	s.need(model.RoleAnalyst, e.GET("/quality", s.qualityPage), s.long(e.GET("/quality.xlsx", s.qualityXLSX)))
	e.GET("/briefing", s.briefing)
	s.long(e.GET("/briefing.xlsx", s.briefingXLSX))
	e.GET(boundaryPath, s.boundaryGeoJSON)
	e.GET("/api", s.apiPage)
	s.open(openAPIPath, s.openAPI)
	s.open(apiWavesPath, s.apiWaves)
	s.open(apiFiguresPath, s.apiFigures)
	s.open(apiFiguresPath+"/:id", s.apiFigure)
	s.open(apiComparePath, s.apiCompare)
	e.GET("/static/*", staticHandler(s.deps.Static))
	s.importRoutes()
	s.internal(e.GET("/login", s.loginPage), e.POST("/login", s.loginSubmit), e.POST("/logout", s.logout))
	s.adminRoutes()
	metrics, err := s.metricsRoute()
	if err != nil || metrics == nil {
		return err
	}
	e.GET("/metrics", metrics)
	return nil
}

// adminRoutes are the admin-only pages: accounts, waves, boundary map.
// Unknown paths under /admin are admin-only too (a 404 for admins only).
func (s *Server) adminRoutes() {
	admin := s.e.Group("/admin")
	s.need(model.RoleAdmin,
		admin.RouteNotFound("/*", func(echo.Context) error { return echo.ErrNotFound }),
		admin.GET("", func(c echo.Context) error { return c.Redirect(http.StatusSeeOther, "/admin/users") }),
		admin.GET("/users", s.adminUsers),
		admin.POST("/users", s.adminAddUser),
		admin.POST("/users/:id/role", s.adminSetRole),
		admin.POST("/users/:id/disable", s.adminSetDisabled(true)),
		admin.POST("/users/:id/enable", s.adminSetDisabled(false)),
		admin.POST("/users/:id/password", s.adminSetPassword),
		admin.GET("/waves", s.adminWaves),
		admin.POST("/waves/:id/rename", s.adminRenameWave),
		admin.POST("/waves/:id/describe", s.adminDescribeWave),
		// Deleting a wave of a million responses takes seconds.
		s.long(admin.POST("/waves/:id/delete", s.adminDeleteWave)),
		s.long(admin.POST("/waves/demo/delete", s.adminDeleteDemoWaves)),
		admin.GET("/boundary", s.adminBoundary),
		// The map and the multipart envelope.
		s.upload(admin.POST("/boundary", s.adminUploadBoundary), maxBoundaryBytes+64<<10),
		admin.POST("/boundary/delete", s.adminDeleteBoundary),
	)
}

// importRoutes registers the upload, the job API and the pages: analysts
// and admins only, the original file for admins.
func (s *Server) importRoutes() {
	e := s.e
	s.need(model.RoleAnalyst,
		e.GET("/imports", s.importsPage),
		e.GET("/imports/:id", s.importPage),
		s.upload(e.POST("/api/v1/imports", s.apiImportCreate), s.deps.Config.Import.MaxFileBytes+uploadSlack),
		e.GET("/api/v1/imports", s.apiImports),
		e.GET("/api/v1/imports/:id", s.apiImport),
		e.GET("/api/v1/imports/:id/issues", s.apiImportIssues),
		e.POST("/api/v1/imports/:id/commit", s.apiImportCommit),
		e.POST("/api/v1/imports/:id/cancel", s.apiImportCancel),
		s.long(e.GET("/api/v1/imports/:id/annotated.xlsx", s.apiImportAnnotated)),
	)
	s.need(model.RoleAdmin,
		s.long(e.GET("/api/v1/imports/:id/original", s.apiImportOriginal)),
		s.long(e.GET("/api/v1/import-files/:sha256", s.apiImportFile)),
	)
}
