package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// ownerSignedIn reports whether the person at the counter is the owner.
func (a *App) ownerSignedIn() bool { return a.store.Role() == data.RoleOwner }

// signInOn reports whether the studio asks for a PIN.
func (a *App) signInOn() bool {
	r, err := a.store.SignInRules(a.ctx)
	return err == nil && r.Enabled
}

// signInDialog is the open sign-in dialog.
type signInDialog struct {
	d       *dialog.CustomDialog
	who     *pick
	pin     *entry
	problem *widget.Label
	submit  func()
}

// askSignIn asks who is at the counter and for their PIN. While nobody is
// signed in it cannot be dismissed; switching person can be cancelled.
func (a *App) askSignIn() { a.askSignInFor(false, a.signedIn) }

// askSignInFor asks for a PIN, of an owner only when ownersOnly, and hands
// whoever signed in to done.
func (a *App) askSignInFor(ownersOnly bool, done func(data.Staff)) {
	if a.signingIn != nil {
		return
	}
	tr := a.tr
	staff, err := a.signInStaff(ownersOnly)
	if err != nil {
		a.showError(err)
		return
	}
	sd := a.newSignInDialog(staff)
	a.signingIn = sd
	dismiss := func() {
		a.signingIn = nil
		sd.d.Hide()
	}
	// registered so window shortcuts wait; Esc cancels only a switch of person
	id := a.keys.pushDialog(func() {
		if a.store.Actor() != 0 {
			dismiss()
		}
	})
	sd.d.SetOnClosed(func() { a.keys.popDialog(id) })
	sd.submit = func() {
		i := sd.who.SelectedIndex()
		if i < 0 {
			sd.problem.SetText(tr.S("signin.choose"))
			return
		}
		m, err := a.store.SignIn(a.ctx, staff[i].ID, sd.pin.Text)
		sd.pin.SetText("")
		if err != nil {
			sd.problem.SetText(tr.Err(err))
			a.win.Canvas().Focus(sd.pin)
			return
		}
		dismiss()
		done(m)
	}
	sd.pin.OnSubmitted = func(string) { sd.submit() }
	sd.who.formKeys = formKeys{keys: a.keys, onEnter: sd.submit}
	ok := newButton(tr.S("signin.button"), sd.submit)
	ok.Importance = widget.HighImportance
	buttons := []fyne.CanvasObject{ok}
	if a.store.Actor() != 0 {
		buttons = []fyne.CanvasObject{newButton(tr.S("action.cancel"), dismiss), ok}
	}
	sd.d.SetButtons(buttons)
	sd.d.Resize(fyne.NewSize(460, 280))
	sd.d.Show()
	if sd.who.SelectedIndex() >= 0 {
		a.win.Canvas().Focus(sd.pin)
	} else {
		a.win.Canvas().Focus(sd.who)
	}
}

// signInStaff are the active staff who may sign in here: owners only when
// ownersOnly.
func (a *App) signInStaff(ownersOnly bool) ([]data.Staff, error) {
	all, err := a.store.StaffList(a.ctx, false)
	if err != nil {
		return nil, err
	}
	var staff []data.Staff
	for _, m := range all {
		if !ownersOnly || m.Role == data.RoleOwner {
			staff = append(staff, m)
		}
	}
	return staff, nil
}

// newSignInDialog lays out the choice of person, offering whoever signed
// in last, and the PIN.
func (a *App) newSignInDialog(staff []data.Staff) *signInDialog {
	tr := a.tr
	names := make([]string, len(staff))
	for i, m := range staff {
		names[i] = m.Name + " · " + tr.Enum("role", m.Role)
	}
	who := newPick(names, nil)
	who.PlaceHolder = tr.S("choice.placeholder")
	pin := a.keys.newEntry()
	pin.Password = true
	pin.SetPlaceHolder(tr.S("signin.pin.placeholder"))
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	for i, m := range staff {
		if m.ID == a.lastStaff {
			who.SetSelectedIndex(i)
		}
	}
	form := widget.NewForm(widget.NewFormItem(tr.S("signin.who"), who), widget.NewFormItem(tr.S("signin.pin"), pin))
	d := dialog.NewCustomWithoutButtons(tr.S("signin.title"), container.NewVBox(form, problem), a.win)
	return &signInDialog{d: d, who: who, pin: pin, problem: problem}
}

