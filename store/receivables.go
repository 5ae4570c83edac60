package store

import (
	"context"
	"database/sql"
	"sort"

	"kontor/domain"
)

// ReceivablesService implements domain.ReceivablesService: balances and aging
// from the open and unapplied amounts the allocation keeps stored, statements
// from the ledger.
type ReceivablesService struct{ db *DB }

// NewReceivablesService returns the receivables service over db.
func NewReceivablesService(db *DB) *ReceivablesService { return &ReceivablesService{db: db} }

var _ domain.ReceivablesService = (*ReceivablesService)(nil)

// today is the db clock's date: what AsOf means when zero.
func (s *ReceivablesService) today(asOf domain.Date) domain.Date {
	if asOf.IsZero() {
		return domain.DateOf(s.db.now())
	}
	return asOf
}

// The receivables list reads only the partial indexes over what is open, so
// a database of mostly paid invoices answers quickly: the accounts with
// something open or credit (filtered by ?1 an owner, ?2 a group, zero for
// any); the open amounts of invoices (and credit notes, negative) per account
// and due date, grouped in the index's order with no sort; and each account's
// unapplied payments. Bucketing by due date (domain.Aging.AddOpen) is done
// while reading.
const (
	receivablesAccountsSQL = `SELECT a.id, a.code, a.name, a.owner, a.customer_group, a.credit_limit_minor
	FROM (SELECT DISTINCT account_id FROM invoices INDEXED BY invoices_open WHERE open_minor <> 0
		UNION ALL
		SELECT DISTINCT account_id FROM payments p INDEXED BY payments_unapplied WHERE unapplied_minor <> 0
			AND NOT EXISTS (SELECT 1 FROM invoices INDEXED BY invoices_open WHERE account_id = p.account_id AND open_minor <> 0)) x
	JOIN accounts a ON a.id = x.account_id
	WHERE (?1 = '' OR a.owner = ?1) AND (?2 = 0 OR a.customer_group = (SELECT name FROM customer_groups WHERE id = ?2))`
	receivablesOpenSQL = `SELECT account_id, due_on, sum(CASE WHEN kind = 'invoice' THEN open_minor ELSE 0 END),
		sum(CASE WHEN kind = 'credit' THEN open_minor ELSE 0 END)
	FROM invoices INDEXED BY invoices_open WHERE open_minor <> 0 GROUP BY account_id, due_on ORDER BY account_id, due_on`
	receivablesCreditSQL = `SELECT account_id, sum(unapplied_minor) FROM payments INDEXED BY payments_unapplied
	WHERE unapplied_minor <> 0 GROUP BY account_id`
)

// FindReceivables lists every account with an open invoice or credit on
// account as of f.AsOf, most overdue first: the oldest open due date first
// (the longest unpaid), then the larger overdue amount, then by code; accounts
// with credit only come last. The totals are the list's.
func (s *ReceivablesService) FindReceivables(ctx context.Context, f domain.ReceivablesFilter) ([]domain.ReceivableRow, domain.Aging, error) {
	on := s.today(f.AsOf)
	byAccount := map[domain.AccountID]int{}
	var out []domain.ReceivableRow
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		query, args := receivablesAccountsSQL, []any{f.Owner, int64(f.Group)}
		if f.KSeF != "" {
			var err error
			if query, args, err = receivablesKSeFSQL(ctx, tx, f); err != nil {
				return err
			}
		}
		err := EachRow(ctx, tx, query, func(rows *sql.Rows) error {
			var r domain.ReceivableRow
			if err := rows.Scan(&r.AccountID, &r.Code, &r.Name, &r.Owner, &r.Group, &r.CreditLimit); err != nil {
				return err
			}
			byAccount[r.AccountID] = len(out)
			out = append(out, r)
			return nil
		}, args...)
		if err != nil {
			return err
		}
		err = EachRow(ctx, tx, receivablesOpenSQL, func(rows *sql.Rows) error {
			var id domain.AccountID
			var due domain.Date
			var open, credit domain.Amount
			if err := rows.Scan(&id, onDate(&due), &open, &credit); err != nil {
				return err
			}
			k, ok := byAccount[id]
			if !ok {
				return nil // filtered out
			}
			r := &out[k]
			r.Aging.Credit -= credit
			if open == 0 {
				return nil
			}
			r.Aging.AddOpen(open, due, on)
			if r.OldestDue.IsZero() { // rows come by due date within an account
				r.OldestDue = due
			}
			return nil
		})
		if err != nil {
			return err
		}
		return EachRow(ctx, tx, receivablesCreditSQL, func(rows *sql.Rows) error {
			var id domain.AccountID
			var credit domain.Amount
			if err := rows.Scan(&id, &credit); err != nil {
				return err
			}
			if k, ok := byAccount[id]; ok {
				out[k].Aging.Credit += credit
			}
			return nil
		})
	})
	var total domain.Aging
	for i := range out {
		var ok bool
		if total, ok = total.Plus(out[i].Aging); !ok && err == nil {
			err = domain.ErrTotalTooLarge()
		}
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := &out[i], &out[j]
		if x.OldestDue != y.OldestDue {
			switch {
			case x.OldestDue.IsZero() || y.OldestDue.IsZero():
				return y.OldestDue.IsZero()
			case x.OldestDue.Year != y.OldestDue.Year:
				return x.OldestDue.Year < y.OldestDue.Year
			case x.OldestDue.Month != y.OldestDue.Month:
				return x.OldestDue.Month < y.OldestDue.Month
			default:
				return x.OldestDue.Day < y.OldestDue.Day
			}
		}
		if x.Aging.Overdue() != y.Aging.Overdue() {
			return x.Aging.Overdue() > y.Aging.Overdue()
		}
		return x.Code < y.Code
	})
	return out, total, wrap("find receivables", err)
}

