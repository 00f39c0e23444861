package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/translations"
)

// owedFields are the fields of what was given because it was owed: what
// kind, the day, what exactly and its value.
type owedFields struct {
	kind                     *choice[data.OwedKind]
	date, description, value *entry
}

func (a *App) newOwedFields(o data.Owed) *owedFields {
	tr := a.tr
	f := &owedFields{kind: newChoice(tr, "owed.kind", data.OwedKinds, nil), date: a.keys.newEntry(),
		description: a.keys.newEntry(), value: a.keys.newAmountEntry()}
	if o.GivenOn.IsZero() {
		o.GivenOn = a.store.Today()
	}
	if o.Kind == "" {
		o.Kind = data.OwedMakeup
	}
	f.kind.set(o.Kind)
	f.date.SetPlaceHolder(datePlaceholder(tr))
	f.date.SetText(o.GivenOn.Format(tr.Lang()))
	f.description.SetText(o.Description)
	f.value.SetText(o.Value.Plain(tr.Lang()))
	return f
}

func (f *owedFields) addTo(fm *form, tr *translations.T) {
	fm.add(tr.S("owed.field.kind"), "kind", f.kind)
	fm.add(tr.S("goodwill.field.given_on"), "given_on", f.date)
	fm.add(tr.S("goodwill.field.description"), "description", f.description)
	fm.add(tr.S("owed.field.value"), "value", f.value)
}

// collect reads the fields into o; what cannot be read is named by field.
func (f *owedFields) collect(tr *translations.T, o data.Owed) (data.Owed, map[string]string) {
	bad := map[string]string{}
	o.Kind, o.Description = f.kind.value(), f.description.Text
	if d, err := dateField(tr, f.date.Text); err != nil {
		bad["given_on"] = tr.Err(err)
	} else {
		o.GivenOn = d
	}
	if f.value.Text != "" {
		if v, err := moneyField(tr, f.value.Text); err != nil {
			bad["value"] = tr.Err(err)
		} else {
			o.Value = v
		}
	}
	return o, bad
}

// owedSection lists what the client was given because it was owed, apart
// from goodwill, with a button to record more.
func (cc *clientCard) owedSection() fyne.CanvasObject {
	tr := cc.a.tr
	head := widget.NewLabelWithStyle(tr.S("owed.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	add := widget.NewButtonWithIcon(tr.S("owed.record"), theme.ContentAddIcon(), func() { cc.a.openOwedForm(cc.client, cc.reopen) })
	box := container.NewVBox(container.NewBorder(nil, nil, nil, add, head))
	if len(cc.owed) == 0 {
		none := widget.NewLabel(tr.S("owed.none"))
		none.Importance = widget.LowImportance
		box.Add(none)
	}
	for _, o := range cc.owed {
		l := widget.NewLabel(tr.S("owed.line", "Date", o.GivenOn, "Kind", tr.Enum("owed.kind", o.Kind), "What", o.Description,
			"Value", o.Value))
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	return box
}

// openOwedForm records a make-up or a refund the contract or the law owes.
func (a *App) openOwedForm(c data.Client, onSave func()) {
	tr := a.tr
	fm := newForm(tr)
	f := a.newOwedFields(data.Owed{})
	f.addTo(fm, tr)
	hint := widget.NewLabel(tr.S("owed.hint"))
	hint.Wrapping = fyne.TextWrapWord
	var dlg *formDialog
	dlg = a.newFormDialog(tr.S("owed.form.title", "Name", c.Name), tr.S("action.save"), container.NewVBox(hint, fm.content()), func() bool {
		o, bad := f.collect(tr, data.Owed{ClientID: c.ID})
		if len(bad) > 0 {
			fm.showProblems(o.Validate(a.store.Today()), bad)
			return false
		}
		if err := o.Validate(a.store.Today()); err != nil {
			fm.show(err)
			return false
		}
		if !dlg.plausible(o.Value, a.usualMonth(c.ID)) {
			return false
		}
		if _, err := a.store.RecordOwed(a.ctx, o); err != nil {
			fm.show(err)
			return false
		}
		onSave()
		return true
	})
	dlg.show(fyne.NewSize(560, 420), f.description)
}
