package configs

import (
	"fmt"
	"net"
	"time"
)

// AuthConfig holds the account, session and sign-in limits.
type AuthConfig struct {
	PublicDashboard bool          `yaml:"public_dashboard" env:"AXDASH_PUBLIC_DASHBOARD"`
	SessionIdle     time.Duration `yaml:"session_idle" env:"AXDASH_SESSION_IDLE"`
	SessionMaxAge   time.Duration `yaml:"session_max_age" env:"AXDASH_SESSION_MAX_AGE"`
	// LoginMaxFailures is per client address and login together;
	// LoginAddressMaxFailures per address whatever the logins. Beyond
	// either, within LoginWindow, sign-ins are refused (429). A login alone
	// is never refused, only delayed up to LoginDelayMax, so that nobody
	// can lock its owner out.
	LoginMaxFailures        int           `yaml:"login_max_failures" env:"AXDASH_LOGIN_MAX_FAILURES"`
	LoginAddressMaxFailures int           `yaml:"login_address_max_failures" env:"AXDASH_LOGIN_ADDRESS_MAX_FAILURES"`
	LoginWindow             time.Duration `yaml:"login_window" env:"AXDASH_LOGIN_WINDOW"`
	LoginDelayMax           time.Duration `yaml:"login_delay_max" env:"AXDASH_LOGIN_DELAY_MAX"`
	SecureCookies           bool          `yaml:"secure_cookies" env:"AXDASH_SECURE_COOKIES"`
	// ConcurrentHashes bounds the password hashes computed at once (each
	// takes 19 MiB for about 30 ms): a burst of sign-ins from many
	// addresses waits its turn instead of exhausting memory.
	ConcurrentHashes int `yaml:"concurrent_hashes" env:"AXDASH_CONCURRENT_HASHES"`
}

// maxLoginDelay bounds auth.login_delay_max: a few seconds slow a guesser
// down; more would mostly keep the owner waiting.
const maxLoginDelay = 10 * time.Second

func (c *Config) validateAuth() error {
	a := c.Auth
	switch {
	case a.SessionIdle <= 0 || a.SessionMaxAge <= 0:
		return fmt.Errorf("configs: auth.session_idle and auth.session_max_age must be positive")
	case a.LoginMaxFailures < 1:
		return fmt.Errorf("configs: auth.login_max_failures must be at least 1, got %d", a.LoginMaxFailures)
	case a.LoginAddressMaxFailures < a.LoginMaxFailures:
		return fmt.Errorf("configs: auth.login_address_max_failures (%d) must be at least auth.login_max_failures (%d)",
			a.LoginAddressMaxFailures, a.LoginMaxFailures)
	case a.LoginWindow <= 0:
		return fmt.Errorf("configs: auth.login_window must be positive")
	case a.LoginDelayMax < 0 || a.LoginDelayMax > maxLoginDelay:
		// A long delay would hold requests open until it amounts to the
		// lock-out that refusing by login alone was removed to prevent.
		return fmt.Errorf("configs: auth.login_delay_max must be between 0s and %s, got %s", maxLoginDelay, a.LoginDelayMax)
	case a.ConcurrentHashes < 1:
		return fmt.Errorf("configs: auth.concurrent_hashes must be at least 1, got %d", a.ConcurrentHashes)
	case c.Server.MaxBodyBytes < 1:
		return fmt.Errorf("configs: server.max_body_bytes must be positive")
	}
	for _, cidr := range c.Server.TrustedProxies {
		if _, _, err := net.ParseCIDR(cidr); err != nil {
			return fmt.Errorf("configs: server.trusted_proxies: %q is not a CIDR such as 10.0.0.0/8", cidr)
		}
	}
	return nil
}
