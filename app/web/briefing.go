package web

import (
	"bytes"
	"context"
	"strings"

	"github.com/labstack/echo/v4"

	"axdash/charts"
)

// briefingPage is the print-ready A4 page: headline sentences, a compact
// table of the measures, the key charts as SVG, notes and source.
type briefingPage struct {
	pageBase
	Heading   string
	Filters   string
	Against   string // what the comparison column holds
	Sentences []string
	Measures  []charts.Measure
	Figures   []figureView
	Notes     []string
	XLSX      string
}

// briefingMeasures are the measures the briefing states: against the
// nation when a region is chosen, otherwise against the previous wave.
func (s *Server) briefingMeasures(ctx context.Context, v view) ([]charts.Measure, string, error) {
	if v.Region != "" {
		f := v.Filter()
		f.Region = ""
		src, err := s.source(ctx, v)
		if err != nil {
			return nil, "", err
		}
		ms, err := s.deps.Catalogue.Compare(ctx, src, f, v.Region)
		if err != nil {
			return nil, "", err
		}
		var out []charts.Measure
		for _, m := range ms {
			switch m.Key {
			case "adoption_rate", "mean_cost", "support_share", "gap_rate", "exemplars":
				out = append(out, m)
			}
		}
		return out, "전국 평균", nil
	}
	hs, err := s.headlines(ctx, v)
	if err != nil {
		return nil, "", err
	}
	against := ""
	if v.Prev != nil {
		against = "이전 차수(" + v.Prev.Name + ")"
	}
	return hs, against, nil
}

func (s *Server) briefing(c echo.Context) error {
	ctx := c.Request().Context()
	page := briefingPage{pageBase: s.base("AI 도입 현황 브리핑", "/briefing")}
	ok, err := s.pageView(c, &page.pageBase)
	if err != nil || !ok {
		return s.renderOr(c, "briefing.html", page, err)
	}
	return s.renderCached(c, "page|/briefing|"+page.View.key(), "briefing.html", func() (any, error) {
		v := page.View
		meta := s.exportMeta(v)
		page.Heading = charts.BriefingTitle(meta)
		page.Filters = "전체"
		if len(meta.Filters) > 0 {
			page.Filters = strings.Join(meta.Filters, " · ")
		}
		subject := "전국"
		if v.Region != "" {
			subject = s.deps.Regions.Name(v.Region)
		}
		if v.Industry != "" || v.Size != "" {
			subject += "(" + strings.Join(s.filterNames(view{Industry: v.Industry, Size: v.Size}), " · ") + ")"
		}
		ms, against, err := s.briefingMeasures(ctx, v)
		if err != nil {
			return nil, err
		}
		page.Measures, page.Against = ms, against
		for _, m := range ms {
			page.Sentences = append(page.Sentences, charts.Sentence(subject, against, m))
		}
		for _, fig := range s.deps.Catalogue.BriefingCharts(v.Region != "") {
			fv, err := s.figureView(ctx, v, fig.ID)
			if err != nil {
				return nil, err
			}
			page.Figures = append(page.Figures, fv)
		}
		page.Notes = s.deps.Catalogue.MethodNotes()
		page.XLSX = "/briefing.xlsx?" + v.Query()
		return page, nil
	})
}

// briefingXLSX answers the briefing workbook: a cover sheet with the
// headline measures, then a sheet per figure with its native chart.
func (s *Server) briefingXLSX(c echo.Context) error {
	ctx := c.Request().Context()
	v, err := s.exportView(c)
	if err != nil {
		return err
	}
	ms, _, err := s.briefingMeasures(ctx, v)
	if err != nil {
		return err
	}
	var tables []*charts.Table
	for _, fig := range s.deps.Catalogue.BriefingFigures() {
		b, err := s.figure(ctx, v, fig.ID)
		if err != nil {
			return err
		}
		tables = append(tables, b.Table)
	}
	meta := s.exportMeta(v)
	var buf bytes.Buffer
	if err := charts.WriteBriefingXLSX(&buf, charts.BriefingTitle(meta), ms, tables, meta); err != nil {
		return err
	}
	return s.attachment(c, mimeXLSX, ".xlsx", buf.Bytes(), "briefing", v.Wave.Name, v.Region, v.Industry, v.Size)
}
