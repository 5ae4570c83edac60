package store

import (
	"context"
	"database/sql"
	"strconv"

	"kontor/domain"
)

// DashboardService computes the start page's figures and the totals of the
// document lists.
type DashboardService struct{ db *DB }

// NewDashboardService returns the service over db.
func NewDashboardService(db *DB) *DashboardService { return &DashboardService{db: db} }

// The dashboard's statements. Sales come from the summaries the triggers of
// migrations/0010_dashboard.sql keep: the whole file's 25 months are 25 rows
// of sales_totals; one rep's are their accounts' rows of sales_months, read
// through the accounts' owner index and the summary's key; the top accounts
// of the year are the first rows of sales_years' index by value.
const (
	dashSalesAll = `SELECT month, net_minor FROM sales_totals
		WHERE month BETWEEN ?1 AND ?2 AND currency = ?3`
	dashSalesOwner = `SELECT month, net_minor FROM sales_owners
		WHERE owner = ?4 AND month BETWEEN ?1 AND ?2 AND currency = ?3`
	// Open quotes: valid ones by their status, those past their validity as
	// expired; a rep's are the quotes they own, as the Quotes list filters.
	// Every quote and invoice is in the catalog's currency (?2), as the
	// orders are, so the indexes below, which do not hold the currency,
	// answer alone.
	dashPipeline = `SELECT CASE WHEN valid_until < ?1 THEN 'expired' ELSE status END, count(*), coalesce(sum(net_minor), 0)
		FROM quotes INDEXED BY quotes_open WHERE status IN ('draft', 'sent') AND ?2 <> '' AND (?3 = '' OR owner = ?3) GROUP BY 1`
	// Overdue invoices by bucket: ?3 to ?5 are the first due dates of the
	// 1–30, 31–60 and 61–90 days buckets (today − 30, − 60, − 90 days). The
	// whole file reads the open-invoice index; a rep's, their accounts' part
	// of it.
	dashOverdueAll = `SELECT CASE WHEN due_on >= ?3 THEN 0 WHEN due_on >= ?4 THEN 1 WHEN due_on >= ?5 THEN 2 ELSE 3 END,
			count(*), count(DISTINCT account_id), sum(open_minor)
		FROM invoices INDEXED BY invoices_open
		WHERE open_minor <> 0 AND open_minor > 0 AND kind = 'invoice' AND due_on < ?1 AND ?2 <> '' GROUP BY 1`
	dashOverdueOwner = `SELECT CASE WHEN i.due_on >= ?3 THEN 0 WHEN i.due_on >= ?4 THEN 1 WHEN i.due_on >= ?5 THEN 2 ELSE 3 END,
			count(*), count(DISTINCT i.account_id), sum(i.open_minor)
		FROM accounts a INDEXED BY accounts_by_owner JOIN invoices i INDEXED BY invoices_open
			ON i.account_id = a.id AND i.open_minor <> 0 AND i.open_minor > 0 AND i.kind = 'invoice' AND i.due_on < ?1
		WHERE a.owner = ?6 AND a.owner <> '' AND ?2 <> '' GROUP BY 1`
	dashTopAll = `SELECT a.id, a.code, a.name, t.net_minor FROM (
			SELECT account_id, net_minor FROM sales_years INDEXED BY sales_years_by_value
			WHERE year = ?1 AND currency = ?2 AND net_minor > 0 ORDER BY net_minor DESC, account_id LIMIT ?3) t
		JOIN accounts a ON a.id = t.account_id ORDER BY t.net_minor DESC, a.code`
	dashTopOwner = `SELECT a.id, a.code, a.name, y.net_minor FROM accounts a INDEXED BY accounts_by_owner
		JOIN sales_years y ON y.account_id = a.id AND y.year = ?1 AND y.currency = ?2
		WHERE a.owner = ?4 AND a.owner <> '' AND y.net_minor > 0 ORDER BY y.net_minor DESC, a.code LIMIT ?3`
)

