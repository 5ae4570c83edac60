package domaintest

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"kontor/domain"
)

// Ledger is an in-memory InvoiceService, PaymentService and
// ReceivablesService over the orders of a Documents. It follows the store's
// rules (the conformance suite holds both to them): delivering an order
// issues its invoice numbered from the series, confirming an order over the
// credit limit (or with an invoice long overdue) needs an override with a
// reason, paid and open amounts come from domain.Allocate over everything
// recorded, statements from domain.BuildStatement, and accounts with invoices
// or payments cannot be deleted.
type Ledger struct {
	mu       sync.Mutex
	docs     *Documents
	invoices map[domain.InvoiceID]*domain.Invoice
	payments map[domain.PaymentID]*domain.Payment
	counters map[string]int64 // kind and series period → last number
	nextInv  int64
	nextPay  int64
	ksef     *KSeF // the KSeF fake over this ledger, for the receivables' KSeF filter

	// Writes counts recorded and deleted payments and issued documents, so a
	// test can assert that nothing was saved.
	Writes int
}

var (
	_ domain.InvoiceService     = (*Ledger)(nil)
	_ domain.PaymentService     = (*Ledger)(nil)
	_ domain.ReceivablesService = (*Ledger)(nil)
)

// NewLedger returns an empty ledger and hooks it into docs, so that its
// orders are invoiced on delivery and credit-checked on confirmation.
func NewLedger(docs *Documents) *Ledger {
	l := &Ledger{docs: docs, invoices: map[domain.InvoiceID]*domain.Invoice{},
		payments: map[domain.PaymentID]*domain.Payment{}, counters: map[string]int64{}}
	docs.mu.Lock()
	docs.ledger = l
	docs.mu.Unlock()
	l.accounts().referAccount(func(id domain.AccountID) bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		for _, inv := range l.invoices {
			if inv.AccountID == id {
				return true
			}
		}
		for _, p := range l.payments {
			if p.AccountID == id {
				return true
			}
		}
		return false
	})
	return l
}

func invoiceNotFound() error {
	return domain.Errorf(domain.ENotFound, "invoice.not_found", "the invoice does not exist", nil)
}

func paymentNotFound() error {
	return domain.Errorf(domain.ENotFound, "payment.not_found", "the payment does not exist (it may have been deleted)", nil)
}

func (l *Ledger) accounts() *Store   { return l.docs.cat.accounts }
func (l *Ledger) today() domain.Date { return l.docs.today() }

// number hands out the next number of kind's series s for day on, skipping
// numbers already taken (a prefix changed and changed back). The caller holds l.mu.
func (l *Ledger) number(kind domain.InvoiceKind, s domain.NumberSeries, on domain.Date) string {
	key := fmt.Sprintf("%s|%d", kind, s.Period(on))
	for {
		l.counters[key]++
		num := s.FormatOn(on, l.counters[key])
		taken := false
		for _, inv := range l.invoices {
			taken = taken || strings.EqualFold(inv.Number, num)
		}
		if !taken {
			return num
		}
	}
}

// issue invoices a delivered order. The caller holds the documents' lock
// (it is called from SetOrderStatus), never l.mu.
func (l *Ledger) issue(o *domain.Order, series domain.NumberSeries) error {
	inv, err := domain.IssueInvoice(o)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, x := range l.invoices {
		if x.Kind == domain.KindInvoice && x.OrderID == o.ID {
			return domain.Errorf(domain.EConflict, "invoice.order_invoiced", "order {{.Number}} is invoiced already ({{.Invoice}})",
				map[string]any{"Number": o.Number, "Invoice": x.Number})
		}
	}
	l.nextInv++
	inv.ID = domain.InvoiceID(l.nextInv)
	inv.Number = l.number(domain.KindInvoice, series, inv.Date)
	inv.CreatedAt = l.docs.cat.now()
	l.invoices[inv.ID] = inv
	l.Writes++
	o.Invoice, o.InvoiceNumber = inv.ID, inv.Number
	return nil
}

