package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
	"studiopartner/data/vault"
)

// Where this computer finds its studio: its own file, or the studio's
// server. The choice and the server's address are kept in the window's
// preferences; the password only in the computer's credential store.
const (
	prefServer         = "connection:server" // "yes" when this computer works on a studio server
	prefServerHost     = "connection:host"
	prefServerPort     = "connection:port"
	prefServerDatabase = "connection:database"
	prefServerUser     = "connection:user"
	prefServerCA       = "connection:ca"
	prefServerInsecure = "connection:insecure"
)

// SavedServer is the studio server this computer works on, if it was
// chosen in Settings › Database.
func SavedServer(p fyne.Preferences) (data.ServerAddress, bool) {
	if p.String(prefServer) != "yes" {
		return data.ServerAddress{}, false
	}
	return data.ServerAddress{Host: p.String(prefServerHost), Port: p.IntWithFallback(prefServerPort, data.DefaultServerPort),
		Database: p.String(prefServerDatabase), User: p.String(prefServerUser), CAFile: p.String(prefServerCA),
		Insecure: p.Bool(prefServerInsecure)}, true
}

// saveConnection remembers where this computer works: on the server at
// addr, or (onServer false) on its own file.
func saveConnection(p fyne.Preferences, onServer bool, addr data.ServerAddress) {
	if !onServer {
		p.SetString(prefServer, "no")
		return
	}
	p.SetString(prefServer, "yes")
	p.SetString(prefServerHost, addr.Host)
	p.SetInt(prefServerPort, addr.Port)
	p.SetString(prefServerDatabase, addr.Database)
	p.SetString(prefServerUser, addr.User)
	p.SetString(prefServerCA, addr.CAFile)
	p.SetBool(prefServerInsecure, addr.Insecure)
}

// connection is one way to the studio: this computer's file, or a server
// with the password typed for it ("" none typed) and whether to keep it.
type connection struct {
	onServer bool
	addr     data.ServerAddress
	url      string // the server as --db named it; "" when addr says it
	password string
	keep     bool
}

// serverURL is the address the store opens.
func (c connection) serverURL() string {
	if c.url != "" {
		return c.url
	}
	return c.addr.URL()
}

// openConnection opens the studio c names; called off the UI goroutine.
// A server's password is the one typed, else the address's, PGPASSWORD's
// or ~/.pgpass's, else the one kept in the credential store.
func (a *App) openConnection(c connection) (*sqlstore.Store, error) {
	if !c.onServer {
		return sqlstore.Open(a.filePath)
	}
	kept := vault.Lookup(c.serverURL())
	password := func() string {
		if c.password != "" {
			return c.password
		}
		return kept()
	}
	return sqlstore.OpenServerWith(a.ctx, c.serverURL(), sqlstore.ServerOptions{Password: password, AllowInsecure: c.addr.Insecure})
}

// keepPassword keeps a typed password in the credential store, or forgets
// the kept one when the counter did not want it kept. A credential store
// that cannot be used is said; the connection stands.
func (a *App) keepPassword(c connection) {
	if !c.onServer || c.password == "" {
		return
	}
	var err error
	if c.keep {
		err = vault.Keep(c.addr.Key(), c.password)
	} else {
		err = vault.Forget(c.addr.Key())
	}
	if err != nil {
		a.showError(err)
	}
}

// isAuthError reports whether the server refused the login.
func isAuthError(err error) bool {
	e := data.AsError(err)
	return e != nil && e.Key == "db.server.auth"
}

// connectionForm asks where this computer finds its studio.
type connectionForm struct {
	f                                    *form
	kind                                 *widget.RadioGroup
	host, port, database, user, ca, pass *entry
	insecure, keep                       *widget.Check
	server                               *fyne.Container
	content                              fyne.CanvasObject
}

