package store_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"axdash/app/store"
	"axdash/app/store/storetest"
)

var loginLim = store.LoginLimit{Max: 3, AddressMax: 5, Window: 10 * time.Minute, DelayMax: time.Second}

// TestLoginDelay pins the per-login delay: none below Max failures, then
// 250 ms doubling with each failure, capped at DelayMax.
func TestLoginDelay(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name     string
		delayMax time.Duration
		failures []int
		want     []time.Duration
	}{
		{"1s cap", time.Second, []int{0, 2, 3, 4, 5, 6, 1000}, []time.Duration{0, 0, 250 * ms, 500 * ms, time.Second, time.Second, time.Second}},
		{"3s cap", 3 * time.Second, []int{5, 6, 7, 8}, []time.Duration{time.Second, 2 * time.Second, 3 * time.Second, 3 * time.Second}},
		{"cap below the start", 100 * ms, []int{2, 3, 9}, []time.Duration{0, 100 * ms, 100 * ms}},
		{"no delay", 0, []int{3, 1000}, []time.Duration{0, 0}},
	}
	for _, tt := range tests {
		lim := loginLim
		lim.DelayMax = tt.delayMax
		for i, n := range tt.failures {
			if got := lim.Delay(n); got != tt.want[i] {
				t.Errorf("%s: Delay(%d) = %v, want %v", tt.name, n, got, tt.want[i])
			}
		}
	}
}

// loginFixture claims attempts and reads waits against one store.
type loginFixture struct {
	t   *testing.T
	s   *store.DB
	lim store.LoginLimit
}

// claim makes an attempt at t0+at and returns the store's answer.
func (f loginFixture) claim(ip, login string, at time.Duration) store.LoginClaim {
	f.t.Helper()
	c, err := f.s.Accounts.ClaimLoginAttempt(context.Background(), ip, login, f.lim, t0.Add(at))
	f.check(err)
	return c
}

func (f loginFixture) check(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// fail makes an attempt that must be let through (and then counts as a
// failure).
func (f loginFixture) fail(ip, login string, at time.Duration) {
	f.t.Helper()
	if c := f.claim(ip, login, at); c.Wait != 0 {
		f.t.Fatalf("attempt %s %s at %v refused for %v", ip, login, at, c.Wait)
	}
}

func (f loginFixture) blocked(ip, login string, at time.Duration) time.Duration {
	f.t.Helper()
	d, err := f.s.Accounts.LoginBlockedFor(context.Background(), ip, login, f.lim, t0.Add(at))
	f.check(err)
	return d
}

// TestLoginRefusals: an address is refused beyond AddressMax failures at
// any logins and beyond Max at one login; a login alone never is, and a
// success clears only its own address's failures at it.
func TestLoginRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		f := loginFixture{t, s, loginLim}
		// 1.1.1.1 guesses five logins once each, a minute apart.
		for i := range loginLim.AddressMax {
			f.fail("1.1.1.1", "u"+strconv.Itoa(i), time.Duration(i)*time.Minute)
		}
		// 2.2.2.2 guesses kim three times.
		for i := range loginLim.Max {
			f.fail("2.2.2.2", "kim", time.Duration(i)*time.Second)
		}
		tests := []struct {
			name, ip, login string
			at, want        time.Duration
		}{
			{"address at its limit, a new login", "1.1.1.1", "new", 5 * time.Minute, 5 * time.Minute},
			{"address at its limit, after its first failure aged out", "1.1.1.1", "new", 10 * time.Minute, 0},
			{"another address, same logins", "3.3.3.3", "u0", 5 * time.Minute, 0},
			{"pair at its limit", "2.2.2.2", "kim", time.Minute, 9 * time.Minute},
			{"same address, another login", "2.2.2.2", "lee", time.Minute, 0},
			{"same login, another address", "3.3.3.3", "kim", time.Minute, 0},
		}
		for _, tt := range tests {
			if got := f.blocked(tt.ip, tt.login, tt.at); got != tt.want {
				t.Errorf("%s: blocked %v, want %v", tt.name, got, tt.want)
			}
		}
		// A refused attempt says the same wait and leaves no row.
		if c := f.claim("2.2.2.2", "kim", time.Minute); c.Wait != 9*time.Minute {
			t.Errorf("refused claim: %+v, want a 9m wait", c)
		}
		// The owner signs in to kim from 3.3.3.3, and someone at 1.1.1.1 to
		// an account of their own: neither frees the guessers.
		f.fail("3.3.3.3", "kim", 2*time.Minute)
		for _, clear := range [][2]string{{"3.3.3.3", "kim"}, {"1.1.1.1", "own"}} {
			f.check(s.Accounts.ClearLoginFailures(context.Background(), clear[0], clear[1]))
		}
		if d := f.blocked("2.2.2.2", "kim", 2*time.Minute); d != 8*time.Minute {
			t.Errorf("guesser at kim after the owner signed in: blocked %v, want 8m", d)
		}
		if d := f.blocked("1.1.1.1", "new", 5*time.Minute); d != 5*time.Minute {
			t.Errorf("address after signing in to its own account: blocked %v, want 5m", d)
		}
		// Signing in where one failed clears that pair.
		f.check(s.Accounts.ClearLoginFailures(context.Background(), "2.2.2.2", "kim"))
		if d := f.blocked("2.2.2.2", "kim", 2*time.Minute); d != 0 {
			t.Errorf("pair after its own sign-in: blocked %v", d)
		}
	})
}

