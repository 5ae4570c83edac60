package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"kontor/domain"
)

// Plain runs the statements the read services run, with the same text and
// arguments, through plain database/sql on a pool of its own: no transaction
// helper, no error mapping, no row structs, every row read into throwaway
// values. The performance suite (store/bench) times it beside the services,
// so that a service's time over Plain's is the store's own overhead. Each
// method names the service method it mirrors; where that one reads in a
// transaction, so does Plain.
type Plain struct {
	db        *sql.DB
	line, doc *sql.Stmt // the price statements, prepared on first use as the PriceService's are
}

// OpenPlain opens db's file for Plain reads, read only, with the readers'
// settings and one connection.
func (db *DB) OpenPlain() (*Plain, error) {
	p, err := sql.Open(driverName, dsn(db.path, 5*time.Second, true))
	if err != nil {
		return nil, err
	}
	p.SetMaxOpenConns(1)
	return &Plain{db: p}, nil
}

// DB is the plain pool, for a caller's own queries (the suite's samples).
func (p *Plain) DB() *sql.DB { return p.db }

// Close closes the pool.
func (p *Plain) Close() error { return p.db.Close() }

// inTx runs fn in a read transaction where the store runs one, so both sides
// pay for the same transactions.
func (p *Plain) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// drain reads every row of a query into throwaway values and returns how
// many there were.
func drain(ctx context.Context, q Querier, query string, args ...any) (int, error) {
	return drainRows(ctx, q, query, nil, args...)
}

// drainRows is drain calling row, when set, with each row's values.
func drainRows(ctx context.Context, q Querier, query string, row func(vals []any), args ...any) (int, error) {
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
		if row != nil {
			row(vals)
		}
		n++
	}
	return n, rows.Err()
}

// drainStmt is drain over a prepared statement.
type drainStmt struct{ st *sql.Stmt }

func (s drainStmt) QueryContext(ctx context.Context, _ string, args ...any) (*sql.Rows, error) {
	return s.st.QueryContext(ctx, args...)
}

// search runs a search statement as the services do: the first matches and,
// where their ranks tie, the exact statement (see ranksTie). It returns how
// many rows it read.
func (p *Plain) search(ctx context.Context, q Querier, stmt searchStmt, match string, flag any, limit int) (int, error) {
	var rowids []int64
	_, err := drainRows(ctx, q, stmt.First, func(vals []any) {
		rowid, _ := vals[len(vals)-1].(int64)
		rowids = append(rowids, rowid)
	}, match, flag, limit+1)
	if err != nil || !ranksTie(rowids) {
		return min(len(rowids), limit), err
	}
	return drain(ctx, q, stmt.Exact, match, flag, limit)
}

// SearchAccounts mirrors AccountService.SearchAccounts: accounts, then
// contacts when fewer than limit accounts matched.
func (p *Plain) SearchAccounts(ctx context.Context, text string, limit int) error {
	tokens := searchTokens(text)
	if len(tokens) == 0 {
		return nil
	}
	match := ftsQuery(tokens)
	return p.inTx(ctx, func(tx *sql.Tx) error {
		n, err := p.search(ctx, tx, AccountSearchSQL, match, false, limit)
		if err != nil || n >= limit {
			return err
		}
		_, err = p.search(ctx, tx, ContactSearchSQL, match, false, limit-n)
		return err
	})
}

// AccountView mirrors what the account view loads besides its money and
// orders: FindAccountByID, FindContacts, the first Timeline page and the
// branches (FindAccounts by ParentID).
func (p *Plain) AccountView(ctx context.Context, id domain.AccountID) error {
	if _, err := drain(ctx, p.db, `SELECT `+accountColumns+accountFrom+`WHERE a.id = ?`, int64(id)); err != nil {
		return err
	}
	if _, err := drain(ctx, p.db, `SELECT `+contactColumns+` FROM contacts WHERE account_id = ? ORDER BY name_key, id`, int64(id)); err != nil {
		return err
	}
	if err := p.Timeline(ctx, domain.TimelineQuery{Account: id, Limit: domain.DefaultTimelinePage}); err != nil {
		return err
	}
	where, args := accountWhere(domain.AccountFilter{ParentID: id, IncludeArchived: true})
	return p.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := drain(ctx, tx, `SELECT count(*) FROM accounts a`+where, args...); err != nil {
			return err
		}
		_, err := drain(ctx, tx, `SELECT `+accountColumns+accountFrom+where+` ORDER BY a.name_key, a.id`, args...)
		return err
	})
}