// newConnectionForm is the form, filled with how this computer connects now.
func (a *App) newConnectionForm(onServer bool, addr data.ServerAddress) *connectionForm {
	tr := a.tr
	c := &connectionForm{f: newForm(tr)}
	fileChoice, serverChoice := tr.S("connect.kind.file"), tr.S("connect.kind.server")
	c.kind = widget.NewRadioGroup([]string{fileChoice, serverChoice}, nil)
	c.kind.Required = true
	c.host, c.port, c.database, c.user, c.ca = a.keys.newEntry(), a.keys.newEntry(), a.keys.newEntry(), a.keys.newEntry(), a.keys.newEntry()
	c.pass = a.keys.newEntry()
	c.pass.Password = true
	c.host.SetPlaceHolder("studio-server.local")
	c.database.SetPlaceHolder("studiopartner")
	c.user.SetPlaceHolder("counter")
	c.ca.SetPlaceHolder(tr.S("connect.ca.placeholder"))
	if addr.Port == 0 {
		addr.Port = data.DefaultServerPort
	}
	c.host.SetText(addr.Host)
	c.port.SetText(strconv.Itoa(addr.Port))
	c.database.SetText(addr.Database)
	c.user.SetText(addr.User)
	c.ca.SetText(addr.CAFile)
	c.pass.SetPlaceHolder(tr.S("connect.password.placeholder"))
	pickCA := widget.NewButtonWithIcon(tr.S("icon.choose"), theme.FolderOpenIcon(), func() {
		a.pickFile([]string{".crt", ".pem", ".cer"}, func(path string) { c.ca.SetText(path) })
	})
	c.insecure = widget.NewCheck(tr.S("connect.insecure"), nil)
	c.insecure.SetChecked(addr.Insecure)
	c.keep = widget.NewCheck(tr.S("connect.keep"), nil)
	c.keep.SetChecked(true)
	c.f.add(tr.S("connect.host"), "host", c.host)
	c.f.add(tr.S("connect.port"), "port", c.port)
	c.f.add(tr.S("connect.database"), "database", c.database)
	c.f.add(tr.S("connect.user"), "user", c.user)
	c.f.add(tr.S("connect.password"), "password", container.NewVBox(c.pass, c.keep))
	c.f.add(tr.S("connect.ca"), "ca", container.NewBorder(nil, nil, nil, pickCA, c.ca))
	c.f.add("", "", c.insecure)
	c.server = container.NewVBox(hintLabel(tr.S("connect.server.hint")), c.f.grid)
	file := hintLabel(tr.S("connect.file.hint", "Path", a.filePath))
	c.kind.OnChanged = func(v string) {
		c.server.Hidden = v != serverChoice
		file.Hidden = v == serverChoice
		c.server.Refresh()
		file.Refresh()
	}
	if onServer {
		c.kind.SetSelected(serverChoice)
	} else {
		c.kind.SetSelected(fileChoice)
	}
	c.content = container.NewVBox(c.f.general, c.kind, file, c.server)
	return c
}

// read checks what was typed; field errors show beside their fields.
func (c *connectionForm) read() (connection, bool) {
	c.f.clear()
	out := connection{onServer: c.kind.Selected == c.kind.Options[1]}
	if !out.onServer {
		return out, true
	}
	port, err := strconv.Atoi(c.port.Text)
	if err != nil {
		port = -1
	}
	out.addr = data.ServerAddress{Host: c.host.Text, Port: port, Database: c.database.Text, User: c.user.Text,
		CAFile: c.ca.Text, Insecure: c.insecure.Checked}
	if err := out.addr.Validate(); err != nil {
		c.f.show(err)
		return out, false
	}
	out.password, out.keep = c.pass.Text, c.keep.Checked
	return out, true
}

