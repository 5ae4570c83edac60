package servicetest

import (
	"testing"

	"kontor/domain"
)

func accountCodes(list []*domain.Account) []string {
	return mapList(list, func(a *domain.Account) string { return a.Code })
}

func rowCodes(rows []domain.AccountRow) []string {
	return mapList(rows, func(r domain.AccountRow) string { return r.Code })
}

// Accounts: create, find, update, archive and delete accounts; the list's
// Polish order, paging and last-contact orders.
func Accounts(t *testing.T, open Factory) {
	t.Run("CreateFindUpdate", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		f := domain.NewAccountFields()
		f.Code, f.Name, f.City, f.TaxID, f.PostalCode = "K1", "Hurtownia Łódź", "Łódź", "526-000-12-46", "90001"
		f.CreditLimit, f.Owner = amount(t, "5000"), "Anna"
		a, err := s.Accounts.CreateAccount(ctx, f)
		check(t, "create", err)
		if a.ID == 0 || a.Version != 1 || !a.CreatedAt.Equal(Now) || !a.UpdatedAt.Equal(Now) {
			t.Errorf("created = id %d, version %d, created %v, updated %v; want an id, version 1 and the clock's time",
				a.ID, a.Version, a.CreatedAt, a.UpdatedAt)
		}
		// Validation normalised the fields before they were stored.
		equal(t, "tax ID", a.TaxID, "5260001246")
		equal(t, "postal code", a.PostalCode, "90-001")
		equal(t, "country", a.Country, "PL")
		for _, by := range []string{"K1", "k1", " K1 "} {
			got, err := s.Accounts.FindAccountByCode(ctx, by)
			check(t, "find by code "+by, err)
			equal(t, "found by code "+by, got.ID, a.ID)
		}
		got, err := s.Accounts.FindAccountByID(ctx, a.ID)
		check(t, "find by id", err)
		if got.AccountFields != a.AccountFields || got.Version != 1 {
			t.Errorf("found = %+v, want %+v", got, a)
		}

		f.Name, f.CreditLimit = "Hurtownia Łódź Sp. z o.o.", amount(t, "7500,50")
		up, err := s.Accounts.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: f, Version: a.Version})
		check(t, "update", err)
		equal(t, "version after update", up.Version, 2)
		equal(t, "name after update", up.Name, "Hurtownia Łódź Sp. z o.o.")
		equal(t, "credit limit after update", up.CreditLimit.String(), "7500.50")
		// A stale version is refused, and nothing is saved.
		f.Name = "Stale"
		_, err = s.Accounts.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: f, Version: 1})
		wantErr(t, "stale update", err, domain.EConflict, "record.changed")
		// Version 0 skips the check (imports).
		up, err = s.Accounts.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: f})
		check(t, "update without version", err)
		equal(t, "version after unchecked update", up.Version, 3)
		equal(t, "name after unchecked update", up.Name, "Stale")
	})

	t.Run("Invalid", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		f := domain.NewAccountFields()
		_, err := s.Accounts.CreateAccount(ctx, f)
		wantField(t, "blank", err, domain.EInvalid, domain.FieldCode, "field.required")
		wantField(t, "blank", err, domain.EInvalid, domain.FieldName, "field.required")
		f.Code, f.Name, f.TaxID = "K1", "Firma", "5260001247"
		_, err = s.Accounts.CreateAccount(ctx, f)
		wantField(t, "bad NIP", err, domain.EInvalid, domain.FieldTaxID, "nip.checksum")
		wantErr(t, "bad NIP", err, domain.EInvalid, "account.invalid")
	})

	t.Run("CodeTaken", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		account(t, s, "K1", "Pierwsza", "Kraków")
		b := account(t, s, "K2", "Druga", "Kraków")
		f := domain.NewAccountFields()
		f.Code, f.Name = "k1", "Trzecia"
		_, err := s.Accounts.CreateAccount(ctx, f)
		wantErr(t, "code taken in another case", err, domain.EConflict, "account.code_taken")
		wantField(t, "code taken in another case", err, domain.EConflict, domain.FieldCode, "code.taken")
		f = b.AccountFields
		f.Code = "K1"
		_, err = s.Accounts.UpdateAccount(ctx, b.ID, domain.AccountUpdate{AccountFields: f, Version: b.Version})
		wantField(t, "update to a code taken", err, domain.EConflict, domain.FieldCode, "code.taken")
	})

	t.Run("NotFound", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		_, err := s.Accounts.FindAccountByID(ctx, 999)
		wantErr(t, "find by id", err, domain.ENotFound, "account.not_found")
		_, err = s.Accounts.FindAccountByCode(ctx, "NOPE")
		wantErr(t, "find by code", err, domain.ENotFound, "account.not_found")
		f := domain.NewAccountFields()
		f.Code, f.Name = "K9", "Nikt"
		_, err = s.Accounts.UpdateAccount(ctx, 999, domain.AccountUpdate{AccountFields: f, Version: 1})
		wantErr(t, "update", err, domain.ENotFound, "record.deleted")
		_, err = s.Accounts.SetAccountArchived(ctx, 999, true)
		wantErr(t, "archive", err, domain.ENotFound, "record.deleted")
		wantErr(t, "delete", s.Accounts.DeleteAccount(ctx, 999), domain.ENotFound, "record.deleted")
	})

	t.Run("HeadOffice", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		hq := account(t, s, "HQ", "Centrala", "Warszawa")
		br := account(t, s, "BR1", "Oddział", "Radom", withParent("hq"))
		account(t, s, "BR2", "Oddział Drugi", "Płock", withParent("HQ"))
		account(t, s, "OTHER", "Inna", "Gdańsk")
		if br.ParentID != hq.ID || br.ParentCode != "HQ" || br.ParentName != "Centrala" {
			t.Errorf("branch's head office = %d %q %q, want %d HQ Centrala", br.ParentID, br.ParentCode, br.ParentName, hq.ID)
		}
		list, total, err := s.Accounts.FindAccounts(ctx, domain.AccountFilter{ParentID: hq.ID})
		check(t, "branches", err)
		equal(t, "branches total", total, 2)
		equalList(t, "branches", accountCodes(list), []string{"BR1", "BR2"})

		f := domain.NewAccountFields()
		f.Code, f.Name, f.ParentCode = "X", "X", "NOPE"
		_, err = s.Accounts.CreateAccount(ctx, f)
		wantField(t, "unknown head office", err, domain.EInvalid, domain.FieldParentCode, "parent.unknown")
		// The head office may not sit below its own branch.
		f = hq.AccountFields
		f.ParentCode = "BR1"
		_, err = s.Accounts.UpdateAccount(ctx, hq.ID, domain.AccountUpdate{AccountFields: f, Version: hq.Version})
		wantField(t, "loop", err, domain.EInvalid, domain.FieldParentCode, "parent.loop")
		f.ParentCode = "HQ"
		_, err = s.Accounts.UpdateAccount(ctx, hq.ID, domain.AccountUpdate{AccountFields: f, Version: hq.Version})
		wantField(t, "own head office", err, domain.EInvalid, domain.FieldParentCode, "parent.self")

		e := wantErr(t, "delete head office", s.Accounts.DeleteAccount(ctx, hq.ID), domain.EConflict, "account.has_branches")
		equal(t, "branches in the error", e.Args["Count"], any(2))
	})

	t.Run("PolishOrderAndPaging", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		for i, name := range []string{"Żaba", "Zebra", "Łoś", "Lis", "Ćma", "Cyna", "apteka", "Ąb"} {
			account(t, s, "A"+string(rune('1'+i)), name, "Kraków")
		}
		want := []string{"apteka", "Ąb", "Cyna", "Ćma", "Lis", "Łoś", "Zebra", "Żaba"}
		list, total, err := s.Accounts.FindAccounts(ctx, domain.AccountFilter{})
		check(t, "list", err)
		equal(t, "total", total, 8)
		equalList(t, "Polish order", mapList(list, func(a *domain.Account) string { return a.Name }), want)
		rows, total, err := s.Accounts.ListAccountRows(ctx, domain.AccountFilter{Offset: 3, Limit: 3})
		check(t, "page", err)
		equal(t, "total of a page", total, 8)
		equalList(t, "page", mapList(rows, func(r domain.AccountRow) string { return r.Name }), want[3:6])
		rows, _, err = s.Accounts.ListAccountRows(ctx, domain.AccountFilter{Offset: 6, Limit: 5})
		check(t, "last page", err)
		equalList(t, "last page", mapList(rows, func(r domain.AccountRow) string { return r.Name }), want[6:])
		rows, _, err = s.Accounts.ListAccountRows(ctx, domain.AccountFilter{Offset: 10, Limit: 5})
		check(t, "past the end", err)
		equal(t, "rows past the end", len(rows), 0)
	})

	t.Run("Archive", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		a := account(t, s, "K1", "Archiwalna", "Kraków")
		account(t, s, "K2", "Bieżąca", "Kraków")
		arch, err := s.Accounts.SetAccountArchived(ctx, a.ID, true)
		check(t, "archive", err)
		if !arch.Archived || arch.Version != 2 {
			t.Errorf("archived = %v, version %d; want true, 2", arch.Archived, arch.Version)
		}
		list, total, err := s.Accounts.FindAccounts(ctx, domain.AccountFilter{})
		check(t, "active", err)
		equal(t, "active total", total, 1)
		equalList(t, "active", accountCodes(list), []string{"K2"})
		rows, total, err := s.Accounts.ListAccountRows(ctx, domain.AccountFilter{IncludeArchived: true})
		check(t, "with archived", err)
		equal(t, "total with archived", total, 2)
		equalList(t, "with archived", rowCodes(rows), []string{"K1", "K2"})
		if !rows[0].Archived || rows[1].Archived {
			t.Errorf("archived flags = %v %v, want true false", rows[0].Archived, rows[1].Archived)
		}
		back, err := s.Accounts.SetAccountArchived(ctx, a.ID, false)
		check(t, "restore", err)
		if back.Archived || back.Version != 3 {
			t.Errorf("restored = %v, version %d; want false, 3", back.Archived, back.Version)
		}
	})

	t.Run("LastContact", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		yesterday := Today.AddDays(-1)
		late := account(t, s, "LATE", "Alfa", "Kraków")
		early := account(t, s, "EARLY", "Beta", "Kraków")
		old := account(t, s, "OLD", "Gamma", "Kraków")
		never := account(t, s, "NEVER", "Delta", "Kraków")
		activity(t, s, early.ID, domain.KindCall, at(yesterday, 9), "Rano")
		activity(t, s, late.ID, domain.KindMeeting, at(yesterday, 15), "Po południu")
		activity(t, s, old.ID, domain.KindEmail, at(Today.AddDays(-5), 12), "Dawno")
		// Notes and tasks are not contact, and a deleted call no longer counts.
		activity(t, s, never.ID, domain.KindNote, at(Today, 10), "Notatka")
		activity(t, s, never.ID, domain.KindTask, at(Today, 10), "Zadanie")
		gone := activity(t, s, old.ID, domain.KindCall, at(Today, 10), "Skasowany")
		check(t, "delete call", s.Activities.DeleteActivity(ctx, gone.ID))

		got, err := s.Accounts.FindAccountByID(ctx, old.ID)
		check(t, "find", err)
		equal(t, "last contact by id", got.LastContact, localDate(at(Today.AddDays(-5), 12)))
		got, err = s.Accounts.FindAccountByCode(ctx, "late")
		check(t, "find by code", err)
		equal(t, "last contact by code", got.LastContact, localDate(at(yesterday, 15)))
		got, err = s.Accounts.FindAccountByID(ctx, never.ID)
		check(t, "find never", err)
		equal(t, "never contacted", got.LastContact, domain.Date{})

		rows, _, err := s.Accounts.ListAccountRows(ctx, domain.AccountFilter{Sort: domain.SortByLastContact})
		check(t, "most recent first", err)
		// By the moment of the contact, not only its day; never contacted last.
		equalList(t, "most recent first", rowCodes(rows), []string{"LATE", "EARLY", "OLD", "NEVER"})
		equal(t, "row's last contact", rows[0].LastContact, localDate(at(yesterday, 15)))
		list, _, err := s.Accounts.FindAccounts(ctx, domain.AccountFilter{Sort: domain.SortByLastContactOldest})
		check(t, "oldest first", err)
		equalList(t, "oldest first", accountCodes(list), []string{"NEVER", "OLD", "EARLY", "LATE"})
	})

	t.Run("Delete", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		a := account(t, s, "K1", "Bez historii", "Kraków")
		c := contact(t, s, a.ID, "Jan", "Kowalski", "")
		check(t, "delete", s.Accounts.DeleteAccount(ctx, a.ID))
		_, err := s.Accounts.FindAccountByID(ctx, a.ID)
		wantErr(t, "find deleted", err, domain.ENotFound, "account.not_found")
		_, err = s.Contacts.FindContactByID(ctx, c.ID)
		wantErr(t, "its contact", err, domain.ENotFound, "contact.not_found")

		b := account(t, s, "K2", "Z historią", "Kraków")
		call := activity(t, s, b.ID, domain.KindCall, at(Today, 10), "Rozmowa")
		wantErr(t, "delete with history", s.Accounts.DeleteAccount(ctx, b.ID), domain.EConflict, "account.has_history")
		// Deleted history waiting for its purge does not keep the account.
		check(t, "delete the call", s.Activities.DeleteActivity(ctx, call.ID))
		check(t, "delete without live history", s.Accounts.DeleteAccount(ctx, b.ID))
	})
}

