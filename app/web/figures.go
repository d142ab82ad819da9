package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"axdash/app/model"
	"axdash/charts"
)

// builtFigure is one figure for one view, ready for a page.
type builtFigure struct {
	Table  *charts.Table
	Option []byte // the ECharts option (json.Marshal output)
}

// figureJSON is the API shape of design §6: columns are the JSON keys, rows
// hold one value per column, a suppressed value is null.
type figureJSON struct {
	ID      string            `json:"id"`
	Title   string            `json:"title"`
	Wave    string            `json:"wave"`
	Filters map[string]string `json:"filters"`
	N       *int              `json:"n"` // null when the view withholds it (charts.Table.NWithheld)
	Columns []string          `json:"columns"`
	Labels  []string          `json:"labels"`
	Units   []string          `json:"units"`
	Rows    [][]any           `json:"rows"`
	// Status is each row's status (charts.StatusText: 비공개 with its
	// reason, 주의 for an imprecise estimate, …; "" for a plain row), for
	// a table of estimates; absent for a list such as the exemplar firms.
	Status []string `json:"status,omitempty"`
	Notes  []string `json:"notes"`
}

// figureTable builds the figure's table for the view from the cubes in
// memory: tens of microseconds, so it is not cached itself.
func (s *Server) figureTable(ctx context.Context, v view, id string) (*charts.Table, error) {
	src, err := s.source(ctx, v)
	if err != nil {
		return nil, err
	}
	t, err := s.report.Figure(ctx, src, id, v.View)
	if err != nil {
		return nil, err
	}
	t.ImageName = charts.ExportNameUnicode(id, v.Wave.Name, v.Region, v.Industry, v.Size)
	t.Highlight = v.Highlight
	return t, nil
}

// figureAPI returns the GET /api/v1/figures/{id} body for the view with
// its tag, cached until the data changes. Only the bytes (and their tag)
// are kept: under random filters the cache turns over constantly, and
// tables (pointers throughout) would give the garbage collector far more
// to scan.
func (s *Server) figureAPI(ctx context.Context, v view, id string) (taggedBody, error) {
	key := "api|" + id + "|" + v.key()
	if hit, ok := s.cache.get(key); ok {
		return hit.(taggedBody), nil
	}
	t, err := s.figureTable(ctx, v, id)
	if err != nil {
		return taggedBody{}, err
	}
	body, err := apiBody(v, t)
	if err != nil {
		return taggedBody{}, err
	}
	tb := newTaggedBody(body)
	s.cache.put(key, tb, len(body)+len(tb.etag))
	return tb, nil
}

// figure returns the figure for the view with its chart, for pages, from
// the cache when the data has not changed since it was built.
func (s *Server) figure(ctx context.Context, v view, id string) (*builtFigure, error) {
	key := "fig|" + id + "|" + v.key()
	if hit, ok := s.cache.get(key); ok {
		return hit.(*builtFigure), nil
	}
	t, err := s.figureTable(ctx, v, id)
	if err != nil {
		return nil, err
	}
	var opt []byte
	if t.Figure.Choropleth && v.Boundary {
		opt, err = s.deps.Catalogue.MapOption(t, s.caption(v, t))
	} else {
		opt, err = s.deps.Catalogue.Option(t, s.caption(v, t))
	}
	if err != nil {
		return nil, err
	}
	b := &builtFigure{Table: t, Option: opt}
	s.cache.put(key, b, 2*len(opt)) // the table is about as big as its chart
	return b, nil
}

// caption is a chart's subtitle: wave, filters by name, and n.
func (s *Server) caption(v view, t *charts.Table) string {
	return fmt.Sprintf("%s · n=%s", strings.Join(append([]string{v.Wave.Name}, s.report.FilterNames(v.View)...), " · "), t.NText())
}

func apiBody(v view, t *charts.Table) ([]byte, error) {
	b, err := json.Marshal(figureJSONOf(v, t))
	if err != nil {
		return nil, fmt.Errorf("web: marshal figure %s: %w", t.Figure.ID, err)
	}
	return b, nil
}

// figureJSONOf is a table in the API's shape (figureJSON).
func figureJSONOf(v view, t *charts.Table) figureJSON {
	out := figureJSON{ID: t.Figure.ID, Title: t.Figure.Title, Wave: v.Wave.Name, Filters: v.Filters(),
		Rows: t.Rows, Notes: t.Notes, Columns: []string{}, Labels: []string{}, Units: []string{}}
	for _, col := range t.Columns {
		out.Columns = append(out.Columns, col.Key)
		out.Labels = append(out.Labels, col.Label)
		out.Units = append(out.Units, col.Unit)
	}
	if out.Rows == nil {
		out.Rows = [][]any{}
	}
	if !t.NWithheld {
		out.N = &t.N
	}
	out.Status = charts.StatusColumnOf(t)
	return out
}

// headlines returns the dashboard's numbers for the view, cached like
// figures.
func (s *Server) headlines(ctx context.Context, v view) ([]charts.Measure, error) {
	key := "head|" + v.key()
	if hit, ok := s.cache.get(key); ok {
		return hit.([]charts.Measure), nil
	}
	var prev int64
	if v.Prev != nil {
		prev = v.Prev.ID
	}
	src, err := s.source(ctx, v)
	if err != nil {
		return nil, err
	}
	hs, err := s.deps.Catalogue.Headlines(ctx, src, v.Filter(), prev)
	if err != nil {
		return nil, err
	}
	s.cache.put(key, hs, 1024)
	return hs, nil
}

// comparison is a region page's measures against the nation and its chart,
// and each measure against the same 시도 in the previous wave (Rows).
type comparison struct {
	Measures []charts.Measure
	Rows     []charts.BriefingMeasure
	Option   []byte
}

func (s *Server) compare(ctx context.Context, v view, region string) (*comparison, error) {
	key := "cmp|" + region + "|" + v.key()
	if hit, ok := s.cache.get(key); ok {
		return hit.(*comparison), nil
	}
	f := model.Filter{WaveID: v.Wave.ID, Region: region, Industry: v.Industry, Size: v.Size}
	src, err := s.source(ctx, v)
	if err != nil {
		return nil, err
	}
	var prev int64
	if v.Prev != nil {
		prev = v.Prev.ID
	}
	rows, err := s.deps.Catalogue.RegionMeasures(ctx, src, f, prev)
	if err != nil {
		return nil, err
	}
	ms := make([]charts.Measure, len(rows))
	for i, r := range rows {
		ms[i] = *r.Nation // a region's measures always have the nation's
	}
	opt, err := s.deps.Catalogue.CompareOption(ms, s.deps.Regions.Name(region), v.Wave.Name)
	if err != nil {
		return nil, err
	}
	cmp := &comparison{Measures: ms, Rows: rows, Option: opt}
	s.cache.put(key, cmp, 4096+len(opt))
	return cmp, nil
}

// renderCached answers a page from the cache, or builds, renders and keeps
// it. A page depends only on its view (and the server's configuration), so
// the view key covers every change of data; key names the page. The cache
// keeps the page without the visitor's parts (see splice).
func (s *Server) renderCached(c echo.Context, key, name string, build func() (any, error)) error {
	if hit, ok := s.cache.get(key); ok {
		return writePage(c, http.StatusOK, hit.([]byte))
	}
	page, err := build()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.render.raw(&buf, name, page); err != nil {
		return err
	}
	s.cache.put(key, buf.Bytes(), buf.Len())
	return writePage(c, http.StatusOK, buf.Bytes())
}
