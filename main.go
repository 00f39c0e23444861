// Command studiopartner is Studio Partner: a studio's clients, contracts,
// payments and goodwill in one window, with the same work on the command
// line.
package main

import (
	"io"
	"os"

	"studiopartner/cli"
	"studiopartner/ui"
)

// appID names the app to the desktop and to Fyne's preferences.
const appID = "de.studiopartner.app"

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr, cli.Window{Open: openWindow, ValidPage: ui.ValidPage}))
}

// openWindow opens the window on the database the flags name.
func openWindow(db, lang, shot, page string, force bool, stdout, stderr io.Writer) int {
	tr := cli.Messages(lang)
	path, err := cli.DBPath(db)
	if err != nil {
		return cli.UserError(stderr, tr, err)
	}
	code, err := ui.Run(ui.Launch{AppID: appID, Path: path, Lang: lang, Page: page, Shot: shot, Force: force,
		Stdout: stdout, Stderr: stderr})
	if err != nil {
		return cli.UserError(stderr, tr, err)
	}
	return code
}
