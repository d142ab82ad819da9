package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

var t0 = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

func TestUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		u, err := s.Accounts.CreateUser(ctx, " Kim.Analyst ", model.RoleAnalyst, "h1", t0)
		if err != nil {
			t.Fatal(err)
		}
		if u.ID == 0 || u.Login != "kim.analyst" {
			t.Errorf("created %+v", u)
		}
		if _, err := s.Accounts.CreateUser(ctx, "KIM.ANALYST", model.RoleViewer, "h2", t0); !errors.Is(err, store.ErrLoginTaken) {
			t.Errorf("same login in other case: %v, want ErrLoginTaken", err)
		}
		for _, bad := range []struct{ login, role string }{{"a b", "viewer"}, {"ok", "root"}, {"", "admin"}} {
			if _, err := s.Accounts.CreateUser(ctx, bad.login, model.Role(bad.role), "h", t0); err == nil {
				t.Errorf("CreateUser(%q, %q) accepted", bad.login, bad.role)
			}
		}
		got, err := s.Accounts.UserByLogin(ctx, "KIM.analyst")
		if err != nil || got.ID != u.ID || got.PasswordHash != "h1" || got.Role != model.RoleAnalyst {
			t.Fatalf("UserByLogin = %+v, %v", got, err)
		}
		if _, err := s.Accounts.UserByLogin(ctx, "nobody"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown login: %v", err)
		}
		admin := model.RoleAdmin
		if err := s.Accounts.UpdateUser(ctx, u.ID, store.UserChange{Role: &admin}, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		bogus := model.Role("root")
		if err := s.Accounts.UpdateUser(ctx, u.ID, store.UserChange{Role: &bogus}, t0); err == nil {
			t.Error("UpdateUser accepted an unknown role")
		}
		if err := s.Accounts.UpdateUser(ctx, 9999, store.UserChange{Role: &admin}, t0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("update of a missing user: %v", err)
		}
		if _, err := s.Accounts.CreateUser(ctx, "aaa", model.RoleViewer, "h3", t0); err != nil {
			t.Fatal(err)
		}
		all, err := s.Accounts.Users(ctx)
		if err != nil || len(all) != 2 || all[0].Login != "aaa" || all[1].Role != model.RoleAdmin {
			t.Errorf("Users = %+v, %v", all, err)
		}
		if n, err := s.Accounts.CountUsers(ctx); err != nil || n != 2 {
			t.Errorf("CountUsers = %d, %v", n, err)
		}
	})
}

func TestSessions(t *testing.T) {
	lim := store.SessionLimits{Idle: 30 * time.Minute, MaxAge: 2 * time.Hour}
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		u, err := s.Accounts.CreateUser(ctx, "kim", model.RoleViewer, "h", t0)
		if err != nil {
			t.Fatal(err)
		}
		live := func(hash string, at time.Time) bool {
			t.Helper()
			got, err := s.Accounts.SessionUser(ctx, hash, lim, at)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				t.Fatal(err)
			}
			return err == nil && got.ID == u.ID
		}
		for _, h := range []string{"idle", "kept", "gone"} {
			if err := s.Accounts.CreateSession(ctx, h, u.ID, lim, t0); err != nil {
				t.Fatal(err)
			}
		}
		steps := []struct {
			name string
			hash string
			at   time.Duration
			want bool
		}{
			{"fresh", "kept", 0, true},
			{"used within idle", "kept", 25 * time.Minute, true},
			{"used again: idle counts from last use", "kept", 50 * time.Minute, true},
			{"idle past the timeout", "idle", 31 * time.Minute, false},
			{"used", "kept", 75 * time.Minute, true},
			{"used", "kept", 100 * time.Minute, true},
			{"still used, near the absolute end", "kept", 119 * time.Minute, true},
			{"past the absolute lifetime", "kept", 2 * time.Hour, false},
			{"unknown token", "nope", 0, false},
		}
		for _, st := range steps {
			if got := live(st.hash, t0.Add(st.at)); got != st.want {
				t.Errorf("%s: live = %v, want %v", st.name, got, st.want)
			}
		}
		if err := s.Accounts.DeleteSession(ctx, "gone"); err != nil {
			t.Fatal(err)
		}
		if live("gone", t0) {
			t.Error("deleted session still live")
		}
		// Expired rows were deleted on read; a new sign-in purges the rest.
		if err := s.Accounts.CreateSession(ctx, "new", u.ID, lim, t0.Add(3*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.Accounts.CountSessions(ctx, u.ID); n != 1 {
			t.Errorf("%d session rows after purge, want 1", n)
		}
	})
}

