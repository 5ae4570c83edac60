package domaintest

import (
	"context"
	"testing"

	"kontor/domain"
)

// TestDocumentsFakeFollowsStoreRules: the fake numbers, keeps a sent
// revision, refuses stale versions, converts an accepted quote once and locks
// a confirmed order's lines, as the store does.
func TestDocumentsFakeFollowsStoreRules(t *testing.T) {
	ctx := context.Background()
	s := New()
	acc := s.AddAccount(t, "K1", "Hurtownia Łódź", "Łódź")
	cat := NewCatalog(s)
	p := cat.AddProduct(t, "KLEJ-5", "Klej", "10,00")
	d := NewDocuments(cat)
	on := domain.NewDate(2026, 11, 27)
	f := domain.NewQuoteFields(acc, on, 30)
	f.Lines = []domain.DocumentLine{domain.NewDocumentLine(p, 2*domain.One)}
	q, err := d.CreateQuote(ctx, f)
	if err != nil || q.Number != "OF/2026/00001" || q.Revision != 1 {
		t.Fatalf("create: %+v, %v", q, err)
	}
	f.Lines[0].SKU = "NONE"
	if _, err := d.CreateQuote(ctx, f); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("unknown SKU: %v", err)
	}
	f.Lines[0].SKU = "KLEJ-5"
	if q, err = d.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteSent); err != nil {
		t.Fatal(err)
	}
	if _, err := d.UpdateQuote(ctx, q.ID, domain.QuoteUpdate{QuoteFields: f, Version: q.Version - 1}); domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("stale version: %v", err)
	}
	f.Lines[0].Quantity = 3 * domain.One
	if q, err = d.UpdateQuote(ctx, q.ID, domain.QuoteUpdate{QuoteFields: f, Version: q.Version}); err != nil || q.Revision != 2 || q.Status != domain.QuoteDraft {
		t.Fatalf("edit of a sent quote: %+v, %v", q, err)
	}
	if r1, err := d.FindQuoteRevision(ctx, q.ID, 1); err != nil || r1.Lines[0].Quantity != 2*domain.One || r1.Status != domain.QuoteSent {
		t.Errorf("R1: %+v, %v", r1, err)
	}
	if _, err := d.ConvertQuote(ctx, q.ID, q.Version); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("converted a draft: %v", err)
	}
	q, _ = d.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteSent)
	q, _ = d.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteAccepted)
	o, err := d.ConvertQuote(ctx, q.ID, q.Version)
	if err != nil || o.Number != "ZAM/2026/00001" || o.QuoteID != q.ID || o.Lines[0].Quantity != 3*domain.One {
		t.Fatalf("convert: %+v, %v", o, err)
	}
	q, _ = d.FindQuoteByID(ctx, q.ID)
	if _, err := d.ConvertQuote(ctx, q.ID, q.Version); domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("converted twice: %v", err)
	}
	if o, err = d.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: o.Version}); err != nil {
		t.Fatal(err)
	}
	of := o.OrderFields
	of.Lines = append([]domain.DocumentLine(nil), of.Lines...)
	of.Lines[0].Quantity = domain.One
	if _, err := d.UpdateOrder(ctx, o.ID, domain.OrderUpdate{OrderFields: of, Version: o.Version}); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("changed a confirmed order's lines: %v", err)
	}
	rows, n, err := d.FindQuotes(ctx, domain.QuoteFilter{Statuses: []domain.QuoteStatus{domain.QuoteExpired}, Today: on.AddDays(60)})
	if err != nil || n != 0 || len(rows) != 0 {
		t.Errorf("an accepted quote expired: %d", n)
	}
	if lp, _ := d.LastPrices(ctx, acc.ID, []string{"klej-5"}); lp[0].Ordered.Number != "ZAM/2026/00001" || lp[0].Quoted.Number != "OF/2026/00001 R2" {
		t.Errorf("last prices: %+v", lp)
	}
}
