package servicetest

import (
	"testing"

	"kontor/domain"
)

// ledgerFixture sells to accounts and records what they pay.
type ledgerFixture struct {
	s                Services
	veg, cheap, bulk *domain.Product
}

func newLedgerFixture(t *testing.T, open Factory) *ledgerFixture {
	t.Helper()
	s := open(t)
	x := &ledgerFixture{s: s}
	x.veg = product(t, s, "ZIE-1", "Ziemniaki", "2", func(f *domain.ProductFields) { f.VATRate = domain.VAT5 })
	x.cheap = product(t, s, "DROB-1", "Drobiazg", "0,33")
	x.bulk = product(t, s, "MAK-1", "Mąka", "12,3456", func(f *domain.ProductFields) { f.Unit, f.VATRate = "kg", domain.VAT8 })
	return x
}

// terms14 gives an account payment terms of net 14.
func terms14(f *domain.AccountFields) { f.PaymentTerms = domain.PaymentTerms{Days: 14} }

// order creates an order for a dated on with lines and moves it through the
// statuses (a credit warning overridden).
func (x *ledgerFixture) order(t *testing.T, a *domain.Account, on domain.Date, lines []domain.DocumentLine, to ...domain.OrderStatus) *domain.Order {
	t.Helper()
	f := domain.NewOrderFields(a, on)
	f.Lines = lines
	o, err := x.s.Orders.CreateOrder(ctx, f)
	check(t, "create order", err)
	for _, st := range to {
		o, err = x.s.Orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: st, Version: o.Version, Delivered: on,
			CreditOverride: "test"})
		check(t, "order "+string(st), err)
	}
	return o
}

// invoice delivers an order of n potatoes (2,00 + 5 % VAT each) on day on
// and returns its invoice.
func (x *ledgerFixture) invoice(t *testing.T, a *domain.Account, on domain.Date, n string) *domain.Invoice {
	t.Helper()
	o := x.order(t, a, on, []domain.DocumentLine{line(t, x.veg, n)}, domain.OrderConfirmed, domain.OrderDelivered)
	inv, err := x.s.Invoices.FindInvoiceByID(ctx, o.Invoice)
	check(t, "invoice", err)
	return inv
}

func (x *ledgerFixture) pay(t *testing.T, a *domain.Account, on domain.Date, amt, ref string) *domain.Payment {
	t.Helper()
	p, err := x.s.Payments.RecordPayment(ctx, domain.PaymentFields{AccountID: a.ID, Date: on, Amount: amount(t, amt), Reference: ref})
	check(t, "payment", err)
	return p
}

func invoiceRows(rows []domain.InvoiceRow) []string {
	return mapList(rows, func(r domain.InvoiceRow) string {
		return r.Number + " " + r.Gross.String() + " paid " + r.Paid.String() + " open " + r.Open.String()
	})
}

