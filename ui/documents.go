package ui

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/data/disk"
	"studiopartner/data/sqlstore"
	"studiopartner/reports"
)

// docName is a document's default file name: kind, client, date, ".pdf",
// e.g. Partnerschaftsvereinbarung_Mueller_2026-11-23.pdf.
func (a *App) docName(kind string, c data.Client) string {
	return a.tr.S("doc.name."+kind) + "_" + data.FileWord(c.Name) + "_" + a.store.Today().String() + ".pdf"
}

// withExt ends a path in ext (".pdf", ".csv"), which the save dialog does
// not add.
func withExt(path, ext string) string {
	if strings.EqualFold(filepath.Ext(path), ext) {
		return path
	}
	return path + ext
}

// produceFunc makes a document into a staged file and returns the
// characters its font could not print; the file is published after it
// returns without error.
type produceFunc func(out *disk.StagedFile) ([]rune, error)

// savePDF asks where to save a document, makes it only then (an agreement
// is recorded as printed when it is made), writes it through the safe-write
// helper and opens it in the system's viewer. Fyne's dialog has asked
// before an existing file is replaced; a name that gets ".pdf" added is
// asked about here.
func (a *App) savePDF(name string, produce produceFunc, done func()) {
	a.saveDocument(name, ".pdf", produce, done)
}

// saveDocument is savePDF for any kind of file, named by its ending.
func (a *App) saveDocument(name, ext string, produce produceFunc, done func()) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return // cancelled
		}
		chosen := w.URI().Path()
		w.Close() // nothing written: the file is untouched
		path := withExt(chosen, ext)
		if path == chosen || !sqlstore.Exists(path) {
			a.writePDF(path, sqlstore.Exists(chosen) && path == chosen, produce, done)
			return
		}
		a.confirmReplace(path, func() { a.writePDF(path, true, produce, done) })
	}, a.win)
	d.SetFileName(name)
	showFileDialog(d, fyne.NewSize(860, 580))
}

// confirmReplace asks before an existing file is replaced.
func (a *App) confirmReplace(path string, replace func()) {
	tr := a.tr
	msg := hintLabel(tr.S("file.replace.ask", "Path", path))
	dlg := a.newFormDialog(tr.S("file.replace.title"), tr.S("file.replace.confirm"), msg, func() bool { return true })
	dlg.then = replace
	dlg.show(fyne.NewSize(480, 200), nil)
}

// writePDF makes the document into a staged file at path, publishes it and
// opens it; a failure leaves any file at path as it was.
func (a *App) writePDF(path string, replace bool, produce produceFunc, done func()) {
	sf, err := a.store.CreateFile(path, disk.WriteOptions{Force: replace})
	if err != nil {
		a.showError(err)
		return
	}
	missing, err := produce(sf)
	if err == nil {
		err = sf.Publish()
	} else {
		sf.Discard()
	}
	if err != nil {
		a.showError(err)
		return
	}
	if done != nil {
		done()
	}
	_ = missing // documents with characters the fonts lack are refused before this
	viewer := true
	if !strings.EqualFold(filepath.Ext(path), ".xml") { // a file for the bank is uploaded, not looked at
		viewer = a.openFile(path) == nil
	}
	a.showSaved(path, viewer)
}

// showSaved says where a document went, offers its folder, and says so
// when no program to show it was found.
func (a *App) showSaved(path string, viewer bool) {
	tr := a.tr
	text := tr.S("doc.saved", "Path", path)
	if !viewer {
		text += "\n" + tr.S("doc.saved.no_viewer")
	}
	d := a.openDialog(tr.S("doc.saved.title"), hintLabel(text), fyne.NewSize(480, 200))
	folder := newButton(tr.S("doc.open_folder"), func() {
		d.Hide()
		if a.openFile(filepath.Dir(path)) != nil {
			a.showMessage(tr.S("doc.saved.title"), tr.S("doc.saved.no_files", "Folder", filepath.Dir(path)))
		}
	})
	ok := newButton(tr.S("action.ok"), d.Hide)
	ok.Importance = widget.HighImportance
	a.setButtons(d, folder, ok)
	d.Show()
	a.win.Canvas().Focus(ok)
}

// issueLetter issues a letter of kind about the record id, for client c,
// into a file the user chooses.
func (a *App) issueLetter(kind data.DocumentKind, id int64, c data.Client) {
	a.issuePDF(a.docName(string(kind), c), a.letter(kind, id), nil)
}

