package domain

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

func linv(id int, number, order string, on, due Date, gross string) LedgerInvoice {
	return LedgerInvoice{ID: InvoiceID(id), Kind: KindInvoice, Number: number, OrderNumber: order, Date: on, Due: due, Gross: amt(gross)}
}

func lpay(id int, on Date, amount, ref string) LedgerPayment {
	return LedgerPayment{ID: PaymentID(id), Date: on, Amount: amt(amount), Reference: ref}
}

// threeInvoices: 100.00 in January, 250.00 in January, 80.00 in February.
func threeInvoices() []LedgerInvoice {
	return []LedgerInvoice{
		linv(1, "FV/2026/01/0001", "ZAM/2026/00001", day(2026, 1, 10), day(2026, 2, 9), "100.00"),
		linv(2, "FV/2026/01/0002", "ZAM/2026/00002", day(2026, 1, 20), day(2026, 2, 19), "250.00"),
		linv(3, "FV/2026/02/0001", "ZAM/2026/00003", day(2026, 2, 5), day(2026, 3, 7), "80.00"),
	}
}

// Referenced payments settle their invoice first, whatever their date; the
// rest settles the oldest open invoices; what is left is credit.
func TestAllocateReferencedAndUnreferenced(t *testing.T) {
	p4 := lpay(4, day(2026, 2, 15), "40.00", "FV/2026/02/0001")
	p4.Invoice = 1 // picked by the user: wins over the reference
	l := Ledger{Invoices: threeInvoices(), Payments: []LedgerPayment{
		p4,
		lpay(3, day(2026, 2, 12), "120.00", "przelew za fakturę"),
		lpay(1, day(2026, 2, 1), "250.00", " fv/2026/01/0002 "), // case and spaces do not matter
		lpay(2, day(2026, 2, 10), "50.00", "ZAM/2026/00003"),    // the order's number
	}}
	a := Allocate(l, Date{})
	// Named first, by date: p1 → 2 (250), p2 → 3 (50), p4 → 1 (40). Then the
	// rest oldest first: p3's 120 → 1 (60), 3 (30); 30 left is credit.
	want := []Settlement{
		{Invoice: 2, Payment: 1, Amount: amt("250.00")},
		{Invoice: 3, Payment: 2, Amount: amt("50.00")},
		{Invoice: 1, Payment: 4, Amount: amt("40.00")},
		{Invoice: 1, Payment: 3, Amount: amt("60.00")},
		{Invoice: 3, Payment: 3, Amount: amt("30.00")},
	}
	if !reflect.DeepEqual(a.Settlements, want) {
		t.Errorf("settlements = %+v,\nwant %+v", a.Settlements, want)
	}
	if a.Open[1] != 0 || a.Open[2] != 0 || a.Open[3] != 0 || a.Credit != amt("30.00") || a.Unapplied[3] != amt("30.00") ||
		a.Unapplied[1] != 0 || len(a.Unapplied) != 4 {
		t.Errorf("open %v, unapplied %v, credit %s", a.Open, a.Unapplied, a.Credit)
	}
	if g := a.Aging(); g.Balance() != -amt("30.00") || g.Credit != amt("30.00") || g.Open() != 0 {
		t.Errorf("aging = %+v", g)
	}

	// As of 12 February p4 is not paid yet: p3 settles 1 in full and 20 of 3.
	a = Allocate(l, day(2026, 2, 12))
	if a.Open[1] != 0 || a.Open[2] != 0 || a.Open[3] != amt("10.00") || a.Credit != 0 || len(a.Unapplied) != 3 {
		t.Errorf("as of 12 Feb: open %v, unapplied %v, credit %s", a.Open, a.Unapplied, a.Credit)
	}
	if g := a.Aging(); g.Current != amt("10.00") || g.Balance() != amt("10.00") {
		t.Errorf("as of 12 Feb: aging %+v", g)
	}
	// As of 31 January nothing is paid and nothing of February is billed.
	a = Allocate(l, day(2026, 1, 31))
	if len(a.Open) != 2 || a.Open[1] != amt("100.00") || a.Open[2] != amt("250.00") || len(a.Settlements) != 0 {
		t.Errorf("as of 31 Jan: open %v, settlements %v", a.Open, a.Settlements)
	}
}

// A reference to an invoice already paid in full, or to nothing, is an
// unreferenced payment: oldest first.
func TestAllocateReferenceToPaidInvoice(t *testing.T) {
	l := Ledger{Invoices: threeInvoices(), Payments: []LedgerPayment{
		lpay(1, day(2026, 2, 1), "100.00", "FV/2026/01/0001"),
		lpay(2, day(2026, 2, 2), "100.00", "FV/2026/01/0001"), // paid twice by mistake
		lpay(3, day(2026, 2, 3), "10.00", "FV/2099/01/0001"),  // no such invoice
	}}
	a := Allocate(l, Date{})
	if a.Open[1] != 0 || a.Open[2] != amt("140.00") || a.Open[3] != amt("80.00") || a.Credit != 0 {
		t.Errorf("open %v, credit %s", a.Open, a.Credit)
	}
}

