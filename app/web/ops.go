package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"

	"github.com/labstack/echo/v4"
)

// readyz answers 200 when the database answers within the ready timeout and
// every embedded migration is applied, 503 with the reason otherwise, so
// that a load balancer sends no traffic to a server that cannot serve.
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.deps.Config.Server.ReadyTimeout)
	defer cancel()
	st := s.deps.Ops
	body := map[string]any{"status": "ready", "database": st.Dialect()}
	unready := func(reason string, err error) error {
		if err != nil {
			s.logger(c).Warn("not ready", slog.String("reason", reason), slog.Any("err", err))
		}
		body["status"], body["reason"] = "unavailable", reason
		return c.JSON(http.StatusServiceUnavailable, body)
	}
	if err := st.Ping(ctx); err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return unready("database did not answer within "+s.deps.Config.Server.ReadyTimeout.String(), err)
		}
		return unready("database unreachable", err)
	}
	ms, err := st.Migrations(ctx)
	if err != nil {
		return unready("cannot read the schema version", err)
	}
	body["migrations"] = ms.Applied
	if len(ms.Pending) > 0 {
		body["pending"] = ms.Pending
		return unready("migrations pending: "+strings.Join(ms.Pending, ", ")+" (run axdash migrate)", nil)
	}
	return c.JSON(http.StatusOK, body)
}

// metricsRoute is the handler of /metrics, nil when metrics are off. It
// serves Prometheus metrics to loopback clients and to the configured
// networks only: they name routes, volumes and timings that are nobody
// else's business.
func (s *Server) metricsRoute() (echo.HandlerFunc, error) {
	mc := s.deps.Config.Metrics
	if !mc.Enabled || s.deps.Metrics == nil {
		return nil, nil
	}
	nets, err := mc.Networks()
	if err != nil {
		return nil, err
	}
	h := s.deps.Metrics.Handler()
	noProxies := len(s.deps.Config.Server.TrustedProxies) == 0
	return func(c echo.Context) error {
		// Without configured proxies the address is the connecting one, so
		// behind a reverse proxy on this host every visitor would look like
		// loopback. A forwarded request is not a local scraper's.
		if noProxies && forwarded(c.Request().Header) || !allowedClient(c.RealIP(), nets) {
			return echo.NewHTTPError(http.StatusForbidden, "metrics are not served to this address")
		}
		h.ServeHTTP(c.Response(), c.Request())
		return nil
	}, nil
}

// forwarded says a proxy passed the request on.
func forwarded(h http.Header) bool {
	return h.Get(echo.HeaderXForwardedFor) != "" || h.Get(echo.HeaderXRealIP) != "" || h.Get("Forwarded") != ""
}

func allowedClient(ip string, nets []netip.Prefix) bool {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	a = a.Unmap()
	if a.IsLoopback() {
		return true
	}
	for _, p := range nets {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
