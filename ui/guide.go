package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// guide leads an empty studio through what the counter needs before its
// first client: the studio's profile (every document prints it), the
// owner with a PIN, and the first services. Each step can be skipped and
// done later in Settings or Services; the counter opens at the end.
type guide struct {
	a    *App
	done func() // runs when the last step has closed
}

// guideSteps is how many steps the guide has.
const guideSteps = 3

// startGuide opens the first step.
func (a *App) startGuide() {
	g := &guide{a: a, done: func() { a.dataChanged(); a.show(PageCounter) }}
	g.profile()
}

// step opens one step as a form dialog: Enter saves and goes on, "Skip"
// or Esc goes on without saving; next runs once it has closed.
func (g *guide) step(n int, titleKey, hintKey, confirmKey, skipKey string, fields fyne.CanvasObject, onOK func() bool, focus fyne.Focusable, next func()) *formDialog {
	tr := g.a.tr
	hint := widget.NewLabel(tr.S(hintKey))
	hint.Wrapping = fyne.TextWrapWord
	title := tr.S("guide.step", "N", n, "Of", guideSteps) + " · " + tr.S(titleKey)
	fd := g.a.newFormDialog(title, tr.S(confirmKey), container.NewVBox(hint, fields), onOK)
	fd.cancelText = tr.S(skipKey)
	fd.show(fyne.NewSize(760, 560), focus)
	fd.onClosed(next)
	return fd
}

// profile asks for what every document needs: the studio's name and
// address and who is responsible, and how clients reach the studio.
func (g *guide) profile() {
	a, tr := g.a, g.a.tr
	p, err := a.store.Studio(a.ctx)
	if err != nil {
		a.showError(err)
		g.owner()
		return
	}
	fm := newForm(tr)
	name, address, responsible, phone, email := a.keys.newEntry(), a.keys.newMultiEntry(3), a.keys.newEntry(), a.keys.newEntry(), a.keys.newEntry()
	for _, f := range []struct {
		key string
		e   *entry
		v   string
	}{{"name", name, p.Name}, {"address", address, p.Address}, {"responsible", responsible, p.Responsible}, {"phone", phone, p.Phone}, {"email", email, p.Email}} {
		f.e.SetText(f.v)
		label := tr.S("studio.field." + f.key)
		if f.key == "name" || f.key == "address" || f.key == "responsible" {
			label += " *" // printed on every document
		}
		fm.add(label, f.key, f.e)
	}
	// Enter in the address starts its second line, then moves on: it never
	// saves the step half filled in
	address.onKey = func(key fyne.KeyName) bool {
		if !isEnter(key) || address.shift {
			return false
		}
		if strings.Count(strings.TrimSpace(address.Text), "\n") == 0 {
			address.newLine()
		} else {
			a.win.Canvas().FocusNext()
		}
		return true
	}
	onOK := func() bool {
		p.Name, p.Address, p.Responsible, p.Phone, p.Email = name.Text, address.Text, responsible.Text, phone.Text, email.Text
		if gaps := p.DocumentGaps(); len(gaps) > 0 { // what every document prints; "Later" leaves it for now
			v := &data.Error{Code: data.CodeInvalid, Key: "guide.profile.incomplete"}
			for _, f := range gaps {
				v.Fields = append(v.Fields, data.FieldError{Field: f, Key: "guide.profile.required"})
			}
			fm.show(v)
			return false
		}
		if err := a.store.SaveStudio(a.ctx, p); err != nil {
			fm.show(err)
			return false
		}
		return true
	}
	note := widget.NewLabel(tr.S("guide.profile.needed"))
	note.Importance = widget.LowImportance
	g.step(1, "guide.profile.title", "guide.profile.hint", "guide.next", "guide.skip", container.NewVBox(fm.content(), note), onOK,
		name, g.owner)
}

