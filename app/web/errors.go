package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/charts"
)

// statusOf is the one place that maps error kinds to HTTP statuses.
func (s *Server) statusOf(err error) (int, string) {
	if msg := model.NoSpaceMessage(store.NoSpace(err)); msg != "" {
		return http.StatusInsufficientStorage, msg
	}
	var he *echo.HTTPError
	switch {
	case errors.Is(err, echo.ErrStatusRequestEntityTooLarge): // Echo's own, in English
		return http.StatusRequestEntityTooLarge, "요청이 너무 큽니다. 보낼 수 있는 크기를 넘었습니다."
	case errors.As(err, &he):
		if msg, ok := he.Message.(string); ok && msg != http.StatusText(he.Code) {
			return he.Code, msg
		}
		return he.Code, statusText(he.Code)
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "찾을 수 없습니다."
	case errors.Is(err, store.ErrFilePurged):
		return http.StatusGone, s.purgedMessage()
	case errors.Is(err, charts.ErrUnknownFigure):
		return http.StatusNotFound, "없는 그림(figure)입니다."
	case store.Unreachable(err):
		return dbStatus(err)
	default:
		return http.StatusInternalServerError, "서버 오류가 발생했습니다. 잠시 후 다시 시도하세요."
	}
}

// statusText is the Korean for Echo's own errors, which carry only the
// English status text (an unknown /api/ route, a method a route lacks).
func statusText(code int) string {
	switch code {
	case http.StatusNotFound:
		return "찾을 수 없습니다."
	case http.StatusMethodNotAllowed:
		return "이 주소에서는 허용되지 않는 요청 방식입니다."
	case http.StatusUnauthorized:
		return "로그인이 필요합니다."
	case http.StatusForbidden:
		return "이 작업을 할 권한이 없습니다."
	case http.StatusBadRequest:
		return "요청 형식이 잘못되었습니다."
	case http.StatusUnsupportedMediaType:
		return "지원하지 않는 요청 형식입니다."
	}
	return http.StatusText(code)
}

// handleError answers JSON under /api and /healthz and a page elsewhere.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	if clientGone(c, err) {
		// Nobody is left to read an answer, and nothing failed on our side:
		// recorded as nginx's 499 (client closed request), not as a 500.
		c.Response().Status = statusClientClosed
		s.logger(c).Info("client went away", slog.String("uri", c.Request().RequestURI))
		return
	}
	// A full disk is named in the log as in the answer.
	err = store.NoSpace(err)
	code, msg := s.statusOf(err)
	if code == http.StatusServiceUnavailable {
		setRetryAfter(c.Response().Header())
	}
	if code >= 500 {
		s.logger(c).Error("request failed", slog.String("uri", c.Request().RequestURI), slog.Any("err", err))
	}
	path := c.Request().URL.Path
	var werr error
	if strings.HasPrefix(path, "/api/") || path == "/healthz" || path == "/readyz" || path == "/metrics" {
		werr = c.JSON(code, map[string]any{"error": msg, "status": code})
	} else {
		werr = c.Render(code, "error.html", map[string]any{"Status": code, "Message": msg})
	}
	if werr != nil {
		s.logger(c).Error("write error response", slog.Any("err", werr))
	}
}

// statusClientClosed is what the request log and metrics record for a
// request whose client went away before its answer.
const statusClientClosed = 499

// clientGone reports whether err is the request's own context ending
// because the client closed the connection.
func clientGone(c echo.Context, err error) bool {
	return errors.Is(err, context.Canceled) && errors.Is(c.Request().Context().Err(), context.Canceled)
}

// badRequest is a 400 with a Korean message.
func badRequest(msg string) error { return echo.NewHTTPError(http.StatusBadRequest, msg) }
