package catalog

import (
	"os"
	"testing"

	"kontor/ui/settings"
)

// TestMain loads Kontor's English translations, so the screen reads as in the
// app and assertions can name the English text.
func TestMain(m *testing.M) {
	if err := settings.ApplyLanguage("en"); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}
