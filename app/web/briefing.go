package web

import (
	"bytes"
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"axdash/app/report"
)

// briefingPage is the print-ready A4 page: the report layer's briefing
// (sentences, measures, notes) and its key charts as SVG.
type briefingPage struct {
	pageBase
	report.Briefing
	Figures []figureView
	XLSX    string
}

func (s *Server) briefing(c echo.Context) error {
	page := briefingPage{pageBase: s.base("AI 도입 현황 브리핑", "/briefing")}
	ok, err := s.pageView(c, &page.pageBase)
	if err != nil || !ok {
		return s.renderOr(c, "briefing.html", page, err)
	}
	return s.renderCached(c, "page|/briefing|"+page.View.key(), "briefing.html", func() (any, error) {
		return s.briefingPage(c.Request().Context(), page)
	})
}

// briefingPage fills the page for its view.
func (s *Server) briefingPage(ctx context.Context, page briefingPage) (briefingPage, error) {
	v := page.View
	src, err := s.source(ctx, v)
	if err != nil {
		return page, err
	}
	b, err := s.report.Briefing(ctx, src, v.View)
	if err != nil {
		return page, err
	}
	page.Briefing = *b
	for _, fig := range b.Charts {
		fv, err := s.figureView(ctx, v, fig.ID)
		if err != nil {
			return page, err
		}
		page.Figures = append(page.Figures, fv)
	}
	page.XLSX = "/briefing.xlsx?" + v.Query()
	return page, nil
}

// briefingXLSX answers the briefing workbook, the one `axdash export
// briefing` writes for the same view.
func (s *Server) briefingXLSX(c echo.Context) error {
	v, err := s.exportView(c)
	if err != nil {
		return err
	}
	src, err := s.source(c.Request().Context(), v)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.report.WriteWorkbook(c.Request().Context(), &buf, src, v.View); err != nil {
		return err
	}
	return s.attachment(c, mimeXLSX, ".xlsx", buf.Bytes(), "briefing", v.Wave.Name, v.Region, v.Industry, v.Size)
}

// BriefingHandler renders the briefing page of a view once, with the
// renderer and content of GET /briefing, and serves it at /briefing with
// the assets it loads (/static/, the boundary map): what a headless browser
// needs to print the page, without the server's routes, sessions or
// middleware. The PDF export serves it on a loopback port.
func BriefingHandler(ctx context.Context, d Deps, rv report.View) (http.Handler, error) {
	s, err := newServer(d)
	if err != nil {
		return nil, err
	}
	m, err := s.activeMap(ctx)
	if err != nil {
		return nil, err
	}
	page := briefingPage{pageBase: s.base("AI 도입 현황 브리핑", "/briefing")}
	page.View = view{View: rv, Boundary: m.data != nil}
	page.Boundary = page.View.Boundary
	if page, err = s.briefingPage(ctx, page); err != nil {
		return nil, err
	}
	var html bytes.Buffer
	if err := s.render.raw(&html, "briefing.html", page); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/static/", staticFiles(d.Static))
	serve := func(mime string, body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", mime)
			_, _ = w.Write(body)
		}
	}
	mux.Handle("GET /briefing", serve(echo.MIMETextHTMLCharsetUTF8, html.Bytes()))
	if m.data != nil {
		mux.Handle("GET "+boundaryPath, serve("application/geo+json", m.data))
	}
	return mux, nil
}
