package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"axdash/app/model"
	"axdash/app/store"
)

// jobStateLabels are the job states in Korean, for pages and scripts.
var jobStateLabels = map[string]string{
	model.JobQueued: "대기 중", model.JobParsing: "읽는 중", model.JobChecked: "검토 대기",
	model.JobCommitting: "저장 중", model.JobStored: "저장됨", model.JobRefused: "거부됨",
	model.JobFailed: "실패", model.JobCancelled: "취소됨",
}

// importsPage is the upload form and the import history.
type importsPage struct {
	Title    string
	Boundary bool
	MaxMiB   int64
	IsAdmin  bool
	Jobs     []historyRow
	Direct   []directRow // imports made without an upload (axdash import, the demo)
	Waves    []string    // existing waves, offered when naming the upload's
}

type directRow struct {
	store.ImportSummary
	When     string
	SHAShort string
}

type historyRow struct {
	store.JobSummary
	When       string
	StateLabel string
	SHAShort   string
}

func (s *Server) importsPage(c echo.Context) error {
	jobs, err := s.deps.Store.Jobs(c.Request().Context(), s.deps.Config.Jobs.HistoryLimit)
	if err != nil {
		return err
	}
	waves, err := s.deps.Store.Waves(c.Request().Context())
	if err != nil {
		return err
	}
	page := importsPage{Title: "자료 가져오기", MaxMiB: s.deps.Config.Import.MaxFileBytes >> 20}
	for _, w := range waves {
		page.Waves = append(page.Waves, w.Name)
	}
	direct, err := s.deps.Store.DirectImports(c.Request().Context(), s.deps.Config.Jobs.HistoryLimit)
	if err != nil {
		return err
	}
	for _, d := range direct {
		page.Direct = append(page.Direct, directRow{ImportSummary: d, When: d.CreatedAt.Local().Format("2006-01-02 15:04"),
			SHAShort: d.SHA256[:min(12, len(d.SHA256))]})
	}
	if u := currentUser(c); u != nil {
		page.IsAdmin = u.Role.AtLeast(model.RoleAdmin)
	}
	for _, j := range jobs {
		page.Jobs = append(page.Jobs, historyRow{JobSummary: j, When: j.CreatedAt.Local().Format("2006-01-02 15:04"),
			StateLabel: jobStateLabels[j.State], SHAShort: j.SHA256[:min(12, len(j.SHA256))]})
	}
	return c.Render(http.StatusOK, "imports.html", page)
}

// importPage is one job's preview: the script fills it from the JSON.
type importPage struct {
	Title      string
	Boundary   bool
	Job        *model.Job
	StateLabel string
	IsAdmin    bool
	Purged     string // why the file is gone, when the retention rule removed it
}

func (s *Server) importPage(c echo.Context) error {
	job, _, err := s.loadJob(c)
	if err != nil {
		return err
	}
	page := importPage{Title: "가져오기 미리보기", Job: job, StateLabel: jobStateLabels[job.State]}
	if job.FilePurgedAt != nil {
		page.Purged = s.purgedMessage()
	}
	if u := currentUser(c); u != nil {
		page.IsAdmin = u.Role.AtLeast(model.RoleAdmin)
	}
	return c.Render(http.StatusOK, "import.html", page)
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
		e.GET("/api/v1/imports/:id/annotated.xlsx", s.apiImportAnnotated),
	)
	s.need(model.RoleAdmin,
		e.GET("/api/v1/imports/:id/original", s.apiImportOriginal),
		e.GET("/api/v1/import-files/:sha256", s.apiImportFile),
	)
}
