package domain

import (
	"context"
	"io"
)

// OverdueHoldDays is how far past due an open invoice may be before confirming
// another order for the account needs an override.
const OverdueHoldDays = 30

// Credit warnings.
const (
	CreditOverLimit = "over_limit" // exposure above the credit limit
	CreditOverdue   = "overdue"    // an invoice more than OverdueHoldDays past due
)

// CreditCheck is an account's exposure when an order is confirmed.
type CreditCheck struct {
	Limit       Amount // the account's credit limit; 0: no limit
	Balance     Amount // open invoices − credit on account, today
	Undelivered Amount // gross of the account's other confirmed, undelivered orders
	ThisOrder   Amount // gross of the order being confirmed
	OldestLate  int    // days the most overdue open invoice is past due (0: none)
	LateAmount  Amount // open amount of invoices more than OverdueHoldDays past due
}

// Exposure is balance + undelivered confirmed orders + this order.
func (c *CreditCheck) Exposure() Amount { return c.Balance + c.Undelivered + c.ThisOrder }

// Warnings lists what needs an override, in a fixed order; none: go ahead.
func (c *CreditCheck) Warnings() []string {
	var w []string
	if c.Limit > 0 && c.Exposure() > c.Limit {
		w = append(w, CreditOverLimit)
	}
	if c.OldestLate > OverdueHoldDays {
		w = append(w, CreditOverdue)
	}
	return w
}

// FieldCreditOverride names the override reason in errors.
const FieldCreditOverride = "credit_override"

// ErrCreditOverride is the error for confirming an order that needs a credit
// override without a reason; Args carry the check's figures for the message.
func ErrCreditOverride(c *CreditCheck) error {
	e := Errorf(EInvalid, "credit.override_required",
		"confirming needs a credit override: exposure {{.Exposure}} against a limit of {{.Limit}}, oldest invoice {{.Days}} days overdue",
		map[string]any{"Exposure": c.Exposure(), "Limit": c.Limit, "Days": c.OldestLate, "Warnings": c.Warnings()})
	e.Fields = []FieldError{{Field: FieldCreditOverride, Key: "credit.override_reason_required", Msg: "give the reason for overriding the credit control"}}
	return e
}

// ReceivableRow is one account in the receivables list.
type ReceivableRow struct {
	AccountID   AccountID
	Code        string
	Name        string
	Owner       string
	Group       string
	CreditLimit Amount
	Aging       Aging
	OldestDue   Date // due date of the oldest open invoice
}

// ReceivablesFilter narrows the receivables list. Zero fields do not filter.
type ReceivablesFilter struct {
	Owner string
	Group GroupID
	AsOf  Date // zero: today
	// KSeF lists the accounts with an invoice or credit note in this KSeF
	// status instead, with whatever balance they have ("": no filter).
	KSeF KSeFStatus
}

// AccountReceivables is what the account view shows of its money.
type AccountReceivables struct {
	AsOf        Date
	Aging       Aging
	CreditLimit Amount
	Undelivered Amount // confirmed, undelivered orders (gross)
	Invoices    []InvoiceRow
	Payments    []Payment
	Unapplied   map[PaymentID]Amount
	Settlements []Settlement
}

// StatementFormat is how a month-end batch writes its PDFs.
type StatementFormat int

// Batch outputs.
const (
	StatementFiles    StatementFormat = iota // one PDF per account in a folder
	StatementCombined                        // one PDF with every statement, for printing
)

// BatchProgress reports a running batch: done of total accounts.
type BatchProgress struct {
	Done, Total int
}

// BatchFailure is an account whose statement could not be written.
type BatchFailure struct {
	AccountCode string
	Err         error
}

// BatchResult sums up a batch.
type BatchResult struct {
	Written   int
	Skipped   int // accounts without movement or balance
	Failures  []BatchFailure
	Cancelled bool
	Paths     []string // the files written
}

// ReceivablesService answers the back office's questions.
type ReceivablesService interface {
	// FindReceivables lists every account with an open balance or credit, most
	// overdue first, with the totals of the list.
	FindReceivables(ctx context.Context, f ReceivablesFilter) ([]ReceivableRow, Aging, error)
	// AccountReceivables returns an account's invoices with paid and open
	// amounts, its payments and how they settled the invoices, and its aging.
	AccountReceivables(ctx context.Context, id AccountID, asOf Date) (*AccountReceivables, error)
	// CheckCredit returns the account's exposure if the order were confirmed now.
	CheckCredit(ctx context.Context, order OrderID) (*CreditCheck, error)
	// Statement computes one account's statement for month m.
	Statement(ctx context.Context, id AccountID, m Month) (*Statement, error)
	// StatementAccounts lists, by code, the accounts with movement or a balance in m.
	StatementAccounts(ctx context.Context, m Month) ([]AccountID, error)
}

// StatementPrinter prints statements as PDF (store/pdf behind it; cmd/kontor
// wires it into the app, kontorctl uses it directly).
type StatementPrinter interface {
	// PrintStatement writes one account's statement for month m as a PDF to w,
	// in lang ("pl" or "en").
	PrintStatement(ctx context.Context, id AccountID, m Month, lang string, w io.Writer) error
	// PrintBatch writes the statement of every account with movement or a
	// balance in m: StatementFiles into the folder out, one file per account
	// named "<code>_<YYYY-MM>.pdf"; StatementCombined as the single file out
	// (split into out-1.pdf, out-2.pdf … past a thousand statements).
	// Each file appears whole or not at all. The work is spread over the
	// cores; progress is called from worker goroutines (a UI must hop to its
	// own goroutine). Cancelling ctx stops it between accounts and reports
	// Cancelled. The error is for a batch that cannot start (out not writable).
	PrintBatch(ctx context.Context, m Month, format StatementFormat, out, lang string, progress func(BatchProgress)) (BatchResult, error)
}
