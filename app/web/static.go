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
	return func(c echo.Context) error {
		// The request's decoded path, not Echo's wildcard parameter, which
		// may still be escaped. A trailing slash or an empty name is not a
		// valid fs path, so it is not found either.
		name := strings.TrimPrefix(c.Request().URL.Path, "/static/")
		fi, err := fs.Stat(fsys, name)
		switch {
		case errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) || (err == nil && fi.IsDir()):
			return echo.ErrNotFound
		case err != nil:
			return fmt.Errorf("web: static file %s: %w", name, err)
		}
		c.Response().Header().Set("Cache-Control", "public, max-age=3600")
		http.ServeFileFS(c.Response(), c.Request(), fsys, name)
		return nil
	}
}
