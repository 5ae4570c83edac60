package domaintest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"kontor/domain"
)

// Ledger is an in-memory InvoiceService, PaymentService and
// ReceivablesService over the orders of a Documents. It behaves like the
// store where a screen can tell: delivering an order issues its invoice
// numbered from the series, confirming an order over the credit limit (or
// with an invoice long overdue) needs an override with a reason, paid and open
// amounts come from domain.Allocate and statements from domain.BuildStatement.
type Ledger struct {
	mu       sync.Mutex
	docs     *Documents
	invoices map[domain.InvoiceID]*domain.Invoice
	payments map[domain.PaymentID]*domain.Payment
	counters map[string]int64 // series period key → last number
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
	return l
}

func (l *Ledger) accounts() *Store   { return l.docs.cat.accounts }
func (l *Ledger) today() domain.Date { return l.docs.today() }

// number hands out the next number of series s for day on. The caller holds l.mu.
func (l *Ledger) number(s domain.NumberSeries, on domain.Date) string {
	key := fmt.Sprintf("%s|%d", s.Prefix, s.Period(on))
	l.counters[key]++
	return s.FormatOn(on, l.counters[key])
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
	inv.Number = l.number(series, inv.Date)
	inv.CreatedAt = l.docs.cat.now()
	l.invoices[inv.ID] = inv
	l.Writes++
	o.Invoice, o.InvoiceNumber = inv.ID, inv.Number
	return nil
}

// ledgerOf is one account's entries for the domain's allocation. The caller holds l.mu.
func (l *Ledger) ledgerOf(id domain.AccountID) domain.Ledger {
	var out domain.Ledger
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

// rowOf is an invoice with what the allocation says is paid and open of it.
func rowOf(inv *domain.Invoice, a *domain.Allocation) domain.InvoiceRow {
	r := domain.InvoiceRow{ID: inv.ID, Kind: inv.Kind, Number: inv.Number, AccountID: inv.AccountID, AccountCode: inv.AccountCode,
		AccountName: inv.AccountName, OrderNumber: inv.OrderNumber, Date: inv.Date, Due: inv.Due, Net: inv.Totals.Net,
		Gross: inv.Gross()}
	if inv.Kind == domain.KindInvoice {
		r.Open = a.Open[inv.ID]
		r.Paid = r.Gross - r.Open
	}
	return r
}

func copyInvoice(inv *domain.Invoice) *domain.Invoice {
	c := *inv
	c.Lines = slices.Clone(inv.Lines)
	c.Totals.ByRate = slices.Clone(inv.Totals.ByRate)
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
		return nil, notFound()
	}
	return copyInvoice(inv), ctxErr(ctx)
}

// FindInvoiceByNumber returns the invoice or credit note with this number.
func (l *Ledger) FindInvoiceByNumber(ctx context.Context, number string) (*domain.Invoice, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, inv := range l.invoices {
		if strings.EqualFold(inv.Number, strings.TrimSpace(number)) {
			return copyInvoice(inv), ctxErr(ctx)
		}
	}
	return nil, notFound()
}

// FindInvoiceByOrder returns the invoice of a delivered order.
func (l *Ledger) FindInvoiceByOrder(ctx context.Context, order domain.OrderID) (*domain.Invoice, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, inv := range l.invoices {
		if inv.Kind == domain.KindInvoice && inv.OrderID == order {
			return copyInvoice(inv), ctxErr(ctx)
		}
	}
	return nil, notFound()
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
		r := rowOf(inv, a)
		if f.OpenOnly && r.Open <= 0 {
			continue
		}
		rows = append(rows, r)
	}
	slices.SortFunc(rows, func(a, b domain.InvoiceRow) int { return latestFirst(a.Date, b.Date, int64(a.ID), int64(b.ID)) })
	return page(rows, f.Offset, limit(f.Limit)), len(rows), ctxErr(ctx)
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
		return nil, notFound()
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
	note.Number = l.number(set.CreditNotes, note.Date)
	note.CreatedAt = l.docs.cat.now()
	l.invoices[note.ID] = note
	l.Writes++
	return copyInvoice(note), ctxErr(ctx)
}

