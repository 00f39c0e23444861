package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// button is a button that Enter presses as well as Space, so the
// highlighted button of a dialog answers the key people press.
type button struct {
	widget.Button
	esc func() bool // Esc: closes the dialog the button is in
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
