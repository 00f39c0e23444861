package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// contractForm is the dialog to make or change a contract. Choosing a
// service fills in its defaults; every field stays editable, and the
// consumer-law warnings and computed dates follow each change.
type contractForm struct {
	a        *App
	orig     data.Contract
	services []data.Service
	form     *form
	dlg      *formDialog
	onSave   func()

	service                             *pick
	price, start, minTerm, notice, note *entry
	renewMonths                         *entry
	billing                             *choice[data.Billing]
	unit                                *choice[data.NoticeUnit]
	renewal                             *choice[data.Renewal]
	concluded                           *choice[data.Concluded]
	early                               *widget.Check
	debit                               *widget.Check
	preview, warnings                   *widget.Label
}

// openContractForm shows the contract form; onSave runs after storing.
func (a *App) openContractForm(k data.Contract, onSave func()) *contractForm {
	services, err := a.store.Services(a.ctx, false)
	if err != nil {
		a.showError(err)
		return nil
	}
	tr := a.tr
	f := &contractForm{a: a, orig: k, services: services, form: newForm(tr), onSave: onSave}
	var names []string
	for _, sv := range services {
		names = append(names, sv.Name)
	}
	f.service = newPick(names, f.onServiceChosen)
	f.service.PlaceHolder = tr.S("contract.service.placeholder")
	f.price, f.start, f.minTerm = a.keys.newAmountEntry(), a.keys.newEntry(), a.keys.newEntry()
	f.notice, f.renewMonths, f.note = a.keys.newEntry(), a.keys.newEntry(), a.keys.newEntry()
	f.start.SetPlaceHolder(datePlaceholder(tr))
	f.billing = newChoice(tr, "billing", data.Billings, func(data.Billing) { f.update() })
	f.unit = newChoice(tr, "notice.unit", data.NoticeUnits, func(data.NoticeUnit) { f.update() })
	f.renewal = newChoice(tr, "renewal", data.Renewals, func(data.Renewal) { f.update() })
	f.concluded = newChoice(tr, "contract.concluded", data.ConcludedKinds, func(data.Concluded) { f.update() })
	f.concluded.set(data.ConcludedStudio)
	f.early = widget.NewCheck(tr.S("contract.early_start"), func(bool) { f.update() })
	f.debit = widget.NewCheck(tr.S("contract.direct_debit"), nil)
	for _, e := range []*entry{f.price, f.start, f.minTerm, f.notice, f.renewMonths} {
		e.OnChanged = func(string) { f.update() }
	}
	f.preview = widget.NewLabel("")
	f.preview.Wrapping = fyne.TextWrapWord
	f.warnings = widget.NewLabel("")
	f.warnings.Importance = widget.WarningImportance
	f.warnings.Wrapping = fyne.TextWrapWord

	f.form.add(tr.S("contract.field.service"), "service", f.service)
	f.form.add(tr.S("contract.field.price"), "price", f.price)
	f.form.add(tr.S("contract.field.billing"), "billing", f.billing)
	f.form.add(tr.S("contract.field.start"), "start", f.start)
	f.form.add(tr.S("contract.field.min_term"), "min_term", f.minTerm)
	f.form.add(tr.S("contract.field.notice"), "notice", container.NewGridWithColumns(2, f.notice, f.unit.pick))
	f.form.add(tr.S("contract.field.renewal"), "renewal", f.renewal)
	f.form.add(tr.S("contract.field.renewal_months"), "renewal_months", f.renewMonths)
	f.form.add(tr.S("contract.concluded"), "concluded", f.concluded)
	f.form.add("", "early_start", f.early)
	f.form.add("", "direct_debit", f.debit)
	f.form.add(tr.S("contract.field.note"), "note", f.note)
	f.fill(k)

	title := tr.S("contract.form.new")
	if k.ID != 0 {
		title = tr.S("contract.form.edit")
	}
	content := container.NewVBox(f.form.content(), widget.NewSeparator(), f.preview, f.warnings)
	f.dlg = a.newFormDialog(title, tr.S("action.save"), content, f.onConfirm)
	var first fyne.Focusable = f.price
	if k.ServiceID == 0 {
		first = f.service
	}
	f.dlg.show(fyne.NewSize(620, 620), first)
	return f
}

func (f *contractForm) fill(k data.Contract) {
	lang := f.a.tr.Lang()
	for _, sv := range f.services {
		if sv.ID == k.ServiceID {
			f.service.SetSelected(sv.Name) // fills the defaults first …
		}
	}
	if k.ID == 0 && k.ServiceID == 0 {
		f.start.SetText(k.Start.Format(lang))
		f.update()
		return
	}
	// … then the contract's own values win.
	f.price.SetText(k.Price.Plain(lang))
	f.start.SetText(k.Start.Format(lang))
	f.fillTerms(k.Terms)
	f.note.SetText(k.Note)
	if k.Concluded != "" {
		f.concluded.set(k.Concluded)
	}
	f.early.SetChecked(k.EarlyStart)
	f.debit.SetChecked(k.DirectDebit)
	f.update()
}

