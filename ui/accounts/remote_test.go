package accounts

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"kontor/domain"
)

// elsewhere changes an account as a pulled change does: in the file, behind
// the screen's back.
func (f *fixture) elsewhere(id domain.AccountID, change func(*domain.AccountFields)) {
	f.t.Helper()
	a := f.account(id)
	fields := a.AccountFields
	change(&fields)
	if _, err := f.db.UpdateAccount(context.Background(), id, domain.AccountUpdate{AccountFields: fields, Version: a.Version}); err != nil {
		f.t.Fatal(err)
	}
}

func TestChangesFromTheTeamReachTheOpenAccount(t *testing.T) {
	f := newFixture(t)
	f.s.Open(f.lodz.ID)
	view := f.s.view

	// Nothing of this account changed: the view stays as it is.
	f.elsewhere(f.other.ID, func(a *domain.AccountFields) { a.City = "Gniezno" })
	f.s.RemoteChanged()
	if f.s.view != view {
		t.Error("a change to another account reopened this one")
	}
	if got := f.rowTexts(1); !strings.Contains(strings.Join(got, " "), "Gniezno") {
		t.Errorf("the list did not read the change: %v", got)
	}

	// Changed elsewhere, nothing typed here: the view reads it.
	f.elsewhere(f.lodz.ID, func(a *domain.AccountFields) { a.Name = "Hurtownia Łódź S.A." })
	f.s.RemoteChanged()
	if f.field(domain.FieldName).Text != "Hurtownia Łódź S.A." {
		t.Fatalf("the open account shows %q after a pulled change", f.field(domain.FieldName).Text)
	}

	// A person pulled in under the account shows too.
	f.db.AddContact(t, f.lodz.ID, "Ewa", "Nowak", "ewa@example.pl")
	f.s.RemoteChanged()
	if len(f.s.view.contacts.people) != 2 {
		t.Errorf("%d people after a contact arrived, want 2", len(f.s.view.contacts.people))
	}

	// Typed here and changed there: what was typed stays, with a warning;
	// saving then asks, as for any record changed elsewhere.
	f.field(domain.FieldCity).SetText("Łódź Bałuty")
	f.elsewhere(f.lodz.ID, func(a *domain.AccountFields) { a.Phone = "+48 42 000 00 00" })
	f.s.RemoteChanged()
	if f.field(domain.FieldCity).Text != "Łódź Bałuty" || !strings.Contains(f.s.view.status.Text, "another computer") ||
		f.s.view.status.Importance != widget.WarningImportance {
		t.Fatalf("unsaved changes: city %q, status %q (importance %v)", f.field(domain.FieldCity).Text, f.s.view.status.Text, f.s.view.status.Importance)
	}
	f.s.Save()
	if !strings.Contains(f.overlayText(), "changed elsewhere") {
		t.Errorf("saving over the pulled change did not ask: %q", f.overlayText())
	}
}

func TestAnAccountThatLeftTheFileCloses(t *testing.T) {
	f := newFixture(t)
	f.s.Open(f.other.ID)
	if err := f.db.DeleteAccount(context.Background(), f.other.ID); err != nil {
		t.Fatal(err)
	}
	f.s.RemoteChanged()
	if f.s.view != nil {
		t.Error("an account that left the file stays open")
	}
}
