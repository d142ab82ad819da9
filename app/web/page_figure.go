package web

import (
	"strings"

	"github.com/labstack/echo/v4"

	"axdash/charts"
)

type figurePage struct {
	pageBase
	Figure  figureView
	Filters string // the filters in Korean, or 전체
	APIURL  string
	CSVURL  string
	XLSXURL string
}

// figurePage shows one figure large: chart, the whole table and its notes.
func (s *Server) figurePage(c echo.Context) error {
	fig, ok := s.deps.Catalogue.Lookup(c.Param("id"))
	if !ok {
		return charts.ErrUnknownFigure
	}
	page := figurePage{pageBase: s.base(fig.Title, "/figures/"+fig.ID)}
	ok, err := s.pageView(c, &page.pageBase)
	if err != nil || !ok {
		return s.renderOr(c, "figure.html", page, err)
	}
	return s.renderCached(c, "page|fig|"+fig.ID+"|"+page.View.key(), "figure.html", func() (any, error) {
		if page.Figure, err = s.figureView(c.Request().Context(), page.View, fig.ID); err != nil {
			return nil, err
		}
		page.Filters = "전체"
		if names := s.report.FilterNames(page.View.View); len(names) > 0 {
			page.Filters = strings.Join(names, " · ")
		}
		page.APIURL = "/api/v1/figures/" + fig.ID + "?" + page.View.Query()
		page.CSVURL = "/api/v1/figures/" + fig.ID + ".csv?" + page.View.Query()
		page.XLSXURL = "/api/v1/figures/" + fig.ID + ".xlsx?" + page.View.Query()
		return page, nil
	})
}
