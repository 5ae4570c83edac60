package demo

import (
	"cmp"
	"math/rand/v2"
	"slices"

	"kontor/domain"
)

var demoCreditReasons = []string{"zwrot uszkodzonego towaru", "reklamacja — niezgodna ilość w dostawie", "rabat posprzedażowy",
	"korekta ceny do oferty", "zwrot towaru niezgodnego z zamówieniem"}

// demoCreditNotes gives about one invoice in a hundred a credit note for part
// of one line (a return, a complaint), issued a few days after the invoice by
// domain.BuildCreditNote's rules, numbered per month from the credit-note
// series in date order, with ids after the invoices'. Each invoice's note is
// set on it, so its payments pay what the note left. It returns the notes with
// the last number of each month.
func demoCreditNotes(g *demo, invs []*demoInvoice, today domain.Date) ([]*demoInvoice, map[int]int64, error) {
	var notes []*demoInvoice
	for _, inv := range invs {
		r := rand.New(rand.NewPCG(uint64(g.opt.Seed)^0x6e6f7465, uint64(inv.ID)))
		if r.IntN(1000) >= demoCreditPer1000 {
			continue
		}
		on := inv.Date.AddDays(2 + r.IntN(25))
		if today.Before(on) {
			continue
		}
		orig := demoOriginal(g, inv)
		k := r.IntN(len(orig.Lines))
		l := orig.Lines[k]
		step := domain.Quantity(1)
		for d := l.Unit.Decimals(); d < domain.QuantityPlaces; d++ {
			step *= 10
		}
		q := max(step, l.Quantity*domain.Quantity(10+r.IntN(50))/100/step*step)
		n, err := domain.BuildCreditNote(orig, nil, domain.CreditNoteRequest{Invoice: inv.ID, Date: on, Reason: pick(r, demoCreditReasons),
			Lines: []domain.CreditLine{{LineNo: l.No, Quantity: min(q, l.Quantity)}}})
		if err != nil {
			return nil, nil, err // a bug: the request is within the rules
		}
		note := &demoInvoice{LedgerInvoice: domain.LedgerInvoice{Kind: domain.KindCreditNote, OrderNumber: inv.OrderNumber, Corrects: inv.ID,
			Date: n.Date, Due: n.Due, Gross: n.Totals.Gross}, account: inv.account, order: inv.order, terms: inv.terms,
			currency: inv.currency, net: n.Totals.Net, vat: n.Totals.VAT, reason: n.Reason, lines: n.Lines}
		inv.note = note
		notes = append(notes, note)
	}
	slices.SortStableFunc(notes, func(a, b *demoInvoice) int { return cmp.Compare(a.Date.Compare(b.Date), 0) })
	set := domain.DefaultDocumentSettings().CreditNotes
	counters := map[int]int64{}
	for i, n := range notes {
		p := set.Period(n.Date)
		counters[p]++
		n.ID, n.Number = domain.InvoiceID(len(invs)+i+1), set.FormatOn(n.Date, counters[p])
	}
	return notes, counters, nil
}

// demoOriginal is the invoice inv as BuildCreditNote reads it: its order's
// lines, drawn again from the order's stream, and their totals.
func demoOriginal(g *demo, inv *demoInvoice) *domain.Invoice {
	p := g.orders[inv.order-1]
	orig := &domain.Invoice{ID: inv.ID, Kind: domain.KindInvoice, Number: inv.Number, Date: inv.Date, Due: inv.Due, Terms: inv.terms,
		Currency: inv.currency}
	for i, l := range g.draw.lines(g.orderRNG(p), p.account, p.day, 9) {
		orig.Lines = append(orig.Lines, domain.InvoiceLine{No: i + 1, DocumentLine: l})
	}
	orig.Totals = domain.ComputeTotals(orig.DocumentLines())
	return orig
}
