//go:build unix

package data

import (
	"os"
	"syscall"
)

// holdShared marks the database as open by this process: a shared advisory
// lock on the file, which SQLite's own locks do not touch. It returns the
// file to close when the store closes.
func holdShared(path string) *os.File {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	if syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB) != nil {
		f.Close()
		return nil
	}
	return f
}

// inUse reports whether a store in any process has the database open.
func inUse(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		return true
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}