// owner records the studio's owner, with a PIN for signing in; a studio
// that has one already (the guide opened again) goes on to its services.
func (g *guide) owner() {
	a, tr := g.a, g.a.tr
	if staff, err := a.store.StaffList(a.ctx, false); err == nil && hasOwner(staff) {
		g.services()
		return
	}
	fm := newForm(tr)
	name, pin := a.keys.newEntry(), a.keys.newEntry()
	pin.Password = true
	pin.SetPlaceHolder(tr.S("staff.pin.placeholder"))
	fm.add(tr.S("staff.field.name"), "name", name)
	fm.add(tr.S("staff.field.pin"), "pin", pin)
	onOK := func() bool {
		m, err := a.store.SaveStaff(a.ctx, data.Staff{Name: name.Text, Role: data.RoleOwner, Active: true, PIN: pin.Text})
		if err != nil {
			fm.show(err)
			return false
		}
		a.store.SetActor(m.ID) // the owner is the one at the counter now
		return true
	}
	g.step(2, "guide.owner.title", "guide.owner.hint", "guide.next", "guide.skip", fm.content(), onOK, name, g.services)
}

// services lists what the catalogue holds so far and adds one entry at a
// time through the service form, coming back here after each.
func (g *guide) services() {
	a, tr := g.a, g.a.tr
	list, _ := a.store.Services(a.ctx, false)
	names := make([]string, len(list))
	for i, sv := range list {
		names[i] = "• " + sv.Name + " · " + tr.Money(sv.Price)
	}
	have := widget.NewLabel(tr.S("guide.services.none"))
	if len(names) > 0 {
		have.SetText(strings.Join(names, "\n"))
	}
	have.Wrapping = fyne.TextWrapWord
	skip := "guide.skip"
	if len(list) > 0 {
		skip = "guide.finish"
	}
	add := false
	onOK := func() bool { add = true; return true }
	g.step(3, "guide.services.title", "guide.services.hint", "guide.services.add", skip, have, onOK, nil, func() {
		if !add {
			g.done()
			return
		}
		form := a.openServiceForm(newService(), func() {})
		form.onClosed(g.services)
	})
}

// setupBanner says, where it is shown, what the setup still lacks, with
// a button that opens the guide again; hidden when nothing is missing.
// documentsOnly names only what documents need (the counter's line).
type setupBanner struct {
	a             *App
	documentsOnly bool
	text          *widget.Label
	box           *fyne.Container
}

func newSetupBanner(a *App, documentsOnly bool) *setupBanner {
	b := &setupBanner{a: a, documentsOnly: documentsOnly, text: widget.NewLabel("")}
	b.text.Wrapping = fyne.TextWrapWord
	b.text.Importance = widget.WarningImportance
	again := widget.NewButton(a.tr.S("guide.again"), a.startGuide)
	if a.store.Allow(data.OpSettings) != nil {
		again.Hide() // the owner sets the studio up
	}
	b.box = container.NewBorder(nil, nil, nil, again, b.text)
	b.refresh()
	return b
}

// refresh reads what is missing again.
func (b *setupBanner) refresh() {
	a, tr := b.a, b.a.tr
	var missing []string
	if p, err := a.store.Studio(a.ctx); err == nil {
		for _, f := range p.DocumentGaps() {
			missing = append(missing, tr.S("studio.field."+f))
		}
	}
	text := ""
	if len(missing) > 0 {
		text = tr.S("guide.missing.documents", "Fields", strings.Join(missing, " · "))
	}
	if !b.documentsOnly {
		var more []string
		if staff, err := a.store.StaffList(a.ctx, false); err == nil && !hasOwner(staff) {
			more = append(more, tr.S("guide.missing.owner"))
		}
		if sv, err := a.store.Services(a.ctx, false); err == nil && len(sv) == 0 {
			more = append(more, tr.S("guide.missing.services"))
		}
		if len(more) > 0 {
			text = strings.TrimSpace(text + " " + strings.Join(more, " "))
		}
	}
	b.text.SetText(text)
	if text == "" {
		b.box.Hide()
	} else {
		b.box.Show()
	}
}

// hasOwner reports whether an active owner is among the staff.
func hasOwner(staff []data.Staff) bool {
	for _, m := range staff {
		if m.Role == data.RoleOwner && m.Active {
			return true
		}
	}
	return false
}
