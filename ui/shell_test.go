package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/language"
	"kontor/ui/settings"
	"kontor/ui/uitest"
	"kontor/ui/worker"
)

func newShell(t *testing.T) (*Shell, *domaintest.Store, fyne.Window) {
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(k, "")
	}
	a := test.NewTempApp(t)
	a.Preferences().SetString(settings.PrefLanguage, "en")
	a.Preferences().SetString(settings.PrefRepName, "Anna Nowak")
	Prepare(a)
	t.Cleanup(func() { language.Apply("") })
	db := domaintest.New()
	db.AddAccount(t, "K1", "Hurtownia Łódź", "Łódź")
	w := test.NewWindow(nil) // not closed at cleanup: a test closes it
	w.Resize(fyne.NewSize(1280, 800))
	cat := domaintest.NewCatalog(db)
	docs := domaintest.NewDocuments(cat)
	ledger := domaintest.NewLedger(docs)
	s := New(Deps{App: a, Window: w, Accounts: db, Contacts: db, DataPath: "/data/kontor.db", Run: worker.Inline,
		Activities: db, Now: func() time.Time { return shellNow },
		Products: cat, Groups: cat, Agreements: cat, Prices: cat, Company: cat,
		Quotes: docs, Orders: docs, DocSettings: docs,
		Invoices: ledger, Payments: ledger, Receivables: ledger, Statements: domaintest.NewPrinter(ledger)})
	return s, db, w
}

// menuAction finds the menu command bound to Ctrl+key.
func menuAction(t *testing.T, w fyne.Window, key fyne.KeyName) func() {
	t.Helper()
	for _, m := range w.MainMenu().Items {
		for _, it := range m.Items {
			if sc, ok := it.Shortcut.(*desktop.CustomShortcut); ok && sc.KeyName == key && sc.Modifier == fyne.KeyModifierShortcutDefault {
				return it.Action
			}
		}
	}
	t.Fatalf("no menu command for Ctrl+%s", key)
	return nil
}

func TestShellShortcutsAndSections(t *testing.T) {
	s, db, w := newShell(t)
	if !strings.Contains(w.Title(), "Kontor") {
		t.Errorf("title %q", w.Title())
	}
	if s.nav.Length() != 9 {
		t.Errorf("sidebar has %d sections, want Today, Accounts, Quotes, Orders, Receivables, History search, Catalog, Customer groups and Settings", s.nav.Length())
	}
	menuAction(t, w, fyne.KeyN)()
	if w.Canvas().Focused() == nil {
		t.Fatal("Ctrl+N did not put the cursor in a new account's code")
	}
	test.Type(w.Canvas().Focused(), "K2")
	// Move to the name: the focus order follows the form.
	test.FocusNext(w.Canvas())
	test.Type(w.Canvas().Focused(), "Nowa Firma")
	menuAction(t, w, fyne.KeyS)()
	a, err := db.FindAccountByCode(t.Context(), "K2")
	if err != nil || a.Name != "Nowa Firma" || a.Owner != "Anna Nowak" {
		t.Fatalf("Ctrl+S saved %+v, %v", a, err)
	}
	menuAction(t, w, fyne.KeyF)()
	if w.Canvas().Focused() == nil {
		t.Error("Ctrl+F focused nothing")
	}
	s.nav.Select(sectionSettings)
	if s.body.Objects[0] != s.settings.Content() {
		t.Error("Settings did not show")
	}
}

func TestLanguageSwitchRebuildsWindow(t *testing.T) {
	s, _, w := newShell(t)
	s.nav.Select(sectionSettings)
	s.changeLanguage("pl")
	if w.Title() != "Kontor — Ustawienia" {
		t.Errorf("title after switching to Polish: %q", w.Title())
	}
	if got := w.MainMenu().Items[1].Label; got != "Konta" {
		t.Errorf("menu after switching to Polish: %q", got)
	}
	if s.section != sectionSettings || s.body.Objects[0] != s.settings.Content() {
		t.Error("the switch left the Settings section")
	}
	if got := s.d.App.Preferences().String(settings.PrefLanguage); got != "pl" {
		t.Errorf("stored language %q", got)
	}
}

func TestClosingAsksAboutUnsavedChanges(t *testing.T) {
	s, db, w := newShell(t)
	closed := false
	w.SetOnClosed(func() { closed = true })
	menuAction(t, w, fyne.KeyN)()
	test.Type(w.Canvas().Focused(), "K9")
	s.requestClose()
	if closed {
		t.Fatal("the window closed over unsaved changes")
	}
	tapButton(t, w, "Cancel")
	if closed || !s.accounts.Dirty() {
		t.Fatal("Cancel closed the window or lost the edit")
	}
	s.requestClose()
	tapButton(t, w, "Discard changes")
	if !closed {
		t.Error("Discard did not close the window")
	}
	if _, err := db.FindAccountByCode(t.Context(), "K9"); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("Discard saved the account: %v", err)
	}
}

// tapButton taps the button labelled label in the window's top dialog.
func tapButton(t *testing.T, w fyne.Window, label string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog to tap %q in", label)
	}
	test.Tap(uitest.Button(t, top, label))
}

func TestOpenErrorIsTranslated(t *testing.T) {
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(k, "")
	}
	a := test.NewTempApp(t)
	a.Preferences().SetString(settings.PrefLanguage, "pl")
	Prepare(a)
	t.Cleanup(func() { language.Apply("") })
	w := test.NewTempWindow(t, nil)
	err := domain.Errorf(domain.EUnusable, "db.not_kontor", "{{.Path}} is not a Kontor database. Kontor left it unchanged; choose another file.",
		map[string]any{"Path": "/tmp/obcy.db"})
	restore := func(context.Context, string) (string, error) { return "", nil }
	ShowOpenError(a, w, "/tmp/obcy.db", err, restore)
	all := uitest.Text(w.Content())
	// A file that cannot be used offers the way back: a backup.
	for _, want := range []string{"Kontor nie może otworzyć pliku z danymi", "/tmp/obcy.db nie jest bazą danych Kontora", "Przywróć z kopii zapasowej…"} {
		if !strings.Contains(all, want) {
			t.Errorf("open error window says %q, want %q", all, want)
		}
	}
	// A read-only file is not mended by a backup.
	ShowOpenError(a, w, "/tmp/ro.db", domain.Errorf(domain.EReadOnly, "db.read_only", "read-only", nil), restore)
	if all := uitest.Text(w.Content()); strings.Contains(all, "Przywróć") {
		t.Errorf("a read-only file offers a restore: %q", all)
	}
}
