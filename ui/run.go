package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"studiopartner/assets"
	"studiopartner/data"
)

// Launch is how the window is started.
type Launch struct {
	AppID          string // names the app to the desktop and to Fyne's preferences
	Path           string // the database
	Lang, Page     string
	Search         string // typed into the client search; the first match opens
	Shot           string // save a screenshot here and exit
	Force          bool   // the screenshot may replace a file
	Version        string // the program's version, shown under Settings
	Stdout, Stderr io.Writer
}

// checkAfterStart runs SQLite's quick check beside the window; a problem
// opens the repair dialog (an owner's, when sign-in is on).
func (a *App) checkAfterStart() {
	a.background(func() func() {
		problems, err := a.store.QuickCheck(context.Background())
		if err == nil && len(problems) == 0 {
			return nil
		}
		found := strings.Join(problems, "; ")
		if err != nil {
			found = strings.TrimPrefix(found+"; "+a.tr.Err(err), "; ")
		}
		return func() {
			if a.signInOn() && a.store.Role() != data.RoleOwner {
				a.showMessage(a.tr.S("repair.title"), a.tr.S("repair.owner_needed", "Problem", found))
				return
			}
			a.offerRepair(found)
		}
	})
}

// Run opens the database and the main window and runs until it closes; with
// a screenshot path it saves the first painted frame and exits. It returns
// the exit status, and an error the caller says in words when the database
// cannot be opened.
func Run(l Launch) (int, error) {
	fresh := !data.Exists(l.Path)
	store, err := data.Open(l.Path)
	if err != nil {
		return 1, err
	}
	defer store.Close()
	shot := l.Shot != ""
	if shot && os.Getenv("GALLIUM_DRIVER") == "" {
		os.Setenv("GALLIUM_DRIVER", "softpipe") // llvmpipe captures come out black
	}
	fy := app.NewWithID(l.AppID)
	fy.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a := New(fy, store, Options{Lang: l.Lang, Page: l.Page, Search: l.Search, FirstStart: fresh && !shot,
		BillOnStart: !shot, AskStaff: !shot, Backups: !shot, RememberSize: !shot, CountFlagsAside: true,
		Version: l.Version})
	if !shot {
		a.checkAfterStart() // the first frame does not wait for a look at the whole file
	}
	code := 0
	if shot {
		a.background(func() func() {
			size, err := a.SaveScreenshot(l.Shot, l.Force)
			return func() {
				if err != nil {
					fmt.Fprintln(l.Stderr, a.tr.S("cli.screenshot.failed", "Error", a.tr.Err(err)))
					code = 1
				} else {
					fmt.Fprintf(l.Stdout, "%s %dx%d\n", l.Shot, size.X, size.Y)
				}
				fy.Quit()
			}
		})
	}
	a.ShowAndRun()
	return code, nil
}
