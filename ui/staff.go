package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// askStaff asks who is at the counter; goodwill and decisions record that
// person. It offers one button per active staff member.
func (a *App) askStaff() {
	tr := a.tr
	staff, err := a.store.StaffList(a.ctx, false)
	if err != nil {
		a.showError(err)
		return
	}
	if len(staff) == 0 {
		a.showMessage(tr.S("staff.ask.title"), tr.S("staff.ask.none"))
		return
	}
	box := container.NewVBox()
	d := a.openDialog(tr.S("staff.ask.title"), box, fyne.NewSize(380, 120+float32(len(staff))*44))
	var first fyne.Focusable
	for _, m := range staff {
		m := m
		b := newButton(m.Name+" · "+tr.Enum("role", m.Role), func() {
			a.setStaff(m)
			d.Hide()
		})
		b.esc = a.keys.escape
		if m.ID == a.store.Actor() {
			b.Importance = widget.HighImportance
		}
		if first == nil {
			first = b
		}
		box.Add(b)
	}
	a.setButtons(d, newButton(tr.S("action.cancel"), d.Hide))
	d.Show()
	a.win.Canvas().Focus(first)
}

// setStaff makes m the person at the counter.
func (a *App) setStaff(m data.Staff) {
	a.store.SetActor(m.ID)
	a.refreshStatus()
	if a.page == PageCounter {
		a.win.Canvas().Focus(a.counter.search)
	}
}
