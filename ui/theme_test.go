package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Secondary text, and red, orange and green text, meets WCAG AA (4.5:1) on the background and on a
// selected row, in the light and the dark theme.
func TestSecondaryTextContrast(t *testing.T) {
	th := newTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		bg := th.Color(theme.ColorNameBackground, v)
		selected := over(th.Color(theme.ColorNameSelection, v), bg)
		for _, name := range []fyne.ThemeColorName{theme.ColorNameDisabled, theme.ColorNameForeground, theme.ColorNameError,
			theme.ColorNameWarning, theme.ColorNameSuccess} {
			fg := th.Color(name, v)
			for where, back := range map[string]color.Color{"background": bg, "selected row": selected} {
				if c := contrast(fg, back); c < 4.5 {
					t.Errorf("variant %d (0 dark, 1 light): %s on the %s has contrast %.2f, want at least 4.5", v, name, where, c)
				}
			}
		}
	}
}

// over is colour c drawn over an opaque background.
func over(c, bg color.Color) color.Color {
	r, g, b, a := c.RGBA()
	br, bgc, bb, _ := bg.RGBA()
	mix := func(f, k uint32) uint8 { return uint8((f*0xffff + k*(0xffff-a)) / 0xffff >> 8) }
	return color.NRGBA{R: mix(r, br), G: mix(g, bgc), B: mix(b, bb), A: 0xff}
}

// contrast is the WCAG contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// A red, orange or green button's label reads on it (4.5:1).
func TestStatusButtonContrast(t *testing.T) {
	th := newTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		for bg, fg := range map[fyne.ThemeColorName]fyne.ThemeColorName{theme.ColorNameError: theme.ColorNameForegroundOnError,
			theme.ColorNameWarning: theme.ColorNameForegroundOnWarning, theme.ColorNameSuccess: theme.ColorNameForegroundOnSuccess} {
			if c := contrast(th.Color(fg, v), th.Color(bg, v)); c < 4.5 {
				t.Errorf("variant %d: %s on %s has contrast %.2f", v, fg, bg, c)
			}
		}
	}
}
