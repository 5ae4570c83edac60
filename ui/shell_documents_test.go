package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kontor/domain"
)

// TestQuotesSectionShortcuts: Ctrl+N in Quotes asks for the account and opens
// a new quote with the keyboard in its first line; Ctrl+S saves it.
func TestQuotesSectionShortcuts(t *testing.T) {
	s, _, w := newShell(t)
	cat := s.d.Products.(interface {
		AddProduct(testing.TB, string, string, string, ...func(*domain.ProductFields)) *domain.Product
	})
	cat.AddProduct(t, "KLEJ-5", "Klej montażowy 5 kg", "89,90")
	s.nav.Select(sectionQuotes)
	if s.body.Objects[0] != s.docs.QuotesContent() {
		t.Fatal("the Quotes section did not show")
	}
	menuAction(t, w, fyne.KeyN)()
	test.Type(w.Canvas().Focused(), "lodz")
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(w.Canvas().Focused(), "KLEJ-5")
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(w.Canvas().Focused(), "2")
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	menuAction(t, w, fyne.KeyS)()
	rows, n, err := s.d.Quotes.FindQuotes(t.Context(), domain.QuoteFilter{})
	if err != nil || n != 1 || rows[0].Lines != 1 || rows[0].Net != 179_80 {
		t.Fatalf("saved quotes %+v, %v", rows, err)
	}
	s.nav.Select(sectionOrders)
	if s.body.Objects[0] != s.docs.OrdersContent() {
		t.Fatal("the Orders section did not show")
	}
}