// Invoices: invoices issued on delivery, their numbers, totals and list, and
// credit notes.
func Invoices(t *testing.T, open Factory) {
	x := newLedgerFixture(t, open)
	s := x.s
	a := account(t, s, "K1", "Hurtownia Łódź", "Łódź", terms14)
	b := account(t, s, "K2", "Sklep", "Kraków", func(f *domain.AccountFields) { f.PaymentTerms = domain.PaymentTerms{Days: 10, EOM: true} })
	lines := []domain.DocumentLine{line(t, x.cheap, "1"), line(t, x.cheap, "1"), line(t, x.cheap, "1"), line(t, x.bulk, "3")}
	lines[3].Discount = domain.Percent(1000)
	o := x.order(t, a, date(2026, 10, 5), lines, domain.OrderConfirmed)
	_, err := s.Invoices.FindInvoiceByOrder(ctx, o.ID)
	wantErr(t, "invoice of an undelivered order", err, domain.ENotFound, "invoice.not_found")
	o, err = s.Orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: date(2026, 10, 6), Version: o.Version})
	check(t, "deliver", err)
	inv, err := s.Invoices.FindInvoiceByOrder(ctx, o.ID)
	check(t, "invoice of the order", err)
	series := domain.DefaultDocumentSettings().Invoices
	if inv.ID != o.Invoice || inv.Number != series.FormatOn(date(2026, 10, 6), 1) || inv.Number != o.InvoiceNumber ||
		inv.Kind != domain.KindInvoice || inv.AccountID != a.ID || inv.AccountCode != "K1" || inv.AccountName != "Hurtownia Łódź" ||
		inv.OrderID != o.ID || inv.OrderNumber != o.Number || inv.Date != date(2026, 10, 6) || inv.Due != date(2026, 10, 20) ||
		inv.Terms != (domain.PaymentTerms{Days: 14}) || inv.Currency != "PLN" || !inv.CreatedAt.Equal(Now) || len(inv.Lines) != 4 ||
		inv.Lines[3].No != 4 || inv.Lines[3].Discount != 1000 {
		t.Errorf("invoice = %+v", inv)
	}
	byRate := mapList(inv.Totals.ByRate, func(v domain.VATTotal) string {
		return string(v.Rate) + ": " + v.Net.String() + " + " + v.VAT.String() + " = " + v.Gross.String()
	})
	equalList(t, "VAT on each rate's sum", byRate, []string{"23: 0.99 + 0.23 = 1.22", "8: 33.33 + 2.67 = 36.00"})
	equal(t, "gross", inv.Totals.Gross.String(), "37.22")
	got, err := s.Invoices.FindInvoiceByNumber(ctx, " fv/2026/10/0001 ")
	check(t, "by number", err)
	equal(t, "by number", got.ID, inv.ID)
	_, err = s.Invoices.FindInvoiceByNumber(ctx, "FV/1999/01/0001")
	wantErr(t, "by unknown number", err, domain.ENotFound, "invoice.not_found")
	_, err = s.Invoices.FindInvoiceByID(ctx, 999)
	wantErr(t, "by unknown id", err, domain.ENotFound, "invoice.not_found")

	i2 := x.invoice(t, b, date(2026, 10, 20), "10") // 21,00, due 10 days after the end of October
	equal(t, "the month's next number", i2.Number, series.FormatOn(date(2026, 10, 20), 2))
	equal(t, "EOM due date", i2.Due, date(2026, 11, 10))
	i3 := x.invoice(t, a, date(2026, 11, 2), "5") // 10,50
	equal(t, "a new month's first number", i3.Number, series.FormatOn(date(2026, 11, 2), 1))

	// Credit notes.
	_, err = s.Invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: inv.ID, Date: date(2026, 11, 3)})
	wantField(t, "no reason", err, domain.EInvalid, domain.FieldCreditReason, "credit.reason_required")
	_, err = s.Invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: inv.ID, Date: date(2026, 11, 3), Reason: "zwrot",
		Lines: []domain.CreditLine{{LineNo: 4, Quantity: qty(t, "4")}}})
	wantField(t, "more than invoiced", err, domain.EInvalid, domain.LineField(3, domain.FieldQuantity), "credit.more_than_invoiced")
	_, err = s.Invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: 999, Date: date(2026, 11, 3), Reason: "zwrot"})
	wantErr(t, "credit a missing invoice", err, domain.ENotFound, "invoice.not_found")
	note, err := s.Invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: inv.ID, Date: date(2026, 11, 3), Reason: " zwrot ",
		Lines: []domain.CreditLine{{LineNo: 4, Quantity: qty(t, "1")}}})
	check(t, "credit note", err)
	if note.Kind != domain.KindCreditNote || note.Number != domain.DefaultDocumentSettings().CreditNotes.FormatOn(date(2026, 11, 3), 1) ||
		note.Corrects != inv.ID || note.CorrectsNumber != inv.Number || note.Reason != "zwrot" || note.AccountID != a.ID ||
		note.Totals.Gross.String() != "-12.00" || len(note.Lines) != 1 || note.Lines[0].No != 4 || note.Lines[0].Quantity != qty(t, "1") {
		t.Errorf("credit note = %+v", note)
	}
	_, err = s.Invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: note.ID, Date: date(2026, 11, 3), Reason: "x"})
	wantErr(t, "credit a credit note", err, domain.EInvalid, "credit.of_credit")

	// The list, newest first, with what is paid and open of each.
	x.pay(t, a, date(2026, 11, 4), "30", "")
	list := func(f domain.InvoiceFilter) ([]domain.InvoiceRow, int) {
		t.Helper()
		rows, total, err := s.Invoices.FindInvoices(ctx, f)
		check(t, "list", err)
		return rows, total
	}
	rows, total := list(domain.InvoiceFilter{})
	equal(t, "total", total, 4)
	// The note settles its invoice first (12,00 of 37,22), the payment the oldest open invoices.
	equalList(t, "invoices", invoiceRows(rows), []string{
		note.Number + " -12.00 paid -12.00 open 0.00",
		i3.Number + " 10.50 paid 4.78 open 5.72",
		i2.Number + " 21.00 paid 0.00 open 21.00",
		inv.Number + " 37.22 paid 37.22 open 0.00",
	})
	r := rows[3]
	if r.ID != inv.ID || r.Kind != domain.KindInvoice || r.AccountCode != "K1" || r.AccountName != "Hurtownia Łódź" ||
		r.OrderNumber != o.Number || r.Date != inv.Date || r.Due != inv.Due || r.Net.String() != "34.32" {
		t.Errorf("row = %+v", r)
	}
	rows, total = list(domain.InvoiceFilter{Account: a.ID, From: date(2026, 11, 1), To: date(2026, 11, 2)})
	equal(t, "filtered total", total, 1)
	equalList(t, "an account's in days", mapList(rows, func(r domain.InvoiceRow) string { return r.Number }), []string{i3.Number})
	rows, total = list(domain.InvoiceFilter{Offset: 1, Limit: 2})
	equal(t, "page total", total, 4)
	equalList(t, "page", mapList(rows, func(r domain.InvoiceRow) string { return r.Number }), []string{i3.Number, i2.Number})
	rows, total = list(domain.InvoiceFilter{OpenOnly: true})
	equal(t, "open total", total, 2)
	equalList(t, "open", mapList(rows, func(r domain.InvoiceRow) string { return r.Number }), []string{i3.Number, i2.Number})

	// A note on a paid invoice is credit: its row shows it as open (negative).
	x.pay(t, b, date(2026, 11, 4), "21", i2.Number)
	credit, err := s.Invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: i2.ID, Date: date(2026, 11, 5), Reason: "zwrot"})
	check(t, "credit a paid invoice", err)
	rows, total = list(domain.InvoiceFilter{Account: b.ID, OpenOnly: true})
	equal(t, "open with credit total", total, 1)
	equalList(t, "open with credit", invoiceRows(rows), []string{credit.Number + " -21.00 paid 0.00 open -21.00"})
}

