package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// healthz answers 200 when the database answers, 503 otherwise.
func (s *Server) healthz(c echo.Context) error {
	body := map[string]string{"status": "ok", "database": s.deps.Store.Ops.Dialect()}
	if err := s.deps.Store.Ops.Ping(c.Request().Context()); err != nil {
		body["status"] = "unavailable"
		return c.JSON(http.StatusServiceUnavailable, body)
	}
	return c.JSON(http.StatusOK, body)
}
