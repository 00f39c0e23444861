package ui

import (
	"image/color"
	"image/png"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// BareWindowFrame opens a window of the main window's first size with
// nothing but a gradient and a label in it, waits for its first steady frame and encodes
// it as --screenshot does (into nothing), then exits. make bench times it
// beside the real window on a large studio: the start-up figure is the
// ratio of the two.
func BareWindowFrame(appID string) error {
	fy := app.NewWithID(appID)
	w := fy.NewWindow("bare")
	// a gradient: nothing to lay out, yet colours enough to count as painted
	w.SetContent(container.NewStack(canvas.NewHorizontalGradient(color.White, color.Black), widget.NewLabel("Studio Partner")))
	w.Resize(fyne.NewSize(WindowWidth, WindowHeight))
	var err error
	go func() {
		img, ferr := stableFrame(w, func() bool { return true }, defaultFrameWait)
		if ferr == nil {
			ferr = png.Encode(io.Discard, img)
		}
		err = ferr
		fyne.Do(fy.Quit)
	}()
	w.ShowAndRun()
	return err
}
