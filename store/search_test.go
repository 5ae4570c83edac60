package store_test

import (
	"fmt"
	"reflect"
	"testing"

	"kontor/domain"
	"kontor/store"
)

// searchFixture fills a database with accounts and contacts whose names need folding.
func searchFixture(t *testing.T) (*store.AccountService, *store.ContactService) {
	t.Helper()
	db := openTemp(t)
	accounts, contacts := store.NewAccountService(db), store.NewContactService(db)
	lodz := mustCreate(t, accounts, "HL-01", "Hurtownia Łódź Sp. z o.o.", "Łódź", func(f *domain.AccountFields) { f.TaxID = "PL 526-000-12-46" })
	mustCreate(t, accounts, "ZM-02", "Zakład Mięsny Müller", "Poznań", func(f *domain.AccountFields) { f.TaxID = "1234563218" })
	mustCreate(t, accounts, "KH-03", "Kowalski Handel", "Kraków")
	mustCreate(t, accounts, "SB-04", "Straße Bau GmbH", "Berlin", func(f *domain.AccountFields) {
		f.Country, f.TaxID, f.PostalCode = "DE", "DE123456789", "10115"
	})
	mustContact(t, contacts, lodz.ID, "Jan", "Kowalski", "jan.kowalski@hl.pl")
	mustContact(t, contacts, lodz.ID, "Agnieszka", "Wiśniewska", "a.wisniewska@hl.pl")
	return accounts, contacts
}

type hit struct {
	Kind domain.HitKind
	Code string
	Who  string // the contact's name for a contact hit
}

func search(t *testing.T, s *store.AccountService, q domain.SearchQuery) []hit {
	t.Helper()
	rows, err := s.SearchAccounts(ctx, q)
	if err != nil {
		t.Fatalf("search %q: %v", q.Text, err)
	}
	out := []hit{}
	for _, r := range rows {
		h := hit{Kind: r.Kind, Code: r.Code}
		if r.Kind == domain.HitContact {
			h.Who = r.ContactName
			if r.ContactID == 0 {
				t.Errorf("contact hit %+v has no contact ID", r)
			}
		}
		if r.AccountID == 0 || r.Name == "" {
			t.Errorf("hit %+v lacks its account", r)
		}
		out = append(out, h)
	}
	return out
}

func acc(code string) hit { return hit{Kind: domain.HitAccount, Code: code} }
func con(code, who string) hit {
	return hit{Kind: domain.HitContact, Code: code, Who: who}
}

func TestSearchFolding(t *testing.T) {
	t.Parallel()
	accounts, _ := searchFixture(t)
	tests := []struct {
		q    string
		want []hit
	}{
		{"lodz", []hit{acc("HL-01")}},
		{"ŁÓDŹ", []hit{acc("HL-01")}},
		{"Łódź", []hit{acc("HL-01")}},
		{"lo", []hit{acc("HL-01")}},
		{"zaklad", []hit{acc("ZM-02")}},
		{"zakład mięs", []hit{acc("ZM-02")}},
		{"muller", []hit{acc("ZM-02")}},
		{"MÜLLER", []hit{acc("ZM-02")}},
		{"strasse", []hit{acc("SB-04")}},
		{"poznan", []hit{acc("ZM-02")}},
		{"krakow", []hit{acc("KH-03")}},
		{"hurt lod", []hit{acc("HL-01")}},
		{"lod hurt", []hit{acc("HL-01")}},
		{"hurt krak", []hit{}},
		{"zm-02", []hit{acc("ZM-02")}},
		{"urtownia", []hit{}}, // prefixes of words, not substrings
		// Tax IDs as people type them.
		{"5260001246", []hit{acc("HL-01")}},
		{"526-000-12-46", []hit{acc("HL-01")}},
		{"PL 526-000-12-46", []hit{acc("HL-01")}},
		{"PL5260001246", []hit{acc("HL-01")}},
		{"pl 526 000 12 46", []hit{acc("HL-01")}},
		{"526-000", []hit{acc("HL-01")}},
		{"123-456-32-18", []hit{acc("ZM-02")}},
		{"de123456789", []hit{acc("SB-04")}},
		// Contacts, by surname, first name and e-mail; after account hits.
		{"wisniewska", []hit{con("HL-01", "Agnieszka Wiśniewska")}},
		{"wiśniew", []hit{con("HL-01", "Agnieszka Wiśniewska")}},
		{"agnieszka", []hit{con("HL-01", "Agnieszka Wiśniewska")}},
		{"a.wisniewska@hl.pl", []hit{con("HL-01", "Agnieszka Wiśniewska")}},
		{"jan.kowalski@", []hit{con("HL-01", "Jan Kowalski")}},
		{"kowalski", []hit{acc("KH-03"), con("HL-01", "Jan Kowalski")}},
		{"hurtownia", []hit{acc("HL-01")}},
		{"hl", []hit{acc("HL-01"), con("HL-01", "Jan Kowalski"), con("HL-01", "Agnieszka Wiśniewska")}}, // code, then e-mail domains; contacts by surname
		// Nothing to search for, and text FTS5 would misread.
		{"", []hit{}},
		{"  ,.;  ", []hit{}},
		{`"`, []hit{}},
		{`lodz"`, []hit{acc("HL-01")}},
		{"lodz*", []hit{acc("HL-01")}},
		{"NOT lodz", []hit{}},
		{"AND", []hit{}},
		{"(lodz)", []hit{acc("HL-01")}},
		{"-", []hit{}},
		{"nic-takiego", []hit{}},
	}
	for _, tt := range tests {
		if got := search(t, accounts, domain.SearchQuery{Text: tt.q}); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("search %q = %+v, want %+v", tt.q, got, tt.want)
		}
	}
}

