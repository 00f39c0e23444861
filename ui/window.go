package ui

// The window's size, remembered per computer user in Fyne's preferences.

import (
	"fyne.io/fyne/v2"
)

// The smallest and largest window size the window returns to; a
// remembered size outside them (0×0, or larger than any screen) is
// forgotten.
const (
	minWindowWidth, minWindowHeight = 800, 560
	maxWindowWidth, maxWindowHeight = 7680, 4320
)

// The preferences (per computer user, not per studio) that remember the
// window's size.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

// rememberedSize is the window's size when it was last closed, if that
// is a sensible size; else the size of a first start.
func (a *App) rememberedSize() fyne.Size {
	p := a.fy.Preferences()
	w := p.FloatWithFallback(prefWindowWidth, WindowWidth)
	h := p.FloatWithFallback(prefWindowHeight, WindowHeight)
	if !(w >= minWindowWidth && w <= maxWindowWidth && h >= minWindowHeight && h <= maxWindowHeight) { // also NaN
		return fyne.NewSize(WindowWidth, WindowHeight)
	}
	return fyne.NewSize(float32(w), float32(h))
}

// rememberSize keeps the window's size for the next start. (Fyne gives
// no access to the window's position; the desktop places the window.)
func (a *App) rememberSize() {
	size := a.win.Canvas().Size()
	if size.Width < minWindowWidth || size.Height < minWindowHeight {
		return // minimised or not shown: keep what was remembered
	}
	p := a.fy.Preferences()
	p.SetFloat(prefWindowWidth, float64(size.Width))
	p.SetFloat(prefWindowHeight, float64(size.Height))
}
