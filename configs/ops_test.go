package configs

import (
	"strings"
	"testing"
	"time"
)

func TestOpsDefaultsAndEnv(t *testing.T) {
	c, err := Load(envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	d := c.Database
	if c.Log.Format != "text" || c.Log.Level != "info" || !c.Metrics.Enabled || len(c.Metrics.Allow) != 0 ||
		d.MaxOpenConns != 10 || d.MaxIdleConns != 10 || d.ConnMaxLifetime != 30*time.Minute ||
		d.ConnMaxIdleTime != 5*time.Minute || d.StatementTimeout != 30*time.Second ||
		c.Server.ShutdownTimeout != 20*time.Second || c.Server.ReadyTimeout != 2*time.Second || c.Server.HSTSMaxAge != 0 {
		t.Errorf("defaults: log %+v metrics %+v database %+v server %+v", c.Log, c.Metrics, d, c.Server)
	}
	c, err = Load(envOf(map[string]string{
		"AXDASH_LOG_FORMAT": "JSON", "AXDASH_LOG_LEVEL": "debug", "AXDASH_METRICS_ENABLED": "false",
		"AXDASH_METRICS_ALLOW": "10.0.0.0/8, 192.0.2.7", "AXDASH_DB_MAX_OPEN_CONNS": "25", "AXDASH_DB_MAX_IDLE_CONNS": "5",
		"AXDASH_DB_CONN_MAX_LIFETIME": "1h", "AXDASH_DB_CONN_MAX_IDLE_TIME": "90s", "AXDASH_DB_STATEMENT_TIMEOUT": "0",
		"AXDASH_SERVER_SHUTDOWN_TIMEOUT": "45s", "AXDASH_HSTS_MAX_AGE": "8760h",
	}))
	if err != nil {
		t.Fatal(err)
	}
	d = c.Database
	if c.Log.Format != "json" || c.Log.SlogLevel().String() != "DEBUG" || c.Metrics.Enabled || d.MaxOpenConns != 25 ||
		d.MaxIdleConns != 5 || d.ConnMaxLifetime != time.Hour || d.ConnMaxIdleTime != 90*time.Second ||
		d.StatementTimeout != 0 || c.Server.ShutdownTimeout != 45*time.Second || c.Server.HSTSMaxAge != 8760*time.Hour {
		t.Errorf("env: log %+v metrics %+v database %+v server %+v", c.Log, c.Metrics, d, c.Server)
	}
	nets, err := c.Metrics.Networks()
	if err != nil || len(nets) != 2 || nets[0].String() != "10.0.0.0/8" || nets[1].String() != "192.0.2.7/32" {
		t.Errorf("networks = %v, %v", nets, err)
	}
}

func TestOpsRejects(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"AXDASH_LOG_FORMAT": "xml"}, "log.format"},
		{map[string]string{"AXDASH_LOG_LEVEL": "loud"}, "log.level"},
		{map[string]string{"AXDASH_METRICS_ENABLED": "maybe"}, "AXDASH_METRICS_ENABLED"},
		{map[string]string{"AXDASH_METRICS_ALLOW": "10.0.0.0/33"}, "metrics.allow"},
		{map[string]string{"AXDASH_METRICS_ALLOW": "intranet"}, "metrics.allow"},
		{map[string]string{"AXDASH_DB_MAX_OPEN_CONNS": "ten"}, "not an integer"},
		{map[string]string{"AXDASH_DB_MAX_IDLE_CONNS": "-1"}, "must not be negative"},
		{map[string]string{"AXDASH_DB_STATEMENT_TIMEOUT": "30"}, "not a duration"},
		{map[string]string{"AXDASH_DB_CONN_MAX_LIFETIME": "-1m"}, "must not be negative"},
		{map[string]string{"AXDASH_SERVER_SHUTDOWN_TIMEOUT": "0s"}, "shutdown_timeout"},
		{map[string]string{"AXDASH_HSTS_MAX_AGE": "-1h"}, "hsts_max_age"},
		{map[string]string{"AXDASH_HSTS_MAX_AGE": "1.5s"}, "whole number of seconds"},
	}
	for _, tt := range tests {
		if _, err := Load(envOf(tt.env)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want one mentioning %q", tt.env, err, tt.want)
		}
	}
}