// ledgerOf is one account's entries for the domain's allocation, in ID order
// (statements list one day's payments in the order read). The caller holds l.mu.
func (l *Ledger) ledgerOf(id domain.AccountID) domain.Ledger {
	var out domain.Ledger
	defer func() {
		slices.SortFunc(out.Invoices, func(a, b domain.LedgerInvoice) int { return int(a.ID - b.ID) })
		slices.SortFunc(out.Payments, func(a, b domain.LedgerPayment) int { return int(a.ID - b.ID) })
	}()
	for _, inv := range l.invoices {
		if inv.AccountID == id {
			out.Invoices = append(out.Invoices, domain.LedgerInvoice{ID: inv.ID, Kind: inv.Kind, Number: inv.Number,
				OrderNumber: inv.OrderNumber, Corrects: inv.Corrects, Date: inv.Date, Due: inv.Due, Gross: inv.Gross()})
		}
	}
	for _, p := range l.payments {
		if p.AccountID == id {
			out.Payments = append(out.Payments, domain.LedgerPayment{ID: p.ID, Date: p.Date, Amount: p.Amount,
				Reference: p.Reference, Invoice: p.Invoice})
		}
	}
	return out
}

// rowOf is an invoice with what the allocation says is paid and open of it;
// what is open of a credit note is minus the credit it still gives.
func (l *Ledger) rowOf(inv *domain.Invoice, a *domain.Allocation) domain.InvoiceRow {
	r := domain.InvoiceRow{ID: inv.ID, Kind: inv.Kind, Number: inv.Number, AccountID: inv.AccountID, AccountCode: inv.AccountCode,
		AccountName: inv.AccountName, OrderNumber: inv.OrderNumber, Date: inv.Date, Due: inv.Due, Net: inv.Totals.Net,
		Gross: inv.Gross()}
	if code, name, ok := l.accounts().names(inv.AccountID); ok {
		r.AccountCode, r.AccountName = code, name
	}
	if inv.Kind == domain.KindInvoice {
		r.Open = a.Open[inv.ID]
	} else {
		r.Open = inv.Gross()
		for _, s := range a.Settlements {
			if s.CreditNote == inv.ID {
				r.Open += s.Amount
			}
		}
	}
	r.Paid = r.Gross - r.Open
	return r
}

// viewInvoice is a copy of an invoice with its account's code and name as
// they are now. The caller holds l.mu.
func (l *Ledger) viewInvoice(inv *domain.Invoice) *domain.Invoice {
	c := *inv
	c.Lines = slices.Clone(inv.Lines)
	c.Totals.ByRate = slices.Clone(inv.Totals.ByRate)
	if code, name, ok := l.accounts().names(c.AccountID); ok {
		c.AccountCode, c.AccountName = code, name
	}
	return &c
}

// latestFirst orders invoices and payments as the store lists them.
func latestFirst(a, b domain.Date, x, y int64) int {
	if c := b.Compare(a); c != 0 {
		return c
	}
	return int(y - x)
}

// FindInvoiceByID returns one invoice or credit note.
func (l *Ledger) FindInvoiceByID(ctx context.Context, id domain.InvoiceID) (*domain.Invoice, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	inv, ok := l.invoices[id]
	if !ok {
		return nil, invoiceNotFound()
	}
	return l.viewInvoice(inv), ctxErr(ctx)
}

// FindInvoiceByNumber returns the invoice or credit note with this number.
func (l *Ledger) FindInvoiceByNumber(ctx context.Context, number string) (*domain.Invoice, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, inv := range l.invoices {
		if strings.EqualFold(inv.Number, strings.TrimSpace(number)) {
			return l.viewInvoice(inv), ctxErr(ctx)
		}
	}
	return nil, invoiceNotFound()
}

// FindInvoiceByOrder returns the invoice of a delivered order.
func (l *Ledger) FindInvoiceByOrder(ctx context.Context, order domain.OrderID) (*domain.Invoice, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, inv := range l.invoices {
		if inv.Kind == domain.KindInvoice && inv.OrderID == order {
			return l.viewInvoice(inv), ctxErr(ctx)
		}
	}
	return nil, invoiceNotFound()
}

