package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/parseworker"
	"axdash/app/private/privatetest"
	"axdash/importers"
)

// Every file the command line writes copies answers (a backup, an
// annotated workbook) or is a draft (an export, a demo workbook): 0600
// whatever the umask, with nothing left beside it. PostgreSQL refuses a
// backup and writes nothing. The import parses in the parse worker, a
// child that inherits the umask, so its annotated copy is checked too.
func TestCommandOutputsPrivate(t *testing.T) {
	privatetest.EachUmask(t, func(t *testing.T) {
		eachDB(t, func(t *testing.T) {
			dir := privatetest.TempDir(t)
			in := func(name string) string { return filepath.Join(dir, name) }
			steps := []struct {
				args       []string
				file       string
				sqliteOnly bool // PostgreSQL refuses, writing nothing
			}{
				{[]string{"demo-workbook", "--rows", "150", "--seed", "9", "--out", in("survey.xlsx")}, "survey.xlsx", false},
				{[]string{"import", in("survey.xlsx"), "--wave", "2026-H1", "--annotate", in("annotated.xlsx")}, "annotated.xlsx", false},
				{[]string{"export", "cost-by-region", "--wave", "2026-H1", "--out", in("figure.csv")}, "figure.csv", false},
				{[]string{"export", "cost-by-region", "--wave", "2026-H1", "--out", in("figure.xlsx")}, "figure.xlsx", false},
				{[]string{"backup", "--out", in("copy.db")}, "copy.db", true},
			}
			postgres := os.Getenv("AXDASH_DATABASE_URL") != ""
			var want []string
			for _, s := range steps {
				code, _, errOut := cli(t, s.args...)
				if s.sqliteOnly && postgres {
					if code != exitRefused {
						t.Errorf("%s on PostgreSQL: exit %d, want a refusal: %s", s.args[0], code, errOut)
					}
					continue
				}
				if code != exitOK {
					t.Fatalf("%v: exit %d: %s", s.args, code, errOut)
				}
				want = append(want, s.file)
			}
			scan, err := privatetest.Walk(dir)
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(want)
			if !slices.Equal(scan.Files, want) || len(scan.Loose) > 0 {
				t.Errorf("the folder holds %v, open to others %v; want %v, all 0600", scan.Files, scan.Loose, want)
			}
		})
	})
}

