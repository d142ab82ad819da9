package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
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

// maxSearchRunes bounds the search; a firm name or a search of a case
// text is never longer.
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
	// UseArea is the chosen use area filter, UseAreaCodes the choices.
	UseArea      string
	UseAreaCodes []string
	Rows         []exemplarRow
	pager
	Total      int
	TotalLabel string
	// CSV and XLSX download the whole list under the same search and filters.
	CSV, XLSX string
	// EarlierMark is charts.EarlierExemplar, for the template.
	EarlierMark string
}

// exemplarsPage lists exemplar firms with a search of names and case
// texts and the filters; business numbers are masked.
func (s *Server) exemplarsPage(c echo.Context) error {
	page := exemplarsPage{pageBase: s.base("AI 도입 우수사례 기업", "/exemplars"), UseAreaCodes: s.useAreaCodes(),
		EarlierMark: charts.EarlierExemplar}
	ok, err := s.pageView(c, &page.pageBase)
	if err != nil || !ok {
		return s.renderOr(c, "exemplars.html", page, err)
	}
	eq, err := s.exemplarQuery(c, page.View)
	if err != nil {
		return err
	}
	page.Search, page.UseArea, page.Page = eq.Search, eq.UseArea, pageParam(c)
	eq.Limit, eq.Offset = exemplarsPerPage, page.offset(exemplarsPerPage)
	firms, total, err := s.exemplars(c.Request().Context(), page.View, eq)
	if err != nil {
		return err
	}
	page.Total = total
	page.paged(int64(total), exemplarsPerPage, page.pageURL)
	page.TotalLabel = charts.FormatValue("개", float64(total))
	for _, f := range firms {
		page.Rows = append(page.Rows, s.exemplarRow(f))
	}
	page.CSV, page.XLSX = page.downloadURL(".csv"), page.downloadURL(".xlsx")
	return c.Render(http.StatusOK, "exemplars.html", page)
}

// exemplarQuery reads the search and the use area of a request: the search
// trimmed and bounded, the use area one of the survey's codes.
func (s *Server) exemplarQuery(c echo.Context, v view) (model.ExemplarQuery, error) {
	eq := model.ExemplarQuery{Filter: v.Filter(), Search: strings.TrimSpace(c.QueryParam("q")),
		UseArea: strings.TrimSpace(c.QueryParam("use_area")), Consented: !v.Internal}
	if r := []rune(eq.Search); len(r) > maxSearchRunes {
		eq.Search = string(r[:maxSearchRunes])
	}
	if eq.UseArea != "" && !slices.Contains(s.useAreaCodes(), eq.UseArea) {
		return eq, badRequest("알 수 없는 AI 활용분야입니다(use_area=" + eq.UseArea + "). 목록에 있는 활용분야를 고르세요: " +
			strings.Join(s.useAreaCodes(), ", "))
	}
	return eq, nil
}

// exemplars lists the firms of the query as the view may show them. The
// public sees only the firms that agreed to publish, and under a filter
// whose cell it may not see, their names and notes alone.
func (s *Server) exemplars(ctx context.Context, v view, eq model.ExemplarQuery) ([]model.ExemplarFirm, int, error) {
	firms, total, err := s.deps.Surveys.SearchExemplars(ctx, eq)
	if err != nil {
		return nil, 0, err
	}
	src, err := s.source(ctx, v)
	if err != nil {
		return nil, 0, err
	}
	cell, err := src.CellTotal(ctx, v.Filter())
	if err != nil {
		return nil, 0, err
	}
	if cell.Hidden {
		for i, f := range firms {
			firms[i] = disclosure.Bare(f)
		}
	}
	return firms, total, nil
}

func (s *Server) useAreaCodes() []string {
	out := make([]string, len(s.deps.Survey.UseAreas))
	for i, a := range s.deps.Survey.UseAreas {
		out[i] = a.Code
	}
	return out
}

// query is the page's view, search and use area as a URL query.
func (p exemplarsPage) query() url.Values {
	q, _ := url.ParseQuery(p.View.Query())
	if p.Search != "" {
		q.Set("q", p.Search)
	}
	if p.UseArea != "" {
		q.Set("use_area", p.UseArea)
	}
	return q
}

func (p exemplarsPage) pageURL(n int) string {
	q := p.query()
	q.Set("page", strconv.Itoa(n))
	return "/exemplars?" + q.Encode()
}

func (p exemplarsPage) downloadURL(ext string) string {
	return "/exemplars" + ext + "?" + p.query().Encode()
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