// signedIn shows the window as the person who just signed in may see it.
func (a *App) signedIn(m data.Staff) {
	a.lastStaff = m.ID
	a.keys.touch()
	if !a.mayOpen(a.page) {
		a.page = PageCounter
	}
	a.build()
	a.offerCleanUp()
}

// checkIdle signs the person out and asks again once the window has been
// idle longer than the studio allows.
func (a *App) checkIdle(now time.Time) {
	if a.signingIn != nil || a.busy.Load() > 0 {
		return
	}
	r, err := a.store.SignInRules(a.ctx)
	if err != nil || !r.Enabled || now.Sub(a.keys.idleSince()) < time.Duration(r.IdleMinutes)*time.Minute {
		return
	}
	a.lock()
}

// lock signs out, hides the owner's screens and asks for a PIN.
func (a *App) lock() {
	a.store.SignOut()
	for n := len(a.keys.dialogs); n > 0; n-- {
		a.keys.escape() // nothing half-typed stays open for the next person
	}
	if !a.mayOpen(a.page) {
		a.page = PageCounter
	}
	a.build()
	a.askSignIn()
}

// watchIdle checks for idleness twice a minute while the window runs.
func (a *App) watchIdle() {
	a.every(30*time.Second, func() { a.checkIdle(time.Now()) })
}

// onStaffButton switches the person at the counter: with sign-in by PIN,
// otherwise by choosing a name.
func (a *App) onStaffButton() {
	if a.signInOn() {
		a.askSignIn()
		return
	}
	a.askStaff()
}

// signInCard is the Settings section that switches sign-in by PIN on or
// off and sets the idle time after which the window asks again.
func (s *settingsScreen) signInCard() fyne.CanvasObject {
	a, tr := s.a, s.a.tr
	on := widget.NewCheck(tr.S("settings.signin.on"), nil)
	idle := a.keys.newEntry()
	fm := newForm(tr)
	fm.add("", "enabled", on)
	fm.add(tr.S("settings.signin.idle"), "idle_minutes", idle)
	saved := widget.NewLabel("")
	saved.Importance = widget.SuccessImportance
	warn := hintLabel(tr.S("settings.signin.off_warning"))
	warn.Importance = widget.WarningImportance
	s.loadSignIn = func() {
		r, _ := a.store.SignInRules(a.ctx)
		warn.Hide()
		if staff, err := a.store.StaffList(a.ctx, false); err == nil && !r.Enabled {
			for _, m := range staff {
				if m.Role == data.RoleFrontDesk {
					warn.Show()
				}
			}
		}
		on.SetChecked(r.Enabled)
		idle.SetText(strconv.Itoa(r.IdleMinutes))
		fm.clear()
		saved.SetText("")
	}
	save := func() {
		fm.clear()
		n, err := strconv.Atoi(strings.TrimSpace(idle.Text))
		if err != nil {
			n = -1
		}
		err = s.st().SaveSignInRules(a.ctx, data.SignInRules{Enabled: on.Checked, IdleMinutes: n})
		if err != nil {
			s.changed(err, fm.show)
			return
		}
		s.loadSignIn()
		saved.SetText(tr.S("settings.saved"))
	}
	idle.OnSubmitted = func(string) { save() }
	btn := widget.NewButtonWithIcon(tr.S("action.save"), theme.DocumentSaveIcon(), save)
	return widget.NewCard(tr.S("settings.signin"), "",
		container.NewVBox(hintLabel(tr.S("settings.signin.hint")), warn, fm.content(), buttonRow(saved, btn)))
}
