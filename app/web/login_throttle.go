package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"axdash/app/store"
)

// WaitFunc pauses a sign-in attempt for d before its password is checked,
// returning early with the context's error when the client goes away.
// Deps.Wait injects it so that tests see the delay asked for instead of
// sleeping; nil means a timer (waitTimer).
type WaitFunc func(ctx context.Context, d time.Duration) error

func (s *Server) loginLimit() store.LoginLimit {
	a := s.deps.Config.Auth
	return store.LoginLimit{Max: a.LoginMaxFailures, AddressMax: a.LoginAddressMaxFailures,
		Window: a.LoginWindow, DelayMax: a.LoginDelayMax}
}

// throttleAddress is the address the sign-in limits count. An IPv6 client
// counts per /64, the block a single subscriber usually gets, so that
// rotating through its addresses does not multiply the allowance.
func throttleAddress(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	if a = a.Unmap(); a.Is4() {
		return a.String()
	}
	p, err := a.WithZone("").Prefix(64)
	if err != nil {
		return ip
	}
	return p.String()
}

// refuseLogin answers an attempt beyond the address's limits: 429 with
// Retry-After, and a message that says the refusal is this address's, so
// the owner knows signing in from elsewhere works.
func (s *Server) refuseLogin(c echo.Context, view loginView, wait time.Duration) error {
	c.Response().Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	view.Error = fmt.Sprintf("이 주소에서 로그인 실패가 너무 많습니다. %s 뒤에 다시 시도하세요.", koreanWait(wait))
	return s.renderLogin(c, http.StatusTooManyRequests, view)
}

// pause holds an attempt at a much-guessed login before its password is
// checked. It takes no hash slot, so waiting attempts do not keep others
// from being checked; a client that goes away ends it with an error, and
// its password is never checked.
func (s *Server) pause(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	wait := s.deps.Wait
	if wait == nil {
		wait = waitTimer
	}
	if err := wait(ctx, d); err != nil {
		return fmt.Errorf("web: sign-in delay: %w", err)
	}
	return nil
}

// waitTimer is the real WaitFunc.
func waitTimer(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// koreanWait says a wait in whole minutes, or seconds under a minute.
func koreanWait(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%d초", int(math.Ceil(d.Seconds())))
	}
	return fmt.Sprintf("%d분", int(math.Ceil(d.Minutes())))
}
