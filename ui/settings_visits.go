package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// visitsCard holds the rules of visits: how many hours ahead a
// cancellation is in time, whether a late one or a no-show uses a card's
// session, and when cards running out and members staying away are
// flagged.
func (s *settingsScreen) visitsCard() fyne.CanvasObject {
	a, tr := s.a, s.a.tr
	hours, cardDays, quietDays := a.keys.newEntry(), a.keys.newEntry(), a.keys.newEntry()
	late := newTick(tr.S("settings.late_uses"), nil)
	fm := newForm(tr)
	fm.add(tr.S("settings.cancel_hours"), "cancel_hours", hours)
	fm.add("", "late_uses", late)
	fm.add(tr.S("settings.card_days"), "card_days", cardDays)
	fm.add(tr.S("settings.no_visit_days"), "no_visit_days", quietDays)
	saved := widget.NewLabel("")
	saved.Importance = widget.SuccessImportance
	s.loadVisits = func() {
		fm.clear()
		saved.SetText("")
		if r, err := a.store.VisitRules(a.ctx); err == nil {
			hours.SetText(strconv.Itoa(r.CancelHours))
			late.SetChecked(r.LateUses)
		}
		if r, err := a.store.FlagRules(a.ctx); err == nil {
			cardDays.SetText(strconv.Itoa(r.CardDays))
			quietDays.SetText(strconv.Itoa(r.NoVisitDays))
		}
	}
	save := func() {
		fm.clear()
		saved.SetText("")
		rules, err := a.store.FlagRules(a.ctx)
		if err != nil {
			a.showError(err)
			return
		}
		rules.CardDays, rules.NoVisitDays = intField(cardDays.Text), intField(quietDays.Text)
		st := s.st()
		if err := st.SaveFlagRules(a.ctx, rules); err != nil {
			s.changed(err, fm.show)
			return
		}
		if err := st.SaveVisitRules(a.ctx, data.VisitRules{CancelHours: intField(hours.Text), LateUses: late.Checked}); err != nil {
			s.changed(err, fm.show)
			return
		}
		saved.SetText(tr.S("settings.saved"))
		a.dataChanged()
	}
	for _, e := range []*entry{hours, cardDays, quietDays} {
		e.OnSubmitted = func(string) { save() }
	}
	button := widget.NewButtonWithIcon(tr.S("action.save"), theme.DocumentSaveIcon(), save)
	return settingsCard(tr.S("settings.visits"), tr.S("settings.visits.hint"),
		container.NewVBox(fm.content(), buttonRow(saved, button)))
}