// Contacts: an account's people, their order, versions and history.
func Contacts(t *testing.T, open Factory) {
	t.Run("CreateFindOrder", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		a := account(t, s, "K1", "Firma", "Kraków")
		other := account(t, s, "K2", "Inna", "Kraków")
		for _, n := range [][2]string{{"Jan", "Żak"}, {"Anna", "Zając"}, {"Ewa", "Łuczak"}, {"Zofia", "Lis"}, {"Adam", "Lis"}} {
			contact(t, s, a.ID, n[0], n[1], "")
		}
		contact(t, s, other.ID, "Piotr", "Nowak", "")
		list, err := s.Contacts.FindContacts(ctx, a.ID)
		check(t, "list", err)
		equalList(t, "by last then first name", mapList(list, func(c *domain.Contact) string { return c.FullName() }),
			[]string{"Adam Lis", "Zofia Lis", "Ewa Łuczak", "Anna Zając", "Jan Żak"})
		c := list[0]
		if c.AccountID != a.ID || c.Version != 1 || !c.CreatedAt.Equal(Now) {
			t.Errorf("contact = account %d, version %d, created %v", c.AccountID, c.Version, c.CreatedAt)
		}
		got, err := s.Contacts.FindContactByID(ctx, c.ID)
		check(t, "find", err)
		equal(t, "found", got.ContactFields, c.ContactFields)
		_, err = s.Contacts.FindContactByID(ctx, 999)
		wantErr(t, "find missing", err, domain.ENotFound, "contact.not_found")
		_, err = s.Contacts.CreateContact(ctx, 999, domain.ContactFields{FirstName: "A", LastName: "B"})
		wantErr(t, "no account", err, domain.ENotFound, "record.deleted")
		_, err = s.Contacts.CreateContact(ctx, a.ID, domain.ContactFields{FirstName: "A", Email: "nope"})
		wantField(t, "invalid", err, domain.EInvalid, domain.FieldLastName, "field.required")
		wantField(t, "invalid", err, domain.EInvalid, domain.FieldEmail, "email.invalid")
	})

	t.Run("UpdateDelete", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		a := account(t, s, "K1", "Firma", "Kraków")
		c := contact(t, s, a.ID, "Jan", "Kowalski", "jan@example.pl")
		f := c.ContactFields
		f.Role = "Zakupy"
		up, err := s.Contacts.UpdateContact(ctx, c.ID, domain.ContactUpdate{ContactFields: f, Version: c.Version})
		check(t, "update", err)
		equal(t, "version", up.Version, 2)
		equal(t, "role", up.Role, "Zakupy")
		_, err = s.Contacts.UpdateContact(ctx, c.ID, domain.ContactUpdate{ContactFields: f, Version: 1})
		wantErr(t, "stale", err, domain.EConflict, "record.changed")
		_, err = s.Contacts.UpdateContact(ctx, 999, domain.ContactUpdate{ContactFields: f, Version: 1})
		wantErr(t, "missing", err, domain.ENotFound, "record.deleted")

		call := activity(t, s, a.ID, domain.KindCall, at(Today, 10), "Rozmowa", func(f *domain.ActivityFields) { f.ContactID = c.ID })
		wantErr(t, "delete with history", s.Contacts.DeleteContact(ctx, c.ID), domain.EConflict, "contact.has_history")
		check(t, "delete the call", s.Activities.DeleteActivity(ctx, call.ID))
		check(t, "delete", s.Contacts.DeleteContact(ctx, c.ID))
		wantErr(t, "delete again", s.Contacts.DeleteContact(ctx, c.ID), domain.ENotFound, "record.deleted")
		list, err := s.Contacts.FindContacts(ctx, a.ID)
		check(t, "list", err)
		equal(t, "contacts left", len(list), 0)
	})
}

