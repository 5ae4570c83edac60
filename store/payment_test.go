package store_test

import (
	"fmt"
	"testing"

	"kontor/domain"
)

func (f *recvFixture) pay(t *testing.T, p domain.PaymentFields) *domain.Payment {
	t.Helper()
	out, err := f.payments.RecordPayment(ctx, p)
	if err != nil {
		t.Fatalf("payment %+v: %v", p, err)
	}
	return out
}

// openAndSettled reads each invoice's open amount and the settlements as text,
// named by invoice number and payment reference.
func (f *recvFixture) ledgerText(t *testing.T, account domain.AccountID) (open map[string]domain.Amount, unapplied map[string]domain.Amount, settled []string, ar *domain.AccountReceivables) {
	t.Helper()
	ar, err := f.receivables.AccountReceivables(ctx, account, domain.Date{})
	if err != nil {
		t.Fatal(err)
	}
	open, unapplied = map[string]domain.Amount{}, map[string]domain.Amount{}
	invNum := map[domain.InvoiceID]string{}
	for _, r := range ar.Invoices {
		open[r.Number], invNum[r.ID] = r.Open, r.Number
		if r.Paid != r.Gross-r.Open {
			t.Errorf("%s: paid %s gross %s open %s", r.Number, r.Paid, r.Gross, r.Open)
		}
	}
	payRef := map[domain.PaymentID]string{}
	for _, p := range ar.Payments {
		unapplied[p.Reference], payRef[p.ID] = ar.Unapplied[p.ID], p.Reference
	}
	for _, s := range ar.Settlements {
		by := payRef[s.Payment]
		if s.CreditNote != 0 {
			by = invNum[s.CreditNote]
		}
		settled = append(settled, fmt.Sprintf("%s<-%s %s", invNum[s.Invoice], by, s.Amount))
	}
	return open, unapplied, settled, ar
}

// TestPaymentAllocation follows the allocation rule through recorded
// payments: a payment before any invoice is credit, which settles the first
// invoice when it comes; a payment whose reference is an invoice's number or
// its order's number settles that invoice first; the rest settles the oldest.
func TestPaymentAllocation(t *testing.T) {
	t.Parallel()
	f := newRecvFixture(t)
	k2 := f.other // 14 EOM, list price 10.00 for MAK, 23 %
	p0 := f.pay(t, domain.PaymentFields{AccountCode: "k2", Date: domain.NewDate(2026, 2, 1), Amount: 5000, Reference: "zaliczka"})
	if p0.AccountID != k2.ID || p0.AccountCode != "K2" {
		t.Errorf("account by code: %+v", p0)
	}
	_, unapplied, _, ar := f.ledgerText(t, k2.ID)
	if unapplied["zaliczka"] != 5000 || ar.Aging.Credit != 5000 || ar.Aging.Balance() != -5000 {
		t.Errorf("a payment before any invoice is credit: %v %+v", unapplied, ar.Aging)
	}

	o1 := f.delivered(t, k2, domain.NewDate(2026, 2, 9), domain.NewDate(2026, 2, 10), 10000)  // 123.00
	o2 := f.delivered(t, k2, domain.NewDate(2026, 2, 19), domain.NewDate(2026, 2, 20), 20000) // 246.00
	i1, i2 := o1.InvoiceNumber, o2.InvoiceNumber
	open, unapplied, _, _ := f.ledgerText(t, k2.ID)
	if open[i1] != 7300 || open[i2] != 24600 || unapplied["zaliczka"] != 0 {
		t.Fatalf("the credit settles the first invoice on delivery: %v %v", open, unapplied)
	}

	f.pay(t, domain.PaymentFields{AccountID: k2.ID, Date: domain.NewDate(2026, 3, 1), Amount: 24600, Reference: " " + i2 + " "})
	f.pay(t, domain.PaymentFields{AccountID: k2.ID, Date: domain.NewDate(2026, 3, 2), Amount: 3000, Reference: o1.Number})
	p3 := f.pay(t, domain.PaymentFields{AccountID: k2.ID, Date: domain.NewDate(2026, 3, 3), Amount: 10000, Reference: "przelew"})
	open, unapplied, settled, ar := f.ledgerText(t, k2.ID)
	want := []string{i2 + "<-" + i2 + " 246.00", i1 + "<-" + o1.Number + " 30.00", i1 + "<-zaliczka 50.00", i1 + "<-przelew 43.00"}
	if fmt.Sprint(settled) != fmt.Sprint(want) {
		t.Errorf("settlements\n got %v\nwant %v", settled, want)
	}
	if open[i1] != 0 || open[i2] != 0 || unapplied["przelew"] != 5700 || ar.Aging.Credit != 5700 || ar.Aging.Open() != 0 {
		t.Errorf("after the payments: open %v unapplied %v aging %+v", open, unapplied, ar.Aging)
	}

	ps, n, err := f.payments.FindPayments(ctx, domain.PaymentFilter{Account: k2.ID})
	if err != nil || n != 4 || ps[0].ID != p3.ID || ps[3].ID != p0.ID {
		t.Errorf("payments newest first: %d %v %+v", n, err, ps)
	}

	// Deleting a payment gives back what it settled; restoring it puts it back as it was.
	del, err := f.payments.DeletePayment(ctx, p3.ID)
	if err != nil {
		t.Fatal(err)
	}
	if open, _, _, _ := f.ledgerText(t, k2.ID); open[i1] != 4300 {
		t.Errorf("after deleting: %v", open)
	}
	back, err := f.payments.RestorePayment(ctx, del)
	if err != nil || back.ID != p3.ID || back.Amount != 10000 || !back.CreatedAt.Equal(p3.CreatedAt) {
		t.Fatalf("restored %+v, %v", back, err)
	}
	if _, again, _, _ := f.ledgerText(t, k2.ID); again["przelew"] != 5700 {
		t.Errorf("after restoring: %v", again)
	}
}

