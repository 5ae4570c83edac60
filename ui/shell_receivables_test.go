package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"kontor/domain"
	"kontor/domain/domaintest"
)

// TestReceivablesSection: Ctrl+R shows the open balances; opening a row
// shows the account in the Accounts section.
func TestReceivablesSection(t *testing.T) {
	s, db, w := newShell(t)
	s.d.Products.(*domaintest.Catalog).AddProduct(t, "KLEJ-5", "Klej montażowy 5 kg", "89,90")
	k1, err := db.FindAccountByCode(t.Context(), "K1")
	if err != nil {
		t.Fatal(err)
	}
	s.d.Orders.(*domaintest.Documents).AddOrder(t, k1.ID, domain.NewDate(2026, 10, 1), domain.OrderDelivered, "KLEJ-5 1")
	menuAction(t, w, fyne.KeyR)()
	if s.section != sectionReceivables || s.body.Objects[0] != s.receivables.Content() {
		t.Fatal("Ctrl+R did not show the Receivables section")
	}
	rows, total, err := s.d.Receivables.FindReceivables(t.Context(), domain.ReceivablesFilter{})
	if err != nil || len(rows) != 1 || total.Balance() != 11058 {
		t.Fatalf("receivables: %+v %+v %v", rows, total, err)
	}
	s.recvDeps.OpenAccount(k1.ID)
	if s.section != sectionAccounts || s.accounts.OpenID() != k1.ID {
		t.Errorf("opening a row: section %d, account %d", s.section, s.accounts.OpenID())
	}
}
