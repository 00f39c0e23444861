package data

import "os"

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
