package configs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAuthDefaultsAndEnv(t *testing.T) {
	c, err := Load(envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	a := c.Auth
	if !a.PublicDashboard || a.SecureCookies || a.SessionIdle != 2*time.Hour || a.SessionMaxAge != 12*time.Hour ||
		a.LoginMaxFailures != 5 || a.LoginAddressMaxFailures != 20 || a.LoginWindow != 15*time.Minute ||
		a.LoginDelayMax != 4*time.Second || c.Server.MaxBodyBytes != 1<<20 ||
		len(c.Server.TrustedProxies) != 0 || a.ConcurrentHashes != 4 {
		t.Errorf("defaults: %+v, server %+v", a, c.Server)
	}
	c, err = Load(envOf(map[string]string{"AXDASH_PUBLIC_DASHBOARD": "false", "AXDASH_SECURE_COOKIES": "1",
		"AXDASH_SESSION_IDLE": "30m", "AXDASH_SESSION_MAX_AGE": "8h", "AXDASH_LOGIN_MAX_FAILURES": "3",
		"AXDASH_LOGIN_WINDOW": "1m", "AXDASH_MAX_BODY_BYTES": "2048", "AXDASH_CONCURRENT_HASHES": "2",
		"AXDASH_LOGIN_ADDRESS_MAX_FAILURES": "9", "AXDASH_LOGIN_DELAY_MAX": "0s",
		"AXDASH_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.1/32"}))
	if err != nil {
		t.Fatal(err)
	}
	a = c.Auth
	if a.PublicDashboard || !a.SecureCookies || a.SessionIdle != 30*time.Minute || a.SessionMaxAge != 8*time.Hour ||
		a.LoginMaxFailures != 3 || a.LoginAddressMaxFailures != 9 || a.LoginWindow != time.Minute ||
		a.LoginDelayMax != 0 || c.Server.MaxBodyBytes != 2048 ||
		strings.Join(c.Server.TrustedProxies, "|") != "10.0.0.0/8|192.168.1.1/32" || a.ConcurrentHashes != 2 {
		t.Errorf("env: %+v, server %+v", a, c.Server)
	}
}

func TestTrustedProxiesCleared(t *testing.T) {
	file := filepath.Join(t.TempDir(), "proxy.yaml")
	if err := os.WriteFile(file, []byte("server:\n  trusted_proxies: [10.0.0.0/8]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(envOf(map[string]string{"AXDASH_CONFIG": file}))
	if err != nil || len(c.Server.TrustedProxies) != 1 {
		t.Fatalf("from the file: %v, %v", c, err)
	}
	c, err = Load(envOf(map[string]string{"AXDASH_CONFIG": file, "AXDASH_TRUSTED_PROXIES": "-"}))
	if err != nil || len(c.Server.TrustedProxies) != 0 {
		t.Errorf("cleared by the environment: %v, %v", c.Server.TrustedProxies, err)
	}
}

func TestAuthRejects(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"AXDASH_PUBLIC_DASHBOARD": "maybe"}, "true or false"},
		{map[string]string{"AXDASH_SESSION_IDLE": "forever"}, "duration"},
		{map[string]string{"AXDASH_SESSION_IDLE": "0s"}, "session_idle"},
		{map[string]string{"AXDASH_LOGIN_MAX_FAILURES": "0"}, "login_max_failures"},
		{map[string]string{"AXDASH_LOGIN_MAX_FAILURES": "x"}, "not an integer"},
		{map[string]string{"AXDASH_LOGIN_WINDOW": "-1m"}, "login_window"},
		{map[string]string{"AXDASH_LOGIN_ADDRESS_MAX_FAILURES": "4"}, "login_address_max_failures (4) must be at least auth.login_max_failures (5)"},
		{map[string]string{"AXDASH_LOGIN_MAX_FAILURES": "30"}, "login_address_max_failures (20)"},
		{map[string]string{"AXDASH_LOGIN_ADDRESS_MAX_FAILURES": "many"}, "not an integer"},
		{map[string]string{"AXDASH_LOGIN_DELAY_MAX": "-1s"}, "login_delay_max"},
		{map[string]string{"AXDASH_LOGIN_DELAY_MAX": "1m"}, "login_delay_max must be between 0s and 10s"},
		{map[string]string{"AXDASH_LOGIN_DELAY_MAX": "soon"}, "duration"},
		{map[string]string{"AXDASH_CONCURRENT_HASHES": "0"}, "concurrent_hashes"},
		{map[string]string{"AXDASH_CONCURRENT_HASHES": "many"}, "not an integer"},
		{map[string]string{"AXDASH_MAX_BODY_BYTES": "0"}, "max_body_bytes"},
		{map[string]string{"AXDASH_TRUSTED_PROXIES": "10.0.0.1"}, "not a CIDR"},
	}
	for _, tt := range tests {
		_, err := Load(envOf(tt.env))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err %v, want %q", tt.env, err, tt.want)
		}
	}
}