// Payments: recording, the list, delete and restore.
func Payments(t *testing.T, open Factory) {
	x := newLedgerFixture(t, open)
	s := x.s
	a := account(t, s, "K1", "Hurtownia Łódź", "Łódź", terms14)
	b := account(t, s, "K2", "Sklep", "Kraków")
	inv := x.invoice(t, a, date(2026, 10, 5), "50") // 105,00
	other := x.invoice(t, b, date(2026, 10, 5), "1")
	note, err := s.Invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: inv.ID, Date: date(2026, 10, 6), Reason: "zwrot",
		Lines: []domain.CreditLine{{LineNo: 1, Quantity: qty(t, "1")}}})
	check(t, "credit note", err)

	p, err := s.Payments.RecordPayment(ctx, domain.PaymentFields{AccountCode: "k1", Date: date(2026, 10, 10),
		Amount: amount(t, "40"), Reference: " przelew ", Invoice: inv.ID})
	check(t, "record", err)
	if p.ID == 0 || p.AccountID != a.ID || p.AccountCode != "K1" || p.AccountName != "Hurtownia Łódź" || p.Reference != "przelew" ||
		p.Invoice != inv.ID || p.InvoiceNumber != inv.Number || !p.CreatedAt.Equal(Now) || p.Amount.String() != "40.00" {
		t.Errorf("recorded = %+v", p)
	}
	got, err := s.Payments.FindPaymentByID(ctx, p.ID)
	check(t, "find", err)
	if got.PaymentFields != p.PaymentFields || got.InvoiceNumber != inv.Number || got.AccountName != "Hurtownia Łódź" {
		t.Errorf("found = %+v, want %+v", got, p)
	}
	_, err = s.Payments.FindPaymentByID(ctx, 999)
	wantErr(t, "find missing", err, domain.ENotFound, "payment.not_found")

	record := func(f domain.PaymentFields) error {
		_, err := s.Payments.RecordPayment(ctx, f)
		return err
	}
	err = record(domain.PaymentFields{AccountCode: "NOPE", Date: Today, Amount: 100})
	wantErr(t, "unknown account", err, domain.EInvalid, "payment.invalid")
	wantField(t, "unknown account", err, domain.EInvalid, domain.FieldAccountCode, "account.unknown")
	err = record(domain.PaymentFields{AccountID: a.ID, Date: Today, Amount: 100, Invoice: other.ID})
	wantField(t, "another account's invoice", err, domain.EInvalid, domain.FieldInvoice, "payment.invoice_other_account")
	err = record(domain.PaymentFields{AccountID: a.ID, Date: Today, Amount: 100, Invoice: note.ID})
	wantField(t, "a credit note", err, domain.EInvalid, domain.FieldInvoice, "payment.invoice_is_credit")
	err = record(domain.PaymentFields{AccountID: a.ID, Date: Today, Amount: 100, Invoice: 999})
	wantField(t, "an unknown invoice", err, domain.EInvalid, domain.FieldInvoice, "payment.invoice_unknown")
	err = record(domain.PaymentFields{AccountID: a.ID})
	wantField(t, "invalid", err, domain.EInvalid, domain.FieldDate, "field.required")
	wantField(t, "invalid", err, domain.EInvalid, domain.FieldAmount, "payment.amount_positive")

	p2 := x.pay(t, a, date(2026, 10, 12), "10", "")
	p3 := x.pay(t, b, date(2026, 10, 12), "2,10", "")
	p4 := x.pay(t, a, date(2026, 11, 1), "5", "")
	ids := func(list []domain.Payment) []domain.PaymentID {
		return mapList(list, func(p domain.Payment) domain.PaymentID { return p.ID })
	}
	list, total, err := s.Payments.FindPayments(ctx, domain.PaymentFilter{})
	check(t, "list", err)
	equal(t, "total", total, 4)
	equalList(t, "newest first", ids(list), []domain.PaymentID{p4.ID, p3.ID, p2.ID, p.ID})
	list, total, err = s.Payments.FindPayments(ctx, domain.PaymentFilter{Account: a.ID, From: date(2026, 10, 11), To: date(2026, 10, 31)})
	check(t, "filtered", err)
	equal(t, "filtered total", total, 1)
	equalList(t, "filtered", ids(list), []domain.PaymentID{p2.ID})
	list, total, err = s.Payments.FindPayments(ctx, domain.PaymentFilter{Offset: 1, Limit: 2})
	check(t, "page", err)
	equal(t, "page total", total, 4)
	equalList(t, "page", ids(list), []domain.PaymentID{p3.ID, p2.ID})

	open105 := func() string {
		t.Helper()
		r, err := s.Receivables.AccountReceivables(ctx, a.ID, Today)
		check(t, "receivables", err)
		for _, row := range r.Invoices {
			if row.ID == inv.ID {
				return row.Open.String()
			}
		}
		t.Fatalf("invoice %s not listed", inv.Number)
		return ""
	}
	// 105,00 − 2,10 credited − 40 − 10 − 5.
	equal(t, "open", open105(), "47.90")
	del, err := s.Payments.DeletePayment(ctx, p2.ID)
	check(t, "delete", err)
	if del.ID != p2.ID || del.Amount.String() != "10.00" || del.AccountID != a.ID {
		t.Errorf("deleted = %+v", del)
	}
	equal(t, "open after the delete", open105(), "57.90")
	_, err = s.Payments.FindPaymentByID(ctx, p2.ID)
	wantErr(t, "find deleted", err, domain.ENotFound, "payment.not_found")
	_, err = s.Payments.DeletePayment(ctx, p2.ID)
	wantErr(t, "delete again", err, domain.ENotFound, "payment.not_found")
	back, err := s.Payments.RestorePayment(ctx, del)
	check(t, "restore", err)
	if back.ID != p2.ID || back.PaymentFields != p2.PaymentFields || !back.CreatedAt.Equal(p2.CreatedAt) {
		t.Errorf("restored = %+v, want %+v", back, p2)
	}
	equal(t, "open after the restore", open105(), "47.90")
	// Restored again, its ID is taken: it comes back under a new one.
	twice, err := s.Payments.RestorePayment(ctx, del)
	check(t, "restore again", err)
	if twice.ID == p2.ID || twice.ID == 0 || twice.Amount != p2.Amount {
		t.Errorf("restored again = %+v", twice)
	}
	// An account with payments keeps them.
	wantErr(t, "delete an account with payments", s.Accounts.DeleteAccount(ctx, b.ID), domain.EConflict, "account.has_history")
}

