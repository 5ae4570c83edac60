package demo

import (
	"cmp"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store"
)

// The demo's receivables: an invoice for every delivered order, numbered per
// month in delivery order (FV/2026/11/0001, gap-free), dated the delivery day,
// due by the order's terms, with the order's lines and totals; and the
// payments of three years, each account paying in its own way, so that aging
// is realistic: most on time, some late, some in parts, a few never, a few
// overpaying into credit. Payments name their invoice mostly by number, some
// by order number, some only in free text ("przelew za fakturę …"), which the
// allocation treats as naming nothing.
//
// Everything is computed in Go and written once: the allocation (store.Allocate
// per account, as every change to an account's money allocates) gives each
// invoice's open amount, each payment's unapplied amount and the settlements
// before the rows are inserted, instead of updating 200,000 rows after.

// demoInvoice is a delivered order's invoice, or a credit note, while the
// demo builds it.
type demoInvoice struct {
	domain.LedgerInvoice
	account  int64
	order    domain.OrderID
	terms    domain.PaymentTerms
	currency string
	net, vat domain.Amount
	open     domain.Amount // a credit note: minus what no invoice took of it, as the store keeps it
	note     *demoInvoice  // an invoice's credit note, if it has one
	reason   string        // a credit note's
	lines    []domain.InvoiceLine
}

// demoPayment is a payment while the demo builds it.
type demoPayment struct {
	domain.LedgerPayment
	account   int64
	seq       int // its place among the account's payments, for a stable order
	unapplied domain.Amount
}

// payer is how an account pays: the share of accounts and the days after the
// due date a payment comes (a negative delay is before it).
type payer int

const (
	payerPunctual payer = iota
	payerSlow
	payerLate
	payerPartial
	payerCredit  // overpays in round sums and pays in advance: credit on account
	payerStopped // paid until some months ago, then nothing
)

func drawPayer(r *rand.Rand) payer {
	switch x := r.IntN(100); {
	case x < 55:
		return payerPunctual
	case x < 75:
		return payerSlow
	case x < 84:
		return payerLate
	case x < 93:
		return payerPartial
	case x < 97:
		return payerCredit
	}
	return payerStopped
}

func (p payer) delay(r *rand.Rand) int {
	switch p {
	case payerPunctual, payerCredit:
		if r.IntN(10) == 0 {
			return r.IntN(8) // now and then a few days late
		}
		return -r.IntN(12)
	case payerSlow:
		return r.IntN(40)
	case payerLate:
		return 20 + r.IntN(120)
	}
	return r.IntN(20)
}

// demoForgottenPer1000 is how many invoices of any payer are never paid;
// demoCreditPer1000 how many get a credit note (a return, a complaint).
const (
	demoForgottenPer1000 = 6
	demoCreditPer1000    = 10
)

func genInvoices(g *demo, b *store.Bulk, tick func(int)) error {
	today := domain.DateOf(g.now.In(demoZone))
	invs, counters := demoInvoices(g)
	if len(invs) == 0 {
		return nil
	}
	notes, noteCounters, err := demoCreditNotes(g, invs, today)
	if err != nil {
		return err
	}
	pays := demoPayments(g, invs, today)
	all := append(invs, notes...)
	var restore []func() error
	for _, t := range []store.Table{store.Invoices, store.Payments, store.Settlements} {
		r, err := b.SuspendIndexes(t)
		if err != nil {
			return err
		}
		restore = append(restore, r)
	}
	settlements := demoAllocate(all, pays)
	if err := writeDemoReceivables(b, all, notes, pays, tick); err != nil {
		return err
	}
	for _, s := range settlements {
		if err := b.Add(store.SettlementRow(s.account, &s.Settlement)); err != nil {
			return err
		}
	}
	// In order of period, not a map's, so a seed and a day give the same file.
	for _, k := range slices.Sorted(maps.Keys(counters)) {
		if err := b.SaveInvoiceSeries(domain.KindInvoice, k, counters[k]); err != nil {
			return err
		}
	}
	for _, k := range slices.Sorted(maps.Keys(noteCounters)) {
		if err := b.SaveInvoiceSeries(domain.KindCreditNote, k, noteCounters[k]); err != nil {
			return err
		}
	}
	if err := b.Flush(); err != nil {
		return err
	}
	for _, r := range restore {
		if err := r(); err != nil {
			return err
		}
	}
	return nil
}

