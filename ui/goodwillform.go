package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// goodwillFields are the entries of a goodwill entry, shared by the
// goodwill dialog and the decisions that create goodwill (granting a
// demand, writing one off).
type goodwillFields struct {
	a                              *App
	date, description, value, mins *entry
	category                       *choice[data.GoodwillCategory]
	service                        *pick
	services                       []data.Service
	staff                          *pick
	staffList                      []data.Staff
}

// newGoodwillFields fills in g, or the usual defaults for client c: today,
// the person at the counter, one session of the client's main contract.
func (a *App) newGoodwillFields(c data.Client, g data.Goodwill) *goodwillFields {
	tr := a.tr
	f := &goodwillFields{a: a, date: a.keys.newEntry(), description: a.keys.newEntry(), value: a.keys.newAmountEntry(), mins: a.keys.newEntry()}
	f.category = newChoice(tr, "goodwill.category", data.GoodwillCategories, nil)
	f.services, _ = a.store.Services(a.ctx, false)
	names := []string{tr.S("goodwill.no_service")}
	for _, sv := range f.services {
		names = append(names, sv.Name)
	}
	f.service = newPick(names, f.onServiceChosen)
	f.staffList, _ = a.store.StaffList(a.ctx, false)
	people := []string{tr.S("goodwill.nobody")}
	for _, m := range f.staffList {
		people = append(people, m.Name)
	}
	f.staff = newPick(people, nil)
	f.date.SetPlaceHolder(datePlaceholder(tr))
	if g.ID == 0 && g.GivenOn.IsZero() {
		g.GivenOn = a.store.Today()
		if g.Category == "" {
			g.Category = data.CatExtraSession
		}
		if g.GivenBy == 0 {
			g.GivenBy = a.store.Actor()
		}
		if g.Value == 0 {
			if k, ok, _ := a.store.MainContract(a.ctx, c.ID); ok {
				g.Value, g.ServiceID = k.SessionValue(), k.ServiceID
			}
		}
	}
	f.date.SetText(g.GivenOn.Format(tr.Lang()))
	f.category.set(g.Category)
	f.description.SetText(g.Description)
	f.value.SetText(g.Value.Plain(tr.Lang()))
	f.mins.SetText(strconv.Itoa(g.Minutes))
	f.service.SetSelectedIndex(0)
	for i, sv := range f.services {
		if sv.ID == g.ServiceID {
			f.service.Selected = names[i+1] // without the callback: keep the value as given
			f.service.Refresh()
		}
	}
	f.staff.SetSelectedIndex(0)
	for i, m := range f.staffList {
		if m.ID == g.GivenBy {
			f.staff.SetSelectedIndex(i + 1)
		}
	}
	return f
}

// onServiceChosen offers the service's price as the value.
func (f *goodwillFields) onServiceChosen(string) {
	if i := f.service.SelectedIndex(); i > 0 {
		f.value.SetText(f.services[i-1].Price.Plain(f.a.tr.Lang()))
	}
}

// addTo puts the fields into a form in reading order.
func (f *goodwillFields) addTo(fm *form) {
	tr := f.a.tr
	fm.add(tr.S("goodwill.field.description"), "description", f.description)
	fm.add(tr.S("goodwill.field.category"), "category", f.category)
	fm.add(tr.S("goodwill.field.service"), "service", f.service)
	fm.add(tr.S("goodwill.field.value"), "value", f.value)
	fm.add(tr.S("goodwill.field.minutes"), "minutes", f.mins)
	fm.add(tr.S("goodwill.field.given_on"), "given_on", f.date)
	fm.add(tr.S("goodwill.field.given_by"), "given_by", f.staff)
}

// collect reads the fields into g, noting input that cannot be read.
func (f *goodwillFields) collect(g data.Goodwill) (data.Goodwill, map[string]string) {
	tr := f.a.tr
	bad := map[string]string{}
	g.Category, g.Description = f.category.value(), f.description.Text
	if d, err := dateField(tr, f.date.Text); err != nil {
		bad["given_on"] = tr.Err(err)
	} else {
		g.GivenOn = d
	}
	g.Value = 0
	if f.value.Text != "" {
		if m, err := moneyField(tr, f.value.Text); err != nil {
			bad["value"] = tr.Err(err)
		} else {
			g.Value = m
		}
	}
	g.Minutes = 0
	if f.mins.Text != "" {
		g.Minutes = intField(f.mins.Text) // what is no number comes back as -1, which Validate refuses
	}
	g.ServiceID = 0
	if i := f.service.SelectedIndex(); i > 0 {
		g.ServiceID = f.services[i-1].ID
	}
	g.GivenBy = 0
	if i := f.staff.SelectedIndex(); i > 0 {
		g.GivenBy = f.staffList[i-1].ID
	}
	return g, bad
}

