package ui

import (
	"bytes"
	"context"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/reports"
)

// docName is a document's default file name: kind, client, date, ".pdf",
// e.g. Partnerschaftsvereinbarung_Mueller_2026-11-23.pdf.
func (a *App) docName(kind string, c data.Client) string {
	return a.tr.S("doc.name."+kind) + "_" + data.FileWord(c.Name) + "_" + a.store.Today().String() + ".pdf"
}

// withPDF ends a path in ".pdf", which the save dialog does not add.
func withPDF(path string) string {
	if strings.EqualFold(filepath.Ext(path), ".pdf") {
		return path
	}
	return path + ".pdf"
}

// savePDF asks where to save a document, makes it only then (an agreement
// is recorded as printed when it is made), writes it and opens it in the
// system's viewer.
func (a *App) savePDF(name string, produce func() ([]byte, []rune, error), done func()) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close()
		if p := withPDF(path); p != path {
			os.Remove(path) // the dialog created the name without ".pdf"
			path = p
		}
		a.writePDF(path, produce, done)
	}, a.win)
	d.SetFileName(name)
	showFileDialog(d, fyne.NewSize(860, 580))
}

// writePDF makes the document, writes it to path and opens it.
func (a *App) writePDF(path string, produce func() ([]byte, []rune, error), done func()) {
	pdf, missing, err := produce()
	if err != nil {
		a.showError(err)
		return
	}
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		a.showError(data.Errorf(data.CodeInvalid, "cli.output.failed", map[string]any{"Path": path}))
		return
	}
	if done != nil {
		done()
	}
	if len(missing) > 0 {
		a.showMessage(a.tr.S("doc.missing.title"), a.tr.S("cli.missing_glyphs", "Chars", string(missing)))
	}
	_ = a.fy.OpenURL(&url.URL{Scheme: "file", Path: path}) // with no viewer the file is still saved
}

// letter makes a letter through one of the reports' writers.
func (a *App) letter(write func(ctx context.Context, s *data.Store, w io.Writer, id int64) (string, []rune, error), id int64) func() ([]byte, []rune, error) {
	return func() ([]byte, []rune, error) {
		var buf bytes.Buffer
		_, missing, err := write(a.ctx, a.store, &buf, id)
		return buf.Bytes(), missing, err
	}
}

// documentsSection lists the client's printed agreements and offers the
// documents that fit: a new agreement, and a reminder when money is open.
func (cc *clientCard) documentsSection() fyne.CanvasObject {
	tr := cc.a.tr
	head := widget.NewLabelWithStyle(tr.S("docs.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	agree := widget.NewButtonWithIcon(tr.S("docs.agreement"), theme.DocumentPrintIcon(), cc.onAgreement)
	reminder := widget.NewButtonWithIcon(tr.S("docs.reminder"), theme.MailSendIcon(), func() {
		cc.a.savePDF(cc.a.docName("reminder", cc.client), cc.a.letter(reports.WriteReminder, cc.client.ID), nil)
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
		if ag.SignedOn.IsZero() {
			action = widget.NewButton(tr.S("docs.mark_signed"), func() { cc.a.openSignedDialog(ag, cc.reopen) })
		} else {
			text += " · " + tr.S("docs.signed_on", "Date", ag.SignedOn)
			action = widget.NewLabel("")
		}
		reprint := widget.NewButtonWithIcon("", theme.DocumentPrintIcon(), func() {
			cc.a.savePDF(tr.S("doc.name.agreement")+"_"+ag.Number()+".pdf", func() ([]byte, []rune, error) {
				pdf, err := cc.a.store.AgreementPDF(cc.a.ctx, ag.ID)
				return pdf, nil, err
			}, nil)
		})
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(action, reprint), l))
	}
	return box
}

func (cc *clientCard) onAgreement() {
	cc.a.savePDF(cc.a.docName("agreement", cc.client), func() ([]byte, []rune, error) {
		_, pdf, missing, err := reports.IssueAgreement(cc.a.ctx, cc.a.store, cc.client.ID, "")
		return pdf, missing, err
	}, cc.reopen)
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
	dlg.submitOnEnter(on)
	dlg.show(fyne.NewSize(420, 200), on)
}
