package domain

import (
	"sort"
	"strings"
)

// LedgerInvoice is what the ledger needs of an invoice or credit note.
type LedgerInvoice struct {
	ID          InvoiceID
	Kind        InvoiceKind
	Number      string
	OrderNumber string
	Corrects    InvoiceID // a credit note's original
	Date        Date
	Due         Date
	Gross       Amount // negative for a credit note
}

// LedgerPayment is what the ledger needs of a payment.
type LedgerPayment struct {
	ID        PaymentID
	Date      Date
	Amount    Amount
	Reference string
	Invoice   InvoiceID // the invoice a user said it pays, 0 for none
	// Key is the payment's team-wide identity (its uid in a team's file, ""
	// in a single-user one): payments of one day are taken in its order, so
	// that every machine of a team allocates a ledger the same way whatever
	// IDs its file gave the rows.
	Key string
}

// Ledger is one account's invoices, credit notes and payments, in any order.
type Ledger struct {
	Invoices []LedgerInvoice
	Payments []LedgerPayment
}

// WithinBounds reports whether the ledger's invoices, credit notes and
// payments, each counted without its sign, sum to at most MaxBalance: then
// every sum a report makes of it is exact.
func (l Ledger) WithinBounds() bool {
	var total Amount
	ok := true
	add := func(a Amount) {
		if a < 0 {
			a = -a
		}
		if ok {
			total, ok = total.Plus(a)
		}
	}
	for _, inv := range l.Invoices {
		add(inv.Gross)
	}
	for _, p := range l.Payments {
		add(p.Amount)
	}
	return ok && total <= MaxBalance
}

// ErrLedgerTooLarge refuses a change that would take the account's ledger
// past MaxBalance.
func ErrLedgerTooLarge(account string) *Error {
	return Errorf(EInvalid, "ledger.too_large",
		"the invoices and payments of {{.Account}} would add up to more than Kontor keeps for one account ({{.Max}}); nothing was saved",
		map[string]any{"Account": account, "Max": MaxBalance})
}

// Settlement is part of a payment or credit note settling an invoice.
type Settlement struct {
	Invoice    InvoiceID
	Payment    PaymentID // the payment, or 0 when a credit note settles it
	CreditNote InvoiceID // the credit note, or 0 when a payment settles it
	Amount     Amount
}

// Allocation is how payments and credit notes settle invoices as of a day.
type Allocation struct {
	AsOf        Date
	Open        map[InvoiceID]Amount // what is still open of each invoice (credit notes are absent)
	Unapplied   map[PaymentID]Amount // what no invoice took of each payment
	Settlements []Settlement         // in the order they were made
	Credit      Amount               // Σ unapplied payments and credit notes: credit on account
	openOrder   []LedgerInvoice      // invoices oldest first, for Aging
}

// credit is a payment or credit note while allocating.
type credit struct {
	payment PaymentID
	note    InvoiceID
	date    Date
	left    Amount
	names   InvoiceID // the invoice it names, 0 for none
	key     string    // a credit note's number, a payment's Key
}

// Allocate settles invoices over everything dated up to asOf
// (zero: everything): first each payment naming an invoice — picked by the
// user, or a reference equal to its number or its order's number — and each
// credit note settle that invoice as far as it is open; then the rest of every
// payment and credit note, oldest first, settles the open invoices oldest first
// (by date, then number). What no invoice takes is credit on account.
func Allocate(l Ledger, asOf Date) Allocation {
	in := func(d Date) bool { return asOf.IsZero() || !asOf.Before(d) }
	a := Allocation{AsOf: asOf, Open: map[InvoiceID]Amount{}, Unapplied: map[PaymentID]Amount{}}
	byKey := map[string]InvoiceID{}
	var credits []credit
	for _, inv := range l.Invoices {
		if !in(inv.Date) {
			continue
		}
		if inv.Kind == KindCreditNote {
			credits = append(credits, credit{note: inv.ID, date: inv.Date, left: -inv.Gross, names: inv.Corrects, key: inv.Number})
			continue
		}
		a.Open[inv.ID] = inv.Gross
		a.openOrder = append(a.openOrder, inv)
		byKey[refKey(inv.Number)] = inv.ID
	}
	sort.Slice(a.openOrder, func(i, j int) bool { return invoiceOlder(&a.openOrder[i], &a.openOrder[j]) })
	// An order's number names its invoice, the oldest when it has two (an
	// order delivered on two machines of a team); an invoice's own number
	// comes first.
	for _, inv := range a.openOrder {
		if inv.OrderNumber != "" {
			if _, taken := byKey[refKey(inv.OrderNumber)]; !taken {
				byKey[refKey(inv.OrderNumber)] = inv.ID
			}
		}
	}
	for _, p := range l.Payments {
		if !in(p.Date) {
			continue
		}
		c := credit{payment: p.ID, date: p.Date, left: p.Amount, names: p.Invoice, key: p.Key}
		if c.names == 0 && p.Reference != "" {
			c.names = byKey[refKey(p.Reference)]
		}
		credits = append(credits, c)
	}
	// Oldest first; on one day credit notes before payments, then credit
	// notes by number and payments by Key, then by ID, so the result never
	// depends on the order the store read them in, nor (in a team) on the IDs
	// a machine's file gave them.
	sort.SliceStable(credits, func(i, j int) bool {
		x, y := &credits[i], &credits[j]
		if c := x.date.Compare(y.date); c != 0 {
			return c < 0
		}
		if (x.note != 0) != (y.note != 0) {
			return x.note != 0
		}
		if x.key != y.key {
			return x.key < y.key
		}
		return int64(x.note)+int64(x.payment) < int64(y.note)+int64(y.payment)
	})
	for i := range credits {
		if c := &credits[i]; c.names != 0 {
			if _, ok := a.Open[c.names]; ok {
				a.settle(c, c.names)
			}
		}
	}
	for i := range credits {
		c := &credits[i]
		for k := 0; k < len(a.openOrder) && c.left > 0; k++ {
			a.settle(c, a.openOrder[k].ID)
		}
		if c.left > 0 {
			a.Credit += c.left
		}
		if c.payment != 0 {
			a.Unapplied[c.payment] = c.left
		}
	}
	return a
}

