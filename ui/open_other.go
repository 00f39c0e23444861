//go:build !windows

package ui

// shellOpen leaves opening to Fyne's file URL on systems other than
// Windows.
func shellOpen(string) (bool, error) { return false, nil }
