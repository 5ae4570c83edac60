package store_test

import (
	"reflect"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
)

func TestAccountCRUD(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	clock := fixedClock(db, time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC))
	s := store.NewAccountService(db)

	f := domain.NewAccountFields()
	for field, v := range map[string]string{
		"code": "K001", "name": "Zakład Mięsny Łódź Sp. z o.o.", "tax_id": "PL 526-000-12-46", "street": "ul. Piotrkowska 1",
		"postal_code": "90001", "city": "Łódź", "ship_street": "ul. Magazynowa 5", "ship_postal_code": "91-001", "ship_city": "Łódź",
		"phone": "+48 42 000 00 00", "email": "biuro@zaklad.pl", "currency": "pln", "payment_terms": "14 EOM",
		"credit_limit": "50 000,00", "customer_group": "hurt", "owner": "anna", "notes": "wtorki i czwartki",
	} {
		if err := f.Set(field, v); err != nil {
			t.Fatalf("Set(%s): %v", field, err)
		}
	}
	a, err := s.CreateAccount(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == 0 || a.Version != 1 || a.Archived || a.ParentID != 0 {
		t.Errorf("created %+v", a)
	}
	if a.TaxID != "5260001246" || a.PostalCode != "90-001" || a.CreditLimit != 5000000 ||
		a.PaymentTerms != (domain.PaymentTerms{Days: 14, EOM: true}) || a.Currency != "PLN" {
		t.Errorf("stored fields not normalised: %+v", a.AccountFields)
	}
	if !a.CreatedAt.Equal(*clock) || !a.UpdatedAt.Equal(*clock) {
		t.Errorf("stamps %v %v, want %v", a.CreatedAt, a.UpdatedAt, *clock)
	}

	byID, err := s.FindAccountByID(ctx, a.ID)
	if err != nil || !reflect.DeepEqual(byID, a) {
		t.Errorf("FindAccountByID = %+v, %v; want %+v", byID, err, a)
	}
	byCode, err := s.FindAccountByCode(ctx, " k001 ")
	if err != nil || byCode.ID != a.ID {
		t.Errorf("FindAccountByCode(k001) = %+v, %v", byCode, err)
	}

	*clock = clock.Add(time.Hour)
	upd := a.AccountFields
	upd.Name, upd.City, upd.CreditLimit, upd.Notes = "Zakład Mięsny Łódź S.A.", "Zgierz", 0, ""
	b, err := s.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: upd, Version: a.Version})
	if err != nil {
		t.Fatal(err)
	}
	if b.Version != 2 || b.Name != upd.Name || b.City != "Zgierz" || b.CreditLimit != 0 || b.Notes != "" {
		t.Errorf("updated %+v", b)
	}
	if !b.CreatedAt.Equal(a.CreatedAt) || !b.UpdatedAt.Equal(*clock) {
		t.Errorf("after update created %v updated %v", b.CreatedAt, b.UpdatedAt)
	}

	all, total, err := s.FindAccounts(ctx, domain.AccountFilter{})
	if err != nil || total != 1 || len(all) != 1 || !reflect.DeepEqual(all[0], b) {
		t.Errorf("FindAccounts = %+v, %d, %v", all, total, err)
	}
	rows, total, err := s.ListAccountRows(ctx, domain.AccountFilter{})
	want := domain.AccountRow{Kind: domain.HitAccount, AccountID: a.ID, Code: "K001", Name: upd.Name, City: "Zgierz",
		TaxID: "5260001246", CustomerGroup: "hurt", Owner: "anna"}
	if err != nil || total != 1 || len(rows) != 1 || rows[0] != want {
		t.Errorf("ListAccountRows = %+v, %d, %v; want %+v", rows, total, err, want)
	}

	if err := s.DeleteAccount(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.FindAccountByID(ctx, a.ID)
	wantErr(t, err, domain.ENotFound, "account.not_found")
	_, err = s.FindAccountByCode(ctx, "K001")
	wantErr(t, err, domain.ENotFound, "account.not_found")
	err = s.DeleteAccount(ctx, a.ID)
	wantErr(t, err, domain.ENotFound, "record.deleted")
	_, err = s.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: upd, Version: b.Version})
	wantErr(t, err, domain.ENotFound, "record.deleted")
	_, err = s.SetAccountArchived(ctx, a.ID, true)
	wantErr(t, err, domain.ENotFound, "record.deleted")
}

