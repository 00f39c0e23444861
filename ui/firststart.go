package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data/demo"
	"studiopartner/reports"
)

// offerDemo asks, on a new database, whether to start with a demo studio
// or empty.
func (a *App) offerDemo() {
	tr := a.tr
	msg := widget.NewLabel(tr.S("first.text"))
	msg.Wrapping = fyne.TextWrapWord
	d := a.openDialog(tr.S("first.title"), msg, fyne.NewSize(500, 220))
	empty := newButton(tr.S("first.empty"), func() {
		d.Hide()
		a.startGuide()
	})
	withDemo := newButton(tr.S("first.demo"), func() {
		d.Hide()
		a.fillDemo()
	})
	withDemo.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{empty, withDemo})
	d.Show()
	a.win.Canvas().Focus(withDemo)
}

// fillDemo writes the demo studio off the UI goroutine, with a progress
// bar, and shows it when done; the channel closes once the window shows it.
func (a *App) fillDemo() <-chan struct{} {
	done := make(chan struct{})
	tr := a.tr
	bar := widget.NewProgressBar()
	prog := dialog.NewCustomWithoutButtons(tr.S("first.demo.progress"), container.NewVBox(bar), a.win)
	prog.Resize(fyne.NewSize(420, 120))
	prog.Show()
	o := demo.DefaultOptions()
	o.PrintAgreement = reports.PrintAgreement
	o.Progress = func(done, total int) {
		fyne.Do(func() { bar.SetValue(float64(done) / float64(total)) })
	}
	a.background(func() func() {
		err := demo.Fill(a.ctx, a.store, o)
		return func() {
			prog.Hide()
			if err != nil {
				a.showError(err)
			}
			a.dataChanged()
			a.show(PageClients)
			close(done)
		}
	})
	return done
}
