package domain

import "context"

// DashboardMonths is how many months the sales chart shows: this month and
// the twelve before it, each beside the same month a year earlier.
const DashboardMonths = 13

// DashboardTop is how many accounts the top list names.
const DashboardTop = 10

// DashboardQuery asks for the start page's figures as of a day, for the
// whole file or for one rep's accounts.
type DashboardQuery struct {
	Today Date
	// Owner narrows every figure to the accounts this rep owns (the owner
	// field of the account); "" is the whole file.
	Owner string
}

// MonthSales is one month's net sales, the net of the invoices issued in it
// less its credit notes, beside the same month a year earlier.
type MonthSales struct {
	Month    Month
	Net      Amount
	LastYear Amount
}

// Pipeline stages: the open quotes (drafts and sent ones) still valid, and
// those past their validity that nobody accepted or rejected yet.
const (
	StageDraft   = QuoteDraft
	StageSent    = QuoteSent
	StageExpired = QuoteExpired
)

// PipelineStage is the open quotes of one stage with their net value.
type PipelineStage struct {
	Stage QuoteStatus // StageDraft, StageSent or StageExpired
	Count int
	Net   Amount
}

// Overdue buckets of the receivables chart, by days past due.
type OverdueBucket int

// The buckets, as the statements' aging has them.
const (
	Overdue1To30 OverdueBucket = iota
	Overdue31To60
	Overdue61To90
	OverdueOver90
)

// OverdueBuckets are the buckets in order.
var OverdueBuckets = []OverdueBucket{Overdue1To30, Overdue31To60, Overdue61To90, OverdueOver90}

// OverdueBucketOf is the bucket of an invoice days past due (at least 1).
func OverdueBucketOf(days int) OverdueBucket {
	switch {
	case days <= 30:
		return Overdue1To30
	case days <= 60:
		return Overdue31To60
	case days <= 90:
		return Overdue61To90
	}
	return OverdueOver90
}

// OverdueAmount is what is open of the invoices overdue by a bucket's days.
type OverdueAmount struct {
	Bucket   OverdueBucket
	Invoices int
	Accounts int
	Open     Amount
}

// TopAccount is an account with its net sales of the year so far.
type TopAccount struct {
	AccountID AccountID
	Code      string
	Name      string
	Net       Amount
}

// Dashboard is the start page's figures, all in the catalog's currency (a
// document or invoice in another currency is left out).
type Dashboard struct {
	Query    DashboardQuery
	Currency string
	Sales    []MonthSales    // DashboardMonths months, oldest first; the last is Today's
	Pipeline []PipelineStage // draft, sent, expired
	Overdue  []OverdueAmount // the OverdueBuckets in order
	Top      []TopAccount    // up to DashboardTop, most sales in Today's year so far first
}

// DocumentTotal is how many documents a list's filter finds and their net
// value (in the catalog's currency).
type DocumentTotal struct {
	Count int
	Net   Amount
}

// DashboardService computes the start page's figures and the totals under
// the document lists.
type DashboardService interface {
	Dashboard(ctx context.Context, q DashboardQuery) (*Dashboard, error)
	// SalesInvoices lists the invoices and credit notes behind a month's
	// sales (of q.Owner's accounts when q names one), newest first: their
	// net values add up to the month's figure.
	SalesInvoices(ctx context.Context, q DashboardQuery, m Month) ([]InvoiceRow, error)
	// QuoteTotal and OrderTotal count what the lists' filters find and sum
	// its net value; the filter's paging is ignored.
	QuoteTotal(ctx context.Context, f QuoteFilter) (DocumentTotal, error)
	OrderTotal(ctx context.Context, f OrderFilter) (DocumentTotal, error)
}
