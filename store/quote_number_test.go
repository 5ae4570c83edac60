package store_test

import (
	"testing"

	"kontor/domain"
)

func TestFindQuoteByNumber(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	q := f.newQuote(t, f.priced(t, f.branch.ID, f.day, []string{"MAK"}, []int64{4000}))
	q, err := f.quotes.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteSent)
	if err != nil {
		t.Fatal(err)
	}
	upd := domain.QuoteUpdate{QuoteFields: q.QuoteFields, Version: q.Version}
	upd.Lines = f.priced(t, f.branch.ID, f.day, []string{"MAK"}, []int64{12000})
	if _, err := f.quotes.UpdateQuote(ctx, q.ID, upd); err != nil {
		t.Fatal(err)
	}
	cur, err := f.quotes.FindQuoteByNumber(ctx, " of/2026/00001 ", 0)
	if err != nil || cur.ID != q.ID || cur.Revision != 2 || cur.Lines[0].Quantity != 12000 {
		t.Fatalf("current: %+v, %v", cur, err)
	}
	first, err := f.quotes.FindQuoteByNumber(ctx, "OF/2026/00001", 1)
	if err != nil || first.Revision != 1 || first.Lines[0].Quantity != 4000 {
		t.Fatalf("revision 1: %+v, %v", first, err)
	}
	if _, err := f.quotes.FindQuoteByNumber(ctx, "OF/2026/00001", 7); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("revision 7: %v", err)
	}
	if _, err := f.quotes.FindQuoteByNumber(ctx, "OF/1999/1", 0); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("unknown number: %v", err)
	}
}
