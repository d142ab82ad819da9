package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/charts"
)

// findingStore reads a wave's quality findings for the quality page and its
// export.
type findingStore interface {
	Findings(ctx context.Context, f store.FindingFilter) ([]model.Finding, int64, error)
	FindingCounts(ctx context.Context, waveID int64) ([]model.FindingCount, error)
}

// findingsPerPage keeps the list short enough to scan; maxExportFindings
// bounds the workbook (a wave with more findings than this has a problem
// no list will fix, and the counts still say how many).
const (
	findingsPerPage   = 100
	maxExportFindings = 200_000
)

type qualityPage struct {
	pageBase
	Counts []model.FindingCount
	Rows   []model.Finding
	Code   string // the code the rows are limited to, or ""
	Total  int64
	pager
	XLSXURL  string
	AllURL   string
	CodeURLs map[string]string
}

// qualityPage shows a wave's data-quality findings: counts by rule, then
// the rows involved, a page at a time, optionally for one code.
func (s *Server) qualityPage(c echo.Context) error {
	page := qualityPage{pageBase: s.base("데이터 품질 점검", "/quality")}
	ok, err := s.pageView(c, &page.pageBase)
	if err != nil || !ok {
		return s.renderOr(c, "quality.html", page, err)
	}
	ctx, wave := c.Request().Context(), page.View.Wave
	if page.Counts, err = s.findingCounts(c, wave.ID); err != nil {
		return err
	}
	page.Code = knownCode(c.QueryParam("code"), page.Counts)
	page.Page = pageParam(c)
	page.Rows, page.Total, err = s.deps.Surveys.Findings(ctx, store.FindingFilter{WaveID: wave.ID, Code: page.Code,
		Offset: page.offset(findingsPerPage), Limit: findingsPerPage})
	if err != nil {
		return err
	}
	page.paged(page.Total, findingsPerPage, func(n int) string { return "/quality?" + qualityQuery(wave.Name, page.Code, n) })
	page.XLSXURL, page.AllURL = "/quality.xlsx?"+qualityQuery(wave.Name, "", 0), "/quality?"+qualityQuery(wave.Name, "", 0)
	page.CodeURLs = map[string]string{}
	for _, n := range page.Counts {
		page.CodeURLs[n.Code] = "/quality?" + qualityQuery(wave.Name, n.Code, 0)
	}
	return c.Render(http.StatusOK, "quality.html", page)
}

// qualityXLSX downloads the wave's findings as a workbook.
func (s *Server) qualityXLSX(c echo.Context) error {
	ctx := c.Request().Context()
	v, err := s.exportView(c)
	if err != nil {
		return err
	}
	q := charts.QualityExport{Wave: v.Wave.Name}
	if q.Counts, err = s.findingCounts(c, v.Wave.ID); err != nil {
		return err
	}
	q.Findings, q.Total, err = s.deps.Surveys.Findings(ctx, store.FindingFilter{WaveID: v.Wave.ID, Limit: maxExportFindings})
	if err != nil {
		return err
	}
	q.Truncated = q.Total > int64(len(q.Findings))
	var buf bytes.Buffer
	if err := charts.WriteQualityXLSX(&buf, q, s.deps.Config.Figures.Source); err != nil {
		return err
	}
	return s.attachment(c, mimeXLSX, ".xlsx", buf.Bytes(), "quality", v.Wave.Name)
}

// findingCounts counts the wave's findings by code; an outlier code's
// messages differ by row (each gives its range), so it gets one summary.
func (s *Server) findingCounts(c echo.Context, waveID int64) ([]model.FindingCount, error) {
	counts, err := s.deps.Surveys.FindingCounts(c.Request().Context(), waveID)
	for i, n := range counts {
		if field, ok := strings.CutSuffix(n.Code, ".outlier"); ok {
			label := field
			if f := s.deps.Survey.Field(field); f != nil {
				label = f.Header
			}
			counts[i].Message = label + " 이상값: 같은 업종·규모 기업에 비해 지나치게 크거나 작은 값 (단위 착오 의심)"
		}
	}
	return counts, err
}

// knownCode keeps a code filter only if the wave has findings of it.
func knownCode(code string, counts []model.FindingCount) string {
	for _, n := range counts {
		if n.Code == code {
			return code
		}
	}
	return ""
}

func qualityQuery(wave, code string, page int) string {
	q := url.Values{"wave": {wave}}
	if code != "" {
		q.Set("code", code)
	}
	if page > 0 {
		q.Set("page", strconv.Itoa(page))
	}
	return q.Encode()
}