func (f *contractForm) fillTerms(t data.Terms) {
	f.billing.set(t.Billing)
	f.minTerm.SetText(strconv.Itoa(t.MinTermMonths))
	f.notice.SetText(strconv.Itoa(t.Notice.N))
	f.unit.set(t.Notice.Unit)
	f.renewal.set(t.Renewal)
	f.renewMonths.SetText("")
	if t.RenewalMonths > 0 {
		f.renewMonths.SetText(strconv.Itoa(t.RenewalMonths))
	}
}

// onServiceChosen fills in the service's price and terms.
func (f *contractForm) onServiceChosen(name string) {
	for _, sv := range f.services {
		if sv.Name == name {
			f.price.SetText(sv.Price.Plain(f.a.tr.Lang()))
			f.fillTerms(sv.Terms)
		}
	}
	f.update()
}

func (f *contractForm) chosenService() int64 {
	for _, sv := range f.services {
		if sv.Name == f.service.Selected {
			return sv.ID
		}
	}
	return 0
}

// collect reads the widgets into a contract, noting input that cannot be read.
func (f *contractForm) collect() (data.Contract, map[string]string) {
	tr := f.a.tr
	bad := map[string]string{}
	k := f.orig
	k.ServiceID = f.chosenService()
	if p, err := moneyField(tr, f.price.Text); err != nil {
		bad["price"] = tr.Err(err)
	} else {
		k.Price = p
	}
	if d, err := dateField(tr, f.start.Text); err != nil {
		bad["start"] = tr.Err(err)
	} else {
		k.Start = d
	}
	k.Billing = f.billing.value()
	k.MinTermMonths = intField(f.minTerm.Text)
	k.Notice = data.Notice{N: intField(f.notice.Text), Unit: f.unit.value()}
	k.Renewal = f.renewal.value()
	k.RenewalMonths = 0
	if k.Renewal == data.RenewFixed {
		k.RenewalMonths = intField(f.renewMonths.Text)
	}
	k.Note = f.note.Text
	k.Concluded = f.concluded.value()
	k.EarlyStart = k.Withdrawable() && f.early.Checked
	k.DirectDebit = f.debit.Checked
	if k.ID == 0 {
		k.CreatedAt = f.a.store.Now().UTC().Format(time.RFC3339) // concluded today, when saved
	}
	return k, bad
}

// update shows the computed dates, and the terms the law would make void,
// for what is typed now.
func (f *contractForm) update() {
	if f.preview == nil {
		return
	}
	tr := f.a.tr
	if f.renewal.value() == data.RenewFixed {
		f.renewMonths.Enable()
	} else {
		f.renewMonths.Disable()
	}
	k, bad := f.collect()
	if k.Withdrawable() {
		f.early.Enable()
	} else {
		f.early.Disable()
	}
	var lines []string
	for _, v := range k.Void() {
		lines = append(lines, "⛔ "+tr.S(v.Key))
	}
	f.warnings.SetText(strings.Join(lines, "\n"))
	f.warnings.Hidden = len(lines) == 0
	f.warnings.Refresh()
	if len(bad) > 0 || k.Validate() != nil {
		f.preview.SetText(tr.S("contract.preview.incomplete"))
		return
	}
	today := f.a.store.Today()
	f.preview.SetText(tr.S("contract.preview", "MinEnd", tr.Date(k.MinTermEnd()),
		"Deadline", tr.Date(k.NoticeDeadline()), "Earliest", tr.Date(k.EarliestEnd(today))))
	if k.Withdrawable() {
		f.preview.SetText(f.preview.Text + "\n" + withdrawalNote(tr, k, today))
	}
	if f.orig.ID != 0 && k.Price != f.orig.Price {
		if from, err := f.a.store.PriceChangeDate(f.a.ctx, f.orig); err == nil {
			f.preview.SetText(f.preview.Text + "\n" + tr.S("contract.price_from", "Date", tr.Date(from)))
		}
	}
}

func (f *contractForm) onConfirm() bool {
	k, bad := f.collect()
	if len(bad) > 0 {
		f.form.showProblems(k.Validate(), bad)
		return false
	}
	if err := k.Validate(); err != nil {
		f.form.show(err)
		return false
	}
	if !f.dlg.plausible(k.Price, f.usualPrice(k.ServiceID)) {
		return false
	}
	var err error
	if k.ID == 0 {
		_, err = f.a.store.CreateContract(f.a.ctx, k)
	} else {
		_, err = f.a.store.UpdateContract(f.a.ctx, k)
	}
	if err != nil {
		f.form.show(err)
		f.a.offerReload(err, func() {
			f.dlg.d.Hide()
			if fresh, err := f.a.store.Contract(f.a.ctx, k.ID); err == nil {
				f.a.openContractForm(fresh, f.onSave)
			}
		})
		return false
	}
	if f.onSave != nil {
		f.onSave()
	}
	return true
}

