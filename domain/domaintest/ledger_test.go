package domaintest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"kontor/domain"
)

// ledgerFixture is an account with a credit limit of 1000 zł and a product.
func ledgerFixture(t *testing.T) (*Documents, *Ledger, *domain.Account) {
	t.Helper()
	db := New()
	cat := NewCatalog(db)
	docs := NewDocuments(cat)
	l := NewLedger(docs)
	acc := db.AddAccount(t, "K1", "Hurtownia Łódź", "Łódź", func(a *domain.AccountFields) {
		a.CreditLimit = 100000
		a.PaymentTerms = domain.PaymentTerms{Days: 14}
	})
	cat.AddProduct(t, "KLEJ-5", "Klej", "100,00") // 123,00 zł gross a piece
	return docs, l, acc
}

// TestLedgerFollowsTheStore delivers orders (invoiced from the monthly
// series), pays one in part by reference and the rest unreferenced, and
// checks the paid and open amounts, the aging and the statement.
func TestLedgerFollowsTheStore(t *testing.T) {
	ctx := context.Background()
	docs, l, acc := ledgerFixture(t)
	o1 := docs.AddOrder(t, acc.ID, domain.NewDate(2026, 9, 1), domain.OrderDelivered, "KLEJ-5 2")
	o2 := docs.AddOrder(t, acc.ID, domain.NewDate(2026, 11, 2), domain.OrderDelivered, "KLEJ-5 1")
	if o1.InvoiceNumber != "FV/2026/09/0001" || o2.InvoiceNumber != "FV/2026/11/0001" {
		t.Fatalf("invoice numbers %q %q", o1.InvoiceNumber, o2.InvoiceNumber)
	}
	l.AddPayment(t, acc.ID, domain.NewDate(2026, 11, 5), "100", "FV/2026/11/0001")
	l.AddPayment(t, acc.ID, domain.NewDate(2026, 11, 6), "50", "")
	rows, _, err := l.FindInvoices(ctx, domain.InvoiceFilter{Account: acc.ID})
	if err != nil {
		t.Fatal(err)
	}
	// Newest first: the November invoice took the referenced 100 zł, September's the 50 zł.
	if len(rows) != 2 || rows[0].Paid != 10000 || rows[0].Open != 2300 || rows[1].Paid != 5000 || rows[1].Open != 19600 {
		t.Fatalf("rows: %+v", rows)
	}
	r, err := l.AccountReceivables(ctx, acc.ID, domain.NewDate(2026, 11, 27))
	if err != nil {
		t.Fatal(err)
	}
	if r.Aging.D61_90 != 19600 || r.Aging.D1_30 != 2300 || r.Aging.Balance() != 21900 {
		t.Errorf("aging: %+v", r.Aging)
	}
	st, err := l.Statement(ctx, acc.ID, domain.Month{Year: 2026, Month: 11})
	if err != nil {
		t.Fatal(err)
	}
	if st.Opening != 24600 || st.Closing != 21900 || len(st.Lines) != 3 {
		t.Errorf("statement: %+v", st)
	}
}

// TestLedgerCreditControl: an order above the limit needs a reason, which the
// order keeps.
func TestLedgerCreditControl(t *testing.T) {
	ctx := context.Background()
	docs, l, acc := ledgerFixture(t)
	o := docs.AddOrder(t, acc.ID, domain.NewDate(2026, 11, 20), domain.OrderDraft, "KLEJ-5 9") // 1107 zł > 1000 zł
	c, err := l.CheckCredit(ctx, o.ID)
	if err != nil || len(c.Warnings()) != 1 || c.Exposure() != 110700 {
		t.Fatalf("check: %+v %v", c, err)
	}
	_, err = docs.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: o.Version})
	if e, ok := domain.AsError(err); !ok || e.Key != "credit.override_required" {
		t.Fatalf("confirmed without an override: %v", err)
	}
	got, err := docs.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: o.Version,
		CreditOverride: " pays next week ", OverrideBy: "Ewa"})
	if err != nil || got.Status != domain.OrderConfirmed || got.CreditOverride != "pays next week" || got.CreditOverrideBy != "Ewa" {
		t.Fatalf("override: %+v %v", got, err)
	}
}

// TestPrinterBatch writes one file per account and reports a failure.
func TestPrinterBatch(t *testing.T) {
	docs, l, acc := ledgerFixture(t)
	other := docs.cat.accounts.AddAccount(t, "K2", "Zakład", "Poznań")
	docs.AddOrder(t, acc.ID, domain.NewDate(2026, 10, 1), domain.OrderDelivered, "KLEJ-5 1")
	docs.AddOrder(t, other.ID, domain.NewDate(2026, 10, 2), domain.OrderDelivered, "KLEJ-5 1")
	p := NewPrinter(l)
	p.Fail["K2"] = domain.Errorf(domain.EInternal, "x", "disk full", nil)
	dir := t.TempDir()
	var last domain.BatchProgress
	res, err := p.PrintBatch(context.Background(), domain.Month{Year: 2026, Month: 10}, domain.StatementFiles, dir, "pl",
		func(b domain.BatchProgress) { last = b })
	if err != nil || res.Written != 1 || len(res.Failures) != 1 || last != (domain.BatchProgress{Done: 2, Total: 2}) {
		t.Fatalf("batch: %+v %v %+v", res, err, last)
	}
	if _, err := os.Stat(filepath.Join(dir, "K1_2026-10.pdf")); err != nil {
		t.Error(err)
	}
	if _, err := p.PrintBatch(context.Background(), domain.Month{Year: 2026, Month: 10}, domain.StatementFiles,
		filepath.Join(dir, "missing"), "pl", nil); err == nil {
		t.Error("a missing folder was written to")
	}
}
