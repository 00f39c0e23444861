package ui

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
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
	cancelText     string // the dismiss button's text; "" is Cancel
	// safe makes Cancel the default: a warning whose confirmation would
	// make a second record, so Enter or Space never confirms it unseen
	safe bool
	// sure holds the amounts the counter confirmed as right
	sure map[data.Money]bool
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
	fd.d = fd.a.openDialog(fd.title, vscroll(fd.content), size)
	fd.a.lastFormDialog = fd
	cancelText := fd.cancelText
	if cancelText == "" {
		cancelText = fd.a.tr.S("action.cancel")
	}
	cancel := newButton(cancelText, fd.d.Hide)
	ok := newButton(fd.confirm, fd.submit)
	ok.Importance = widget.HighImportance
	fd.a.setButtons(fd.d, cancel, ok)
	fields := fieldsIn(fd.content)
	fd.wire(fields)
	fd.d.Show()
	switch {
	case fd.safe:
		focus = cancel
	case focus != nil:
	case len(fields) > 0:
		focus = fields[0]
	default: // a question: Enter presses the default button
		focus = ok
	}
	fd.a.win.Canvas().Focus(focus)
}

// setButtons puts the buttons under a dialog; Esc on any of them closes
// it, as it does in a field.
func (a *App) setButtons(d *dialog.CustomDialog, buttons ...fyne.CanvasObject) {
	for _, b := range buttons {
		if v, ok := b.(*button); ok {
			v.esc = a.keys.escape
		}
	}
	d.SetButtons(buttons)
}

// plausible reports whether an amount may be saved without asking: it is
// at most limit, or the counter already said it is right. Otherwise it
// asks once ("1.512,25 € — is that right?", "Correct it" the default) and
// saves the form when the answer is yes.
func (fd *formDialog) plausible(amount, limit data.Money) bool {
	return fd.a.plausible(&fd.sure, amount, limit, fd.submit)
}

// plausible is the question behind a form's: an amount above limit that
// is not among sure is asked about; yes notes it as sure and runs again.
func (a *App) plausible(sure *map[data.Money]bool, amount, limit data.Money, again func()) bool {
	if amount <= limit || (*sure)[amount] {
		return true
	}
	tr := a.tr
	q := a.newFormDialog(tr.S("amount.check.title"), tr.S("amount.check.yes"),
		hintLabel(tr.S("amount.check.ask", "Amount", tr.Money(amount), "Limit", tr.Money(limit))), func() bool { return true })
	q.cancelText, q.safe = tr.S("amount.check.no"), true
	q.then = func() {
		if *sure == nil {
			*sure = map[data.Money]bool{}
		}
		(*sure)[amount] = true
		again()
	}
	q.show(fyne.NewSize(440, 200), nil)
	return false
}

// onClosed runs fn once the dialog has closed, however it closed (saved,
// cancelled, Esc); call it after show.
func (fd *formDialog) onClosed(fn func()) { fd.d.SetOnClosed(fn) }

// submitOnEnter makes Enter in these entries press the default button;
// show does it for every field of the form that has no other use for
// Enter. In a multi-line entry Shift+Enter or Ctrl+Enter starts a new line.
func (fd *formDialog) submitOnEnter(entries ...*entry) {
	for _, e := range entries {
		if e.OnSubmitted == nil {
			e.OnSubmitted = func(string) { fd.submit() }
		}
	}
}

// wire gives the form's fields Enter to save and Esc to cancel.
func (fd *formDialog) wire(fields []fyne.Focusable) {
	for _, f := range fields {
		switch v := f.(type) {
		case *entry:
			fd.submitOnEnter(v)
		case *pick:
			v.formKeys = formKeys{keys: fd.a.keys, onEnter: fd.submit}
		case *tick:
			v.formKeys = formKeys{keys: fd.a.keys, onEnter: fd.submit}
		}
	}
}

// fieldsIn finds our entries, drop-downs and check boxes in a dialog's
// content, in reading order, hidden ones included (a part of a form
// shown later).
func fieldsIn(o fyne.CanvasObject) []fyne.Focusable {
	switch v := o.(type) {
	case *entry:
		return []fyne.Focusable{v}
	case *pick:
		return []fyne.Focusable{v}
	case *tick:
		return []fyne.Focusable{v}
	case *fyne.Container:
		var out []fyne.Focusable
		for _, c := range v.Objects {
			out = append(out, fieldsIn(c)...)
		}
		return out
	case *container.Scroll:
		return fieldsIn(v.Content)
	case *widget.Card:
		if v.Content != nil {
			return fieldsIn(v.Content)
		}
	}
	return nil
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
	a.setButtons(d, ok)
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
// It starts in the folder used last, else in the user's documents folder.
func showFileDialog(d interface {
	Show()
	Resize(fyne.Size)
	SetLocation(fyne.ListableURI)
}, size fyne.Size) {
	if fyne.CurrentApp().Preferences().String(fyneLastFolder) == "" {
		if docs, ok := documentsFolder(); ok {
			d.SetLocation(docs)
		}
	}
	d.Show()
	d.Resize(size)
}

// fyneLastFolder is the preference in which Fyne's file dialogs remember
// the folder used last; they start there once it is set.
const fyneLastFolder = "fyne:fileDialogLastFolder"

// documentsFolder is the user's documents folder (XDG_DOCUMENTS_DIR, else
// Documents or Dokumente in the home folder), when there is one.
func documentsFolder() (fyne.ListableURI, bool) {
	home, err := os.UserHomeDir()
	if err != nil {
		return nil, false
	}
	candidates := []string{os.Getenv("XDG_DOCUMENTS_DIR"), filepath.Join(home, "Documents"), filepath.Join(home, "Dokumente")}
	for _, dir := range candidates {
		if dir == "" {
			continue
		}
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			return l, true
		}
	}
	return nil, false
}