// TestPaymentPicksInvoice: an invoice the user picked is settled first, even
// when an older one is open and the reference names nothing.
func TestPaymentPicksInvoice(t *testing.T) {
	t.Parallel()
	f := newRecvFixture(t)
	f.delivered(t, f.other, domain.NewDate(2026, 2, 1), domain.NewDate(2026, 2, 2), 10000)
	o2 := f.delivered(t, f.other, domain.NewDate(2026, 2, 1), domain.NewDate(2026, 2, 3), 10000)
	p := f.pay(t, domain.PaymentFields{AccountID: f.other.ID, Date: domain.NewDate(2026, 3, 1), Amount: 12300, Invoice: o2.Invoice})
	if p.InvoiceNumber != o2.InvoiceNumber {
		t.Errorf("payment reads its invoice: %+v", p)
	}
	open, _, _, _ := f.ledgerText(t, f.other.ID)
	if open[o2.InvoiceNumber] != 0 || len(open) != 2 {
		t.Errorf("the picked invoice is paid: %v", open)
	}
}

func TestPaymentBadInput(t *testing.T) {
	t.Parallel()
	f := newRecvFixture(t)
	o := f.delivered(t, f.other, f.day, f.day, 1000)
	day := domain.NewDate(2026, 3, 1)
	for _, tc := range []struct {
		p          domain.PaymentFields
		field, key string
	}{
		{domain.PaymentFields{AccountCode: "NOPE", Date: day, Amount: 100}, domain.FieldAccountCode, "account.unknown"},
		{domain.PaymentFields{AccountID: 999, Date: day, Amount: 100}, domain.FieldAccountCode, "account.unknown"},
		{domain.PaymentFields{AccountID: f.branch.ID, Date: day, Amount: 0}, domain.FieldAmount, "payment.amount_positive"},
		{domain.PaymentFields{AccountID: f.branch.ID, Date: day, Amount: -5}, domain.FieldAmount, "payment.amount_positive"},
		{domain.PaymentFields{AccountID: f.branch.ID, Amount: 100}, domain.FieldDate, "field.required"},
		{domain.PaymentFields{AccountID: f.branch.ID, Date: day, Amount: 100, Invoice: o.Invoice}, domain.FieldInvoice, "payment.invoice_other_account"},
		{domain.PaymentFields{AccountID: f.other.ID, Date: day, Amount: 100, Invoice: 12345}, domain.FieldInvoice, "payment.invoice_unknown"},
	} {
		_, err := f.payments.RecordPayment(ctx, tc.p)
		wantFieldErr(t, err, domain.EInvalid, tc.field, tc.key)
	}
	if _, n, err := f.payments.FindPayments(ctx, domain.PaymentFilter{}); err != nil || n != 0 {
		t.Errorf("a refused payment was stored: %d %v", n, err)
	}
}
