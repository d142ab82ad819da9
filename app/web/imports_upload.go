package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"axdash/app/model"
	"axdash/app/store"
)

// uploadStore queues an uploaded file as an import job.
type uploadStore interface {
	CreateJob(ctx context.Context, in store.NewJob, file io.Reader) (*model.Job, error)
	QueuedJobs(ctx context.Context, userID int64) (int, error)
}

// uploadForm is the upload request as received: the form fields and the
// file, spooled to the temp area under a server-made name.
type uploadForm struct {
	Wave     string
	Sheet    string
	FileName string // the analyst's name for the file, cleaned; only ever displayed
	// The survey period as typed (ISO dates, both or neither), and parsed.
	PeriodStart, PeriodEnd string
	Period                 *model.Period
	// Agency and Note describe the wave (조사기관, the sample design note).
	Agency, Note string
	file         *spooledFile
}

// Bounds of the upload's text fields (waves.name is VARCHAR(64); Excel
// sheet names have at most 31 characters).
const (
	maxWaveRunes  = 64
	maxSheetRunes = 31
	maxNameRunes  = 200
)

// uploadSlack is what the multipart envelope may add to the file's size:
// the route's body limit is import.max_file_bytes plus this.
const uploadSlack = 1 << 20

// tooLarge is the upload's 413, naming the limit.
func (s *Server) tooLarge() error {
	return echo.NewHTTPError(http.StatusRequestEntityTooLarge,
		fmt.Sprintf("파일이 너무 큽니다. %s 이하의 파일만 올릴 수 있습니다.", sizeLabel(s.deps.Config.Import.MaxFileBytes)))
}

// sizeLabel writes a byte count the way the limit was most likely set.
func sizeLabel(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d 바이트", n)
}

// apiImportCreate receives an upload, keeps it in the database with a
// queued job, and answers 202 with the job's id; a runner takes it from
// there.
func (s *Server) apiImportCreate(c echo.Context) error {
	// server.read_timeout suits pages, not 50 MB over a slow link.
	deadline := time.Now().Add(s.deps.Config.Jobs.UploadTimeout)
	rc := http.NewResponseController(c.Response())
	if err := errors.Join(rc.SetReadDeadline(deadline), rc.SetWriteDeadline(deadline)); err != nil {
		s.deps.Log.Warn("upload deadline", slog.Any("err", err))
	}
	if err := s.checkQueue(c); err != nil {
		return err
	}
	up, err := s.receiveUpload(c)
	if err != nil {
		return err
	}
	f, err := os.Open(up.file.path)
	if err != nil {
		return fmt.Errorf("web: reopen upload: %w", err)
	}
	defer f.Close()
	in := store.NewJob{Wave: up.Wave, Sheet: up.Sheet, FileName: up.FileName, Size: up.file.size, SHA256: up.file.sha256,
		Period: up.Period, Agency: up.Agency, Note: up.Note}
	a := actorOf(c)
	in.UserID, in.UserLogin = a.UserID, a.Login
	job, err := s.deps.Jobs.CreateJob(c.Request().Context(), in, f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, map[string]any{"id": job.ID, "state": job.State})
}

// checkQueue refuses an upload, before reading it, from an account that
// already has jobs.max_queued_per_user uploads waiting for a parse.
func (s *Server) checkQueue(c echo.Context) error {
	u := currentUser(c)
	if u == nil {
		return nil
	}
	n, err := s.deps.Jobs.QueuedJobs(c.Request().Context(), u.ID)
	if err != nil {
		return err
	}
	if max := s.deps.Config.Jobs.MaxQueuedPerUser; n >= max {
		return echo.NewHTTPError(http.StatusTooManyRequests,
			fmt.Sprintf("검사를 기다리는 가져오기가 이미 %d건 있습니다. 앞의 파일 검사가 끝난 뒤 올려 주세요.", n))
	}
	return nil
}

// receiveUpload reads the multipart body: the text fields, and the file
// spooled to the temp area while it is hashed, never whole in memory.
func (s *Server) receiveUpload(c echo.Context) (uploadForm, error) {
	form, err := readMultipart(c, uploadSpec{fields: []string{"wave", "sheet", "period_start", "period_end", "agency", "note"},
		file: "file", maxFile: s.deps.Config.Import.MaxFileBytes, tooBig: s.tooLarge})
	if err != nil {
		return uploadForm{}, err
	}
	f := form.fields
	up := uploadForm{Wave: f["wave"], Sheet: f["sheet"], PeriodStart: f["period_start"], PeriodEnd: f["period_end"],
		Agency: f["agency"], Note: f["note"], file: form.file}
	if up.file != nil {
		up.FileName = cleanText(filepath.Base(strings.ReplaceAll(up.file.name, `\`, "/")), maxNameRunes)
	}
	return up, up.validate()
}

func (up *uploadForm) validate() error {
	up.Wave, up.Sheet = strings.TrimSpace(up.Wave), strings.TrimSpace(up.Sheet)
	up.Agency, up.Note = strings.TrimSpace(up.Agency), strings.TrimSpace(up.Note)
	if err := up.parsePeriod(); err != nil {
		return err
	}
	if err := store.CheckWaveDescription(up.Agency, up.Note); err != nil {
		return badRequest(err.Error() + ".")
	}
	switch {
	case up.file == nil || up.file.size == 0:
		return badRequest("올릴 파일을 선택하세요 (빈 파일은 올릴 수 없습니다).")
	case up.Wave == "":
		return badRequest("조사 차수 이름(예: 2026-H1)을 입력하세요.")
	case !plainText(up.Wave, maxWaveRunes):
		return badRequest(fmt.Sprintf("조사 차수 이름은 제어 문자 없이 %d자 이하여야 합니다.", maxWaveRunes))
	case !plainText(up.Sheet, maxSheetRunes):
		return badRequest(fmt.Sprintf("시트 이름은 제어 문자 없이 %d자 이하여야 합니다.", maxSheetRunes))
	}
	if up.FileName == "" {
		up.FileName = "upload"
	}
	return nil
}

// parsePeriod reads the optional survey period: both dates or neither.
func (up *uploadForm) parsePeriod() error {
	start, end := strings.TrimSpace(up.PeriodStart), strings.TrimSpace(up.PeriodEnd)
	if start == "" && end == "" {
		return nil
	}
	if start == "" || end == "" {
		return badRequest("조사 기간은 시작일과 종료일을 모두 입력하거나 모두 비워 두세요.")
	}
	p, err := model.ParsePeriod(start + ".." + end)
	if err != nil {
		return badRequest(err.Error())
	}
	up.Period = &p
	return nil
}

// plainText is valid UTF-8 of at most n runes with no control characters.
func plainText(s string, n int) bool {
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > n {
		return false
	}
	return strings.IndexFunc(s, unicode.IsControl) < 0
}

// cleanText drops invalid bytes and control characters and cuts to n runes.
func cleanText(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || unicode.IsControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	if r := []rune(s); len(r) > n {
		s = string(r[:n])
	}
	return strings.TrimSpace(s)
}
