package settings

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kontor/domain/domaintest"
)

// TestDocumentSettings changes how long a quote is valid and a prefix; a bad
// value is shown next to its entry and nothing is saved.
func TestDocumentSettings(t *testing.T) {
	docs := domaintest.NewDocuments(domaintest.NewCatalog(domaintest.New()))
	s, _ := newScreen(t, Deps{DataPath: "/data/kontor.db", Documents: docs})
	d := s.documents
	if d.validDays.Text() != "30" || d.quotePfx.Text() != "OF/" || !s.save.Disabled() {
		t.Fatalf("loaded %q %q, save disabled %v", d.validDays.Text(), d.quotePfx.Text(), s.save.Disabled())
	}
	d.validDays.Entry.SetText("400")
	d.orderPfx.Entry.SetText("OF/")
	test.Tap(s.save)
	if d.validDays.Problem() == "" || !strings.Contains(d.orderPfx.Problem(), "different prefixes") || docs.Writes != 0 {
		t.Fatalf("bad values: %q, %q, writes %d", d.validDays.Problem(), d.orderPfx.Problem(), docs.Writes)
	}
	d.validDays.Entry.SetText("14")
	d.orderPfx.Entry.SetText("ZS/")
	test.Tap(s.save)
	got, _ := docs.FindDocumentSettings(context.Background())
	if got.QuoteValidDays != 14 || got.Orders.Prefix != "ZS/" || d.validDays.Problem() != "" {
		t.Fatalf("saved %+v", got)
	}
}

// TestInvoiceSeries changes the invoice and credit-note prefixes and the
// credit notes' counting; the same prefix for both is refused at the field.
func TestInvoiceSeries(t *testing.T) {
	docs := domaintest.NewDocuments(domaintest.NewCatalog(domaintest.New()))
	s, _ := newScreen(t, Deps{DataPath: "/data/kontor.db", Documents: docs})
	d := s.documents
	if d.invoicePfx.Text() != "FV/" || d.creditPfx.Text() != "KOR/" || !d.invoiceMonthly.Checked || !s.save.Disabled() {
		t.Fatalf("loaded %q %q monthly %v, save disabled %v", d.invoicePfx.Text(), d.creditPfx.Text(), d.invoiceMonthly.Checked, s.save.Disabled())
	}
	d.creditPfx.Entry.SetText("FV/")
	test.Tap(s.save)
	if !strings.Contains(d.creditPfx.Problem(), "different prefixes") || docs.Writes != 0 {
		t.Fatalf("same prefixes: %q, writes %d", d.creditPfx.Problem(), docs.Writes)
	}
	d.creditPfx.Entry.SetText("FK/")
	d.creditMonthly.SetChecked(false)
	test.Tap(s.save)
	got, _ := docs.FindDocumentSettings(context.Background())
	if got.CreditNotes.Prefix != "FK/" || got.CreditNotes.Monthly || !got.CreditNotes.Yearly || !got.Invoices.Monthly {
		t.Fatalf("saved %+v", got)
	}
}
