package accounts

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kontor/domain"
)

func TestContactsAddEditRemove(t *testing.T) {
	f := newFixture(t)
	f.s.Open(f.lodz.ID)
	tab := f.s.view.contacts
	if len(tab.people) != 1 || !strings.Contains(f.s.view.tabs.Items[1].Text, "(1)") {
		t.Fatalf("contacts tab: %d people, title %q", len(tab.people), f.s.view.tabs.Items[1].Text)
	}

	test.Tap(tab.add)
	form := tab.form
	test.Type(form.fields[domain.FieldFirstName].Entry, "Zofia")
	form.fields[domain.FieldEmail].Entry.SetText("zofia(at)example")
	writes := f.db.Writes
	test.Tap(form.save)
	if f.db.Writes != writes {
		t.Fatal("an invalid contact was saved")
	}
	if p := form.fields[domain.FieldLastName].Problem(); p == "" {
		t.Error("missing last name shows no problem")
	}
	if p := form.fields[domain.FieldEmail].Problem(); !strings.Contains(p, "zofia(at)example") {
		t.Errorf("bad e-mail problem = %q", p)
	}
	test.Type(form.fields[domain.FieldLastName].Entry, "Ąbacka")
	if p := form.fields[domain.FieldLastName].Problem(); p != "" {
		t.Errorf("the problem stayed after typing the last name: %q", p)
	}
	form.fields[domain.FieldEmail].Entry.SetText("zofia@example.pl")
	form.fields[domain.FieldRole].Entry.SetText("Główna księgowa")
	form.fields[domain.FieldPhone].Entry.SetText("+48 600 100 200")
	test.Tap(form.save)
	if len(tab.people) != 2 || tab.people[0].LastName != "Ąbacka" {
		t.Fatalf("after adding: %d people, first %+v", len(tab.people), tab.people[0])
	}

	tab.edit(0)
	tab.form.fields[domain.FieldRole].Entry.SetText("Prezes")
	test.Tap(tab.form.save)
	if c, _ := f.db.FindContactByID(t.Context(), tab.people[0].ID); c.Role != "Prezes" {
		t.Errorf("edited role = %q", c.Role)
	}

	tab.remove(0)
	f.answer("Cancel")
	if len(tab.people) != 2 {
		t.Fatal("Cancel removed the person")
	}
	tab.remove(0)
	f.answer("Remove")
	if len(tab.people) != 1 || tab.people[0].LastName != "Żółkiewski" {
		t.Errorf("after removing: %+v", tab.people)
	}
}

func TestContactEditConflict(t *testing.T) {
	f := newFixture(t)
	f.s.Open(f.lodz.ID)
	tab := f.s.view.contacts
	tab.edit(0)
	f.db.TouchContact(tab.people[0].ID)
	tab.form.fields[domain.FieldRole].Entry.SetText("Kierownik")
	test.Tap(tab.form.save)
	if c, _ := f.db.FindContactByID(t.Context(), tab.people[0].ID); c.Role == "Kierownik" {
		t.Error("a stale contact edit was saved")
	}
	if !strings.Contains(f.overlayText(), "changed elsewhere") {
		t.Errorf("dialogs say %q", f.overlayText())
	}
}

func TestCopyContactDetails(t *testing.T) {
	f := newFixture(t)
	f.s.Open(f.lodz.ID)
	tab := f.s.view.contacts
	row := tab.newRow()
	tab.updateRow(0, row)
	// The copy buttons sit beside the e-mail and phone labels (see newRow).
	reach := row.(*fyne.Container).Objects[0].(*fyne.Container).Objects[1].(*fyne.Container)
	copyEmail := reach.Objects[0].(*fyne.Container).Objects[1]
	test.Tap(copyEmail.(fyne.Tappable))
	if got := fyne.CurrentApp().Clipboard().Content(); got != "jan@example.pl" {
		t.Errorf("clipboard = %q after copying the e-mail", got)
	}
	if copyPhone := reach.Objects[1].(*fyne.Container).Objects[1]; copyPhone.Visible() {
		t.Error("a copy button is shown for an empty phone number")
	}
}
