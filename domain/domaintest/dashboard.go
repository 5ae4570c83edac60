package domaintest

import (
	"context"
	"slices"
	"strings"

	"kontor/domain"
)

// Dashboard is an in-memory DashboardService over a Ledger and its
// documents: it sums what their own services list, as the store sums the
// rows they keep.
type Dashboard struct{ l *Ledger }

var _ domain.DashboardService = (*Dashboard)(nil)

// NewDashboard returns the start page's figures over l.
func NewDashboard(l *Ledger) *Dashboard { return &Dashboard{l: l} }

// everything is a page size that takes every row.
const everything = 1 << 30

// owners maps the accounts of invoices to their owners.
func (d *Dashboard) owner(ctx context.Context, id domain.AccountID, cache map[domain.AccountID]string) string {
	if o, ok := cache[id]; ok {
		return o
	}
	a, err := d.l.accounts().FindAccountByID(ctx, id)
	if err == nil {
		cache[id] = a.Owner
	}
	return cache[id]
}

// invoices are every invoice and credit note of q's accounts.
func (d *Dashboard) invoices(ctx context.Context, q domain.DashboardQuery) ([]domain.InvoiceRow, error) {
	all, _, err := d.l.FindInvoices(ctx, domain.InvoiceFilter{Limit: everything})
	if err != nil || q.Owner == "" {
		return all, err
	}
	owners := map[domain.AccountID]string{}
	var out []domain.InvoiceRow
	for _, r := range all {
		if d.owner(ctx, r.AccountID, owners) == q.Owner {
			out = append(out, r)
		}
	}
	return out, nil
}

// Dashboard sums the invoices, quotes and open amounts of q.
func (d *Dashboard) Dashboard(ctx context.Context, q domain.DashboardQuery) (*domain.Dashboard, error) {
	if q.Today.IsZero() {
		q.Today = domain.DateOf(d.l.accounts().now())
	}
	out := &domain.Dashboard{Query: q, Currency: domain.CatalogCurrency}
	invs, err := d.invoices(ctx, q)
	if err != nil {
		return nil, err
	}
	byMonth := map[domain.Month]domain.Amount{}
	byAccount := map[domain.AccountID]*domain.TopAccount{}
	for _, r := range invs {
		byMonth[domain.MonthOf(r.Date)] += r.Net
		if r.Date.Year == q.Today.Year {
			t := byAccount[r.AccountID]
			if t == nil {
				t = &domain.TopAccount{AccountID: r.AccountID, Code: r.AccountCode, Name: r.AccountName}
				byAccount[r.AccountID] = t
			}
			t.Net += r.Net
		}
	}
	this := domain.MonthOf(q.Today)
	first := this
	for range domain.DashboardMonths - 1 {
		first = first.Prev()
	}
	for m := first; m != this.Next(); m = m.Next() {
		out.Sales = append(out.Sales, domain.MonthSales{Month: m, Net: byMonth[m],
			LastYear: byMonth[domain.Month{Year: m.Year - 1, Month: m.Month}]})
	}
	quotes, _, err := d.l.docs.FindQuotes(ctx, domain.QuoteFilter{DocumentFilter: domain.DocumentFilter{Owner: q.Owner, Limit: everything},
		Today: q.Today})
	if err != nil {
		return nil, err
	}
	for _, st := range []domain.QuoteStatus{domain.StageDraft, domain.StageSent, domain.StageExpired} {
		p := domain.PipelineStage{Stage: st}
		for _, r := range quotes {
			if !r.Status.Open() || r.Expired != (st == domain.StageExpired) || st != domain.StageExpired && r.Status != st {
				continue
			}
			p.Count++
			p.Net += r.Net
		}
		out.Pipeline = append(out.Pipeline, p)
	}
	accounts := make([]map[domain.AccountID]bool, len(domain.OverdueBuckets))
	for i, b := range domain.OverdueBuckets {
		out.Overdue = append(out.Overdue, domain.OverdueAmount{Bucket: b})
		accounts[i] = map[domain.AccountID]bool{}
	}
	for _, r := range invs {
		if r.Kind != domain.KindInvoice || r.Open <= 0 || !r.Due.Before(q.Today) {
			continue
		}
		b := domain.OverdueBucketOf(q.Today.DaysSince(r.Due))
		out.Overdue[b].Invoices++
		out.Overdue[b].Open += r.Open
		accounts[b][r.AccountID] = true
	}
	for i := range out.Overdue {
		out.Overdue[i].Accounts = len(accounts[i])
	}
	for _, t := range byAccount {
		if t.Net > 0 {
			out.Top = append(out.Top, *t)
		}
	}
	slices.SortFunc(out.Top, func(a, b domain.TopAccount) int {
		if a.Net != b.Net {
			if a.Net > b.Net {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Code, b.Code)
	})
	if len(out.Top) > domain.DashboardTop {
		out.Top = out.Top[:domain.DashboardTop]
	}
	return out, ctxErr(ctx)
}

// SalesInvoices lists the invoices and credit notes of q's accounts issued in m.
func (d *Dashboard) SalesInvoices(ctx context.Context, q domain.DashboardQuery, m domain.Month) ([]domain.InvoiceRow, error) {
	invs, err := d.invoices(ctx, q)
	var out []domain.InvoiceRow
	for _, r := range invs {
		if m.Contains(r.Date) {
			out = append(out, r)
		}
	}
	return out, err
}

// QuoteTotal counts and sums what FindQuotes finds.
func (d *Dashboard) QuoteTotal(ctx context.Context, f domain.QuoteFilter) (domain.DocumentTotal, error) {
	f.Offset, f.Limit = 0, everything
	rows, n, err := d.l.docs.FindQuotes(ctx, f)
	t := domain.DocumentTotal{Count: n}
	for _, r := range rows {
		t.Net += r.Net
	}
	return t, err
}

// OrderTotal counts and sums what FindOrders finds.
func (d *Dashboard) OrderTotal(ctx context.Context, f domain.OrderFilter) (domain.DocumentTotal, error) {
	f.Offset, f.Limit = 0, everything
	rows, n, err := d.l.docs.FindOrders(ctx, f)
	t := domain.DocumentTotal{Count: n}
	for _, r := range rows {
		t.Net += r.Net
	}
	return t, err
}
