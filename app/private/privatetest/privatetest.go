// Package privatetest helps tests check that axdash's files and folders
// are the operator's only, whatever the umask.
package privatetest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"axdash/app/private"
)

// EachUmask runs fn once under each umask an operator's system commonly
// has (022, and 002 where each user has a group of their own), restoring
// the test process's umask after each. The umask is process-wide: callers
// must not run in parallel with tests that create files.
func EachUmask(t *testing.T, fn func(t *testing.T)) {
	for _, mask := range []int{0o022, 0o002} {
		t.Run(fmt.Sprintf("umask-%03o", mask), func(t *testing.T) {
			setUmask(t, mask)
			fn(t)
		})
	}
}

// TempDir is t.TempDir made 0700 (the testing package makes it 0777 less
// the umask), so that a Walk from it judges only what the code under test
// made.
func TempDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Chmod(dir, private.DirMode); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Mode is path's permission bits (not following a final link).
func Mode(t testing.TB, path string) fs.FileMode {
	t.Helper()
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

// Scan is what Walk found under a root.
type Scan struct {
	Dirs, Files []string // paths relative to the root, the root being "."
	Loose       []string // "path mode" of each folder not 0700 and file not 0600
}

// Walk lists root and everything under it. It returns an error rather than
// failing a test, so that it can run inside a callback on any goroutine; a
// path removed during the walk (a temp file closed meanwhile) is skipped.
func Walk(root string) (Scan, error) {
	var s Scan
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		info, err := d.Info()
		if os.IsNotExist(err) {
			return nil
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		want := private.FileMode
		if d.IsDir() {
			s.Dirs, want = append(s.Dirs, rel), private.DirMode
		} else {
			s.Files = append(s.Files, rel)
		}
		if info.Mode().Perm() != want {
			s.Loose = append(s.Loose, fmt.Sprintf("%s %04o", rel, uint32(info.Mode().Perm())))
		}
		return nil
	})
	return s, err
}

// Watcher walks a root the first time Look is called, so that a test can
// look at scratch folders from a callback (a sink, a reader) while the
// code under test is still using them.
type Watcher struct {
	root string
	once sync.Once
	seen bool
	scan Scan
	err  error
}

// Watch returns a Watcher of root.
func Watch(root string) *Watcher { return &Watcher{root: root} }

// Look walks the root if it has not been walked yet; it is safe to call
// from any goroutine.
func (w *Watcher) Look() {
	w.once.Do(func() {
		w.seen = true
		w.scan, w.err = Walk(w.root)
	})
}

// Result is what the first Look found. It fails t if Look was never
// called or the walk failed; call it once the code under test returned.
func (w *Watcher) Result(t testing.TB) Scan {
	t.Helper()
	w.once.Do(func() {}) // orders this read after a Look on another goroutine
	if !w.seen || w.err != nil {
		t.Fatalf("walk of %s: looked: %v, error: %v", w.root, w.seen, w.err)
	}
	return w.scan
}
