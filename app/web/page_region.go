package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"axdash/app/store"
)

type regionPage struct {
	pageBase
	Code       string
	Name       string
	Comparison *comparison
	Figures    []figureView
}

// regionRedirect turns the region selector's GET form into the region's
// own URL, keeping the other filters.
func (s *Server) regionRedirect(c echo.Context) error {
	q := c.QueryParams()
	code, ok := s.deps.Regions.Lookup(q.Get("region"))
	if !ok {
		return badRequest("시도를 고르세요: region=" + q.Get("region"))
	}
	q.Del("region")
	return c.Redirect(http.StatusSeeOther, "/regions/"+url.PathEscape(code)+"?"+q.Encode())
}

// regionPage sets one region against the nation on every measure, then
// shows the region's figures.
func (s *Server) regionPage(c echo.Context) error {
	code, known := s.deps.Regions.Lookup(c.Param("code"))
	if !known {
		return store.ErrNotFound
	}
	if code != c.Param("code") {
		// /regions/42 (강원's old code) or /regions/경남: one canonical URL
		// per region, so bookmarks and caches agree.
		target := "/regions/" + code
		if q := c.QueryString(); q != "" {
			target += "?" + q
		}
		return c.Redirect(http.StatusMovedPermanently, target)
	}
	name := s.deps.Regions.Name(code)
	page := regionPage{pageBase: s.base(name+" AI 도입 현황", "/regions"), Code: code, Name: name}
	page.FixedRegion = true
	ok, err := s.pageView(c, &page.pageBase)
	if err != nil || !ok {
		return s.renderOr(c, "region.html", page, err)
	}
	ctx := c.Request().Context()
	v := page.View
	v.Region = code
	page.View = v
	return s.renderCached(c, "page|region|"+v.key(), "region.html", func() (any, error) {
		if page.Comparison, err = s.compare(ctx, v, code); err != nil {
			return nil, err
		}
		for _, fig := range s.deps.Catalogue.RegionFigures() {
			fv, err := s.figureView(ctx, v, fig.ID)
			if err != nil {
				return nil, err
			}
			page.Figures = append(page.Figures, fv)
		}
		return page, nil
	})
}
