package store

import (
	"context"
	"database/sql"

	"kontor/domain"
)

// The bare side of the benchmark: the statements the store runs for a search,
// an account view and a list page, with the same arguments, through plain
// database/sql on a connection of its own — no transaction helper, no error
// mapping, no row structs. Only the statement text and its arguments come
// from the store, so Value/Bare in a Figure is the store's own overhead.

// bareQuerier is *sql.DB or *sql.Tx.
type bareQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// bareTx runs fn in a read transaction where the store runs one, so both sides
// pay for the same transactions.
func bareTx(ctx context.Context, db *sql.DB, fn func(q *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// drain reads every row of a query into throwaway values.
func drain(ctx context.Context, q bareQuerier, query string, args ...any) (int, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

func bareView(ctx context.Context, q *sql.DB, id int64) error {
	if err := bareOrderList(ctx, q, openOrders(id)); err != nil {
		return err
	}
	if _, err := drain(ctx, q, `SELECT `+accountColumns+accountFrom+`WHERE a.id = ?`, id); err != nil {
		return err
	}
	if _, err := drain(ctx, q, `SELECT `+contactColumns+` FROM contacts WHERE account_id = ? ORDER BY name_key, id`, id); err != nil {
		return err
	}
	if err := bareTimeline(ctx, q, domain.TimelineQuery{Account: domain.AccountID(id), Limit: domain.DefaultTimelinePage}); err != nil {
		return err
	}
	where, args := accountWhere(domain.AccountFilter{ParentID: domain.AccountID(id), IncludeArchived: true})
	return bareTx(ctx, q, func(tx *sql.Tx) error {
		if _, err := drain(ctx, tx, `SELECT count(*) FROM accounts a`+where, args...); err != nil {
			return err
		}
		_, err := drain(ctx, tx, `SELECT `+accountColumns+accountFrom+where+` ORDER BY a.name_key, a.id`, args...)
		return err
	})
}

func bareListPage(ctx context.Context, q *sql.DB, offset, limit int) error {
	where, args := accountWhere(domain.AccountFilter{})
	return bareTx(ctx, q, func(tx *sql.Tx) error {
		if _, err := drain(ctx, tx, `SELECT count(*) FROM accounts a`+where, args...); err != nil {
			return err
		}
		_, err := drain(ctx, tx, `SELECT `+rowColumns+` FROM accounts a`+where+` ORDER BY a.name_key, a.id`+pageClause(offset, limit), args...)
		return err
	})
}

// bareSearch runs what SearchAccounts runs for text: for accounts, then for
// contacts when fewer than limit accounts matched, the first-matches statement
// and, where ranks tie, the exact one.
func bareSearch(ctx context.Context, q *sql.DB, text string, limit int) error {
	tokens := searchTokens(text)
	if len(tokens) == 0 {
		return nil
	}
	match := ftsQuery(tokens)
	return bareTx(ctx, q, func(tx *sql.Tx) error {
		n, err := bareSearchKind(ctx, tx, AccountSearchSQL, match, limit)
		if err != nil || n >= limit {
			return err
		}
		_, err = bareSearchKind(ctx, tx, ContactSearchSQL, match, limit-n)
		return err
	})
}

func bareSearchKind(ctx context.Context, q bareQuerier, stmt searchStmt, match string, limit int) (int, error) {
	rows, err := q.QueryContext(ctx, stmt.First, match, false, limit+1)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var rowids []int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, err
		}
		rowid, _ := vals[len(vals)-1].(int64)
		rowids = append(rowids, rowid)
	}
	if err := rows.Err(); err != nil || !ranksTie(rowids) {
		return min(len(rowids), limit), err
	}
	return drain(ctx, q, stmt.Exact, match, false, limit)
}
