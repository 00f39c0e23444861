package ui

import "fmt"

// The status bar and the window's title: who is at the counter, the
// database, how many clients and how many of them are flagged.

// dataChanged updates what depends on the records after a change: the
// flagged count in the status bar is counted again.
func (a *App) dataChanged() {
	a.keys.touch() // a change counts as work at the window
	a.flagged = -1
	a.flagsChanged++
	a.refreshStatus()
}

// recount counts the clients and the flagged clients for the status
// bar: in place, or off the UI goroutine (a studio of 50,000 clients
// takes about a tenth of a second), showing the figures when they are
// there.
func (a *App) recount() {
	if !a.flagsAside {
		a.setCounts(countStatus(a))
		return
	}
	if a.countingFlags {
		return // the running count sees the change or is followed by another
	}
	a.countingFlags = true
	asked := a.flagsChanged
	a.background(func() func() {
		mark, markErr := a.store.ChangeMark(a.ctx) // before counting: a change meanwhile moves it
		c, err := countStatus(a)
		if err == nil && markErr == nil {
			a.keepCounts(c, mark)
		}
		return func() {
			a.countingFlags = false
			if asked != a.flagsChanged {
				a.flagged = -1 // the records changed meanwhile: count again
			} else {
				a.setCounts(c, err)
			}
			a.refreshStatus()
		}
	})
}

// setCounts keeps what countStatus found; after an error the figures are
// not shown, and not counted again until the next change.
func (a *App) setCounts(c statusCounts, err error) {
	a.countErr = err
	if err != nil {
		a.flagged, a.clientCount = -2, -1
		return
	}
	a.flagged, a.clientCount = c.flagged, c.clients
}

// statusCounts are the figures of the status bar.
type statusCounts struct{ clients, flagged int }

// settingStatusCounts keeps the status bar's last figures and the
// records' change mark they were counted at, so the next start shows them
// at once: as they are, while the mark is the same (a restart on the same
// day with nothing changed), else counting again beside the window.
const settingStatusCounts = "ui:status_counts"

// keptCounts are the figures the last count left; ok is false when there
// are none, current whether nothing has changed since.
func (a *App) keptCounts() (c statusCounts, ok, current bool) {
	v, err := a.store.Setting(a.ctx, settingStatusCounts)
	if err != nil {
		return c, false, false
	}
	var mark string
	n, _ := fmt.Sscanf(v, "%d %d %s", &c.clients, &c.flagged, &mark)
	if n < 2 {
		return c, false, false
	}
	now, err := a.store.ChangeMark(a.ctx)
	return c, true, n == 3 && err == nil && mark == now
}

// keepCounts stores the figures of a count and the mark they were
// counted at, when either changed; called off the UI goroutine.
func (a *App) keepCounts(c statusCounts, mark string) {
	v := fmt.Sprintf("%d %d %s", c.clients, c.flagged, mark)
	if old, err := a.store.Setting(a.ctx, settingStatusCounts); err == nil && old == v {
		return
	}
	_ = a.store.SetSetting(a.ctx, settingStatusCounts, v) // a hint only
}

// countStatus counts the clients, and those who carry at least one flag.
func countStatus(a *App) (statusCounts, error) {
	var c statusCounts
	n, err := a.store.CountClients(a.ctx)
	if err != nil {
		return c, err
	}
	flags, err := a.store.Flags(a.ctx)
	if err != nil {
		return c, err
	}
	clients := map[int64]bool{}
	for _, f := range flags {
		clients[f.ClientID] = true
	}
	return statusCounts{clients: n, flagged: len(clients)}, nil
}

// whereShown names, for the status bar, the file or the studio server the
// window works on, and a server reached without a checked certificate.
func (a *App) whereShown() string {
	text := a.tr.S("status.bar", "Path", a.store.Path())
	if a.store.OnServer() {
		text = a.tr.S("status.server", "Server", a.currentConnection().addr.Shown())
		if a.store.Unchecked() {
			text += "  ·  " + a.tr.S("status.server.unchecked")
		}
	}
	if b := a.store.Branch(); b != "" {
		text += "  ·  " + a.tr.S("status.branch", "Name", b)
	}
	return text
}

// refreshStatus updates the status bar: who is at the counter, the
// database, how many clients and how many of them flagged.
func (a *App) refreshStatus() {
	if a.flagged == -1 || a.countsStale {
		a.countsStale = false
		a.recount()
	}
	if a.serverDown {
		a.status.SetText(a.whereShown() + "  ·  " + a.tr.S("status.server.gone"))
		return
	}
	if a.countErr != nil {
		a.status.SetText(a.tr.Err(a.countErr))
		return
	}
	text := a.whereShown()
	if a.clientCount >= 0 {
		text += "  ·  " + a.tr.N("status.clients", a.clientCount)
	}
	if a.flagged >= 0 {
		text += "  ·  " + a.tr.N("status.flagged", a.flagged)
	}
	if a.chargesNote != "" {
		text += "  ·  " + a.chargesNote
	}
	a.status.SetText(text)
	a.staffButton.SetText(a.tr.S("status.nobody"))
	title := "Studio Partner"
	if p, ok := pageNamed(a.page); ok {
		title += " — " + a.tr.S(p.label)
	}
	if id := a.store.Actor(); id != 0 {
		if staff, err := a.store.StaffList(a.ctx, false); err == nil {
			for _, m := range staff {
				if m.ID == id {
					a.staffButton.SetText(a.tr.S("status.at_counter", "Name", m.Name))
					title += " — " + m.Name
				}
			}
		}
	}
	// the title names the screen and who is at the counter, for the task
	// bar (and the real-window keyboard test)
	if a.win.Title() != title {
		a.win.SetTitle(title)
	}
}
