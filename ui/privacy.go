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
	"studiopartner/data/sqlstore"
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
			for _, d := range plan.Documents {
				lines += "\n• " + reports.KeptLine(tr, d)
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
	a.runLong(a.tr.S("privacy.export"), false, func(sqlstore.Progress) error {
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
		a.runLong(tr.S("privacy.erase"), false, func(sqlstore.Progress) error {
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

// offerCleanUp asks the owner once a year, at start, to erase the former
// clients whose partnership ended the set months ago and to remove the
// records of erased clients whose retention has ended.
func (a *App) offerCleanUp() {
	if a.store.Allow(data.OpErase) != nil {
		return
	}
	year := strconv.Itoa(a.store.Today().Year())
	if asked, _ := a.store.Setting(a.ctx, settingCleanupYear); asked == year {
		return
	}
	if a.openCleanUp(false) != nil {
		a.store.SetSetting(a.ctx, settingCleanupYear, year) // asked once a year, whatever the answer
	}
}

// maxDueListed is how many clients due for erasure the clean-up names.
const maxDueListed = 12

// openCleanUp lists what the clean-up would do and does it when the owner
// confirms; with nothing to do it says so when always, and otherwise
// shows nothing. It returns the dialog, nil when none opened.
func (a *App) openCleanUp(always bool) *formDialog {
	tr := a.tr
	plan, err := a.store.Expired(a.ctx)
	if err != nil {
		a.showError(err)
		return nil
	}
	due, err := a.store.DueForErasure(a.ctx)
	if err != nil {
		a.showError(err)
		return nil
	}
	if plan.Total() == 0 && len(due) == 0 {
		if always {
			a.showMessage(tr.S("cleanup.title"), tr.S("cleanup.nothing"))
		}
		return nil
	}
	var lines []string
	if len(due) > 0 {
		months, _ := a.store.EraseAfterMonths(a.ctx)
		lines = append(lines, tr.N("cleanup.due", len(due), "Months", months))
		for _, c := range due[:min(len(due), maxDueListed)] {
			lines = append(lines, "• "+tr.S("cleanup.due.line", "ID", c.ID, "Name", c.Name, "Date", tr.Date(c.EndedOn)))
		}
		if len(due) > maxDueListed {
			lines = append(lines, tr.N("cleanup.due.more", len(due)-maxDueListed))
		}
	}
	if plan.Total() > 0 {
		lines = append(lines, tr.S("cleanup.ask", "Charges", plan.Charges, "Payments", plan.Payments, "Agreements", plan.Agreements,
			"Letters", plan.Letters))
	}
	msg := widget.NewLabel(strings.Join(lines, "\n"))
	msg.Wrapping = fyne.TextWrapWord
	dlg := a.newFormDialog(tr.S("cleanup.title"), tr.S("cleanup.confirm"), vscroll(msg), func() bool {
		erased := 0
		a.runLong(tr.S("cleanup.title"), false, func(sqlstore.Progress) error {
			var err error
			if erased, err = a.store.EraseDue(a.ctx); err != nil {
				return err
			}
			plan, err = a.store.CleanUp(a.ctx)
			return err
		}, func(err error) {
			if err != nil {
				a.showError(err)
				return
			}
			a.dataChanged()
			a.showMessage(tr.S("cleanup.title"), tr.S("cleanup.done.both", "Erased", erased, "Count", plan.Total()))
		})
		return true
	})
	dlg.show(fyne.NewSize(600, 420), nil)
	return dlg
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
	eraseAfter := a.keys.newEntry()
	fm.add(tr.S("settings.retention.erase_after"), "erase_after_months", eraseAfter)
	saved := widget.NewLabel("")
	saved.Importance = widget.SuccessImportance
	s.loadRetention = func() {
		r, _ := a.store.RetentionRules(a.ctx)
		books.SetText(strconv.Itoa(r.BooksYears))
		vouchers.SetText(strconv.Itoa(r.VouchersYears))
		letters.SetText(strconv.Itoa(r.LettersYears))
		months, _ := a.store.EraseAfterMonths(a.ctx)
		eraseAfter.SetText(strconv.Itoa(months))
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
		st := s.st()
		if err := st.SaveRetentionRules(a.ctx, r); err != nil {
			s.changed(err, fm.show)
			return
		}
		if err := st.SaveEraseAfterMonths(a.ctx, num(eraseAfter)); err != nil {
			s.changed(err, fm.show)
			return
		}
		saved.SetText(tr.S("settings.saved"))
	}
	btn := widget.NewButtonWithIcon(tr.S("action.save"), theme.DocumentSaveIcon(), save)
	check := widget.NewButton(tr.S("cleanup.open"), func() { a.openCleanUp(true) })
	return widget.NewCard(tr.S("settings.retention"), "",
		container.NewVBox(hintLabel(tr.S("settings.retention.hint")), fm.content(), buttonRow(saved, check, btn)))
}