// ListAccountRows mirrors AccountService.ListAccountRows for one page of the
// active accounts.
func (p *Plain) ListAccountRows(ctx context.Context, offset, limit int) error {
	where, args := accountWhere(domain.AccountFilter{})
	return p.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := drain(ctx, tx, `SELECT count(*) FROM accounts a`+where, args...); err != nil {
			return err
		}
		_, err := drain(ctx, tx, `SELECT `+rowColumns+` FROM accounts a`+where+` ORDER BY a.name_key, a.id`+pageClause(offset, limit), args...)
		return err
	})
}

// SearchHistory mirrors ActivityService.SearchHistory.
func (p *Plain) SearchHistory(ctx context.Context, text string, limit int) error {
	return p.inTx(ctx, func(tx *sql.Tx) error {
		match, ok, err := historyQuery(ctx, tx, domain.FoldTokens(text))
		if err != nil || !ok {
			return err
		}
		_, err = drain(ctx, tx, HistorySearchSQL, match, limit)
		return err
	})
}

// Today mirrors the Today screen: ActivityService.TodayAgenda and GoingCold
// with the default limits.
func (p *Plain) Today(ctx context.Context, today domain.Date) error {
	err := p.inTx(ctx, func(tx *sql.Tx) error {
		for _, r := range [][2]string{{"0000-00-00", today.AddDays(-1).String()}, {today.String(), today.String()},
			{today.AddDays(1).String(), domain.AgendaEnd(today).String()}} {
			n, err := drain(ctx, tx, agendaSection, r[0], r[1], domain.DefaultAgendaLimit)
			if err != nil {
				return err
			}
			if n == domain.DefaultAgendaLimit {
				if _, err := drain(ctx, tx, agendaCount, r[0], r[1]); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	cutoff := dayStart(domain.ColdCutoff(today, domain.DefaultColdDays))
	return p.inTx(ctx, func(tx *sql.Tx) error {
		n, err := drain(ctx, tx, `SELECT a.id, a.code, a.name, a.city, a.owner, a.last_contact_at`+goingColdWhere+
			` ORDER BY a.last_contact_at, a.name_key LIMIT `+itoa(domain.DefaultAgendaLimit), cutoff)
		if err != nil || n < domain.DefaultAgendaLimit {
			return err
		}
		_, err = drain(ctx, tx, goingColdCount, cutoff)
		return err
	})
}

// Timeline mirrors ActivityService.Timeline: the page and, on the first
// page, the count.
func (p *Plain) Timeline(ctx context.Context, q domain.TimelineQuery) error {
	return p.inTx(ctx, func(tx *sql.Tx) error {
		match, ok, err := timelineMatch(ctx, tx, q)
		if err != nil || !ok {
			return err
		}
		query, args := timelineSQL(q, match, q.Limit, false)
		if _, err := drain(ctx, tx, query, args...); err != nil {
			return err
		}
		if q.After.IsZero() {
			query, args := timelineSQL(q, match, 0, true)
			_, err := drain(ctx, tx, query, args...)
			return err
		}
		return nil
	})
}

// prices prepares the price statements once, as the PriceService does.
func (p *Plain) prices(ctx context.Context) error {
	if p.line != nil {
		return nil
	}
	var err error
	if p.line, err = p.db.PrepareContext(ctx, PriceLineSQL); err != nil {
		return err
	}
	p.doc, err = p.db.PrepareContext(ctx, PriceDocumentSQL)
	return err
}

// Resolve mirrors PriceService.Resolve: the one resolution statement, under
// a context that cannot be cancelled, as Resolve runs it (see shortQuery).
func (p *Plain) Resolve(ctx context.Context, account domain.AccountID, sku string) error {
	if err := p.prices(ctx); err != nil {
		return err
	}
	_, err := drain(context.WithoutCancel(ctx), drainStmt{p.line}, "", sku, int64(account))
	return err
}

// Reprice mirrors PriceService.Reprice: the document statement over the
// lines' distinct SKUs.
func (p *Plain) Reprice(ctx context.Context, account domain.AccountID, lines []domain.PriceLine) error {
	if err := p.prices(ctx); err != nil {
		return err
	}
	var skus []string
	seen := map[string]bool{}
	for _, l := range lines {
		if k := strings.ToUpper(l.SKU); !seen[k] {
			seen[k] = true
			skus = append(skus, l.SKU)
		}
	}
	list, _ := json.Marshal(skus)
	_, err := drain(context.WithoutCancel(ctx), drainStmt{p.doc}, "", string(list), int64(account))
	return err
}

// FindProducts mirrors ProductService.FindProducts searching active products.
func (p *Plain) FindProducts(ctx context.Context, text string, limit int) error {
	tokens := domain.FoldTokens(text)
	if len(tokens) == 0 {
		return nil
	}
	return p.inTx(ctx, func(tx *sql.Tx) error {
		_, err := p.search(ctx, tx, ProductSearchSQL, ftsQuery(tokens), 1, limit)
		return err
	})
}

// FindQuoteByID mirrors QuoteService.FindQuoteByID: the header and the lines.
func (p *Plain) FindQuoteByID(ctx context.Context, id domain.QuoteID) error {
	return p.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := drain(ctx, tx, `SELECT `+quoteColumns+quoteFrom+`WHERE q.id = ?`, int64(id)); err != nil {
			return err
		}
		_, err := drain(ctx, tx, `SELECT `+lineColumns+` FROM quote_lines WHERE quote_id = ? AND revision =
			(SELECT revision FROM quotes WHERE id = ?) ORDER BY line_no`, int64(id), int64(id))
		return err
	})
}

// FindOrders mirrors OrderService.FindOrders: the count, then the page.
func (p *Plain) FindOrders(ctx context.Context, f domain.OrderFilter) error {
	count, args := OrdersCountSQL(f)
	return p.inTx(ctx, func(tx *sql.Tx) error {
		var total int
		if err := tx.QueryRowContext(ctx, count, args...).Scan(&total); err != nil {
			return err
		}
		list, args := OrdersListSQL(f, total)
		_, err := drain(ctx, tx, list, args...)
		return err
	})
}

// FindReceivables mirrors ReceivablesService.FindReceivables' three statements.
func (p *Plain) FindReceivables(ctx context.Context, f domain.ReceivablesFilter) error {
	return p.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := drain(ctx, tx, receivablesAccountsSQL, f.Owner, int64(f.Group)); err != nil {
			return err
		}
		if _, err := drain(ctx, tx, receivablesOpenSQL); err != nil {
			return err
		}
		_, err := drain(ctx, tx, receivablesCreditSQL)
		return err
	})
}

// AccountReceivables mirrors ReceivablesService.AccountReceivables: the
// account view's balance, aging, invoices, payments and settlements.
func (p *Plain) AccountReceivables(ctx context.Context, id domain.AccountID) error {
	return p.inTx(ctx, func(tx *sql.Tx) error {
		for _, query := range []string{
			`SELECT credit_limit_minor, (SELECT coalesce(sum(gross_minor), 0) FROM orders INDEXED BY orders_by_account
				WHERE account_id = ?1 AND status = 'confirmed') FROM accounts WHERE id = ?1`,
			`SELECT ` + invoiceRowColumns + invoiceRowFrom + `WHERE i.account_id = ? ORDER BY i.issued_on DESC, i.id DESC`,
			`SELECT ` + paymentColumns + `, p.unapplied_minor` + paymentFrom + `WHERE p.account_id = ? ORDER BY p.paid_on DESC, p.id DESC`,
			`SELECT invoice_id, coalesce(payment_id, 0), coalesce(credit_note_id, 0), amount_minor FROM settlements
				WHERE account_id = ? ORDER BY rowid`,
		} {
			if _, err := drain(ctx, tx, query, int64(id)); err != nil {
				return err
			}
		}
		return nil
	})
}
