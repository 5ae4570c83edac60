package domain

import "sort"

// Statement line kinds (the statement JSON's `kind`).
const (
	LineInvoice = "invoice"
	LinePayment = "payment"
)

// StatementLine is one movement of the month.
type StatementLine struct {
	Date   Date
	Kind   string // LineInvoice (also a credit note) or LinePayment
	Credit bool   // an invoice line that is a credit note
	// Number is the invoice's or credit note's number, or the payment's reference.
	Number  string
	Due     Date   // an invoice's due date; zero for payments and credit notes
	Amount  Amount // positive for an invoice, negative for a payment or credit note
	Balance Amount // the running balance after this line
}

// Statement is one account's statement of account for one calendar month.
type Statement struct {
	Account *Account
	Month   Month
	Date    Date // the statement date: the month's last day
	Opening Amount
	Lines   []StatementLine
	Closing Amount
	// Invoiced and Paid sum the month's lines: invoices (less credit notes) and payments.
	Invoiced Amount
	Paid     Amount
	Aging    Aging // as of Date; Aging.Balance() == Closing
}

// HasMovement reports whether the statement is worth sending: a line in the
// month or a balance at either end.
func (s *Statement) HasMovement() bool {
	return len(s.Lines) > 0 || s.Opening != 0 || s.Closing != 0
}

// BuildStatement computes the statement of account a for month m from its
// ledger (entries after the month are ignored) per PRODUCT.md: opening balance
// from everything before the 1st; the month's invoices and payments by date,
// invoices before payments on a day, then by number; closing = opening +
// invoices − payments; aging as of the last day.
func BuildStatement(a *Account, m Month, l Ledger) *Statement {
	first, last := m.First(), m.Last()
	s := &Statement{Account: a, Month: m, Date: last}
	for _, inv := range l.Invoices {
		switch {
		case inv.Date.Before(first):
			s.Opening += inv.Gross
		case !last.Before(inv.Date):
			ln := StatementLine{Date: inv.Date, Kind: LineInvoice, Number: inv.Number, Amount: inv.Gross}
			if inv.Kind == KindCreditNote {
				ln.Credit = true
			} else {
				ln.Due = inv.Due
			}
			s.Invoiced += inv.Gross
			s.Lines = append(s.Lines, ln)
		}
	}
	for _, p := range l.Payments {
		switch {
		case p.Date.Before(first):
			s.Opening -= p.Amount
		case !last.Before(p.Date):
			s.Paid += p.Amount
			s.Lines = append(s.Lines, StatementLine{Date: p.Date, Kind: LinePayment, Number: p.Reference, Amount: -p.Amount})
		}
	}
	sort.SliceStable(s.Lines, func(i, j int) bool {
		x, y := &s.Lines[i], &s.Lines[j]
		if c := x.Date.Compare(y.Date); c != 0 {
			return c < 0
		}
		if x.Kind != y.Kind {
			return x.Kind == LineInvoice
		}
		return x.Number < y.Number
	})
	bal := s.Opening
	for i := range s.Lines {
		bal += s.Lines[i].Amount
		s.Lines[i].Balance = bal
	}
	s.Closing = bal
	alloc := Allocate(l, last)
	s.Aging = alloc.Aging()
	return s
}