// letter issues a letter of kind about record id into the staged file.
func (a *App) letter(kind data.DocumentKind, id int64) produceFunc {
	return func(out *disk.StagedFile) ([]rune, error) {
		_, _, err := reports.IssueLetter(a.ctx, a.store, kind, id, reports.Issue{Out: out})
		return nil, err
	}
}

// documentsSection lists the client's printed agreements and offers the
// documents that fit: a new agreement, and a reminder when money is open.
func (cc *clientCard) documentsSection() fyne.CanvasObject {
	tr := cc.a.tr
	head := widget.NewLabelWithStyle(tr.S("docs.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	agree := widget.NewButtonWithIcon(tr.S("docs.agreement"), theme.DocumentPrintIcon(), cc.onAgreement)
	reminder := widget.NewButtonWithIcon(tr.S("docs.reminder"), theme.MailSendIcon(), func() {
		cc.a.issueLetter(data.DocReminder, cc.client.ID, cc.client)
	})
	if cc.balance.Open <= 0 {
		reminder.Disable()
	}
	box := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(reminder, agree), head))
	list, err := cc.a.store.AgreementsOf(cc.a.ctx, cc.client.ID)
	if err != nil {
		box.Add(widget.NewLabel(tr.Err(err)))
		return box
	}
	for _, ag := range list {
		ag := ag
		text := tr.S("docs.agreement.line", "Number", ag.Number(), "Date", data.DateOf(parseStamp(ag.PrintedAt)),
			"Version", ag.ClauseVersion, "Lang", tr.Enum("lang", ag.Language))
		var action fyne.CanvasObject
		if len(ag.AcceptedWarnings) > 0 {
			text += " · " + tr.S("docs.printed_despite_warnings")
		}
		if ag.SignedOn.IsZero() {
			action = widget.NewButton(tr.S("docs.mark_signed"), func() { cc.a.openSignedDialog(ag, cc.reopen) })
		} else {
			text += " · " + tr.S("docs.signed_on", "Date", ag.SignedOn)
			action = widget.NewLabel("")
		}
		reprint := widget.NewButtonWithIcon(cc.a.tr.S("icon.reprint"), theme.DocumentPrintIcon(), func() { cc.a.reprint(ag.Number()) })
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(action, reprint), l))
	}
	cc.addLetters(box)
	return box
}

// addLetters lists the client's issued letters, each with its stored copy.
func (cc *clientCard) addLetters(box *fyne.Container) {
	tr := cc.a.tr
	docs, err := cc.a.store.DocumentsOf(cc.a.ctx, cc.client.ID)
	if err != nil {
		box.Add(widget.NewLabel(tr.Err(err)))
		return
	}
	for _, doc := range docs {
		number := doc.Number
		text := tr.S("docs.letter.line", "Number", number, "Kind", tr.Enum("doc.kind", doc.Kind),
			"Date", tr.Date(data.DateOf(parseStamp(doc.IssuedAt))), "Lang", tr.Enum("lang", doc.Language))
		reprint := widget.NewButtonWithIcon(cc.a.tr.S("icon.reprint"), theme.DocumentPrintIcon(), func() { cc.a.reprint(number) })
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		box.Add(container.NewBorder(nil, nil, nil, reprint, l))
	}
}

// reprint saves the stored copy of an issued document, byte for byte. The
// copy of a document about an erased client is kept only because the law
// requires it: the owner confirms before it is reprinted.
func (a *App) reprint(number string) {
	copyOf := a.store.CopyOf
	if _, err := a.store.CopyOf(a.ctx, number); data.AsError(err) != nil && data.AsError(err).Key == "document.erased" &&
		a.store.Allow(data.OpErase) == nil {
		tr, args := a.tr, data.AsError(err).Args
		msg := hintLabel(tr.S("document.erased.confirm", "Number", args["Number"], "Date", args["Date"]))
		dlg := a.newFormDialog(tr.S("document.erased.title"), tr.S("document.erased.yes"), msg, func() bool { return true })
		dlg.then = func() { a.saveCopy(number, a.store.CopyOfErased) }
		dlg.show(fyne.NewSize(480, 220), nil)
		return
	}
	a.saveCopy(number, copyOf)
}

