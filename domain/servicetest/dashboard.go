package servicetest

import (
	"strconv"
	"testing"

	"kontor/domain"
)

// Dashboard: the start page's figures of a small ledger, for the whole file
// and for one rep, and the totals under the document lists.
func Dashboard(t *testing.T, open Factory) {
	x := newLedgerFixture(t, open)
	s := x.s
	if s.Dashboard == nil {
		t.Skip("no dashboard service") // the suite of services without one
	}
	ewa := account(t, s, "K1", "Hurtownia Łódź", "Łódź", terms14, withOwner("Ewa Rep"))
	jan := account(t, s, "K2", "Sklep Kraków", "Kraków", terms14, withOwner("Jan Rep"))
	// 100 potatoes at 2,00: 200,00 net each.
	x.invoice(t, ewa, date(2026, 11, 3), "100")        // this month
	x.invoice(t, ewa, date(2025, 11, 20), "50")        // the same month a year ago: 100,00
	late := x.invoice(t, jan, date(2026, 8, 1), "300") // 600,00, due 15.08: 104 days overdue on 27.11
	x.invoice(t, jan, date(2026, 10, 30), "100")       // due 13.11: 14 days overdue
	x.pay(t, jan, date(2026, 9, 1), "100,00", late.Number)
	draft := domain.NewQuoteFields(ewa, date(2026, 11, 20), 30)
	draft.Lines = []domain.DocumentLine{line(t, x.veg, "10")}
	_, err := s.Quotes.CreateQuote(ctx, draft)
	check(t, "draft quote", err)
	old := domain.NewQuoteFields(jan, date(2026, 9, 1), 14) // valid to 15.09: expired
	old.Owner = "Jan Rep"
	old.Lines = []domain.DocumentLine{line(t, x.veg, "25")}
	_, err = s.Quotes.CreateQuote(ctx, old)
	check(t, "old quote", err)
	sent := domain.NewQuoteFields(ewa, date(2026, 11, 25), 30)
	sent.Lines = []domain.DocumentLine{line(t, x.veg, "5")}
	q, err := s.Quotes.CreateQuote(ctx, sent)
	check(t, "quote to send", err)
	_, err = s.Quotes.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteSent)
	check(t, "send quote", err)

	d, err := s.Dashboard.Dashboard(ctx, domain.DashboardQuery{Today: Today})
	check(t, "dashboard", err)
	equal(t, "months", len(d.Sales), domain.DashboardMonths)
	last := d.Sales[len(d.Sales)-1]
	equal(t, "this month", last.Month, domain.Month{Year: 2026, Month: 11})
	equal(t, "this month's sales", last.Net, amount(t, "200,00"))
	equal(t, "a year ago", last.LastYear, amount(t, "100,00"))
	equal(t, "October", d.Sales[len(d.Sales)-2].Net, amount(t, "200,00"))
	equal(t, "August", d.Sales[len(d.Sales)-4].Net, amount(t, "600,00"))
	stages := mapList(d.Pipeline, func(p domain.PipelineStage) string {
		return string(p.Stage) + " " + strconv.Itoa(p.Count) + " " + p.Net.String()
	})
	equalList(t, "pipeline", stages, []string{"draft 1 20.00", "sent 1 10.00", "expired 1 50.00"})
	buckets := mapList(d.Overdue, func(o domain.OverdueAmount) string {
		return strconv.Itoa(o.Invoices) + " " + strconv.Itoa(o.Accounts) + " " + o.Open.String()
	})
	// Open gross amounts: the two invoices of this autumn (210,00 each) and
	// a year-old one (105,00) with August's, of which 100,00 was paid.
	equalList(t, "overdue", buckets, []string{"2 2 420.00", "0 0 0.00", "0 0 0.00", "2 2 635.00"})
	tops := mapList(d.Top, func(a domain.TopAccount) string { return a.Code + " " + a.Net.String() })
	equalList(t, "top accounts", tops, []string{"K2 800.00", "K1 200.00"})

	mine, err := s.Dashboard.Dashboard(ctx, domain.DashboardQuery{Today: Today, Owner: "Ewa Rep"})
	check(t, "Ewa's dashboard", err)
	equal(t, "Ewa's month", mine.Sales[len(mine.Sales)-1].Net, amount(t, "200,00"))
	equal(t, "Ewa's August", mine.Sales[len(mine.Sales)-4].Net, domain.Amount(0))
	equal(t, "Ewa's overdue", mine.Overdue[3].Open, amount(t, "105,00"))
	equalList(t, "Ewa's top", mapList(mine.Top, func(a domain.TopAccount) string { return a.Code }), []string{"K1"})
	behind, err := s.Dashboard.SalesInvoices(ctx, domain.DashboardQuery{Today: Today}, domain.Month{Year: 2026, Month: 8})
	check(t, "August's invoices", err)
	equalList(t, "August's invoices", mapList(behind, func(r domain.InvoiceRow) string { return r.Number }), []string{late.Number})

	total, err := s.Dashboard.QuoteTotal(ctx, domain.QuoteFilter{Today: Today})
	check(t, "quote total", err)
	equal(t, "quote total", total, domain.DocumentTotal{Count: 3, Net: amount(t, "80,00")})
	orders, err := s.Dashboard.OrderTotal(ctx, domain.OrderFilter{DocumentFilter: domain.DocumentFilter{Account: jan.ID}})
	check(t, "order total", err)
	equal(t, "order total", orders, domain.DocumentTotal{Count: 2, Net: amount(t, "800,00")})
}
