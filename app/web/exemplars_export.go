package web

import "github.com/labstack/echo/v4"

// exemplarDownloadLimit bounds a download: more than any wave's exemplars
// (a few percent of its responses), so the file is the whole list.
const exemplarDownloadLimit = 100_000

// exemplarsDownload answers /exemplars.csv and /exemplars.xlsx: the
// directory's list under the page's search and filters, as the view may
// show it (the public's only the consenting firms, bare under a withheld
// cell), with only the fields a firm agrees to publish: never its
// business number or contact. The internal view's file starts with its
// label, as every figure export does.
func (s *Server) exemplarsDownload(ext string) echo.HandlerFunc {
	return func(c echo.Context) error {
		v, err := s.exportView(c)
		if err != nil {
			return err
		}
		eq, err := s.exemplarQuery(c, v)
		if err != nil {
			return err
		}
		eq.Limit = exemplarDownloadLimit
		firms, _, err := s.exemplars(c.Request().Context(), v, eq)
		if err != nil {
			return err
		}
		t := s.deps.Catalogue.ExemplarDirectory(firms)
		meta := s.report.Meta(v.View)
		if eq.Search != "" {
			meta.Filters = append(meta.Filters, "검색어 ‘"+eq.Search+"’")
		}
		if eq.UseArea != "" {
			meta.Filters = append(meta.Filters, "AI 활용분야 "+eq.UseArea)
		}
		mime, body, err := tableFile(ext, t, meta)
		if err != nil {
			return err
		}
		return s.attachment(c, mime, ext, body, "exemplars", v.Wave.Name, v.Region, v.Industry, v.Size, eq.UseArea)
	}
}