// goodwillDialog records a goodwill entry, or edits or deletes one with a
// reason.
type goodwillDialog struct {
	a      *App
	client data.Client
	orig   data.Goodwill
	fields *goodwillFields
	reason *entry
	form   *form
	dlg    *formDialog
	onSave func()
}

// openGoodwillDialog opens the goodwill form for a new entry for c (orig
// nil), or to change orig.
func (a *App) openGoodwillDialog(c data.Client, orig *data.Goodwill, onSave func()) *goodwillDialog {
	tr := a.tr
	d := &goodwillDialog{a: a, client: c, form: newForm(tr), onSave: onSave, reason: a.keys.newEntry()}
	if orig != nil {
		d.orig = *orig
	}
	d.fields = a.newGoodwillFields(c, d.orig)
	d.fields.addTo(d.form)
	title := tr.S("goodwill.form.new", "Name", c.Name)
	content := []fyne.CanvasObject{}
	if orig != nil {
		title = tr.S("goodwill.form.edit", "Name", c.Name)
		d.form.add(tr.S("goodwill.field.reason"), "reason", d.reason)
	} else {
		hint := widget.NewLabel(tr.S("goodwill.hint"))
		hint.Wrapping = fyne.TextWrapWord
		hint.Importance = widget.LowImportance
		content = append(content, hint)
	}
	content = append(content, d.form.content())
	if orig != nil && a.store.Allow(data.OpDeleteGoodwill) == nil {
		del := widget.NewButton(tr.S("goodwill.delete"), d.onDelete)
		del.Importance = widget.DangerImportance
		content = append(content, buttonRow(del))
	}
	d.dlg = a.newFormDialog(title, tr.S("action.save"), container.NewVBox(content...), d.onConfirm)
	d.dlg.show(fyne.NewSize(600, 560), d.fields.description)
	return d
}

func (d *goodwillDialog) onConfirm() bool {
	g, bad := d.fields.collect(d.orig)
	g.ClientID = d.client.ID
	if len(bad) > 0 {
		d.form.showProblems(g.Validate(d.a.store.Today()), bad)
		return false
	}
	if err := g.Validate(d.a.store.Today()); err != nil {
		d.form.show(err)
		return false
	}
	if !d.dlg.plausible(g.Value, d.a.usualMonth(d.client.ID)) {
		return false
	}
	var err error
	if d.orig.ID == 0 {
		_, err = d.a.store.RecordGoodwill(d.a.ctx, g)
	} else {
		_, err = d.a.store.UpdateGoodwill(d.a.ctx, g, d.reason.Text)
	}
	if err != nil {
		d.form.show(err)
		return false
	}
	d.onSave()
	if d.orig.ID == 0 {
		d.dlg.then = func() { d.a.warnBudget(g) }
	}
	return true
}

// warnBudget says so, softly, when an entry takes its month past the
// goodwill budget; the entry is recorded all the same.
func (a *App) warnBudget(g data.Goodwill) {
	budget, err := a.store.Budget(a.ctx)
	if err != nil || budget <= 0 {
		return
	}
	total, err := a.store.GoodwillInMonth(a.ctx, g.GivenOn)
	if err != nil || total <= budget || total-g.Value > budget {
		return // under budget, or past it already before this entry
	}
	month := data.NewDate(g.GivenOn.Year(), g.GivenOn.Month(), 1)
	a.showMessage(a.tr.S("budget.warn.title"), a.tr.S("budget.warn", "Month", a.tr.Month(month),
		"Total", a.tr.Money(total), "Budget", a.tr.Money(budget)))
}

// onDelete takes the entry out of every total; the reason is required.
func (d *goodwillDialog) onDelete() {
	if err := d.a.store.DeleteGoodwill(d.a.ctx, d.orig.ID, d.reason.Text); err != nil {
		d.form.show(err)
		return
	}
	d.dlg.d.Hide()
	d.onSave()
}