// FindInvoices lists invoices and credit notes newest first.
func (l *Ledger) FindInvoices(ctx context.Context, f domain.InvoiceFilter) ([]domain.InvoiceRow, int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	allocs := map[domain.AccountID]*domain.Allocation{}
	var rows []domain.InvoiceRow
	for _, inv := range l.invoices {
		if f.Account != 0 && inv.AccountID != f.Account || !f.From.IsZero() && inv.Date.Before(f.From) ||
			!f.To.IsZero() && f.To.Before(inv.Date) {
			continue
		}
		a, ok := allocs[inv.AccountID]
		if !ok {
			al := domain.Allocate(l.ledgerOf(inv.AccountID), domain.Date{})
			a, allocs[inv.AccountID] = &al, &al
		}
		r := l.rowOf(inv, a)
		if f.OpenOnly && r.Open == 0 {
			continue
		}
		rows = append(rows, r)
	}
	slices.SortFunc(rows, func(a, b domain.InvoiceRow) int { return latestFirst(a.Date, b.Date, int64(a.ID), int64(b.ID)) })
	return page(rows, max(f.Offset, 0), limit(f.Limit)), len(rows), ctxErr(ctx)
}

// IssueCreditNote checks the request with domain.BuildCreditNote, numbers the
// note from the credit-note series and stores it.
func (l *Ledger) IssueCreditNote(ctx context.Context, r domain.CreditNoteRequest) (*domain.Invoice, error) {
	set, err := l.docs.FindDocumentSettings(ctx)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	orig, ok := l.invoices[r.Invoice]
	if !ok {
		return nil, invoiceNotFound()
	}
	var earlier []*domain.Invoice
	for _, inv := range l.invoices {
		if inv.Kind == domain.KindCreditNote && inv.Corrects == orig.ID {
			earlier = append(earlier, inv)
		}
	}
	note, err := domain.BuildCreditNote(orig, earlier, r)
	if err != nil {
		return nil, err
	}
	l.nextInv++
	note.ID = domain.InvoiceID(l.nextInv)
	note.Number = l.number(domain.KindCreditNote, set.CreditNotes, note.Date)
	note.CreatedAt = l.docs.cat.now()
	l.invoices[note.ID] = note
	l.Writes++
	return l.viewInvoice(note), ctxErr(ctx)
}

// RecordPayment stores a payment: the account by ID or code (unknown: a
// field error), the invoice it names an invoice of that account, then the
// domain's validation, every problem in one error.
func (l *Ledger) RecordPayment(ctx context.Context, f domain.PaymentFields) (*domain.Payment, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.checkPayment(ctx, &f); err != nil {
		return nil, err
	}
	p := &domain.Payment{PaymentFields: f, CreatedAt: l.docs.cat.now()}
	l.nextPay++
	p.ID = domain.PaymentID(l.nextPay)
	l.payments[p.ID] = p
	l.Writes++
	return l.viewPayment(p), ctxErr(ctx)
}

// checkPayment resolves and checks a payment's fields as the store does. The
// caller holds l.mu.
func (l *Ledger) checkPayment(ctx context.Context, f *domain.PaymentFields) error {
	var fields []domain.FieldError
	if f.AccountID != 0 || f.AccountCode != "" {
		var acc *domain.Account
		v := f.AccountCode
		if f.AccountID != 0 {
			acc, _ = l.accounts().FindAccountByID(ctx, f.AccountID)
			v = "#" + strconv.FormatInt(int64(f.AccountID), 10)
		} else {
			acc = l.accounts().account(f.AccountCode)
		}
		if acc == nil {
			fields = append(fields, domain.FieldError{Field: domain.FieldAccountCode, Key: "account.unknown",
				Msg: "no account with code {{.Value}}", Args: map[string]any{"Value": v}})
		} else {
			f.AccountID, f.AccountCode = acc.ID, acc.Code
			if f.Invoice != 0 {
				inv, ok := l.invoices[f.Invoice]
				switch {
				case !ok:
					fields = append(fields, domain.FieldError{Field: domain.FieldInvoice, Key: "payment.invoice_unknown",
						Msg: "the invoice does not exist"})
				case inv.AccountID != acc.ID:
					fields = append(fields, domain.FieldError{Field: domain.FieldInvoice, Key: "payment.invoice_other_account",
						Msg: "the invoice is not one of the account's"})
				case inv.Kind != domain.KindInvoice:
					fields = append(fields, domain.FieldError{Field: domain.FieldInvoice, Key: "payment.invoice_is_credit",
						Msg: "a credit note is not paid: choose an invoice"})
				}
			}
		}
	}
	var all []domain.FieldError
	if err := f.Validate(); err != nil {
		e, ok := domain.AsError(err)
		if !ok {
			return err
		}
		all = append(all, e.Fields...)
	}
	if all = append(all, fields...); len(all) > 0 {
		return &domain.Error{Code: domain.EInvalid, Key: "payment.invalid", Msg: "the payment is not valid", Fields: all}
	}
	return nil
}

