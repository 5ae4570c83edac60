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
	// Settles names the invoices a payment or credit note settled, as the
	// allocation on the statement date applies it, oldest first.
	Settles []string
	ref     lineKey // while building: the payment or credit note
}

// OpenItem is an invoice unpaid or part-paid on the statement date.
type OpenItem struct {
	Invoice     InvoiceID
	Number      string
	Date        Date
	Due         Date
	DaysOverdue int // days past due on the statement date, 0 when not yet due
	Gross       Amount
	Open        Amount
}

// Statement is one account's statement of account for one calendar month.
type Statement struct {
	Account *Account
	Month   Month
	Date    Date // the statement date: the month's last day, or today in the current month
	Opening Amount
	Lines   []StatementLine
	Closing Amount
	// Invoiced and Paid sum the month's lines: invoices (less credit notes) and payments.
	Invoiced Amount
	Paid     Amount
	Aging    Aging // as of Date; Aging.Balance() == Closing
	// OpenItems are the invoices open on Date, oldest first (the opening
	// balance's too): Σ Open − Aging.Credit == Closing.
	OpenItems []OpenItem
}

// OpenTotal sums the open items.
func (s *Statement) OpenTotal() Amount {
	var t Amount
	for i := range s.OpenItems {
		t += s.OpenItems[i].Open
	}
	return t
}

// StatementDate is the date of month m's statement when today is today: the
// month's last day, or today while the month runs (never a date to come).
// A zero today means the month is over.
func StatementDate(m Month, today Date) Date {
	if last := m.Last(); today.IsZero() || !today.Before(last) {
		return last
	}
	return today
}

// HasMovement reports whether the statement is worth sending: a line in the
// month or a balance at either end.
func (s *Statement) HasMovement() bool {
	return len(s.Lines) > 0 || s.Opening != 0 || s.Closing != 0
}

// BuildStatement computes the statement of account a for month m from its
// ledger (entries after the month are ignored): opening balance
// from everything before the 1st; the month's invoices and payments by date,
// invoices before payments on a day, then by number; closing = opening +
// invoices − payments; aging as of the last day.
func BuildStatement(a *Account, m Month, l Ledger) *Statement {
	return BuildStatementOn(a, m, l, Date{})
}

// BuildStatementOn is BuildStatement when today is today: the statement is
// dated StatementDate(m, today), entries after that day are ignored, and the
// aging, the open items and what each payment settled are as of that day.
func BuildStatementOn(a *Account, m Month, l Ledger, today Date) *Statement {
	first, last := m.First(), StatementDate(m, today)
	s := &Statement{Account: a, Month: m, Date: last}
	numbers := make(map[InvoiceID]string, len(l.Invoices))
	var settles map[lineKey]int // statement line of a payment or credit note
	for _, inv := range l.Invoices {
		switch {
		case inv.Date.Before(first):
			s.Opening += inv.Gross
		case !last.Before(inv.Date):
			ln := StatementLine{Date: inv.Date, Kind: LineInvoice, Number: inv.Number, Amount: inv.Gross, ref: lineKey{note: inv.ID}}
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
			s.Lines = append(s.Lines, StatementLine{Date: p.Date, Kind: LinePayment, Number: p.Reference, Amount: -p.Amount,
				ref: lineKey{payment: p.ID}})
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
	for i := range l.Invoices {
		numbers[l.Invoices[i].ID] = l.Invoices[i].Number
	}
	settles = make(map[lineKey]int, len(s.Lines))
	for i := range s.Lines {
		if s.Lines[i].Kind == LinePayment || s.Lines[i].Credit {
			settles[s.Lines[i].ref] = i
		}
		s.Lines[i].ref = lineKey{}
	}
	for _, st := range alloc.Settlements {
		if i, ok := settles[lineKey{payment: st.Payment, note: st.CreditNote}]; ok {
			ln := &s.Lines[i]
			if n := numbers[st.Invoice]; len(ln.Settles) == 0 || ln.Settles[len(ln.Settles)-1] != n {
				ln.Settles = append(ln.Settles, n)
			}
		}
	}
	for i := range alloc.openOrder {
		inv := &alloc.openOrder[i]
		if open := alloc.Open[inv.ID]; open > 0 {
			s.OpenItems = append(s.OpenItems, OpenItem{Invoice: inv.ID, Number: inv.Number, Date: inv.Date, Due: inv.Due,
				DaysOverdue: max(0, last.DaysSince(inv.Due)), Gross: inv.Gross, Open: open})
		}
	}
	return s
}

// lineKey names the payment or credit note behind a statement line.
type lineKey struct {
	payment PaymentID
	note    InvoiceID
}
