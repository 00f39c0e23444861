package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/translations"
)

// mandatesSection lists the client's SEPA direct debit mandates, the
// newest first: reference, state, holder and the account shortened; one
// in force can be revoked or given a new account.
func (cc *clientCard) mandatesSection() fyne.CanvasObject {
	tr := cc.a.tr
	head := widget.NewLabelWithStyle(tr.S("mandates.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	add := widget.NewButtonWithIcon(tr.S("mandate.add"), theme.ContentAddIcon(), cc.onAddMandate)
	buttons := container.NewHBox(add)
	if len(cc.mandates) > 0 {
		// amounts the agreement does not state are announced by letter
		notice := widget.NewButtonWithIcon(tr.S("docs.prenotice"), theme.MailSendIcon(), func() {
			cc.a.issueLetter(data.DocPreNotice, cc.client.ID, cc.client)
		})
		buttons = container.NewHBox(notice, add)
	}
	box := container.NewVBox(container.NewBorder(nil, nil, nil, buttons, head))
	if len(cc.mandates) == 0 {
		none := widget.NewLabel(tr.S("mandates.none"))
		none.Importance = widget.LowImportance
		box.Add(none)
	}
	today := cc.a.store.Today()
	for _, m := range cc.mandates {
		l := widget.NewLabel(mandateLine(tr, m, today))
		l.Wrapping = fyne.TextWrapWord
		if m.State(today) != data.MandateActive {
			l.Importance = widget.LowImportance
			box.Add(l)
			continue
		}
		m := m
		form := widget.NewButtonWithIcon(tr.S("mandate.form"), theme.DocumentPrintIcon(), func() {
			cc.a.issueLetter(data.DocMandate, m.ID, cc.client)
		})
		change := widget.NewButton(tr.S("mandate.change"), func() { cc.onChangeAccount(m) })
		revoke := widget.NewButton(tr.S("mandate.revoke"), func() { cc.onRevokeMandate(m) })
		box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(form, change, revoke), l))
	}
	return box
}

// mandateLine is "SP-000042-1 · active · recurrent · signed 01.11.2026 ·
// Jonas Brandt · DE•• … 3000".
func mandateLine(tr *translations.T, m data.Mandate, today data.Date) string {
	kind := tr.S("mandate.kind.recurrent")
	if m.Once {
		kind = tr.S("mandate.kind.once")
	}
	line := tr.S("mandate.line", "Reference", m.Reference, "State", tr.Enum("mandate.state", m.State(today)), "Kind", kind,
		"Signed", tr.Date(m.SignedOn), "Holder", m.HolderName(), "IBAN", data.MaskIBAN(m.IBAN))
	switch {
	case !m.RevokedOn.IsZero():
		line += " · " + tr.S("mandate.revoked_on", "Date", tr.Date(m.RevokedOn))
	case !m.LastCollected.IsZero():
		line += " · " + tr.S("mandate.last_collected", "Date", tr.Date(m.LastCollected))
	}
	if m.AmendedFrom != "" {
		line += " · " + tr.S("mandate.amended", "IBAN", data.MaskIBAN(m.AmendedFrom))
	}
	return line
}

// mandateFields are the entries of a new mandate.
type mandateFields struct {
	iban, bic, holder, town, country, signed, reference *entry
	once                                                *widget.Check
}