// Dashboard computes the figures of q in one read transaction.
func (s *DashboardService) Dashboard(ctx context.Context, q domain.DashboardQuery) (*domain.Dashboard, error) {
	if q.Today.IsZero() {
		q.Today = s.db.today()
	}
	cur := domain.CatalogCurrency
	this := domain.MonthOf(q.Today)
	first := this
	for range domain.DashboardMonths - 1 {
		first = first.Prev()
	}
	lastYearFirst := domain.Month{Year: first.Year - 1, Month: first.Month}
	year := strconv.Itoa(q.Today.Year)
	d := &domain.Dashboard{Query: q, Currency: cur}
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		sales := map[string]domain.Amount{}
		var rows *sql.Rows
		var err error
		if q.Owner == "" {
			rows, err = tx.QueryContext(ctx, dashSalesAll, lastYearFirst.String(), this.String(), cur)
		} else {
			rows, err = tx.QueryContext(ctx, dashSalesOwner, lastYearFirst.String(), this.String(), cur, q.Owner)
		}
		if err != nil {
			return err
		}
		if err := scanEach(rows, func() error {
			var m string
			var net domain.Amount
			if err := rows.Scan(&m, &net); err != nil {
				return err
			}
			sales[m] = net
			return nil
		}); err != nil {
			return err
		}
		for m := first; m != this.Next(); m = m.Next() {
			ly := domain.Month{Year: m.Year - 1, Month: m.Month}
			d.Sales = append(d.Sales, domain.MonthSales{Month: m, Net: sales[m.String()], LastYear: sales[ly.String()]})
		}

		stages := map[domain.QuoteStatus]*domain.PipelineStage{}
		for _, st := range []domain.QuoteStatus{domain.StageDraft, domain.StageSent, domain.StageExpired} {
			d.Pipeline = append(d.Pipeline, domain.PipelineStage{Stage: st})
		}
		for i := range d.Pipeline {
			stages[d.Pipeline[i].Stage] = &d.Pipeline[i]
		}
		if rows, err = tx.QueryContext(ctx, dashPipeline, q.Today.String(), cur, q.Owner); err != nil {
			return err
		}
		if err := scanEach(rows, func() error {
			var st string
			var n int
			var net domain.Amount
			if err := rows.Scan(&st, &n, &net); err != nil {
				return err
			}
			if p := stages[domain.QuoteStatus(st)]; p != nil {
				p.Count, p.Net = n, net
			}
			return nil
		}); err != nil {
			return err
		}

		for _, b := range domain.OverdueBuckets {
			d.Overdue = append(d.Overdue, domain.OverdueAmount{Bucket: b})
		}
		bounds := []any{q.Today.String(), cur, q.Today.AddDays(-30).String(), q.Today.AddDays(-60).String(),
			q.Today.AddDays(-90).String()}
		if q.Owner == "" {
			rows, err = tx.QueryContext(ctx, dashOverdueAll, bounds...)
		} else {
			rows, err = tx.QueryContext(ctx, dashOverdueOwner, append(bounds, q.Owner)...)
		}
		if err != nil {
			return err
		}
		if err := scanEach(rows, func() error {
			var b int
			var o domain.OverdueAmount
			if err := rows.Scan(&b, &o.Invoices, &o.Accounts, &o.Open); err != nil {
				return err
			}
			if b >= 0 && b < len(d.Overdue) {
				o.Bucket = d.Overdue[b].Bucket
				d.Overdue[b] = o
			}
			return nil
		}); err != nil {
			return err
		}

		if q.Owner == "" {
			rows, err = tx.QueryContext(ctx, dashTopAll, year, cur, domain.DashboardTop)
		} else {
			rows, err = tx.QueryContext(ctx, dashTopOwner, year, cur, domain.DashboardTop, q.Owner)
		}
		if err != nil {
			return err
		}
		return scanEach(rows, func() error {
			var t domain.TopAccount
			if err := rows.Scan(&t.AccountID, &t.Code, &t.Name, &t.Net); err != nil {
				return err
			}
			d.Top = append(d.Top, t)
			return nil
		})
	})
	if err != nil {
		return nil, wrap("dashboard", err)
	}
	return d, nil
}