// connectPanel is the window's content while it connects to the studio
// server at start, or when that failed: what happened and the ways on,
// with extra (a password's field) under the message.
func (a *App) connectPanel(title, message string, busy bool, extra fyne.CanvasObject, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(head, msg)
	if busy {
		box.Add(widget.NewProgressBarInfinite())
	}
	if extra != nil {
		box.Add(extra)
	}
	if len(buttons) > 0 {
		box.Add(container.NewHBox(buttons...))
	}
	return container.NewBorder(nil, nil, nil, nil, container.NewPadded(vscroll(container.NewPadded(box))))
}

// connectAtStart opens the studio server c names while the window says
// so, then shows the studio (open). A refused password asks for one; any
// other failure says what happened and offers to try again, the
// connection's settings, this computer's file or to quit.
func (a *App) connectAtStart(c connection, o Options) {
	tr := a.tr
	if !c.onServer {
		o.FirstStart = !sqlstore.Exists(a.filePath)
	} else {
		o.FirstStart = false
	}
	a.win.SetContent(a.connectPanel(tr.S("connect.title"), tr.S("connect.connecting", "Server", c.addr.Shown()), true, nil))
	a.background(func() func() {
		store, err := a.openConnection(c)
		return func() {
			if err == nil {
				a.keepPassword(c)
				a.open(store, o)
				return
			}
			if isAuthError(err) {
				a.askPassword(c, o, err)
				return
			}
			a.connectFailed(c, o, err)
		}
	})
}

// connectFailed says why the server could not be opened and offers the
// ways on.
func (a *App) connectFailed(c connection, o Options, err error) {
	tr := a.tr
	again := newButton(tr.S("connect.again"), func() { a.connectAtStart(c, o) })
	again.Importance = widget.HighImportance
	settings := newButton(tr.S("connect.settings"), func() { a.connectSettings(c, o, err) })
	file := newButton(tr.S("connect.use_file"), func() {
		saveConnection(a.fy.Preferences(), false, c.addr)
		a.connectAtStart(connection{}, o)
	})
	quit := newButton(tr.S("connect.quit"), a.fy.Quit)
	a.win.SetContent(a.connectPanel(tr.S("connect.failed"), tr.Err(err), false, nil, again, settings, file, quit))
	a.win.Canvas().Focus(again)
}

// askPassword asks for the server's password after the server refused
// the login (err): none was kept, or the kept one is no longer right.
func (a *App) askPassword(c connection, o Options, err error) {
	tr := a.tr
	pass := a.keys.newEntry()
	pass.Password = true
	keep := widget.NewCheck(tr.S("connect.keep"), nil)
	keep.SetChecked(true)
	connect := newButton(tr.S("connect.connect"), func() {
		c.password, c.keep = pass.Text, keep.Checked
		a.connectAtStart(c, o)
	})
	connect.Importance = widget.HighImportance
	pass.OnSubmitted = func(string) { connect.OnTapped() }
	msg := tr.S("connect.password.ask", "User", c.addr.User, "Server", c.addr.Shown())
	if c.password != "" { // the one typed was refused too
		msg = tr.Err(err) + "\n\n" + msg
	}
	settings := newButton(tr.S("connect.settings"), func() { a.connectSettings(c, o, nil) })
	a.win.SetContent(a.connectPanel(tr.S("connect.title"), msg, false, container.NewVBox(pass, keep), connect, settings))
	a.win.Canvas().Focus(pass)
}