func TestAccountInvalidIsNotSaved(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	s := store.NewAccountService(db)
	f := domain.NewAccountFields()
	f.Code, f.Name, f.TaxID, f.CreditLimit = "K1", "Firma", "526-000-12-45", -100
	_, err := s.CreateAccount(ctx, f)
	wantFieldErr(t, err, domain.EInvalid, "tax_id", "nip.checksum")
	wantFieldErr(t, err, domain.EInvalid, "credit_limit", "credit_limit.negative")
	if _, n, _ := s.ListAccountRows(ctx, domain.AccountFilter{IncludeArchived: true}); n != 0 {
		t.Errorf("%d accounts stored after a refused create", n)
	}

	a := mustCreate(t, s, "K1", "Firma", "Kraków")
	bad := a.AccountFields
	bad.Name = ""
	_, err = s.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: bad, Version: a.Version})
	wantFieldErr(t, err, domain.EInvalid, "name", "field.required")
	if got, _ := s.FindAccountByID(ctx, a.ID); got.Name != "Firma" || got.Version != 1 {
		t.Errorf("refused update changed the row: %+v", got)
	}
}

func TestAccountCodeUnique(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	s := store.NewAccountService(db)
	a := mustCreate(t, s, "ABC-1", "Pierwsza", "Gdańsk")
	for _, code := range []string{"ABC-1", "abc-1", " Abc-1 "} {
		f := domain.NewAccountFields()
		f.Name = "Druga"
		if err := f.Set("code", code); err != nil {
			t.Fatal(err)
		}
		_, err := s.CreateAccount(ctx, f)
		e := wantErr(t, err, domain.EConflict, "account.code_taken")
		fe, ok := e.Field("code")
		if !ok || fe.Key != "code.taken" {
			t.Errorf("create %q: field errors %+v, want code.taken on code", code, e.Fields)
		}
	}
	// Renaming another account onto a taken code conflicts too, and changes nothing.
	b := mustCreate(t, s, "XYZ", "Trzecia", "Gdynia")
	f := b.AccountFields
	f.Code = "ABC-1"
	_, err := s.UpdateAccount(ctx, b.ID, domain.AccountUpdate{AccountFields: f, Version: b.Version})
	wantFieldErr(t, err, domain.EConflict, "code", "code.taken")
	if got, _ := s.FindAccountByID(ctx, b.ID); got.Code != "XYZ" || got.Version != b.Version {
		t.Errorf("conflicting update changed the row: %+v", got)
	}
	// Keeping one's own code, or changing only its case, is not a conflict.
	f = a.AccountFields
	f.Code = "abc-1"
	if got, err := s.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: f, Version: a.Version}); err != nil || got.Code != "abc-1" {
		t.Errorf("recasing own code = %+v, %v", got, err)
	}
	if _, n, _ := s.ListAccountRows(ctx, domain.AccountFilter{}); n != 2 {
		t.Errorf("%d accounts, want 2", n)
	}
}

