package web

// TEMPORARY: stands in for the auth branch's contract until it is merged.

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"axdash/app/model"
)

func currentUser(c echo.Context) *model.User {
	u, _ := c.Get("axdash.user").(*model.User)
	return u
}

func (s *Server) requireRole(min model.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := currentUser(c)
			if u == nil {
				return echo.NewHTTPError(http.StatusUnauthorized, "로그인이 필요합니다.")
			}
			if !u.Role.AtLeast(min) {
				return echo.NewHTTPError(http.StatusForbidden, "권한이 없습니다.")
			}
			return next(c)
		}
	}
}
