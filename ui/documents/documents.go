// Package documents holds the quote and order screens: the Quotes and Orders
// sections (lists filtered by status, account, owner and dates), the quote
// builder and the order editor with their shared line editor (products picked
// by keyboard, live engine prices with their reasons, document-total tiers,
// bulk paste, totals per VAT rate), and the Quotes and Orders tabs of an
// account. Quotes and orders share most of their widgets, so they live in one
// package rather than two that would export their insides to each other.
package documents

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"kontor/domain"
	"kontor/ui/prices"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

// Format is a file format a quote is exported in.
type Format string

// Export formats of a quote.
const (
	FormatPDF  Format = "pdf"
	FormatXLSX Format = "xlsx"
	FormatCSV  Format = "csv"
)

// Exporter writes a quote to the file at path in a format, its words and
// numbers in the locale's language. It runs off the Fyne goroutine.
type Exporter func(ctx context.Context, q *domain.Quote, format Format, loc domain.Locale, path string) error

// Deps is what the screens work with.
type Deps struct {
	Window   fyne.Window
	Accounts domain.AccountService
	Contacts domain.ContactService
	Products domain.ProductService
	Prices   domain.PriceService
	Quotes   domain.QuoteService
	Orders   domain.OrderService
	Settings domain.DocumentSettingsService
	// Receivables checks an account's credit before an order is confirmed;
	// nil confirms at once (the store still asks for an override).
	Receivables domain.ReceivablesService
	Export      Exporter // nil: quotes are not exported
	// Totals counts and sums what a list's filters find, for the line under
	// it; nil: the line says the count alone.
	Totals domain.DashboardService
	Run    worker.Runner // nil: worker.Go
	Locale domain.Locale
	User   func() string      // the rep: the owner of new documents when the account has none
	Today  func() domain.Date // nil: the computer's date

	// SaveFile asks where to save a file named name; nil uses Fyne's dialog.
	SaveFile func(name string, then func(path string))
	// Changed runs after a document was saved or changed status (the
	// account tabs and the other list refresh).
	Changed func()
	// Show brings the Quotes or Orders section forward (a quote made into an
	// order opens in Orders; a document tab of an account opens its section).
	Show func(domain.DocumentKind)
	// InvoicePDF opens the PDF of a delivered order's invoice; nil: no Invoice PDF.
	InvoicePDF func(id domain.InvoiceID, number string)
}

func (d *Deps) defaults() {
	if d.Run == nil {
		d.Run = worker.Go
	}
	if d.Today == nil {
		d.Today = func() domain.Date { return domain.DateOf(time.Now()) }
	}
	if d.User == nil {
		d.User = func() string { return "" }
	}
	if d.Changed == nil {
		d.Changed = func() {}
	}
	if d.SaveFile == nil {
		w := d.Window
		d.SaveFile = func(name string, then func(string)) { xwidget.SaveFile(w, name, then) }
	}
	if d.Show == nil {
		d.Show = func(domain.DocumentKind) {}
	}
}

// priceDeps is what the product picker and the price explanation of
// ui/prices need.
func (d *Deps) priceDeps() prices.Deps {
	return prices.Deps{Window: d.Window, Accounts: d.Accounts, Products: d.Products, Prices: d.Prices, Run: d.Run,
		Locale: d.Locale, Today: d.Today, SaveFile: d.SaveFile}
}

// money writes an amount in the document's currency.
func money(l domain.Locale, a domain.Amount, currency string) string {
	if currency == "" {
		currency = "PLN"
	}
	return l.FormatAmount(a, currency)
}

// quoteStatusLabel is a quote status in words.
func quoteStatusLabel(s domain.QuoteStatus) string {
	switch s {
	case domain.QuoteDraft:
		return lang.X("documents.status.draft", "draft")
	case domain.QuoteSent:
		return lang.X("documents.status.sent", "sent")
	case domain.QuoteAccepted:
		return lang.X("documents.status.accepted", "accepted")
	case domain.QuoteRejected:
		return lang.X("documents.status.rejected", "rejected")
	case domain.QuoteExpired:
		return lang.X("documents.status.expired", "expired")
	}
	return string(s)
}

// quoteStatusShown is a quote's status as a list shows it: an expired quote
// says so and keeps its real status.
func quoteStatusShown(s domain.QuoteStatus, expired bool) string {
	if expired {
		return lang.X("documents.status.expired_from", "expired ({{.Status}})", map[string]any{"Status": quoteStatusLabel(s)})
	}
	return quoteStatusLabel(s)
}

// orderStatusLabel is an order status in words.
func orderStatusLabel(s domain.OrderStatus) string {
	switch s {
	case domain.OrderDraft:
		return lang.X("documents.status.draft", "draft")
	case domain.OrderConfirmed:
		return lang.X("documents.status.confirmed", "confirmed")
	case domain.OrderDelivered:
		return lang.X("documents.status.delivered", "delivered")
	case domain.OrderCancelled:
		return lang.X("documents.status.cancelled", "cancelled")
	}
	return string(s)
}

// sourceLabel says where a line's price comes from.
func sourceLabel(s domain.PriceSource) string {
	switch s {
	case domain.SourceAccount:
		return lang.X("documents.source.account", "account")
	case domain.SourceParent:
		return lang.X("documents.source.parent", "head office")
	case domain.SourceGroup:
		return lang.X("documents.source.group", "group")
	case domain.SourceList:
		return lang.X("documents.source.list", "list")
	case domain.SourceManual:
		return lang.X("documents.source.manual", "manual")
	}
	return string(s)
}
