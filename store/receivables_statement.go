package store

import (
	"context"
	"database/sql"

	"kontor/domain"
)

// Statement computes the account's statement of account for month m from its
// ledger up to the statement date (domain.BuildStatementOn: the month's last
// day, or today while the month runs), on one snapshot.
func (s *ReceivablesService) Statement(ctx context.Context, id domain.AccountID, m domain.Month) (*domain.Statement, error) {
	var out *domain.Statement
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = statement(ctx, tx, id, m, domain.DateOf(s.db.now()))
		return err
	})
	return out, wrap("statement", err)
}

// statement is Statement inside a read transaction (a batch reads many on one).
func statement(ctx context.Context, q queryer, id domain.AccountID, m domain.Month, today domain.Date) (*domain.Statement, error) {
	if m.IsZero() {
		return nil, domain.Errorf(domain.EInvalid, "month.required", "choose a month", nil)
	}
	a, err := findAccount(ctx, q, `a.id = ?`, int64(id))
	if err != nil {
		return nil, err
	}
	l, err := readLedger(ctx, q, id, domain.StatementDate(m, today))
	if err != nil {
		return nil, err
	}
	return domain.BuildStatementOn(a, m, l.Ledger, today), nil
}

// statementAccountsSQL finds the accounts with movement in a month (?1 its
// first day, ?2 its last) or a balance at its end, from the covering indexes
// by account: invoices (account_id, issued_on, gross_minor) and payments
// (account_id, paid_on, amount_minor).
const statementAccountsSQL = `SELECT a.id FROM (
		SELECT account_id, sum(gross_minor) AS bal, max(issued_on >= ?1) AS moved
		FROM invoices INDEXED BY invoices_by_account WHERE issued_on <= ?2 GROUP BY account_id
		UNION ALL
		SELECT account_id, -sum(amount_minor), max(paid_on >= ?1)
		FROM payments INDEXED BY payments_by_account WHERE paid_on <= ?2 GROUP BY account_id) x
	JOIN accounts a ON a.id = x.account_id
	GROUP BY x.account_id HAVING sum(x.bal) <> 0 OR max(x.moved) = 1
	ORDER BY a.code`

// StatementAccounts lists by code the accounts whose statement for m has a
// line or a balance (domain.Statement.HasMovement: with no line in the month
// the opening equals the closing, so a closing balance is enough to test).
func (s *ReceivablesService) StatementAccounts(ctx context.Context, m domain.Month) ([]domain.AccountID, error) {
	if m.IsZero() {
		return nil, domain.Errorf(domain.EInvalid, "month.required", "choose a month", nil)
	}
	var out []domain.AccountID
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		return EachRow(ctx, tx, statementAccountsSQL, func(rows *sql.Rows) error {
			var id domain.AccountID
			err := rows.Scan(&id)
			out = append(out, id)
			return err
		}, m.First().String(), m.Last().String())
	})
	return out, wrap("statement accounts", err)
}
