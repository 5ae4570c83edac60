package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kontor/domain"
)

func TestCatalogShortcutsFollowTheSection(t *testing.T) {
	s, db, w := newShell(t)
	cat := s.d.Products
	s.nav.Select(sectionCatalog)
	if s.body.Objects[0] != s.catalog.Content() {
		t.Fatal("the catalog did not show")
	}
	menuAction(t, w, fyne.KeyN)()
	test.Type(w.Canvas().Focused(), "SOL-1")
	test.FocusNext(w.Canvas())
	test.Type(w.Canvas().Focused(), "Sól kuchenna")
	if s.accounts.Dirty() || !s.catalog.Dirty() {
		t.Fatal("Ctrl+N in the catalog did not open a new product")
	}
	menuAction(t, w, fyne.KeyS)()
	if s.catalog.OpenID() != 0 {
		t.Fatal("a product without a price was saved")
	}
	s.requestClose() // unsaved product: the window asks
	tapButton(t, w, "Cancel")
	if !s.catalog.Dirty() {
		t.Fatal("Cancel lost the edit")
	}
	if _, err := cat.FindProductBySKU(t.Context(), "SOL-1"); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("product saved: %v", err)
	}

	s.nav.Select(sectionAccounts)
	menuAction(t, w, fyne.KeyN)()
	test.Type(w.Canvas().Focused(), "K7")
	if !s.accounts.Dirty() {
		t.Error("Ctrl+N among the accounts did not open a new account")
	}
	_ = db
}

func TestLinksBetweenAccountsAndGroups(t *testing.T) {
	s, db, _ := newShell(t)
	acc := db.AddAccount(t, "K2", "Apteka", "Kraków", func(a *domain.AccountFields) { a.CustomerGroup = "Detal" })
	g, err := s.d.Groups.FindGroupByName(t.Context(), "Detal")
	if err != nil {
		t.Fatal(err)
	}
	s.openGroup(g.ID)
	if s.section != sectionGroups || s.groups.OpenID() != g.ID {
		t.Fatalf("section %d, group %d", s.section, s.groups.OpenID())
	}
	s.openAccount(acc.ID)
	if s.section != sectionAccounts || s.accounts.OpenID() != acc.ID {
		t.Fatalf("section %d, account %d", s.section, s.accounts.OpenID())
	}
}
