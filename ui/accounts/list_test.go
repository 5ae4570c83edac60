package accounts

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kontor/domain"
	"kontor/domain/domaintest"
)

func TestSearchFiltersTheList(t *testing.T) {
	f := newFixture(t)
	if f.s.list.total != 2 {
		t.Fatalf("list shows %d accounts, want 2", f.s.list.total)
	}
	test.Type(f.s.list.search, "lodz")
	if f.s.list.total != 1 || f.rowTexts(0)[0] != "K1" {
		t.Fatalf("after typing lodz the list shows %d rows, first %v", f.s.list.total, f.rowTexts(0))
	}
	if got := f.rowTexts(0)[4]; got != "526-000-12-46" {
		t.Errorf("tax ID shown as %q, want 526-000-12-46", got)
	}
	f.s.list.search.SetText("")
	test.Type(f.s.list.search, "zolk")
	if f.s.list.total != 1 || f.rowTexts(0)[1] != "Jan Żółkiewski, person at Hurtownia Łódź" {
		t.Errorf("a contact hit shows %v, want the account with the contact's name", f.rowTexts(0))
	}
	f.s.list.search.SetText("")
	test.Type(f.s.list.search, "xyz")
	if f.s.list.total != 0 || !f.s.list.empty.Visible() || !strings.Contains(f.s.list.empty.Text, "xyz") {
		t.Errorf("no hits: total %d, empty state %q visible %v", f.s.list.total, f.s.list.empty.Text, f.s.list.empty.Visible())
	}
	f.s.list.search.SetText("")
	if f.s.list.total != 2 || f.s.list.empty.Visible() {
		t.Errorf("clearing the search shows %d rows", f.s.list.total)
	}
}

func TestStaleSearchResultIsDropped(t *testing.T) {
	f := newFixture(t)
	var later []func()
	f.s.d.Run = func(job func()) { later = append(later, job) } // hold the work back
	f.s.list.search.SetText("lodz")
	f.s.list.search.SetText("zak")
	for i := len(later) - 1; i >= 0; i-- { // the older search finishes last
		later[i]()
	}
	if f.s.list.total != 1 || f.rowTexts(0)[0] != "K2" {
		t.Errorf("list shows %v, want only the hits of the last search (K2)", f.rowTexts(0))
	}
}

func TestArrowsMoveAndEnterOpens(t *testing.T) {
	f := newFixture(t)
	test.Type(f.s.list.search, "k")
	if f.s.list.total != 2 {
		t.Fatalf("search k: %d hits", f.s.list.total)
	}
	f.s.list.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	f.s.list.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if f.s.view != nil {
		t.Fatal("moving the selection opened an account")
	}
	if f.s.list.selected != 1 {
		t.Fatalf("selected row %d after two Downs, want 1", f.s.list.selected)
	}
	f.s.list.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	f.s.list.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	f.s.list.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.s.OpenID() != f.other.ID {
		t.Errorf("Enter opened %d, want the selected hit %d", f.s.OpenID(), f.other.ID)
	}

	f.s.list.search.SetText("")
	test.Type(f.s.list.search, "hurt")
	f.s.list.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.s.OpenID() != f.lodz.ID {
		t.Errorf("Enter with nothing selected opened %d, want the first hit %d", f.s.OpenID(), f.lodz.ID)
	}
}

func TestListPagesLazily(t *testing.T) {
	f := newFixture(t, func(db *domaintest.Store) {
		for i := range 3 * pageSize {
			db.AddAccount(t, fmt.Sprintf("P%04d", i), fmt.Sprintf("Firma %04d", i), "Kraków")
		}
	})
	l := f.s.list
	if l.total != 3*pageSize+2 || len(l.pages) != 1 {
		t.Fatalf("start: total %d with %d pages cached, want %d rows and only the first page", l.total, len(l.pages), 3*pageSize+2)
	}
	got := f.rowTexts(2*pageSize + 5)
	if got[0] != fmt.Sprintf("P%04d", 2*pageSize+5) {
		t.Errorf("row %d shows %v", 2*pageSize+5, got)
	}
	if _, ok := l.pages[1]; ok || len(l.pages) != 2 {
		t.Errorf("scrolling to page 2 loaded pages %v, want only 0 and 2", keys(l.pages))
	}

	// A page arriving later, as in the app, keeps the user's selection.
	l.move(1)
	l.move(2)
	var later []func()
	f.s.d.Run = func(job func()) { later = append(later, job) }
	f.rowTexts(pageSize + 1)
	if len(later) != 1 {
		t.Fatalf("a missing page started %d fetches", len(later))
	}
	later[0]()
	if l.selected != 2 || len(l.pages) != 3 {
		t.Errorf("after a late page: selected %d, %d pages", l.selected, len(l.pages))
	}
}

func keys(m map[int][]domain.AccountRow) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestShowArchived(t *testing.T) {
	f := newFixture(t)
	f.db.SetAccountArchived(t.Context(), f.other.ID, true)
	f.s.list.reload()
	if f.s.list.total != 1 {
		t.Fatalf("archived accounts shown by default: %d rows", f.s.list.total)
	}
	test.Tap(f.s.list.archived)
	if f.s.list.total != 2 || !strings.Contains(f.rowTexts(1)[1], "(archived)") {
		t.Errorf("show archived: %d rows, second %v", f.s.list.total, f.rowTexts(1))
	}
}

// TestContactHitsReadAsPeople: people of one account found by a search read
// as those people at the account, each by their name, not as the account
// shown again and again with a name cut off its end; the account's code is
// never cut.
func TestContactHitsReadAsPeople(t *testing.T) {
	f := newFixture(t, func(db *domaintest.Store) {
		tom := db.AddAccount(t, "TOMASZEW-0086-KAT", "Dom Handlowy Tomaszewski Sp. z o.o. Spółka Komandytowa", "Katowice")
		db.AddContact(t, tom.ID, "Katarzyna", "Tomaszewska", "k@t.pl")
		db.AddContact(t, tom.ID, "Piotr", "Tomaszewski", "p@t.pl")
		db.AddContact(t, tom.ID, "Ewa", "Tomaszewska-Nowak", "")
	})
	test.Type(f.s.list.search, "tomaszew")
	var people []string
	for i := range f.s.list.total {
		row := f.rowTexts(i)
		if row[0] != "TOMASZEW-0086-KAT" {
			t.Errorf("row %d has code %q", i, row[0])
		}
		if strings.Contains(row[1], "person at") {
			people = append(people, row[1])
		}
	}
	want := []string{
		"Ewa Tomaszewska-Nowak, person at Dom Handlowy Tomaszewski Sp. z o.o. Spółka Komandytowa",
		"Katarzyna Tomaszewska, person at Dom Handlowy Tomaszewski Sp. z o.o. Spółka Komandytowa",
		"Piotr Tomaszewski, person at Dom Handlowy Tomaszewski Sp. z o.o. Spółka Komandytowa",
	}
	slices.Sort(people)
	if !slices.Equal(people, want) {
		t.Errorf("people found:\n%s\nwant:\n%s", strings.Join(people, "\n"), strings.Join(want, "\n"))
	}
	// The code column is as wide as the longest code shown, so it is never cut.
	o := newRow()
	f.s.list.updateItem(0, o)
	o.Resize(fyne.NewSize(900, 40))
	code := o.(*fyne.Container).Objects[0]
	if code.Size().Width < code.MinSize().Width {
		t.Errorf("the code is shown %v wide, needs %v", code.Size().Width, code.MinSize().Width)
	}
}
