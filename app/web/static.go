package web

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// staticHandler serves the embedded assets under /static/ with a cache
// header; they only change with the binary. It serves files only: a folder
// is an unknown path like any other (the Korean 404), not a listing of what
// the binary carries, with or without its trailing slash.
func staticHandler(fsys fs.FS) echo.HandlerFunc {
	return func(c echo.Context) error { return serveStatic(c.Response(), c.Request(), fsys) }
}

// staticFiles is staticHandler for a plain mux (the briefing printer's):
// the same files, and a plain 404 for anything else.
func staticFiles(fsys fs.FS) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := serveStatic(w, r, fsys); err != nil {
			http.NotFound(w, r)
		}
	})
}

// serveStatic answers /static/NAME from fsys, or echo.ErrNotFound when
// NAME is no file.
func serveStatic(w http.ResponseWriter, r *http.Request, fsys fs.FS) error {
	// The request's decoded path, not Echo's wildcard parameter, which may
	// still be escaped. A trailing slash or an empty name is not a valid fs
	// path, so it is not found either.
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	fi, err := fs.Stat(fsys, name)
	switch {
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) || (err == nil && fi.IsDir()):
		return echo.ErrNotFound
	case err != nil:
		return fmt.Errorf("web: static file %s: %w", name, err)
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.ServeFileFS(w, r, fsys, name)
	return nil
}
