package web

import (
	"fmt"
	"net"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// ipExtractor decides which address is the client's, for the sign-in rate
// limit and the logs. Without configured proxies it is the connecting
// address and X-Forwarded-For is ignored (a client could write anything
// there). With proxies, the header is believed only as far as it was
// appended by exactly those CIDRs: Echo's default trust of loopback, link
// local and private networks is switched off.
func ipExtractor(trusted []string) (echo.IPExtractor, error) {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect(), nil
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, cidr := range trusted {
		_, n, err := net.ParseCIDR(cidr)
		if err != nil {
			return nil, fmt.Errorf("web: server.trusted_proxies: %q is not a CIDR: %w", cidr, err)
		}
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...), nil
}

// bodyLimit caps request bodies before anything reads them (the CSRF
// check reads forms): server.max_body_bytes for ordinary requests (413
// beyond), or the limit a route registered with limitBody.
func (s *Server) bodyLimit() echo.MiddlewareFunc {
	def := middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{
		Limit: strconv.FormatInt(s.deps.Config.Server.MaxBodyBytes, 10) + "B",
	})
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		ordinary := def(next)
		return func(c echo.Context) error {
			if own, ok := s.routeLimits[c.Request().Method+" "+c.Path()]; ok {
				return own(next)(c)
			}
			return ordinary(c)
		}
	}
}

// limitBody gives one route (as registered, e.g. "/api/v1/imports") its own
// body limit instead of server.max_body_bytes: routes that take files.
func (s *Server) limitBody(method, path string, limit int64) {
	s.routeLimits[method+" "+path] = middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{
		Limit: strconv.FormatInt(limit, 10) + "B",
	})
}
