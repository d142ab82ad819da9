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
	return s.loginWait(ctx, ip, login, lim, now, 0)
}

// loginWait is LoginBlockedFor leaving out the attempt row skip (0: none).
func (s *Store) loginWait(ctx context.Context, ip, login string, lim LoginLimit, now time.Time, skip int64) (time.Duration, error) {
	now = now.UTC()
	since := now.Add(-lim.Window)
	var wait time.Duration
	for _, key := range []struct{ col, val string }{{"ip", ip}, {"login", login}} {
		var times []time.Time
		err := s.db.WithContext(ctx).Table("login_failures").Where(key.col+" = ? AND failed_at > ? AND id <> ?", key.val, since, skip).
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

// ClaimLoginAttempt lets one sign-in attempt through or says how long to
// wait. The attempt is recorded as a failure before anyone checks the
// limit, so that parallel guesses cannot all pass the check before the
// first one is counted: of any number of simultaneous attempts at most Max
// get through. A refused attempt leaves no row (waiting must not prolong
// the wait); a successful sign-in removes its row with ClearLoginFailures.
// Failures older than the window are purged on the way.
func (s *Store) ClaimLoginAttempt(ctx context.Context, ip, login string, lim LoginLimit, now time.Time) (time.Duration, error) {
	now = now.UTC()
	db := s.db.WithContext(ctx)
	if err := db.Exec("DELETE FROM login_failures WHERE failed_at <= ?", now.Add(-lim.Window)).Error; err != nil {
		return 0, fmt.Errorf("store: unable to purge login failures: %w", err)
	}
	var id int64
	err := db.Raw("INSERT INTO login_failures (ip, login, failed_at) VALUES (?, ?, ?) RETURNING id", ip, login, now).Scan(&id).Error
	if err != nil {
		return 0, fmt.Errorf("store: unable to record login attempt: %w", err)
	}
	wait, err := s.loginWait(ctx, ip, login, lim, now, id)
	if err != nil || wait == 0 {
		return wait, err
	}
	if err := db.Exec("DELETE FROM login_failures WHERE id = ?", id).Error; err != nil {
		return 0, fmt.Errorf("store: unable to withdraw refused login attempt: %w", err)
	}
	return wait, nil
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
