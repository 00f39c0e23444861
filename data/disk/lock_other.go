//go:build !unix && !windows

package disk

import (
	"errors"
	"os"
)

// FileLock stands for the advisory lock where the system has none that
// this program uses yet.
type FileLock struct{ f *os.File }

// Close does nothing for a nil lock.
func (l *FileLock) Close() {}

// BeforeSwap keeps the lock: here a file that is open can be replaced,
// and the lock stays on the old one until the swap is done.
func (l *FileLock) BeforeSwap() {}

// LostSwap is never so here: the lock is held through the swap.
func LostSwap(error) bool { return false }

// HoldShared takes no lock here; restoring relies on the window closing
// its store.
func HoldShared(string) (*FileLock, error) { return nil, nil }

// LockExclusive cannot tell here whether the database is open.
func LockExclusive(string) (*FileLock, bool) { return nil, true }

// DirWritable cannot ask the system here; SQLite's own error tells.
func DirWritable(string) bool { return true }

// tryLock cannot lock here: every staged file counts as in use, so no
// leftover is taken away while it might still be written.
func tryLock(*os.File, bool) error { return errors.New("no file locks here") }
