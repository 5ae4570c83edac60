package xwidget

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme is Fyne's own theme with the secondary text readable: Fyne writes
// low-importance labels (counts, hints, "Saved.") in its disabled colour,
// which on the dark background is grey on black (#39393a on #171718, a
// contrast of 1.6:1). Kontor's is 4.9:1 in the dark variant and 5.3:1 in the
// light one; disabled buttons still look disabled by their background.
func Theme() fyne.Theme { return kontorTheme{} }

type kontorTheme struct{}

var (
	darkSecondary  = color.NRGBA{R: 0x8e, G: 0x8e, B: 0x93, A: 0xff}
	lightSecondary = color.NRGBA{R: 0x6a, G: 0x6a, B: 0x70, A: 0xff}
)

func (kontorTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled {
		if v == theme.VariantLight {
			return lightSecondary
		}
		return darkSecondary
	}
	return theme.DefaultTheme().Color(n, v)
}

func (kontorTheme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (kontorTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }
func (kontorTheme) Size(n fyne.ThemeSizeName) float32       { return theme.DefaultTheme().Size(n) }
