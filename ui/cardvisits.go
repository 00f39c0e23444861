package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/translations"
)

// recentVisits is how many visits the card lists.
const recentVisits = 8

// cardSummary is "10er-Karte: 3 of 10 left, valid until 31.03.2027".
func cardSummary(tr *translations.T, k data.Contract) string {
	return tr.S("visit.card.summary", "Name", k.ServiceName, "Left", k.Left(), "Total", k.Sessions, "Until", tr.Date(k.ValidUntil))
}

// visitsSection lists the client's last visits with what they counted
// against; today's can be taken back. Check-in and a cancellation or
// no-show are a button away.
func (cc *clientCard) visitsSection() fyne.CanvasObject {
	tr := cc.a.tr
	head := widget.NewLabelWithStyle(tr.S("visits.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	in := widget.NewButtonWithIcon(tr.S("visits.checkin.key"), theme.LoginIcon(), cc.onCheckIn)
	in.Importance = widget.HighImportance
	away := widget.NewButtonWithIcon(tr.S("visits.absence"), theme.CancelIcon(), cc.onAbsence)
	box := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(away, in), head))
	if len(cc.visits) == 0 {
		none := widget.NewLabel(tr.S("visits.none"))
		none.Importance = widget.LowImportance
		box.Add(none)
	}
	today := cc.a.store.Today()
	for _, v := range cc.visits {
		l := widget.NewLabel(visitLine(tr, v))
		l.Wrapping = fyne.TextWrapWord
		if !v.UndoneOn.IsZero() {
			l.Importance = widget.LowImportance
		}
		if v.UndoneOn.IsZero() && v.RecordedOn().Equal(today) {
			v := v
			undo := widget.NewButton(tr.S("visits.undo"), func() { cc.onUndoVisit(v) })
			box.Add(container.NewBorder(nil, nil, nil, undo, l))
			continue
		}
		box.Add(l)
	}
	return box
}

// visitLine writes one visit: when, how it ended, what it counted against.
func visitLine(tr *translations.T, v data.Visit) string {
	what := v.ContractName
	if v.Beyond != "" && v.Beyond != data.BeyondNewCard {
		what = tr.Enum("visit.state", v.Beyond)
	} else if v.Beyond == data.BeyondNewCard {
		what = v.ContractName + " (" + tr.Enum("visit.state", v.Beyond) + ")"
	}
	line := tr.S("visits.line", "Date", tr.Date(v.Day()), "Time", v.At.Format("15:04"),
		"Outcome", tr.Enum("visit.outcome", v.Outcome), "What", what)
	if v.StaffName != "" {
		line += " · " + v.StaffName
	}
	if v.Branch != "" {
		line += " · " + tr.S("visits.branch", "Name", v.Branch)
	}
	if !v.UndoneOn.IsZero() {
		line += " · " + tr.S("visits.undone", "Date", tr.Date(v.UndoneOn), "Reason", v.UndoneReason)
	}
	return line
}

// onCheckIn is Ctrl+K: it finds the contract the visit counts against and
// asks the counter to confirm; Enter does.
func (cc *clientCard) onCheckIn() {
	a := cc.a
	p, err := a.store.PlanCheckIn(a.ctx, cc.client.ID, 0, time.Time{})
	if err != nil {
		a.showError(err)
		return
	}
	if p.Contract == nil {
		cc.askBeyond(p)
		return
	}
	tr := a.tr
	lines := cc.checkInWarnings(p)
	what := p.Contract.ServiceName
	if p.Contract.IsCard() {
		what = cardSummary(tr, *p.Contract)
	}
	lines = append(lines, hintLabel(tr.S("checkin.counts", "What", what)))
	fd := a.newFormDialog(tr.S("checkin.title", "Name", cc.client.Name), tr.S("visits.checkin"), container.NewVBox(lines...),
		func() bool { return cc.checkIn(data.CheckIn{ClientID: cc.client.ID, Confirmed: p.AsksFirst()}) })
	fd.safe = p.AsksFirst() // a second visit, or a client not current: Enter never books it unseen
	fd.show(fyne.NewSize(520, 240), nil)
}

// checkInWarnings are what the counter must see before confirming: a
// client who is not a current one, a check-in a few minutes ago.
func (cc *clientCard) checkInWarnings(p data.CheckInPlan) []fyne.CanvasObject {
	tr := cc.a.tr
	var out []fyne.CanvasObject
	warn := func(text string) {
		l := hintLabel("⚠ " + text)
		l.Importance = widget.DangerImportance
		out = append(out, l)
	}
	switch p.Client.Status {
	case data.StatusDeclined:
		warn(tr.S("visit.client_declined", "Name", p.Client.Name))
	case data.StatusFormer:
		warn(tr.S("visit.client_former", "Name", p.Client.Name))
	}
	if p.Recent != nil {
		warn(tr.S("visit.repeat", "Time", p.Recent.At.Format("15:04")))
	}
	return out
}

