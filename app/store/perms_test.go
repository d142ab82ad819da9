package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/private/privatetest"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/configs"
)

// The database files hold raw answers and password hashes: a new SQLite
// store's folder is 0700 and its database, -wal and -shm are 0600 after a
// write, whatever the umask. PostgreSQL keeps no files of axdash's.
func TestStoreFilesPrivate(t *testing.T) {
	privatetest.EachUmask(t, func(t *testing.T) {
		t.Run(store.DialectSQLite, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "new", "data")
			var logs bytes.Buffer
			writeOnce(t, storetest.OpenLogged(t, configs.DatabaseConfig{DataDir: dir}, slog.New(slog.NewTextHandler(&logs, nil))))
			scan, err := privatetest.Walk(filepath.Dir(dir))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{"data/axdash.db", "data/axdash.db-wal", "data/axdash.db-shm"} {
				if !slices.Contains(scan.Files, f) {
					t.Errorf("no %s among %v", f, scan.Files)
				}
			}
			if len(scan.Loose) > 0 {
				t.Errorf("open to others: %v", scan.Loose)
			}
			if logs.Len() > 0 {
				t.Errorf("a new store logged %q", logs.String())
			}
		})
		t.Run(store.DialectPostgres, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			writeOnce(t, storetest.OpenLogged(t, configs.DatabaseConfig{URL: storetest.PostgresURL(t), DataDir: dir}, slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil))))
			if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("PostgreSQL made the data folder: %v", err)
			}
		})
	})
}

// A data folder and database files left open to others (by an older
// version, or a copy made with cp) are narrowed when a store opens, with a
// warning naming each; the folder's parent, its neighbours and files in it
// that are not the database keep their modes.
func TestStoreOpenTightens(t *testing.T) {
	tests := []struct {
		name      string
		dir, file fs.FileMode
	}{
		{"readable by all", 0o755, 0o644},
		{"writable by the group", 0o775, 0o664},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "data")
			// A first process keeps the store open, so that the -wal and
			// -shm files exist as they do beside a running server.
			writeOnce(t, storetest.OpenLogged(t, configs.DatabaseConfig{DataDir: dir}, slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil))))
			if err := os.WriteFile(filepath.Join(parent, "neighbour"), nil, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "notes.txt"), nil, 0o600); err != nil {
				t.Fatal(err)
			}
			ours := map[string]fs.FileMode{dir: tt.dir}
			others := map[string]fs.FileMode{parent: tt.dir, filepath.Join(parent, "neighbour"): tt.file,
				filepath.Join(dir, "notes.txt"): tt.file}
			for _, f := range []string{"axdash.db", "axdash.db-wal", "axdash.db-shm"} {
				ours[filepath.Join(dir, f)] = tt.file
			}
			all := maps.Clone(ours)
			maps.Copy(all, others)
			for p, m := range all {
				if err := os.Chmod(p, m); err != nil {
					t.Fatal(err)
				}
			}
			var logs bytes.Buffer
			storetest.OpenLogged(t, configs.DatabaseConfig{DataDir: dir}, slog.New(slog.NewTextHandler(&logs, nil)))
			for p, old := range ours {
				want := fs.FileMode(0o600)
				if p == dir {
					want = 0o700
				}
				if m := privatetest.Mode(t, p); m != want {
					t.Errorf("%s is %04o, want %04o", p, m, want)
				}
				if line := fmt.Sprintf("path=%s old_mode=%04o new_mode=%04o", p, uint32(old), uint32(want)); !strings.Contains(logs.String(), line) {
					t.Errorf("no warning %q in %q", line, logs.String())
				}
			}
			for p, was := range others {
				if m := privatetest.Mode(t, p); m != was {
					t.Errorf("%s, not the database's, became %04o (was %04o)", p, m, was)
				}
			}
		})
	}
}

// A backup copies every answer: it is made 0600 whatever the umask, and
// leaves nothing else beside it. PostgreSQL refuses and makes no file.
func TestBackupPrivate(t *testing.T) {
	privatetest.EachUmask(t, func(t *testing.T) {
		storetest.Each(t, func(t *testing.T, s *store.DB) {
			writeOnce(t, s)
			dir := filepath.Join(t.TempDir(), "backups")
			if err := os.Mkdir(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			err := s.Ops.Backup(context.Background(), filepath.Join(dir, "copy.db"))
			scan, werr := privatetest.Walk(dir)
			if werr != nil {
				t.Fatal(werr)
			}
			want := []string{"copy.db"}
			if s.Ops.Dialect() == store.DialectPostgres {
				if !errors.Is(err, store.ErrBackupPostgres) {
					t.Errorf("backup of PostgreSQL = %v, want ErrBackupPostgres", err)
				}
				want = nil
			} else if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(scan.Files, want) || len(scan.Loose) > 0 {
				t.Errorf("the backup folder holds %v, open to others %v; want %v, all 0600", scan.Files, scan.Loose, want)
			}
		})
	})
}

// writeOnce writes to s, as any first use does.
func writeOnce(t *testing.T, s *store.DB) {
	t.Helper()
	if _, err := s.Accounts.CreateUser(context.Background(), "kim", model.RoleViewer, "hash", time.Now()); err != nil {
		t.Fatal(err)
	}
}
