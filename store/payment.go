package store

import (
	"context"
	"database/sql"
	"strings"

	"kontor/domain"
)

// PaymentService implements domain.PaymentService. Every change reallocates
// the account in its transaction, so stored open and unapplied amounts are
// always those of everything recorded.
type PaymentService struct{ db *DB }

// NewPaymentService returns the payment service over db.
func NewPaymentService(db *DB) *PaymentService { return &PaymentService{db: db} }

var _ domain.PaymentService = (*PaymentService)(nil)

const paymentColumns = `p.id, p.account_id, a.code, a.name, p.paid_on, p.amount_minor, p.reference, coalesce(p.invoice_id, 0),
	coalesce(i.number, ''), p.created_at`

const paymentFrom = ` FROM payments p JOIN accounts a ON a.id = p.account_id LEFT JOIN invoices i ON i.id = p.invoice_id `

func scanPayment(sc interface{ Scan(...any) error }) (domain.Payment, error) {
	var p domain.Payment
	err := sc.Scan(&p.ID, &p.AccountID, &p.AccountCode, &p.AccountName, onDate(&p.Date), &p.Amount, &p.Reference, &p.Invoice,
		&p.InvoiceNumber, atTime(&p.CreatedAt))
	return p, err
}

func paymentNotFound() error {
	return domain.Errorf(domain.ENotFound, "payment.not_found", "the payment does not exist (it may have been deleted)", nil)
}

func findPayment(ctx context.Context, q queryer, id domain.PaymentID) (*domain.Payment, error) {
	p, err := scanPayment(q.QueryRowContext(ctx, `SELECT `+paymentColumns+paymentFrom+`WHERE p.id = ?`, int64(id)))
	if err == sql.ErrNoRows {
		return nil, paymentNotFound()
	}
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// RecordPayment stores a payment and reallocates its account.
func (s *PaymentService) RecordPayment(ctx context.Context, f domain.PaymentFields) (*domain.Payment, error) {
	var out *domain.Payment
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		id, err := insertPayment(ctx, tx, &f, s.db.now())
		if err != nil {
			return err
		}
		if err := reallocate(ctx, tx, f.AccountID); err != nil {
			return err
		}
		out, err = findPayment(ctx, tx, id)
		return err
	})
	return out, err
}

// FindPaymentByID returns one payment.
func (s *PaymentService) FindPaymentByID(ctx context.Context, id domain.PaymentID) (*domain.Payment, error) {
	var out *domain.Payment
	err := s.db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = findPayment(ctx, tx, id)
		return err
	})
	return out, wrap("find payment", err)
}

// FindPayments lists payments newest first with the number matching.
func (s *PaymentService) FindPayments(ctx context.Context, f domain.PaymentFilter) ([]domain.Payment, int, error) {
	var where []string
	var args []any
	if f.Account != 0 {
		where, args = append(where, `p.account_id = ?`), append(args, int64(f.Account))
	}
	if !f.From.IsZero() {
		where, args = append(where, `p.paid_on >= ?`), append(args, f.From.String())
	}
	if !f.To.IsZero() {
		where, args = append(where, `p.paid_on <= ?`), append(args, f.To.String())
	}
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, ` AND `)
	}
	var out []domain.Payment
	var total int
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM payments p`+cond, args...).Scan(&total); err != nil {
			return err
		}
		return EachRow(ctx, tx, `SELECT `+paymentColumns+paymentFrom+cond+` ORDER BY p.paid_on DESC, p.id DESC`+
			pageClause(f.Offset, f.Limit), func(rows *sql.Rows) error {
			p, err := scanPayment(rows)
			out = append(out, p)
			return err
		}, args...)
	})
	return out, total, wrap("find payments", err)
}

// DeletePayment removes a payment recorded in error and reallocates its
// account; the payment returned can be given to RestorePayment (Undo).
func (s *PaymentService) DeletePayment(ctx context.Context, id domain.PaymentID) (*domain.Payment, error) {
	var out *domain.Payment
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		p, err := findPayment(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM payments WHERE id = ?`, int64(id)); err != nil {
			return err
		}
		out = p
		return reallocate(ctx, tx, p.AccountID)
	})
	return out, err
}

// RestorePayment puts a deleted payment back with its ID and creation time
// (a new ID if that one has been taken since) and reallocates its account.
func (s *PaymentService) RestorePayment(ctx context.Context, p *domain.Payment) (*domain.Payment, error) {
	var out *domain.Payment
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		f := p.PaymentFields
		id := p.ID
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM payments WHERE id = ?`, int64(id)).Scan(&taken); err != nil {
			return err
		}
		created := p.CreatedAt
		if taken > 0 || created.IsZero() {
			id, created = 0, s.db.now()
		}
		id, err := insertPaymentAs(ctx, tx, &f, id, created)
		if err != nil {
			return err
		}
		if err := reallocate(ctx, tx, f.AccountID); err != nil {
			return err
		}
		out, err = findPayment(ctx, tx, id)
		return err
	})
	return out, err
}
