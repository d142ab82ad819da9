package configs

import (
	"fmt"
	"log/slog"
	"net/netip"
	"strings"
	"time"
)

// LogConfig chooses the log format and the least severe level written.
type LogConfig struct {
	Format string `yaml:"format" env:"AXDASH_LOG_FORMAT"` // text or json
	Level  string `yaml:"level" env:"AXDASH_LOG_LEVEL"`   // debug, info, warn or error
}

// normalize lowercases what the environment or a file may spell in
// capitals (AXDASH_LOG_FORMAT=JSON).
func (l *LogConfig) normalize() {
	l.Format, l.Level = strings.ToLower(l.Format), strings.ToLower(l.Level)
}

// SlogLevel is the configured level; validate has checked it parses.
func (l LogConfig) SlogLevel() slog.Level {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(l.Level)); err != nil {
		return slog.LevelInfo
	}
	return lv
}

// MetricsConfig says whether /metrics is served and to whom: loopback
// always, other clients only from the Allow networks (CIDRs).
type MetricsConfig struct {
	Enabled bool     `yaml:"enabled" env:"AXDASH_METRICS_ENABLED"`
	Allow   []string `yaml:"allow" env:"AXDASH_METRICS_ALLOW"`
}

// Networks parses Allow; a bare address is a network of one.
func (m MetricsConfig) Networks() ([]netip.Prefix, error) {
	out := make([]netip.Prefix, 0, len(m.Allow))
	for _, s := range m.Allow {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("configs: metrics.allow entry %q is neither a CIDR nor an address", s)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

func (c *Config) validateOps() error {
	d := c.Database
	switch {
	case c.Log.Format != "text" && c.Log.Format != "json":
		return fmt.Errorf("configs: log.format must be text or json, got %q", c.Log.Format)
	case d.MaxOpenConns < 0 || d.MaxIdleConns < 0:
		return fmt.Errorf("configs: database.max_open_conns and max_idle_conns must not be negative")
	case d.ConnMaxLifetime < 0 || d.ConnMaxIdleTime < 0 || d.StatementTimeout < 0 || d.ConnectTimeout < 0:
		return fmt.Errorf("configs: database durations must not be negative")
	case c.Server.ShutdownTimeout <= 0 || c.Server.ReadyTimeout <= 0:
		return fmt.Errorf("configs: server.shutdown_timeout and server.ready_timeout must be positive")
	case c.Server.RequestTimeout <= 0 || c.Server.LongRequestTimeout <= 0:
		return fmt.Errorf("configs: server.request_timeout and server.long_request_timeout must be positive")
	case c.Server.RequestTimeout <= c.Auth.LoginDelayMax:
		// A sign-in waits out its delay within its request's deadline.
		return fmt.Errorf("configs: server.request_timeout (%s) must be longer than auth.login_delay_max (%s)",
			c.Server.RequestTimeout, c.Auth.LoginDelayMax)
	case c.Server.HSTSMaxAge < 0 || c.Server.HSTSMaxAge%time.Second != 0:
		return fmt.Errorf("configs: server.hsts_max_age must be 0 (off) or a whole number of seconds, got %s", c.Server.HSTSMaxAge)
	}
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(c.Log.Level)); err != nil {
		return fmt.Errorf("configs: log.level must be debug, info, warn or error, got %q", c.Log.Level)
	}
	if _, err := c.Metrics.Networks(); err != nil {
		return err
	}
	return nil
}
