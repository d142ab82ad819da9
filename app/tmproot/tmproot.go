// Package tmproot gives each axdash process one folder for every temporary
// file it makes (upload spills, job copies of uploads, parse workers'
// scratch, excelize's temp files), and removes at start the folders of
// processes that died without removing their own: a kill -9 or an OOM kill
// runs no defer, and those files hold raw survey answers.
//
// A folder's owner is told alive by a lock, not by a PID: the owner holds
// an exclusive flock on the folder's owner.lock for its whole life and the
// kernel drops it when the process ends, however it ends. A PID can be
// reused by an unrelated process; a lock cannot outlive its holder. Several
// processes may share the base folder (servers and imports on one data
// dir): a sweep and a creation each hold the base's sweep lock, so no
// process sees another's folder before that folder's lock is taken.
package tmproot

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"axdash/app/private"
)

// Names in the base folder. The prefix is what a sweep may remove: nothing
// else in a shared temp folder (TMPDIR) is touched.
const (
	prefix    = "axdash-proc-"
	ownerLock = "owner.lock"
	sweepLock = ".axdash-sweep.lock"
)

// Root is this process's temp folder.
type Root struct {
	dir  string
	lock *os.File // owner.lock, locked until Close
}

// Open removes the folders of dead processes in base ("" is the OS temp
// folder) and makes this process's, named by its PID and start time so that
// an operator can tell whose it is. The caller closes it.
func Open(base string, log *slog.Logger) (*Root, error) {
	if base == "" {
		base = os.TempDir()
	}
	if err := private.MkdirAll(base); err != nil {
		return nil, fmt.Errorf("tmproot: %w", err)
	}
	// Another account's sweep lock (a TMPDIR shared by two users) cannot be
	// taken: then nothing is swept, and its roots, which this account
	// could not read or remove anyway, are left to that account.
	if unlock, err := lockBase(base); err != nil {
		log.Warn("temp folders of dead processes not removed", slog.String("dir", base), slog.Any("err", err))
	} else {
		defer unlock()
		sweep(base, log)
	}
	name := fmt.Sprintf("%s%d-%s-", prefix, os.Getpid(), time.Now().UTC().Format("20060102T150405"))
	// os.MkdirTemp makes its folder 0700 whatever the umask.
	dir, err := os.MkdirTemp(base, name)
	if err != nil {
		return nil, fmt.Errorf("tmproot: create temp folder: %w", err)
	}
	lock, err := private.Create(filepath.Join(dir, ownerLock))
	if err == nil {
		// Nobody else can hold it: sweeps wait for the base lock held here.
		err = waitLock(lock)
	}
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("tmproot: lock %s: %w", dir, err)
	}
	return &Root{dir: dir, lock: lock}, nil
}

// Dir is the folder; callers make their own temp folders and files in it.
func (r *Root) Dir() string { return r.dir }

// Close removes the folder with whatever is left in it.
func (r *Root) Close() error {
	err := os.RemoveAll(r.dir)
	_ = r.lock.Close()
	if err != nil {
		return fmt.Errorf("tmproot: remove %s: %w", r.dir, err)
	}
	return nil
}

// lockBase takes the base folder's sweep lock, waiting for another
// process's sweep or creation to finish.
func lockBase(base string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(base, sweepLock), os.O_RDONLY|os.O_CREATE, private.FileMode)
	if err != nil {
		return nil, fmt.Errorf("tmproot: open sweep lock: %w", err)
	}
	if err := waitLock(f); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("tmproot: sweep lock: %w", err)
	}
	return func() { _ = f.Close() }, nil
}

// sweep removes the folders in base whose owner is gone. The caller holds
// the sweep lock.
func sweep(base string, log *slog.Logger) {
	entries, err := os.ReadDir(base)
	if err != nil {
		log.Warn("could not list the temp folder to remove dead processes' files", slog.String("dir", base), slog.Any("err", err))
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		dir := filepath.Join(base, e.Name())
		if alive(dir) {
			continue
		}
		if err := os.RemoveAll(dir); err != nil {
			log.Warn("could not remove a dead process's temp folder", slog.String("dir", dir), slog.Any("err", err))
			continue
		}
		log.Info("removed a dead process's temp folder", slog.String("dir", dir))
	}
}

// alive reports whether dir's owner still holds its lock. A folder without
// a lock file is an owner's that died while removing it (creation holds
// the sweep lock, so no live owner is ever seen without one).
func alive(dir string) bool {
	f, err := os.Open(filepath.Join(dir, ownerLock))
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err != nil {
		return true // unreadable (another account's): not ours to judge
	}
	defer f.Close()
	return tryLock(f) != nil
}