func TestAccountOptimisticLock(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	s := store.NewAccountService(db)
	a := mustCreate(t, s, "K1", "Stara Nazwa", "Poznań")

	// Another window saves first.
	first := a.AccountFields
	first.Name = "Nazwa z innego okna"
	saved, err := s.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: first, Version: a.Version})
	if err != nil {
		t.Fatal(err)
	}
	// This editor still holds version 1.
	mine := a.AccountFields
	mine.Name = "Moja nazwa"
	_, err = s.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: mine, Version: a.Version})
	wantErr(t, err, domain.EConflict, "record.changed")
	got, err := s.FindAccountByID(ctx, a.ID)
	if err != nil || !reflect.DeepEqual(got, saved) {
		t.Errorf("after the conflict the row is %+v, want %+v unchanged", got, saved)
	}
	// Reloaded, the edit goes through.
	if _, err := s.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: mine, Version: got.Version}); err != nil {
		t.Errorf("update with the current version: %v", err)
	}
	// Archiving bumps the version as well, so an editor opened before it conflicts.
	cur, _ := s.FindAccountByID(ctx, a.ID)
	if _, err := s.SetAccountArchived(ctx, a.ID, true); err != nil {
		t.Fatal(err)
	}
	_, err = s.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: mine, Version: cur.Version})
	wantErr(t, err, domain.EConflict, "record.changed")
	// Version 0 (imports) skips the check.
	if _, err := s.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: mine}); err != nil {
		t.Errorf("update without a version: %v", err)
	}
}

func TestAccountParent(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	s := store.NewAccountService(db)
	hq := mustCreate(t, s, "HQ", "Centrala", "Warszawa")
	b1 := mustCreate(t, s, "B1", "Oddział Kraków", "Kraków", withParent("hq")) // codes match case-insensitively
	b2 := mustCreate(t, s, "B2", "Oddział Gdańsk", "Gdańsk", withParent("HQ"))
	mustCreate(t, s, "OTHER", "Inna firma", "Łódź")

	if b1.ParentID != hq.ID || b1.ParentCode != "HQ" || b1.ParentName != "Centrala" {
		t.Errorf("branch links to %d %q %q", b1.ParentID, b1.ParentCode, b1.ParentName)
	}
	rows, n, err := s.ListAccountRows(ctx, domain.AccountFilter{ParentID: hq.ID})
	if err != nil || n != 2 || !reflect.DeepEqual(codes(rows), []string{"B2", "B1"}) { // Gdańsk before Kraków
		t.Errorf("branches of HQ = %v, %d, %v", codes(rows), n, err)
	}
	if rows, n, _ := s.ListAccountRows(ctx, domain.AccountFilter{ParentID: b1.ID}); n != 0 || len(rows) != 0 {
		t.Errorf("a branch with no branches lists %v", codes(rows))
	}
	full, n, err := s.FindAccounts(ctx, domain.AccountFilter{ParentID: hq.ID})
	if err != nil || n != 2 || full[0].ID != b2.ID || full[1].ID != b1.ID {
		t.Errorf("FindAccounts(ParentID) = %v, %d, %v", full, n, err)
	}

	f := domain.NewAccountFields()
	f.Code, f.Name, f.ParentCode = "B3", "Oddział", "NOPE"
	_, err = s.CreateAccount(ctx, f)
	wantFieldErr(t, err, domain.EInvalid, "parent_code", "parent.unknown")
	if _, err := s.FindAccountByCode(ctx, "B3"); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("an account with an unknown parent was stored anyway: %v", err)
	}

	self := hq.AccountFields
	self.ParentCode = "hq"
	_, err = s.UpdateAccount(ctx, hq.ID, domain.AccountUpdate{AccountFields: self, Version: hq.Version})
	wantFieldErr(t, err, domain.EInvalid, "parent_code", "parent.self")

	// A head office may not become a branch of its own branch.
	loop := hq.AccountFields
	loop.ParentCode = "B1"
	_, err = s.UpdateAccount(ctx, hq.ID, domain.AccountUpdate{AccountFields: loop, Version: hq.Version})
	wantFieldErr(t, err, domain.EInvalid, "parent_code", "parent.loop")
	if got, _ := s.FindAccountByID(ctx, hq.ID); got.ParentID != 0 || got.Version != hq.Version {
		t.Errorf("refused loop changed HQ: %+v", got)
	}

	// Removing the head office clears the link.
	free := b2.AccountFields
	free.ParentCode = ""
	got, err := s.UpdateAccount(ctx, b2.ID, domain.AccountUpdate{AccountFields: free, Version: b2.Version})
	if err != nil || got.ParentID != 0 || got.ParentCode != "" || got.ParentName != "" {
		t.Errorf("unlinking = %+v, %v", got, err)
	}
	// Linking again, and a save that leaves the link as it is, keep it.
	linked := got.AccountFields
	linked.ParentCode = "HQ"
	if got, err = s.UpdateAccount(ctx, b2.ID, domain.AccountUpdate{AccountFields: linked, Version: got.Version}); err != nil || got.ParentID != hq.ID {
		t.Fatalf("linking again = %+v, %v", got, err)
	}
	kept := got.AccountFields
	kept.Notes = "bez zmian oddziału"
	if got, err = s.UpdateAccount(ctx, b2.ID, domain.AccountUpdate{AccountFields: kept, Version: got.Version}); err != nil ||
		got.ParentID != hq.ID || got.Notes != "bez zmian oddziału" {
		t.Errorf("a save keeping the head office = %+v, %v", got, err)
	}
}

