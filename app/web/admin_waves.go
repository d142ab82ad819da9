package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"axdash/app/store"
)

// waveAdmin lists, renames and deletes waves for the waves admin page.
type waveAdmin interface {
	Waves(ctx context.Context) ([]store.WaveSummary, error)
	RenameWave(ctx context.Context, id int64, name string) error
	DescribeWave(ctx context.Context, id int64, agency, note string) error
	DeleteWave(ctx context.Context, id int64) (*store.DeletedWave, error)
	DeleteSyntheticWaves(ctx context.Context) ([]store.DeletedWave, error)
}

type adminWavesPage struct {
	adminBase
	Waves []store.WaveSummary
	// Synthetic counts the demo waves, for the delete-all form.
	Synthetic   int
	ConfirmWord string
}

// renameWaveForm and deleteWaveForm are the waves page's DTOs. Deleting
// asks for the wave's name typed again, so a slip of the mouse deletes
// nothing.
type renameWaveForm struct {
	Name string `form:"name"`
}

// describeWaveForm is the agency and design note of a wave as edited.
type describeWaveForm struct {
	Agency string `form:"agency"`
	Note   string `form:"note"`
}

type deleteWaveForm struct {
	Confirm string `form:"confirm"`
}

// demoConfirmWord is what the admin types to delete every demo wave at
// once: a fixed word, since the action names no single wave.
const demoConfirmWord = "합성 자료 삭제"

func (s *Server) adminWaves(c echo.Context) error {
	return s.renderWaves(c, http.StatusOK, "")
}

func (s *Server) renderWaves(c echo.Context, status int, errMsg string) error {
	waves, err := s.deps.Surveys.Waves(c.Request().Context())
	if err != nil {
		return err
	}
	page := adminWavesPage{adminBase: s.adminBase(c, "조사 차수 관리", "waves"), Waves: waves, ConfirmWord: demoConfirmWord}
	for _, w := range waves {
		if w.Synthetic {
			page.Synthetic++
		}
	}
	page.Error = errMsg
	return c.Render(status, "admin_waves.html", page)
}

func waveID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return 0, echo.NewHTTPError(http.StatusNotFound, "없는 조사 차수입니다.")
	}
	return id, nil
}

func (s *Server) adminRenameWave(c echo.Context) error {
	id, err := waveID(c)
	if err != nil {
		return err
	}
	var f renameWaveForm
	if err := c.Bind(&f); err != nil {
		return badRequest("양식을 읽을 수 없습니다.")
	}
	if err := store.CheckWaveName(strings.TrimSpace(f.Name)); err != nil {
		return s.renderWaves(c, http.StatusBadRequest, err.Error()+".")
	}
	err = s.deps.Surveys.RenameWave(c.Request().Context(), id, f.Name)
	if errors.Is(err, store.ErrWaveNameTaken) {
		return s.renderWaves(c, http.StatusConflict, "그 이름의 조사 차수가 이미 있습니다.")
	}
	if err != nil {
		return err
	}
	s.states.reset()
	s.audit(c, "wave renamed", slog.Int64("wave_id", id), slog.String("name", strings.TrimSpace(f.Name)))
	return doneRedirect(c, "/admin/waves", "renamed")
}

// adminDescribeWave sets a wave's agency and design note; an empty field
// clears it. Pages name them, so the memoised states are read again.
func (s *Server) adminDescribeWave(c echo.Context) error {
	id, err := waveID(c)
	if err != nil {
		return err
	}
	var f describeWaveForm
	if err := c.Bind(&f); err != nil {
		return badRequest("양식을 읽을 수 없습니다.")
	}
	if err := store.CheckWaveDescription(strings.TrimSpace(f.Agency), strings.TrimSpace(f.Note)); err != nil {
		return s.renderWaves(c, http.StatusBadRequest, err.Error()+".")
	}
	err = s.deps.Surveys.DescribeWave(c.Request().Context(), id, f.Agency, f.Note)
	if errors.Is(err, store.ErrNotFound) {
		return echo.NewHTTPError(http.StatusNotFound, "없는 조사 차수입니다.")
	}
	if err != nil {
		return err
	}
	s.states.reset()
	s.audit(c, "wave described", slog.Int64("wave_id", id), slog.String("agency", strings.TrimSpace(f.Agency)))
	return doneRedirect(c, "/admin/waves", "described")
}

func (s *Server) adminDeleteWave(c echo.Context) error {
	id, err := waveID(c)
	if err != nil {
		return err
	}
	var f deleteWaveForm
	if err := c.Bind(&f); err != nil {
		return badRequest("양식을 읽을 수 없습니다.")
	}
	ctx := c.Request().Context()
	waves, err := s.deps.Surveys.Waves(ctx)
	if err != nil {
		return err
	}
	name := ""
	for _, w := range waves {
		if w.ID == id {
			name = w.Name
		}
	}
	if name == "" {
		return echo.NewHTTPError(http.StatusNotFound, "없는 조사 차수입니다.")
	}
	if strings.TrimSpace(f.Confirm) != name {
		return s.renderWaves(c, http.StatusBadRequest, "지우려면 조사 차수 이름을 똑같이 입력하세요.")
	}
	del, err := s.deps.Surveys.DeleteWave(ctx, id)
	if err != nil {
		return err
	}
	s.states.reset()
	s.audit(c, "wave deleted", slog.String("wave", del.Name), slog.Int64("responses", del.Responses),
		slog.Int64("imports", del.Imports), slog.Int64("files", del.Files))
	return doneRedirect(c, "/admin/waves", "deleted")
}

// adminDeleteDemoWaves deletes every synthetic wave in one transaction,
// once the admin has typed the confirmation word.
func (s *Server) adminDeleteDemoWaves(c echo.Context) error {
	var f deleteWaveForm
	if err := c.Bind(&f); err != nil {
		return badRequest("양식을 읽을 수 없습니다.")
	}
	if strings.TrimSpace(f.Confirm) != demoConfirmWord {
		return s.renderWaves(c, http.StatusBadRequest, "합성 자료를 모두 지우려면 ‘"+demoConfirmWord+"’를 똑같이 입력하세요.")
	}
	deleted, err := s.deps.Surveys.DeleteSyntheticWaves(c.Request().Context())
	if err != nil {
		return err
	}
	s.states.reset()
	for _, d := range deleted {
		s.audit(c, "wave deleted", slog.String("wave", d.Name), slog.Bool("synthetic", true),
			slog.Int64("responses", d.Responses), slog.Int64("imports", d.Imports), slog.Int64("files", d.Files))
	}
	return doneRedirect(c, "/admin/waves", "demo-deleted")
}
