package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"axdash/app/disclosure"
	"axdash/app/model"
	"axdash/charts"
)

// exemplarStore searches the exemplar firms for the exemplars page.
type exemplarStore interface {
	SearchExemplars(ctx context.Context, eq model.ExemplarQuery) ([]model.ExemplarFirm, int, error)
}

// exemplarsPerPage keeps the list short enough to scan.
const exemplarsPerPage = 50

// maxSearchRunes bounds the name search; a firm name is never longer.
const maxSearchRunes = 100

type exemplarRow struct {
	Firm       model.ExemplarFirm
	BusinessNo string // masked
	Region     string
	Industry   string
	Size       string
	UseAreas   string
	Gain       string
}

type exemplarsPage struct {
	pageBase
	Search string
	Rows   []exemplarRow
	pager
	Total      int
	TotalLabel string
}

// exemplarsPage lists exemplar firms with a name search and the filters;
// business numbers are masked.
func (s *Server) exemplarsPage(c echo.Context) error {
	page := exemplarsPage{pageBase: s.base("AI 도입 우수사례 기업", "/exemplars")}
	ok, err := s.pageView(c, &page.pageBase)
	if err != nil || !ok {
		return s.renderOr(c, "exemplars.html", page, err)
	}
	page.Search = strings.TrimSpace(c.QueryParam("q"))
	if r := []rune(page.Search); len(r) > maxSearchRunes {
		page.Search = string(r[:maxSearchRunes])
	}
	page.Page = pageParam(c)
	ctx := c.Request().Context()
	// The public sees only the firms that agreed to publish, and under a
	// filter whose cell it may not see, their names and notes alone.
	firms, total, err := s.deps.Surveys.SearchExemplars(ctx, model.ExemplarQuery{Filter: page.View.Filter(),
		Search: page.Search, Limit: exemplarsPerPage, Offset: page.offset(exemplarsPerPage), Consented: !page.View.Internal})
	if err != nil {
		return err
	}
	src, err := s.source(ctx, page.View)
	if err != nil {
		return err
	}
	cell, err := src.CellTotal(ctx, page.View.Filter())
	if err != nil {
		return err
	}
	if cell.Hidden {
		for i, f := range firms {
			firms[i] = disclosure.Bare(f)
		}
	}
	page.Total = total
	page.paged(int64(total), exemplarsPerPage, page.pageURL)
	page.TotalLabel = charts.FormatValue("개", float64(total))
	for _, f := range firms {
		page.Rows = append(page.Rows, s.exemplarRow(f))
	}
	return c.Render(http.StatusOK, "exemplars.html", page)
}

func (p exemplarsPage) pageURL(n int) string {
	q, _ := url.ParseQuery(p.View.Query())
	if p.Search != "" {
		q.Set("q", p.Search)
	}
	q.Set("page", strconv.Itoa(n))
	return "/exemplars?" + q.Encode()
}

func (s *Server) exemplarRow(f model.ExemplarFirm) exemplarRow {
	f.FirmName, f.Note, f.Sigungu = charts.Clean(f.FirmName), charts.Clean(f.Note), charts.Clean(f.Sigungu)
	row := exemplarRow{Firm: f, BusinessNo: charts.MaskBusinessNo(f.BusinessNo), Region: s.deps.Regions.Name(f.Region),
		Industry: s.deps.Survey.IndustryName(f.Industry), Size: s.deps.Survey.BandLabel(f.SizeBand),
		UseAreas: strings.Join(f.UseAreas, ", ")}
	if f.Sigungu != "" {
		row.Region += " " + f.Sigungu
	}
	if f.ProductivityGain != nil {
		row.Gain = charts.FormatValue("%", *f.ProductivityGain)
	}
	return row
}
