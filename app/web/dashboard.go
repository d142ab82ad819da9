package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"axdash/charts"
)

// figureView is one figure card on a page.
type figureView struct {
	Table  *charts.Table
	Option []byte
}

type dashboardPage struct {
	Title   string
	View    view
	Figures []figureView
	Empty   bool
	Source  string
}

func (s *Server) dashboard(c echo.Context) error {
	ctx := c.Request().Context()
	page := dashboardPage{Title: "지역 중소기업 AI 도입 현황", Source: s.deps.Config.Figures.Source}
	v, err := s.readView(ctx, c)
	if errors.Is(err, errNoWaves) {
		page.Empty = true
		return c.Render(http.StatusOK, "dashboard.html", page)
	}
	if err != nil {
		return err
	}
	page.View = v
	for _, fig := range s.deps.Catalogue.Figures() {
		t, err := s.deps.Catalogue.Build(ctx, s.deps.Store, fig.ID, v.Filter())
		if err != nil {
			return err
		}
		opt, err := s.deps.Catalogue.Option(t, fmt.Sprintf("%s · n=%d", v.Wave.Name, t.N))
		if err != nil {
			return err
		}
		page.Figures = append(page.Figures, figureView{Table: t, Option: opt})
	}
	return c.Render(http.StatusOK, "dashboard.html", page)
}
