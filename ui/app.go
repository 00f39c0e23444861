// Package ui is the studio's window: navigation, screens and dialogs. It
// calls data and reports; it never writes SQL.
package ui

import (
	"context"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/data/disk"
	"studiopartner/data/sqlstore"
	"studiopartner/translations"
)

// The window's size on first start.
const (
	WindowWidth  = 1120
	WindowHeight = 740
)

// SettingLanguage is the stored setting that remembers the window's language.
const SettingLanguage = data.SettingLanguage

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
	// FilePath is this computer's studio file, which Settings › Database
	// offers beside a studio server.
	FilePath string
}

// App is the main window and what it shows.
type App struct {
	askedRestore time.Time // when this window last asked to restore onto the server

	closed    chan struct{} // closed with the window: the ticks of every end
	closeOnce sync.Once

	fy    fyne.App
	win   fyne.Window
	store *sqlstore.Store
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
	countsStale    bool              // the figures shown are the last start's: count again
	countErr       error             // why the status bar's figures could not be counted
	closeAnyway    bool              // the backup on closing failed once: close without it
	busy           atomic.Int32      // long work running off the UI goroutine
	follow         following         // the changes other windows and programs make (followOthers)
	filePath       string            // this computer's studio file
	serverDown     bool              // the studio server did not answer the last look for changes
	lastPreview    *sheetPreview     // the spreadsheet preview opened last
	saved          *savedNote        // the confirmation the next client card shows once
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

// startGate, when set, is the gate of the next window's background work
// from its very start (tests hold the first counts with it).
var startGate chan struct{}

// New builds the main window over the store.
func New(fy fyne.App, store *sqlstore.Store, o Options) *App {
	a := newWindow(fy, o)
	a.open(store, o)
	return a
}

// newWindow makes the window, not yet showing a studio: the window of a
// counter that is still connecting to its server.
func newWindow(fy fyne.App, o Options) *App {
	fy.Settings().SetTheme(newTheme())
	installLazyFiles()
	a := &App{fy: fy, ctx: context.Background(), page: PageCounter, flagged: -1, clientCount: -1, flagsAside: o.CountFlagsAside, version: o.Version,
		gate: startGate, filePath: o.FilePath}
	a.win = fy.NewWindow("Studio Partner")
	a.win.SetIcon(fy.Icon())
	a.win.Resize(fyne.NewSize(WindowWidth, WindowHeight))
	if o.RememberSize {
		a.win.Resize(a.rememberedSize())
		a.onClosed = append(a.onClosed, a.rememberSize)
	}
	a.closed = make(chan struct{})
	a.win.SetOnClosed(func() {
		for _, fn := range a.onClosed {
			fn()
		}
		a.closeOnce.Do(func() { close(a.closed) }) // what runs every so often stops
	})
	a.win.SetMaster()
	a.keys = newKeymap(a.win.Canvas())
	a.win.Canvas().SetOnTypedKey(a.keys.onTypedKey)
	if o.Page != "" {
		a.page = o.Page
	}
	a.applyLanguage(a.startLanguage(o.Lang))
	return a
}

// open shows the studio in the store and starts what the first minutes
// ask.
func (a *App) open(store *sqlstore.Store, o Options) {
	a.store = store
	a.atBranch(store)
	a.applyLanguage(a.startLanguage(o.Lang))
	if c, ok, current := a.keptCounts(); ok && o.CountFlagsAside {
		// the last figures at once; unless nothing changed since, the
		// count beside the window follows
		a.clientCount, a.flagged, a.countsStale = c.clients, c.flagged, !current
	}
	if a.signInOn() {
		a.store.SignOut() // nobody until a PIN says who
	}
	a.build()
	if o.Search != "" {
		a.searchFor(o.Search)
	}
	a.startUp(o)
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
	if a.store == nil { // still connecting
		return translations.Normalize(os.Getenv("LANG"), "de")
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
	if disk.OnNetworkDrive(a.store.Path()) {
		a.showMessage(a.tr.S("db.network_drive.title"), a.tr.S("db.network_drive", "Path", a.store.Path()))
	}
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
		a.followOthers()
	}
	if o.FirstStart {
		a.offerDemo()
		return
	}
	if o.Backups {
		a.dailyBackup(func() { a.afterBackup(o) }) // the next dialogs wait for its progress to close
		return
	}
	a.afterBackup(o)
}

// afterBackup goes on with the start once the day's backup is done: the
// charges due, then who is at the counter (or sign-in) and the yearly
// clean-up.
func (a *App) afterBackup(o Options) {
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
			key := widget.NewLabel(a.tr.S("key.ctrl", "Key", "0"))
			key.Importance = widget.LowImportance
			key.SizeName = theme.SizeNameCaptionText
			return container.NewBorder(nil, nil, widget.NewIcon(theme.AccountIcon()), key, widget.NewLabel(longest))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(a.tr.S(items[i].label))
			row.Objects[1].(*widget.Icon).SetResource(items[i].icon())
			key := row.Objects[2].(*widget.Label)
			key.SetText("")
			if items[i].key != "" { // each screen's shortcut, where it is found
				key.SetText(a.tr.S("key.ctrl", "Key", string(items[i].key)))
			}
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
	a.keys.ctrl(fyne.KeyK, func() { a.withClient((*clientCard).onCheckIn) })
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
	typed := ""
	if a.page == PageCounter && a.counter != nil {
		typed = a.counter.results.query // a search that found nobody
	} else if a.page == PageClients && a.clients != nil {
		typed = a.clients.results.query
	}
	if a.page != PageClients {
		a.show(PageClients)
	}
	a.clients.newClient(typed)
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
		if err == nil { // collection runs whose day has come book their payments
			_, err = a.store.BookDueRuns(a.ctx)
		}
		return func() {
			if err != nil {
				a.showError(err)
			} else {
				a.chargesNote = ""
				if n > 0 { // "0 new charges" is no news
					a.chargesNote = a.tr.N("status.charges", n)
				}
				a.dataChanged()
			}
			if done != nil {
				done()
			}
		}
	})
}
