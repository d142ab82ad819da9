package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestHealthcheckCommand(t *testing.T) {
	t.Setenv("AXDASH_CONFIG", "")
	dbCases[0].setup(t)
	ready := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/readyz" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte(`{"status":"ready"}`))
	}))
	defer ready.Close()
	unready := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"status":"unavailable","reason":"migrations pending"}`, http.StatusServiceUnavailable)
	}))
	defer unready.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	tests := []struct {
		name string
		env  string // AXDASH_ADDR
		args []string
		code int
		says string
	}{
		{"ready", "", []string{"--url", ready.URL + "/readyz"}, exitOK, `"ready"`},
		{"a bare server URL asks its /readyz", "", []string{"--url", ready.URL}, exitOK, `"ready"`},
		{"a server URL with a slash asks its /readyz", "", []string{"--url", ready.URL + "/"}, exitOK, `"ready"`},
		{"not ready", "", []string{"--url", unready.URL + "/readyz"}, exitRefused, "503"},
		{"nothing listening", "", []string{"--url", "http://" + closed + "/readyz"}, exitRefused, "refused"},
		{"address from the configuration", strings.TrimPrefix(ready.URL, "http://"), nil, exitOK, `"ready"`},
		{"every interface means loopback", "0.0.0.0:" + ready.URL[strings.LastIndex(ready.URL, ":")+1:], nil, exitOK, `"ready"`},
		{"bad flag", "", []string{"--nope"}, exitUsage, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("AXDASH_ADDR", tt.env)
			code, out, errOut := cli(t, append([]string{"healthcheck"}, tt.args...)...)
			if code != tt.code || !strings.Contains(out+errOut, tt.says) {
				t.Errorf("exit %d (want %d); out %q err %q; want %q", code, tt.code, out, errOut, tt.says)
			}
		})
	}
}

// A backup of the SQLite data directory is a working database: put in
// place of the data directory, it serves the same figure.
func TestBackupAndRestore(t *testing.T) {
	dir := importedDemo(t, 150, 9)
	orig := filepath.Join(dir, "orig.csv")
	if code, _, errOut := cli(t, "export", "cost-by-region", "--wave", "2026-H1", "--out", orig); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	restored := filepath.Join(dir, "restored")
	if err := os.MkdirAll(restored, 0o750); err != nil {
		t.Fatal(err)
	}
	copyFile := filepath.Join(restored, "axdash.db")
	if code, out, errOut := cli(t, "backup", "--out", copyFile); code != exitOK || !strings.Contains(out, "consistent copy") {
		t.Fatalf("backup exit %d: %s %s", code, out, errOut)
	}
	if code, _, errOut := cli(t, "backup", "--out", copyFile); code != exitRefused || !strings.Contains(errOut, "already exists") {
		t.Errorf("a backup over an existing file: exit %d %s", code, errOut)
	}
	if code, _, _ := cli(t, "backup"); code != exitUsage {
		t.Errorf("backup without --out: exit %d", code)
	}
	t.Setenv("AXDASH_DATA_DIR", restored)
	again := filepath.Join(dir, "restored.csv")
	if code, _, errOut := cli(t, "export", "cost-by-region", "--wave", "2026-H1", "--out", again); code != 0 {
		t.Fatalf("export from the restored copy: %s", errOut)
	}
	a, _ := os.ReadFile(orig)
	b, _ := os.ReadFile(again)
	if len(a) < 100 || string(a) != string(b) {
		t.Errorf("the restored copy's figure differs:\n%s\n---\n%s", a, b)
	}
}

func TestBackupRefusesPostgres(t *testing.T) {
	t.Setenv("AXDASH_CONFIG", "")
	dbCases[1].setup(t)
	code, _, errOut := cli(t, "backup", "--out", filepath.Join(t.TempDir(), "x.db"))
	if code != exitRefused || !strings.Contains(errOut, "pg_dump") {
		t.Errorf("backup of PostgreSQL: exit %d %s, want a pointer to pg_dump", code, errOut)
	}
}

// importedDemo points the CLI at a fresh SQLite data directory holding one
// demo wave, 2026-H1, imported through the real command; it returns a
// folder for the test's files.
func importedDemo(t *testing.T, rows, seed int) string {
	t.Helper()
	t.Setenv("AXDASH_CONFIG", "")
	dbCases[0].setup(t)
	dir := t.TempDir()
	book := filepath.Join(dir, "survey.xlsx")
	if code, _, errOut := cli(t, "demo-workbook", "--rows", strconv.Itoa(rows), "--seed", strconv.Itoa(seed), "--out", book); code != 0 {
		t.Fatalf("demo-workbook exit %d: %s", code, errOut)
	}
	if code, out, errOut := cli(t, "import", book, "--wave", "2026-H1"); code != 0 {
		t.Fatalf("import exit %d: %s %s", code, out, errOut)
	}
	return dir
}
