package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"axdash/app/auth"
	"axdash/app/model"
	"axdash/app/private"
	"axdash/app/store"
)

// demoAdminFile holds the demo admin's password, readable by the operator
// only, so that `make run` can say how to sign in at every start.
const demoAdminFile = "demo-admin-password"

// ensureDemoAdmin creates the account "admin" with a random password when
// there are no accounts at all (serve --demo only), writing the password
// to data_dir/demo-admin-password first. It returns the password while that
// file exists, "" otherwise.
func ensureDemoAdmin(ctx context.Context, e *env, accounts *store.Accounts) (string, error) {
	path := filepath.Join(e.cfg.Database.DataDir, demoAdminFile)
	// Written 0600, but an older version or a copy may have left it open.
	private.Tighten(e.log, e.cfg.Database.DataDir, demoAdminFile)
	n, err := accounts.CountUsers(ctx)
	if err != nil {
		return "", err
	}
	if n == 0 {
		if err := createDemoAdmin(ctx, accounts, path); err != nil {
			return "", err
		}
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("demo: read %s: %w", path, err)
	}
	pw := strings.TrimSpace(string(b))
	// Once the password was changed (or the account is gone) the file
	// only misleads and leaks an old password: remove it, print nothing.
	u, err := accounts.UserByLogin(ctx, "admin")
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	if u == nil || u.Disabled || auth.VerifyPassword(u.PasswordHash, pw) != nil {
		if err := os.Remove(path); err != nil {
			return "", fmt.Errorf("demo: remove stale %s: %w", path, err)
		}
		return "", nil
	}
	return pw, nil
}

func createDemoAdmin(ctx context.Context, accounts *store.Accounts, path string) error {
	pw, err := auth.RandomPassword(20)
	if err != nil {
		return err
	}
	hash, err := auth.HashPassword(pw, auth.DefaultParams())
	if err != nil {
		return err
	}
	if err := private.MkdirAll(filepath.Dir(path)); err != nil {
		return fmt.Errorf("demo: create %s: %w", filepath.Dir(path), err)
	}
	// The file comes first: an account whose password was never written
	// down would lock the newcomer out.
	if err := private.WriteBytes(path, []byte(pw+"\n")); err != nil {
		return fmt.Errorf("demo: write %s: %w", path, err)
	}
	_, err = accounts.CreateUser(ctx, "admin", model.RoleAdmin, hash, time.Now())
	if errors.Is(err, store.ErrLoginTaken) {
		// Another process sharing the database won the race; its
		// password is in its own data_dir.
		_ = os.Remove(path)
		return nil
	}
	if err != nil {
		_ = os.Remove(path)
		return err
	}
	return nil
}

// demoAdminLine is what serve --demo prints once it listens.
func demoAdminLine(addr, password string) string {
	return fmt.Sprintf("demo admin: sign in at http://%s/login as admin / %s", addr, password)
}
