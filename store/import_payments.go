package store

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"kontor/domain"
	"kontor/store/xfer"
)

// ImportPayments records the payments of a bank export, all or nothing, and
// then re-allocates each account it touched once: referenced invoices first,
// the rest oldest first (domain.Allocate).
//
// A bank export has no key, and exports of overlapping periods repeat rows. A
// row equal to a stored payment (same account, date, amount and reference) is
// therefore taken as that payment and counted Unchanged, not recorded again:
// importing the same file twice records its payments once. Repeats are
// counted, so a customer who really paid the same amount with the same title
// twice on a day has two rows, and both are recorded (once).
//
// On failure the error is xfer.Errors and nothing is written.
func (t *Transfer) ImportPayments(ctx context.Context, f *xfer.PaymentFile) (ImportSummary, error) {
	return importPlanned(ctx, t, xfer.PaymentSchema, f.Errs, func(tx *sql.Tx) (*paymentPlan, error) {
		return checkPayments(ctx, tx, f)
	})
}

// paymentKey is what makes two payments the same transfer.
type paymentKey struct {
	account   int64
	date      string
	amount    int64
	reference string
}

type paymentPlan struct {
	file   *xfer.PaymentFile
	new    []domain.PaymentFields // to record, in file order
	repeat int                    // rows already recorded
	errs   xfer.Errors
}

func (p *paymentPlan) problems() xfer.Errors { return p.errs }

func checkPayments(ctx context.Context, tx *sql.Tx, f *xfer.PaymentFile) (*paymentPlan, error) {
	p := &paymentPlan{file: f}
	accounts, err := storedCodes(ctx, tx)
	if err != nil {
		return nil, err
	}
	bad := map[int]bool{}
	for _, e := range f.Errs {
		bad[e.Line] = true
	}
	var first, last domain.Date
	keys := make([]paymentKey, len(f.Records))
	for i := range f.Records {
		rec := &f.Records[i]
		id, ok := accounts[domain.CodeKey(rec.Fields.AccountCode)]
		if !ok && rec.Fields.AccountCode != "" {
			p.errs = append(p.errs, rowErr(f.File, rec.Line, domain.FieldError{Field: domain.FieldAccountCode,
				Key: "account.unknown", Msg: "there is no account with code {{.Value}}", Args: map[string]any{"Value": rec.Fields.AccountCode}}))
		}
		if !ok || bad[rec.Line] {
			continue
		}
		keys[i] = paymentKey{id, rec.Fields.Date.String(), int64(rec.Fields.Amount), rec.Fields.Reference}
		if first.IsZero() || rec.Fields.Date.Before(first) {
			first = rec.Fields.Date
		}
		if last.IsZero() || last.Before(rec.Fields.Date) {
			last = rec.Fields.Date
		}
	}
	if len(p.errs) > 0 || first.IsZero() {
		return p, nil
	}
	stored, err := storedPayments(ctx, tx, first, last)
	if err != nil {
		return nil, err
	}
	for i := range f.Records {
		k := keys[i]
		if stored[k] > 0 {
			stored[k]-- // this row is that stored payment
			p.repeat++
			continue
		}
		fields := f.Records[i].Fields
		fields.AccountID = domain.AccountID(k.account)
		p.new = append(p.new, fields)
	}
	return p, nil
}

// storedPayments counts the stored payments of each key dated first to last.
func storedPayments(ctx context.Context, tx *sql.Tx, first, last domain.Date) (map[paymentKey]int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT account_id, paid_on, amount_minor, reference FROM payments INDEXED BY payments_by_date
		WHERE paid_on BETWEEN ? AND ?`, first.String(), last.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[paymentKey]int{}
	for rows.Next() {
		var k paymentKey
		if err := rows.Scan(&k.account, &k.date, &k.amount, &k.reference); err != nil {
			return nil, err
		}
		out[k]++
	}
	return out, rows.Err()
}

// apply records the new payments and re-allocates each account they touch
// once, all together (reallocateAccounts reads their ledgers in a few statements).
func (p *paymentPlan) apply(b *Bulk, now time.Time) (ImportSummary, error) {
	ctx, tx := b.ctx, b.tx
	sum := ImportSummary{Unchanged: p.repeat}
	var touched []domain.AccountID
	for i := range p.new {
		if _, err := insertPayment(ctx, tx, &p.new[i], now); err != nil {
			return sum, err
		}
		touched = append(touched, p.new[i].AccountID)
		sum.Created++
	}
	slices.Sort(touched)
	return sum, reallocateAccounts(ctx, tx, slices.Compact(touched))
}
