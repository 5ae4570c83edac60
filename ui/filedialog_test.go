package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kontor/ui/language"
	"kontor/ui/settings"
	"kontor/ui/uitest"
	"kontor/ui/xwidget"
)

// TestFileDialogNamesPlacesInPolish: Fyne's file dialog writes its places
// (Home, Computer…) in English; Kontor's shows them in the user's language.
func TestFileDialogNamesPlacesInPolish(t *testing.T) {
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(k, "")
	}
	a := test.NewTempApp(t)
	a.Preferences().SetString(settings.PrefLanguage, "pl")
	Prepare(a)
	t.Cleanup(func() { language.Apply("en") })
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(uitest.Laptop)
	xwidget.SaveFile(w, "kontor.csv", func(string) {})
	text := uitest.OverlayText(w)
	for _, want := range []string{"Katalog domowy", "Komputer", "Wpisz nazwę pliku"} {
		if !strings.Contains(text, want) {
			t.Errorf("the file dialog lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Home") || strings.Contains(text, "Computer") {
		t.Errorf("English names of places:\n%s", text)
	}
}
