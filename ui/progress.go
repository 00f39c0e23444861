package ui

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// runLong runs work off the UI goroutine while a dialog shows how far it
// is; the window keeps drawing and answering. Work that can tell its
// progress gets a bar, other work a running one. done runs back on the UI
// goroutine once the work is over.
func (a *App) runLong(title string, measured bool, work func(progress data.Progress) error, done func(err error)) {
	if a.inline {
		done(work(func(float64) {}))
		return
	}
	var bar *widget.ProgressBar
	var spin *widget.ProgressBarInfinite
	var shown fyne.CanvasObject
	if measured {
		bar = widget.NewProgressBar()
		shown = bar
	} else {
		spin = widget.NewProgressBarInfinite()
		shown = spin
	}
	note := widget.NewLabel(a.tr.S("progress.wait"))
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(note, shown), a.win)
	d.Resize(fyne.NewSize(440, 150))
	id := a.keys.pushDialog(func() {}) // Esc does not stop the work; shortcuts wait for it
	d.Show()
	a.busy.Add(1)
	var last atomic.Int64 // the last value shown, in thousandths, to skip needless redraws
	last.Store(-1)
	go func() {
		err := work(func(p float64) {
			if bar == nil {
				return
			}
			if v := int64(p * 1000); v != last.Swap(v) {
				fyne.Do(func() { bar.SetValue(p) })
			}
		})
		fyne.Do(func() {
			if spin != nil {
				spin.Stop()
			}
			a.busy.Add(-1)
			a.keys.closeWhenOnTop(id, d.Hide)
			done(err)
		})
	}()
}

// reloadPage shows the current screen's records afresh.
func (a *App) reloadPage() {
	if sc, ok := a.screens()[a.page]; ok {
		sc.reload()
	}
}
