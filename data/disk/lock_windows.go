//go:build windows

package disk

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// FileLock is a lock on one byte far beyond the end of the database file,
// where SQLite never reads or locks (Windows locks are mandatory, so the
// pages themselves must stay free): every open store holds it shared;
// restore holds it exclusively for the whole check and swap. The handle
// lets others delete or replace the file, so restore can swap it in place.
type FileLock struct{ f *os.File }

// lockOffset is where the lock byte sits: 2^62, beyond any database.
const lockOffset = 1 << 62

// BeforeSwap lets go of the file just before a restore or a new demo
// moves another file onto its name: Windows refuses to replace a file
// that is still open, whatever it was opened to share. A store that opens
// the old file in the moment between makes the move fail, cleanly.
func (l *FileLock) BeforeSwap() { l.Close() }

// LostSwap reports whether a swap failed because another program opened
// the file in that moment: Windows then denies the move.
func LostSwap(err error) bool {
	return errors.Is(err, windows.ERROR_ACCESS_DENIED) || errors.Is(err, windows.ERROR_SHARING_VIOLATION)
}

// openForLock opens path for locking without keeping others from
// reading, writing, renaming or replacing it.
func openForLock(path string) (*os.File, error) {
	name, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	h, err := windows.CreateFile(name, windows.GENERIC_READ,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE,
		nil, windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(h), path), nil
}

// tryLock takes the lock byte of f shared or exclusively, without waiting.
func tryLock(f *os.File, exclusive bool) error {
	flags := uint32(windows.LOCKFILE_FAIL_IMMEDIATELY)
	if exclusive {
		flags |= windows.LOCKFILE_EXCLUSIVE_LOCK
	}
	at := windows.Overlapped{Offset: uint32(lockOffset & 0xffffffff), OffsetHigh: uint32(lockOffset >> 32)}
	return windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, &at)
}

// DirWritable cannot be asked cheaply on Windows, where a folder's
// read-only mark means nothing; SQLite's own error tells.
func DirWritable(string) bool { return true }
