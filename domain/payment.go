package domain

import (
	"context"
	"strings"
	"time"
)

// PaymentID identifies a payment.
type PaymentID int64

// PaymentFields are what a user records (or a bank export's row gives).
type PaymentFields struct {
	AccountID   AccountID
	AccountCode string // account_code
	Date        Date   // date
	Amount      Amount // amount: more than 0
	Reference   string // reference: the transfer's title; an invoice or order number in it settles that invoice first
	// Invoice is the invoice the payment pays, when the user picked one (0: none).
	Invoice InvoiceID
}

// Payment field names (the payments CSV columns).
const (
	FieldAmount    = "amount"
	FieldReference = "reference"
	FieldInvoice   = "invoice"
)

// PaymentFieldOrder is the order of the fields in forms and errors.
var PaymentFieldOrder = []string{FieldAccountCode, FieldDate, FieldAmount, FieldReference, FieldInvoice}

// MaxPayment bounds one payment: a typo of ten extra digits is not a payment.
const MaxPayment Amount = 100_000_000_000 // 1,000,000,000.00

// Validate checks every rule that needs no database.
func (p *PaymentFields) Validate() error {
	var fe fieldErrors
	if p.AccountID == 0 && strings.TrimSpace(p.AccountCode) == "" {
		fe.add(FieldAccountCode, "field.required", "required", nil)
	}
	if p.Date.IsZero() {
		fe.add(FieldDate, "field.required", "required", nil)
	}
	switch {
	case p.Amount <= 0:
		fe.add(FieldAmount, "payment.amount_positive", "a payment must be more than 0", nil)
	case p.Amount > MaxPayment:
		fe.add(FieldAmount, "payment.amount_too_large", "{{.Value}} is too large for one payment", map[string]any{"Value": p.Amount})
	}
	p.Reference = strings.TrimSpace(p.Reference)
	fe.freeText(FieldReference, p.Reference, 200)
	return fe.err("payment.invalid", "the payment is not valid")
}

// Payment is a recorded payment.
type Payment struct {
	ID PaymentID
	PaymentFields
	InvoiceNumber string // the number of Invoice, when set
	AccountName   string
	CreatedAt     time.Time
}

// PaymentFilter narrows FindPayments. Zero fields do not filter.
type PaymentFilter struct {
	Account  AccountID
	From, To Date
	Offset   int
	Limit    int // 0: all
}

// PaymentService records payments. Recording or deleting one re-allocates the
// account's payments (Allocate), so paid and open amounts are always current.
type PaymentService interface {
	RecordPayment(ctx context.Context, p PaymentFields) (*Payment, error)
	FindPaymentByID(ctx context.Context, id PaymentID) (*Payment, error)
	// FindPayments lists payments newest first with the total matching.
	FindPayments(ctx context.Context, f PaymentFilter) ([]Payment, int, error)
	// DeletePayment removes a payment recorded in error; RestorePayment puts it
	// back (the app's Undo).
	DeletePayment(ctx context.Context, id PaymentID) (*Payment, error)
	RestorePayment(ctx context.Context, p *Payment) (*Payment, error)
}
