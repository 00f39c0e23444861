// Package ui is the studio's window: navigation, screens and dialogs. It
// calls data and reports; it never writes SQL.
package ui

import (
	"context"
	"os"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/translations"
)

// The window's size on first start.
const (
	WindowWidth  = 1120
	WindowHeight = 740
)

// The smallest and largest window size the window returns to; a
// remembered size outside them (0×0, or larger than any screen) is
// forgotten.
const (
	minWindowWidth, minWindowHeight = 800, 560
	maxWindowWidth, maxWindowHeight = 7680, 4320
)

// The preferences (per computer user, not per studio) that remember the
// window's size.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

// SettingLanguage is the stored setting that remembers the window's language.
const SettingLanguage = "ui:language"

// Options say how the window starts.
type Options struct {
	Lang       string // "de" or "en"; empty: the remembered language
	Page       string // the screen to open
	Search     string // typed into the client search of that screen (else the clients'); the first match opens
	FirstStart bool   // the database was just created: offer a demo studio
	// BillOnStart creates the charges that have come due since the last
	// start, in the background, and says so in the status bar.
	BillOnStart bool
	// AskStaff asks who is at the counter before anything else.
	AskStaff bool
	// Backups backs up on the first start of each day and when the
	// window closes.
	Backups bool
	// CountFlagsAside counts the flagged clients for the status bar off
	// the UI goroutine, so the first frame does not wait for it.
	CountFlagsAside bool
	// Version is the program's version, shown under Settings.
	Version string
	// RememberSize opens the window at the size it had when it was last
	// closed, and remembers its size on closing.
	RememberSize bool
	// Damaged is what the start-up check found wrong with the database;
	// the window explains it and offers the newest backup.
	Damaged string
}

// App is the main window and what it shows.
type App struct {
	fy    fyne.App
	win   fyne.Window
	store *data.Store
	tr    *translations.T
	keys  *keymap
	ctx   context.Context

	page           string
	chargesNote    string            // what the last charge run did, for the status bar
	flagged        int               // flagged clients, for the status bar; -1 = count again, -2 = could not
	flagsAside     bool              // count them off the UI goroutine
	version        string            // the program's version
	onClosed       []func()          // run when the window has closed
	exitWatch      sync.Once         // the watch that ends a program stuck after quitting
	countingFlags  bool              // a count runs off the UI goroutine
	flagsChanged   int               // bumped by every change, so a count started before one is not shown
	clientCount    int               // clients, for the status bar; -1 not known yet
	countErr       error             // why the status bar's figures could not be counted
	closeAnyway    bool              // the backup on closing failed once: close without it
	busy           atomic.Int32      // long work running off the UI goroutine
	lastPreview    *sheetPreview     // the spreadsheet preview opened last
	lastFormDialog *formDialog       // the form dialog opened last
	inline         bool              // long work runs in place: the test driver does not serialise fyne.Do
	gate           chan struct{}     // when set, background work waits until it closes (tests hold work with it)
	signingIn      *signInDialog     // the sign-in dialog while it is open
	lastStaff      int64             // who signed in last, offered first next time
	built          map[string]screen // the screens built so far, by name
	audit          *auditScreen
	body           *fyne.Container
	nav            *widget.List
	status         *widget.Label
	staffButton    *widget.Button
	counter        *counterScreen
	clients        *clientsScreen
}

// New builds the main window over the store.
func New(fy fyne.App, store *data.Store, o Options) *App {
	fy.Settings().SetTheme(newTheme())
	installLazyFiles()
	a := &App{fy: fy, store: store, ctx: context.Background(), page: PageCounter, flagged: -1, clientCount: -1, flagsAside: o.CountFlagsAside, version: o.Version}
	a.win = fy.NewWindow("Studio Partner")
	a.win.SetIcon(fy.Icon())
	a.win.Resize(fyne.NewSize(WindowWidth, WindowHeight))
	if o.RememberSize {
		a.win.Resize(a.rememberedSize())
		a.onClosed = append(a.onClosed, a.rememberSize)
	}
	a.win.SetOnClosed(func() {
		for _, fn := range a.onClosed {
			fn()
		}
	})
	a.win.SetMaster()
	a.keys = newKeymap(a.win.Canvas())
	a.win.Canvas().SetOnTypedKey(a.keys.onTypedKey)
	if o.Page != "" {
		a.page = o.Page
	}
	a.applyLanguage(a.startLanguage(o.Lang))
	if a.signInOn() {
		a.store.SignOut() // nobody until a PIN says who
	}
	a.build()
	if o.Search != "" {
		a.searchFor(o.Search)
	}
	a.startUp(o)
	return a
}

// rememberedSize is the window's size when it was last closed, if that
// is a sensible size; else the size of a first start.
func (a *App) rememberedSize() fyne.Size {
	p := a.fy.Preferences()
	w := p.FloatWithFallback(prefWindowWidth, WindowWidth)
	h := p.FloatWithFallback(prefWindowHeight, WindowHeight)
	if !(w >= minWindowWidth && w <= maxWindowWidth && h >= minWindowHeight && h <= maxWindowHeight) { // also NaN
		return fyne.NewSize(WindowWidth, WindowHeight)
	}
	return fyne.NewSize(float32(w), float32(h))
}

