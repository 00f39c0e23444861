package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// demandForm records a new demand: what the client asked for, as if owed.
type demandForm struct {
	a                             *App
	client                        data.Client
	form                          *form
	raised, asked, claimed, words *entry
	contract                      *pick
	contractIDs                   []int64
	dlg                           *formDialog
	onSave                        func()
}

func (a *App) openNewDemandDialog(c data.Client, contracts []data.Contract, onSave func()) *demandForm {
	tr := a.tr
	f := &demandForm{a: a, client: c, form: newForm(tr), raised: a.keys.newEntry(), asked: a.keys.newEntry(),
		claimed: a.keys.newAmountEntry(), words: a.keys.newMultiEntry(2), onSave: onSave}
	f.raised.SetText(a.store.Today().Format(tr.Lang()))
	f.raised.SetPlaceHolder(datePlaceholder(tr))
	names := []string{tr.S("charge.no_contract")}
	f.contractIDs = []int64{0}
	for _, k := range contracts {
		if !k.Over(a.store.Today()) {
			names = append(names, k.ServiceName)
			f.contractIDs = append(f.contractIDs, k.ID)
		}
	}
	f.contract = newPick(names, nil)
	f.contract.SetSelectedIndex(0)
	f.form.add(tr.S("demand.field.asked"), "asked", f.asked)
	f.form.add(tr.S("demand.field.claimed"), "claimed", f.claimed)
	f.form.add(tr.S("demand.field.words"), "client_words", f.words)
	f.form.add(tr.S("demand.field.contract"), "contract", f.contract)
	f.form.add(tr.S("demand.field.raised_on"), "raised_on", f.raised)
	hint := widget.NewLabel(tr.S("demand.hint"))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	f.dlg = a.newFormDialog(tr.S("demand.form.new", "Name", c.Name), tr.S("action.save"), container.NewVBox(hint, f.form.content()), f.onConfirm)
	f.dlg.show(fyne.NewSize(600, 460), f.asked)
	return f
}

func (f *demandForm) onConfirm() bool {
	tr := f.a.tr
	d := data.Demand{ClientID: f.client.ID, Asked: f.asked.Text, ClientWords: f.words.Text,
		ContractID: f.contractIDs[max(f.contract.SelectedIndex(), 0)]}
	bad := map[string]string{}
	if f.claimed.Text != "" {
		if m, err := moneyField(tr, f.claimed.Text); err != nil {
			bad["claimed"] = tr.Err(err)
		} else {
			d.Claimed = m
		}
	}
	if day, err := dateField(tr, f.raised.Text); err != nil {
		bad["raised_on"] = tr.Err(err)
	} else {
		d.RaisedOn = day
	}
	if len(bad) > 0 {
		f.form.showProblems(d.Validate(f.a.store.Today()), bad)
		return false
	}
	if !f.dlg.plausible(d.Claimed, f.a.usualMonth(f.client.ID)) {
		return false
	}
	if _, err := f.a.store.RaiseDemand(f.a.ctx, d); err != nil {
		f.form.show(err)
		return false
	}
	f.onSave()
	return true
}