// demoInvoices makes the invoices of the delivered orders: numbered per month
// of delivery in order of delivery day, then order number (as the schema 5
// migration numbers orders delivered before it), ids in that order. It returns
// them with the last number of each month.
func demoInvoices(g *demo) ([]*demoInvoice, map[int]int64) {
	set := domain.DefaultDocumentSettings().Invoices
	delivered := slices.Clone(g.delivered)
	slices.SortFunc(delivered, func(a, b demoDelivery) int {
		return cmp.Or(a.delivered.Compare(b.delivered), strings.Compare(a.number, b.number))
	})
	var out []*demoInvoice
	counters := map[int]int64{}
	for _, d := range delivered {
		inv := &demoInvoice{order: d.order, account: d.account, terms: d.terms, currency: domain.CatalogCurrency,
			net: d.totals.Net, vat: d.totals.VAT}
		inv.OrderNumber, inv.Date, inv.Gross = d.number, d.delivered, d.totals.Gross
		p := set.Period(inv.Date)
		counters[p]++
		inv.ID, inv.Kind = domain.InvoiceID(len(out)+1), domain.KindInvoice
		inv.Number = set.FormatOn(inv.Date, counters[p])
		inv.Due = inv.terms.DueDate(inv.Date)
		inv.open = inv.Gross
		out = append(out, inv)
	}
	return out, counters
}

// demoPayments draws every account's payments of its invoices (in date
// order), up to today, and numbers them in date order.
func demoPayments(g *demo, invs []*demoInvoice, today domain.Date) []*demoPayment {
	byAccount := map[int64][]*demoInvoice{}
	var accounts []int64
	for _, inv := range invs {
		if byAccount[inv.account] == nil {
			accounts = append(accounts, inv.account)
		}
		byAccount[inv.account] = append(byAccount[inv.account], inv)
	}
	slices.Sort(accounts)
	var out []*demoPayment
	for _, acc := range accounts {
		r := rand.New(rand.NewPCG(uint64(g.opt.Seed)^0x7061796d656e74, uint64(acc)))
		out = append(out, accountPayments(r, acc, byAccount[acc], today)...)
	}
	slices.SortFunc(out, func(a, b *demoPayment) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.account, b.account), cmp.Compare(a.seq, b.seq))
	})
	for i, p := range out {
		p.ID = domain.PaymentID(i + 1)
	}
	return out
}

// accountPayments draws one account's payments.
func accountPayments(r *rand.Rand, acc int64, invs []*demoInvoice, today domain.Date) []*demoPayment {
	who := drawPayer(r)
	var out []*demoPayment
	pay := func(on domain.Date, amount domain.Amount, ref string) {
		if amount > 0 && !today.Before(on) {
			out = append(out, &demoPayment{LedgerPayment: domain.LedgerPayment{Date: on, Amount: amount, Reference: ref},
				account: acc, seq: len(out)})
		}
	}
	stopAfter := today.AddDays(-60 - r.IntN(150))
	if who == payerCredit {
		pay(invs[0].Date.AddDays(-3-r.IntN(20)), domain.Amount(50_000+r.IntN(25)*10_000), "zaliczka")
	}
	for k := 0; k < len(invs); k++ {
		inv := invs[k]
		if r.IntN(1000) < demoForgottenPer1000 || who == payerStopped && stopAfter.Before(inv.Date) {
			continue
		}
		on := inv.Due.AddDays(who.delay(r))
		if on.Before(inv.Date) {
			on = inv.Date.AddDays(r.IntN(3))
		}
		amount := inv.owed(on)
		switch {
		case who == payerPartial && r.IntN(10) < 4:
			// In two parts, the first in whole złoty; now and then the second never comes.
			first := amount * domain.Amount(40+r.IntN(41)) / 100 / 100 * 100
			pay(on, first, demoReference(r, inv))
			if r.IntN(7) > 0 {
				pay(on.AddDays(20+r.IntN(50)), amount-first, demoReference(r, inv))
			}
			continue
		case who == payerCredit && r.IntN(2) == 0:
			amount = (amount/10_000 + 1) * 10_000 // rounded up to 100 zł
		case (who == payerSlow || who == payerLate) && k+1 < len(invs) && r.IntN(4) == 0:
			// One transfer for two invoices, titled with both numbers: it
			// names neither exactly, so it settles the oldest open first.
			next := invs[k+1]
			pay(on, amount+next.owed(on), inv.Number+", "+next.Number)
			k++
			continue
		}
		pay(on, amount, demoReference(r, inv))
	}
	return out
}