// An order number shared with another invoice's number does not steal it:
// invoice numbers win.
func TestAllocateInvoiceNumberWinsOverOrderNumber(t *testing.T) {
	l := Ledger{Invoices: []LedgerInvoice{
		linv(1, "A/1", "B/1", day(2026, 1, 1), day(2026, 1, 31), "10.00"),
		linv(2, "B/1", "C/1", day(2026, 1, 2), day(2026, 2, 1), "10.00"),
	}, Payments: []LedgerPayment{lpay(1, day(2026, 1, 5), "10.00", "b/1")}}
	for _, inv := range [][]LedgerInvoice{l.Invoices, {l.Invoices[1], l.Invoices[0]}} {
		a := Allocate(Ledger{Invoices: inv, Payments: l.Payments}, Date{})
		if a.Open[2] != 0 || a.Open[1] != amt("10.00") {
			t.Errorf("open = %v: the payment should settle invoice B/1", a.Open)
		}
	}
}

// A payment before any invoice is credit on account until an invoice comes.
func TestAllocatePaymentBeforeInvoice(t *testing.T) {
	l := Ledger{
		Invoices: []LedgerInvoice{linv(1, "FV/2026/01/0001", "", day(2026, 1, 10), day(2026, 2, 9), "300.00")},
		Payments: []LedgerPayment{lpay(1, day(2026, 1, 2), "500.00", "zaliczka")},
	}
	a := Allocate(l, day(2026, 1, 5))
	if len(a.Open) != 0 || a.Credit != amt("500.00") || a.Unapplied[1] != amt("500.00") {
		t.Errorf("before the invoice: open %v, credit %s", a.Open, a.Credit)
	}
	if g := a.Aging(); g.Balance() != -amt("500.00") || g.Open() != 0 {
		t.Errorf("aging = %+v", g)
	}
	a = Allocate(l, Date{})
	if a.Open[1] != 0 || a.Credit != amt("200.00") || a.Unapplied[1] != amt("200.00") || len(a.Settlements) != 1 {
		t.Errorf("after: open %v, credit %s, settlements %v", a.Open, a.Credit, a.Settlements)
	}
}

// A credit note settles the invoice it corrects first; what it has left
// settles the oldest open ones, then is credit.
func TestAllocateCreditNotes(t *testing.T) {
	l := Ledger{Invoices: []LedgerInvoice{
		linv(1, "FV/1", "", day(2026, 1, 1), day(2026, 1, 15), "100.00"),
		linv(2, "FV/2", "", day(2026, 1, 2), day(2026, 1, 16), "200.00"),
		{ID: 3, Kind: KindCreditNote, Number: "KOR/1", Corrects: 2, Date: day(2026, 1, 3), Due: day(2026, 1, 3), Gross: -amt("50.00")},
	}, Payments: []LedgerPayment{lpay(1, day(2026, 1, 3), "120.00", "")}}
	a := Allocate(l, Date{})
	if _, ok := a.Open[3]; ok {
		t.Errorf("a credit note has no open amount: %v", a.Open)
	}
	// KOR/1 → FV/2 (50); the payment → FV/1 (100), FV/2 (20).
	if a.Open[1] != 0 || a.Open[2] != amt("130.00") || a.Credit != 0 {
		t.Errorf("open %v, credit %s", a.Open, a.Credit)
	}
	if a.Settlements[0] != (Settlement{Invoice: 2, CreditNote: 3, Amount: amt("50.00")}) {
		t.Errorf("first settlement = %+v", a.Settlements[0])
	}
	// A payment of both invoices before the note: the note still settles its
	// invoice first (named before unnamed), so 50 of the payment is credit.
	l.Payments = []LedgerPayment{lpay(1, day(2026, 1, 2), "300.00", "FV/1 FV/2")}
	a = Allocate(l, Date{})
	if a.Open[1] != 0 || a.Open[2] != 0 || a.Credit != amt("50.00") || a.Unapplied[1] != amt("50.00") {
		t.Errorf("paid before the note: open %v, credit %s, unapplied %v", a.Open, a.Credit, a.Unapplied)
	}
}

