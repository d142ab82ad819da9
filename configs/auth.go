package configs

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// AuthConfig holds the account, session and sign-in limits.
type AuthConfig struct {
	PublicDashboard bool          `yaml:"public_dashboard"`
	SessionIdle     time.Duration `yaml:"session_idle"`
	SessionMaxAge   time.Duration `yaml:"session_max_age"`
	// LoginMaxFailures is per client address and login together;
	// LoginAddressMaxFailures per address whatever the logins. Beyond
	// either, within LoginWindow, sign-ins are refused (429). A login alone
	// is never refused, only delayed up to LoginDelayMax, so that nobody
	// can lock its owner out.
	LoginMaxFailures        int           `yaml:"login_max_failures"`
	LoginAddressMaxFailures int           `yaml:"login_address_max_failures"`
	LoginWindow             time.Duration `yaml:"login_window"`
	LoginDelayMax           time.Duration `yaml:"login_delay_max"`
	SecureCookies           bool          `yaml:"secure_cookies"`
	// ConcurrentHashes bounds the password hashes computed at once (each
	// takes 19 MiB for about 30 ms): a burst of sign-ins from many
	// addresses waits its turn instead of exhausting memory.
	ConcurrentHashes int `yaml:"concurrent_hashes"`
}

// maxLoginDelay bounds auth.login_delay_max: a few seconds slow a guesser
// down; more would mostly keep the owner waiting.
const maxLoginDelay = 10 * time.Second

// applyAuthEnv layers the AXDASH_* variables of accounts and of the HTTP
// edge (proxies, body size) over the file.
func applyAuthEnv(c *Config, getenv func(string) string) error {
	bools := map[string]*bool{
		"AXDASH_PUBLIC_DASHBOARD": &c.Auth.PublicDashboard,
		"AXDASH_SECURE_COOKIES":   &c.Auth.SecureCookies,
	}
	if err := setFromEnv(getenv, bools, strconv.ParseBool, "true or false"); err != nil {
		return err
	}
	durs := map[string]*time.Duration{
		"AXDASH_SESSION_IDLE":    &c.Auth.SessionIdle,
		"AXDASH_SESSION_MAX_AGE": &c.Auth.SessionMaxAge,
		"AXDASH_LOGIN_WINDOW":    &c.Auth.LoginWindow,
		"AXDASH_LOGIN_DELAY_MAX": &c.Auth.LoginDelayMax,
	}
	if err := setFromEnv(getenv, durs, time.ParseDuration, "a duration such as 15m"); err != nil {
		return err
	}
	ints := map[string]*int{
		"AXDASH_LOGIN_MAX_FAILURES":         &c.Auth.LoginMaxFailures,
		"AXDASH_LOGIN_ADDRESS_MAX_FAILURES": &c.Auth.LoginAddressMaxFailures,
		"AXDASH_CONCURRENT_HASHES":          &c.Auth.ConcurrentHashes,
	}
	if err := setFromEnv(getenv, ints, strconv.Atoi, "an integer"); err != nil {
		return err
	}
	if v := getenv("AXDASH_MAX_BODY_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return fmt.Errorf("configs: AXDASH_MAX_BODY_BYTES=%q is not an integer", v)
		}
		c.Server.MaxBodyBytes = n
	}
	if v, ok := lookup(getenv, "AXDASH_TRUSTED_PROXIES"); ok {
		c.Server.TrustedProxies = splitList(v)
	}
	return nil
}

// lookup treats "-" as an explicit empty value, so that an environment can
// clear a list the file set.
func lookup(getenv func(string) string, name string) (string, bool) {
	v := getenv(name)
	if v == "-" {
		return "", true
	}
	return v, v != ""
}

func splitList(v string) []string {
	var out []string
	for _, f := range strings.Split(v, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

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
