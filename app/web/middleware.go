package web

import (
	"log/slog"
	"regexp"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// saneRequestID is what an incoming X-Request-Id may look like to be kept
// (a proxy's or a client's id, so that one request can be followed across
// logs); anything else is replaced, so that no client can put newlines,
// markup or megabytes into our logs.
var saneRequestID = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

const loggerKey = "axdash.logger"

// requestID keeps a sane incoming X-Request-Id or generates one, echoes it
// in the response and gives the handlers a logger that carries it.
func (s *Server) requestID() []echo.MiddlewareFunc {
	drop := func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Request().Header
			if id := h.Get(echo.HeaderXRequestID); id != "" && !saneRequestID.MatchString(id) {
				h.Del(echo.HeaderXRequestID)
			}
			return next(c)
		}
	}
	set := middleware.RequestIDWithConfig(middleware.RequestIDConfig{
		RequestIDHandler: func(c echo.Context, id string) {
			c.Set(loggerKey, s.deps.Log.With(slog.String("request_id", id)))
		},
	})
	return []echo.MiddlewareFunc{drop, set}
}

// logger is the request's logger (with its request id) for handlers.
func (s *Server) logger(c echo.Context) *slog.Logger {
	if l, ok := c.Get(loggerKey).(*slog.Logger); ok {
		return l
	}
	return s.deps.Log
}

// requestLog writes one line per request and records its latency by route
// template for the metrics.
func (s *Server) requestLog() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURI: true, LogMethod: true, LogLatency: true, LogError: true, HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			s.deps.Metrics.ObserveRequest(v.Method, routeOf(c), v.Status, v.Latency)
			level := slog.LevelInfo
			if v.Status >= 500 {
				level = slog.LevelError
			}
			s.logger(c).LogAttrs(c.Request().Context(), level, "request",
				slog.String("method", v.Method), slog.String("uri", v.URI),
				slog.Int("status", v.Status), slog.Duration("latency", v.Latency))
			return nil
		},
	})
}

// notFoundRoute catches every path no route matches (see routes), so that
// such requests share one route label.
const notFoundRoute = "/*"

// routeOf is the matched route template, never the raw URL: scanners
// cannot grow the metrics without bound.
func routeOf(c echo.Context) string {
	if p := c.Path(); p != "" && p != notFoundRoute {
		return p
	}
	return "unmatched"
}
