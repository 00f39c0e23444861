package ui

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"io"

	"studiopartner/data/disk"
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
	return img.Bounds().Size(), a.store.WriteFile(path, disk.WriteOptions{Mode: 0o644, Force: replace}, func(out io.Writer) error {
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

// sameImage reports whether two captures show the same picture: the same
// pixels, but for the text cursor, which fades in and out for as long as
// a field has the focus (a change no wider than a cursor).
func sameImage(x, y image.Image) bool {
	if x.Bounds() != y.Bounds() {
		return false
	}
	px, stride, okx := pixels(x)
	py, _, oky := pixels(y)
	if !okx || !oky {
		return slowSame(x, y)
	}
	changed := image.Rectangle{}
	for row := 0; row*stride < len(px); row++ {
		a, b := px[row*stride:(row+1)*stride], py[row*stride:(row+1)*stride]
		if bytes.Equal(a, b) {
			continue
		}
		for i := 0; i < stride; i += 4 {
			if !bytes.Equal(a[i:i+4], b[i:i+4]) {
				changed = changed.Union(image.Rect(i/4, row, i/4+1, row+1))
			}
		}
		if changed.Dx() > cursorWidth || changed.Dy() > cursorHeight {
			return false
		}
	}
	return true
}

// pixels are an image's bytes, four to a pixel, and the bytes of a row.
func pixels(img image.Image) ([]byte, int, bool) {
	switch v := img.(type) {
	case *image.NRGBA:
		return v.Pix, v.Stride, v.Rect.Min == image.Point{}
	case *image.RGBA:
		return v.Pix, v.Stride, v.Rect.Min == image.Point{}
	}
	return nil, 0, false
}

// slowSame compares two images of another kind pixel by pixel.
func slowSame(x, y image.Image) bool {
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

// The most a blinking text cursor changes between two captures.
const (
	cursorWidth  = 3
	cursorHeight = 40
)

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
