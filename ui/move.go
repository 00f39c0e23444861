package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// moveButtons offer to move the studio into a new file or onto a studio
// server.
func (s *settingsScreen) moveButtons() fyne.CanvasObject {
	a := s.a
	toFile := widget.NewButton(a.tr.S("settings.db.move_file"), a.onMoveToFile)
	toServer := widget.NewButton(a.tr.S("settings.db.move_server"), a.onMoveToServer)
	return container.NewVBox(hintLabel(a.tr.S("settings.db.move.hint")), buttonRow(toFile, toServer))
}

// onMoveToFile asks for a new file and moves the studio there.
func (a *App) onMoveToFile() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return // cancelled
		}
		chosen := w.URI().Path()
		w.Close() // nothing written: the file is untouched
		a.moveTo(withExt(chosen, ".db"))
	}, a.win)
	d.SetFileName("studiopartner-" + a.store.Today().String() + ".db")
	showFileDialog(d, fyne.NewSize(860, 580))
}

// onMoveToServer asks for the server's address and moves the studio there.
func (a *App) onMoveToServer() {
	tr := a.tr
	f := newForm(tr)
	address := a.keys.newEntry()
	address.SetPlaceHolder("postgres://USER@HOST:5432/DATABASE?sslmode=verify-full")
	f.add(tr.S("move.server.field"), "address", address)
	content := container.NewVBox(hintLabel(tr.S("move.server.hint")), f.content())
	var target string
	dlg := a.newFormDialog(tr.S("move.title"), tr.S("move.start"), content, func() bool {
		f.clear()
		target = address.Text
		if err := checkServerAddress(target); err != nil {
			f.show(err)
			return false
		}
		return true
	})
	dlg.then = func() { a.moveTo(target) }
	dlg.show(fyne.NewSize(620, 300), address)
}

// checkServerAddress refuses an address that is empty or names no server.
func checkServerAddress(s string) error {
	key := ""
	switch {
	case len(s) == 0:
		key = "move.server.required"
	case !sqlstore.IsServerURL(s):
		key = "move.server.invalid"
	default:
		return nil
	}
	return &data.Error{Code: data.CodeInvalid, Key: key, Fields: []data.FieldError{{Field: "address", Key: key}}}
}

// moveTo moves the studio to target while a bar shows how far it is, and
// says what was checked.
func (a *App) moveTo(target string) {
	var checks []sqlstore.MoveCheck
	a.runLong(a.tr.S("move.title"), true, func(p sqlstore.Progress) error {
		var err error
		checks, err = a.store.MoveTo(a.ctx, target, p)
		return err
	}, func(err error) {
		if err != nil {
			a.showError(err)
			return
		}
		var rows int64
		for _, c := range checks {
			rows += c.Rows
		}
		a.showMessage(a.tr.S("move.title"), a.tr.S("cli.move.done", "Target", sqlstore.ShownURL(target),
			"Tables", len(checks), "Rows", rows, "Source", a.store.Path()))
	})
}
