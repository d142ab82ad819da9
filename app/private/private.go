// Package private makes the files and folders axdash writes readable by the
// operator's account only: they hold raw survey answers, password hashes
// and uploaded workbooks. Files are created 0600 and folders 0700 with the
// mode given explicitly, so that no umask (022 and 002 are common) widens
// them, and Tighten narrows the ones an older version or another tool left
// open. This is the one home of those modes; callers never spell them.
package private

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

const (
	// FileMode is the mode of every file axdash creates.
	FileMode fs.FileMode = 0o600
	// DirMode is the mode of every folder axdash creates.
	DirMode fs.FileMode = 0o700
)

// MkdirAll makes dir, and any missing parent, 0700. A folder that exists
// keeps its mode: Tighten is for that.
func MkdirAll(dir string) error {
	if err := os.MkdirAll(dir, DirMode); err != nil {
		return fmt.Errorf("private: create folder %s: %w", dir, err)
	}
	return nil
}

// Create makes a new file 0600 and opens it for writing. A path that exists
// is refused (fs.ErrExist): its mode would stay as it was.
func Create(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, FileMode)
}

// Ensure creates path as an empty 0600 file unless something is there
// already (a file, even one it may not write, or a link), which it leaves
// as it is without opening it.
func Ensure(path string) error {
	f, err := Create(path)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("private: create %s: %w", path, err)
	}
	return f.Close()
}

// WriteFile writes path through write. The bytes go to a new 0600 file
// beside path, renamed over it once complete, so that a failed write leaves
// path as it was and no partial file, and a file already at path (which may
// be readable by others, or a link to elsewhere) is replaced rather than
// written through or chmod-ed.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	// os.CreateTemp makes its file 0600 whatever the umask.
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("private: write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("private: write %s: %w", path, err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("private: write %s: %w", path, err)
	}
	return nil
}

// WriteBytes is WriteFile for bytes already in memory.
func WriteBytes(path string, b []byte) error {
	return WriteFile(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}
