package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kontor/domain/domaintest"
	"kontor/ui/settings"
	"kontor/ui/uitest"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

// TestFirstStartAsksTheName: with no name in Settings the first start asks
// for it, proposing the computer's; the answer is the rep's name from then
// on, and a later start does not ask again.
func TestFirstStartAsksTheName(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(settings.PrefLanguage, "en")
	Prepare(a)
	db := domaintest.New()
	cat := domaintest.NewCatalog(db)
	start := func() fyne.Window {
		w := test.NewWindow(nil)
		t.Cleanup(w.Close)
		w.Resize(uitest.Small)
		New(Deps{App: a, Window: w, Accounts: db, Contacts: db, Activities: db, DataPath: "/data/kontor.db", Run: worker.Inline, AskName: true,
			Products: cat, Groups: cat, Agreements: cat, Prices: cat, Company: cat})
		return w
	}
	w := start()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the first start asked nothing")
	}
	entry, ok := w.Canvas().Focused().(*xwidget.Entry)
	if !ok || entry.Text != systemName() {
		t.Fatalf("the name proposed: %v", w.Canvas().Focused())
	}
	uitest.CheckLayout(t, w, "the name's question")
	entry.SetText("  Anna Nowak ")
	test.Tap(uitest.Button(t, top, "Use this name"))
	if got := settings.RepName(a.Preferences()); got != "Anna Nowak" || w.Canvas().Overlays().Top() != nil {
		t.Errorf("stored %q", got)
	}
	if w := start(); w.Canvas().Overlays().Top() != nil {
		t.Error("a later start asked again")
	}
}
