package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"axdash/app/report"
	"axdash/charts"
	"axdash/configs"
)

// pageBase is what every page's layout and filter form need.
type pageBase struct {
	Title      string
	Action     string // the filter form's target
	View       view
	Empty      bool
	Source     string
	Boundary   bool
	Regions    []configs.Region
	Industries []configs.Industry
	Sizes      []configs.Band
	// FixedRegion hides the region filter (a region page picks it by path).
	FixedRegion bool
	// RegionChips replaces the region filter by the comparison's chips
	// (the 시도 compared are picked, 2–4, not filtered by).
	RegionChips bool
}

// figureView is one figure card on a page.
type figureView struct {
	Table   *charts.Table
	Option  []byte
	Link    string // the figure's own page, with the view's filters
	CSV     string // the figure as CSV, with the view's filters
	XLSX    string // the figure as a workbook with a native chart
	Caption string
}

type dashboardPage struct {
	pageBase
	Headlines []charts.Measure
	Figures   []figureView
}

func (s *Server) base(title, action string) pageBase {
	return pageBase{Title: title, Action: action, Source: s.deps.Config.Figures.Source,
		Regions: s.deps.Regions.Regions, Industries: s.deps.Survey.Industries, Sizes: s.deps.Survey.SizeBands}
}

// pageView reads the view for a page; no waves yet is an empty page, not an
// error.
func (s *Server) pageView(c echo.Context, b *pageBase) (bool, error) {
	v, err := s.readView(c.Request().Context(), c)
	b.Boundary = v.Boundary
	if errors.Is(err, report.ErrNoWaves) {
		b.Empty, b.View = true, v
		return false, nil
	}
	if err != nil {
		return false, err
	}
	b.View = v
	return true, nil
}

func (s *Server) dashboard(c echo.Context) error {
	ctx := c.Request().Context()
	page := dashboardPage{pageBase: s.base("지역 중소기업 AI 도입 현황", "/")}
	ok, err := s.pageView(c, &page.pageBase)
	if err != nil || !ok {
		return s.renderOr(c, "dashboard.html", page, err)
	}
	return s.renderCached(c, "page|/|"+page.View.key(), "dashboard.html", func() (any, error) {
		if page.Headlines, err = s.headlines(ctx, page.View); err != nil {
			return nil, err
		}
		for _, fig := range s.deps.Catalogue.Figures() {
			fv, err := s.figureView(ctx, page.View, fig.ID)
			if err != nil {
				return nil, err
			}
			page.Figures = append(page.Figures, fv)
		}
		return page, nil
	})
}

// renderOr renders the page unless err is set.
func (s *Server) renderOr(c echo.Context, name string, page any, err error) error {
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, name, page)
}

func (s *Server) figureView(ctx context.Context, v view, id string) (figureView, error) {
	fig, err := s.figure(ctx, v, id)
	if err != nil {
		return figureView{}, err
	}
	caption := "조사 차수 " + v.Wave.Name
	if names := s.report.FilterNames(v.View); len(names) > 0 {
		caption += " · " + strings.Join(names, " · ")
	}
	return figureView{Table: fig.Table, Option: fig.Option, Link: "/figures/" + id + "?" + v.Query(),
		CSV: "/api/v1/figures/" + id + ".csv?" + v.Query(), XLSX: "/api/v1/figures/" + id + ".xlsx?" + v.Query(),
		Caption: fmt.Sprintf("%s · n=%s", caption, fig.Table.NText())}, nil
}
