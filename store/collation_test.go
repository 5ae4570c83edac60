package store_test

import (
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"testing"

	"kontor/domain"
	"kontor/store"
)

// polishOrder is a list of names in Polish alphabetical order. Pairs like
// "Azot" < "Ąbc" and "Szczecin" < "Ślęża" tell the Polish alphabet (ą, ś are
// letters of their own) from a collation that merely ignores accents, and
// "Żaba" last tells it from byte order, which puts every Polish letter after z.
var polishOrder = []string{
	"adam", "Adam", "Azot", "Ąbc", "Bolek", "bolek2", "Celina", "Czech", "Ćma", "Dom", "Ewa", "Ezop", "Ęka",
	"Filip", "Gdańsk", "Hel", "Igła", "Jan", "Kraków", "Lwów", "Łabędź", "Łódź", "Mak", "Nowak", "Nysa",
	"Ńa", "Osa", "Owca", "Ósemka", "Pies", "Rak", "Szczecin", "Sztum", "Ślęża", "Tak", "Ul", "Wisła",
	"Zyta", "Źdźbło", "Żaba", "żubr",
}

func TestAccountsListedInPolishOrder(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	s := store.NewAccountService(db)
	shuffled := append([]string(nil), polishOrder...)
	rand.New(rand.NewSource(1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for i, n := range shuffled {
		mustCreate(t, s, fmt.Sprintf("C%02d", i), n, "")
	}

	rows, total, err := s.ListAccountRows(ctx, domain.AccountFilter{})
	if err != nil || total != len(polishOrder) {
		t.Fatalf("list: %d, %v", total, err)
	}
	if got := names(rows); !reflect.DeepEqual(got, polishOrder) {
		t.Errorf("list order\n got %q\nwant %q", got, polishOrder)
	}
	all, _, err := s.FindAccounts(ctx, domain.AccountFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range all {
		got = append(got, a.Name)
	}
	if !reflect.DeepEqual(got, polishOrder) {
		t.Errorf("FindAccounts order\n got %q\nwant %q", got, polishOrder)
	}
	// Byte order differs, so the test above could fail.
	bytewise := append([]string(nil), polishOrder...)
	sort.Strings(bytewise)
	if reflect.DeepEqual(bytewise, polishOrder) {
		t.Fatal("the fixture is in byte order too; it proves nothing")
	}

	// Search hits come in the same order.
	hits, err := s.SearchAccounts(ctx, domain.SearchQuery{Text: "c", Limit: 100}) // every code starts with C
	if err != nil {
		t.Fatal(err)
	}
	if got := names(hits); !reflect.DeepEqual(got, polishOrder) {
		t.Errorf("search order\n got %q\nwant %q", got, polishOrder)
	}
}

func TestRenameMovesInOrder(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	s := store.NewAccountService(db)
	mustCreate(t, s, "A", "Lwów", "")
	b := mustCreate(t, s, "B", "Łódź", "")
	mustCreate(t, s, "C", "Zyta", "")
	f := b.AccountFields
	f.Name = "Żaba"
	if _, err := s.UpdateAccount(ctx, b.ID, domain.AccountUpdate{AccountFields: f, Version: b.Version}); err != nil {
		t.Fatal(err)
	}
	rows, _, _ := s.ListAccountRows(ctx, domain.AccountFilter{})
	if got := names(rows); !reflect.DeepEqual(got, []string{"Lwów", "Zyta", "Żaba"}) {
		t.Errorf("after rename: %q", got)
	}
}

// TestSearchOrderAfterShuffledSaves: search hits, accounts and contacts alike,
// come in Polish order however the rows were inserted and renamed.
func TestSearchOrderAfterShuffledSaves(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	accounts, contacts := store.NewAccountService(db), store.NewContactService(db)
	rng := rand.New(rand.NewSource(2))
	shuffled := append([]string(nil), polishOrder...)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	host := mustCreate(t, accounts, "HOST", "Gospodarz", "")
	var created []*domain.Account
	for i, n := range shuffled {
		// Every name gets the word "Grupa" so one query matches them all.
		created = append(created, mustCreate(t, accounts, fmt.Sprintf("G%02d", i), n+" Grupa", ""))
		mustContact(t, contacts, host.ID, "Osoba", n, fmt.Sprintf("o%d@grupa.pl", i))
	}
	// Rename a few to names that sort elsewhere, in both directions.
	for i, a := range created[:6] {
		f := a.AccountFields
		f.Name = []string{"Żyrafa", "Ąkacja", "Łasica", "Aaron", "Źrebak", "Ósmy"}[i] + " Grupa"
		if _, err := accounts.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: f, Version: a.Version}); err != nil {
			t.Fatal(err)
		}
	}
	listed, _, err := accounts.ListAccountRows(ctx, domain.AccountFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range listed {
		if r.Code != "HOST" {
			want = append(want, r.Name)
		}
	}
	hits, err := accounts.SearchAccounts(ctx, domain.SearchQuery{Text: "grupa", Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var gotAccounts, gotContacts []string
	for _, h := range hits {
		if h.Kind == domain.HitAccount {
			gotAccounts = append(gotAccounts, h.Name)
		} else {
			gotContacts = append(gotContacts, h.ContactName)
		}
	}
	if !reflect.DeepEqual(gotAccounts, want) {
		t.Errorf("account hits\n got %q\nwant %q", gotAccounts, want)
	}
	var wantContacts []string
	for _, n := range polishOrder {
		wantContacts = append(wantContacts, "Osoba "+n)
	}
	if !reflect.DeepEqual(gotContacts, wantContacts) {
		t.Errorf("contact hits\n got %q\nwant %q", gotContacts, wantContacts)
	}
	// A small limit returns the first of the same order.
	first, _ := accounts.SearchAccounts(ctx, domain.SearchQuery{Text: "grupa", Limit: 3})
	if got := names(first); !reflect.DeepEqual(got, want[:3]) {
		t.Errorf("limit 3 = %q, want %q", got, want[:3])
	}
}
