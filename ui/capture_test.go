package ui

import (
	"image"
	"image/color"
	"testing"
)

// Two captures that differ only where a text cursor blinks are the same
// picture; any other change is not.
func TestSameImageBesideTheCursor(t *testing.T) {
	frame := func() *image.NRGBA {
		img := image.NewNRGBA(image.Rect(0, 0, 200, 100))
		for i := range img.Pix {
			img.Pix[i] = 0x20
		}
		return img
	}
	a, b := frame(), frame()
	if !sameImage(a, b) {
		t.Fatal("two equal frames differ")
	}
	for y := 10; y < 29; y++ { // the cursor: 1×19 pixels
		b.Set(40, y, color.NRGBA{R: 0x2E, G: 0x7D, B: 0x6B, A: 0xFF})
	}
	if !sameImage(a, b) {
		t.Fatal("a blinking cursor made the frame unsteady")
	}
	for x := 100; x < 160; x++ { // a text that appeared
		b.Set(x, 90, color.White)
	}
	if sameImage(a, b) {
		t.Fatal("a new text went unnoticed")
	}
}