// Search: the search box over accounts and contacts, Polish letters folded.
func Search(t *testing.T, open Factory) {
	s := open(t)
	lodz := account(t, s, "K1", "Hurtownia Łódź", "Łódź", func(f *domain.AccountFields) { f.TaxID = "5260001246" })
	account(t, s, "K2", "Zakład Müller", "Poznań")
	account(t, s, "K3", "Łódzkie Smaki", "Zgierz")
	arch := account(t, s, "K4", "Lodziarnia", "Sopot")
	_, err := s.Accounts.SetAccountArchived(ctx, arch.ID, true)
	check(t, "archive", err)
	jan := contact(t, s, lodz.ID, "Jan", "Żółkiewski", "jan@example.pl")
	contact(t, s, arch.ID, "Łucja", "Lodowa", "")

	search := func(text string, archived bool, limit int) []domain.AccountRow {
		t.Helper()
		rows, err := s.Accounts.SearchAccounts(ctx, domain.SearchQuery{Text: text, IncludeArchived: archived, Limit: limit})
		check(t, "search "+text, err)
		return rows
	}
	hits := func(rows []domain.AccountRow) []string {
		return mapList(rows, func(r domain.AccountRow) string { return string(r.Kind) + ":" + r.Code })
	}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"lodz", []string{"account:K1", "account:K3"}},
		{"ŁÓDŹ", []string{"account:K1", "account:K3"}},
		{"hurt lod", []string{"account:K1"}},
		{"urtownia", nil}, // words match by their start only
		{"muller", []string{"account:K2"}},
		{"k2", []string{"account:K2"}},
		{"zolk", []string{"contact:K1"}},
		{"example", []string{"contact:K1"}},
		{"526-000-12-46", []string{"account:K1"}},
		{"PL 526 000 12 46", []string{"account:K1"}},
		{"pl5260001246", []string{"account:K1"}},
		{"   ", nil},
	} {
		equalList(t, "search "+c.text, hits(search(c.text, false, 0)), c.want)
	}
	// Account hits in Polish name order, then contact hits; archived ones on request.
	equalList(t, "with archived", hits(search("lod", true, 0)),
		[]string{"account:K1", "account:K4", "account:K3", "contact:K4"})
	equalList(t, "limited", hits(search("lod", true, 2)), []string{"account:K1", "account:K4"})
	rows := search("jan zol", false, 0)
	if len(rows) != 1 || rows[0].ContactID != jan.ID || rows[0].ContactName != "Jan Żółkiewski" || rows[0].AccountID != lodz.ID ||
		rows[0].Name != "Hurtownia Łódź" {
		t.Errorf("contact hit = %+v", rows)
	}
}
