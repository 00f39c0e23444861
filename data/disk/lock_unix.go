//go:build unix

package disk

import (
	"os"
	"syscall"
)

// FileLock is an advisory lock on the database file, which SQLite's own
// locks do not touch: every open store holds it shared; restore holds it
// exclusively for the whole check and swap.
type FileLock struct{ f *os.File }

// BeforeSwap keeps the lock: here a file that is open can be replaced,
// and the lock stays on the old one until the swap is done.
func (l *FileLock) BeforeSwap() {}

// LostSwap is never so here: the lock is held through the swap.
func LostSwap(error) bool { return false }

// openForLock opens path to lock it.
func openForLock(path string) (*os.File, error) { return os.Open(path) }

// tryLock takes f's lock shared or exclusively, without waiting.
func tryLock(f *os.File, exclusive bool) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	return syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
}

// DirWritable reports whether files can be made in dir (SQLite needs its
// journal beside the database); a read-only file system says no even to
// root.
func DirWritable(dir string) bool { return syscall.Access(dir, 2) == nil } // 2: W_OK
