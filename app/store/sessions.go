package store

import (
	"context"
	"fmt"
	"time"

	"axdash/app/model"
)

// SessionLimits are the idle timeout and the absolute lifetime.
type SessionLimits struct {
	Idle   time.Duration
	MaxAge time.Duration
}

// touchEvery is how stale last_seen_at may get before a request refreshes
// it: a write per request would cost more than the idle timeout's precision
// is worth.
func (l SessionLimits) touchEvery() time.Duration { return min(l.Idle/10, time.Minute) }

// CreateSession stores a new session for a user under the token's hash and
// purges expired sessions on the way, so the table never grows unbounded.
func (s *Accounts) CreateSession(ctx context.Context, tokenHash string, userID int64, lim SessionLimits, now time.Time) error {
	now = now.UTC()
	db := s.db.WithContext(ctx)
	if err := db.Where("expires_at <= ? OR last_seen_at <= ?", now, now.Add(-lim.Idle)).
		Delete(&model.Session{}).Error; err != nil {
		return fmt.Errorf("store: unable to purge sessions: %w", err)
	}
	sess := model.Session{TokenHash: tokenHash, UserID: userID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(lim.MaxAge)}
	if err := db.Create(&sess).Error; err != nil {
		return fmt.Errorf("store: unable to create session: %w", err)
	}
	return nil
}

// sessionRow is a session joined with its account: one query per request.
type sessionRow struct {
	model.User
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

const sessionUserSQL = "SELECT u.id, u.login, u.role, u.password_hash, u.disabled, u.created_at, u.updated_at, " +
	"s.last_seen_at, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?"

// SessionUser returns the enabled account behind a live session and marks
// the session used. An unknown, expired or idle session, or a disabled
// account, is ErrNotFound; an expired row is deleted on the way.
func (s *Accounts) SessionUser(ctx context.Context, tokenHash string, lim SessionLimits, now time.Time) (*model.User, error) {
	now = now.UTC()
	db := s.db.WithContext(ctx)
	var rows []sessionRow
	if err := db.Raw(sessionUserSQL, tokenHash).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read session: %w", err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("store: session: %w", ErrNotFound)
	}
	r := rows[0]
	if !now.Before(r.ExpiresAt) || !now.Before(r.LastSeenAt.Add(lim.Idle)) {
		if err := s.DeleteSession(ctx, tokenHash); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("store: session expired: %w", ErrNotFound)
	}
	if r.Disabled {
		return nil, fmt.Errorf("store: user %d is disabled: %w", r.ID, ErrNotFound)
	}
	if now.Sub(r.LastSeenAt) >= lim.touchEvery() {
		if err := db.Model(&model.Session{}).Where("token_hash = ?", tokenHash).
			Update("last_seen_at", now).Error; err != nil {
			return nil, fmt.Errorf("store: unable to touch session: %w", err)
		}
	}
	return &r.User, nil
}

// DeleteSession ends one session (sign-out); an unknown one is no error.
func (s *Accounts) DeleteSession(ctx context.Context, tokenHash string) error {
	if err := s.db.WithContext(ctx).Where("token_hash = ?", tokenHash).Delete(&model.Session{}).Error; err != nil {
		return fmt.Errorf("store: unable to delete session: %w", err)
	}
	return nil
}

// CountSessions returns how many session rows a user has (live or not yet
// purged).
func (s *Accounts) CountSessions(ctx context.Context, userID int64) (int64, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&model.Session{}).Where("user_id = ?", userID).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("store: unable to count sessions: %w", err)
	}
	return n, nil
}
