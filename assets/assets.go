// Package assets holds the files built into Kontor: the icon and the
// translations. It imports no Fyne, so kontorctl and tests can read it too.
package assets

import (
	"embed"
	_ "embed"
)

// Icon is the application icon, 512×512 PNG.
//
//go:embed icon.png
var Icon []byte

// Translations holds translations/en.json and translations/pl.json in the go-i18n
// format fyne.io/fyne/v2/lang reads.
//
//go:embed translations/*.json
var Translations embed.FS
