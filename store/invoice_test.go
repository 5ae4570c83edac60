package store_test

import (
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
)

// recvFixture is the documents fixture with the receivables services. Its
// clock stands at 2026-03-10 09:00 UTC: that is "today" for aging and
// credit control.
type recvFixture struct {
	*docFixture
	invoices    *store.InvoiceService
	payments    *store.PaymentService
	receivables *store.ReceivablesService
}

func newRecvFixture(t *testing.T) *recvFixture {
	t.Helper()
	d := newDocFixture(t)
	return &recvFixture{docFixture: d, invoices: store.NewInvoiceService(d.db), payments: store.NewPaymentService(d.db),
		receivables: store.NewReceivablesService(d.db)}
}

// confirmed creates and confirms an order of qty (×10³) MAK for account dated on.
func (f *recvFixture) confirmed(t *testing.T, account *domain.Account, on domain.Date, qty int64) *domain.Order {
	t.Helper()
	of := domain.NewOrderFields(account, on)
	of.Lines = f.priced(t, account.ID, on, []string{"MAK"}, []int64{qty})
	o, err := f.orders.CreateOrder(ctx, of)
	if err != nil {
		t.Fatal(err)
	}
	o, err = f.orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: o.Version,
		CreditOverride: "fixture"})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// delivered creates, confirms and delivers an order; it returns the order as
// delivered (with its invoice's number).
func (f *recvFixture) delivered(t *testing.T, account *domain.Account, on, delivered domain.Date, qty int64) *domain.Order {
	t.Helper()
	o := f.confirmed(t, account, on, qty)
	o, err := f.orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: delivered, Version: o.Version})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestInvoiceOnDelivery(t *testing.T) {
	t.Parallel()
	f := newRecvFixture(t)
	*f.clock = time.Date(2028, 3, 1, 9, 0, 0, 0, time.UTC) // every delivery below has happened
	day := func(y, m, d int) domain.Date { return domain.NewDate(y, time.Month(m), d) }
	for _, tc := range []struct {
		account   *domain.Account
		delivered domain.Date
		number    string
		due       domain.Date
	}{
		{f.branch, day(2026, 11, 30), "FV/2026/11/0001", day(2026, 12, 30)}, // net 30
		{f.other, day(2026, 11, 5), "FV/2026/11/0002", day(2026, 12, 14)},   // 14 EOM: gap-free in order of issue
		{f.branch, day(2026, 12, 1), "FV/2026/12/0001", day(2026, 12, 31)},  // a new month restarts the series
		{f.branch, day(2027, 1, 31), "FV/2027/01/0001", day(2027, 3, 2)},    // net 30 from 31 January
		{f.other, day(2028, 2, 10), "FV/2028/02/0001", day(2028, 3, 14)},    // 14 EOM in a leap February
		{f.other, day(2028, 2, 29), "FV/2028/02/0002", day(2028, 3, 14)},
	} {
		o := f.delivered(t, tc.account, tc.delivered.AddDays(-3), tc.delivered, 12000)
		if o.InvoiceNumber != tc.number || o.Invoice == 0 {
			t.Errorf("delivered %s: invoice %q (%d), want %s", tc.delivered, o.InvoiceNumber, o.Invoice, tc.number)
			continue
		}
		inv, err := f.invoices.FindInvoiceByOrder(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := o.Totals()
		if inv.Number != tc.number || inv.Date != tc.delivered || inv.Due != tc.due || inv.Kind != domain.KindInvoice ||
			inv.AccountID != tc.account.ID || inv.OrderNumber != o.Number || inv.Terms != tc.account.PaymentTerms {
			t.Errorf("%s: %+v, due %s want %s", tc.number, inv, inv.Due, tc.due)
		}
		if inv.Totals.Net != want.Net || inv.Totals.VAT != want.VAT || inv.Totals.Gross != want.Gross || len(inv.Totals.ByRate) != len(want.ByRate) {
			t.Errorf("%s totals %+v, order %+v", tc.number, inv.Totals, want)
		}
		if len(inv.Lines) != len(o.Lines) || inv.Lines[0].No != 1 || !domain.SameLines(inv.DocumentLines(), o.Lines) {
			t.Errorf("%s lines %+v, order %+v", tc.number, inv.Lines, o.Lines)
		}
		if byNum, err := f.invoices.FindInvoiceByNumber(ctx, strings.ToLower(tc.number)); err != nil || byNum.ID != inv.ID {
			t.Errorf("by number %s: %v", tc.number, err)
		}
	}
	rows, total, err := f.invoices.FindInvoices(ctx, domain.InvoiceFilter{Account: f.other.ID})
	if err != nil || total != 3 || len(rows) != 3 || rows[0].Number != "FV/2028/02/0002" || rows[0].Open != rows[0].Gross || rows[0].Paid != 0 {
		t.Errorf("the account's invoices, newest first: %d %v %+v", total, err, rows)
	}
}

func TestDeliveredTwiceRefused(t *testing.T) {
	t.Parallel()
	f := newRecvFixture(t)
	o := f.delivered(t, f.branch, f.day, f.day, 1000)
	_, err := f.orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: f.day.AddDays(1),
		Version: o.Version})
	wantErr(t, err, domain.EInvalid, "order.transition")
	wantErr(t, f.orders.DeleteOrder(ctx, o.ID), domain.EInvalid, "order.delete_confirmed")
	_, n, err := f.invoices.FindInvoices(ctx, domain.InvoiceFilter{})
	if err != nil || n != 1 {
		t.Errorf("invoices after a second delivery: %d, %v", n, err)
	}
}
