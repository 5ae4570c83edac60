package store

import (
	"cmp"
	"context"
	"database/sql"
	"math/rand/v2"
	"slices"
	"time"

	"kontor/domain"
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
// Everything is computed in Go and written once: the allocation
// (domain.Allocate per account, as reallocate does) gives each invoice's open
// amount, each payment's unapplied amount and the settlements before the rows
// are inserted, instead of updating 200,000 rows after.

// demoInvoice is a delivered order's invoice, or a credit note, while the
// demo builds it.
type demoInvoice struct {
	domain.LedgerInvoice
	account  int64
	order    int64
	terms    domain.PaymentTerms
	currency string
	net, vat domain.Amount
	open     domain.Amount // a credit note: minus what no invoice took of it, as reallocate stores it
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

func genInvoices(ctx context.Context, g *demo, tx *sql.Tx, tick func(int)) error {
	today := domain.DateOf(g.now.In(demoZone))
	invs, err := demoInvoices(ctx, tx)
	if err != nil || len(invs) == 0 {
		return err
	}
	notes, err := demoCreditNotes(ctx, g, tx, invs, today)
	if err != nil {
		return err
	}
	pays := demoPayments(g, invs, today)
	all := append(invs, notes...)
	settlements := demoAllocate(all, pays)
	return writeDemoReceivables(ctx, tx, all, notes, pays, settlements, tick)
}

// demoInvoices reads the delivered orders and makes their invoices: numbered
// per month of delivery in order of delivery day, then order number (as the
// schema 5 migration numbers orders delivered before it), ids in that order.
func demoInvoices(ctx context.Context, tx *sql.Tx) ([]*demoInvoice, error) {
	set := domain.DefaultDocumentSettings().Invoices
	// Nine orders in ten are delivered: one pass over the table beats a
	// lookup per row through the status index (a second on 60,000 orders).
	rows, err := tx.QueryContext(ctx, `SELECT id, account_id, number, delivered_on, terms_days, terms_eom, currency,
		net_minor, vat_minor, gross_minor FROM orders NOT INDEXED WHERE status = 'delivered' ORDER BY delivered_on, number`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*demoInvoice
	counters := map[int]int64{}
	for rows.Next() {
		inv := &demoInvoice{}
		var delivered string
		if err := rows.Scan(&inv.order, &inv.account, &inv.OrderNumber, &delivered, &inv.terms.Days, &inv.terms.EOM, &inv.currency,
			&inv.net, &inv.vat, &inv.Gross); err != nil {
			return nil, err
		}
		inv.Date, err = domain.ParseDate(delivered)
		if err != nil {
			return nil, err
		}
		p := set.Period(inv.Date)
		counters[p]++
		inv.ID, inv.Kind = domain.InvoiceID(len(out)+1), domain.KindInvoice
		inv.Number = set.FormatOn(inv.Date, counters[p])
		inv.Due = inv.terms.DueDate(inv.Date)
		inv.open = inv.Gross
		out = append(out, inv)
	}
	return out, rows.Err()
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

// demoSettlement is a settlement with its account, as stored.
type demoSettlement struct {
	account int64
	domain.Settlement
}

// demoAllocate allocates each account's payments over its invoices as
// reallocate would (domain.Allocate over everything), setting open and
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
		a := domain.Allocate(dl, domain.Date{})
		used := map[domain.InvoiceID]domain.Amount{}
		for _, s := range a.Settlements {
			used[s.CreditNote] += s.Amount
		}
		for _, inv := range l.invs {
			inv.open = a.Open[inv.ID]
			if inv.Kind == domain.KindCreditNote {
				inv.open = inv.Gross + used[inv.ID]
			}
		}
		for _, p := range l.pays {
			p.unapplied = a.Unapplied[p.ID]
		}
		for _, s := range a.Settlements {
			out = append(out, demoSettlement{account: acc, Settlement: s})
		}
	}
	return out
}

const (
	demoInvoiceColumns = `id, kind, number, account_id, order_id, corrects_id, reason, issued_on, due_on, terms_days, terms_eom,
		currency, net_minor, vat_minor, gross_minor, open_minor, created_at`
	demoPaymentColumns    = `id, account_id, paid_on, amount_minor, reference, unapplied_minor, created_at`
	demoSettlementColumns = `account_id, invoice_id, payment_id, credit_note_id, amount_minor`
)

// writeDemoReceivables inserts the invoices (their lines copied from the
// orders' in one statement), the series' counters, the payments and the
// settlements, with the tables' indexes built once afterwards.
func writeDemoReceivables(ctx context.Context, tx *sql.Tx, invs, notes []*demoInvoice, pays []*demoPayment, ss []demoSettlement,
	tick func(int)) error {
	var restore []func() error
	for _, table := range []string{"invoices", "payments", "settlements"} {
		r, err := suspendSchema(ctx, tx, table, "index")
		if err != nil {
			return err
		}
		restore = append(restore, r)
	}
	err := groupedInsert(ctx, tx, "invoices", demoInvoiceColumns, func(emit func([]any) bool) error {
		for _, inv := range invs {
			at := stamp(inv.Date.Time().Add(15 * time.Hour))
			if !emit([]any{int64(inv.ID), string(inv.Kind), inv.Number, inv.account, inv.order, nullID(int64(inv.Corrects)),
				inv.reason, inv.Date.String(), inv.Due.String(), inv.terms.Days, boolInt(inv.terms.EOM), inv.currency, int64(inv.net),
				int64(inv.vat), int64(inv.Gross), int64(inv.open), at}) {
				return nil
			}
		}
		return nil
	}, func(n int) { tick(n / 2) })
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_lines (invoice_id, `+invoiceLineColumns+`)
		SELECT i.id, l.line_no, l.product_id, l.sku, l.name, l.unit, l.qty_e3, l.price_e4, l.discount_e2, l.vat_rate, l.net_minor
		FROM invoices i JOIN order_lines l ON l.order_id = i.order_id WHERE i.kind = 'invoice' ORDER BY i.id, l.line_no`); err != nil {
		return err
	}
	err = groupedInsert(ctx, tx, "invoice_lines", "invoice_id, "+invoiceLineColumns, func(emit func([]any) bool) error {
		for _, n := range notes {
			for _, l := range n.lines {
				if !emit([]any{int64(n.ID), l.No, int64(l.ProductID), l.SKU, l.Name, string(l.Unit), int64(l.Quantity), int64(l.Price),
					int64(l.Discount), string(l.VATRate), int64(l.Net())}) {
					return nil
				}
			}
		}
		return nil
	}, func(int) {})
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_series (kind, period, last)
		SELECT kind, CAST(substr(issued_on, 1, 4) AS INTEGER) * 100 + CAST(substr(issued_on, 6, 2) AS INTEGER), count(*)
		FROM invoices GROUP BY 1, 2`); err != nil {
		return err
	}
	err = groupedInsert(ctx, tx, "payments", demoPaymentColumns, func(emit func([]any) bool) error {
		for _, p := range pays {
			at := stamp(p.Date.Time().Add(11 * time.Hour))
			if !emit([]any{int64(p.ID), p.account, p.Date.String(), int64(p.Amount), p.Reference, int64(p.unapplied), at}) {
				return nil
			}
		}
		return nil
	}, func(n int) { tick(n / 2) })
	if err != nil {
		return err
	}
	err = groupedInsert(ctx, tx, "settlements", demoSettlementColumns, func(emit func([]any) bool) error {
		for _, s := range ss {
			if !emit([]any{s.account, int64(s.Invoice), nullID(int64(s.Payment)), nullID(int64(s.CreditNote)), int64(s.Amount)}) {
				return nil
			}
		}
		return nil
	}, func(int) {})
	if err != nil {
		return err
	}
	for _, r := range restore {
		if err := r(); err != nil {
			return err
		}
	}
	return nil
}

// ReceivableCounts reports how many invoices (credit notes included) and
// payments the database holds.
func (db *DB) ReceivableCounts(ctx context.Context) (invoices, payments int, err error) {
	err = db.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM invoices), (SELECT count(*) FROM payments)`).Scan(&invoices, &payments)
	return invoices, payments, wrap("count receivables", err)
}
