package web

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"axdash/app/report"
	"axdash/charts"
)

// apiWaves lists the waves with their provenance (agency, period, note,
// synthetic), response counts and source files, from the memoised states:
// it answers from the last read while the database is out of reach.
func (s *Server) apiWaves(c echo.Context) error {
	states, err := s.states.get(c.Request().Context(), s.readStates)
	if err != nil {
		return err
	}
	s.markStale(c)
	return c.JSON(http.StatusOK, map[string]any{"waves": states.list})
}

func (s *Server) apiFigures(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]any{"figures": s.deps.Catalogue.Figures()})
}

// apiFigure answers one figure as JSON; the body is built once per view and
// data version and then served from the cache.
func (s *Server) apiFigure(c echo.Context) error {
	id, format := c.Param("id"), ""
	for _, ext := range []string{".csv", ".xlsx"} {
		if base, ok := strings.CutSuffix(id, ext); ok {
			id, format = base, ext
		}
	}
	if _, ok := s.deps.Catalogue.Lookup(id); !ok {
		return charts.ErrUnknownFigure
	}
	ctx := c.Request().Context()
	v, err := s.exportView(c)
	if err != nil {
		return err
	}
	if format == "" {
		tb, err := s.figureAPI(ctx, v, id)
		if err != nil {
			return err
		}
		return tb.blob(c, echo.MIMEApplicationJSON)
	}
	t, err := s.figureTable(ctx, v, id)
	if err != nil {
		return err
	}
	mime, body, err := tableFile(format, t, s.report.Meta(v.View))
	if err != nil {
		return err
	}
	if format == ".xlsx" {
		// A workbook records when it was written, so its bytes differ each
		// time: its tag is that of what it is made from (openAccess).
		c.Response().Header().Set("ETag", etagOf([]byte("xlsx|"+id+"|"+v.key())))
	}
	return s.attachment(c, mime, format, body, id, v.Wave.Name, v.Region, v.Industry, v.Size)
}

const mimeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// tableFile is a table as a download of format ext (".csv", else
// ".xlsx") labelled with meta, and its type.
func tableFile(ext string, t *charts.Table, meta charts.ExportMeta) (mime string, body []byte, err error) {
	var buf bytes.Buffer
	if ext == ".csv" {
		err = charts.WriteCSV(&buf, t, meta)
		return "text/csv; charset=utf-8", buf.Bytes(), err
	}
	err = charts.WriteXLSX(&buf, t, meta)
	return mimeXLSX, buf.Bytes(), err
}

// exportView reads the view of a download: without any wave there is
// nothing to download (404), where a page would show its empty state.
func (s *Server) exportView(c echo.Context) (view, error) {
	v, err := s.readView(c.Request().Context(), c)
	if errors.Is(err, report.ErrNoWaves) {
		return v, echo.NewHTTPError(http.StatusNotFound, "아직 가져온 조사 차수(wave)가 없습니다.")
	}
	return v, err
}

// attachment answers a file download named after id, wave and filters: an
// ASCII ExportName for every client and, when the wave or a filter is
// Korean, the Unicode name as RFC 6266 filename*, which browsers prefer.
// Both are safe in the header as they are (PathEscape leaves only RFC 5987
// attr-chars).
func (s *Server) attachment(c echo.Context, mime, ext string, body []byte, id, wave string, filters ...string) error {
	name := charts.ExportName(id, wave, filters...) + ext
	disposition := `attachment; filename="` + name + `"`
	if uni := charts.ExportNameUnicode(id, wave, filters...) + ext; uni != name {
		disposition += "; filename*=UTF-8''" + url.PathEscape(uni)
	}
	setDownload(c.Response().Header(), disposition)
	return c.Blob(http.StatusOK, mime, body)
}

// setDownload marks a response as a file to save, never to be cached.
func setDownload(h http.Header, disposition string) {
	h.Set(echo.HeaderContentDisposition, disposition)
	h.Set("Cache-Control", "no-store")
}
