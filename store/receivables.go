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

// receivablesSQL sums each account's open invoices into aging buckets by due
// date (the bounds are dates: ?1 the day, ?2–?4 30, 60 and 90 days before it;
// ?5 an owner, ?6 a group, zero for any)
// and its credit (unapplied credit notes and payments). It reads only the
// partial indexes over what is open, so a database of mostly paid invoices
// answers in a few milliseconds.
const receivablesSQL = `SELECT a.id, a.code, a.name, a.owner, a.customer_group, a.credit_limit_minor,
		x.cur, x.d30, x.d60, x.d90, x.over, x.credit, coalesce(x.oldest, '')
	FROM (SELECT account_id, sum(cur) AS cur, sum(d30) AS d30, sum(d60) AS d60, sum(d90) AS d90, sum(over) AS over,
			sum(credit) AS credit, min(oldest) AS oldest
		FROM (SELECT account_id,
				sum(CASE WHEN kind = 'invoice' AND due_on >= ?1 THEN open_minor ELSE 0 END) AS cur,
				sum(CASE WHEN kind = 'invoice' AND due_on < ?1 AND due_on >= ?2 THEN open_minor ELSE 0 END) AS d30,
				sum(CASE WHEN kind = 'invoice' AND due_on < ?2 AND due_on >= ?3 THEN open_minor ELSE 0 END) AS d60,
				sum(CASE WHEN kind = 'invoice' AND due_on < ?3 AND due_on >= ?4 THEN open_minor ELSE 0 END) AS d90,
				sum(CASE WHEN kind = 'invoice' AND due_on < ?4 THEN open_minor ELSE 0 END) AS over,
				sum(CASE WHEN kind = 'credit' THEN -open_minor ELSE 0 END) AS credit,
				min(CASE WHEN kind = 'invoice' THEN due_on END) AS oldest
			FROM invoices INDEXED BY invoices_open WHERE open_minor <> 0 GROUP BY account_id
			UNION ALL
			SELECT account_id, 0, 0, 0, 0, 0, sum(unapplied_minor), NULL
			FROM payments INDEXED BY payments_unapplied WHERE unapplied_minor <> 0 GROUP BY account_id)
		GROUP BY account_id) x
	JOIN accounts a ON a.id = x.account_id
	WHERE (?5 = '' OR a.owner = ?5) AND (?6 = 0 OR a.customer_group = (SELECT name FROM customer_groups WHERE id = ?6))`

func agingBounds(on domain.Date) []any {
	return []any{on.String(), on.AddDays(-30).String(), on.AddDays(-60).String(), on.AddDays(-90).String()}
}

// FindReceivables lists every account with an open invoice or credit on
// account as of f.AsOf, most overdue first: the oldest open due date first
// (the longest unpaid), then the larger overdue amount, then by code; accounts
// with credit only come last. The totals are the list's.
func (s *ReceivablesService) FindReceivables(ctx context.Context, f domain.ReceivablesFilter) ([]domain.ReceivableRow, domain.Aging, error) {
	on := s.today(f.AsOf)
	args := append(agingBounds(on), f.Owner, int64(f.Group))
	var out []domain.ReceivableRow
	var total domain.Aging
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		return collectArgs(ctx, tx, receivablesSQL, func(rows *sql.Rows) error {
			var r domain.ReceivableRow
			var oldest string
			g := &r.Aging
			if err := rows.Scan(&r.AccountID, &r.Code, &r.Name, &r.Owner, &r.Group, &r.CreditLimit,
				&g.Current, &g.D1_30, &g.D31_60, &g.D61_90, &g.Over90, &g.Credit, &oldest); err != nil {
				return err
			}
			r.OldestDue, _ = domain.ParseDate(oldest)
			total.Add(r.Aging)
			out = append(out, r)
			return nil
		}, args...)
	})
	sort.Slice(out, func(i, j int) bool {
		x, y := &out[i], &out[j]
		if x.OldestDue.IsZero() != y.OldestDue.IsZero() {
			return !x.OldestDue.IsZero()
		}
		if c := x.OldestDue.Compare(y.OldestDue); c != 0 {
			return c < 0
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
		if err := collectArgs(ctx, tx, `SELECT `+invoiceRowColumns+invoiceRowFrom+`WHERE i.account_id = ?
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
		if err := collectArgs(ctx, tx, `SELECT `+paymentColumns+`, p.unapplied_minor`+paymentFrom+`WHERE p.account_id = ?
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
		return collectArgs(ctx, tx, `SELECT invoice_id, coalesce(payment_id, 0), coalesce(credit_note_id, 0), amount_minor
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