// openDemandDialog shows a demand, its history and its possible next
// steps, each of which opens its own small form.
func (a *App) openDemandDialog(d data.Demand, onSave func()) {
	tr := a.tr
	info := widget.NewLabel(demandLine(tr, d))
	info.Wrapping = fyne.TextWrapWord
	info.TextStyle.Bold = true
	box := container.NewVBox(info)
	if d.ClientWords != "" {
		words := widget.NewLabel(tr.S("demand.words", "Words", d.ClientWords))
		words.Wrapping = fyne.TextWrapWord
		box.Add(words)
	}
	if steps, err := a.store.DemandSteps(a.ctx, d.ID); err == nil {
		for _, st := range steps {
			l := widget.NewLabel(tr.S("demand.step", "Date", st.OnDay, "From", tr.Enum("demand.status", st.From),
				"To", tr.Enum("demand.status", st.To), "Who", orDash(st.Staff), "Note", st.Note))
			l.Wrapping = fyne.TextWrapWord
			l.Importance = widget.LowImportance
			box.Add(l)
		}
	}
	dl := a.openDialog(tr.S("demand.form.decide", "Name", d.ClientName), vscroll(box), fyne.NewSize(620, 420))
	var buttons []fyne.CanvasObject
	for _, next := range data.NextSteps(d.Status) {
		next := next
		b := newButton(tr.S("demand.action."+string(next)), func() {
			dl.Hide()
			a.openDemandStep(d, next, onSave)
		})
		if next == data.DemandGranted {
			b.Importance = widget.HighImportance
		}
		buttons = append(buttons, b)
	}
	if len(buttons) == 0 {
		done := widget.NewLabel(tr.S("demand.next." + string(d.Status)))
		done.Wrapping = fyne.TextWrapWord
		box.Add(done)
	}
	closeBtn := newButton(tr.S("action.close"), dl.Hide)
	buttons = append([]fyne.CanvasObject{closeBtn}, buttons...)
	a.setButtons(dl, buttons...)
	dl.Show()
	a.win.Canvas().Focus(closeBtn) // the keys reach the dialog; Tab goes on to the steps
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// openDemandStep asks what one step needs and takes it: goodwill for a
// grant or a write-off, an amount and due date for a bill, a note for a
// decline or a dispute, the way a dispute ended for a settlement.
func (a *App) openDemandStep(d data.Demand, to data.DemandStatus, onSave func()) *demandStep {
	tr := a.tr
	s := &demandStep{a: a, demand: d, to: to, form: newForm(tr), note: a.keys.newEntry(), amount: a.keys.newAmountEntry(),
		due: a.keys.newEntry(), onSave: onSave}
	client := data.Client{ID: d.ClientID, Name: d.ClientName}
	gift := data.Goodwill{GivenOn: a.store.Today(), Category: data.CatOther, Description: d.Asked, Value: d.Claimed, GivenBy: a.store.Actor()}
	focus := fyne.Focusable(s.note)
	switch to {
	case data.DemandGranted:
		s.gift = a.newGoodwillFields(client, gift)
		s.gift.addTo(s.form)
		focus = s.gift.description
	case data.DemandOwed:
		hint := widget.NewLabel(tr.S("demand.owed.hint"))
		hint.Wrapping = fyne.TextWrapWord
		s.form.add("", "hint", hint)
		s.owed = a.newOwedFields(data.Owed{Description: d.Asked, Value: d.Claimed})
		s.owed.addTo(s.form, tr)
		focus = s.owed.description
	case data.DemandBilled:
		// what the client agreed to pay for, at its price: never what they
		// claimed or said
		s.what = a.keys.newEntry()
		s.what.SetPlaceHolder(tr.S("demand.bill.what.placeholder"))
		s.services, _ = a.store.Services(a.ctx, false)
		var names []string
		for _, sv := range s.services {
			names = append(names, sv.Name+" · "+tr.Money(sv.Price))
		}
		s.service = newPick(names, s.onBillService)
		s.service.PlaceHolder = tr.S("demand.bill.service.placeholder")
		s.due.SetText(a.store.Today().AddDays(14).Format(tr.Lang()))
		s.form.add(tr.S("demand.bill.service"), "service", s.service)
		s.form.add(tr.S("demand.bill.what"), "what", s.what)
		s.form.add(tr.S("charge.field.amount"), "amount", s.amount)
		s.form.add(tr.S("charge.field.due"), "due", s.due)
		focus = nil // the service, the first field
		if len(s.services) == 0 {
			focus = s.what
		}
	case data.DemandSettled:
		s.how = newChoice(tr, "demand.settlement", data.Settlements, s.onHow)
		s.form.add(tr.S("demand.field.settlement"), "settlement", s.how)
		focus = nil // how it ended, the first field
		s.gift = a.newGoodwillFields(client, gift)
		s.giftForm = newForm(tr)
		s.gift.addTo(s.giftForm)
	}
	s.form.add(tr.S("demand.field.note"), "note", s.note)
	content := container.NewVBox(s.form.content())
	if s.giftForm != nil {
		s.giftBox = container.NewVBox(widget.NewLabel(tr.S("demand.written_off.hint")), s.giftForm.content())
		s.giftBox.Hide()
		content.Add(s.giftBox)
	}
	s.dlg = a.newFormDialog(tr.S("demand.action."+string(to)), tr.S("demand.action."+string(to)), content, s.onConfirm)
	s.dlg.show(fyne.NewSize(600, 520), focus)
	return s
}

// demandStep is the form of one step of a demand.
type demandStep struct {
	a                 *App
	demand            data.Demand
	to                data.DemandStatus
	form, giftForm    *form
	note, amount, due *entry
	what              *entry // for a bill: what is provided
	service           *pick
	services          []data.Service
	how               *choice[data.Settlement]
	gift              *goodwillFields
	owed              *owedFields
	giftBox           *fyne.Container
	dlg               *formDialog
	onSave            func()
}

// onBillService takes a service's price, and its name when nothing says
// yet what is provided.
func (s *demandStep) onBillService(string) {
	i := s.service.SelectedIndex()
	if i < 0 || i >= len(s.services) {
		return
	}
	sv := s.services[i]
	s.amount.SetText(sv.Price.Plain(s.a.tr.Lang()))
	if s.what.Text == "" {
		s.what.SetText(sv.Name)
	}
}

// onHow shows the goodwill fields when the dispute is written off.
func (s *demandStep) onHow(how data.Settlement) {
	if s.giftBox != nil {
		s.giftBox.Hidden = how != data.SettledWrittenOff
		s.giftBox.Refresh()
	}
}

func (s *demandStep) onConfirm() bool {
	dec := data.Decision{DemandID: s.demand.ID, Expect: s.demand.Status, Note: s.note.Text}
	var err error
	switch s.to {
	case data.DemandGranted:
		g, bad := s.gift.collect(data.Goodwill{})
		if len(bad) > 0 {
			s.form.showProblems(nil, bad)
			return false
		}
		_, err = s.a.store.GrantDemand(s.a.ctx, dec, g)
	case data.DemandDeclined:
		_, err = s.a.store.DeclineDemand(s.a.ctx, dec)
	case data.DemandOwed:
		o, bad := s.owed.collect(s.a.tr, data.Owed{})
		if len(bad) > 0 {
			s.form.showProblems(nil, bad)
			return false
		}
		_, err = s.a.store.OweDemand(s.a.ctx, dec, o)
	case data.DemandBilled:
		b, ok := s.bill()
		if !ok {
			return false
		}
		_, err = s.a.store.BillDemand(s.a.ctx, dec, b)
	case data.DemandDisputed:
		_, err = s.a.store.DisputeDemand(s.a.ctx, dec)
	case data.DemandSettled:
		g, ok := s.writtenOff()
		if !ok {
			return false
		}
		_, err = s.a.store.SettleDemand(s.a.ctx, dec, s.how.value(), g)
	}
	if err != nil {
		s.form.show(err)
		if s.giftForm != nil && !s.giftBox.Hidden {
			s.giftForm.show(err)
		}
		return false
	}
	s.onSave()
	return true
}

// bill reads what the demand is billed as; with a problem it shows it
// beside the field and ok is false.
func (s *demandStep) bill() (b data.Bill, ok bool) {
	tr := s.a.tr
	var amount data.Money
	var errA error
	if s.amount.Text != "" || s.service.SelectedIndex() < 0 {
		amount, errA = moneyField(tr, s.amount.Text)
	}
	due, errD := dateField(tr, s.due.Text)
	if errA != nil || errD != nil {
		bad := map[string]string{}
		if errA != nil {
			bad["amount"] = tr.Err(errA)
		}
		if errD != nil {
			bad["due"] = tr.Err(errD)
		}
		s.form.showProblems(nil, bad)
		return b, false
	}
	b = data.Bill{What: s.what.Text, Amount: amount, Due: due}
	if i := s.service.SelectedIndex(); i >= 0 && i < len(s.services) {
		b.ServiceID = s.services[i].ID
	}
	return b, true
}

// writtenOff reads the goodwill a dispute settled by writing it off
// records; other settlements record none.
func (s *demandStep) writtenOff() (data.Goodwill, bool) {
	if s.how.value() != data.SettledWrittenOff {
		return data.Goodwill{}, true
	}
	g, bad := s.gift.collect(data.Goodwill{})
	if len(bad) > 0 {
		s.giftForm.showProblems(nil, bad)
		return g, false
	}
	return g, true
}
