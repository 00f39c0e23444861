//go:build !unix && !windows

package data

import (
	"errors"
	"os"
)

// fileLock stands for the advisory lock where the system has none that
// this program uses yet.
type fileLock struct{ f *os.File }

// Close does nothing for a nil lock.
func (l *fileLock) Close() {}

// beforeSwap keeps the lock: here a file that is open can be replaced,
// and the lock stays on the old one until the swap is done.
func (l *fileLock) beforeSwap() {}

// lostSwap is never so here: the lock is held through the swap.
func lostSwap(error) bool { return false }

// holdShared takes no lock here; restoring relies on the window closing
// its store.
func holdShared(string) (*fileLock, error) { return nil, nil }

// lockExclusive cannot tell here whether the database is open.
func lockExclusive(string) (*fileLock, bool) { return nil, true }

// dirWritable cannot ask the system here; SQLite's own error tells.
func dirWritable(string) bool { return true }

// tryLock cannot lock here: every staged file counts as in use, so no
// leftover is taken away while it might still be written.
func tryLock(*os.File, bool) error { return errors.New("no file locks here") }
