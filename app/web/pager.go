package web

import (
	"strconv"

	"github.com/labstack/echo/v4"
)

// maxPage keeps an offset far from overflow: a page number typed into the
// URL must not wrap round to page one.
const maxPage = 1 << 20

// pager is one page of a paged listing, embedded in the page's data: the
// page asked for, how many there are, and the links to the neighbours that
// the "pager" template draws.
type pager struct {
	Page    int
	Pages   int
	PrevURL string
	NextURL string
}

// pageParam is the page the request asks for, between 1 and maxPage.
func pageParam(c echo.Context) int {
	n, _ := strconv.Atoi(c.QueryParam("page"))
	return min(max(n, 1), maxPage)
}

// offset is where page starts in a listing of perPage rows a page.
func (p pager) offset(perPage int) int { return (p.Page - 1) * perPage }

// paged fills in the page count and the neighbours' links for total rows.
func (p *pager) paged(total int64, perPage int, link func(page int) string) {
	p.Pages = max(int((total+int64(perPage)-1)/int64(perPage)), 1)
	if p.Page > 1 {
		p.PrevURL = link(p.Page - 1)
	}
	if p.Page < p.Pages {
		p.NextURL = link(p.Page + 1)
	}
}
