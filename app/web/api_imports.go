package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"

	"github.com/labstack/echo/v4"

	"axdash/app/model"
	"axdash/app/store"
)

// Issue pages: the job view carries the first few, the issues endpoint
// pages through the rest.
const (
	previewIssues = 20
	issuesPerPage = 50
)

// jobView is a job as the API shows it: the job with its events in words,
// its report with the issues capped, the issue codes with their counts (for
// the filter), whether its wave already holds data (for the replace
// button) and what the viewer may do to it.
type jobView struct {
	*model.Job
	// Events shadows Job.Events (encoding/json takes the shallower field).
	Events []eventView         `json:"events"`
	Report *model.ImportReport `json:"report"`
	// Blocking are the errors about the file or the wave that the page
	// shows first, in its own words; Issues the first issues, sorted and
	// named (issueView).
	Blocking   []issueView `json:"blocking"`
	Issues     []issueView `json:"issues"`
	Codes      []codeCount `json:"issue_codes"`
	WaveExists bool        `json:"wave_exists"`
	Final      bool        `json:"final"`
	// FieldLabels name the survey fields in Korean, for the mapping table.
	FieldLabels map[string]string `json:"field_labels"`
	Actions     jobActions        `json:"actions"`
	// FilePurged says why the file and annotated copy are gone, if they are.
	FilePurged string `json:"file_purged,omitempty"`
}

// jobActions are what the viewer may do to the job and can succeed: the
// commits of a checked job, as it is, skipping the rows with errors, or
// replacing the wave (skipping them too when there are any), and the cancel
// of a job that has not ended. A problem with the file as a whole blocks
// the three commits. Only the uploader and admins get any
// (model.Job.MayAct), so the page shows no button the store would refuse.
type jobActions struct {
	Commit       bool `json:"commit"`
	SkipInvalid  bool `json:"skip_invalid"`
	Replace      bool `json:"replace"`
	ReplaceSkips bool `json:"replace_skips"`
	Cancel       bool `json:"cancel"`
}

// actionsFor works out jobActions for by from all the job's issues and
// whether its wave holds data now (the report's wave.exists is from the
// check).
func actionsFor(job *model.Job, rep *model.ImportReport, waveExists bool, by model.Actor) jobActions {
	if !job.MayAct(by) {
		return jobActions{}
	}
	if job.State != model.JobChecked || rep == nil {
		return jobActions{Cancel: !model.JobFinal(job.State)}
	}
	var rowErrs, fileErrs bool
	for _, is := range rep.Issues {
		switch {
		case is.Severity != model.SeverityError || is.Code == "wave.exists":
		case is.Cell != "" || is.Row != 0:
			rowErrs = true
		default:
			fileErrs = true
		}
	}
	rowErrs = rowErrs || rep.Valid < rep.Rows
	ok := !fileErrs && rep.Valid > 0
	return jobActions{Commit: ok && !rowErrs && !waveExists, SkipInvalid: ok && rowErrs && !waveExists,
		Replace: ok && waveExists, ReplaceSkips: rowErrs, Cancel: true}
}

type codeCount struct {
	Code  string `json:"code"`
	Label string `json:"label"` // the code in Korean
	Count int    `json:"count"`
}

// issuesPage is one page of a job's issues, optionally of one code.
type issuesPage struct {
	Code   string      `json:"code"`
	Page   int         `json:"page"`
	Pages  int         `json:"pages"`
	Total  int         `json:"total"`
	Issues []issueView `json:"issues"`
}

// commitRequest is the body of POST …/commit.
type commitRequest struct {
	SkipInvalid bool `json:"skip_invalid"`
	Replace     bool `json:"replace"`
}

// errNoJob answers an id that names no job, malformed or not, alike.
var errNoJob = echo.NewHTTPError(http.StatusNotFound, "가져오기 작업을 찾을 수 없습니다.")

// errNotOwner answers a commit or cancel of a job the account may not act
// on (model.Job.MayAct); the job stays as it was.
var errNotOwner = echo.NewHTTPError(http.StatusForbidden, "이 가져오기는 올린 사람이나 관리자만 저장하거나 취소할 수 있습니다. "+
	"필요하면 올린 사람이나 관리자에게 요청해 주세요.")

// jobErr is err, with a missing job answered as errNoJob and another
// account's job as errNotOwner.
func jobErr(err error) error {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return errNoJob
	case errors.Is(err, store.ErrNotOwner):
		return errNotOwner
	}
	return err
}

// actorOf is the signed-in account as the store's job moves take it; the
// import routes let no anonymous visitor this far.
func actorOf(c echo.Context) model.Actor {
	u := currentUser(c)
	if u == nil {
		return model.Actor{}
	}
	return model.Actor{UserID: &u.ID, Login: u.Login, Admin: u.Role.AtLeast(model.RoleAdmin)}
}

// jobID reads the :id path parameter; 404 for anything but a positive id.
func jobID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNoJob
	}
	return id, nil
}