// askBeyond asks what a visit no contract covers is: a single session
// charged, a new card, or goodwill. Nothing is chosen for the counter.
func (cc *clientCard) askBeyond(p data.CheckInPlan) {
	a, tr := cc.a, cc.a.tr
	lines := cc.checkInWarnings(p)
	lines = append(lines, hintLabel(tr.S("visit.beyond."+p.Beyond)+" "+tr.S("checkin.beyond.ask", "Price", tr.Money(p.SessionPrice))))
	choices := []data.Beyond{data.BeyondCharge, data.BeyondGoodwill}
	if len(p.Cards) > 0 {
		choices = []data.Beyond{data.BeyondCharge, data.BeyondNewCard, data.BeyondGoodwill}
	}
	var names []string
	for _, sv := range p.Cards {
		names = append(names, tr.S("checkin.card", "Name", sv.Name, "Price", tr.Money(sv.Price), "Sessions", sv.Sessions))
	}
	cards := newPick(names, nil)
	if len(names) > 0 {
		cards.SetSelectedIndex(0)
	}
	cards.Hide()
	choice := newChoice(tr, "visit.choice", choices, func(b data.Beyond) {
		if b == data.BeyondNewCard {
			cards.Show()
		} else {
			cards.Hide()
		}
	})
	fm := newForm(tr)
	fm.add(tr.S("checkin.beyond.choice"), "beyond", choice)
	fm.add("", "card", cards)
	content := container.NewVBox(append(lines, fm.content())...)
	var fd *formDialog
	onOK := func() bool {
		r := data.CheckIn{ClientID: cc.client.ID, Confirmed: p.AsksFirst(), Beyond: choice.value()}
		if r.Beyond == "" {
			fm.show(&data.Error{Code: data.CodeInvalid, Key: "visit.invalid",
				Fields: []data.FieldError{{Field: "beyond", Key: "visit.beyond.invalid"}}})
			return false
		}
		if i := cards.SelectedIndex(); r.Beyond == data.BeyondNewCard && i >= 0 {
			r.CardID = p.Cards[i].ID
		}
		studio := translations.New(a.store.StudioLanguage(a.ctx, tr.Lang())) // the studio's records, in its language
		day := a.store.Today()
		switch r.Beyond {
		case data.BeyondCharge:
			r.Text = studio.S("visit.charge.text", "Date", day)
		case data.BeyondGoodwill:
			r.Text = studio.S("visit.goodwill.text", "Date", day)
		}
		if !cc.checkIn(r) {
			return false
		}
		if r.Beyond == data.BeyondCharge || r.Beyond == data.BeyondNewCard {
			fd.then = cc.payNow // sold at the counter, paid at the counter
		}
		return true
	}
	fd = a.newFormDialog(tr.S("checkin.beyond.title", "Name", cc.client.Name), tr.S("visits.checkin"), content, onOK)
	fd.show(fyne.NewSize(560, 340), nil)
}

// checkIn stores the check-in and shows the client again; a problem is
// shown in a message and keeps the dialog open.
func (cc *clientCard) checkIn(r data.CheckIn) bool {
	if _, err := cc.a.store.CheckIn(cc.a.ctx, r); err != nil {
		cc.a.showError(err)
		return false
	}
	cc.afterSave("visits", "saved.checkin")()
	return true
}

// payNow takes the payment for what the check-in just sold: the open
// amount filled in, Enter saves, "Pay later" leaves it open; a saved
// payment offers its receipt.
func (cc *clientCard) payNow() {
	a, tr := cc.a, cc.a.tr
	b, err := a.store.BalanceOf(a.ctx, cc.client.ID)
	if err != nil {
		a.showError(err)
		return
	}
	open := b.Open - b.Credit
	if open <= 0 {
		return
	}
	d := a.newPaymentDialog(cc.client, open, a.store.RecordPayment, cc.afterSave("money", "saved.payment"))
	d.limit, d.later = open+paymentMargin, tr.S("checkin.pay_later")
	d.afterSave = func(p data.Payment) { a.offerReceipt(cc.client, p) }
	d.show(tr.S("payment.title", "Name", cc.client.Name), tr.S("payment.save"), tr.S("checkin.pay_now", "Open", tr.Money(open)))
}

// onAbsence records a session the client cancelled or missed: in time
// (more than the set hours ahead) it costs nothing; late or missed, a
// card's session, as the settings say.
func (cc *clientCard) onAbsence() {
	a, tr := cc.a, cc.a.tr
	when := a.keys.newEntry()
	when.SetPlaceHolder(tr.S("absence.time.hint"))
	kind := newChoice(tr, "absence.kind", []string{"cancelled", "no_show"}, nil)
	kind.set("cancelled")
	fm := newForm(tr)
	fm.add(tr.S("absence.time"), "time", when)
	fm.add(tr.S("absence.kind"), "kind", kind)
	onOK := func() bool {
		at, err := data.ParseVisitTime(when.Text, tr.Lang(), a.store.Now())
		if err != nil {
			fm.show(&data.Error{Code: data.CodeInvalid, Key: "visit.invalid", Fields: []data.FieldError{{Field: "time",
				Key: "visit.time.invalid", Args: map[string]any{"Text": when.Text}}}})
			return false
		}
		v, err := a.store.RecordAbsence(a.ctx, data.Absence{ClientID: cc.client.ID, At: at, NoShow: kind.value() == "no_show"})
		if err != nil {
			fm.show(err)
			return false
		}
		cc.reopen()
		a.showMessage(tr.S("absence.title"), tr.S("absence.done", "Outcome", tr.Enum("visit.outcome", v.Outcome)))
		return true
	}
	fd := a.newFormDialog(tr.S("absence.title"), tr.S("action.save"), fm.content(), onOK)
	fd.show(fyne.NewSize(520, 280), when)
}

// onUndoVisit takes back a visit recorded today by mistake, with a reason.
func (cc *clientCard) onUndoVisit(v data.Visit) {
	a, tr := cc.a, cc.a.tr
	reason := a.keys.newEntry()
	fm := newForm(tr)
	fm.add(tr.S("visits.undo.why"), "reason", reason)
	content := container.NewVBox(hintLabel(visitLine(tr, v)), fm.content())
	onOK := func() bool {
		if err := a.store.UndoVisit(a.ctx, v.ID, reason.Text); err != nil {
			fm.show(err)
			return false
		}
		cc.reopen()
		return true
	}
	fd := a.newFormDialog(tr.S("visits.undo.title"), tr.S("visits.undo"), content, onOK)
	fd.show(fyne.NewSize(520, 260), reason)
}