// rememberSize keeps the window's size for the next start. (Fyne gives
// no access to the window's position; the desktop places the window.)
func (a *App) rememberSize() {
	size := a.win.Canvas().Size()
	if size.Width < minWindowWidth || size.Height < minWindowHeight {
		return // minimised or not shown: keep what was remembered
	}
	p := a.fy.Preferences()
	p.SetFloat(prefWindowWidth, float64(size.Width))
	p.SetFloat(prefWindowHeight, float64(size.Height))
}

// searchFor types q into the client search of the counter or the clients
// screen (the clients', when another screen is open) and opens the first
// match, as Enter would.
func (a *App) searchFor(q string) {
	if a.page != PageCounter && a.page != PageClients {
		a.show(PageClients)
	}
	search := a.searchEntry()
	search.SetText(q)
	if search.OnSubmitted != nil {
		search.OnSubmitted(q)
	}
}

// startLanguage is the language asked for, else the one saved in
// Settings, else the system's, else German.
func (a *App) startLanguage(asked string) string {
	if asked != "" {
		return asked
	}
	if l, _ := a.store.Setting(a.ctx, SettingLanguage); l != "" {
		return l
	}
	return translations.Normalize(os.Getenv("LANG"), "de")
}

// startUp queues what the first minutes ask: repair of a damaged file,
// the demo on a first start, else the daily backup, the charges due, who
// is at the counter and the yearly clean-up.
func (a *App) startUp(o Options) {
	if n := len(a.store.ReappliedErasures()); n > 0 {
		a.showMessage(a.tr.S("backup.restore"), a.tr.N("erase.reapplied", n))
	}
	if o.Damaged != "" {
		if a.signInOn() { // only an owner may restore
			a.askSignInFor(true, func(data.Staff) { a.offerRepair(o.Damaged) })
		} else {
			a.offerRepair(o.Damaged)
		}
		return
	}
	if o.Backups {
		a.win.SetCloseIntercept(a.onClose)
	}
	if o.FirstStart {
		a.offerDemo()
		return
	}
	if o.Backups {
		a.dailyBackup()
	}
	if o.BillOnStart {
		a.generateCharges(a.refreshPage)
	}
	switch {
	case a.signInOn():
		a.askSignIn()
		if o.Backups {
			a.watchIdle()
		}
	case o.AskStaff:
		a.askStaff()
		if o.BillOnStart {
			a.offerCleanUp()
		}
	case o.BillOnStart:
		a.offerCleanUp()
	}
}

// Window returns the main window.
func (a *App) Window() fyne.Window { return a.win }

// ShowAndRun shows the window and runs until it closes.
func (a *App) ShowAndRun() { a.win.ShowAndRun() }

// applyLanguage switches our texts and Fyne's own dialog strings.
func (a *App) applyLanguage(l string) {
	a.tr = translations.New(l)
	locale := "en_GB.UTF-8"
	if a.tr.Lang() == "de" {
		locale = "de_DE.UTF-8"
	}
	os.Setenv("LC_ALL", locale)
	_ = lang.AddTranslationsForLocale([]byte("{}"), fyne.Locale(a.tr.Lang()))
}

// SetLanguage switches the window to l and remembers the choice.
func (a *App) SetLanguage(l string) {
	if err := a.store.SetSetting(a.ctx, SettingLanguage, l); err != nil {
		a.showError(err)
	}
	a.applyLanguage(l)
	a.build()
}

// visiblePages are the screens the person signed in may see, in sidebar
// order.
func (a *App) visiblePages() []page {
	var out []page
	for _, p := range pages {
		if a.mayOpen(p.name) {
			out = append(out, p)
		}
	}
	return out
}

// build lays out the whole window in the current language.
func (a *App) build() {
	a.built, a.counter, a.clients, a.audit = map[string]screen{}, nil, nil, nil // screens are built when first shown
	items := a.visiblePages()
	longest := ""
	for _, it := range items {
		if label := a.tr.S(it.label); len([]rune(label)) > len([]rune(longest)) {
			longest = label
		}
	}
	a.nav = widget.NewList(
		func() int { return len(items) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.AccountIcon()), widget.NewLabel(longest))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(items[i].icon())
			row.Objects[1].(*widget.Label).SetText(a.tr.S(items[i].label))
		})
	a.nav.OnSelected = func(i widget.ListItemID) { a.show(items[i].name) }
	a.status = widget.NewLabel("")
	a.status.Wrapping = fyne.TextWrapWord // a long database path wraps rather than widening the window
	a.staffButton = widget.NewButtonWithIcon("", theme.AccountIcon(), a.onStaffButton)
	a.staffButton.Importance = widget.LowImportance
	a.body = container.NewStack()
	side := container.NewBorder(nil, nil, nil, widget.NewSeparator(), a.nav)
	bar := container.NewBorder(nil, nil, a.staffButton, nil, a.status)
	main := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), bar), side, nil, a.body)
	a.win.SetContent(main)
	a.keys.ctrl(fyne.KeyF, a.focusSearch)
	a.keys.ctrl(fyne.KeyN, a.newClient)
	for _, p := range pages {
		if p.key != "" {
			name := p.name
			a.keys.ctrl(p.key, func() { a.show(name) })
		}
	}
	a.keys.ctrl(fyne.KeyP, func() { a.withClient((*clientCard).onRecordPayment) })
	a.keys.ctrl(fyne.KeyG, func() { a.withClient((*clientCard).onGoodwill) })
	a.keys.ctrl(fyne.KeyD, func() { a.withClient((*clientCard).onDemand) })
	a.show(a.page)
}

