package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"axdash/app/store"
)

// healthStore answers /healthz and /readyz: the database's dialect, whether
// it answers, and which migrations it has.
type healthStore interface {
	Dialect() string
	Ping(ctx context.Context) error
	Migrations(ctx context.Context) (store.MigrationState, error)
}

// healthz answers 200 when the database answers, 503 otherwise.
func (s *Server) healthz(c echo.Context) error {
	body := map[string]string{"status": "ok", "database": s.deps.Ops.Dialect()}
	if err := s.deps.Ops.Ping(c.Request().Context()); err != nil {
		body["status"] = "unavailable"
		return c.JSON(http.StatusServiceUnavailable, body)
	}
	return c.JSON(http.StatusOK, body)
}