// SalesInvoices lists the invoices and credit notes issued in m, of the
// owner's accounts when q names one, newest first.
func (s *DashboardService) SalesInvoices(ctx context.Context, q domain.DashboardQuery, m domain.Month) ([]domain.InvoiceRow, error) {
	var out []domain.InvoiceRow
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+invoiceRowColumns+invoiceRowFrom+`
			WHERE i.issued_on BETWEEN ?1 AND ?2 AND i.currency = ?3 AND (?4 = '' OR a.owner = ?4)
			ORDER BY i.issued_on DESC, i.id DESC`, m.First().String(), m.Last().String(), domain.CatalogCurrency, q.Owner)
		if err != nil {
			return err
		}
		return scanEach(rows, func() error {
			r, err := scanInvoiceRow(rows)
			out = append(out, r)
			return err
		})
	})
	return out, wrap("sales invoices", err)
}

// scanEach runs row for every row of rows, then closes them.
func scanEach(rows *sql.Rows, row func() error) error {
	defer rows.Close()
	for rows.Next() {
		if err := row(); err != nil {
			return err
		}
	}
	return rows.Err()
}

// QuoteTotal counts the quotes the filter finds and sums their net value.
func (s *DashboardService) QuoteTotal(ctx context.Context, f domain.QuoteFilter) (domain.DocumentTotal, error) {
	today := f.Today
	if today.IsZero() {
		today = s.db.today()
	}
	_, count, args := QuotesListSQL(f, today)
	return s.total(ctx, "quote total", count, args)
}

// OrderTotal counts the orders the filter finds and sums their net value,
// from the orders (not the daily counts, which hold no values): an index of
// the filter's columns holds the net value, so the table is not read.
func (s *DashboardService) OrderTotal(ctx context.Context, f domain.OrderFilter) (domain.DocumentTotal, error) {
	q := orderWhere(f)
	return s.total(ctx, "order total", `SELECT count(*) FROM orders d`+q.sql(), q.args)
}

// total runs a list's count statement as count and sum of net values.
func (s *DashboardService) total(ctx context.Context, what, count string, args []any) (domain.DocumentTotal, error) {
	const head = `SELECT count(*) FROM `
	stmt := `SELECT count(*), coalesce(sum(d.net_minor), 0) FROM ` + count[len(head):]
	var t domain.DocumentTotal
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, stmt, args...).Scan(&t.Count, &t.Net)
	})
	return t, wrap(what, err)
}

// Dashboard mirrors DashboardService.Dashboard's statements.
func (p *Plain) Dashboard(ctx context.Context, dq domain.DashboardQuery) error {
	this := domain.MonthOf(dq.Today)
	first := this
	for range domain.DashboardMonths - 1 {
		first = first.Prev()
	}
	year := strconv.Itoa(dq.Today.Year)
	from := domain.Month{Year: first.Year - 1, Month: first.Month}.String()
	cur := domain.CatalogCurrency
	return p.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if dq.Owner == "" {
			_, err = drain(ctx, tx, dashSalesAll, from, this.String(), cur)
		} else {
			_, err = drain(ctx, tx, dashSalesOwner, from, this.String(), cur, dq.Owner)
		}
		if err != nil {
			return err
		}
		if _, err := drain(ctx, tx, dashPipeline, dq.Today.String(), cur, dq.Owner); err != nil {
			return err
		}
		bounds := []any{dq.Today.String(), cur, dq.Today.AddDays(-30).String(), dq.Today.AddDays(-60).String(),
			dq.Today.AddDays(-90).String()}
		if dq.Owner == "" {
			_, err = drain(ctx, tx, dashOverdueAll, bounds...)
		} else {
			_, err = drain(ctx, tx, dashOverdueOwner, append(bounds, dq.Owner)...)
		}
		if err != nil {
			return err
		}
		if dq.Owner == "" {
			_, err = drain(ctx, tx, dashTopAll, year, cur, domain.DashboardTop)
		} else {
			_, err = drain(ctx, tx, dashTopOwner, year, cur, domain.DashboardTop, dq.Owner)
		}
		return err
	})
}
