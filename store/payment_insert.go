package store

import (
	"context"
	"database/sql"
	"time"

	"kontor/domain"
)

// insertPayment validates and stores a payment, resolving its account by ID
// or code (an unknown one is a field error on account_code) and checking that
// the invoice it names, if any, is an invoice of that account. The payment
// starts wholly unapplied: the caller reallocates the account (once, after an
// import's many payments). f is completed with the account's ID and code.
func insertPayment(ctx context.Context, tx *sql.Tx, f *domain.PaymentFields, now time.Time) (domain.PaymentID, error) {
	return insertPaymentAs(ctx, tx, f, 0, now)
}

// insertPaymentAs is insertPayment with the payment's ID given (0: a new one):
// a payment restored after a delete keeps its ID and creation time.
func insertPaymentAs(ctx context.Context, tx *sql.Tx, f *domain.PaymentFields, id domain.PaymentID, created time.Time) (domain.PaymentID, error) {
	var fields []domain.FieldError
	if f.AccountID != 0 || f.AccountCode != "" {
		acct, fe, err := resolveAccount(ctx, tx, f.AccountID, f.AccountCode)
		if err != nil {
			return 0, err
		}
		if fe != nil {
			fields = append(fields, *fe)
		} else {
			f.AccountID, f.AccountCode = acct.id, acct.code
			if fe, err := checkPaymentInvoice(ctx, tx, f.AccountID, f.Invoice); err != nil {
				return 0, err
			} else if fe != nil {
				fields = append(fields, *fe)
			}
		}
	}
	if err := invalid("payment.invalid", "the payment is not valid", f.Validate(), fields); err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, insertSQL("payments", "id, "+paymentInsertColumns, 1),
		append([]any{nullID(int64(id))}, paymentValues(f, f.Amount, created)...)...)
	if err != nil {
		return 0, err
	}
	n, err := res.LastInsertId()
	return domain.PaymentID(n), err
}

// paymentInsertColumns are the columns paymentValues fills.
const paymentInsertColumns = `account_id, paid_on, amount_minor, reference, invoice_id, unapplied_minor, created_at`

// paymentValues are a payment's values with what of it is unapplied.
func paymentValues(f *domain.PaymentFields, unapplied domain.Amount, created time.Time) []any {
	return []any{int64(f.AccountID), f.Date.String(), int64(f.Amount), f.Reference, nullID(int64(f.Invoice)), int64(unapplied),
		moment(created)}
}

// checkPaymentInvoice reports an invoice that does not exist, is not the
// account's, or is a credit note (nothing to pay).
func checkPaymentInvoice(ctx context.Context, q queryer, account domain.AccountID, inv domain.InvoiceID) (*domain.FieldError, error) {
	if inv == 0 {
		return nil, nil
	}
	var owner int64
	var kind string
	err := q.QueryRowContext(ctx, `SELECT account_id, kind FROM invoices WHERE id = ?`, int64(inv)).Scan(&owner, &kind)
	switch {
	case err == sql.ErrNoRows:
		return &domain.FieldError{Field: domain.FieldInvoice, Key: "payment.invoice_unknown", Msg: "the invoice does not exist"}, nil
	case err != nil:
		return nil, err
	case owner != int64(account):
		return &domain.FieldError{Field: domain.FieldInvoice, Key: "payment.invoice_other_account",
			Msg: "the invoice is not one of the account's"}, nil
	case kind != string(domain.KindInvoice):
		return &domain.FieldError{Field: domain.FieldInvoice, Key: "payment.invoice_is_credit",
			Msg: "a credit note is not paid: choose an invoice"}, nil
	}
	return nil, nil
}
