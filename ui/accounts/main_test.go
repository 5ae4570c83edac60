package accounts

import (
	"os"
	"testing"

	"fyne.io/fyne/v2/lang"

	"kontor/assets"
)

// TestMain loads Kontor's English translations, so the screens read as in the
// app (plural forms included) and assertions can name the English text.
func TestMain(m *testing.M) {
	os.Setenv("LANGUAGE", "en")
	os.Setenv("LC_MESSAGES", "en")
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}
