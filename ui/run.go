package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"studiopartner/assets"
	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// Launch is how the window is started.
type Launch struct {
	AppID          string // names the app to the desktop and to Fyne's preferences
	Path           string // this computer's studio file
	Server         string // the studio server --db named (postgres://…), or ""
	Named          bool   // --db named the database: the server chosen in Settings is not used
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
	shot := l.Shot != ""
	if shot && os.Getenv("GALLIUM_DRIVER") == "" {
		os.Setenv("GALLIUM_DRIVER", "softpipe") // llvmpipe captures come out black
	}
	fy := app.NewWithID(l.AppID)
	fy.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	o := Options{Lang: l.Lang, Page: l.Page, Search: l.Search, BillOnStart: !shot, AskStaff: !shot, Backups: !shot,
		RememberSize: !shot, CountFlagsAside: true, Version: l.Version, FilePath: l.Path}
	c, err := startConnection(l, fy.Preferences())
	if err != nil {
		return 1, err
	}
	var a *App
	switch {
	case !c.onServer:
		o.FirstStart = !sqlstore.Exists(l.Path) && !shot
		store, err := sqlstore.Open(l.Path)
		if err != nil {
			return 1, err
		}
		a = New(fy, store, o)
		if !shot {
			a.checkAfterStart() // the first frame does not wait for a look at the whole file
		}
	case shot: // a picture of the studio on the server, or the reason why not
		a = newWindow(fy, o)
		store, err := a.openConnection(c)
		if err != nil {
			return 1, err
		}
		a.open(store, o)
	default: // the window says that it connects, and what went wrong
		a = newWindow(fy, o)
		a.connectAtStart(c, o)
	}
	defer func() {
		if a.store != nil {
			a.store.Close()
		}
	}()
	var code atomic.Int32
	a.onClosed = append(a.onClosed, func() { a.exitIfStuck(&code) }) // also when Quit closes it
	if shot {
		a.background(func() func() {
			size, err := a.SaveScreenshot(l.Shot, l.Force)
			return func() {
				if err != nil {
					fmt.Fprintln(l.Stderr, a.tr.S("cli.screenshot.failed", "Error", a.tr.Err(err)))
					code.Store(1)
				} else {
					fmt.Fprintf(l.Stdout, "%s %dx%d\n", l.Shot, size.X, size.Y)
				}
				fy.Quit()
			}
		})
	}
	a.ShowAndRun()
	return int(code.Load()), nil
}

// startConnection is where the window finds the studio: the server --db
// names, else the file it names, else the server chosen in Settings, else
// this computer's file.
func startConnection(l Launch, p fyne.Preferences) (connection, error) {
	if l.Server != "" {
		addr, err := data.ParseServerAddress(l.Server)
		if err != nil {
			return connection{}, err
		}
		return connection{onServer: true, addr: addr, url: l.Server}, nil
	}
	if addr, ok := SavedServer(p); ok && !l.Named {
		return connection{onServer: true, addr: addr}, nil
	}
	return connection{}, nil
}

// stuckAfterQuit is how long the program may take to end once the window
// has closed.
const stuckAfterQuit = 10 * time.Second

// exitIfStuck ends the program with code if it has not ended on its own
// stuckAfterQuit after the window closed. Fyne 2.8.1 now and then never
// returns from its run loop at quitting: a lifecycle event waits for the
// main loop that has already stopped. Everything written is committed by
// then; SQLite's write-ahead log is folded in at the next open. Runs once.
func (a *App) exitIfStuck(code *atomic.Int32) {
	a.exitWatch.Do(func() {
		a.background(func() func() {
			time.Sleep(stuckAfterQuit)
			os.Exit(int(code.Load()))
			return nil
		})
	})
}
