package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"axdash/app/auth"
)

func TestDemoAdmin(t *testing.T) {
	eachDB(t, func(t *testing.T) {
		ctx := context.Background()
		e, st := testEnvStore(t)
		pw, err := ensureDemoAdmin(ctx, e, st.Accounts)
		if err != nil || len(pw) != 20 {
			t.Fatalf("first start: %q, %v", pw, err)
		}
		path := filepath.Join(e.cfg.Database.DataDir, demoAdminFile)
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("password file: %v, %v", fi, err)
		}
		u, err := st.Accounts.UserByLogin(ctx, "admin")
		if err != nil || u.Role != "admin" || auth.VerifyPassword(u.PasswordHash, pw) != nil || strings.Contains(u.PasswordHash, pw) {
			t.Fatalf("demo admin %+v, %v", u, err)
		}
		again, err := ensureDemoAdmin(ctx, e, st.Accounts)
		if err != nil || again != pw {
			t.Errorf("second start: %q, %v; want the same password", again, err)
		}
		if n, _ := st.Accounts.CountUsers(ctx); n != 1 {
			t.Errorf("%d accounts after two starts", n)
		}
		// Once the password is changed the file is stale: it is removed
		// and nothing is printed; no account is made (there is one).
		if code, _, errOut := cliIn(t, "a-new-password-1\n", "user", "passwd", "admin"); code != exitOK {
			t.Fatalf("user passwd admin: %d %s", code, errOut)
		}
		if again, err := ensureDemoAdmin(ctx, e, st.Accounts); err != nil || again != "" {
			t.Errorf("after a password change: %q, %v", again, err)
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("the stale password file is still there: %v", err)
		}
		if n, _ := st.Accounts.CountUsers(ctx); n != 1 {
			t.Errorf("%d accounts after the file went", n)
		}
		if line := demoAdminLine("127.0.0.1:8080", pw); line != "demo admin: sign in at http://127.0.0.1:8080/login as admin / "+pw {
			t.Errorf("line %q", line)
		}
	})
}
