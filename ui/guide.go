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
		fm.add(tr.S("studio.field."+f.key), f.key, f.e)
	}
	onOK := func() bool {
		p.Name, p.Address, p.Responsible, p.Phone, p.Email = name.Text, address.Text, responsible.Text, phone.Text, email.Text
		if err := a.store.SaveStudio(a.ctx, p); err != nil {
			fm.show(err)
			return false
		}
		return true
	}
	g.step(1, "guide.profile.title", "guide.profile.hint", "guide.next", "guide.skip", fm.content(), onOK, name, g.owner)
}

// owner records the studio's owner, with a PIN for signing in.
func (g *guide) owner() {
	a, tr := g.a, g.a.tr
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
