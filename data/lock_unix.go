//go:build unix

package data

import (
	"os"
	"syscall"
	"time"
)

// fileLock is an advisory lock on the database file, which SQLite's own
// locks do not touch: every open store holds it shared; restore holds it
// exclusively for the whole check and swap.
type fileLock struct{ f *os.File }

// Close releases the lock; a nil lock does nothing.
func (l *fileLock) Close() {
	if l != nil && l.f != nil {
		l.f.Close()
		l.f = nil
	}
}

// beforeSwap keeps the lock: here a file that is open can be replaced,
// and the lock stays on the old one until the swap is done.
func (l *fileLock) beforeSwap() {}

// lostSwap is never so here: the lock is held through the swap.
func lostSwap(error) bool { return false }

// holdShared marks the database as open by this store. While a restore
// holds the file, it waits up to the busy timeout and then refuses. A lock
// taken on a file that a restore has meanwhile replaced is taken again on
// the new one.
func holdShared(path string) (*fileLock, error) {
	deadline := time.Now().Add(busyTimeout)
	for {
		f, err := os.Open(path)
		if err != nil {
			return nil, &Error{Code: CodeInvalid, Key: keyDBNotWritable, Args: map[string]any{"Path": path}, Err: err}
		}
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
		if err == nil && sameFileAs(f, path) {
			return &fileLock{f: f}, nil
		}
		f.Close()
		if err != nil && time.Now().After(deadline) {
			return nil, Errorf(CodeConflict, keyDBRestoring, map[string]any{"Path": path})
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// lockExclusive takes the file for a restore; it fails at once when any
// store has the database open.
func lockExclusive(path string) (*fileLock, bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, true // nothing to lock: no database yet
	}
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		f.Close()
		return nil, false
	}
	return &fileLock{f: f}, true
}

// dirWritable reports whether files can be made in dir (SQLite needs its
// journal beside the database); a read-only file system says no even to
// root.
func dirWritable(dir string) bool { return syscall.Access(dir, 2) == nil } // 2: W_OK
