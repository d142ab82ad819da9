package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"axdash/app/model"
	"axdash/app/store"
)

// importStore is the import queue the imports API and page read and move.
type importStore interface {
	Job(ctx context.Context, id int64) (*model.Job, error)
	Jobs(ctx context.Context, limit int) ([]store.JobSummary, error)
	DirectImports(ctx context.Context, limit int) ([]store.ImportSummary, error)
	RequestCommit(ctx context.Context, id int64, by model.Actor, skipInvalid, replace bool) error
	CancelJob(ctx context.Context, id int64, by model.Actor) error
}

// importWaves is what the imports API and page read of the survey data:
// whether a job's wave already holds data, the waves, the replaced imports.
type importWaves interface {
	WaveHasData(ctx context.Context, name string) (bool, error)
	Waves(ctx context.Context) ([]store.WaveSummary, error)
	ReplacedImports(ctx context.Context) (map[int64]bool, error)
}

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
	Who      string // no account: the command line and the demo loader run as none
	Replaced bool   // a later import of the wave replaced its responses
}

// historyRow is a job of the import history, for the page and the API.
type historyRow struct {
	store.JobSummary
	// Events shadows Job.Events (encoding/json takes the shallower field).
	Events     []eventView `json:"events"`
	When       string      `json:"-"`
	StateLabel string      `json:"-"`
	SHAShort   string      `json:"-"`
	// Replaced says a later import of the wave replaced what this job stored.
	Replaced bool `json:"replaced"`
}

// history is the newest jobs.history_limit jobs, newest first; replaced
// names the imports a later one replaced (store.Surveys.ReplacedImports).
func (s *Server) history(c echo.Context, replaced map[int64]bool) ([]historyRow, error) {
	jobs, err := s.deps.Jobs.Jobs(c.Request().Context(), s.deps.Config.Jobs.HistoryLimit)
	if err != nil {
		return nil, err
	}
	rows := make([]historyRow, 0, len(jobs))
	for _, j := range jobs {
		rows = append(rows, historyRow{JobSummary: j, Events: eventViews(j.Events), When: j.CreatedAt.Local().Format("2006-01-02 15:04"),
			StateLabel: jobStateLabels[j.State], SHAShort: j.SHA256[:min(12, len(j.SHA256))],
			Replaced: j.ImportID != nil && replaced[*j.ImportID]})
	}
	return rows, nil
}

func (s *Server) importsPage(c echo.Context) error {
	replaced, err := s.deps.Surveys.ReplacedImports(c.Request().Context())
	if err != nil {
		return err
	}
	jobs, err := s.history(c, replaced)
	if err != nil {
		return err
	}
	waves, err := s.deps.Surveys.Waves(c.Request().Context())
	if err != nil {
		return err
	}
	page := importsPage{Title: "자료 가져오기", MaxMiB: s.deps.Config.Import.MaxFileBytes >> 20, Jobs: jobs}
	for _, w := range waves {
		page.Waves = append(page.Waves, w.Name)
	}
	direct, err := s.deps.Jobs.DirectImports(c.Request().Context(), s.deps.Config.Jobs.HistoryLimit)
	if err != nil {
		return err
	}
	for _, d := range direct {
		page.Direct = append(page.Direct, directRow{ImportSummary: d, When: d.CreatedAt.Local().Format("2006-01-02 15:04"),
			SHAShort: d.SHA256[:min(12, len(d.SHA256))], Who: noAccount + " (명령줄·데모)", Replaced: replaced[d.ID]})
	}
	if u := currentUser(c); u != nil {
		page.IsAdmin = u.Role.AtLeast(model.RoleAdmin)
	}
	return c.Render(http.StatusOK, "imports.html", page)
}

// importTitles are the job page's titles: once stored it is no longer a
// preview. static/js/imports.js switches to the stored title when the
// commit ends while the page is open.
const (
	titlePreview = "가져오기 미리보기"
	titleStored  = "가져오기 저장 완료"
)

func importTitle(state string) string {
	if state == model.JobStored {
		return titleStored
	}
	return titlePreview
}

// importPage is one job's preview: the script fills it from the JSON.
type importPage struct {
	Title      string
	Boundary   bool
	Job        *model.Job
	Events     []eventView
	StateLabel string
	IsAdmin    bool
	MayAct     bool   // the viewer uploaded the job or is an admin
	Purged     string // why the file is gone, when the retention rule removed it
	// StoredTitle is the title the script switches to when the commit ends.
	StoredTitle string
}

func (s *Server) importPage(c echo.Context) error {
	job, _, err := s.loadJob(c)
	if err != nil {
		return err
	}
	page := importPage{Title: importTitle(job.State), StoredTitle: titleStored, Job: job, Events: eventViews(job.Events), StateLabel: jobStateLabels[job.State],
		MayAct: job.MayAct(actorOf(c))}
	if job.FilePurgedAt != nil {
		page.Purged = s.purgedMessage()
	}
	if u := currentUser(c); u != nil {
		page.IsAdmin = u.Role.AtLeast(model.RoleAdmin)
	}
	return c.Render(http.StatusOK, "import.html", page)
}
