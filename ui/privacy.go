package ui

import (
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/reports"
)

// privacySection shows the client's consent and, for the owner, their
// data rights: the data bundle, erasure, the audit log about them. For an
// erased client it says what is kept and when each part goes.
func (cc *clientCard) privacySection() fyne.CanvasObject {
	a, tr := cc.a, cc.a.tr
	c := cc.client
	head := widget.NewLabelWithStyle(tr.S("privacy.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	parts := []fyne.CanvasObject{head}
	if !c.ErasedOn.IsZero() {
		lines := tr.S("client_export.erased", "Date", tr.Date(c.ErasedOn))
		if plan, err := a.store.Retention(a.ctx, c.ID); err == nil {
			for _, p := range plan.Parts {
				lines += "\n• " + reports.RetentionLine(tr, p)
			}
		}
		l := widget.NewLabel(lines)
		l.Wrapping = fyne.TextWrapWord
		parts = append(parts, l)
	} else {
		consent := widget.NewLabel(reports.ConsentText(tr, c.Consent))
		consent.Wrapping = fyne.TextWrapWord
		parts = append(parts, consent)
	}
	if a.store.Allow(data.OpErase) != nil {
		return container.NewVBox(parts...)
	}
	export := widget.NewButtonWithIcon(tr.S("privacy.export"), theme.DownloadIcon(), cc.onExportData)
	audit := widget.NewButtonWithIcon(tr.S("privacy.audit"), theme.VisibilityIcon(), func() {
		a.auditPage().showClient(c.ID)
		a.show(PageAudit)
	})
	buttons := []fyne.CanvasObject{audit, export}
	if c.ErasedOn.IsZero() {
		erase := widget.NewButtonWithIcon(tr.S("privacy.erase"), theme.DeleteIcon(), cc.onErase)
		erase.Importance = widget.DangerImportance
		buttons = append([]fyne.CanvasObject{erase}, buttons...)
	}
	parts = append(parts, buttonRow(buttons...))
	return container.NewVBox(parts...)
}

// onExportData writes the client's bundle into a new folder inside the
// folder chosen.
func (cc *clientCard) onExportData() {
	cc.a.pickFolder(func(parent string) { cc.exportDataInto(parent) })
}

func (cc *clientCard) exportDataInto(parent string) {
	a := cc.a
	dir := filepath.Join(parent, "Daten_"+data.FileWord(cc.client.Name)+"_"+a.store.Today().String())
	var files reports.ClientExportFiles
	a.runLong(a.tr.S("privacy.export"), false, func(data.Progress) error {
		var err error
		files, err = reports.WriteClientExport(a.ctx, a.store, cc.client.ID, dir, "") // in the client's language
		return err
	}, func(err error) {
		if err != nil {
			a.showError(err)
			return
		}
		a.showMessage(a.tr.S("privacy.export"), a.tr.S("cli.client_export.done", "Name", cc.client.Name, "Path", dir,
			"Agreements", len(files.Agreements)))
	})
}

// onErase says why the client cannot be erased yet, or what erasure
// removes and keeps, and erases once confirmed.
func (cc *clientCard) onErase() {
	a, tr := cc.a, cc.a.tr
	if err := a.store.ErasureBlock(a.ctx, cc.client.ID); err != nil {
		a.showMessage(tr.S("privacy.erase"), tr.Err(err))
		return
	}
	r, _ := a.store.RetentionRules(a.ctx)
	msg := widget.NewLabel(tr.S("privacy.erase.ask", "Name", cc.client.Name, "Books", r.BooksYears, "Vouchers", r.VouchersYears,
		"Letters", r.LettersYears))
	msg.Wrapping = fyne.TextWrapWord
	dlg := a.newFormDialog(tr.S("privacy.erase"), tr.S("privacy.erase.confirm"), msg, func() bool {
		id := cc.client.ID
		a.runLong(tr.S("privacy.erase"), false, func(data.Progress) error {
			return a.store.EraseClient(a.ctx, id)
		}, func(err error) {
			if err != nil {
				a.showError(err)
				return
			}
			a.dataChanged()
			cc.reopen()
		})
		return true
	})
	dlg.show(fyne.NewSize(560, 300), nil)
}

// offerCleanUp asks the owner once a year, at start, to remove the records
// of erased clients whose retention has ended.
func (a *App) offerCleanUp() {
	if a.store.Allow(data.OpErase) != nil {
		return
	}
	year := strconv.Itoa(a.store.Today().Year())
	if asked, _ := a.store.Setting(a.ctx, settingCleanupYear); asked == year {
		return
	}
	plan, err := a.store.Expired(a.ctx)
	if err != nil || plan.Total() == 0 {
		return
	}
	tr := a.tr
	msg := widget.NewLabel(tr.S("cleanup.ask", "Charges", plan.Charges, "Payments", plan.Payments, "Agreements", plan.Agreements))
	msg.Wrapping = fyne.TextWrapWord
	a.store.SetSetting(a.ctx, settingCleanupYear, year) // asked once a year, whatever the answer
	dlg := a.newFormDialog(tr.S("cleanup.title"), tr.S("cleanup.confirm"), msg, func() bool {
		a.runLong(tr.S("cleanup.title"), false, func(data.Progress) error {
			var err error
			plan, err = a.store.CleanUp(a.ctx)
			return err
		}, func(err error) {
			if err != nil {
				a.showError(err)
				return
			}
			a.dataChanged()
			a.showMessage(tr.S("cleanup.title"), tr.S("cleanup.done", "Count", plan.Total()))
		})
		return true
	})
	dlg.show(fyne.NewSize(560, 280), nil)
}

// settingCleanupYear is the year the owner was last asked about the
// clean-up.
const settingCleanupYear = "cleanup:asked_year"

// retentionCard is the Settings section with the retention periods that
// decide how long an erased client's records are kept.
func (s *settingsScreen) retentionCard() fyne.CanvasObject {
	a, tr := s.a, s.a.tr
	books, vouchers, letters := a.keys.newEntry(), a.keys.newEntry(), a.keys.newEntry()
	fm := newForm(tr)
	fm.add(tr.S("settings.retention.books"), "books_years", books)
	fm.add(tr.S("settings.retention.vouchers"), "vouchers_years", vouchers)
	fm.add(tr.S("settings.retention.letters"), "letters_years", letters)
	saved := widget.NewLabel("")
	saved.Importance = widget.SuccessImportance
	s.loadRetention = func() {
		r, _ := a.store.RetentionRules(a.ctx)
		books.SetText(strconv.Itoa(r.BooksYears))
		vouchers.SetText(strconv.Itoa(r.VouchersYears))
		letters.SetText(strconv.Itoa(r.LettersYears))
		fm.clear()
		saved.SetText("")
	}
	save := func() {
		fm.clear()
		num := func(e *entry) int {
			n, err := strconv.Atoi(strings.TrimSpace(e.Text))
			if err != nil {
				return -1
			}
			return n
		}
		r := data.RetentionRules{BooksYears: num(books), VouchersYears: num(vouchers), LettersYears: num(letters)}
		if err := a.store.SaveRetentionRules(a.ctx, r); err != nil {
			fm.show(err)
			return
		}
		saved.SetText(tr.S("settings.saved"))
	}
	btn := widget.NewButtonWithIcon(tr.S("action.save"), theme.DocumentSaveIcon(), save)
	return widget.NewCard(tr.S("settings.retention"), "",
		container.NewVBox(hintLabel(tr.S("settings.retention.hint")), fm.content(), buttonRow(saved, btn)))
}