// viewPayment is a copy of a payment with its account and invoice as they
// are now. The caller holds l.mu.
func (l *Ledger) viewPayment(p *domain.Payment) *domain.Payment {
	c := *p
	if code, name, ok := l.accounts().names(c.AccountID); ok {
		c.AccountCode, c.AccountName = code, name
	}
	c.InvoiceNumber = ""
	if inv, ok := l.invoices[c.Invoice]; ok {
		c.InvoiceNumber = inv.Number
	}
	return &c
}

// FindPaymentByID returns one payment.
func (l *Ledger) FindPaymentByID(ctx context.Context, id domain.PaymentID) (*domain.Payment, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	p, ok := l.payments[id]
	if !ok {
		return nil, paymentNotFound()
	}
	return l.viewPayment(p), ctxErr(ctx)
}

// FindPayments lists payments newest first.
func (l *Ledger) FindPayments(ctx context.Context, f domain.PaymentFilter) ([]domain.Payment, int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []domain.Payment
	for _, p := range l.payments {
		if f.Account != 0 && p.AccountID != f.Account || !f.From.IsZero() && p.Date.Before(f.From) || !f.To.IsZero() && f.To.Before(p.Date) {
			continue
		}
		out = append(out, *l.viewPayment(p))
	}
	slices.SortFunc(out, func(a, b domain.Payment) int { return latestFirst(a.Date, b.Date, int64(a.ID), int64(b.ID)) })
	return page(out, max(f.Offset, 0), f.Limit), len(out), ctxErr(ctx)
}

// DeletePayment removes a payment and returns it, for RestorePayment.
func (l *Ledger) DeletePayment(ctx context.Context, id domain.PaymentID) (*domain.Payment, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	p, ok := l.payments[id]
	if !ok {
		return nil, paymentNotFound()
	}
	out := l.viewPayment(p)
	delete(l.payments, id)
	l.Writes++
	return out, ctxErr(ctx)
}

// RestorePayment puts a deleted payment back with its ID and creation time,
// or under a new ID (created now) when that one has been taken since.
func (l *Ledger) RestorePayment(ctx context.Context, p *domain.Payment) (*domain.Payment, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := p.PaymentFields
	if err := l.checkPayment(ctx, &f); err != nil {
		return nil, err
	}
	c := &domain.Payment{ID: p.ID, PaymentFields: f, CreatedAt: p.CreatedAt}
	if _, taken := l.payments[p.ID]; taken || p.ID == 0 || p.CreatedAt.IsZero() {
		l.nextPay++
		c.ID, c.CreatedAt = domain.PaymentID(l.nextPay), l.docs.cat.now()
	}
	l.nextPay = max(l.nextPay, int64(c.ID))
	l.payments[c.ID] = c
	l.Writes++
	return l.viewPayment(c), ctxErr(ctx)
}

// AddPayment records a payment ("1234,56") dated on for account and fails
// the test when refused.
func (l *Ledger) AddPayment(t testing.TB, account domain.AccountID, on domain.Date, amount, reference string) *domain.Payment {
	t.Helper()
	a, err := domain.ParseAmount(amount)
	if err != nil {
		t.Fatal(err)
	}
	p, err := l.RecordPayment(context.Background(), domain.PaymentFields{AccountID: account, Date: on, Amount: a, Reference: reference})
	if err != nil {
		t.Fatalf("add payment: %v", err)
	}
	return p
}