// loadJob reads the job named by the path and decodes its report.
func (s *Server) loadJob(c echo.Context) (*model.Job, *model.ImportReport, error) {
	id, err := jobID(c)
	if err != nil {
		return nil, nil, err
	}
	job, err := s.deps.Jobs.Job(c.Request().Context(), id)
	if err != nil {
		return nil, nil, jobErr(err)
	}
	if job.Report == "" {
		return job, nil, nil
	}
	var rep model.ImportReport
	if err := json.Unmarshal([]byte(job.Report), &rep); err != nil {
		return nil, nil, fmt.Errorf("web: report of import job %d: %w", id, err)
	}
	return job, &rep, nil
}

func (s *Server) jobView(c echo.Context) (*jobView, []model.Issue, error) {
	job, rep, err := s.loadJob(c)
	if err != nil {
		return nil, nil, err
	}
	v := &jobView{Job: job, Events: eventViews(job.Events), Report: rep, Codes: []codeCount{}, Final: model.JobFinal(job.State),
		FieldLabels: map[string]string{}, Blocking: []issueView{}, Issues: []issueView{}}
	if job.FilePurgedAt != nil {
		v.FilePurged = s.purgedMessage()
	}
	for _, f := range s.deps.Survey.Fields {
		v.FieldLabels[f.Key] = f.Header
	}
	var all []model.Issue
	if rep != nil {
		all = rep.Issues
		named := s.issues.pageIssues(all, job.Wave)
		v.Codes = countCodes(named)
		v.Blocking = blocking(named)
		v.Issues = named[:min(len(named), previewIssues)]
		capped := *rep
		capped.Issues = make([]model.Issue, len(v.Issues))
		for i, is := range v.Issues {
			capped.Issues[i] = is.Issue
		}
		v.Report = &capped
	}
	if v.WaveExists, err = s.deps.Surveys.WaveHasData(c.Request().Context(), job.Wave); err != nil {
		return nil, nil, err
	}
	v.Actions = actionsFor(job, rep, v.WaveExists, actorOf(c))
	return v, all, nil
}

func countCodes(issues []issueView) []codeCount {
	n, labels := map[string]int{}, map[string]string{}
	for _, is := range issues {
		n[is.Code]++
		labels[is.Code] = is.Label
	}
	out := make([]codeCount, 0, len(n))
	for code, k := range n {
		out = append(out, codeCount{Code: code, Label: labels[code], Count: k})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Count > out[j].Count || (out[i].Count == out[j].Count && out[i].Code < out[j].Code)
	})
	return out
}

func (s *Server) apiImport(c echo.Context) error {
	v, _, err := s.jobView(c)
	if err != nil {
		return err
	}
	if v.State == model.JobStored {
		// The analyst goes from here to the dashboard; it must show the
		// commit, whichever process ran it.
		s.states.reset()
	}
	return c.JSON(http.StatusOK, v)
}

func (s *Server) apiImportIssues(c echo.Context) error {
	job, rep, err := s.loadJob(c)
	if err != nil {
		return err
	}
	p := issuesPage{Code: c.QueryParam("code"), Page: pageParam(c), Issues: []issueView{}}
	if rep != nil {
		for _, is := range s.issues.pageIssues(rep.Issues, job.Wave) {
			if p.Code == "" || is.Code == p.Code {
				p.Issues = append(p.Issues, is)
			}
		}
	}
	p.Total = len(p.Issues)
	p.Pages = max(1, (p.Total+issuesPerPage-1)/issuesPerPage)
	from := min((p.Page-1)*issuesPerPage, p.Total)
	p.Issues = p.Issues[from:min(from+issuesPerPage, p.Total)]
	return c.JSON(http.StatusOK, p)
}

func (s *Server) apiImportCommit(c echo.Context) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	var req commitRequest
	if err := (&echo.DefaultBinder{}).BindBody(c, &req); err != nil {
		return badRequest("요청 형식이 잘못되었습니다: {\"skip_invalid\": true|false, \"replace\": true|false}")
	}
	err = s.deps.Jobs.RequestCommit(c.Request().Context(), id, actorOf(c), req.SkipInvalid, req.Replace)
	if errors.Is(err, store.ErrJobState) {
		return echo.NewHTTPError(http.StatusConflict, "검토가 끝난(확인됨) 가져오기만 저장할 수 있습니다.")
	}
	if err != nil {
		return jobErr(err)
	}
	return c.JSON(http.StatusAccepted, map[string]any{"id": id, "state": model.JobCommitting})
}

func (s *Server) apiImportCancel(c echo.Context) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	err = s.deps.Jobs.CancelJob(c.Request().Context(), id, actorOf(c))
	if errors.Is(err, store.ErrJobState) {
		return echo.NewHTTPError(http.StatusConflict, "이미 끝난 가져오기는 취소할 수 없습니다.")
	}
	if err != nil {
		return jobErr(err)
	}
	return c.JSON(http.StatusOK, map[string]any{"id": id, "state": model.JobCancelled})
}

func (s *Server) apiImports(c echo.Context) error {
	replaced, err := s.deps.Surveys.ReplacedImports(c.Request().Context())
	if err != nil {
		return err
	}
	jobs, err := s.history(c, replaced)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"imports": jobs})
}
