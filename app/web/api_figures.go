package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"axdash/charts"
)

// figureJSON is the API shape of design §6: columns are the JSON keys, rows
// hold one value per column, a suppressed value is null.
type figureJSON struct {
	ID      string            `json:"id"`
	Title   string            `json:"title"`
	Wave    string            `json:"wave"`
	Filters map[string]string `json:"filters"`
	N       int               `json:"n"`
	Columns []string          `json:"columns"`
	Labels  []string          `json:"labels"`
	Units   []string          `json:"units"`
	Rows    [][]any           `json:"rows"`
	Notes   []string          `json:"notes"`
}

func (s *Server) apiWaves(c echo.Context) error {
	waves, err := s.deps.Store.Waves(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"waves": waves})
}

func (s *Server) apiFigures(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]any{"figures": s.deps.Catalogue.Figures()})
}

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
	t, err := s.deps.Catalogue.Build(ctx, s.deps.Store, id, v.Filter())
	if err != nil {
		return err
	}
	out := figureJSON{ID: id, Title: t.Figure.Title, Wave: v.Wave.Name, Filters: v.Filters(), N: t.N, Rows: t.Rows, Notes: t.Notes}
	for _, col := range t.Columns {
		out.Columns = append(out.Columns, col.Key)
		out.Labels = append(out.Labels, col.Label)
		out.Units = append(out.Units, col.Unit)
	}
	if out.Rows == nil {
		out.Rows = [][]any{}
	}
	return c.JSON(http.StatusOK, out)
}
