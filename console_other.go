//go:build !windows

package main

// attachConsole has nothing to do where programs keep the terminal they
// were started from.
func attachConsole() {}
