package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io"

	"github.com/labstack/echo/v4"

	"axdash/app/model"
)

// Pages are cached as rendered bytes and shared by every visitor, but each
// response must carry its own CSRF token and signed-in account, and the
// outage banner when its figures come from the last read. The layout
// therefore holds markers that html/template cannot produce from data (it
// escapes "<"), and each response splices its own parts in: the cached page
// stays shared, the per-response part costs a few small templates.
const (
	markerHead   = "<!--axdash:session-head-->"
	markerBar    = "<!--axdash:session-bar-->"
	markerBanner = "<!--axdash:session-outage-->"
)

// chrome is the per-visitor part of every page.
type chrome struct {
	CSRF      string
	User      *model.User
	CanImport bool
	IsAdmin   bool
	Public    bool // a read-only server: no sign-in link
	// Outage is the banner of figures served from the last read while the
	// database is out of reach (see markStale); "" shows none.
	Outage string
}

func chromeOf(c echo.Context) chrome {
	u := currentUser(c)
	public, _ := c.Get(publicKey).(bool)
	ch := chrome{CSRF: csrfToken(c), User: u, Public: public, Outage: outageBanner(c)}
	if u != nil {
		ch.CanImport, ch.IsAdmin = u.Role.AtLeast(model.RoleAnalyst), u.Role.AtLeast(model.RoleAdmin)
	}
	return ch
}

var chromeTemplates = template.Must(template.New("chrome").Parse(
	`{{define "head"}}<meta name="csrf-token" content="{{.CSRF}}">{{end}}` +
		`{{define "bar"}}<div class="session">{{if .User}}` +
		`<span class="who" data-login="{{.User.Login}}">{{.User.Login}} <small>{{.User.Role.Label}}</small></span>` +
		`{{if .CanImport}}<a href="/imports">가져오기</a><a href="/quality">데이터 품질</a>{{end}}` +
		`{{if .IsAdmin}}<a href="/admin/users">관리</a>{{end}}` +
		`<form method="post" action="/logout" class="logout"><input type="hidden" name="_csrf" value="{{.CSRF}}">` +
		`<button type="submit">로그아웃</button></form>` +
		`{{else if not .Public}}<a class="login" href="/login">로그인</a>{{end}}</div>{{end}}` +
		`{{define "banner"}}{{with .Outage}}<p class="outage" role="status">{{.}}</p>{{end}}{{end}}`))

// splice writes page with the visitor's parts in place of the markers.
func splice(w io.Writer, page []byte, c echo.Context) error {
	ch := chromeOf(c)
	for _, part := range []struct{ marker, tmpl string }{{markerHead, "head"}, {markerBar, "bar"}, {markerBanner, "banner"}} {
		i := bytes.Index(page, []byte(part.marker))
		if i < 0 {
			continue
		}
		if _, err := w.Write(page[:i]); err != nil {
			return fmt.Errorf("web: write page: %w", err)
		}
		if err := chromeTemplates.ExecuteTemplate(w, part.tmpl, ch); err != nil {
			return fmt.Errorf("web: render session part: %w", err)
		}
		page = page[i+len(part.marker):]
	}
	if _, err := w.Write(page); err != nil {
		return fmt.Errorf("web: write page: %w", err)
	}
	return nil
}

// writePage answers with a rendered page (cached or fresh) and the
// visitor's parts.
func writePage(c echo.Context, status int, page []byte) error {
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().WriteHeader(status)
	return splice(c.Response(), page, c)
}

// staticMarkers are the layout's template functions that place the markers.
func staticMarkers() template.FuncMap {
	return template.FuncMap{
		"sessionHead":  func() template.HTML { return markerHead },
		"sessionBar":   func() template.HTML { return markerBar },
		"outageBanner": func() template.HTML { return markerBanner },
	}
}
