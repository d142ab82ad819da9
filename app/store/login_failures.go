package store

import (
	"context"
	"fmt"
	"time"
)

// LoginLimit is the sign-in rate limit: at most Max failures per client
// address, and per login, within Window.
type LoginLimit struct {
	Max    int
	Window time.Duration
}

// LoginBlockedFor returns how long the address or the login must wait before
// another attempt, or zero when it may try now. The wait runs until the
// oldest failure that still counts leaves the window.
func (s *Store) LoginBlockedFor(ctx context.Context, ip, login string, lim LoginLimit, now time.Time) (time.Duration, error) {
	now = now.UTC()
	since := now.Add(-lim.Window)
	var wait time.Duration
	for _, key := range []struct{ col, val string }{{"ip", ip}, {"login", login}} {
		var times []time.Time
		err := s.db.WithContext(ctx).Table("login_failures").Where(key.col+" = ? AND failed_at > ?", key.val, since).
			Order("failed_at DESC").Limit(lim.Max).Pluck("failed_at", &times).Error
		if err != nil {
			return 0, fmt.Errorf("store: unable to count login failures: %w", err)
		}
		if len(times) < lim.Max {
			continue
		}
		// The Max-th most recent failure is the one whose ageing out lets
		// the next attempt through.
		wait = max(wait, times[len(times)-1].Add(lim.Window).Sub(now))
	}
	return wait, nil
}

// RecordLoginFailure counts one failed sign-in and purges failures older
// than the window.
func (s *Store) RecordLoginFailure(ctx context.Context, ip, login string, lim LoginLimit, now time.Time) error {
	now = now.UTC()
	db := s.db.WithContext(ctx)
	if err := db.Exec("DELETE FROM login_failures WHERE failed_at <= ?", now.Add(-lim.Window)).Error; err != nil {
		return fmt.Errorf("store: unable to purge login failures: %w", err)
	}
	if err := db.Exec("INSERT INTO login_failures (ip, login, failed_at) VALUES (?, ?, ?)", ip, login, now).Error; err != nil {
		return fmt.Errorf("store: unable to record login failure: %w", err)
	}
	return nil
}

// ClearLoginFailures forgets a login's failures after it signs in. The
// address's failures stay: signing in to one's own account must not reset
// the count of guesses against others.
func (s *Store) ClearLoginFailures(ctx context.Context, login string) error {
	if err := s.db.WithContext(ctx).Exec("DELETE FROM login_failures WHERE login = ?", login).Error; err != nil {
		return fmt.Errorf("store: unable to clear login failures: %w", err)
	}
	return nil
}
