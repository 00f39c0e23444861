package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// debitSettings are the studio's direct debit settings on the screen.
type debitSettings struct {
	creditor, iban, bic, lead, notice *entry
	passFee                           *widget.Check
	form                              *form
	saved                             *widget.Label
}

// debitCard holds the studio as creditor of its SEPA direct debits.
func (s *settingsScreen) debitCard() fyne.CanvasObject {
	a, tr := s.a, s.a.tr
	k := a.keys
	d := &debitSettings{creditor: k.newEntry(), iban: k.newEntry(), bic: k.newEntry(), lead: k.newEntry(), notice: k.newEntry(),
		form: newForm(tr), saved: widget.NewLabel(""), passFee: widget.NewCheck(tr.S("debit.field.pass_fee"), nil)}
	s.debit = d
	d.creditor.SetPlaceHolder("DE98ZZZ09999999999")
	d.form.add(tr.S("debit.field.creditor_id"), "creditor_id", d.creditor)
	d.form.add(tr.S("debit.field.iban"), "iban", d.iban)
	d.form.add(tr.S("debit.field.bic"), "bic", d.bic)
	d.form.add(tr.S("debit.field.lead_days"), "lead_days", d.lead)
	d.form.add(tr.S("debit.field.notice_days"), "notice_days", d.notice)
	d.form.add("", "pass_fee", d.passFee)
	d.saved.Importance = widget.SuccessImportance
	save := widget.NewButtonWithIcon(tr.S("action.save"), theme.DocumentSaveIcon(), s.onSaveDebit)
	return settingsCard(tr.S("settings.debit"), tr.S("settings.debit.hint"),
		container.NewVBox(d.form.content(), buttonRow(d.saved, save)))
}

// loadDebit shows the direct debit settings as stored.
func (s *settingsScreen) loadDebit() {
	d := s.debit
	d.form.clear()
	d.saved.SetText("")
	c, err := s.a.store.Creditor(s.a.ctx)
	if err != nil {
		s.a.showError(err)
		return
	}
	d.creditor.SetText(c.ID)
	d.iban.SetText(data.FormatIBAN(c.IBAN))
	d.bic.SetText(c.BIC)
	d.lead.SetText(strconv.Itoa(c.LeadDays))
	d.notice.SetText(strconv.Itoa(c.NoticeDays))
	d.passFee.SetChecked(c.PassFee)
}

// onSaveDebit checks and stores the direct debit settings; each problem
// shows beside its field.
func (s *settingsScreen) onSaveDebit() {
	d := s.debit
	d.form.clear()
	d.saved.SetText("")
	c := data.Creditor{ID: d.creditor.Text, IBAN: d.iban.Text, BIC: d.bic.Text, LeadDays: intField(d.lead.Text),
		NoticeDays: intField(d.notice.Text), PassFee: d.passFee.Checked}
	c, err := s.st().SaveCreditor(s.a.ctx, c)
	if err != nil {
		s.changed(err, d.form.show)
		return
	}
	d.creditor.SetText(c.ID)
	d.iban.SetText(data.FormatIBAN(c.IBAN))
	d.bic.SetText(c.BIC)
	d.saved.SetText(s.a.tr.S("settings.saved"))
}