func TestSearchLimit(t *testing.T) {
	t.Parallel()
	accounts, _ := searchFixture(t)
	got := search(t, accounts, domain.SearchQuery{Text: "hl", Limit: 2})
	if want := []hit{acc("HL-01"), con("HL-01", "Jan Kowalski")}; !reflect.DeepEqual(got, want) {
		t.Errorf("limit 2 = %+v, want %+v", got, want)
	}
	got = search(t, accounts, domain.SearchQuery{Text: "kowalski", Limit: 1})
	if want := []hit{acc("KH-03")}; !reflect.DeepEqual(got, want) {
		t.Errorf("limit 1 = %+v, want %+v", got, want)
	}
}

func TestSearchFollowsEdits(t *testing.T) {
	t.Parallel()
	accounts, contacts := searchFixture(t)
	a, err := accounts.FindAccountByCode(ctx, "KH-03")
	if err != nil {
		t.Fatal(err)
	}
	f := a.AccountFields
	f.Name, f.City = "Żółta Hurtownia", "Częstochowa"
	if _, err := accounts.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: f, Version: a.Version}); err != nil {
		t.Fatal(err)
	}
	if got := search(t, accounts, domain.SearchQuery{Text: "czesto"}); !reflect.DeepEqual(got, []hit{acc("KH-03")}) {
		t.Errorf("new city not found: %+v", got)
	}
	if got := search(t, accounts, domain.SearchQuery{Text: "krakow"}); len(got) != 0 {
		t.Errorf("old city still found: %+v", got)
	}
	if got := search(t, accounts, domain.SearchQuery{Text: "zolta hurt"}); !reflect.DeepEqual(got, []hit{acc("KH-03")}) {
		t.Errorf("new name not found: %+v", got)
	}

	hl, _ := accounts.FindAccountByCode(ctx, "HL-01")
	list, _ := contacts.FindContacts(ctx, hl.ID)
	jan := list[0] // Kowalski before Wiśniewska
	edit := jan.ContactFields
	edit.LastName, edit.Email = "Kowalczyk", "jk@example.com"
	if _, err := contacts.UpdateContact(ctx, jan.ID, domain.ContactUpdate{ContactFields: edit, Version: jan.Version}); err != nil {
		t.Fatal(err)
	}
	if got := search(t, accounts, domain.SearchQuery{Text: "kowalczyk"}); !reflect.DeepEqual(got, []hit{con("HL-01", "Jan Kowalczyk")}) {
		t.Errorf("renamed contact: %+v", got)
	}
	if got := search(t, accounts, domain.SearchQuery{Text: "jan.kowalski"}); len(got) != 0 {
		t.Errorf("old e-mail still found: %+v", got)
	}
	if err := contacts.DeleteContact(ctx, jan.ID); err != nil {
		t.Fatal(err)
	}
	if got := search(t, accounts, domain.SearchQuery{Text: "kowalczyk"}); len(got) != 0 {
		t.Errorf("deleted contact still found: %+v", got)
	}

	// A contact of an archived account is hidden with it.
	if _, err := accounts.SetAccountArchived(ctx, hl.ID, true); err != nil {
		t.Fatal(err)
	}
	if got := search(t, accounts, domain.SearchQuery{Text: "wisniewska"}); len(got) != 0 {
		t.Errorf("contact of an archived account found: %+v", got)
	}
	if got := search(t, accounts, domain.SearchQuery{Text: "wisniewska", IncludeArchived: true}); len(got) != 1 {
		t.Errorf("contact of an archived account not found with IncludeArchived: %+v", got)
	}
}

