package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"axdash/app/model"
)

// ErrLoginTaken is a new account whose login already exists.
var ErrLoginTaken = errors.New("login already exists")

// ErrLastAdmin is a change that would leave no enabled admin: nobody could
// manage accounts from the browser any more.
var ErrLastAdmin = errors.New("the last enabled admin cannot be demoted or disabled")

// CreateUser adds an account; the login is folded first. ErrLoginTaken when
// it exists.
func (s *Accounts) CreateUser(ctx context.Context, login string, role model.Role, hash string, now time.Time) (*model.User, error) {
	u := model.User{Login: model.FoldLogin(login), Role: role, PasswordHash: hash, CreatedAt: now.UTC(), UpdatedAt: now.UTC()}
	if err := model.ValidLogin(u.Login); err != nil {
		return nil, fmt.Errorf("store: create user: %w", err)
	}
	if _, err := model.ParseRole(string(role)); err != nil {
		return nil, fmt.Errorf("store: create user: %w", err)
	}
	// A taken login is an answer, not a failure: the insert is not logged
	// (GORM would log it as an ERROR), and every error is returned anyway.
	quiet := s.db.Session(&gorm.Session{Logger: s.db.Logger.LogMode(logger.Silent)})
	err := quiet.WithContext(ctx).Create(&u).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return nil, fmt.Errorf("store: create user %q: %w", u.Login, ErrLoginTaken)
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to create user %q: %w", u.Login, err)
	}
	return &u, nil
}

// UserByLogin finds an account by its folded login; ErrNotFound when none.
func (s *Accounts) UserByLogin(ctx context.Context, login string) (*model.User, error) {
	return s.findUser(ctx, "login = ?", model.FoldLogin(login))
}

// UserByID finds an account; ErrNotFound when none.
func (s *Accounts) UserByID(ctx context.Context, id int64) (*model.User, error) {
	return s.findUser(ctx, "id = ?", id)
}

func (s *Accounts) findUser(ctx context.Context, cond string, arg any) (*model.User, error) {
	var u model.User
	err := s.db.WithContext(ctx).Where(cond, arg).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, fmt.Errorf("store: user %v: %w", arg, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to find user %v: %w", arg, err)
	}
	return &u, nil
}

// Users lists every account by login.
func (s *Accounts) Users(ctx context.Context) ([]model.User, error) {
	var out []model.User
	if err := s.db.WithContext(ctx).Order("login").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: unable to list users: %w", err)
	}
	return out, nil
}

// CountUsers returns how many accounts exist.
func (s *Accounts) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&model.User{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("store: unable to count users: %w", err)
	}
	return n, nil
}

// UserChange is one edit of an account; nil fields stay as they are.
type UserChange struct {
	Role         *model.Role
	PasswordHash *string
	Disabled     *bool
}

// UpdateUser applies a change. A new password or disabling the account
// ends its sessions in the same transaction, so a stolen session does not
// outlive a reset.
func (s *Accounts) UpdateUser(ctx context.Context, id int64, ch UserChange, now time.Time) error {
	set := map[string]any{"updated_at": now.UTC()}
	if ch.Role != nil {
		if _, err := model.ParseRole(string(*ch.Role)); err != nil {
			return fmt.Errorf("store: update user %d: %w", id, err)
		}
		set["role"] = string(*ch.Role)
	}
	if ch.PasswordHash != nil {
		set["password_hash"] = *ch.PasswordHash
	}
	if ch.Disabled != nil {
		set["disabled"] = *ch.Disabled
	}
	return s.transaction(ctx, func(tx *gorm.DB) error {
		demotes := (ch.Role != nil && *ch.Role != model.RoleAdmin) || (ch.Disabled != nil && *ch.Disabled)
		if demotes {
			admins, err := s.enabledAdmins(tx)
			if err != nil {
				return err
			}
			demotes = slices.Contains(admins, id)
		}
		res := tx.Model(&model.User{}).Where("id = ?", id).Updates(set)
		if res.Error != nil {
			return fmt.Errorf("store: unable to update user %d: %w", id, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("store: user %d: %w", id, ErrNotFound)
		}
		if demotes {
			if err := enabledAdminLeft(tx, id); err != nil {
				return err
			}
		}
		if ch.PasswordHash == nil && (ch.Disabled == nil || !*ch.Disabled) {
			return nil
		}
		if err := tx.Where("user_id = ?", id).Delete(&model.Session{}).Error; err != nil {
			return fmt.Errorf("store: unable to end sessions of user %d: %w", id, err)
		}
		return nil
	})
}

// enabledAdmins lists the enabled admins. On PostgreSQL it locks them, so
// that changes which may remove an admin take turns: two admins demoting
// each other at once would otherwise each see the other still in place and
// both commit. SQLite's transactions take the write lock as they begin
// (see sqliteDSN), so they take turns already.
func (s *Accounts) enabledAdmins(tx *gorm.DB) ([]int64, error) {
	q := "SELECT id FROM users WHERE role = ? AND disabled = ? ORDER BY id"
	if s.dialect == DialectPostgres {
		q += " FOR UPDATE"
	}
	var ids []int64
	if err := tx.Raw(q, string(model.RoleAdmin), false).Scan(&ids).Error; err != nil {
		return nil, fmt.Errorf("store: unable to list admin accounts: %w", err)
	}
	return ids, nil
}

// enabledAdminLeft refuses, inside the change's transaction, a change to
// user id that left no enabled admin.
func enabledAdminLeft(tx *gorm.DB, id int64) error {
	var n int64
	if err := tx.Model(&model.User{}).Where("role = ? AND disabled = ?", string(model.RoleAdmin), false).
		Count(&n).Error; err != nil {
		return fmt.Errorf("store: unable to count admins: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("store: update user %d: %w", id, ErrLastAdmin)
	}
	return nil
}