func TestDisableAndPasswordEndSessions(t *testing.T) {
	lim := store.SessionLimits{Idle: time.Hour, MaxAge: time.Hour}
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		u, _ := s.Accounts.CreateUser(ctx, "lee", model.RoleAnalyst, "h", t0)
		admin, _ := s.Accounts.CreateUser(ctx, "boss", model.RoleAdmin, "h", t0)
		for _, h := range []string{"a", "b"} {
			if err := s.Accounts.CreateSession(ctx, h, u.ID, lim, t0); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Accounts.CreateSession(ctx, "c", admin.ID, lim, t0); err != nil {
			t.Fatal(err)
		}
		yes := true
		if err := s.Accounts.UpdateUser(ctx, u.ID, store.UserChange{Disabled: &yes}, t0); err != nil {
			t.Fatal(err)
		}
		for _, h := range []string{"a", "b"} {
			if _, err := s.Accounts.SessionUser(ctx, h, lim, t0); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("session %s of a disabled user: %v", h, err)
			}
		}
		if _, err := s.Accounts.SessionUser(ctx, "c", lim, t0); err != nil {
			t.Errorf("another user's session ended: %v", err)
		}
		hash := "new-hash"
		if err := s.Accounts.UpdateUser(ctx, admin.ID, store.UserChange{PasswordHash: &hash}, t0); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Accounts.SessionUser(ctx, "c", lim, t0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("session survived a password reset: %v", err)
		}
		if got, _ := s.Accounts.UserByID(ctx, admin.ID); got.PasswordHash != hash {
			t.Errorf("hash = %q", got.PasswordHash)
		}
	})
}

func TestLastAdminStays(t *testing.T) {
	viewer, yes := model.RoleViewer, true
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		// Without any admin, other accounts change freely.
		v, _ := s.Accounts.CreateUser(ctx, "v", model.RoleViewer, "h", t0)
		if err := s.Accounts.UpdateUser(ctx, v.ID, store.UserChange{Disabled: &yes}, t0); err != nil {
			t.Errorf("disable a viewer with no admin at all: %v", err)
		}
		a, _ := s.Accounts.CreateUser(ctx, "a", model.RoleAdmin, "h", t0)
		b, _ := s.Accounts.CreateUser(ctx, "b", model.RoleAdmin, "h", t0)
		// Two admins demote each other at once: one change must lose.
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i, id := range []int64{a.ID, b.ID} {
			wg.Go(func() { errs[i] = s.Accounts.UpdateUser(ctx, id, store.UserChange{Role: &viewer}, t0) })
		}
		wg.Wait()
		refused := errors.Is(errs[0], store.ErrLastAdmin) != errors.Is(errs[1], store.ErrLastAdmin)
		if !refused || (errs[0] != nil) == (errs[1] != nil) {
			t.Fatalf("mutual demotion: errors %v and %v, want exactly one ErrLastAdmin", errs[0], errs[1])
		}
		left := a
		if errs[0] == nil {
			left = b
		}
		tests := []struct {
			name string
			ch   store.UserChange
		}{
			{"demote the last admin", store.UserChange{Role: &viewer}},
			{"disable the last admin", store.UserChange{Disabled: &yes}},
		}
		for _, tt := range tests {
			if err := s.Accounts.UpdateUser(ctx, left.ID, tt.ch, t0); !errors.Is(err, store.ErrLastAdmin) {
				t.Errorf("%s: %v, want ErrLastAdmin", tt.name, err)
			}
		}
		if got, _ := s.Accounts.UserByID(ctx, left.ID); got.Role != model.RoleAdmin || got.Disabled {
			t.Errorf("the refused change was kept: %+v", got)
		}
		// With another enabled admin the same change goes through.
		c, _ := s.Accounts.CreateUser(ctx, "c", model.RoleAdmin, "h", t0)
		if err := s.Accounts.UpdateUser(ctx, left.ID, store.UserChange{Disabled: &yes}, t0); err != nil {
			t.Errorf("disable with admin %s left: %v", c.Login, err)
		}
	})
}
