// Package tmproottest mounts small disks that fill up, for the tests of
// what axdash does on a full disk.
package tmproottest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"axdash/app/tmproot"
)

// requireEnv makes a failed mount fail the test instead of skipping it
// (CI, where the tests run as root).
const requireEnv = "AXDASH_REQUIRE_TMPFS"

// Tmpfs mounts a tmpfs of size bytes on a new folder (0700) and unmounts
// it when the test ends. Mounting needs root: elsewhere the test is
// skipped unless AXDASH_REQUIRE_TMPFS is set.
func Tmpfs(t testing.TB, size int64) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d,mode=0700", size), "tmpfs", dir).CombinedOutput()
	if err != nil {
		if os.Getenv(requireEnv) != "" {
			t.Fatalf("mount a tmpfs: %v: %s", err, out)
		}
		t.Skipf("cannot mount a tmpfs (needs root; %s=1 makes this fail): %v: %s", requireEnv, err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("unmount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// Fill writes a file in dir that leaves about left bytes free on its disk.
func Fill(t testing.TB, dir string, left int64) {
	t.Helper()
	free, err := tmproot.Free(dir)
	if err != nil {
		t.Fatal(err)
	}
	if free <= left {
		return
	}
	if err := os.WriteFile(filepath.Join(dir, filler), make([]byte, free-left), 0o600); err != nil {
		t.Fatalf("fill %s: %v", dir, err)
	}
}

// Unfill gives back the space Fill took in dir (none when it wrote
// nothing).
func Unfill(t testing.TB, dir string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, filler)); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
}

// filler is the file Fill writes.
const filler = "filler"
