package main

import (
	"context"
	"net"
	"strings"
	"testing"
)

// TestServeBusyPort: serve on a port another process holds fails at once
// with a message in both languages naming the way out, and never loads
// the demo waves.
func TestServeBusyPort(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"demo", []string{"--demo"}},
		{"plain", nil},
	}
	eachDB(t, func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				busy, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					t.Fatal(err)
				}
				defer busy.Close()
				addr := busy.Addr().String()
				code, stdout, stderr := cli(t, append([]string{"serve", "--addr", addr}, c.args...)...)
				if code != exitRefused {
					t.Fatalf("exit %d, want %d; stdout %q stderr %q", code, exitRefused, stdout, stderr)
				}
				for _, want := range []string{addr, "이미 다른 프로그램이 쓰고 있습니다", "already in use",
					"ADDR=127.0.0.1:8081", "AXDASH_ADDR"} {
					if !strings.Contains(stderr, want) {
						t.Errorf("stderr lacks %q:\n%s", want, stderr)
					}
				}
				if strings.Contains(stdout, "serving the dashboard") {
					t.Errorf("stdout says it serves: %q", stdout)
				}
				_, st := testEnvStore(t)
				empty, err := st.Surveys.IsEmpty(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if !empty {
					t.Error("the database holds data: the demo waves were loaded before the port was checked")
				}
			})
		}
	})
}
