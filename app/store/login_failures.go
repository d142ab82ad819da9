package store

import (
	"context"
	"fmt"
	"time"
)

// LoginLimit is the sign-in throttle. Refusals are keyed by the client
// address, never by the login alone: otherwise anyone could lock any
// account, the admin's included, by guessing wrong on purpose. Guesses at
// one login spread over many addresses only slow down.
type LoginLimit struct {
	// Max failures of one address at one login within Window; more are
	// refused until the oldest that counts leaves the window.
	Max int
	// AddressMax failures of one address, whatever the logins, within
	// Window; more are refused. Higher than Max, as one address may be a
	// whole office behind one gateway.
	AddressMax int
	Window     time.Duration
	// DelayMax caps the delay of an attempt at a login that already has Max
	// or more failures in the window from any addresses; 0: no delay.
	DelayMax time.Duration
}

// loginDelayStart is the delay at Max failures of a login; it doubles with
// each further failure up to DelayMax.
const loginDelayStart = 250 * time.Millisecond

// Delay is how long an attempt at a login with this many failures in the
// window waits before its password is checked.
func (l LoginLimit) Delay(failures int) time.Duration {
	if l.DelayMax <= 0 || failures < l.Max {
		return 0
	}
	d := loginDelayStart
	for i := l.Max; i < failures && d < l.DelayMax; i++ {
		d *= 2
	}
	return min(d, l.DelayMax)
}

// delayFailures is the number of a login's failures at which the delay
// reaches DelayMax: counting further cannot change it.
func (l LoginLimit) delayFailures() int {
	n := l.Max
	for l.Delay(n) < l.DelayMax {
		n++
	}
	return n
}

// LoginClaim is the answer to a sign-in attempt.
type LoginClaim struct {
	// Wait > 0: the attempt is refused; the client may try again after it.
	Wait time.Duration
	// Delay is how long an allowed attempt waits before its password is
	// checked.
	Delay time.Duration
}

// LoginBlockedFor returns how long the address, alone or at this login,
// must wait before another attempt, or zero when it may try now. The wait
// runs until the oldest failure that still counts leaves the window.
func (s *Accounts) LoginBlockedFor(ctx context.Context, ip, login string, lim LoginLimit, now time.Time) (time.Duration, error) {
	return s.loginWait(ctx, ip, login, lim, now, 0)
}

// loginWait is LoginBlockedFor leaving out the attempt row skip (0: none).
func (s *Accounts) loginWait(ctx context.Context, ip, login string, lim LoginLimit, now time.Time, skip int64) (time.Duration, error) {
	now = now.UTC()
	since := now.Add(-lim.Window)
	keys := []struct {
		where string
		args  []any
		max   int
	}{
		{"ip = ?", []any{ip}, lim.AddressMax},
		{"ip = ? AND login = ?", []any{ip, login}, lim.Max},
	}
	var wait time.Duration
	for _, key := range keys {
		var times []time.Time
		err := s.db.WithContext(ctx).Table("login_failures").Where(key.where, key.args...).
			Where("failed_at > ? AND id <> ?", since, skip).
			Order("failed_at DESC").Limit(key.max).Pluck("failed_at", &times).Error
		if err != nil {
			return 0, fmt.Errorf("store: unable to count login failures: %w", err)
		}
		if len(times) < key.max {
			continue
		}
		// The max-th most recent failure is the one whose ageing out lets
		// the next attempt through.
		wait = max(wait, times[len(times)-1].Add(lim.Window).Sub(now))
	}
	return wait, nil
}

// loginDelay is the delay owed to the login's failures from any addresses
// in the window, leaving out the attempt row skip. It reads no more rows
// than reach the cap, however many addresses have been guessing.
func (s *Accounts) loginDelay(ctx context.Context, login string, lim LoginLimit, now time.Time, skip int64) (time.Duration, error) {
	if lim.DelayMax <= 0 {
		return 0, nil
	}
	var ids []int64
	err := s.db.WithContext(ctx).Table("login_failures").
		Where("login = ? AND failed_at > ? AND id <> ?", login, now.UTC().Add(-lim.Window), skip).
		Limit(lim.delayFailures()).Pluck("id", &ids).Error
	if err != nil {
		return 0, fmt.Errorf("store: unable to count the login's failures: %w", err)
	}
	return lim.Delay(len(ids)), nil
}

// ClaimLoginAttempt lets one sign-in attempt through, possibly after a
// delay, or says how long to wait. The attempt is recorded as a failure
// before anyone checks the limit, so that parallel guesses cannot all pass
// the check before the first one is counted: of any number of simultaneous
// attempts from one address at most Max get through. A refused attempt
// leaves no row (waiting must not prolong the wait); a successful sign-in
// removes its row with ClearLoginFailures. Failures older than the window
// are purged on the way, so the table holds at most AddressMax rows per
// address that guessed within the window.
func (s *Accounts) ClaimLoginAttempt(ctx context.Context, ip, login string, lim LoginLimit, now time.Time) (LoginClaim, error) {
	now = now.UTC()
	db := s.db.WithContext(ctx)
	if err := db.Exec("DELETE FROM login_failures WHERE failed_at <= ?", now.Add(-lim.Window)).Error; err != nil {
		return LoginClaim{}, fmt.Errorf("store: unable to purge login failures: %w", err)
	}
	var id int64
	err := db.Raw("INSERT INTO login_failures (ip, login, failed_at) VALUES (?, ?, ?) RETURNING id", ip, login, now).Scan(&id).Error
	if err != nil {
		return LoginClaim{}, fmt.Errorf("store: unable to record login attempt: %w", err)
	}
	wait, err := s.loginWait(ctx, ip, login, lim, now, id)
	if err != nil {
		return LoginClaim{}, err
	}
	if wait > 0 {
		if err := db.Exec("DELETE FROM login_failures WHERE id = ?", id).Error; err != nil {
			return LoginClaim{}, fmt.Errorf("store: unable to withdraw refused login attempt: %w", err)
		}
		return LoginClaim{Wait: wait}, nil
	}
	delay, err := s.loginDelay(ctx, login, lim, now, id)
	return LoginClaim{Delay: delay}, err
}

// ClearLoginFailures forgets the failures of one address at one login
// after it signs in there, the attempt's own row included. The address's
// failures at other logins stay (signing in to one's own account must not
// reset the count of guesses against others), and so do other addresses'
// failures at this login (the owner's sign-in must not give a guesser
// elsewhere a fresh allowance).
func (s *Accounts) ClearLoginFailures(ctx context.Context, ip, login string) error {
	if err := s.db.WithContext(ctx).Exec("DELETE FROM login_failures WHERE ip = ? AND login = ?", ip, login).Error; err != nil {
		return fmt.Errorf("store: unable to clear login failures: %w", err)
	}
	return nil
}