// usualPrice is what a contract's price is asked about above: twice its
// service's list price, or priceLimit without one.
func (f *contractForm) usualPrice(serviceID int64) data.Money {
	for _, sv := range f.services {
		if sv.ID == serviceID && sv.Price > 0 {
			return 2 * sv.Price
		}
	}
	return priceLimit
}

// cancelDialog records a cancellation; it shows the computed end date
// before the user confirms.
type cancelDialog struct {
	a        *App
	contract data.Contract
	form     *form
	received *entry
	result   *widget.Label
	dlg      *formDialog
	onSave   func()
}

func (a *App) openCancelDialog(k data.Contract, onSave func()) *cancelDialog {
	tr := a.tr
	c := &cancelDialog{a: a, contract: k, form: newForm(tr), received: a.keys.newEntry(), result: widget.NewLabel(""), onSave: onSave}
	c.received.SetText(a.store.Today().Format(tr.Lang()))
	c.received.SetPlaceHolder(datePlaceholder(tr))
	c.result.TextStyle.Bold = true
	c.result.Wrapping = fyne.TextWrapWord
	c.received.OnChanged = c.onDateChanged
	c.onDateChanged(c.received.Text)
	intro := widget.NewLabel(tr.S("contract.cancel.intro", "Service", k.ServiceName, "Notice", noticeText(tr, k.Notice),
		"MinEnd", tr.Date(k.MinTermEnd())))
	intro.Wrapping = fyne.TextWrapWord
	c.form.add(tr.S("contract.field.received"), "received", c.received)
	c.dlg = a.newFormDialog(tr.S("contract.cancel.title"), tr.S("contract.cancel.confirm"),
		container.NewVBox(intro, c.form.content(), c.result), c.onConfirm)
	c.dlg.show(fyne.NewSize(520, 320), c.received)
	return c
}

// onDateChanged shows the end date the typed notice date leads to.
func (c *cancelDialog) onDateChanged(text string) {
	tr := c.a.tr
	d, err := dateField(tr, text)
	if err != nil || d.IsZero() {
		c.result.SetText(tr.S("contract.cancel.enter_date"))
		return
	}
	c.result.SetText(tr.S("contract.cancel.result", "Date", tr.Date(c.contract.EndFor(d))))
}

func (c *cancelDialog) onConfirm() bool {
	tr := c.a.tr
	c.form.clear()
	d, err := dateField(tr, c.received.Text)
	if err == nil && d.IsZero() {
		c.form.setError("received", tr.S("contract.received.required"))
		return false
	}
	if err != nil {
		c.form.setError("received", tr.Err(err))
		return false
	}
	if _, err := c.a.store.CancelContract(c.a.ctx, c.contract.ID, d); err != nil {
		c.form.show(err)
		return false
	}
	c.onSave()
	return true
}

// openWithdrawDialog records a client's withdrawal from a contract
// concluded off the premises or at a distance: the day it was received,
// then the contract is undone and the refund owed is shown on the card.
func (a *App) openWithdrawDialog(k data.Contract, client data.Client, onSave func()) {
	tr := a.tr
	fm := newForm(tr)
	received := a.keys.newEntry()
	received.SetText(a.store.Today().Format(tr.Lang()))
	received.SetPlaceHolder(datePlaceholder(tr))
	fm.add(tr.S("withdraw.field.received"), "received", received)
	hint := widget.NewLabel(tr.S("withdraw.hint", "Until", tr.Date(k.WithdrawalUntil())))
	hint.Wrapping = fyne.TextWrapWord
	dlg := a.newFormDialog(tr.S("withdraw.title", "Name", client.Name, "Service", k.ServiceName), tr.S("withdraw.save"),
		container.NewVBox(hint, fm.content()), func() bool {
			fm.clear()
			d, err := dateField(tr, received.Text)
			if err == nil && d.IsZero() {
				err = &data.Error{Code: data.CodeInvalid, Key: "contract.invalid", Fields: []data.FieldError{{Field: "received", Key: "contract.received.required"}}}
			}
			if err == nil {
				_, err = a.store.WithdrawContract(a.ctx, k.ID, d)
			}
			if err != nil {
				fm.show(err)
				return false
			}
			onSave()
			return true
		})
	dlg.show(fyne.NewSize(560, 320), received)
}
