package store_test

import (
	"reflect"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
)

func TestContactCRUD(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	clock := fixedClock(db, time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC))
	accounts, contacts := store.NewAccountService(db), store.NewContactService(db)
	a := mustCreate(t, accounts, "K1", "Firma", "Opole")

	in := domain.ContactFields{FirstName: "Łucja", LastName: "Żak", Role: "zakupy", Email: "l.zak@firma.pl", Phone: "+48 600 100 200"}
	c, err := contacts.CreateContact(ctx, a.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID == 0 || c.AccountID != a.ID || c.ContactFields != in || c.Version != 1 || !c.CreatedAt.Equal(*clock) {
		t.Errorf("created %+v", c)
	}
	got, err := contacts.FindContactByID(ctx, c.ID)
	if err != nil || !reflect.DeepEqual(got, c) {
		t.Errorf("FindContactByID = %+v, %v", got, err)
	}

	*clock = clock.Add(time.Minute)
	edit := c.ContactFields
	edit.Role, edit.Phone = "dyrektor", ""
	u, err := contacts.UpdateContact(ctx, c.ID, domain.ContactUpdate{ContactFields: edit, Version: c.Version})
	if err != nil || u.ContactFields != edit || u.Version != 2 || !u.UpdatedAt.Equal(*clock) || !u.CreatedAt.Equal(c.CreatedAt) {
		t.Errorf("updated %+v, %v", u, err)
	}

	// A stale editor conflicts and changes nothing.
	stale := c.ContactFields
	stale.Role = "księgowa"
	_, err = contacts.UpdateContact(ctx, c.ID, domain.ContactUpdate{ContactFields: stale, Version: c.Version})
	wantErr(t, err, domain.EConflict, "record.changed")
	if got, _ := contacts.FindContactByID(ctx, c.ID); got.Role != "dyrektor" {
		t.Errorf("role after the conflict = %q", got.Role)
	}

	// Invalid input is refused with field errors.
	bad := edit
	bad.LastName, bad.Email = "", "nie-mail"
	_, err = contacts.UpdateContact(ctx, c.ID, domain.ContactUpdate{ContactFields: bad, Version: u.Version})
	wantFieldErr(t, err, domain.EInvalid, "last_name", "field.required")
	wantFieldErr(t, err, domain.EInvalid, "email", "email.invalid")
	_, err = contacts.CreateContact(ctx, a.ID, domain.ContactFields{FirstName: "Jan"})
	wantFieldErr(t, err, domain.EInvalid, "last_name", "field.required")

	if err := contacts.DeleteContact(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	_, err = contacts.FindContactByID(ctx, c.ID)
	wantErr(t, err, domain.ENotFound, "contact.not_found")
	list, err := contacts.FindContacts(ctx, a.ID)
	if err != nil || len(list) != 0 {
		t.Errorf("contacts after delete = %v, %v", list, err)
	}
}

func TestContactDeletedElsewhere(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	accounts, contacts := store.NewAccountService(db), store.NewContactService(db)
	a := mustCreate(t, accounts, "K1", "Firma", "Opole")
	c := mustContact(t, contacts, a.ID, "Jan", "Nowak", "")

	// Another window deletes the contact while this one edits it.
	other := store.NewContactService(db)
	if err := other.DeleteContact(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	edit := c.ContactFields
	edit.Role = "handlowiec"
	_, err := contacts.UpdateContact(ctx, c.ID, domain.ContactUpdate{ContactFields: edit, Version: c.Version})
	wantErr(t, err, domain.ENotFound, "record.deleted")
	err = contacts.DeleteContact(ctx, c.ID)
	wantErr(t, err, domain.ENotFound, "record.deleted")
	if list, _ := contacts.FindContacts(ctx, a.ID); len(list) != 0 {
		t.Errorf("the failed edit brought the contact back: %+v", list)
	}
}

func TestContactNeedsAccount(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	accounts, contacts := store.NewAccountService(db), store.NewContactService(db)
	_, err := contacts.CreateContact(ctx, 999, domain.ContactFields{FirstName: "Jan", LastName: "Nowak"})
	wantErr(t, err, domain.ENotFound, "record.deleted")

	a := mustCreate(t, accounts, "K1", "Firma", "Opole")
	mustContact(t, contacts, a.ID, "Jan", "Nowak", "")
	mustContact(t, contacts, a.ID, "Ewa", "Nowak", "")
	if err := accounts.DeleteAccount(ctx, a.ID); err != nil {
		t.Fatalf("delete of an account with only contacts: %v", err)
	}
	// Its contacts went with it: none is left to find or to show in search.
	if hits, _ := accounts.SearchAccounts(ctx, domain.SearchQuery{Text: "nowak"}); len(hits) != 0 {
		t.Errorf("contacts of a deleted account still found: %+v", hits)
	}
}

func TestContactsOrderedByLastThenFirstName(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	accounts, contacts := store.NewAccountService(db), store.NewContactService(db)
	a := mustCreate(t, accounts, "K1", "Firma", "Opole")
	b := mustCreate(t, accounts, "K2", "Inna", "Opole")
	for _, n := range [][2]string{{"Zofia", "Łukasiewicz"}, {"Adam", "Lis"}, {"Ewa", "Zając"}, {"Adam", "Żak"},
		{"Ścibor", "Nowak"}, {"Stefan", "Nowak"}, {"Anna", "Ćwik"}, {"Jan", "Czech"}} {
		mustContact(t, contacts, a.ID, n[0], n[1], "")
	}
	mustContact(t, contacts, b.ID, "Obcy", "Abacki", "")
	list, err := contacts.FindContacts(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range list {
		got = append(got, c.FullName())
	}
	want := []string{"Jan Czech", "Anna Ćwik", "Adam Lis", "Zofia Łukasiewicz", "Stefan Nowak", "Ścibor Nowak", "Ewa Zając", "Adam Żak"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("contacts in order\n got %q\nwant %q", got, want)
	}
}
