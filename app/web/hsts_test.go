package web_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"axdash/app/store/storetest"
	"axdash/app/web"
)

// Strict-Transport-Security is opt-in, for this host only, and sent only on
// responses that travelled over HTTPS.
func TestHSTS(t *testing.T) {
	s := storetest.SQLite(t)
	tests := []struct {
		name   string
		maxAge time.Duration
		tls    bool // a real TLS listener
		proto  string
		want   string
	}{
		{"off, over TLS", 0, true, "", ""},
		{"on, over TLS", 8760 * time.Hour, true, "", "max-age=31536000"},
		{"on, behind a proxy saying https", time.Hour, false, "https", "max-age=3600"},
		{"on, plain HTTP", time.Hour, false, "", ""},
	}
	for _, tt := range tests {
		adjust := func(d *web.Deps) { d.Config.Server.HSTSMaxAge = tt.maxAge }
		var ts *httptest.Server
		var c *http.Client
		if tt.tls {
			ts = httptest.NewUnstartedServer(newServerWith(t, s, "", nil, adjust).Config.Handler)
			ts.StartTLS()
			c = ts.Client()
		} else {
			ts = newServerWith(t, s, "", nil, adjust)
			c = http.DefaultClient
		}
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/healthz", nil)
		if tt.proto != "" {
			req.Header.Set("X-Forwarded-Proto", tt.proto)
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Strict-Transport-Security"); got != tt.want {
			t.Errorf("%s: Strict-Transport-Security %q, want %q", tt.name, got, tt.want)
		}
		if tt.tls {
			ts.Close()
		}
	}
}
