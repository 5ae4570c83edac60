package accounts

import (
	"os"
	"testing"

	"kontor/ui/settings"
)

// TestMain loads Kontor's English translations, so the screens read as in the
// app (plural forms included) and assertions can name the English text.
func TestMain(m *testing.M) {
	if err := settings.ApplyLanguage("en"); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}