// RecordPayment validates and stores a payment: the account by ID or code,
// the invoice it names must be the account's.
func (l *Ledger) RecordPayment(ctx context.Context, f domain.PaymentFields) (*domain.Payment, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	acc, err := l.account(ctx, f.AccountID, f.AccountCode)
	if err != nil {
		return nil, err
	}
	f.AccountID, f.AccountCode = acc.ID, acc.Code
	l.mu.Lock()
	defer l.mu.Unlock()
	p := &domain.Payment{PaymentFields: f, AccountName: acc.Name, CreatedAt: l.docs.cat.now()}
	if f.Invoice != 0 {
		inv, ok := l.invoices[f.Invoice]
		if !ok || inv.AccountID != acc.ID || inv.Kind != domain.KindInvoice {
			return nil, paymentFieldError(domain.FieldInvoice, "payment.invoice_not_of_account", "the invoice is not one of the account's")
		}
		p.InvoiceNumber = inv.Number
	}
	l.nextPay++
	p.ID = domain.PaymentID(l.nextPay)
	l.payments[p.ID] = p
	l.Writes++
	c := *p
	return &c, ctxErr(ctx)
}

// account finds a payment's account by ID, else by code; unknown is a
// problem of the account_code field, as the store reports it.
func (l *Ledger) account(ctx context.Context, id domain.AccountID, code string) (*domain.Account, error) {
	var acc *domain.Account
	var err error
	if id != 0 {
		acc, err = l.accounts().FindAccountByID(ctx, id)
	} else {
		acc, err = l.accounts().FindAccountByCode(ctx, code)
	}
	if domain.ErrorCode(err) == domain.ENotFound {
		e := domain.Errorf(domain.EInvalid, "payment.invalid", "the payment is not valid", nil)
		e.Fields = []domain.FieldError{{Field: domain.FieldAccountCode, Key: "account.unknown", Msg: "no account with code {{.Value}}",
			Args: map[string]any{"Value": code}}}
		return nil, e
	}
	return acc, err
}

func paymentFieldError(field, key, msg string) error {
	e := domain.Errorf(domain.EInvalid, "payment.invalid", "the payment is not valid", nil)
	e.Fields = []domain.FieldError{{Field: field, Key: key, Msg: msg}}
	return e
}

// FindPaymentByID returns one payment.
func (l *Ledger) FindPaymentByID(ctx context.Context, id domain.PaymentID) (*domain.Payment, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	p, ok := l.payments[id]
	if !ok {
		return nil, notFound()
	}
	c := *p
	return &c, ctxErr(ctx)
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
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b domain.Payment) int { return latestFirst(a.Date, b.Date, int64(a.ID), int64(b.ID)) })
	return page(out, f.Offset, f.Limit), len(out), ctxErr(ctx)
}

// DeletePayment removes a payment and returns it, for RestorePayment.
func (l *Ledger) DeletePayment(ctx context.Context, id domain.PaymentID) (*domain.Payment, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	p, ok := l.payments[id]
	if !ok {
		return nil, notFound()
	}
	delete(l.payments, id)
	l.Writes++
	return p, ctxErr(ctx)
}

// RestorePayment puts a deleted payment back under its own ID.
func (l *Ledger) RestorePayment(ctx context.Context, p *domain.Payment) (*domain.Payment, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, taken := l.payments[p.ID]; taken || p.ID == 0 {
		return nil, domain.Errorf(domain.EConflict, "payment.restore_exists", "the payment is there already", nil)
	}
	c := *p
	l.payments[p.ID] = &c
	l.Writes++
	r := c
	return &r, ctxErr(ctx)
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
