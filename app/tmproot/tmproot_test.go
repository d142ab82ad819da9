package tmproot

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"axdash/app/private/privatetest"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// names lists base's entries, the sweep lock left out.
func names(t *testing.T, base string) []string {
	t.Helper()
	entries, err := os.ReadDir(base)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != sweepLock {
			out = append(out, e.Name())
		}
	}
	return out
}

// deadFolder makes what a killed process leaves: its folder with its lock
// file (no longer held) and an upload copy, or no lock file at all.
func deadFolder(t *testing.T, base, name string, withLock bool) string {
	t.Helper()
	dir := filepath.Join(base, prefix+name)
	if err := os.MkdirAll(filepath.Join(dir, "job-1"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "job-1", "upload"), []byte("raw answers"), 0o600); err != nil {
		t.Fatal(err)
	}
	if withLock {
		if err := os.WriteFile(filepath.Join(dir, ownerLock), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestOpenSweepsDeadKeepsLive opens roots over a base that holds dead
// processes' folders, a live one's and files of other programs: the dead
// ones go, the rest stay.
func TestOpenSweepsDeadKeepsLive(t *testing.T) {
	tests := []struct {
		name      string
		dead      map[string]bool // folder name → has a lock file
		foreign   []string        // other programs' entries in a shared TMPDIR
		liveFirst bool            // another live root exists before Open
	}{
		{name: "empty base"},
		{name: "a killed process's folder", dead: map[string]bool{"111-20260101T000000-1": true}},
		{name: "a folder whose lock file is gone", dead: map[string]bool{"222-x-2": false}},
		{name: "dead and live together", dead: map[string]bool{"333-a-1": true, "444-b-2": false}, liveFirst: true},
		{name: "other programs' files stay", foreign: []string{"axdash-job-123", "go-build42", "axdash-proc"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base := privatetest.TempDir(t)
			for name, lock := range tc.dead {
				deadFolder(t, base, name, lock)
			}
			for _, name := range tc.foreign {
				if err := os.Mkdir(filepath.Join(base, name), 0o700); err != nil {
					t.Fatal(err)
				}
			}
			want := slices.Clone(tc.foreign)
			if tc.liveFirst {
				live, err := Open(base, quiet())
				if err != nil {
					t.Fatal(err)
				}
				defer live.Close()
				want = append(want, filepath.Base(live.Dir()))
			}
			r, err := Open(base, quiet())
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, filepath.Base(r.Dir()))
			got := names(t, base)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("after Open: %v, want %v", got, want)
			}
			if info, err := os.Stat(r.Dir()); err != nil || info.Mode().Perm() != 0o700 {
				t.Errorf("root %s: %v, %v", r.Dir(), info, err)
			}
			if err := r.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(r.Dir()); !os.IsNotExist(err) {
				t.Errorf("root left after Close: %v", err)
			}
		})
	}
}

// TestLiveRootSurvivesAnotherOpen: a second process's start (here a second
// Open, whose lock is another open file) keeps the first's files.
func TestLiveRootSurvivesAnotherOpen(t *testing.T) {
	base := privatetest.TempDir(t)
	first, err := Open(base, quiet())
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	spill := filepath.Join(first.Dir(), "upload-1")
	if err := os.WriteFile(spill, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	second, err := Open(base, quiet())
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if _, err := os.Stat(spill); err != nil {
		t.Errorf("the live root's file went: %v", err)
	}
	if first.Dir() == second.Dir() {
		t.Errorf("two roots share %s", first.Dir())
	}
}
