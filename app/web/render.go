package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"

	"github.com/labstack/echo/v4"

	"axdash/charts"
)

//go:embed templates/*.html
var templateFiles embed.FS

// pages are the page templates; each is parsed with the layout and the
// shared partials.
func pages() []string {
	return []string{"dashboard.html", "figure.html", "region.html", "exemplars.html", "quality.html", "error.html",
		"briefing.html", "api.html", "compare.html", "imports.html", "import.html", "login.html", "admin_users.html", "admin_waves.html", "admin_boundary.html"}
}

// renderer executes the embedded templates; html/template escapes every
// user-supplied string for its context.
type renderer struct {
	pages map[string]*template.Template
}

func newRenderer() (*renderer, error) {
	funcs := template.FuncMap{
		"cellText": charts.CellText,
		"colLabel": charts.DisplayLabel,
		// json.Marshal output (<, > and & escaped), placed in a JSON data
		// block that no script executes.
		"optionJSON":      func(b []byte) template.JS { return template.JS(b) },
		"isNumeric":       func(col charts.Column) bool { return col.Unit != "" },
		"value":           charts.FormatValue,
		"change":          charts.FormatChange,
		"sign":            changeSign,
		"account":         accountName,
		"syntheticNotice": func() string { return charts.SyntheticNotice },
		"altText":         charts.AltText,
		"compareAlt":      charts.CompareAlt,
		"keyValues":       charts.KeyValues,
	}
	for k, f := range staticMarkers() {
		funcs[k] = f
	}
	r := &renderer{pages: map[string]*template.Template{}}
	for _, page := range pages() {
		t, err := template.New(page).Funcs(funcs).ParseFS(templateFiles,
			"templates/layout.html", "templates/partials.html", "templates/admin_partials.html", "templates/badge.html", "templates/"+page)
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", page, err)
		}
		r.pages[page] = t
	}
	return r, nil
}

// changeSign classes a change for colour: "up", "down" or "flat".
func changeSign(v any) string {
	f, ok := v.(float64)
	switch {
	case !ok || (f < 0.05 && f > -0.05):
		return "flat"
	case f > 0:
		return "up"
	default:
		return "down"
	}
}

// Render implements echo.Renderer: the page, then the visitor's parts.
func (r *renderer) Render(w io.Writer, name string, data any, c echo.Context) error {
	var buf bytes.Buffer
	if err := r.raw(&buf, name, data); err != nil {
		return err
	}
	return splice(w, buf.Bytes(), c)
}

// raw renders a page with the session markers still in it: the form that
// is cached and shared.
func (r *renderer) raw(w io.Writer, name string, data any) error {
	t, ok := r.pages[name]
	if !ok {
		return fmt.Errorf("web: no template %q", name)
	}
	if err := t.ExecuteTemplate(w, "layout", data); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	return nil
}
