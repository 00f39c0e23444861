package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// openDialog shows a dialog with the given buttons, registered with the
// keymap so Esc closes it and window shortcuts wait until it is gone. The
// buttons close it by calling the returned dialog's Hide.
func (a *App) openDialog(title string, content fyne.CanvasObject, size fyne.Size) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, content, a.win)
	id := a.keys.pushDialog(d.Hide)
	d.SetOnClosed(func() { a.keys.popDialog(id) })
	d.Resize(size)
	return d
}

// formDialog is a dialog with Cancel and a default button; the default
// button's handler decides whether the dialog may close (it stays open
// while input is wrong). Esc cancels, Enter in an entry confirms.
type formDialog struct {
	a              *App
	title, confirm string
	content        fyne.CanvasObject
	d              *dialog.CustomDialog
	onOK           func() bool
	then           func() // runs once the dialog has closed after onOK
}

func (a *App) newFormDialog(title, confirm string, content fyne.CanvasObject, onOK func() bool) *formDialog {
	return &formDialog{a: a, title: title, confirm: confirm, content: content, onOK: onOK}
}

// submit runs the default button's handler and closes on success.
func (fd *formDialog) submit() {
	if fd.onOK() {
		fd.d.Hide()
		if fd.then != nil {
			fd.then()
			fd.then = nil
		}
	}
}

// show opens the dialog at size and puts the cursor in focus.
func (fd *formDialog) show(size fyne.Size, focus fyne.Focusable) {
	fd.d = fd.a.openDialog(fd.title, container.NewVScroll(fd.content), size)
	fd.a.lastFormDialog = fd
	cancel := newButton(fd.a.tr.S("action.cancel"), fd.d.Hide)
	ok := newButton(fd.confirm, fd.submit)
	ok.Importance = widget.HighImportance
	fd.d.SetButtons([]fyne.CanvasObject{cancel, ok})
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
	d := a.openDialog(title, lbl, fyne.NewSize(440, 180))
	ok := newButton(a.tr.S("action.ok"), d.Hide)
	ok.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{ok})
	d.Show()
	a.win.Canvas().Focus(ok)
}

// buttonRow puts buttons at the right end of a row.
func buttonRow(buttons ...fyne.CanvasObject) *fyne.Container {
	return container.NewHBox(append([]fyne.CanvasObject{layout.NewSpacer()}, buttons...)...)
}

// hintLabel is an explanation that wraps to the width it is given.
func hintLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// showFileDialog shows a file or folder dialog, then sizes it: Fyne's file
// dialog cannot be resized before it is shown (it panics).
func showFileDialog(d interface {
	Show()
	Resize(fyne.Size)
}, size fyne.Size) {
	d.Show()
	d.Resize(size)
}
