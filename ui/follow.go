package ui

import (
	"strings"
	"time"

	"studiopartner/data"
	"studiopartner/data/sqlstore"

	"fyne.io/fyne/v2"
)

// followOthers looks every second for changes another window or program
// made to the records — a check-in at the other counter, a payment, a new
// client — and shows them: the status bar counts again and the open screen
// reads its records afresh. Dialogs and the screens that are forms
// themselves (settings, the agreement's wording) are left alone, so what
// is being typed stays; the screens keep their search text and the client
// shown.
func (a *App) followOthers() {
	a.every(time.Second, a.lookForChanges)
}

// lookForChanges asks the store's change feed once, off the UI goroutine.
func (a *App) lookForChanges() {
	if a.follow.looking || a.busy.Load() > 0 {
		return // a look or other work is running: the next tick looks
	}
	a.follow.looking = true
	store, feed := a.store, a.follow.feed
	if a.follow.store != store { // a new store (after a restore): a new feed
		feed = nil
	}
	a.background(func() func() {
		if feed == nil {
			f, err := store.FollowChanges(a.ctx)
			return func() {
				a.follow.looking = false
				if a.store != store {
					return
				}
				a.serverReached(err)
				if err == nil {
					a.follow.store, a.follow.feed = store, f
				}
			}
		}
		changes, err := feed.Next(a.ctx, 0)
		return func() {
			a.follow.looking = false
			if a.store != store {
				return
			}
			back := a.serverDown && err == nil
			a.serverReached(err)
			if back { // what changed while it was gone, and the counts
				a.dataChanged()
				if !editorPage(a.page) {
					a.reloadPage()
				}
				return
			}
			if err != nil || len(changes) == 0 {
				return
			}
			a.restoreAskedIn(changes)
			a.dataChanged()
			if !editorPage(a.page) {
				a.reloadPage()
			}
		}
	})
}

// restoreAskedIn tells the counter when the owner wants to restore a
// backup onto the server and was refused because counters are connected;
// the window that asked is not told its own request.
func (a *App) restoreAskedIn(changes []data.Change) {
	for _, c := range changes {
		if c.Kind == sqlstore.KindRestoreAsked && time.Since(a.askedRestore) > askedOwn {
			a.showMessage(a.tr.S("restore.asked.title"), a.tr.S("restore.asked"))
			return
		}
	}
}

// askedOwn is how long after asking for a restore a window takes a
// request seen in the changes for its own.
const askedOwn = 15 * time.Second

// serverReached notes whether the studio server answered the last look
// for changes; the status bar says when it did not ("not reachable —
// trying again") and when it is back. A file is always there.
func (a *App) serverReached(err error) {
	down := err != nil && a.store.OnServer()
	if down != a.serverDown {
		a.serverDown = down
		a.refreshStatus()
	}
}

// editorPage reports whether a screen is itself a form being filled in
// (the settings, the agreement's wording): it is not read afresh under
// what is being typed; a save there says whether another counter changed
// the same meanwhile.
func editorPage(page string) bool { return page == PageSettings || page == PageClauses }

// following is the window's change feed and the store it follows.
type following struct {
	store   *sqlstore.Store
	feed    *sqlstore.ChangeFeed
	looking bool
}

// offerReload asks, when a save was refused because another counter
// changed the record meanwhile, whether to read the record again: yes
// runs reopen, which shows the record as it is now (what was typed is set
// aside); no keeps what was typed.
func (a *App) offerReload(err error, reopen func()) bool {
	e := data.AsError(err)
	if e == nil || !strings.HasPrefix(e.Key, "record.changed") {
		return false
	}
	tr := a.tr
	q := a.newFormDialog(tr.S("record.reload.title"), tr.S("record.reload.yes"),
		hintLabel(tr.Err(err)+"\n\n"+tr.S("record.reload.ask")), func() bool { return true })
	q.cancelText = tr.S("record.reload.no")
	q.then = reopen
	q.show(fyne.NewSize(480, 220), nil)
	return true
}