// connectSettings shows the connection's form in the window at start;
// why says what went wrong with the last try (nil: nothing to say).
func (a *App) connectSettings(c connection, o Options, why error) {
	tr := a.tr
	form := a.newConnectionForm(c.onServer, c.addr)
	if why != nil {
		form.f.showGeneral(tr.Err(why))
	}
	connect := newButton(tr.S("connect.connect"), func() {
		next, ok := form.read()
		if !ok {
			return
		}
		saveConnection(a.fy.Preferences(), next.onServer, next.addr)
		a.connectAtStart(next, o)
	})
	connect.Importance = widget.HighImportance
	quit := newButton(tr.S("connect.quit"), a.fy.Quit)
	head := widget.NewLabelWithStyle(tr.S("connect.settings.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := container.NewVBox(head, form.content, container.NewHBox(layout.NewSpacer(), quit, connect))
	a.win.SetContent(container.NewPadded(vscroll(body)))
	a.win.Canvas().Focus(form.host)
}

// currentConnection is how the window is connected now.
func (a *App) currentConnection() connection {
	if !a.store.OnServer() {
		addr, _ := SavedServer(a.fy.Preferences()) // offered again when the counter turns to the server
		return connection{addr: addr}
	}
	if addr, ok := SavedServer(a.fy.Preferences()); ok && addr.URL() == a.store.Server() {
		return connection{onServer: true, addr: addr}
	}
	addr, _ := data.ParseServerAddress(a.store.Server())
	addr.Insecure = addr.Insecure || a.store.Unchecked()
	return connection{onServer: true, addr: addr}
}

// onConnection asks, in Settings › Database, where this computer finds
// its studio, connects there and shows it. Owners only, where sign-in is
// on; not while long work runs.
func (s *settingsScreen) onConnection() {
	a := s.a
	if a.signInOn() && a.store.Role() != data.RoleOwner {
		a.showMessage(a.tr.S("connect.settings.title"), a.tr.S("connect.owner_only"))
		return
	}
	if a.busy.Load() > 0 {
		a.showMessage(a.tr.S("progress.title"), a.tr.S("connect.busy"))
		return
	}
	a.connectionDialog(a.currentConnection(), nil)
}

// connectionDialog is the connection's form as a dialog over the studio;
// why is what stopped the last try.
func (a *App) connectionDialog(c connection, why error) {
	tr := a.tr
	form := a.newConnectionForm(c.onServer, c.addr)
	if why != nil {
		form.f.showGeneral(tr.Err(why))
	}
	var next connection
	dlg := a.newFormDialog(tr.S("connect.settings.title"), tr.S("connect.connect"), form.content, func() bool {
		var ok bool
		next, ok = form.read()
		return ok
	})
	dlg.then = func() { a.switchTo(next) }
	dlg.show(fyne.NewSize(640, 560), nil)
}

// switchTo connects to the studio c names and shows it instead of the
// one shown; when that fails the form comes back with why.
func (a *App) switchTo(c connection) {
	now := a.currentConnection()
	if !c.onServer && !now.onServer { // already on this computer's file
		saveConnection(a.fy.Preferences(), false, c.addr)
		return
	}
	var store *sqlstore.Store
	a.runLong(a.tr.S("connect.title"), false, func(sqlstore.Progress) error {
		var err error
		store, err = a.openConnection(c)
		return err
	}, func(err error) {
		if err != nil {
			if isAuthError(err) && c.password == "" {
				err = data.Errorf(data.CodeInvalid, "connect.password.needed", map[string]any{"User": c.addr.User, "Server": c.addr.Shown()})
			}
			a.connectionDialog(c, err)
			return
		}
		saveConnection(a.fy.Preferences(), c.onServer, c.addr)
		a.keepPassword(c)
		a.useStore(store)
	})
}

// useStore shows the studio in store instead of the one shown, which is
// closed: the screens are built anew and, where sign-in is on, the new
// studio's staff sign in.
func (a *App) useStore(store *sqlstore.Store) {
	old := a.store
	store.Now = old.Now
	if a.follow.feed != nil && !a.follow.looking {
		a.follow.feed.Close()
	}
	a.follow = following{}
	a.store, a.serverDown = store, false
	a.atBranch(store)
	a.flagged, a.clientCount, a.countErr = -1, -1, nil
	a.applyLanguage(a.startLanguage(""))
	if a.signInOn() {
		a.store.SignOut()
	}
	a.build()
	old.Close()
	if a.signInOn() {
		a.askSignIn()
	}
}
