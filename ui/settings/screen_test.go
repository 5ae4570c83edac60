package settings

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/uitest"
	"kontor/ui/worker"
)

func TestMain(m *testing.M) { uitest.Main(m) }

func newScreen(t *testing.T, d Deps) (*Screen, fyne.Window) {
	w := uitest.Window(t, 1000, 900)
	d.Window, d.Prefs, d.Run = w, fyne.CurrentApp().Preferences(), worker.Inline
	s := New(d)
	w.SetContent(s.Content())
	return s, w
}

func TestLanguageChoiceAndRepName(t *testing.T) {
	var chosen []string
	s, _ := newScreen(t, Deps{DataPath: "/data/kontor.db", ChangeLanguage: func(c string) { chosen = append(chosen, c) }})
	s.language.SetSelected("Polski")
	if len(chosen) != 1 || chosen[0] != "pl" {
		t.Fatalf("choosing Polski asked for %v", chosen)
	}
	s.Reset() // the shell called the change off
	if s.language.Selected == "Polski" || len(chosen) != 1 {
		t.Errorf("reset shows %q, asked %v", s.language.Selected, chosen)
	}
	test.Type(s.repName, "Anna Nowak")
	if got := RepName(s.d.Prefs); got != "" || s.save.Disabled() || !s.Dirty() {
		t.Errorf("typed, not saved: stored rep name %q, Save disabled %v", got, s.save.Disabled())
	}
	test.Tap(s.save)
	if got := RepName(s.d.Prefs); got != "Anna Nowak" || !s.save.Disabled() || s.Dirty() || s.saveStatus.Text != "Saved." {
		t.Errorf("saved: stored rep name %q, Save disabled %v, status %q", got, s.save.Disabled(), s.saveStatus.Text)
	}
}

func TestBackup(t *testing.T) {
	var wrote string
	fail := false
	s, w := newScreen(t, Deps{Backup: func(_ context.Context, path string) error {
		if fail {
			return domain.Errorf(domain.EConflict, "backup.exists", "{{.Path}} already exists; choose a new file name", map[string]any{"Path": path})
		}
		wrote = path
		return nil
	}})
	path := filepath.Join(t.TempDir(), "copy.db")
	s.BackupTo(path)
	if wrote != path || !strings.Contains(s.status.Text, path) || s.backup.Disabled() {
		t.Errorf("backup wrote %q, status %q", wrote, s.status.Text)
	}
	fail = true
	s.BackupTo(path)
	if s.status.Text != "" || w.Canvas().Overlays().Top() == nil {
		t.Errorf("a failed backup: status %q, no dialog", s.status.Text)
	}
}

// TestRestore: Settings offers a restore only when it can do one; a restore
// runs in the background with the buttons off and says where the replaced
// file was kept, or why it could not be done.
func TestRestore(t *testing.T) {
	if s, _ := newScreen(t, Deps{}); s.restore != nil {
		t.Error("a restore button without a way to restore")
	}
	var from string
	fail := false
	s, w := newScreen(t, Deps{Restore: func(_ context.Context, path string) (string, error) {
		if fail {
			return "", domain.Errorf(domain.EBusy, "restore.in_use", "{{.Path}} is open in Kontor or kontorctl; close them and try again. Nothing was changed.",
				map[string]any{"Path": "/data/kontor.db"})
		}
		from = path
		return "/data/kontor.db.before-restore-20261206-101500", nil
	}})
	if s.restore == nil {
		t.Fatal("no restore button")
	}
	RestoreFrom(w, s.d.Run, s.d.Restore, s.busy, "/kopie/wczoraj.db")
	if from != "/kopie/wczoraj.db" || s.restore.Disabled() || s.backup.Disabled() {
		t.Errorf("restored from %q; buttons disabled %v %v", from, s.restore.Disabled(), s.backup.Disabled())
	}
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(uitest.Text(top), "before-restore-20261206-101500") {
		t.Errorf("the restore does not say where the replaced file is")
	}
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	fail = true
	RestoreFrom(w, s.d.Run, s.d.Restore, s.busy, "/kopie/wczoraj.db")
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(uitest.Text(top), "close them and try again") {
		t.Errorf("a refused restore does not say why")
	}
}

