// Command studiopartner is Studio Partner: a studio's clients, contracts,
// payments and goodwill in one window, with the same work on the command
// line.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"studiopartner/assets"
	"studiopartner/data"
	"studiopartner/translations"
	"studiopartner/ui"
)

// version is the program's version, as FyneApp.toml says.
const version = "0.1.0"

// appID names the app to the desktop and to Fyne's preferences.
const appID = "de.studiopartner.app"

// Exit statuses.
const (
	exitOK    = 0
	exitUser  = 1 // a user error: one line on stderr
	exitUsage = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// globals are the flags every command accepts.
type globals struct {
	db, lang string
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.db, "db", g.db, "")
	fs.StringVar(&g.lang, "lang", g.lang, "")
}

// tr returns the texts for messages on the terminal.
func (g *globals) tr() *translations.T {
	if g.lang != "" {
		return translations.New(g.lang)
	}
	return translations.New(translations.Normalize(os.Getenv("LANG"), "de"))
}

func run(args []string, stdout, stderr io.Writer) int {
	var g globals
	fs := flag.NewFlagSet("studiopartner", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	g.register(fs)
	shot := fs.String("screenshot", "", "")
	page := fs.String("page", "", "")
	force := fs.Bool("force", false, "")
	help := fs.Bool("help", false, "")
	showVersion := fs.Bool("version", false, "")
	if err := fs.Parse(args); err != nil {
		return usageError(stderr, g.tr(), flagError(g.tr(), err))
	}
	tr := g.tr()
	if g.lang != "" && translations.Normalize(g.lang, "") == "" {
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.lang.invalid", "Lang", g.lang)))
	}
	switch {
	case *help:
		printHelp(stdout, tr)
		return exitOK
	case *showVersion:
		fmt.Fprintln(stdout, "Studio Partner", version)
		return exitOK
	}
	if *page != "" && !validPage(*page) {
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.page.invalid", "Page", *page)))
	}
	if fs.NArg() > 0 {
		return runCommand(fs.Arg(0), fs.Args()[1:], g, stdout, stderr)
	}
	return openWindow(g, *shot, *page, *force, stdout, stderr)
}

func validPage(p string) bool {
	for _, known := range ui.Pages {
		if p == known {
			return true
		}
	}
	return false
}

// openWindow opens the database and the main window; with a screenshot
// path it saves the first painted frame and exits.
func openWindow(g globals, shot, page string, force bool, stdout, stderr io.Writer) int {
	tr := g.tr()
	path, err := dbPath(g.db)
	if err != nil {
		return userError(stderr, tr, err)
	}
	fresh := !data.Exists(path)
	store, err := data.Open(path)
	if err != nil {
		return userError(stderr, tr, err)
	}
	defer store.Close()
	damaged := ""
	if problems, err := store.QuickCheck(context.Background()); err != nil || len(problems) > 0 {
		damaged = fmt.Sprint(problems, err)
	}
	if shot != "" && os.Getenv("GALLIUM_DRIVER") == "" {
		os.Setenv("GALLIUM_DRIVER", "softpipe") // llvmpipe captures come out black
	}
	fy := app.NewWithID(appID)
	fy.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := ui.New(fy, store, ui.Options{Lang: g.lang, Page: page, FirstStart: fresh && shot == "",
		BillOnStart: shot == "", AskStaff: shot == "", Backups: shot == "" && damaged == "", Damaged: damaged})
	if shot == "" {
		w.ShowAndRun()
		return exitOK
	}
	code := exitOK
	go func() {
		size, err := w.SaveScreenshot(shot, force)
		if err != nil {
			fmt.Fprintln(stderr, tr.S("cli.screenshot.failed", "Error", err.Error()))
			code = exitUser
		} else {
			fmt.Fprintf(stdout, "%s %dx%d\n", shot, size.X, size.Y)
		}
		fyne.Do(fy.Quit)
	}()
	w.ShowAndRun()
	return code
}
