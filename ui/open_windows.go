//go:build windows

package ui

import "golang.org/x/sys/windows"

// shellOpen asks Windows to open path with the program registered for it
// (the PDF viewer, Explorer for a folder).
func shellOpen(path string) (bool, error) {
	verb, err := windows.UTF16PtrFromString("open")
	if err != nil {
		return true, err
	}
	file, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return true, err
	}
	return true, windows.ShellExecute(0, verb, file, nil, nil, windows.SW_SHOWNORMAL)
}
