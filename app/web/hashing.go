package web

import (
	"context"
	"fmt"

	"axdash/app/auth"
)

// withHashSlot runs fn, a password hash or verification, once fewer than
// auth.concurrent_hashes others are running: each takes 19 MiB, so a
// burst of sign-ins from many addresses (which the per-address limit does
// not stop) waits its turn instead of exhausting memory. The wait ends
// with the request.
func (s *Server) withHashSlot(ctx context.Context, fn func() error) error {
	select {
	case s.hashSlots <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("web: waiting to check a password: %w", ctx.Err())
	}
	defer func() { <-s.hashSlots }()
	return fn()
}

// hashPassword hashes a new password with the default parameters.
func (s *Server) hashPassword(ctx context.Context, pw string) (string, error) {
	var hash string
	err := s.withHashSlot(ctx, func() (err error) {
		hash, err = auth.HashPassword(pw, auth.DefaultParams())
		return err
	})
	return hash, err
}