func TestAccountParentLoopThroughChain(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	s := store.NewAccountService(db)
	// A is the top, B is under A, C is under B.
	a := mustCreate(t, s, "A", "Alfa", "")
	b := mustCreate(t, s, "B", "Beta", "", withParent("A"))
	c := mustCreate(t, s, "C", "Gamma", "", withParent("B"))

	// Top under bottom: A → C → B → A.
	f := a.AccountFields
	f.ParentCode = "C"
	_, err := s.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: f, Version: a.Version})
	wantFieldErr(t, err, domain.EInvalid, "parent_code", "parent.loop")
	// Middle under bottom: B → C → B.
	f = b.AccountFields
	f.ParentCode = "C"
	_, err = s.UpdateAccount(ctx, b.ID, domain.AccountUpdate{AccountFields: f, Version: b.Version})
	wantFieldErr(t, err, domain.EInvalid, "parent_code", "parent.loop")

	// Moving C straight under A is no loop.
	f = c.AccountFields
	f.ParentCode = "A"
	c2, err := s.UpdateAccount(ctx, c.ID, domain.AccountUpdate{AccountFields: f, Version: c.Version})
	if err != nil || c2.ParentID != a.ID {
		t.Fatalf("moving C under A = %+v, %v", c2, err)
	}
	// The reverse chain: now A heads both B and C; making C head A still loops.
	f = a.AccountFields
	f.ParentCode = "C"
	_, err = s.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: f, Version: a.Version})
	wantFieldErr(t, err, domain.EInvalid, "parent_code", "parent.loop")
	// And B may now go under C (C no longer hangs below B).
	f = b.AccountFields
	f.ParentCode = "C"
	if got, err := s.UpdateAccount(ctx, b.ID, domain.AccountUpdate{AccountFields: f, Version: b.Version}); err != nil || got.ParentID != c.ID {
		t.Errorf("moving B under C = %+v, %v", got, err)
	}
	// The same loop in reverse: C under B, now that B is under C.
	f = c2.AccountFields
	f.ParentCode = "B"
	_, err = s.UpdateAccount(ctx, c.ID, domain.AccountUpdate{AccountFields: f, Version: c2.Version})
	wantFieldErr(t, err, domain.EInvalid, "parent_code", "parent.loop")
}

