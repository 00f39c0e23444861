//go:build unix || windows

package disk

import (
	"os"
	"studiopartner/data"
	"time"
)

// Close releases the lock; a nil lock does nothing.
func (l *FileLock) Close() {
	if l != nil && l.f != nil {
		l.f.Close()
		l.f = nil
	}
}

// HoldShared marks the database as open by this store. While a restore
// holds the file, it waits up to the busy timeout and then refuses. A lock
// taken on a file that a restore has meanwhile replaced is taken again on
// the new one.
func HoldShared(path string) (*FileLock, error) {
	deadline := time.Now().Add(BusyTimeout)
	for {
		f, err := openForLock(path)
		if err != nil {
			return nil, &data.Error{Code: data.CodeInvalid, Key: KeyDBNotWritable, Args: map[string]any{"Path": path}, Err: err}
		}
		err = tryLock(f, false)
		if err == nil && sameFileAs(f, path) {
			return &FileLock{f: f}, nil
		}
		f.Close()
		if err != nil && time.Now().After(deadline) {
			return nil, data.Errorf(data.CodeConflict, keyDBRestoring, map[string]any{"Path": path})
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// LockExclusive takes the file for a restore; it fails at once when any
// store has the database open.
func LockExclusive(path string) (*FileLock, bool) {
	f, err := openForLock(path)
	if err != nil {
		return nil, true // nothing to lock: no database yet
	}
	if tryLock(f, true) != nil {
		f.Close()
		return nil, false
	}
	return &FileLock{f: f}, true
}

// sameFileAs reports whether the open file is still the one at path: a
// restore may have swapped another file in since it was opened.
func sameFileAs(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}