// AccountReceivables returns what the account view shows of the account's
// money: every invoice with paid and open amounts, every payment with what is
// unapplied of it, the settlements, and the aging as of asOf (zero: today)
// from the stored open amounts.
func (s *ReceivablesService) AccountReceivables(ctx context.Context, id domain.AccountID, asOf domain.Date) (*domain.AccountReceivables, error) {
	on := s.today(asOf)
	out := &domain.AccountReceivables{AsOf: on, Unapplied: map[domain.PaymentID]domain.Amount{}}
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT credit_limit_minor,
			(SELECT coalesce(sum(gross_minor), 0) FROM orders INDEXED BY orders_by_account WHERE account_id = ?1 AND status = 'confirmed')
			FROM accounts WHERE id = ?1`, int64(id)).Scan(&out.CreditLimit, &out.Undelivered)
		if err == sql.ErrNoRows {
			return domain.Errorf(domain.ENotFound, "account.not_found", "no such account: {{.Key}}", map[string]any{"Key": int64(id)})
		}
		if err != nil {
			return err
		}
		if err := EachRow(ctx, tx, `SELECT `+invoiceRowColumns+invoiceRowFrom+`WHERE i.account_id = ?
			ORDER BY i.issued_on DESC, i.id DESC`, func(rows *sql.Rows) error {
			r, err := scanInvoiceRow(rows)
			if err != nil {
				return err
			}
			switch {
			case r.Kind == domain.KindCreditNote:
				out.Aging.Credit -= r.Open
			case r.Open != 0:
				out.Aging.AddOpen(r.Open, r.Due, on)
			}
			out.Invoices = append(out.Invoices, r)
			return nil
		}, int64(id)); err != nil {
			return err
		}
		if err := EachRow(ctx, tx, `SELECT `+paymentColumns+`, p.unapplied_minor`+paymentFrom+`WHERE p.account_id = ?
			ORDER BY p.paid_on DESC, p.id DESC`, func(rows *sql.Rows) error {
			var unapplied domain.Amount
			p, err := scanPayment(scanExtra{rows, &unapplied})
			if err != nil {
				return err
			}
			out.Payments = append(out.Payments, p)
			out.Unapplied[p.ID] = unapplied
			out.Aging.Credit += unapplied
			return nil
		}, int64(id)); err != nil {
			return err
		}
		return EachRow(ctx, tx, `SELECT invoice_id, coalesce(payment_id, 0), coalesce(credit_note_id, 0), amount_minor
			FROM settlements WHERE account_id = ? ORDER BY rowid`, func(rows *sql.Rows) error {
			var st domain.Settlement
			err := rows.Scan(&st.Invoice, &st.Payment, &st.CreditNote, &st.Amount)
			out.Settlements = append(out.Settlements, st)
			return err
		}, int64(id))
	})
	if err != nil {
		return nil, wrap("account receivables", err)
	}
	return out, nil
}

// scanExtra scans a row whose last columns follow what a shared scan function reads.
type scanExtra struct {
	rows  *sql.Rows
	extra any
}

func (s scanExtra) Scan(dest ...any) error { return s.rows.Scan(append(dest, s.extra)...) }

// CheckCredit returns the account's exposure if the order were confirmed
// today, as SetOrderStatus computes it.
func (s *ReceivablesService) CheckCredit(ctx context.Context, order domain.OrderID) (*domain.CreditCheck, error) {
	var out *domain.CreditCheck
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		o, err := findOrder(ctx, tx, `o.id = ?`, int64(order))
		if err != nil {
			return err
		}
		out, err = creditCheck(ctx, tx, o.AccountID, o.ID, o.Totals().Gross, domain.DateOf(s.db.now()))
		return err
	})
	return out, wrap("check credit", err)
}