// onAddMandate records a mandate the client (or whoever holds the
// account) signed: signed today, recurrent and held by the client unless
// the form says otherwise; a reference is made if none is typed.
func (cc *clientCard) onAddMandate() {
	a, tr := cc.a, cc.a.tr
	k := a.keys
	f := mandateFields{iban: k.newEntry(), bic: k.newEntry(), holder: k.newEntry(), town: k.newEntry(), country: k.newEntry(),
		signed: k.newEntry(), reference: k.newEntry(), once: widget.NewCheck(tr.S("mandate.field.once"), nil)}
	f.signed.SetText(a.store.Today().Format(tr.Lang()))
	f.holder.SetPlaceHolder(cc.client.Name)
	f.reference.SetPlaceHolder(tr.S("mandate.reference.made"))
	fm := newForm(tr)
	fm.add(tr.S("mandate.field.iban"), "iban", f.iban)
	fm.add(tr.S("mandate.field.bic"), "bic", f.bic)
	fm.add(tr.S("mandate.field.holder"), "holder", f.holder)
	fm.add(tr.S("mandate.field.town"), "holder_town", f.town)
	fm.add(tr.S("mandate.field.country"), "holder_country", f.country)
	fm.add(tr.S("mandate.field.signed"), "signed_on", f.signed)
	fm.add(tr.S("mandate.field.reference"), "reference", f.reference)
	fm.add("", "once", f.once)
	content := container.NewVBox(hintLabel(tr.S("mandate.hint")), fm.content())
	fd := a.newFormDialog(tr.S("mandate.form.title", "Name", cc.client.Name), tr.S("action.save"), content, func() bool {
		m := data.Mandate{ClientID: cc.client.ID, IBAN: f.iban.Text, BIC: f.bic.Text, Holder: f.holder.Text, HolderTown: f.town.Text,
			HolderCountry: f.country.Text, Reference: f.reference.Text, Once: f.once.Checked}
		d, err := dateField(tr, f.signed.Text)
		if err != nil {
			fm.clear()
			fm.setError("signed_on", tr.Err(err))
			return false
		}
		m.SignedOn = d
		if _, err := a.store.AddMandate(a.ctx, m); err != nil {
			fm.show(err)
			return false
		}
		cc.afterSave("mandates", "saved.mandate")()
		return true
	})
	fd.show(fyne.NewSize(560, 520), f.iban)
}

// onChangeAccount gives a mandate a new account; the next collection
// tells the bank.
func (cc *clientCard) onChangeAccount(m data.Mandate) {
	a, tr := cc.a, cc.a.tr
	iban, bic := a.keys.newEntry(), a.keys.newEntry()
	fm := newForm(tr)
	fm.add(tr.S("mandate.field.iban"), "iban", iban)
	fm.add(tr.S("mandate.field.bic"), "bic", bic)
	content := container.NewVBox(hintLabel(tr.S("mandate.change.hint", "Reference", m.Reference, "IBAN", data.MaskIBAN(m.IBAN))),
		fm.content())
	fd := a.newFormDialog(tr.S("mandate.change.title"), tr.S("action.save"), content, func() bool {
		if _, err := a.store.ChangeMandateAccount(a.ctx, m.ID, iban.Text, bic.Text); err != nil {
			fm.show(err)
			return false
		}
		cc.afterSave("mandates", "saved.mandate.account")()
		return true
	})
	fd.show(fyne.NewSize(520, 300), iban)
}

// onRevokeMandate ends a mandate as of a day (today unless typed) and
// notes why.
func (cc *clientCard) onRevokeMandate(m data.Mandate) {
	a, tr := cc.a, cc.a.tr
	on, why := a.keys.newEntry(), a.keys.newEntry()
	on.SetText(a.store.Today().Format(tr.Lang()))
	fm := newForm(tr)
	fm.add(tr.S("mandate.field.revoked_on"), "revoked_on", on)
	fm.add(tr.S("mandate.field.why"), "why", why)
	content := container.NewVBox(hintLabel(tr.S("mandate.revoke.hint", "Reference", m.Reference)), fm.content())
	fd := a.newFormDialog(tr.S("mandate.revoke.title"), tr.S("mandate.revoke"), content, func() bool {
		d, err := dateField(tr, on.Text)
		if err != nil {
			fm.clear()
			fm.setError("revoked_on", tr.Err(err))
			return false
		}
		if _, err := a.store.RevokeMandate(a.ctx, m.ID, d, why.Text); err != nil {
			fm.show(err)
			return false
		}
		cc.afterSave("mandates", "saved.mandate.revoked")()
		return true
	})
	fd.show(fyne.NewSize(520, 300), why)
}
