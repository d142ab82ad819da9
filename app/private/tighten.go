package private

import (
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
)

// othersBits are the permission bits that let the group or others in.
const othersBits fs.FileMode = 0o077

// Tighten takes the group's and others' permissions away from dir and from
// the regular files directly in it that names lists, logging a warning with
// the path and the old and new mode for each one it changes. It touches
// nothing else: not dir's parents, not other files in dir, and not a name
// that is a symbolic link, which might lead outside dir. Paths that do not
// exist are skipped. A path that cannot be changed (owned by another
// account, say) is logged and left: the start goes on, as it did before
// the check existed.
func Tighten(log *slog.Logger, dir string, names ...string) {
	// dir itself is followed if it is a link: the configured data folder
	// is the folder, wherever it lives.
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return
	}
	tighten(log, dir, info.Mode())
	for _, name := range names {
		p := filepath.Join(dir, name)
		info, err := os.Lstat(p)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		tighten(log, p, info.Mode())
	}
}

// tighten clears the open bits of path, whose mode is mode.
func tighten(log *slog.Logger, path string, mode fs.FileMode) {
	old := mode.Perm()
	if old&othersBits == 0 {
		return
	}
	tight := old &^ othersBits
	if err := os.Chmod(path, tight); err != nil {
		log.Warn("a data path is open to other users and could not be narrowed",
			slog.String("path", path), slog.String("mode", octal(old)), slog.Any("err", err))
		return
	}
	log.Warn("narrowed a data path that was open to other users",
		slog.String("path", path), slog.String("old_mode", octal(old)), slog.String("new_mode", octal(tight)))
}

func octal(m fs.FileMode) string { return fmt.Sprintf("%04o", uint32(m)) }
