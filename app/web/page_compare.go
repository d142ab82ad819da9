package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"axdash/charts"
)

// apiComparePath is the comparison's JSON twin in the open API.
const apiComparePath = "/api/v1/compare"

// compareJSON is the GET /api/v1/compare body: the 시도 compared, the
// sentences of their significant differences and the comparison's tables
// in the figures' shape.
type compareJSON struct {
	Wave      string            `json:"wave"`
	Filters   map[string]string `json:"filters"`
	Regions   []compareRegion   `json:"regions"`
	Sentences []string          `json:"sentences"`
	Tables    []figureJSON      `json:"tables"`
}

type compareRegion struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type comparePage struct {
	pageBase
	// Ask says what to pick when fewer than two 시도 are chosen; the page
	// then shows only the picker.
	Ask        string
	Comparison *charts.RegionComparison
	Tables     []figureView
	CSV, XLSX  string
	API        string
}

// needTwo is the answer to a comparison of fewer than two 시도.
func needTwo(v view) string {
	return fmt.Sprintf("비교할 시도를 %d–%d곳 고르세요(지금 %d곳): regions=48,26,11처럼 시도 코드나 이름을 쉼표로 잇습니다.",
		charts.MinCompare, charts.MaxCompare, len(v.Regions))
}

// compareQuery is the view's query with its regions, for the page's links.
func compareQuery(v view) string {
	q, _ := url.ParseQuery(v.query(false))
	q.Set("regions", strings.Join(v.Regions, ","))
	return q.Encode()
}

// comparison computes the view's comparison from its source (public or
// internal), cached until the data changes.
func (s *Server) comparison(ctx context.Context, v view) (*charts.RegionComparison, error) {
	key := "cmpr|" + strings.Join(v.Regions, ",") + "|" + v.key()
	if hit, ok := s.cache.get(key); ok {
		return hit.(*charts.RegionComparison), nil
	}
	src, err := s.source(ctx, v)
	if err != nil {
		return nil, err
	}
	rc, err := s.deps.Catalogue.CompareRegions(ctx, src, v.Filter(), v.Regions)
	if err != nil {
		return nil, err
	}
	s.cache.put(key, rc, 16384)
	return rc, nil
}

// comparePage sets 2–4 시도 side by side with 전국; with fewer it shows
// the picker.
func (s *Server) comparePage(c echo.Context) error {
	page := comparePage{pageBase: s.base("시도 비교", "/compare")}
	page.RegionChips = true
	ok, err := s.pageView(c, &page.pageBase)
	if err != nil || !ok {
		return s.renderOr(c, "compare.html", page, err)
	}
	page.View.Region = "" // the 시도 compared are the regions, 전국 the reference
	v := page.View
	if len(v.Regions) < charts.MinCompare {
		page.Ask = needTwo(v)
		return c.Render(http.StatusOK, "compare.html", page)
	}
	var names []string
	for _, code := range v.Regions {
		names = append(names, s.deps.Regions.Name(code))
	}
	page.Title = strings.Join(names, " · ") + " 비교"
	q := compareQuery(v)
	page.CSV, page.XLSX, page.API = "/compare.csv?"+q, "/compare.xlsx?"+q, apiComparePath+"?"+q
	return s.renderCached(c, "page|compare|"+strings.Join(v.Regions, ",")+"|"+v.key(), "compare.html", func() (any, error) {
		if page.Comparison, err = s.comparison(c.Request().Context(), v); err != nil {
			return nil, err
		}
		caption := strings.Join(append([]string{v.Wave.Name}, s.report.FilterNames(v.View)...), " · ")
		for _, t := range page.Comparison.Tables() {
			page.Tables = append(page.Tables, figureView{Table: t, Caption: caption})
		}
		return page, nil
	})
}

// compareView is an export's or the API's view, refused with fewer than
// two 시도.
func (s *Server) compareView(c echo.Context) (view, *charts.RegionComparison, error) {
	v, err := s.exportView(c)
	if err != nil {
		return v, nil, err
	}
	v.Region = ""
	if len(v.Regions) < charts.MinCompare {
		return v, nil, badRequest(needTwo(v))
	}
	rc, err := s.comparison(c.Request().Context(), v)
	return v, rc, err
}

// apiCompare answers GET /api/v1/compare.
func (s *Server) apiCompare(c echo.Context) error {
	v, rc, err := s.compareView(c)
	if err != nil {
		return err
	}
	out := compareJSON{Wave: v.Wave.Name, Filters: v.Filters(), Sentences: rc.Sentences}
	if out.Sentences == nil {
		out.Sentences = []string{}
	}
	for _, code := range rc.Regions {
		out.Regions = append(out.Regions, compareRegion{Code: code, Name: s.deps.Regions.Name(code)})
	}
	for _, t := range rc.Tables() {
		out.Tables = append(out.Tables, figureJSONOf(v, t))
	}
	body, err := json.Marshal(out)
	if err != nil {
		return fmt.Errorf("web: marshal comparison: %w", err)
	}
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, body)
}

// compareDownload answers /compare.csv and /compare.xlsx: the page's
// tables and sentences, labelled as every export is.
func (s *Server) compareDownload(ext string) echo.HandlerFunc {
	return func(c echo.Context) error {
		v, rc, err := s.compareView(c)
		if err != nil {
			return err
		}
		meta := s.report.Meta(v.View)
		var buf bytes.Buffer
		name := append([]string{strings.Join(v.Regions, "-")}, v.Industry, v.Size)
		if ext == ".csv" {
			if err := charts.WriteComparisonCSV(&buf, rc, meta); err != nil {
				return err
			}
			return s.attachment(c, "text/csv; charset=utf-8", ext, buf.Bytes(), "compare", v.Wave.Name, name...)
		}
		if err := charts.WriteComparisonXLSX(&buf, rc, meta); err != nil {
			return err
		}
		return s.attachment(c, mimeXLSX, ext, buf.Bytes(), "compare", v.Wave.Name, name...)
	}
}

// Compared reports whether the view's comparison holds the region, for
// the picker's chips.
func (v view) Compared(code string) bool { return slices.Contains(v.Regions, code) }

// CompareWith is the query of a comparison starting from one region (a
// region page's link): the picker asks for the others.
func (v view) CompareWith(code string) template.URL {
	w := v
	w.Regions = []string{code}
	return template.URL(compareQuery(w))
}