func (a *Allocation) settle(c *credit, inv InvoiceID) {
	open := a.Open[inv]
	take := min(open, c.left)
	if take <= 0 {
		return
	}
	a.Open[inv] = open - take
	c.left -= take
	a.Settlements = append(a.Settlements, Settlement{Invoice: inv, Payment: c.payment, CreditNote: c.note, Amount: take})
}

// refKey is how a payment reference is compared with invoice and order numbers.
func refKey(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

func invoiceOlder(x, y *LedgerInvoice) bool {
	if c := x.Date.Compare(y.Date); c != 0 {
		return c < 0
	}
	return x.Number < y.Number
}

// Aging buckets open amounts by days past due.
type Aging struct {
	Current Amount // not yet due
	D1_30   Amount
	D31_60  Amount
	D61_90  Amount
	Over90  Amount
	Credit  Amount // unapplied payments and credit notes
}

// Open is what invoices still owe: the sum of the buckets.
func (g Aging) Open() Amount { return g.Current + g.D1_30 + g.D31_60 + g.D61_90 + g.Over90 }

// Overdue is what is past due.
func (g Aging) Overdue() Amount { return g.D1_30 + g.D31_60 + g.D61_90 + g.Over90 }

// Balance is buckets − credit: the account's balance.
func (g Aging) Balance() Amount { return g.Open() - g.Credit }

// Add adds h's buckets to g's (totals of a list).
func (g *Aging) Add(h Aging) {
	g.Current += h.Current
	g.D1_30 += h.D1_30
	g.D31_60 += h.D31_60
	g.D61_90 += h.D61_90
	g.Over90 += h.Over90
	g.Credit += h.Credit
}

// Plus is g + h bucket by bucket, and false when a bucket, the open total or
// the balance would leave what an Amount holds: totals over many accounts
// are refused rather than wrapped.
func (g Aging) Plus(h Aging) (Aging, bool) {
	var out Aging
	ok := true
	add := func(dst *Amount, a, b Amount) {
		var k bool
		*dst, k = a.Plus(b)
		ok = ok && k
	}
	add(&out.Current, g.Current, h.Current)
	add(&out.D1_30, g.D1_30, h.D1_30)
	add(&out.D31_60, g.D31_60, h.D31_60)
	add(&out.D61_90, g.D61_90, h.D61_90)
	add(&out.Over90, g.Over90, h.Over90)
	add(&out.Credit, g.Credit, h.Credit)
	var open, bal Amount
	for _, b := range []Amount{out.Current, out.D1_30, out.D31_60, out.D61_90, out.Over90} {
		add(&open, open, b)
	}
	add(&bal, open, -out.Credit)
	return out, ok
}

// ErrTotalTooLarge refuses totals over more money than Kontor can add up.
func ErrTotalTooLarge() *Error {
	return Errorf(EInvalid, "receivables.total_too_large",
		"the balances of these accounts add up to more than Kontor can total; narrow the list (by owner or group) to see its totals", nil)
}

// AddOpen puts an open amount due on due into its bucket as of day on.
func (g *Aging) AddOpen(open Amount, due, on Date) {
	switch late := on.DaysSince(due); {
	case late <= 0:
		g.Current += open
	case late <= 30:
		g.D1_30 += open
	case late <= 60:
		g.D31_60 += open
	case late <= 90:
		g.D61_90 += open
	default:
		g.Over90 += open
	}
}

// Aging buckets the allocation's open invoices by days past due on its AsOf day.
func (a *Allocation) Aging() Aging {
	g := Aging{Credit: a.Credit}
	for i := range a.openOrder {
		inv := &a.openOrder[i]
		if open := a.Open[inv.ID]; open != 0 {
			g.AddOpen(open, inv.Due, a.AsOf)
		}
	}
	return g
}

// OldestOverdue returns how many days the most overdue open invoice is past due
// on the allocation's day (0: nothing overdue).
func (a *Allocation) OldestOverdue() int {
	days := 0
	for i := range a.openOrder {
		inv := &a.openOrder[i]
		if a.Open[inv.ID] > 0 {
			days = max(days, a.AsOf.DaysSince(inv.Due))
		}
	}
	return days
}
