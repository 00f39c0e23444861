package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// button is a button that Enter presses as well as Space, so the
// highlighted button of a dialog answers the key people press.
type button struct {
	widget.Button
	esc  func() bool       // Esc: closes the dialog the button is in
	ring *canvas.Rectangle // drawn round the button while it has the focus
}

// newButton makes a button that Enter and Space press.
func newButton(label string, tapped func()) *button {
	b := &button{}
	b.Text, b.OnTapped = label, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Enter, and otherwise does what a button does.
func (b *button) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && b.esc != nil {
		b.esc()
		return
	}
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		if !b.Disabled() {
			b.Tapped(nil)
		}
		return
	}
	b.Button.TypedKey(ev)
}

// CreateRenderer draws Fyne's button with a ring round it for the focus:
// Fyne's own tint is lost on a coloured default button.
func (b *button) CreateRenderer() fyne.WidgetRenderer {
	b.ring = canvas.NewRectangle(color.Transparent)
	b.ring.StrokeWidth = 2
	b.ring.CornerRadius = theme.InputRadiusSize()
	b.ring.Hide()
	return &ringRenderer{WidgetRenderer: b.Button.CreateRenderer(), ring: b.ring}
}

// FocusGained shows the ring.
func (b *button) FocusGained() {
	b.Button.FocusGained()
	if b.ring != nil {
		b.ring.StrokeColor = theme.Color(theme.ColorNameForeground)
		b.ring.Show()
		b.ring.Refresh()
	}
}

// FocusLost hides the ring.
func (b *button) FocusLost() {
	b.Button.FocusLost()
	if b.ring != nil {
		b.ring.Hide()
	}
}

// ringRenderer is a button's renderer with the focus ring on top.
type ringRenderer struct {
	fyne.WidgetRenderer
	ring *canvas.Rectangle
}

func (r *ringRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.ring.Move(fyne.NewPos(0, 0))
	r.ring.Resize(size)
}

func (r *ringRenderer) Objects() []fyne.CanvasObject {
	inner := r.WidgetRenderer.Objects()
	out := make([]fyne.CanvasObject, 0, len(inner)+1)
	return append(append(out, inner...), r.ring)
}
