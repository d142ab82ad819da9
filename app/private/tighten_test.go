package private_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"axdash/app/private"
	"axdash/app/private/privatetest"
)

// Tighten narrows the data folder and the named files in it, says so for
// each, and leaves alone everything else: other files in the folder, the
// folder's parent, its neighbours and whatever a named link points at.
func TestTighten(t *testing.T) {
	names := []string{"axdash.db", "axdash.db-wal", "axdash.db-shm"}
	tests := []struct {
		name    string
		dir     fs.FileMode
		files   map[string]fs.FileMode // in the data folder
		links   map[string]string      // name in the data folder → file beside it (outside)
		want    map[string]fs.FileMode // by path relative to the parent of the data folder
		changed []string               // the paths the warnings name, relative likewise
	}{
		{"open folder and database", 0o755,
			map[string]fs.FileMode{"axdash.db": 0o644, "axdash.db-wal": 0o644, "axdash.db-shm": 0o600},
			nil,
			map[string]fs.FileMode{"data": 0o700, "data/axdash.db": 0o600, "data/axdash.db-wal": 0o600, "data/axdash.db-shm": 0o600},
			[]string{"data", "data/axdash.db", "data/axdash.db-wal"}},
		{"group bits only", 0o770,
			map[string]fs.FileMode{"axdash.db": 0o660, "axdash.db-shm": 0o640},
			nil,
			map[string]fs.FileMode{"data": 0o700, "data/axdash.db": 0o600, "data/axdash.db-shm": 0o600},
			[]string{"data", "data/axdash.db", "data/axdash.db-shm"}},
		{"already private, or narrower", 0o700,
			map[string]fs.FileMode{"axdash.db": 0o600, "axdash.db-wal": 0o400},
			nil,
			map[string]fs.FileMode{"data": 0o700, "data/axdash.db": 0o600, "data/axdash.db-wal": 0o400},
			nil},
		{"files not named are not ours", 0o700,
			map[string]fs.FileMode{"notes.txt": 0o644, "axdash.db.bak": 0o644},
			nil,
			map[string]fs.FileMode{"data/notes.txt": 0o644, "data/axdash.db.bak": 0o644},
			nil},
		{"a named link leads outside", 0o700,
			nil,
			map[string]string{"axdash.db": "elsewhere.db"},
			map[string]fs.FileMode{"elsewhere.db": 0o644, "sibling": 0o644},
			nil},
	}
	privatetest.EachUmask(t, func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				parent := t.TempDir()
				must(t, os.Chmod(parent, 0o755))
				dir := filepath.Join(parent, "data")
				must(t, os.Mkdir(dir, 0o700))
				must(t, os.Chmod(dir, tt.dir))
				for name, m := range tt.files {
					writeMode(t, filepath.Join(dir, name), m)
				}
				writeMode(t, filepath.Join(parent, "sibling"), 0o644)
				for name, target := range tt.links {
					writeMode(t, filepath.Join(parent, target), 0o644)
					must(t, os.Symlink(filepath.Join(parent, target), filepath.Join(dir, name)))
				}
				var logs bytes.Buffer
				private.Tighten(slog.New(slog.NewTextHandler(&logs, nil)), dir, names...)

				if m := privatetest.Mode(t, parent); m != 0o755 {
					t.Errorf("the data folder's parent became %04o", m)
				}
				for rel, want := range tt.want {
					if m := privatetest.Mode(t, filepath.Join(parent, rel)); m != want {
						t.Errorf("%s is %04o, want %04o", rel, m, want)
					}
				}
				lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
				if len(tt.changed) == 0 && logs.Len() > 0 || len(tt.changed) > 0 && len(lines) != len(tt.changed) {
					t.Fatalf("logged %q, want a warning for each of %v", logs.String(), tt.changed)
				}
				for i, rel := range tt.changed {
					p, old := filepath.Join(parent, rel), tt.dir
					if rel != "data" {
						old = tt.files[filepath.Base(rel)]
					}
					for _, part := range []string{"level=WARN", "path=" + p, fmt.Sprintf("old_mode=%04o", uint32(old)),
						"new_mode=" + modeFor(p)} {
						if !strings.Contains(lines[i], part) {
							t.Errorf("warning %q lacks %q", lines[i], part)
						}
					}
				}
			})
		}
	})
}

// A data folder that does not exist yet is no error: nothing to narrow.
func TestTightenMissingFolder(t *testing.T) {
	var logs bytes.Buffer
	private.Tighten(slog.New(slog.NewTextHandler(&logs, nil)), filepath.Join(t.TempDir(), "none"), "axdash.db")
	if logs.Len() > 0 {
		t.Errorf("logged %q for a missing folder", logs.String())
	}
}

func writeMode(t *testing.T, p string, m fs.FileMode) {
	t.Helper()
	must(t, os.WriteFile(p, []byte("x"), 0o600))
	must(t, os.Chmod(p, m))
}

// modeFor is what a tightened path should say it became.
func modeFor(p string) string {
	if info, err := os.Stat(p); err == nil && info.IsDir() {
		return "0700"
	}
	return "0600"
}