// saveCopy asks where to save a stored copy and writes it there.
func (a *App) saveCopy(number string, copyOf func(context.Context, string) ([]byte, error)) {
	a.savePDF(number+".pdf", func(out *disk.StagedFile) ([]rune, error) {
		pdf, err := copyOf(a.ctx, number)
		if err == nil {
			_, err = out.Write(pdf)
		}
		return nil, err
	}, nil)
}

func (cc *clientCard) onAgreement() {
	a := cc.a
	warnings, err := reports.AgreementWarnings(a.ctx, a.store, cc.client.ID)
	if err != nil {
		a.showError(err)
		return
	}
	print := func(accept bool) {
		a.issuePDF(a.docName("agreement", cc.client), func(out *disk.StagedFile) ([]rune, error) {
			_, _, err := reports.IssueAgreement(a.ctx, a.store, cc.client.ID, reports.Issue{AcceptWarnings: accept, Out: out})
			return nil, err
		}, cc.reopen)
	}
	if len(warnings) == 0 {
		print(false)
		return
	}
	a.confirmWarnings(warnings, func() { print(true) })
}

// confirmWarnings lists what speaks against printing an agreement and asks
// whether to print it anyway. Terms that break consumer law only the owner
// may confirm; the copy records what was confirmed.
func (a *App) confirmWarnings(warnings []string, print func()) {
	tr := a.tr
	legal := false
	lines := []string{tr.S("doc.warn.intro")}
	for _, w := range warnings {
		lines = append(lines, "⚠ "+tr.S(w))
		legal = legal || strings.HasPrefix(w, "terms.warn.")
	}
	if legal && a.store.Allow(data.OpClauses) != nil {
		a.showMessage(tr.S("doc.warn.title"), strings.Join(append(lines, tr.S("doc.warn.owner_only")), "\n"))
		return
	}
	msg := hintLabel(strings.Join(append(lines, tr.S("doc.warn.recorded")), "\n"))
	dlg := a.newFormDialog(tr.S("doc.warn.title"), tr.S("doc.warn.print_anyway"), msg, func() bool { return true })
	dlg.then = print // once this dialog is gone: the next one opens on its own
	dlg.show(fyne.NewSize(560, 300), nil)
}

// issuePDF is savePDF for a document the studio issues: while the studio
// profile lacks its name, address or who is responsible, it says so and
// leads to Settings instead of asking where to save.
func (a *App) issuePDF(name string, produce produceFunc, done func()) {
	studio, err := a.store.Studio(a.ctx)
	if err == nil {
		err = reports.CheckProfile(studio)
	}
	if err == nil {
		a.savePDF(name, produce, done)
		return
	}
	if data.AsError(err).Key != "doc.profile_incomplete" || a.store.Allow(data.OpSettings) != nil {
		a.showError(err) // the front desk is told; the message says who completes it
		return
	}
	tr := a.tr
	dlg := a.newFormDialog(tr.S("doc.profile.title"), tr.S("doc.profile.open_settings"), hintLabel(tr.Err(err)), func() bool { return true })
	dlg.then = func() { a.show(PageSettings) }
	dlg.show(fyne.NewSize(520, 220), nil)
}

// openSignedDialog records the day an agreement came back signed.
func (a *App) openSignedDialog(ag data.Agreement, onSave func()) {
	tr := a.tr
	fm := newForm(tr)
	on := a.keys.newEntry()
	on.SetText(a.store.Today().Format(tr.Lang()))
	fm.add(tr.S("docs.field.signed_on"), "signed_on", on)
	dlg := a.newFormDialog(tr.S("docs.mark_signed.title", "Number", ag.Number()), tr.S("action.save"), fm.content(), func() bool {
		d, err := dateField(tr, on.Text)
		if err != nil {
			fm.setError("signed_on", tr.Err(err))
			return false
		}
		if err := a.store.MarkSigned(a.ctx, ag.ID, d); err != nil {
			fm.show(err)
			return false
		}
		onSave()
		return true
	})
	dlg.show(fyne.NewSize(420, 200), on)
}

// openFile shows a file in the program the desktop has for it, or a folder
// in the file manager: through the shell on Windows (which takes the path
// as it is, umlauts and spaces included), else as a file URL.
func (a *App) openFile(path string) error {
	if handled, err := shellOpen(path); handled {
		return err
	}
	return a.fy.OpenURL(&url.URL{Scheme: "file", Path: path})
}
