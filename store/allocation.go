package store

import (
	"context"
	"database/sql"
	"time"

	"kontor/domain"
)

// storedLedger is an account's ledger with the open and unapplied amounts the
// last allocation stored, so reallocate writes only what changed.
type storedLedger struct {
	domain.Ledger
	open      map[domain.InvoiceID]domain.Amount
	unapplied map[domain.PaymentID]domain.Amount
}

// readLedger reads an account's invoices, credit notes and payments dated up
// to upTo (zero: all).
func readLedger(ctx context.Context, q queryer, account domain.AccountID, upTo domain.Date) (*storedLedger, error) {
	last := "9999-12-31"
	if !upTo.IsZero() {
		last = upTo.String()
	}
	l := &storedLedger{open: map[domain.InvoiceID]domain.Amount{}, unapplied: map[domain.PaymentID]domain.Amount{}}
	rows, err := q.QueryContext(ctx, `SELECT i.id, i.kind, i.number, coalesce(o.number, ''), coalesce(i.corrects_id, 0),
		i.issued_on, i.due_on, i.gross_minor, i.open_minor
		FROM invoices i INDEXED BY invoices_by_account LEFT JOIN orders o ON o.id = i.order_id
		WHERE i.account_id = ? AND i.issued_on <= ?`, int64(account), last)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var inv domain.LedgerInvoice
		var issued, due string
		var open domain.Amount
		if err := rows.Scan(&inv.ID, &inv.Kind, &inv.Number, &inv.OrderNumber, &inv.Corrects, &issued, &due, &inv.Gross, &open); err != nil {
			return nil, err
		}
		inv.Date, inv.Due = storedDate(issued), storedDate(due)
		l.Invoices = append(l.Invoices, inv)
		l.open[inv.ID] = open
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT id, paid_on, amount_minor, reference, coalesce(invoice_id, 0), unapplied_minor
		FROM payments INDEXED BY payments_by_account WHERE account_id = ? AND paid_on <= ?`, int64(account), last)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p domain.LedgerPayment
		var paid string
		var unapplied domain.Amount
		if err := rows.Scan(&p.ID, &paid, &p.Amount, &p.Reference, &p.Invoice, &unapplied); err != nil {
			return nil, err
		}
		p.Date = storedDate(paid)
		l.Payments = append(l.Payments, p)
		l.unapplied[p.ID] = unapplied
	}
	return l, rows.Err()
}

// reallocate allocates everything recorded for the account (domain.Allocate
// as of no particular day) and stores the result: each invoice's open amount,
// each credit note's unapplied part (as a negative open amount), each
// payment's unapplied amount, and the settlements. It runs in the transaction
// that changed the ledger, so stored amounts are never stale.
func reallocate(ctx context.Context, tx *sql.Tx, account domain.AccountID) error {
	l, err := readLedger(ctx, tx, account, domain.Date{})
	if err != nil {
		return err
	}
	a := domain.Allocate(l.Ledger, domain.Date{})
	// A credit note is absent from a.Open: what is left of it is the credit it
	// still gives, so its settlements are summed to find that.
	noteUsed := map[domain.InvoiceID]domain.Amount{}
	for _, s := range a.Settlements {
		if s.CreditNote != 0 {
			noteUsed[s.CreditNote] += s.Amount
		}
	}
	setOpen, err := tx.PrepareContext(ctx, `UPDATE invoices SET open_minor = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer setOpen.Close()
	for _, inv := range l.Invoices {
		open := a.Open[inv.ID]
		if inv.Kind == domain.KindCreditNote {
			open = inv.Gross + noteUsed[inv.ID]
		}
		if open != l.open[inv.ID] {
			if _, err := setOpen.ExecContext(ctx, int64(open), int64(inv.ID)); err != nil {
				return err
			}
		}
	}
	setUnapplied, err := tx.PrepareContext(ctx, `UPDATE payments SET unapplied_minor = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer setUnapplied.Close()
	for _, p := range l.Payments {
		if u := a.Unapplied[p.ID]; u != l.unapplied[p.ID] {
			if _, err := setUnapplied.ExecContext(ctx, int64(u), int64(p.ID)); err != nil {
				return err
			}
		}
	}
	return writeSettlements(ctx, tx, account, a.Settlements)
}

// writeSettlements replaces the account's settlements.
func writeSettlements(ctx context.Context, tx *sql.Tx, account domain.AccountID, ss []domain.Settlement) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM settlements WHERE account_id = ?`, int64(account)); err != nil {
		return err
	}
	if len(ss) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO settlements (account_id, invoice_id, payment_id, credit_note_id, amount_minor)
		VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, s := range ss {
		if _, err := st.ExecContext(ctx, int64(account), int64(s.Invoice), nullID(int64(s.Payment)), nullID(int64(s.CreditNote)),
			int64(s.Amount)); err != nil {
			return err
		}
	}
	return nil
}

// storedDate reads a *_on column. The store writes them as YYYY-MM-DD, which
// is read here without domain.ParseDate's leniency (and its cost: ledgers,
// lists and the receivables screen read tens of thousands of dates).
func storedDate(s string) domain.Date {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		n := func(p string) int {
			v := 0
			for i := 0; i < len(p); i++ {
				if p[i] < '0' || p[i] > '9' {
					return -1
				}
				v = v*10 + int(p[i]-'0')
			}
			return v
		}
		y, m, d := n(s[:4]), n(s[5:7]), n(s[8:])
		if y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			return domain.Date{Year: y, Month: time.Month(m), Day: d}
		}
	}
	out, _ := domain.ParseDate(s)
	return out
}