// Invoices of one day are settled in number order.
func TestAllocateOldestFirstByNumber(t *testing.T) {
	l := Ledger{Invoices: []LedgerInvoice{
		linv(1, "FV/2026/01/0010", "", day(2026, 1, 5), day(2026, 2, 4), "10.00"),
		linv(2, "FV/2026/01/0002", "", day(2026, 1, 5), day(2026, 2, 4), "10.00"),
		linv(3, "FV/2026/01/0001", "", day(2026, 1, 6), day(2026, 2, 5), "10.00"),
	}, Payments: []LedgerPayment{lpay(1, day(2026, 1, 1), "15.00", "")}}
	a := Allocate(l, Date{})
	if a.Open[2] != 0 || a.Open[1] != amt("5.00") || a.Open[3] != amt("10.00") {
		t.Errorf("open = %v, want 0002 paid, 0010 half", a.Open)
	}
	if a.OldestOverdue() != 0 {
		t.Errorf("as of everything, nothing is overdue: %d", a.OldestOverdue())
	}
	a = Allocate(l, day(2026, 3, 1))
	if got := a.OldestOverdue(); got != 25 { // 0010 is due 4 Feb
		t.Errorf("oldest overdue on 1 March = %d, want 25", got)
	}
}

func TestAgingBuckets(t *testing.T) {
	on := day(2026, 6, 30)
	for _, c := range []struct {
		late   int
		bucket func(*Aging) Amount
	}{
		{-10, func(g *Aging) Amount { return g.Current }},
		{0, func(g *Aging) Amount { return g.Current }},
		{1, func(g *Aging) Amount { return g.D1_30 }},
		{30, func(g *Aging) Amount { return g.D1_30 }},
		{31, func(g *Aging) Amount { return g.D31_60 }},
		{60, func(g *Aging) Amount { return g.D31_60 }},
		{61, func(g *Aging) Amount { return g.D61_90 }},
		{90, func(g *Aging) Amount { return g.D61_90 }},
		{91, func(g *Aging) Amount { return g.Over90 }},
		{1000, func(g *Aging) Amount { return g.Over90 }},
	} {
		var g Aging
		g.AddOpen(amt("12.34"), on.AddDays(-c.late), on)
		if c.bucket(&g) != amt("12.34") || g.Open() != amt("12.34") {
			t.Errorf("%d days late: %+v", c.late, g)
		}
		if (c.late > 0) != (g.Overdue() != 0) {
			t.Errorf("%d days late: overdue %s", c.late, g.Overdue())
		}
	}
	g := Aging{Current: 1, D1_30: 2, D31_60: 3, D61_90: 4, Over90: 5, Credit: 6}
	g.Add(Aging{Current: 10, D1_30: 20, D31_60: 30, D61_90: 40, Over90: 50, Credit: 60})
	if g != (Aging{11, 22, 33, 44, 55, 66}) || g.Open() != 165 || g.Overdue() != 154 || g.Balance() != 99 {
		t.Errorf("sum = %+v", g)
	}
}

// randomLedger draws an account's ledger over the first half of 2026 (some
// payments before the first invoice): invoices, credit notes against some of
// them (never more than the invoice, never before it), and payments that name
// an invoice by number, order number (any case) or pick, or name nothing.
func randomLedger(r *rand.Rand) Ledger {
	var l Ledger
	start := day(2026, 1, 1)
	span := 1 + r.IntN(180) // a short span puts many entries on one day
	n := r.IntN(14)
	for i := 0; i < n; i++ {
		on := start.AddDays(r.IntN(span))
		terms := PaymentTerms{Days: []int{0, 7, 14, 30, 60}[r.IntN(5)], EOM: r.IntN(3) == 0}
		inv := LedgerInvoice{ID: InvoiceID(len(l.Invoices) + 1), Kind: KindInvoice,
			Number: fmt.Sprintf("FV/%04d/%02d/%04d", on.Year, on.Month, i+1), OrderNumber: fmt.Sprintf("ZAM/2026/%05d", i+1),
			Date: on, Due: terms.DueDate(on), Gross: Amount(1 + r.Int64N(500_000))}
		if r.IntN(20) == 0 {
			inv.OrderNumber = "" // an invoice with no order (migrated)
		}
		l.Invoices = append(l.Invoices, inv)
		if r.IntN(5) == 0 {
			l.Invoices = append(l.Invoices, LedgerInvoice{ID: InvoiceID(len(l.Invoices) + 1), Kind: KindCreditNote,
				Number: fmt.Sprintf("KOR/2026/%04d", i+1), OrderNumber: inv.OrderNumber, Corrects: inv.ID,
				Date: on.AddDays(r.IntN(40)), Gross: -Amount(1 + r.Int64N(int64(inv.Gross)))})
			l.Invoices[len(l.Invoices)-1].Due = l.Invoices[len(l.Invoices)-1].Date
		}
	}
	for i := r.IntN(14); i > 0; i-- {
		p := LedgerPayment{ID: PaymentID(len(l.Payments) + 1), Date: start.AddDays(r.IntN(span+30) - 20),
			Amount: Amount(1 + r.Int64N(400_000))}
		if len(l.Invoices) > 0 {
			inv := l.Invoices[r.IntN(len(l.Invoices))]
			switch r.IntN(7) {
			case 0:
				p.Reference = inv.Number
			case 1:
				p.Reference = "  " + inv.OrderNumber
			case 2:
				p.Invoice = inv.ID // may be a credit note's id: ignored
			case 3:
				p.Amount = max(inv.Gross, -inv.Gross) // exactly an invoice (or what a note credited)
				p.Reference = inv.Number
			case 4:
				p.Reference = "przelew za fakturę " + inv.Number
			}
		}
		l.Payments = append(l.Payments, p)
	}
	return l
}

