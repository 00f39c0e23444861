package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// moneySection is the card's balance: what is open and overdue, credit,
// the open charges and the latest payments, with the actions beside them.
func (cc *clientCard) moneySection() fyne.CanvasObject {
	tr := cc.a.tr
	b := cc.balance
	head := widget.NewLabelWithStyle(tr.S("balance.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	pay := widget.NewButtonWithIcon(tr.S("payment.record"), theme.ConfirmIcon(), cc.onRecordPayment)
	pay.Importance = widget.HighImportance
	charge := widget.NewButtonWithIcon(tr.S("charge.add"), theme.ContentAddIcon(), cc.onAddCharge)
	actions := container.NewHBox(charge, pay)
	if b.Credit > 0 && cc.a.store.Allow(data.OpPayOut) == nil {
		actions.Objects = append([]fyne.CanvasObject{widget.NewButtonWithIcon(tr.S("payout.button"), theme.LogoutIcon(), func() {
			cc.a.openPayoutDialog(cc.client, b.Credit, cc.afterSave("money", "saved.payout"))
		})}, actions.Objects...)
	}
	box := container.NewVBox(container.NewBorder(nil, nil, nil, actions, head))

	summary := tr.S("balance.summary", "Open", tr.Money(b.Open), "Overdue", tr.Money(b.Overdue), "Credit", tr.Money(b.Credit))
	sum := widget.NewLabel(summary)
	sum.Wrapping = fyne.TextWrapWord
	if b.Overdue > 0 {
		sum.Importance = widget.DangerImportance
		sum.SetText("⚠ " + tr.S("badge.overdue") + " – " + summary)
	}
	box.Add(sum)
	if len(b.OpenCharges) > 0 {
		box.Add(chargeRow(widget.NewLabelWithStyle(tr.S("charge.col.due"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			widget.NewLabelWithStyle(tr.S("charge.col.what"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			widget.NewLabelWithStyle(tr.S("charge.col.open"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})))
		for _, c := range b.OpenCharges {
			what := widget.NewLabel(chargeText(cc.a, c))
			what.Truncation = fyne.TextTruncateEllipsis
			box.Add(chargeRow(widget.NewLabel(tr.Date(c.Due)), what,
				widget.NewLabelWithStyle(tr.Money(c.Open()), fyne.TextAlignTrailing, fyne.TextStyle{})))
		}
	}
	if len(cc.payments) > 0 {
		box.Add(widget.NewLabelWithStyle(tr.S("payments.recent"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, p := range cc.payments {
			box.Add(cc.paymentRow(p))
		}
	}
	return box
}

// chargeRow lays out one line of the open charges: the due date and the
// amount in fixed columns, the description taking the rest.
func chargeRow(due, what, amount *widget.Label) fyne.CanvasObject {
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(110, due.MinSize().Height), due),
		container.NewGridWrap(fyne.NewSize(120, amount.MinSize().Height), amount), what)
}

// chargeText says what a charge is for: the service and its period, or
// the description of a one-off charge.
func chargeText(a *App, c data.Charge) string {
	if c.PeriodStart.IsZero() {
		return c.Description
	}
	return fmt.Sprintf("%s %s–%s", c.Description, a.tr.Date(c.PeriodStart), a.tr.Date(c.PeriodEnd))
}

func (cc *clientCard) paymentRow(p data.Payment) fyne.CanvasObject {
	tr := cc.a.tr
	text := tr.S("payment.line", "Date", tr.Date(p.ReceivedOn), "Amount", tr.Money(p.Amount), "Method", tr.Enum("payment.method", p.Method))
	switch {
	case p.IsPayout():
		text = tr.S("payout.line", "Date", tr.Date(p.ReceivedOn), "Amount", tr.Money(-p.Amount), "Method", tr.Enum("payment.method", p.Method))
		if p.Note != "" {
			text += " · " + p.Note
		}
	case p.Reverses != 0:
		text += " · " + tr.S("payment.reversal_of", "ID", p.Reverses, "Reason", p.Note)
	case p.ReversedBy != 0:
		text += " · " + tr.S("payment.reversed")
	case p.Note != "":
		text += " · " + p.Note
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	if p.Reverses != 0 || p.ReversedBy != 0 {
		l.Importance = widget.LowImportance
	}
	if p.Reverses != 0 || p.ReversedBy != 0 || p.IsPayout() {
		return l
	}
	rev := widget.NewButtonWithIcon(cc.a.tr.S("icon.reverse"), theme.ContentUndoIcon(), func() { cc.a.openReverseDialog(p, cc.reopen) })
	receipt := widget.NewButtonWithIcon(cc.a.tr.S("icon.receipt"), theme.DocumentPrintIcon(), func() {
		cc.a.issueLetter(data.DocReceipt, p.ID, cc.client)
	})
	if cc.a.store.Allow(data.OpReversePayment) != nil {
		return container.NewBorder(nil, nil, nil, receipt, l) // reversing is the owner's
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(receipt, rev), l)
}

func (cc *clientCard) onRecordPayment() {
	cc.a.openPaymentDialog(cc.client, cc.balance.Open-cc.balance.Credit, cc.afterSave("money", "saved.payment"))
}

func (cc *clientCard) onAddCharge() {
	cc.a.openChargeDialog(cc.client, cc.contracts, cc.afterSave("money", "saved.charge"))
}

// paymentDialog records money received, or pays credit out. It opens
// with the amount filled in, today's date and cash, so the usual case is:
// type, Enter.
type paymentDialog struct {
	a      *App
	client data.Client
	form   *form
	amount *entry
	date   *entry
	note   *entry
	method *choice[data.PaymentMethod]
	dlg    *formDialog
	limit  data.Money // above it, the counter is asked whether the amount is right
	later  string     // the dismiss button's text; "" is Cancel
	// afterSave, if set, runs with the saved payment once the dialog closed
	afterSave func(data.Payment)
	record    func(context.Context, data.Payment) (data.Payment, error)
	onSave    func()
}

func (a *App) openPaymentDialog(c data.Client, open data.Money, onSave func()) *paymentDialog {
	tr := a.tr
	d := a.newPaymentDialog(c, open, a.store.RecordPayment, onSave)
	d.limit = max(open, 0) + paymentMargin
	d.show(tr.S("payment.title", "Name", c.Name), tr.S("payment.save"), tr.S("payment.hint", "Open", tr.Money(max(open, 0))))
	return d
}

// openPayoutDialog pays a client's credit back, the whole of it unless
// the counter types less.
func (a *App) openPayoutDialog(c data.Client, credit data.Money, onSave func()) *paymentDialog {
	tr := a.tr
	d := a.newPaymentDialog(c, credit, a.store.PayOutCredit, onSave)
	d.limit = credit // more is refused anyway
	d.show(tr.S("payout.title", "Name", c.Name), tr.S("payout.save"), tr.S("payout.hint", "Credit", tr.Money(credit)))
	return d
}

func (a *App) newPaymentDialog(c data.Client, amount data.Money, record func(context.Context, data.Payment) (data.Payment, error),
	onSave func()) *paymentDialog {
	tr := a.tr
	d := &paymentDialog{a: a, client: c, form: newForm(tr), amount: a.keys.newAmountEntry(), date: a.keys.newEntry(),
		note: a.keys.newEntry(), record: record, onSave: onSave}
	if amount > 0 {
		d.amount.SetText(amount.Plain(tr.Lang()))
	}
	d.date.SetText(a.store.Today().Format(tr.Lang()))
	d.date.SetPlaceHolder(datePlaceholder(tr))
	d.method = newChoice(tr, "payment.method", data.PaymentMethods, nil)
	d.method.set(data.MethodCash)
	d.form.add(tr.S("payment.field.amount"), "amount", d.amount)
	d.form.add(tr.S("payment.field.method"), "method", d.method)
	d.form.add(tr.S("payment.field.received_on"), "received_on", d.date)
	d.form.add(tr.S("payment.field.note"), "note", d.note)
	return d
}

func (d *paymentDialog) show(title, save, hintText string) {
	hint := widget.NewLabel(hintText)
	hint.Wrapping = fyne.TextWrapWord
	d.dlg = d.a.newFormDialog(title, save, container.NewVBox(hint, d.form.content()), d.onConfirm)
	d.dlg.cancelText = d.later
	d.dlg.show(fyne.NewSize(480, 360), d.amount) // the amount is selected: typing replaces it
}

func (d *paymentDialog) onConfirm() bool {
	tr := d.a.tr
	bad := map[string]string{}
	p := data.Payment{ClientID: d.client.ID, Method: d.method.value(), Note: d.note.Text}
	if m, err := moneyField(tr, d.amount.Text); err != nil {
		bad["amount"] = tr.Err(err)
	} else {
		p.Amount = m
	}
	if day, err := dateField(tr, d.date.Text); err != nil {
		bad["received_on"] = tr.Err(err)
	} else {
		p.ReceivedOn = day
	}
	if len(bad) > 0 {
		d.form.showProblems(nil, bad)
		return false
	}
	if err := p.Validate(d.a.store.Today()); err != nil {
		d.form.show(err)
		return false
	}
	if !d.dlg.plausible(p.Amount, d.limit) {
		return false
	}
	saved, err := d.record(d.a.ctx, p)
	if err != nil {
		d.form.show(err)
		return false
	}
	d.onSave()
	if d.afterSave != nil {
		d.dlg.then = func() { d.afterSave(saved) }
	}
	return true
}

// offerReceipt asks, after a payment at the counter, whether the client
// wants a receipt; Enter prints it.
func (a *App) offerReceipt(c data.Client, p data.Payment) {
	tr := a.tr
	q := a.newFormDialog(tr.S("receipt.ask.title"), tr.S("receipt.ask.yes"),
		hintLabel(tr.S("receipt.ask", "Amount", tr.Money(p.Amount))), func() bool { return true })
	q.cancelText = tr.S("receipt.ask.no")
	q.then = func() { a.issueLetter(data.DocReceipt, p.ID, c) }
	q.show(fyne.NewSize(420, 200), nil)
}

// openReverseDialog takes a payment back, with a reason.
func (a *App) openReverseDialog(p data.Payment, onSave func()) {
	tr := a.tr
	fm := newForm(tr)
	reason := a.keys.newEntry()
	fm.add(tr.S("payment.field.reason"), "reason", reason)
	intro := widget.NewLabel(tr.S("payment.reverse.intro", "Amount", tr.Money(p.Amount), "Date", tr.Date(p.ReceivedOn)))
	intro.Wrapping = fyne.TextWrapWord
	dlg := a.newFormDialog(tr.S("payment.reverse.title"), tr.S("payment.reverse.confirm"), container.NewVBox(intro, fm.content()),
		func() bool {
			if _, err := a.store.ReversePayment(a.ctx, p.ID, reason.Text); err != nil {
				fm.show(err)
				return false
			}
			onSave()
			return true
		})
	dlg.show(fyne.NewSize(480, 260), reason)
}

// openChargeDialog bills a one-off extra.
func (a *App) openChargeDialog(c data.Client, contracts []data.Contract, onSave func()) {
	tr := a.tr
	fm := newForm(tr)
	desc, amount, due := a.keys.newEntry(), a.keys.newAmountEntry(), a.keys.newEntry()
	due.SetText(a.store.Today().Format(tr.Lang()))
	due.SetPlaceHolder(datePlaceholder(tr))
	names := []string{tr.S("charge.no_contract")}
	ids := []int64{0}
	for _, k := range contracts {
		if !k.Over(a.store.Today()) {
			names = append(names, k.ServiceName)
			ids = append(ids, k.ID)
		}
	}
	contract := newPick(names, nil)
	contract.SetSelectedIndex(0)
	fm.add(tr.S("charge.field.description"), "description", desc)
	fm.add(tr.S("charge.field.amount"), "amount", amount)
	fm.add(tr.S("charge.field.due"), "due", due)
	fm.add(tr.S("charge.field.contract"), "contract", contract)
	var dlg *formDialog
	onOK := func() bool {
		oc := data.OneOffCharge{ClientID: c.ID, Description: desc.Text, ContractID: ids[max(contract.SelectedIndex(), 0)]}
		bad := map[string]string{}
		if m, err := moneyField(tr, amount.Text); err != nil {
			bad["amount"] = tr.Err(err)
		} else {
			oc.Amount = m
		}
		if d, err := dateField(tr, due.Text); err != nil {
			bad["due"] = tr.Err(err)
		} else {
			oc.Due = d
		}
		if len(bad) > 0 {
			fm.showProblems(nil, bad)
			return false
		}
		if oc.Amount > 0 && !dlg.plausible(oc.Amount, chargeLimit) {
			return false
		}
		if _, err := a.store.AddCharge(a.ctx, oc); err != nil {
			fm.show(err)
			return false
		}
		onSave()
		return true
	}
	dlg = a.newFormDialog(tr.S("charge.title", "Name", c.Name), tr.S("action.save"), fm.content(), onOK)
	dlg.show(fyne.NewSize(520, 320), desc)
}

// openPauseDialog pauses a contract for a while.
func (a *App) openPauseDialog(k data.Contract, onSave func()) {
	tr := a.tr
	fm := newForm(tr)
	from, to, reason := a.keys.newEntry(), a.keys.newEntry(), a.keys.newEntry()
	from.SetPlaceHolder(datePlaceholder(tr))
	to.SetPlaceHolder(datePlaceholder(tr))
	move := newTick(tr.S("pause.field.move_term"), nil)
	fm.add(tr.S("pause.field.from"), "from", from)
	fm.add(tr.S("pause.field.to"), "to", to)
	fm.add(tr.S("pause.field.reason"), "reason", reason)
	fm.add("", "move", move)
	intro := widget.NewLabel(tr.S("pause.intro", "Service", k.ServiceName))
	intro.Wrapping = fyne.TextWrapWord
	onOK := func() bool {
		bad := map[string]string{}
		f, errF := dateField(tr, from.Text)
		if errF != nil {
			bad["from"] = tr.Err(errF)
		}
		t, errT := dateField(tr, to.Text)
		if errT != nil {
			bad["to"] = tr.Err(errT)
		}
		if len(bad) > 0 {
			fm.showProblems(nil, bad)
			return false
		}
		if _, err := a.store.PauseContract(a.ctx, k.ID, f, t, reason.Text, move.Checked); err != nil {
			fm.show(err)
			return false
		}
		onSave()
		return true
	}
	dlg := a.newFormDialog(tr.S("pause.title"), tr.S("action.save"), container.NewVBox(intro, fm.content()), onOK)
	dlg.show(fyne.NewSize(520, 340), from)
}
