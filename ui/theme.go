package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// accent is the studio's one accent colour, a calm teal.
var accent = color.NRGBA{R: 0x2E, G: 0x7D, B: 0x6B, A: 0xFF}

// studioTheme is Fyne's theme, following the system's light or dark mode,
// with the accent colour as primary.
type studioTheme struct{ fyne.Theme }

func newTheme() fyne.Theme { return studioTheme{theme.DefaultTheme()} }

func (t studioTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return accent
	case theme.ColorNameFocus, theme.ColorNameSelection:
		return color.NRGBA{R: accent.R, G: accent.G, B: accent.B, A: 0x55}
	case theme.ColorNameDisabled:
		// secondary text (low importance) is drawn in this colour: Fyne's
		// own greys are barely visible, these meet WCAG AA (4.5:1) on the
		// background and on a selected row
		if v == theme.VariantDark {
			return color.NRGBA{R: 0xA8, G: 0xA8, B: 0xA8, A: 0xFF}
		}
		return color.NRGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xFF}
	}
	return t.Theme.Color(n, v)
}
