package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data/sqlstore"
)

// prefBranch is the preference naming the branch this computer's counter
// works at; it belongs to the computer, not to the studio's records.
const prefBranch = "counter:branch"

// atBranch has the store record at this computer's branch. The name was
// checked when it was kept.
func (a *App) atBranch(s *sqlstore.Store) {
	_ = s.SetBranch(a.fy.Preferences().String(prefBranch))
}

// branchCard names the branch this computer records at: only a studio
// with several branches needs it.
func (s *settingsScreen) branchCard() fyne.CanvasObject {
	a, tr := s.a, s.a.tr
	s.branch = a.keys.newEntry()
	s.branch.SetPlaceHolder(tr.S("settings.branch.none"))
	s.branchForm = newForm(tr)
	s.branchForm.add(tr.S("settings.branch.field"), "branch", s.branch)
	s.branchSaved = widget.NewLabel("")
	s.branchSaved.Importance = widget.SuccessImportance
	save := widget.NewButtonWithIcon(tr.S("action.save"), theme.DocumentSaveIcon(), s.onSaveBranch)
	s.branch.OnSubmitted = func(string) { s.onSaveBranch() }
	return settingsCard(tr.S("settings.branch"), tr.S("settings.branch.hint"),
		container.NewVBox(s.branchForm.content(), buttonRow(s.branchSaved, save)))
}

// onSaveBranch checks the name, keeps it on this computer and records
// at it from now on.
func (s *settingsScreen) onSaveBranch() {
	s.branchForm.clear()
	s.branchSaved.SetText("")
	if err := s.a.store.SetBranch(s.branch.Text); err != nil {
		s.branchForm.show(err)
		return
	}
	s.a.fy.Preferences().SetString(prefBranch, s.a.store.Branch())
	s.branch.SetText(s.a.store.Branch())
	s.branchSaved.SetText(s.a.tr.S("settings.saved"))
	s.a.refreshStatus()
}

// loadBranch shows the branch this computer records at.
func (s *settingsScreen) loadBranch() {
	s.branchForm.clear()
	s.branchSaved.SetText("")
	s.branch.SetText(s.a.store.Branch())
}
