package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"axdash/charts"
)

func (s *Server) apiWaves(c echo.Context) error {
	waves, err := s.states.get(c.Request().Context(), s.deps.Store.WaveStates)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"waves": waves})
}

func (s *Server) apiFigures(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]any{"figures": s.deps.Catalogue.Figures()})
}

// apiFigure answers one figure as JSON; the body is built once per view and
// data version and then served from the cache.
func (s *Server) apiFigure(c echo.Context) error {
	id := c.Param("id")
	if _, ok := s.deps.Catalogue.Lookup(id); !ok {
		return charts.ErrUnknownFigure
	}
	ctx := c.Request().Context()
	v, err := s.readView(ctx, c)
	if errors.Is(err, errNoWaves) {
		return echo.NewHTTPError(http.StatusNotFound, "아직 가져온 조사 차수(wave)가 없습니다.")
	}
	if err != nil {
		return err
	}
	fig, err := s.figure(ctx, v, id)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, fig.API)
}