// screen is what every screen offers the window: its content, and a way
// to read its records again.
type screen interface {
	view() fyne.CanvasObject
	reload()
}

// show switches to a screen.
func (a *App) show(page string) {
	a.keys.touch()
	if !a.mayOpen(page) {
		page = PageCounter
	}
	sc := a.screen(page)
	sc.reload()
	content := sc.view()
	a.page = page
	for i, it := range a.visiblePages() {
		if it.name == page {
			a.nav.Select(i)
		}
	}
	a.body.Objects = []fyne.CanvasObject{content}
	a.body.Refresh()
	a.refreshStatus()
	switch page {
	case PageCounter:
		a.win.Canvas().Focus(a.counter.search)
	case PageClients:
		a.win.Canvas().Focus(a.clients.search)
	default:
		if l, ok := sc.(listScreen); ok && a.win.Canvas().Overlays().Top() == nil {
			a.win.Canvas().Focus(l.listTable())
		}
	}
}

// listScreen is a screen whose list the keyboard steers as soon as it
// opens: Down and Up move, Enter opens.
type listScreen interface {
	listTable() *listTable
}

// focusSearch puts the cursor in the client search: the clients screen's
// when it is open, else the counter's.
func (a *App) focusSearch() {
	if a.page != PageClients && a.page != PageCounter {
		a.show(PageCounter)
	}
	search := a.counterPage().search
	if a.page == PageClients {
		search = a.clients.search
	}
	search.SetText("")
	a.win.Canvas().Focus(search)
}

// searchEntry is the client search of the screen open: the clients' or
// the counter's.
func (a *App) searchEntry() *entry {
	if a.page == PageClients {
		return a.clientsPage().search
	}
	return a.counterPage().search
}

// withClient runs an action on the client in view at the counter or on
// the clients screen; elsewhere there is none.
func (a *App) withClient(action func(*clientCard)) {
	switch {
	case a.page == PageCounter && a.counter.card != nil:
		action(a.counter.card)
	case a.page == PageClients && a.clients.card != nil:
		action(a.clients.card)
	}
}

// openAtCounter shows a client's summary at the counter.
func (a *App) openAtCounter(id int64) {
	if a.page != PageCounter {
		a.show(PageCounter)
	}
	a.counterPage().showClient(id)
}

// newClient opens the form for a new client.
func (a *App) newClient() {
	if a.page != PageClients {
		a.show(PageClients)
	}
	a.clients.onNewClient()
}

// refreshPage reloads the screen in view, after data changed underneath it.
func (a *App) refreshPage() { a.show(a.page) }

// openClient shows a client's card on the clients screen.
func (a *App) openClient(id int64) {
	if a.page != PageClients {
		a.show(PageClients)
	}
	a.clients.showClient(id)
}

// generateCharges creates the charges that have come due, off the UI
// goroutine, and tells the user how many; then runs done.
func (a *App) generateCharges(done func()) {
	a.background(func() func() {
		n, err := a.store.GenerateCharges(a.ctx)
		return func() {
			if err != nil {
				a.showError(err)
			} else {
				a.chargesNote = a.tr.N("status.charges", n)
				a.dataChanged()
			}
			if done != nil {
				done()
			}
		}
	})
}

// dataChanged updates what depends on the records after a change: the
// flagged count in the status bar is counted again.
func (a *App) dataChanged() {
	a.keys.touch() // a change counts as work at the window
	a.flagged = -1
	a.flagsChanged++
	a.refreshStatus()
}

// countFlagged counts the clients and the flagged clients for the status
// bar: in place, or off the UI goroutine (a studio of 50,000 clients
// takes about a tenth of a second), showing the figures when they are
// there.
func (a *App) countFlagged() {
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
		c, err := countStatus(a)
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

// refreshStatus updates the status bar: who is at the counter, the
// database, how many clients and how many of them flagged.
func (a *App) refreshStatus() {
	if a.flagged == -1 {
		a.countFlagged()
	}
	if a.countErr != nil {
		a.status.SetText(a.tr.Err(a.countErr))
		return
	}
	text := a.tr.S("status.bar", "Path", a.store.Path())
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
