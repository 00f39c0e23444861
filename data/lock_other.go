//go:build !unix

package data

import "os"

// holdShared is a no-op where advisory locks are not available.
func holdShared(string) *os.File { return nil }

// inUse cannot tell here; restoring relies on the window closing its store.
func inUse(string) bool { return false }
