package web

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"axdash/app/store"
)

type adminWavesPage struct {
	adminBase
	Waves []store.WaveSummary
}

// renameWaveForm and deleteWaveForm are the waves page's DTOs. Deleting
// asks for the wave's name typed again, so a slip of the mouse deletes
// nothing.
type renameWaveForm struct {
	Name string `form:"name"`
}

type deleteWaveForm struct {
	Confirm string `form:"confirm"`
}

func (s *Server) adminWaves(c echo.Context) error {
	return s.renderWaves(c, http.StatusOK, "")
}

func (s *Server) renderWaves(c echo.Context, status int, errMsg string) error {
	waves, err := s.deps.Store.Waves(c.Request().Context())
	if err != nil {
		return err
	}
	page := adminWavesPage{adminBase: s.adminBase(c, "조사 차수 관리", "waves"), Waves: waves}
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
	err = s.deps.Store.RenameWave(c.Request().Context(), id, f.Name)
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
	waves, err := s.deps.Store.Waves(ctx)
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
	del, err := s.deps.Store.DeleteWave(ctx, id)
	if err != nil {
		return err
	}
	s.states.reset()
	s.audit(c, "wave deleted", slog.String("wave", del.Name), slog.Int64("responses", del.Responses),
		slog.Int64("imports", del.Imports), slog.Int64("files", del.Files))
	return doneRedirect(c, "/admin/waves", "deleted")
}
