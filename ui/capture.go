package ui

import (
	"errors"
	"image"
	"image/png"
	"io"

	"studiopartner/data"
	"time"

	"fyne.io/fyne/v2"
)

// SaveScreenshot waits until the window has painted a frame, then saves it
// as PNG (replacing a file there only when told to) and returns the
// picture's size. Call it from a goroutine, not
// from the UI.
func (a *App) SaveScreenshot(path string, replace bool) (image.Point, error) {
	w := a.win
	deadline := time.Now().Add(20 * time.Second)
	// reading a window that the X server has not mapped yet fails with
	// BadMatch and ends the program: give it a moment first
	time.Sleep(500 * time.Millisecond)
	for {
		var img image.Image
		fyne.DoAndWait(func() { img = w.Canvas().Capture() })
		if img != nil && painted(img) {
			time.Sleep(300 * time.Millisecond) // let late layout settle, then take the final frame
			fyne.DoAndWait(func() { img = w.Canvas().Capture() })
			return img.Bounds().Size(), a.store.WriteFile(path, data.WriteOptions{Mode: 0o644, Force: replace}, func(out io.Writer) error {
				return png.Encode(out, img)
			})
		}
		if time.Now().After(deadline) {
			return image.Point{}, errors.New("the window painted nothing within 20 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// painted reports whether an image has more than a handful of colours.
func painted(img image.Image) bool {
	b := img.Bounds()
	if b.Dx() == 0 || b.Dy() == 0 {
		return false
	}
	seen := map[[4]uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if len(seen) > 8 {
				return true
			}
		}
	}
	return false
}
