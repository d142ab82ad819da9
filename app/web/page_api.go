package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// apiEndpoint is one path of the API document as the /api page shows it.
type apiEndpoint struct {
	Path, Summary, Description string
	Params                     []apiParameter
	// Target is the path with its first example parameter; Curl, the
	// line that fetches it from the address the page was asked at (At).
	Target, Curl string
	Sample       string   // the example answer, indented; "" without one
	Downloads    []string // the figure's CSV and XLSX paths
}

// At is the endpoint with its curl line for the server at base.
func (e apiEndpoint) At(base string) apiEndpoint {
	e.Curl = "curl -s '" + base + e.Target + "'"
	return e
}

type apiPage struct {
	Title, Intro, DocPath string
	Boundary              bool   // the layout's; the page draws no map
	Base                  string // scheme and host the page was asked at, for the curl lines
	Params                []apiParameter
	Lists, Figures        []apiEndpoint
	Error                 string
}

// newAPIPage is the /api page, which shows other agencies' developers the
// public API: every path of the document with its parameters, a curl line
// and a sample answer, all read from the document the server serves. It is
// made once, when the server starts; only the address differs per request.
func newAPIPage(doc *apiDoc) apiPage {
	page := apiPage{Title: "공개 API", Intro: doc.Info.Description, DocPath: openAPIPath,
		Error: indentJSON(doc.Components.Responses["BadRequest"].Content["application/json"].Example)}
	for _, name := range []string{"wave", "region", "industry", "size", "highlight"} {
		page.Params = append(page.Params, doc.Components.Parameters[name])
	}
	for _, path := range doc.order {
		op := doc.Paths[path].Get
		if strings.HasSuffix(path, ".csv") || strings.HasSuffix(path, ".xlsx") {
			continue
		}
		ep := apiEndpoint{Path: path, Summary: op.Summary, Description: op.Description, Target: path}
		for _, ref := range op.Parameters {
			ep.Params = append(ep.Params, doc.Components.Parameters[strings.TrimPrefix(ref.Ref, "#/components/parameters/")])
		}
		for _, p := range ep.Params {
			if p.Example != "" {
				ep.Target += "?" + p.Name + "=" + p.Example
				break
			}
		}
		for _, ext := range []string{".csv", ".xlsx"} {
			if _, ok := doc.Paths[path+ext]; ok {
				ep.Downloads = append(ep.Downloads, path+ext)
			}
		}
		if media, ok := op.Responses["200"].Content[echo.MIMEApplicationJSON]; ok && media.Example != nil {
			ep.Sample = indentJSON(media.Example)
		}
		if len(op.Parameters) == 0 {
			page.Lists = append(page.Lists, ep)
		} else {
			page.Figures = append(page.Figures, ep)
		}
	}
	return page
}

// apiPage serves the page made at start, at the address it was asked at.
func (s *Server) apiPage(c echo.Context) error {
	page := s.apiHelp
	page.Base = c.Scheme() + "://" + c.Request().Host
	return c.Render(http.StatusOK, "api.html", page)
}

// indentJSON is v as indented JSON with its Korean as it is.
func indentJSON(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // html/template escapes the page
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return ""
	}
	return buf.String()
}

// openAPI serves the document; it is made once, when the server starts.
func (s *Server) openAPI(c echo.Context) error {
	return s.apiJSON.blob(c, echo.MIMEApplicationJSON)
}