// TestSearchBroadQuery covers a query matching more rows than the search fetches
// through FTS at once: hits must still come first in Polish order, honour the
// archive filter and the limit, and every one must match.
func TestSearchBroadQuery(t *testing.T) {
	t.Parallel() // hundreds of saves: let it overlap the rest
	db := openTemp(t)
	accounts, contacts := store.NewAccountService(db), store.NewContactService(db)
	const n = 450
	var archived []domain.AccountID
	for i := 0; i < n; i++ {
		// Names spread over the alphabet, with Polish letters at the front.
		first := []string{"Ąbc", "Ćma", "Łąka", "Śruba", "Żaba", "Abc", "Cma", "Laka", "Sruba", "Zaba"}[i%10]
		a := mustCreate(t, accounts, fmt.Sprintf("B%03d", i), fmt.Sprintf("%s Hurtownia %03d", first, i), "Bytom")
		if i%10 == 5 {
			archived = append(archived, a.ID)
		}
		if i < 5 {
			mustContact(t, contacts, a.ID, "Henryk", fmt.Sprintf("Hurtowy%d", i), "")
		}
	}
	mustCreate(t, accounts, "OTHER", "Inna Firma", "Bytom")
	for _, id := range archived {
		if _, err := accounts.SetAccountArchived(ctx, id, true); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := accounts.SearchAccounts(ctx, domain.SearchQuery{Text: "hurt"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != domain.DefaultSearchLimit {
		t.Fatalf("%d hits, want the default limit %d", len(rows), domain.DefaultSearchLimit)
	}
	// "Abc…" (i%10 == 5) are archived, so the first come "Ąbc…", in code order within the name.
	for i, r := range rows {
		if r.Kind != domain.HitAccount || r.Archived || !domain.MatchesPrefixes([]string{"hurt"}, domain.Fold(r.Name)) {
			t.Fatalf("hit %d = %+v", i, r)
		}
	}
	if rows[0].Name != "Ąbc Hurtownia 000" || rows[44].Name != "Ąbc Hurtownia 440" || rows[45].Name != "Cma Hurtownia 006" {
		t.Errorf("broad search order: first %q, 45th %q, 46th %q", rows[0].Name, rows[44].Name, rows[45].Name)
	}
	// Everything the list would show for the same query comes in the same order.
	all, _, _ := accounts.ListAccountRows(ctx, domain.AccountFilter{})
	var want []string
	for _, r := range all {
		if domain.MatchesPrefixes([]string{"hurt"}, domain.Fold(r.Name)) && len(want) < domain.DefaultSearchLimit {
			want = append(want, r.Code)
		}
	}
	if got := codes(rows); !reflect.DeepEqual(got, want) {
		t.Errorf("broad search\n got %v\nwant %v", got, want)
	}
	// A narrower query combined with the broad token returns only real matches.
	if got := search(t, accounts, domain.SearchQuery{Text: "hurt 007"}); !reflect.DeepEqual(got, []hit{acc("B007")}) {
		t.Errorf("hurt 007 = %+v", got)
	}
	// With archived included the broad walk reaches the archived names too.
	rows, _ = accounts.SearchAccounts(ctx, domain.SearchQuery{Text: "hurt", IncludeArchived: true, Limit: 500})
	if len(rows) != n+5 {
		t.Errorf("with archived and limit 500: %d hits, want %d accounts and 5 contacts", len(rows), n)
	}
	if last := rows[len(rows)-1]; last.Kind != domain.HitContact {
		t.Errorf("contact hits do not come last: %+v", last)
	}
}