func TestAccountDeleteHeadOfficeRefused(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	s := store.NewAccountService(db)
	hq := mustCreate(t, s, "HQ", "Centrala", "Warszawa")
	br := mustCreate(t, s, "BR", "Oddział", "Kraków", withParent("HQ"))
	err := s.DeleteAccount(ctx, hq.ID)
	e := wantErr(t, err, domain.EConflict, "account.has_branches")
	if e.Args["Count"] != 1 {
		t.Errorf("args %v, want Count 1", e.Args)
	}
	if _, err := s.FindAccountByID(ctx, hq.ID); err != nil {
		t.Errorf("head office gone after a refused delete: %v", err)
	}
	// Deleting the branch first frees the head office.
	if err := s.DeleteAccount(ctx, br.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAccount(ctx, hq.ID); err != nil {
		t.Errorf("delete of a head office with no branches left: %v", err)
	}
}

func TestAccountArchive(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	s := store.NewAccountService(db)
	keep := mustCreate(t, s, "K1", "Hurtownia Gdańsk", "Gdańsk")
	old := mustCreate(t, s, "K2", "Hurtownia Łowicz", "Łowicz")

	a, err := s.SetAccountArchived(ctx, old.ID, true)
	if err != nil || !a.Archived || a.Version != old.Version+1 {
		t.Fatalf("archive = %+v, %v", a, err)
	}
	rows, n, err := s.ListAccountRows(ctx, domain.AccountFilter{})
	if err != nil || n != 1 || !reflect.DeepEqual(codes(rows), []string{"K1"}) {
		t.Errorf("default list = %v, %d, %v; want only K1", codes(rows), n, err)
	}
	rows, n, _ = s.ListAccountRows(ctx, domain.AccountFilter{IncludeArchived: true})
	if n != 2 || !rows[1].Archived || rows[0].Archived {
		t.Errorf("list with archived = %+v, %d", rows, n)
	}
	if all, n, _ := s.FindAccounts(ctx, domain.AccountFilter{}); n != 1 || all[0].ID != keep.ID {
		t.Errorf("FindAccounts hides archived: %d", n)
	}
	hits, err := s.SearchAccounts(ctx, domain.SearchQuery{Text: "hurtownia"})
	if err != nil || !reflect.DeepEqual(codes(hits), []string{"K1"}) {
		t.Errorf("search = %v, %v; want only K1", codes(hits), err)
	}
	hits, _ = s.SearchAccounts(ctx, domain.SearchQuery{Text: "hurtownia", IncludeArchived: true})
	if !reflect.DeepEqual(codes(hits), []string{"K1", "K2"}) || !hits[1].Archived {
		t.Errorf("search with archived = %+v", hits)
	}
	// Archived accounts stay findable by ID and code: links and history still point at them.
	if got, err := s.FindAccountByCode(ctx, "K2"); err != nil || !got.Archived {
		t.Errorf("FindAccountByCode(archived) = %+v, %v", got, err)
	}
	a, err = s.SetAccountArchived(ctx, old.ID, false)
	if err != nil || a.Archived {
		t.Fatalf("restore = %+v, %v", a, err)
	}
	if _, n, _ := s.ListAccountRows(ctx, domain.AccountFilter{}); n != 2 {
		t.Errorf("after restore %d accounts listed, want 2", n)
	}
}

func TestAccountPaging(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	s := store.NewAccountService(db)
	for _, n := range []string{"Echo", "Alfa", "Delta", "Bravo", "Charlie"} {
		mustCreate(t, s, n, n, "")
	}
	rows, total, err := s.ListAccountRows(ctx, domain.AccountFilter{Offset: 1, Limit: 2})
	if err != nil || total != 5 || !reflect.DeepEqual(names(rows), []string{"Bravo", "Charlie"}) {
		t.Errorf("page = %v, total %d, %v", names(rows), total, err)
	}
	rows, total, _ = s.ListAccountRows(ctx, domain.AccountFilter{Offset: 4, Limit: 10})
	if total != 5 || !reflect.DeepEqual(names(rows), []string{"Echo"}) {
		t.Errorf("last page = %v, total %d", names(rows), total)
	}
	all, total, _ := s.FindAccounts(ctx, domain.AccountFilter{Offset: 3, Limit: 1})
	if total != 5 || len(all) != 1 || all[0].Name != "Delta" {
		t.Errorf("FindAccounts page = %v, total %d", all, total)
	}
}
