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
	if got := RepName(s.d.Prefs); got != "Anna Nowak" {
		t.Errorf("stored rep name %q", got)
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
	test.Tap(l.save)
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
	test.Tap(l.save)
	c, _ := db.FindCompany(t.Context())
	if c.TaxID != "5260001246" || c.PostalCode != "90-001" || c.BankAccount != "PL61109010140000071219812874" || c.City != "Łódź" {
		t.Errorf("stored %+v", c)
	}
	if c.Remittance != "Prosimy o przelew w terminie.\nW tytule: numer faktury." {
		t.Errorf("remittance %q", c.Remittance)
	}
	if got := l.fields[domain.FieldTaxID].Text(); got != "526-000-12-46" || !strings.Contains(l.status.Text, "saved") {
		t.Errorf("after saving: NIP %q, status %q", got, l.status.Text)
	}
	if s.d.Prefs.String("company_name") != "" {
		t.Error("the letterhead went into the preferences")
	}
}