// Every command that opens the SQLite database narrows a data folder and
// database files left open to others, and says so on its log, while
// another process (a running server) has the database open.
func TestCommandsTightenDataDir(t *testing.T) {
	book := demoFile(t, 30)
	tests := []struct {
		name string
		args func(dataDir string) []string
	}{
		{"migrate", func(string) []string { return []string{"migrate"} }},
		{"user list", func(string) []string { return []string{"user", "list"} }},
		{"backup", func(d string) []string { return []string{"backup", "--out", filepath.Join(d, "copy.db")} }},
		{"import", func(string) []string { return []string{"import", book, "--wave", "W", "--dry-run"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("AXDASH_CONFIG", "")
			dbCases[0].setup(t)
			// This store stays open, as a running server's would, so that
			// the -wal and -shm files exist.
			e, st := testEnvStore(t)
			if _, err := st.Accounts.CreateUser(context.Background(), "kim", model.RoleViewer, "h", time.Now()); err != nil {
				t.Fatal(err)
			}
			data := e.cfg.Database.DataDir
			old := map[string]os.FileMode{data: 0o755}
			for _, f := range []string{"axdash.db", "axdash.db-wal", "axdash.db-shm"} {
				old[filepath.Join(data, f)] = 0o644
			}
			for p, m := range old {
				if err := os.Chmod(p, m); err != nil {
					t.Fatal(err)
				}
			}
			_, _, errOut := cli(t, tt.args(t.TempDir())...)
			for p, m := range old {
				want := os.FileMode(0o600)
				if p == data {
					want = 0o700
				}
				if got := privatetest.Mode(t, p); got != want {
					t.Errorf("%s is %04o after %s, want %04o", p, got, tt.name, want)
				}
				if line := fmt.Sprintf("path=%s old_mode=%04o new_mode=%04o", p, uint32(m), uint32(want)); !strings.Contains(errOut, line) {
					t.Errorf("no warning %q in %q", line, errOut)
				}
			}
		})
	}
}

// The demo admin's password file is written 0600 in a 0700 folder, and
// narrowed at the next start if it was left open to others.
func TestDemoAdminFilePrivate(t *testing.T) {
	privatetest.EachUmask(t, func(t *testing.T) {
		eachDB(t, func(t *testing.T) {
			root := privatetest.TempDir(t)
			data := filepath.Join(root, "data")
			t.Setenv("AXDASH_DATA_DIR", data)
			e, st := testEnvStore(t)
			var logs bytes.Buffer
			e.log = slog.New(slog.NewTextHandler(&logs, nil))
			pw, err := ensureDemoAdmin(context.Background(), e, st.Accounts)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(data, demoAdminFile)
			if scan, err := privatetest.Walk(root); err != nil || !slices.Contains(scan.Files, "data/"+demoAdminFile) || len(scan.Loose) > 0 {
				t.Errorf("after the first start: %+v, %v", scan, err)
			}
			old := map[string]os.FileMode{data: 0o755, path: 0o644}
			for p, m := range old {
				if err := os.Chmod(p, m); err != nil {
					t.Fatal(err)
				}
			}
			if again, err := ensureDemoAdmin(context.Background(), e, st.Accounts); err != nil || again != pw {
				t.Fatalf("second start: %q, %v", again, err)
			}
			for p, want := range map[string]os.FileMode{data: 0o700, path: 0o600} {
				if got := privatetest.Mode(t, p); got != want {
					t.Errorf("%s is %04o, want %04o", p, got, want)
				}
				if line := fmt.Sprintf("path=%s old_mode=%04o", p, uint32(old[p])); !strings.Contains(logs.String(), line) {
					t.Errorf("no warning %q in %q", line, logs.String())
				}
			}
		})
	})
}

// The parse worker's scratch folder, and the importer's folder the child
// makes in it, are 0700 whatever the umask the child inherits: looked at
// from the first record's sink while the child is still reading. It cannot
// have finished: 3,000 rows make about 470 KB of frames, and the child's
// and the parent's 64 KiB buffers and the pipe's 64 KiB hold under 200 KB.
// Its annotated copy is 0600 and its report file is gone.
func TestParseWorkerScratchPrivate(t *testing.T) {
	path := demoFile(t, 3000)
	privatetest.EachUmask(t, func(t *testing.T) {
		tmp := privatetest.TempDir(t)
		outDir := privatetest.TempDir(t)
		t.Setenv("TMPDIR", tmp)
		w, ok := testEnv(t).reader().(*parseworker.Worker)
		if !ok {
			t.Fatal("the default reader is not the parse worker")
		}
		watch := privatetest.Watch(tmp)
		res, err := w.Read(context.Background(), path, importers.Spec{}, func(importers.Record) error {
			watch.Look()
			return nil
		})
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		scan := watch.Result(t)
		if len(scan.Dirs) != 3 || !strings.HasPrefix(scan.Dirs[1], "worker-") ||
			!strings.HasPrefix(filepath.Base(scan.Dirs[2]), "axdash-import-") || len(scan.Loose) > 0 {
			t.Errorf("during the read: folders %v, files %v, open to others %v", scan.Dirs, scan.Files, scan.Loose)
		}
		out := filepath.Join(outDir, "annotated.xlsx")
		if err := w.Annotate(context.Background(), path, importers.Spec{}, &res.Report, out); err != nil {
			t.Fatal(err)
		}
		if scan, err := privatetest.Walk(outDir); err != nil || !slices.Equal(scan.Files, []string{"annotated.xlsx"}) || len(scan.Loose) > 0 {
			t.Errorf("after annotating: %+v, %v", scan, err)
		}
	})
}

// The binary sets its umask to 077 before anything else, whatever umask it
// was started under: a second line of defence behind the explicit modes,
// for what a library makes without a mode of its own.
func TestBinaryUmask(t *testing.T) {
	privatetest.EachUmask(t, func(t *testing.T) {
		t.Setenv("AXDASH_CONFIG", "")
		dbCases[0].setup(t)
		sp := startServe(t, nil)
		status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", sp.pid))
		if err != nil || !bytes.Contains(status, []byte("\nUmask:")) {
			t.Skipf("the system does not show a process's umask: %v", err)
		}
		if !bytes.Contains(status, []byte("\nUmask:\t0077\n")) {
			t.Errorf("serve runs with %q, want umask 0077", umaskLine(status))
		}
	})
}

func umaskLine(status []byte) string {
	for line := range strings.Lines(string(status)) {
		if strings.HasPrefix(line, "Umask:") {
			return strings.TrimSpace(line)
		}
	}
	return ""
}
