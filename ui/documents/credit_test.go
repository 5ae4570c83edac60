package documents

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kontor/domain"
	"kontor/domain/domaintest"
)

// withLedger checks credit against an in-memory ledger; precheck says
// whether the screens ask it before confirming or learn from the store's error.
func withLedger(l **domaintest.Ledger, precheck bool) func(*fixture, *Deps) {
	return func(f *fixture, d *Deps) {
		*l = domaintest.NewLedger(f.docs)
		if precheck {
			d.Receivables = *l
		}
	}
}

// TestConfirmOverCreditLimit confirms an order above the account's credit
// limit only with a reason, which the order keeps with who gave it.
func TestConfirmOverCreditLimit(t *testing.T) {
	for _, precheck := range []bool{true, false} {
		var l *domaintest.Ledger
		f := newFixture(t, withLedger(&l, precheck))
		acc := f.db.AddAccount(t, "K9", "Sklep Żabka", "Kraków", func(a *domain.AccountFields) { a.CreditLimit = 10000 })
		o := f.docs.AddOrder(t, acc.ID, today, domain.OrderDraft, "KLEJ-5 2") // 194,18 zł gross
		f.w.SetContent(f.s.OrdersContent())
		f.s.OpenOrder(o.ID)
		e := f.order()
		test.Tap(e.confirmBtn)
		if e.override == nil || e.o.Status != domain.OrderDraft {
			t.Fatalf("precheck %v: no credit question; status %s", precheck, e.o.Status)
		}
		test.Tap(e.override.okBtn)
		if e.override.reason.Problem() == "" || e.o.Status != domain.OrderDraft {
			t.Fatalf("precheck %v: confirmed with a blank reason", precheck)
		}
		e.override.reason.Entry.SetText("przedpłata uzgodniona")
		test.Tap(e.override.okBtn)
		stored, _ := f.docs.FindOrderByID(t.Context(), o.ID)
		if e.o.Status != domain.OrderConfirmed || stored.CreditOverride != "przedpłata uzgodniona" || stored.CreditOverrideBy != "Ewa Rep" {
			t.Fatalf("precheck %v: %s, override %q by %q", precheck, e.o.Status, stored.CreditOverride, stored.CreditOverrideBy)
		}
	}
}

// TestConfirmWithinLimit asks nothing when the credit check is clear, and the
// question names the figures when it is not.
func TestConfirmWithinLimit(t *testing.T) {
	var l *domaintest.Ledger
	f := newFixture(t, withLedger(&l, true))
	acc := f.db.AddAccount(t, "K9", "Sklep Żabka", "Kraków", func(a *domain.AccountFields) { a.CreditLimit = 100000 })
	o := f.docs.AddOrder(t, acc.ID, today, domain.OrderDraft, "KLEJ-5 2")
	f.w.SetContent(f.s.OrdersContent())
	f.s.OpenOrder(o.ID)
	e := f.order()
	test.Tap(e.confirmBtn)
	if e.override != nil || e.o.Status != domain.OrderConfirmed {
		t.Fatalf("within the limit: asked %v, status %s", e.override != nil, e.o.Status)
	}
	big := f.docs.AddOrder(t, acc.ID, today, domain.OrderDraft, "KLEJ-5 10") // 970,92 zł + 194,18 zł confirmed
	f.s.OpenOrder(big.ID)
	e = f.order()
	test.Tap(e.confirmBtn)
	if e.override == nil {
		t.Fatal("no question over the limit")
	}
	got := e.override.text.Text
	for _, want := range []string{"over the credit limit of 1\u00a0000,00\u00a0zł", "confirmed orders not yet delivered 194,18\u00a0zł", "this order 970,92\u00a0zł"} {
		if !strings.Contains(got, want) {
			t.Errorf("the question lacks %q:\n%s", want, got)
		}
	}
}

// TestConfirmWithOverdueInvoice asks for a reason for an account within its
// limit whose invoice is long overdue, and still shows the exposure.
func TestConfirmWithOverdueInvoice(t *testing.T) {
	var l *domaintest.Ledger
	f := newFixture(t, withLedger(&l, true))
	acc := f.db.AddAccount(t, "K9", "Sklep Żabka", "Kraków", func(a *domain.AccountFields) { a.CreditLimit = 1000000 })
	f.docs.AddOrder(t, acc.ID, domain.NewDate(2026, 8, 3), domain.OrderDelivered, "KLEJ-5 1") // due 2.09: 86 days late
	o := f.docs.AddOrder(t, acc.ID, today, domain.OrderDraft, "KLEJ-5 1")
	f.w.SetContent(f.s.OrdersContent())
	f.s.OpenOrder(o.ID)
	e := f.order()
	test.Tap(e.confirmBtn)
	if e.override == nil {
		t.Fatal("no question for an invoice 86 days overdue")
	}
	got := e.override.text.Text
	for _, want := range []string{"86 days past due", "against a credit limit of 10\u00a0000,00\u00a0zł", "More than 30 days overdue: 97,09\u00a0zł"} {
		if !strings.Contains(got, want) {
			t.Errorf("the question lacks %q:\n%s", want, got)
		}
	}
}