func TestLetterheadIsStoredThroughTheCompanyService(t *testing.T) {
	db := domaintest.NewCatalog(domaintest.New())
	s, _ := newScreen(t, Deps{Company: db})
	l := s.company
	set := func(field, text string) { l.fields[field].Entry.SetText(text) }
	set(domain.FieldName, "Kontor Hurt Sp. z o.o.")
	set(domain.FieldTaxID, "123-456-78-90")
	if p := l.fields[domain.FieldTaxID].Problem(); !strings.Contains(p, "check digit") {
		t.Errorf("bad NIP: problem %q", p)
	}
	writes := db.Writes
	test.Tap(s.save)
	if db.Writes != writes {
		t.Fatal("an invalid letterhead was saved")
	}
	set(domain.FieldTaxID, "PL 526 000 12 46")
	set(domain.FieldStreet, "ul. Piotrkowska 1")
	set(domain.FieldPostalCode, "90001")
	set(domain.FieldCity, "Łódź")
	set(domain.FieldBankAccount, "61 1090 1014 0000 0712 1981 2874")
	if !l.fields[domain.FieldRemittance].Entry.MultiLine {
		t.Error("the remittance text is not a paragraph")
	}
	set(domain.FieldRemittance, "Prosimy o przelew w terminie.\nW tytule: numer faktury.")
	test.Tap(s.save)
	c, _ := db.FindCompany(t.Context())
	if c.TaxID != "5260001246" || c.PostalCode != "90-001" || c.BankAccount != "PL61109010140000071219812874" || c.City != "Łódź" {
		t.Errorf("stored %+v", c)
	}
	if c.Remittance != "Prosimy o przelew w terminie.\nW tytule: numer faktury." {
		t.Errorf("remittance %q", c.Remittance)
	}
	if got := l.fields[domain.FieldTaxID].Text(); got != "526-000-12-46" || s.saveStatus.Text != "Saved." {
		t.Errorf("after saving: NIP %q, status %q", got, s.saveStatus.Text)
	}
	if s.d.Prefs.String("company_name") != "" {
		t.Error("the letterhead went into the preferences")
	}
}

// TestOneSaveForTheScreen: the screen's one Save takes every section's
// changes; leaving with some unsaved asks first, and Discard shows the stored
// values again, Save stores them.
func TestOneSaveForTheScreen(t *testing.T) {
	docs := domaintest.NewDocuments(domaintest.NewCatalog(domaintest.New()))
	s, w := newScreen(t, Deps{DataPath: "/data/kontor.db", Documents: docs, Company: domaintest.NewCatalog(domaintest.New())})
	if !s.save.Disabled() || s.Dirty() {
		t.Fatal("a screen just loaded has something to save")
	}
	if s.company.fields[domain.FieldLogo].Entry.ActionItem == nil {
		t.Error("the logo has no file chooser")
	}
	left := 0
	leave := func() { left++ }

	s.repName.SetText("Anna Nowak")
	s.documents.validDays.Entry.SetText("21")
	s.ConfirmLeave(leave)
	top := w.Canvas().Overlays().Top()
	if left != 0 || top == nil {
		t.Fatal("leaving with unsaved settings asked nothing")
	}
	test.Tap(uitest.Button(t, top, "Discard changes"))
	if left != 1 || s.repName.Text != "" || s.documents.validDays.Text() != "30" || s.Dirty() || !s.save.Disabled() {
		t.Errorf("discarded: left %d, name %q, days %q", left, s.repName.Text, s.documents.validDays.Text())
	}

	s.repName.SetText("Anna Nowak")
	s.documents.validDays.Entry.SetText("21")
	s.ConfirmLeave(leave)
	test.Tap(uitest.Button(t, w.Canvas().Overlays().Top(), "Save"))
	got, _ := docs.FindDocumentSettings(t.Context())
	if left != 2 || RepName(s.d.Prefs) != "Anna Nowak" || got.QuoteValidDays != 21 || s.Dirty() {
		t.Errorf("saved on leaving: left %d, name %q, days %d", left, RepName(s.d.Prefs), got.QuoteValidDays)
	}

	// A refusal in one section keeps the screen unsaved, and says so.
	s.documents.validDays.Entry.SetText("400")
	s.ConfirmLeave(leave)
	test.Tap(uitest.Button(t, w.Canvas().Overlays().Top(), "Save"))
	if left != 2 || s.documents.validDays.Problem() == "" || s.save.Disabled() || !strings.HasPrefix(s.saveStatus.Text, "Not saved") {
		t.Errorf("refused: left %d, problem %q, status %q", left, s.documents.validDays.Problem(), s.saveStatus.Text)
	}
}