// Receivables: balances, aging, the receivables list, credit checks and
// statements.
func Receivables(t *testing.T, open Factory) {
	x := newLedgerFixture(t, open)
	s := x.s
	k1 := account(t, s, "K1", "Hurtownia Łódź", "Łódź", terms14, withOwner("Anna"), withGroup("Hurt"),
		func(f *domain.AccountFields) { f.CreditLimit = amount(t, "100") })
	k2 := account(t, s, "K2", "Sklep", "Kraków", terms14, withOwner("Piotr"))
	k3 := account(t, s, "K3", "Kiosk", "Gdańsk", withOwner("Piotr"))
	k4 := account(t, s, "K4", "Spłacona", "Sopot", terms14)
	k5 := account(t, s, "K5", "Piekarnia", "Radom", terms14, withGroup("Hurt"))
	account(t, s, "K6", "Bez ruchu", "Radom")

	i1 := x.invoice(t, k1, date(2026, 8, 1), "50")   // 105,00 due 08-15
	i2 := x.invoice(t, k1, date(2026, 10, 20), "10") // 21,00 due 11-03
	i3 := x.invoice(t, k1, date(2026, 11, 20), "20") // 42,00 due 12-04
	p1 := x.pay(t, k1, date(2026, 11, 10), "21", " "+i2.Number+" ")
	p2 := x.pay(t, k1, date(2026, 11, 15), "30", "zaliczka")
	pending := x.order(t, k1, Today, []domain.DocumentLine{line(t, x.veg, "2")}, domain.OrderConfirmed) // 4,20 undelivered
	x.invoice(t, k2, date(2026, 11, 1), "5")                                                            // 10,50
	x.pay(t, k2, date(2026, 11, 20), "20", "")
	x.pay(t, k3, date(2026, 11, 5), "5", "")
	x.invoice(t, k4, date(2026, 9, 1), "1")
	x.pay(t, k4, date(2026, 9, 10), "2,10", "")
	x.invoice(t, k5, date(2026, 11, 1), "10") // 21,00 due 11-15

	t.Run("AccountReceivables", func(t *testing.T) {
		r, err := s.Receivables.AccountReceivables(ctx, k1.ID, domain.Date{})
		check(t, "receivables", err)
		equal(t, "as of today", r.AsOf, Today)
		equalList(t, "invoices", invoiceRows(r.Invoices), []string{
			i3.Number + " 42.00 paid 0.00 open 42.00",
			i2.Number + " 21.00 paid 21.00 open 0.00",
			i1.Number + " 105.00 paid 30.00 open 75.00",
		})
		equalList(t, "payments", mapList(r.Payments, func(p domain.Payment) domain.PaymentID { return p.ID }),
			[]domain.PaymentID{p2.ID, p1.ID})
		if len(r.Unapplied) != 2 || r.Unapplied[p1.ID] != 0 || r.Unapplied[p2.ID] != 0 {
			t.Errorf("unapplied = %v", r.Unapplied)
		}
		// The reference settles its invoice first; the rest the oldest invoice.
		equalList(t, "settlements", r.Settlements, []domain.Settlement{{Invoice: i2.ID, Payment: p1.ID, Amount: amount(t, "21")},
			{Invoice: i1.ID, Payment: p2.ID, Amount: amount(t, "30")}})
		equal(t, "aging", r.Aging, domain.Aging{Current: amount(t, "42"), Over90: amount(t, "75")})
		equal(t, "limit", r.CreditLimit.String(), "100.00")
		equal(t, "undelivered", r.Undelivered.String(), "4.20")
		// Another day buckets the open amounts as of that day.
		r, err = s.Receivables.AccountReceivables(ctx, k1.ID, date(2026, 10, 31))
		check(t, "receivables on another day", err)
		equal(t, "aging on another day", r.Aging, domain.Aging{Current: amount(t, "42"), D61_90: amount(t, "75")})
		r, err = s.Receivables.AccountReceivables(ctx, k2.ID, Today)
		check(t, "receivables with credit", err)
		equal(t, "aging with credit", r.Aging, domain.Aging{Credit: amount(t, "9.50")})
		_, err = s.Receivables.AccountReceivables(ctx, 999, Today)
		wantErr(t, "receivables of unknown", err, domain.ENotFound, "account.not_found")
	})

	t.Run("FindReceivables", func(t *testing.T) {
		codes := func(rows []domain.ReceivableRow) []string {
			return mapList(rows, func(r domain.ReceivableRow) string { return r.Code })
		}
		rows, total, err := s.Receivables.FindReceivables(ctx, domain.ReceivablesFilter{})
		check(t, "list", err)
		// Most overdue first; credit only last, by code.
		equalList(t, "list", codes(rows), []string{"K1", "K5", "K2", "K3"})
		equal(t, "totals", total, domain.Aging{Current: amount(t, "42"), D1_30: amount(t, "21"), Over90: amount(t, "75"),
			Credit: amount(t, "14.50")})
		r := rows[0]
		if r.AccountID != k1.ID || r.Name != "Hurtownia Łódź" || r.Owner != "Anna" || r.Group != "Hurt" || r.CreditLimit.String() != "100.00" ||
			r.OldestDue != date(2026, 8, 15) || r.Aging != (domain.Aging{Current: amount(t, "42"), Over90: amount(t, "75")}) {
			t.Errorf("row = %+v", r)
		}
		equal(t, "credit only: no due date", rows[2].OldestDue, domain.Date{})
		rows, _, err = s.Receivables.FindReceivables(ctx, domain.ReceivablesFilter{Owner: "Piotr"})
		check(t, "owner", err)
		equalList(t, "owner's", codes(rows), []string{"K2", "K3"})
		g, err := s.Groups.FindGroupByName(ctx, "Hurt")
		check(t, "group", err)
		rows, total, err = s.Receivables.FindReceivables(ctx, domain.ReceivablesFilter{Group: g.ID})
		check(t, "group", err)
		equalList(t, "group's", codes(rows), []string{"K1", "K5"})
		equal(t, "group's totals", total.Open().String(), "138.00")
		rows, _, err = s.Receivables.FindReceivables(ctx, domain.ReceivablesFilter{Group: 999})
		check(t, "unknown group", err)
		equal(t, "unknown group's rows", len(rows), 0)
		rows, _, err = s.Receivables.FindReceivables(ctx, domain.ReceivablesFilter{AsOf: date(2026, 12, 20)})
		check(t, "another day", err)
		equal(t, "K5 on another day", rows[1].Aging, domain.Aging{D31_60: amount(t, "21")})
	})

	t.Run("CheckCredit", func(t *testing.T) {
		c, err := s.Receivables.CheckCredit(ctx, pending.ID)
		check(t, "check", err)
		want := domain.CreditCheck{Limit: amount(t, "100"), Balance: amount(t, "117"), ThisOrder: amount(t, "4.20"),
			OldestLate: Today.DaysSince(date(2026, 8, 15)), LateAmount: amount(t, "75")}
		equal(t, "check", *c, want)
		equalList(t, "warnings", c.Warnings(), []string{domain.CreditOverLimit, domain.CreditOverdue})
		c, err = s.Receivables.CheckCredit(ctx, x.order(t, k2, Today, []domain.DocumentLine{line(t, x.veg, "1")}).ID)
		check(t, "check with credit", err)
		equal(t, "balance with credit", c.Balance.String(), "-9.50")
	})

	t.Run("Statements", func(t *testing.T) {
		nov := domain.Month{Year: 2026, Month: 11}
		st, err := s.Receivables.Statement(ctx, k1.ID, nov)
		check(t, "statement", err)
		// The date of the running month's statement is not pinned here: it should
		// be today (never a future day), and the store still gives the month's last.
		if st.Account == nil || st.Account.ID != k1.ID || st.Month != nov {
			t.Errorf("statement of %+v for %v", st.Account, st.Month)
		}
		equal(t, "opening", st.Opening.String(), "126.00")
		equalList(t, "lines", mapList(st.Lines, func(l domain.StatementLine) string {
			return l.Date.String() + " " + l.Kind + " " + l.Amount.String() + " = " + l.Balance.String()
		}), []string{"2026-11-10 payment -21.00 = 105.00", "2026-11-15 payment -30.00 = 75.00", "2026-11-20 invoice 42.00 = 117.00"})
		equal(t, "closing", st.Closing.String(), "117.00")
		equal(t, "aging balances", st.Aging.Balance(), st.Closing)
		oct, err := s.Receivables.Statement(ctx, k1.ID, domain.Month{Year: 2026, Month: 10})
		check(t, "October", err)
		if oct.Opening.String() != "105.00" || oct.Closing.String() != "126.00" || len(oct.Lines) != 1 || oct.Date != date(2026, 10, 31) {
			t.Errorf("October = %s … %s, %d lines, on %v", oct.Opening, oct.Closing, len(oct.Lines), oct.Date)
		}
		_, err = s.Receivables.Statement(ctx, k1.ID, domain.Month{})
		wantErr(t, "no month", err, domain.EInvalid, "month.required")
		_, err = s.Receivables.Statement(ctx, 999, nov)
		wantErr(t, "unknown account", err, domain.ENotFound, "account.not_found")
		ids, err := s.Receivables.StatementAccounts(ctx, nov)
		check(t, "statement accounts", err)
		equalList(t, "accounts with movement or a balance, by code", ids, []domain.AccountID{k1.ID, k2.ID, k3.ID, k5.ID})
		ids, err = s.Receivables.StatementAccounts(ctx, domain.Month{Year: 2026, Month: 9})
		check(t, "September", err)
		equalList(t, "September", ids, []domain.AccountID{k1.ID, k4.ID})
		_, err = s.Receivables.StatementAccounts(ctx, domain.Month{})
		wantErr(t, "no month", err, domain.EInvalid, "month.required")
	})
}
