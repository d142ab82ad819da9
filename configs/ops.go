package configs

import (
	"fmt"
	"log/slog"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// LogConfig chooses the log format and the least severe level written.
type LogConfig struct {
	Format string `yaml:"format"` // text or json
	Level  string `yaml:"level"`  // debug, info, warn or error
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
	Enabled bool     `yaml:"enabled"`
	Allow   []string `yaml:"allow"`
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

// applyOpsEnv layers the operations variables: logging, metrics, the
// connection pool and timeouts.
func applyOpsEnv(c *Config, getenv func(string) string) error {
	for name, dst := range map[string]*string{"AXDASH_LOG_FORMAT": &c.Log.Format, "AXDASH_LOG_LEVEL": &c.Log.Level} {
		if v := getenv(name); v != "" {
			*dst = strings.ToLower(v)
		}
	}
	if v := getenv("AXDASH_METRICS_ENABLED"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("configs: AXDASH_METRICS_ENABLED=%q is not true or false", v)
		}
		c.Metrics.Enabled = b
	}
	if v := getenv("AXDASH_METRICS_ALLOW"); v != "" {
		c.Metrics.Allow = strings.Split(v, ",")
	}
	durations := map[string]*time.Duration{
		"AXDASH_DB_CONN_MAX_LIFETIME":         &c.Database.ConnMaxLifetime,
		"AXDASH_DB_CONN_MAX_IDLE_TIME":        &c.Database.ConnMaxIdleTime,
		"AXDASH_DB_STATEMENT_TIMEOUT":         &c.Database.StatementTimeout,
		"AXDASH_SERVER_SHUTDOWN_TIMEOUT":      &c.Server.ShutdownTimeout,
		"AXDASH_HSTS_MAX_AGE":                 &c.Server.HSTSMaxAge,
		"AXDASH_JOBS_UNSTORED_FILE_RETENTION": &c.Jobs.UnstoredFileRetention,
	}
	return setFromEnv(getenv, durations, time.ParseDuration, "a duration (e.g. 30s)")
}

func (c *Config) validateOps() error {
	d := c.Database
	switch {
	case c.Log.Format != "text" && c.Log.Format != "json":
		return fmt.Errorf("configs: log.format must be text or json, got %q", c.Log.Format)
	case d.MaxOpenConns < 0 || d.MaxIdleConns < 0:
		return fmt.Errorf("configs: database.max_open_conns and max_idle_conns must not be negative")
	case d.ConnMaxLifetime < 0 || d.ConnMaxIdleTime < 0 || d.StatementTimeout < 0:
		return fmt.Errorf("configs: database durations must not be negative")
	case c.Server.ShutdownTimeout <= 0 || c.Server.ReadyTimeout <= 0:
		return fmt.Errorf("configs: server.shutdown_timeout and server.ready_timeout must be positive")
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

// setFromEnv parses each variable that is set into its destination.
func setFromEnv[T any](getenv func(string) string, dsts map[string]*T, parse func(string) (T, error), what string) error {
	for name, dst := range dsts {
		v := getenv(name)
		if v == "" {
			continue
		}
		x, err := parse(v)
		if err != nil {
			return fmt.Errorf("configs: %s=%q is not %s", name, v, what)
		}
		*dst = x
	}
	return nil
}
