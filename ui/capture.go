package ui

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"io"

	"studiopartner/data"
	"time"

	"fyne.io/fyne/v2"
)

// SaveScreenshot waits until the window has painted a frame that stops
// changing while no other background work runs, then saves it as PNG
// (replacing a file there only when told to) and returns the picture's
// size. Call it from background work, not from the UI.
func (a *App) SaveScreenshot(path string, replace bool) (image.Point, error) {
	img, err := StableFrame(a.win, func() bool { return a.busy.Load() <= 1 }, DefaultFrameWait)
	if err != nil {
		return image.Point{}, err
	}
	return img.Bounds().Size(), a.store.WriteFile(path, data.WriteOptions{Mode: 0o644, Force: replace}, func(out io.Writer) error {
		return png.Encode(out, img)
	})
}

// DefaultFrameWait is how long a screenshot waits for a steady frame.
const DefaultFrameWait = 20 * time.Second

// StableFrame captures the window w until two captures in a row are
// painted and alike while idle says no other work runs in the background;
// --screenshot and make bench's bare window both use it. Call it off the
// UI goroutine.
func StableFrame(w fyne.Window, idle func() bool, limit time.Duration) (image.Image, error) {
	deadline := time.Now().Add(limit)
	// reading a window the X server has not mapped yet fails with
	// BadMatch and ends the program: the first read waits until the main
	// loop runs, which is after the window was created and shown
	fyne.DoAndWait(func() {})
	var last image.Image
	for {
		var img image.Image
		fyne.DoAndWait(func() { img = w.Canvas().Capture() })
		switch {
		case img == nil || !painted(img):
			last = nil
		case last != nil && sameImage(last, img) && idle():
			return img, nil
		default:
			last = img
		}
		if time.Now().After(deadline) {
			return nil, errors.New("the window painted no steady frame within " + limit.String())
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// sameImage reports whether two captures show the same pixels.
func sameImage(x, y image.Image) bool {
	if x.Bounds() != y.Bounds() {
		return false
	}
	if a, ok := x.(*image.NRGBA); ok {
		if b, ok := y.(*image.NRGBA); ok {
			return bytes.Equal(a.Pix, b.Pix)
		}
	}
	if a, ok := x.(*image.RGBA); ok {
		if b, ok := y.(*image.RGBA); ok {
			return bytes.Equal(a.Pix, b.Pix)
		}
	}
	r := x.Bounds()
	for py := r.Min.Y; py < r.Max.Y; py++ {
		for px := r.Min.X; px < r.Max.X; px++ {
			if x.At(px, py) != y.At(px, py) {
				return false
			}
		}
	}
	return true
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
