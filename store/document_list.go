package store

import (
	"context"
	"database/sql"
	"strings"

	"kontor/domain"
)

// docQuery builds the WHERE of a document list over one table (alias d).
type docQuery struct {
	where []string
	args  []any
}

func (q *docQuery) add(cond string, args ...any) {
	q.where = append(q.where, cond)
	q.args = append(q.args, args...)
}

func (q *docQuery) sql() string {
	if len(q.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(q.where, " AND ")
}

// common adds the filters quotes and orders share; dateCol is the document's date.
func (q *docQuery) common(f *domain.DocumentFilter, dateCol string) {
	if f.Account != 0 {
		q.add(`d.account_id = ?`, int64(f.Account))
	}
	if f.Owner != "" {
		q.add(`d.owner = ?`, f.Owner)
	}
	if !f.From.IsZero() {
		q.add(`d.`+dateCol+` >= ?`, f.From.String())
	}
	if !f.To.IsZero() {
		q.add(`d.`+dateCol+` <= ?`, f.To.String())
	}
}

// orderBy is the ORDER BY of a list; ties by id, in the same direction.
func orderBy(f *domain.DocumentFilter, dateCol string) string {
	dir := " DESC"
	if f.Asc {
		dir = " ASC"
	}
	if f.Sort == domain.SortByValue {
		return " ORDER BY d.net_minor" + dir + ", d.id" + dir
	}
	return " ORDER BY d." + dateCol + dir + ", d.id" + dir
}

func page(f *domain.DocumentFilter) (limit, offset int) {
	limit = f.Limit
	if limit <= 0 {
		limit = domain.DefaultDocumentPage
	}
	return limit, max(0, f.Offset)
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// smallMatch is how many matching orders a list sorts itself; above it the
// list walks the index of its sort order and stops after its page.
const smallMatch = 5000

// OrdersCountSQL returns the statement that counts the orders a filter
// matches, with its arguments: from the orders of the account when the filter
// names one, else from the daily counts (migrations/0004_documents.sql).
func OrdersCountSQL(f domain.OrderFilter) (string, []any) {
	q := orderWhere(f)
	if f.Account != 0 {
		return `SELECT count(*) FROM orders d INDEXED BY orders_by_account` + q.sql(), q.args
	}
	return `SELECT coalesce(sum(d.n), 0) FROM order_counts d` + q.sql(), q.args
}

func orderWhere(f domain.OrderFilter) *docQuery {
	var q docQuery
	if len(f.Statuses) > 0 {
		q.add(`d.status IN (`+placeholders(len(f.Statuses))+`)`, stringArgs(f.Statuses)...)
	}
	q.common(&f.DocumentFilter, "ordered_on")
	return &q
}

// OrdersListSQL returns the statement of a page of orders for a filter that
// matches matching orders, with its arguments. The page's ids come from an
// index alone and only they are joined: an account's orders from its index; a
// few matches (a rare status, a short range) from whichever index the planner
// picks, sorted; many matches by walking the index of the sort order, which
// finds a page after reading not many more entries than it holds (SQLite
// would otherwise pick the status index and sort 230,000 delivered orders).
func OrdersListSQL(f domain.OrderFilter, matching int) (string, []any) {
	q := orderWhere(f)
	hint := ""
	switch {
	case f.Account != 0:
		hint = ` INDEXED BY orders_by_account`
	case matching > smallMatch && f.Sort == domain.SortByValue:
		hint = ` INDEXED BY orders_by_value`
	case matching > smallMatch:
		hint = ` INDEXED BY orders_by_date`
	}
	limit, offset := page(&f.DocumentFilter)
	list := `SELECT d.id, d.number, d.status, d.account_id, a.code, a.name, d.owner, d.ordered_on, d.delivered_on,
		d.net_minor, d.gross_minor, d.currency, d.line_count
		FROM (SELECT d.id FROM orders d` + hint + q.sql() + orderBy(&f.DocumentFilter, "ordered_on") +
		` LIMIT ` + itoa(limit) + ` OFFSET ` + itoa(offset) + `) p
		JOIN orders d ON d.id = p.id JOIN accounts a ON a.id = d.account_id` + orderBy(&f.DocumentFilter, "ordered_on")
	return list, q.args
}

func stringArgs[T ~string](v []T) []any {
	out := make([]any, len(v))
	for i, s := range v {
		out[i] = string(s)
	}
	return out
}

// FindOrders lists a page of orders with the total matching the filter.
func (s *OrderService) FindOrders(ctx context.Context, f domain.OrderFilter) ([]domain.OrderRow, int, error) {
	for _, st := range f.Statuses {
		if !st.Valid() {
			return nil, 0, domain.Errorf(domain.EInvalid, "order.status_invalid",
				"{{.Value}} is not an order status (draft, confirmed, delivered, cancelled)", map[string]any{"Value": string(st)})
		}
	}
	count, args := OrdersCountSQL(f)
	var out []domain.OrderRow
	var total int
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, count, args...).Scan(&total); err != nil {
			return err
		}
		list, args := OrdersListSQL(f, total)
		rows, err := tx.QueryContext(ctx, list, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r domain.OrderRow
			if err := rows.Scan(&r.ID, &r.Number, &r.Status, &r.AccountID, &r.AccountCode, &r.AccountName, &r.Owner, onDate(&r.Date),
				onDate(&r.DeliveredOn), &r.Net, &r.Gross, &r.Currency, &r.Lines); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, total, wrap("find orders", err)
}

// QuotesListSQL returns the statements FindQuotes runs, the page and the count.
func QuotesListSQL(f domain.QuoteFilter, today domain.Date) (list, count string, args []any) {
	var q docQuery
	if len(f.Statuses) > 0 {
		var or []string
		day := today.String()
		for _, st := range f.Statuses {
			switch {
			case st == domain.QuoteExpired:
				or = append(or, `(d.status IN ('draft', 'sent') AND d.valid_until < ?)`)
				q.args = append(q.args, day)
			case st.Open():
				or = append(or, `(d.status = ? AND d.valid_until >= ?)`)
				q.args = append(q.args, string(st), day)
			default:
				or = append(or, `d.status = ?`)
				q.args = append(q.args, string(st))
			}
		}
		q.where = append(q.where, "("+strings.Join(or, " OR ")+")")
	}
	q.common(&f.DocumentFilter, "quoted_on")
	limit, offset := page(&f.DocumentFilter)
	list = `SELECT d.id, d.number, d.revision, d.status, d.account_id, a.code, a.name, d.owner, d.quoted_on, d.valid_until,
		d.net_minor, d.gross_minor, d.currency, d.line_count
		FROM (SELECT d.id FROM quotes d` + q.sql() + orderBy(&f.DocumentFilter, "quoted_on") +
		` LIMIT ` + itoa(limit) + ` OFFSET ` + itoa(offset) + `) p
		JOIN quotes d ON d.id = p.id JOIN accounts a ON a.id = d.account_id` + orderBy(&f.DocumentFilter, "quoted_on")
	count = `SELECT count(*) FROM quotes d` + q.sql()
	return list, count, q.args
}

// FindQuotes lists a page of quotes with the total matching the filter.
func (s *QuoteService) FindQuotes(ctx context.Context, f domain.QuoteFilter) ([]domain.QuoteRow, int, error) {
	for _, st := range f.Statuses {
		if !st.Valid() && st != domain.QuoteExpired {
			return nil, 0, domain.Errorf(domain.EInvalid, "quote.status_invalid",
				"{{.Value}} is not a quote status (draft, sent, accepted, rejected)", map[string]any{"Value": string(st)})
		}
	}
	today := f.Today
	if today.IsZero() {
		today = s.db.today()
	}
	list, count, args := QuotesListSQL(f, today)
	var out []domain.QuoteRow
	var total int
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, list, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r domain.QuoteRow
			if err := rows.Scan(&r.ID, &r.Number, &r.Revision, &r.Status, &r.AccountID, &r.AccountCode, &r.AccountName, &r.Owner,
				onDate(&r.Date), onDate(&r.ValidUntil), &r.Net, &r.Gross, &r.Currency, &r.Lines); err != nil {
				return err
			}
			r.Expired = domain.IsExpired(r.Status, r.ValidUntil, today)
			out = append(out, r)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, count, args...).Scan(&total)
	})
	return out, total, wrap("find quotes", err)
}
