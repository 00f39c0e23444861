package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// formDialog is a dialog with Cancel and a default button; the default
// button's handler decides whether the dialog may close (it stays open
// while input is wrong). Esc cancels, Enter in an entry confirms.
type formDialog struct {
	a       *App
	d       *dialog.CustomDialog
	confirm *widget.Button
	closed  bool
	onOK    func() bool
}

func (a *App) newFormDialog(title, confirm string, content fyne.CanvasObject, onOK func() bool) *formDialog {
	fd := &formDialog{a: a, onOK: onOK}
	fd.d = dialog.NewCustomWithoutButtons(title, container.NewVScroll(content), a.win)
	cancel := widget.NewButton(a.tr.S("action.cancel"), fd.hide)
	fd.confirm = widget.NewButton(confirm, fd.submit)
	fd.confirm.Importance = widget.HighImportance
	fd.d.SetButtons([]fyne.CanvasObject{cancel, fd.confirm})
	fd.d.SetOnClosed(func() {
		if !fd.closed {
			fd.closed = true
			a.keys.popDialog()
		}
	})
	return fd
}

// submit runs the default button's handler and closes on success.
func (fd *formDialog) submit() {
	if fd.onOK() {
		fd.hide()
	}
}

func (fd *formDialog) hide() {
	fd.d.Hide()
}

// show opens the dialog at size and puts the cursor in focus.
func (fd *formDialog) show(size fyne.Size, focus fyne.Focusable) {
	fd.a.keys.pushDialog(fd.hide)
	fd.d.Resize(size)
	fd.d.Show()
	if focus != nil {
		fd.a.win.Canvas().Focus(focus)
	}
}

// submitOnEnter makes Enter in these entries press the default button.
func (fd *formDialog) submitOnEnter(entries ...*entry) {
	for _, e := range entries {
		e.OnSubmitted = func(string) { fd.submit() }
	}
}

// showError tells the user what went wrong, in their language.
func (a *App) showError(err error) {
	if err == nil {
		return
	}
	a.showMessage(a.tr.S("error.title"), a.tr.Err(err))
}

// showMessage shows a short message with one button to close it.
func (a *App) showMessage(title, msg string) {
	lbl := widget.NewLabel(msg)
	lbl.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	closed := false
	d = dialog.NewCustomWithoutButtons(title, lbl, a.win)
	ok := widget.NewButton(a.tr.S("action.ok"), func() { d.Hide() })
	ok.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{ok})
	d.SetOnClosed(func() {
		if !closed {
			closed = true
			a.keys.popDialog()
		}
	})
	a.keys.pushDialog(d.Hide)
	d.Resize(fyne.NewSize(440, 180))
	d.Show()
	a.win.Canvas().Focus(ok)
}

// buttonRow puts buttons at the right end of a row.
func buttonRow(buttons ...fyne.CanvasObject) *fyne.Container {
	return container.NewHBox(append([]fyne.CanvasObject{layout.NewSpacer()}, buttons...)...)
}