// owed is what a customer pays of the invoice on day on: the gross, less its
// credit note once the note is issued.
func (inv *demoInvoice) owed(on domain.Date) domain.Amount {
	if inv.note != nil && !on.Before(inv.note.Date) {
		return inv.Gross + inv.note.Gross
	}
	return inv.Gross
}

// demoReference is a transfer's title as customers write them.
func demoReference(r *rand.Rand, inv *demoInvoice) string {
	switch x := r.IntN(100); {
	case x < 62:
		return inv.Number
	case x < 72:
		return inv.OrderNumber
	case x < 82:
		return "przelew za fakturę " + inv.Number
	case x < 88:
		return "zapłata za zamówienie " + inv.OrderNumber
	case x < 94:
		return ""
	}
	return pick(r, []string{"faktura", "płatność", "opłata za towar", "FV"})
}

// demoSettlement is a settlement with its account.
type demoSettlement struct {
	account domain.AccountID
	domain.Settlement
}

// demoAllocate allocates each account's payments over its invoices as every
// change to an account's money does (store.Allocate), setting open and
// unapplied amounts, and returns the settlements.
func demoAllocate(invs []*demoInvoice, pays []*demoPayment) []demoSettlement {
	type ledger struct {
		invs []*demoInvoice
		pays []*demoPayment
	}
	byAccount := map[int64]*ledger{}
	var accounts []int64
	at := func(acc int64) *ledger {
		l := byAccount[acc]
		if l == nil {
			l = &ledger{}
			byAccount[acc] = l
			accounts = append(accounts, acc)
		}
		return l
	}
	for _, inv := range invs {
		at(inv.account).invs = append(at(inv.account).invs, inv)
	}
	for _, p := range pays {
		at(p.account).pays = append(at(p.account).pays, p)
	}
	slices.Sort(accounts)
	var out []demoSettlement
	for _, acc := range accounts {
		l := byAccount[acc]
		var dl domain.Ledger
		for _, inv := range l.invs {
			dl.Invoices = append(dl.Invoices, inv.LedgerInvoice)
		}
		for _, p := range l.pays {
			dl.Payments = append(dl.Payments, p.LedgerPayment)
		}
		a := store.Allocate(dl)
		for _, inv := range l.invs {
			inv.open = a.Open[inv.ID]
		}
		for _, p := range l.pays {
			p.unapplied = a.Unapplied[p.ID]
		}
		for _, s := range a.Settlements {
			out = append(out, demoSettlement{account: domain.AccountID(acc), Settlement: s})
		}
	}
	return out
}

// writeDemoReceivables writes the invoices (their lines copied from the
// orders' in one statement), the credit notes with their lines and the
// payments.
func writeDemoReceivables(b *store.Bulk, invs, notes []*demoInvoice, pays []*demoPayment, tick func(int)) error {
	half := 0
	halfTick := func() { // an invoice or a payment is half a unit
		if half++; half%2 == 0 {
			tick(1)
		}
	}
	for _, inv := range invs {
		row := &domain.Invoice{ID: inv.ID, Kind: inv.Kind, Number: inv.Number, AccountID: domain.AccountID(inv.account),
			OrderID: inv.order, Corrects: inv.Corrects, Reason: inv.reason, Date: inv.Date, Due: inv.Due, Terms: inv.terms,
			Currency: inv.currency, Totals: domain.Totals{Net: inv.net, VAT: inv.vat, Gross: inv.Gross},
			CreatedAt: inv.Date.Time().Add(15 * time.Hour)}
		if err := b.Add(store.InvoiceRow(row, inv.open)); err != nil {
			return err
		}
		halfTick()
	}
	if err := b.Flush(); err != nil {
		return err
	}
	if err := b.InvoiceOrderLines(); err != nil {
		return err
	}
	for _, n := range notes {
		for i := range n.lines {
			if err := b.Add(store.InvoiceLineRow(n.ID, &n.lines[i])); err != nil {
				return err
			}
		}
	}
	for _, p := range pays {
		row := &domain.Payment{ID: p.ID, PaymentFields: domain.PaymentFields{AccountID: domain.AccountID(p.account), Date: p.Date,
			Amount: p.Amount, Reference: p.Reference}, CreatedAt: p.Date.Time().Add(11 * time.Hour)}
		if err := b.Add(store.PaymentRow(row, p.unapplied)); err != nil {
			return err
		}
		halfTick()
	}
	return nil
}
