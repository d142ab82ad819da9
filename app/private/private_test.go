package private_test

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"axdash/app/private"
	"axdash/app/private/privatetest"
)

// Under a umask that leaves group or others bits, every way this package
// makes a file or folder still gives 0600 or 0700.
func TestCreatedPrivate(t *testing.T) {
	tests := []struct {
		name    string
		make    func(t *testing.T, dir string) string // returns the path to check
		want    fs.FileMode
		content string // what the file holds after, when it was written
	}{
		{"MkdirAll makes each missing level 0700", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "a", "b")
			must(t, private.MkdirAll(p))
			if m := privatetest.Mode(t, filepath.Dir(p)); m != private.DirMode {
				t.Errorf("parent made %04o", m)
			}
			return p
		}, 0o700, ""},
		{"Create", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "f")
			f, err := private.Create(p)
			must(t, err)
			must(t, f.Close())
			return p
		}, 0o600, ""},
		{"Ensure a new file", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "f")
			must(t, private.Ensure(p))
			return p
		}, 0o600, ""},
		{"WriteFile a new file", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "f")
			must(t, private.WriteBytes(p, []byte("new")))
			return p
		}, 0o600, "new"},
		{"WriteFile over a file open to others", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "f")
			must(t, os.WriteFile(p, []byte("old, longer"), 0o644))
			must(t, os.Chmod(p, 0o644))
			must(t, private.WriteBytes(p, []byte("new")))
			return p
		}, 0o600, "new"},
	}
	privatetest.EachUmask(t, func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p := tt.make(t, t.TempDir())
				if m := privatetest.Mode(t, p); m != tt.want {
					t.Errorf("%s is %04o, want %04o", p, m, tt.want)
				}
				if b, _ := os.ReadFile(p); tt.content != "" && string(b) != tt.content {
					t.Errorf("content %q, want %q", b, tt.content)
				}
			})
		}
	})
}

// Create refuses a path that exists, and Ensure leaves it as it is: neither
// may pass an old file's mode off as private, nor lose its content.
func TestExistingFilesKept(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "db")
	must(t, os.WriteFile(p, []byte("data"), 0o600))
	must(t, os.Chmod(p, 0o640))
	if _, err := private.Create(p); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Create over an existing file: %v, want ErrExist", err)
	}
	must(t, private.Ensure(p))
	if b, _ := os.ReadFile(p); string(b) != "data" || privatetest.Mode(t, p) != 0o640 {
		t.Errorf("Ensure changed an existing file: %q %04o", b, privatetest.Mode(t, p))
	}
	// A link, even one leading nowhere, is something there: nothing is
	// created at its far end.
	link, target := filepath.Join(dir, "link"), filepath.Join(dir, "nowhere")
	must(t, os.Symlink(target, link))
	must(t, private.Ensure(link))
	if _, err := os.Lstat(target); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Ensure created the link's target: %v", err)
	}
}

// A failed write leaves the old file and no temp file beside it.
func TestWriteFileFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.xlsx")
	must(t, os.WriteFile(p, []byte("old"), 0o600))
	boom := errors.New("boom")
	err := private.WriteFile(p, func(w io.Writer) error {
		_, _ = w.Write([]byte("partial"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("WriteFile = %v, want the writer's error", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("the old file became %q", b)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("left %d entries in the folder, want only the old file", len(es))
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
