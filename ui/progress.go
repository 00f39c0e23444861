package ui

import (
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data/sqlstore"
)

// runLong runs work off the UI goroutine while a dialog shows how far it
// is; the window keeps drawing and answering. Work that can tell its
// progress gets a bar, other work a running one. done runs back on the UI
// goroutine once the work is over.
func (a *App) runLong(title string, measured bool, work func(progress sqlstore.Progress) error, done func(err error)) {
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
	var last atomic.Int64 // the last value shown, in thousandths, to skip needless redraws
	last.Store(-1)
	a.background(func() func() {
		err := work(func(p float64) {
			if bar == nil {
				return
			}
			if v := int64(p * 1000); v != last.Swap(v) {
				fyne.Do(func() { bar.SetValue(p) })
			}
		})
		return func() {
			if spin != nil {
				spin.Stop()
			}
			a.keys.closeWhenOnTop(id, d.Hide)
			done(err)
		}
	})
}

// background is the one way the window works off the UI goroutine: work
// runs in a goroutine and returns what to do with its result, which runs
// on the UI goroutine through fyne.Do. While any runs, the window counts
// it busy, and closing waits. The test driver runs it in place.
func (a *App) background(work func() (then func())) {
	a.busy.Add(1)
	finish := func(then func()) {
		defer a.busy.Add(-1) // after its result is shown: idle means done
		if then != nil {
			then()
		}
	}
	if a.inline {
		finish(work())
		return
	}
	gate := a.gate
	go func() {
		if gate != nil {
			<-gate
		}
		then := work()
		fyne.Do(func() { finish(then) })
	}()
}

// every runs fn on the UI goroutine every d while the window is open; it
// is not counted as busy work (it ends only with the window).
func (a *App) every(d time.Duration, fn func()) {
	closed := a.closed
	go func() {
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-closed:
				return // the window is gone: nothing more to look at
			case <-t.C:
				fyne.Do(func() {
					select {
					case <-closed:
					default:
						fn()
					}
				})
			}
		}
	}()
}

// reloadPage shows the current screen's records afresh.
func (a *App) reloadPage() {
	if sc := a.screen(a.page); sc != nil {
		sc.reload()
	}
}
