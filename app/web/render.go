package web

import (
	"embed"
	"fmt"
	"html/template"
	"io"

	"github.com/labstack/echo/v4"

	"axdash/charts"
)

//go:embed templates/*.html
var templateFiles embed.FS

// renderer executes the embedded templates; html/template escapes every
// user-supplied string for its context.
type renderer struct {
	pages map[string]*template.Template
}

func newRenderer() (*renderer, error) {
	funcs := template.FuncMap{
		"cell":       charts.Display,
		"colLabel":   charts.DisplayLabel,
		"optionJSON": func(b []byte) template.JS { return template.JS(b) }, // json.Marshal output: <>& escaped
		"isNumeric":  func(col charts.Column) bool { return col.Unit != "" },
	}
	r := &renderer{pages: map[string]*template.Template{}}
	for _, page := range []string{"dashboard.html", "error.html"} {
		t, err := template.New(page).Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/"+page)
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", page, err)
		}
		r.pages[page] = t
	}
	return r, nil
}

// Render implements echo.Renderer.
func (r *renderer) Render(w io.Writer, name string, data any, _ echo.Context) error {
	t, ok := r.pages[name]
	if !ok {
		return fmt.Errorf("web: no template %q", name)
	}
	if err := t.ExecuteTemplate(w, "layout", data); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	return nil
}