func shuffled(r *rand.Rand, l Ledger) Ledger {
	out := Ledger{Invoices: append([]LedgerInvoice(nil), l.Invoices...), Payments: append([]LedgerPayment(nil), l.Payments...)}
	r.Shuffle(len(out.Invoices), func(i, j int) { out.Invoices[i], out.Invoices[j] = out.Invoices[j], out.Invoices[i] })
	r.Shuffle(len(out.Payments), func(i, j int) { out.Payments[i], out.Payments[j] = out.Payments[j], out.Payments[i] })
	return out
}

// Allocation never settles more than a payment, credit note or invoice holds;
// what it leaves open and unapplied adds up to the balance; it does not depend
// on the order the store reads entries in.
func TestAllocateProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 2026))
	for k := 0; k < 4000; k++ {
		l := randomLedger(r)
		asOf := Date{}
		if r.IntN(2) == 0 {
			asOf = day(2026, 1, 1).AddDays(r.IntN(200) - 10)
		}
		in := func(d Date) bool { return asOf.IsZero() || !asOf.Before(d) }
		a := Allocate(l, asOf)
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("ledger %d as of %v: %s\n%+v", k, asOf, fmt.Sprintf(format, args...), l)
		}
		byPayment := map[PaymentID]Amount{}
		byNote := map[InvoiceID]Amount{}
		byInvoice := map[InvoiceID]Amount{}
		for _, s := range a.Settlements {
			if s.Amount <= 0 || (s.Payment == 0) == (s.CreditNote == 0) {
				fail("settlement %+v", s)
			}
			byPayment[s.Payment] += s.Amount
			byNote[s.CreditNote] += s.Amount
			byInvoice[s.Invoice] += s.Amount
		}
		var balance, unapplied Amount
		for _, p := range l.Payments {
			if !in(p.Date) {
				if _, ok := a.Unapplied[p.ID]; ok || byPayment[p.ID] != 0 {
					fail("payment %d after the day is allocated", p.ID)
				}
				continue
			}
			balance -= p.Amount
			u := a.Unapplied[p.ID]
			unapplied += u
			if u < 0 || byPayment[p.ID]+u != p.Amount {
				fail("payment %d of %s: settled %s + unapplied %s", p.ID, p.Amount, byPayment[p.ID], u)
			}
		}
		for _, inv := range l.Invoices {
			if !in(inv.Date) {
				if _, ok := a.Open[inv.ID]; ok || byInvoice[inv.ID] != 0 || byNote[inv.ID] != 0 {
					fail("invoice %d after the day is allocated", inv.ID)
				}
				continue
			}
			balance += inv.Gross
			if inv.Kind == KindCreditNote {
				if byNote[inv.ID] > -inv.Gross {
					fail("credit note %d of %s settled %s", inv.ID, -inv.Gross, byNote[inv.ID])
				}
				unapplied += -inv.Gross - byNote[inv.ID]
				continue
			}
			open := a.Open[inv.ID]
			if open < 0 || byInvoice[inv.ID]+open != inv.Gross {
				fail("invoice %d of %s: settled %s + open %s", inv.ID, inv.Gross, byInvoice[inv.ID], open)
			}
			if open > 0 && a.Credit > 0 {
				fail("invoice %d open %s beside credit %s", inv.ID, open, a.Credit)
			}
		}
		if a.Credit != unapplied {
			fail("credit %s, unapplied payments and notes %s", a.Credit, unapplied)
		}
		g := a.Aging()
		if g.Balance() != balance {
			fail("aging balance %s, ledger balance %s", g.Balance(), balance)
		}
		b := Allocate(shuffled(r, l), asOf)
		if !reflect.DeepEqual(a.Open, b.Open) || !reflect.DeepEqual(a.Unapplied, b.Unapplied) ||
			!reflect.DeepEqual(a.Settlements, b.Settlements) || a.Credit != b.Credit {
			fail("another input order allocates otherwise:\n%+v\n%+v", a.Settlements, b.Settlements)
		}
	}
}
