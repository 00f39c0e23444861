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
	if c, ok := statusColors[v][n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}

// statusColors are red, orange and green for text (overdue, warnings,
// confirmations) that meet WCAG AA (4.5:1) on the background and on a
// highlighted row; a button of that colour writes on it in a colour that
// reads as well.
var statusColors = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantLight: {
		theme.ColorNameError:   color.NRGBA{R: 0xA8, G: 0x1E, B: 0x1A, A: 0xFF},
		theme.ColorNameWarning: color.NRGBA{R: 0x6E, G: 0x3B, B: 0x00, A: 0xFF},
		theme.ColorNameSuccess: color.NRGBA{R: 0x14, G: 0x52, B: 0x18, A: 0xFF},

		theme.ColorNameForegroundOnError:   color.White,
		theme.ColorNameForegroundOnWarning: color.White,
		theme.ColorNameForegroundOnSuccess: color.White,
	},
	theme.VariantDark: {
		theme.ColorNameError:             color.NRGBA{R: 0xFF, G: 0x8A, B: 0x80, A: 0xFF},
		theme.ColorNameForegroundOnError: color.NRGBA{R: 0x1A, G: 0x1A, B: 0x1A, A: 0xFF},
	},
}