// TestLoginDelayAcrossAddresses: guesses at one login from ever new
// addresses are never refused; the delay grows with the failures and stops
// at the cap, and a success elsewhere does not reset it.
func TestLoginDelayAcrossAddresses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		f := loginFixture{t, s, loginLim}
		var last time.Duration
		for i := range 12 {
			c := f.claim("10.0.0."+strconv.Itoa(i), "admin", time.Duration(i)*time.Second)
			if c.Wait != 0 {
				t.Fatalf("attempt %d at admin refused for %v", i+1, c.Wait)
			}
			if want := loginLim.Delay(i); c.Delay != want || c.Delay < last {
				t.Errorf("attempt %d: delay %v, want %v (after %v)", i+1, c.Delay, want, last)
			}
			last = c.Delay
		}
		if last != loginLim.DelayMax {
			t.Errorf("delay after 11 failures %v, want the cap %v", last, loginLim.DelayMax)
		}
		f.check(s.Accounts.ClearLoginFailures(context.Background(), "10.0.0.11", "admin"))
		if c := f.claim("10.0.1.1", "admin", time.Minute); c.Wait != 0 || c.Delay != loginLim.DelayMax {
			t.Errorf("after the owner's sign-in: %+v, want the capped delay", c)
		}
		// Past the window, the next attempt purges every older row.
		f.claim("10.0.2.1", "admin", time.Minute+loginLim.Window)
		var rows int64
		if err := store.DBForTest(s).Table("login_failures").Count(&rows).Error; err != nil || rows != 1 {
			t.Errorf("rows after the window: %d, %v; want 1", rows, err)
		}
	})
}

// TestLoginAttemptsInParallel fires many guesses at once: each is counted
// before it is checked, so no more than the limit get through however the
// requests interleave.
func TestLoginAttemptsInParallel(t *testing.T) {
	tests := []struct {
		name  string
		login func(i int) string
		limit int
	}{
		{"one login", func(int) string { return "kim" }, loginLim.Max},
		{"many logins", func(i int) string { return "k" + strconv.Itoa(i) }, loginLim.AddressMax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, s *store.DB) {
				const n = 12
				var wg sync.WaitGroup
				claims, errs := make([]store.LoginClaim, n), make([]error, n)
				for i := range n {
					wg.Go(func() {
						claims[i], errs[i] = s.Accounts.ClaimLoginAttempt(context.Background(), "5.5.5.5", tt.login(i), loginLim, t0)
					})
				}
				wg.Wait()
				allowed := 0
				for i := range n {
					if errs[i] != nil {
						t.Fatalf("attempt %d: %v", i, errs[i])
					}
					if claims[i].Wait == 0 {
						allowed++
					}
				}
				if allowed > tt.limit {
					t.Errorf("%d of %d parallel attempts got through, limit %d", allowed, n, tt.limit)
				}
				// Refused attempts leave no rows: the wait runs from the
				// counted ones.
				d, err := s.Accounts.LoginBlockedFor(context.Background(), "5.5.5.5", tt.login(0), loginLim, t0)
				if err != nil || (allowed == tt.limit) != (d == loginLim.Window) {
					t.Errorf("after %d counted attempts: blocked %v, err %v", allowed, d, err)
				}
			})
		})
	}
}
