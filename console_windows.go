//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachConsole lets the window build, which Windows starts without a
// console, print to the console it was typed into: when it has no output
// of its own (nothing redirected), it joins its parent's console. The
// prompt may come back before the output does; scripts that need the exit
// status use studiopartner-cli.exe, the console build of the same program.
func attachConsole() {
	if h, err := windows.GetStdHandle(windows.STD_OUTPUT_HANDLE); err == nil && h != 0 && h != windows.InvalidHandle {
		return // output already goes somewhere: a console build, or redirected
	}
	const parent = ^uintptr(0) // ATTACH_PARENT_PROCESS
	if r, _, _ := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole").Call(parent); r == 0 {
		return // started from Explorer: no console to print to
	}
	if out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = out, out
	}
}
