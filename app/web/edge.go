package web

import (
	"fmt"
	"net"

	"github.com/labstack/echo/v4"
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
