// Command studiopartner is Studio Partner: a studio's clients, contracts,
// payments and goodwill in one window, with the same work on the command
// line.
package main

import (
	_ "embed"
	"io"
	"os"

	"studiopartner/cli"
	"studiopartner/ui"
)

// appID names the app to the desktop and to Fyne's preferences.
const appID = "de.studiopartner.app"

// fyneApp is FyneApp.toml, where the version is written once.
//
//go:embed FyneApp.toml
var fyneApp string

func main() {
	if len(os.Args) > 1 {
		attachConsole()
	}
	w := cli.Window{Open: openWindow, Pages: ui.PageNames(), Version: cli.VersionFrom(fyneApp)}
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr, w))
}

// openWindow opens the window on the database the flags name.
func openWindow(o cli.WindowOptions, stdout, stderr io.Writer) int {
	tr := cli.Messages(o.Lang)
	path, server, err := cli.WindowDB(o.DB)
	if err != nil {
		return cli.UserError(stderr, tr, err)
	}
	code, err := ui.Run(ui.Launch{AppID: appID, Path: path, Server: server, Named: o.DB != "", Lang: o.Lang, Page: o.Page, Search: o.Search,
		Shot: o.Shot, Force: o.Force, Version: o.Version, Stdout: stdout, Stderr: stderr})
	if err != nil {
		return cli.UserError(stderr, tr, err)
	}
	return code
}
