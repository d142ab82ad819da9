package web

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestThrottleAddress(t *testing.T) {
	tests := []struct{ ip, want string }{
		{"203.0.113.7", "203.0.113.7"},
		{"::ffff:203.0.113.7", "203.0.113.7"},
		{"2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"},
		{"2001:db8:1:2::1", "2001:db8:1:2::/64"},
		{"2001:db8:1:3::1", "2001:db8:1:3::/64"},
		{"fe80::1%eth0", "fe80::/64"},
		{"not an address", "not an address"},
	}
	for _, tt := range tests {
		if got := throttleAddress(tt.ip); got != tt.want {
			t.Errorf("throttleAddress(%q) = %q, want %q", tt.ip, got, tt.want)
		}
	}
}

// TestWaitTimerEndsWithClient: the real delay gives up as soon as the
// request's context is done (a delay that ignored it would hang here).
func TestWaitTimerEndsWithClient(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := waitTimer(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("waitTimer with a gone client: %v, want context.Canceled", err)
	}
	if err := waitTimer(context.Background(), 0); err != nil {
		t.Errorf("waitTimer(0): %v", err)
	}
}
