package main

import (
	"bytes"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"axdash/configs"
)

// TestRefusedUploadsMemory sends a real serve process, for each route that
// takes a file and each caller it refuses, eight 31 MiB uploads at once:
// each gets its refusal (a sign-in redirect, 401 or 403) while the server's
// peak RSS grows by less than 64 MiB over its RSS before the batch (the
// bodies are never read), and the upload temp area in the data dir stays
// empty. The growth is logged.
func TestRefusedUploadsMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server and sends 1.2 GiB of refused uploads")
	}
	eachDB(t, func(t *testing.T) {
		data := t.TempDir()
		t.Setenv("AXDASH_DATA_DIR", data)
		pw := addUser(t, "viewer1", "viewer")
		sp := startServe(t, []string{"AXDASH_LOG_LEVEL=warn"})
		viewer, token := signInTo(t, sp.base, "viewer1", pw, "/")
		anon := &http.Client{Timeout: time.Minute,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		tests := []struct {
			path, who string
			c         *http.Client
			want      int
		}{
			{"/admin/boundary", "anonymous", anon, http.StatusSeeOther},
			{"/admin/boundary", "viewer", viewer, http.StatusForbidden},
			{"/api/v1/imports", "anonymous", anon, http.StatusUnauthorized},
			{"/api/v1/imports", "viewer", viewer, http.StatusForbidden},
		}
		for _, tt := range tests {
			if err := resetHWM(sp.pid); err != nil {
				t.Fatalf("reset the server's peak RSS: %v", err)
			}
			before := procStatus(sp.pid, "VmRSS:")
			got := postConcurrently(t, tt.c, sp.base+tt.path, token, 8)
			growth := vmHWM(sp.pid) - before
			t.Logf("%s as %s: 8 × 31 MiB refused with %v; server RSS %s before, peak grew by %.1f MiB",
				tt.path, tt.who, got, mib(before), float64(growth)/(1<<20))
			for i, status := range got {
				if status != tt.want {
					t.Errorf("%s as %s, upload %d: %d, want %d", tt.path, tt.who, i, status, tt.want)
				}
			}
			if before == 0 || growth >= 64<<20 {
				t.Errorf("%s as %s: server peak RSS grew by %s (RSS before %s), want under 64 MiB",
					tt.path, tt.who, mib(growth), mib(before))
			}
		}
		tmp := filepath.Join(data, "tmp")
		if fi, err := os.Stat(tmp); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("upload temp area %s: %v, %v; want a 0700 folder", tmp, fi, err)
		}
		if left := waitEmpty(tmp, 0); len(left) > 0 {
			t.Errorf("upload temp area holds %v", left)
		}
	})
}

// postConcurrently posts n uploads of a 31 MiB file at once, each made as
// it is sent, and returns their statuses (0 for a failed request).
func postConcurrently(t *testing.T, c *http.Client, target, token string, n int) []int {
	t.Helper()
	got := make([]int, n)
	var wg sync.WaitGroup
	for i := range got {
		var head bytes.Buffer
		w := multipart.NewWriter(&head)
		_ = w.WriteField("_csrf", token)
		if _, err := w.CreateFormFile("file", "big.xlsx"); err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodPost, target, io.MultiReader(&head, io.LimitReader(zeroReader{}, 31<<20)))
		req.Header.Set("Content-Type", w.FormDataContentType())
		req.Header.Set("X-CSRF-Token", token)
		wg.Go(func() {
			res, err := c.Do(req)
			if err != nil {
				t.Logf("upload %d: %v", i, err)
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			got[i] = res.StatusCode
		})
	}
	wg.Wait()
	return got
}

// zeroReader is an endless run of zero bytes.
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestTempBase: the processes' temp folders, where serve spills uploads,
// are in data_dir/tmp when the data dir exists (SQLite always makes it;
// with PostgreSQL the operator may), else in the OS temp folder ("").
func TestTempBase(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		name string
		db   configs.DatabaseConfig
		want string
	}{
		{"SQLite", configs.DatabaseConfig{DataDir: data}, filepath.Join(data, "tmp")},
		{"PostgreSQL with a data dir", configs.DatabaseConfig{URL: "postgres://x", DataDir: data}, filepath.Join(data, "tmp")},
		{"PostgreSQL, data dir absent", configs.DatabaseConfig{URL: "postgres://x", DataDir: filepath.Join(data, "none")}, ""},
		{"no data dir", configs.DatabaseConfig{URL: "postgres://x"}, ""},
	}
	for _, tt := range tests {
		e := &env{cfg: &configs.Config{Database: tt.db}}
		if got := e.tempBase(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestServeTempRoot: serve needs its temp folder to take uploads and run
// jobs; a read-only server, which does neither, starts without one when
// the temp area cannot be written.
func TestServeTempRoot(t *testing.T) {
	blocked := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocked, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		tmpdir   string
		readOnly bool
		fails    bool
		root     bool // a folder of its own is made
	}{
		{"writable", t.TempDir(), false, false, true},
		{"writable, read-only server", t.TempDir(), true, false, true},
		{"unwritable", filepath.Join(blocked, "tmp"), false, true, false},
		{"unwritable, read-only server", filepath.Join(blocked, "tmp"), true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("TMPDIR", tt.tmpdir)
			e := &env{cfg: &configs.Config{Database: configs.DatabaseConfig{URL: "postgres://x", ReadOnly: tt.readOnly}},
				log: slog.New(slog.NewTextHandler(io.Discard, nil))}
			closeRoot, err := e.serveTempRoot()
			if (err != nil) != tt.fails || (e.tmp != "") != tt.root {
				t.Fatalf("err %v, temp folder %q", err, e.tmp)
			}
			if closeRoot != nil {
				closeRoot()
			}
		})
	}
}
