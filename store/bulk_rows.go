package store

import (
	"strings"
	"time"

	"kontor/domain"
)

// rowShape is a table as the bulk writer fills it: the columns a row carries,
// in order, and how many rows one INSERT writes (wide rows fewer, so that a
// statement stays well under SQLite's limit on parameters).
type rowShape struct {
	table        string
	columns      string
	width        int
	perStatement int
}

func newShape(table string, perStatement int, columns string) *rowShape {
	return &rowShape{table: table, columns: columns, width: strings.Count(columns, ",") + 1, perStatement: perStatement}
}

// insertSQL is the INSERT of rows rows of columns into table.
func insertSQL(table, columns string, rows int) string {
	one := "(" + placeholders(strings.Count(columns, ",")+1) + ")"
	return `INSERT INTO ` + table + ` (` + columns + `) VALUES ` + strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}

// The tables a Bulk writes rows into. An id of 0 is NULL: SQLite picks the next.
var (
	accountRows       = newShape("accounts", 64, "id, archived, "+accountInsertColumns)
	contactRows       = newShape("contacts", 64, "id, "+contactInsertColumns)
	activityRows      = newShape("activities", 32, "id, "+activityInsertColumns)
	productRows       = newShape("products", 64, "id, "+productInsertColumns)
	agreementRows     = newShape("price_agreements", 64, "id, "+agreementInsertColumns+", ended_by, ended_at, replaced_by")
	orderRows         = newShape("orders", 64, "id, "+orderInsertColumns)
	orderLineRows     = newShape("order_lines", 64, "order_id, line_no, "+lineColumns)
	quoteRows         = newShape("quotes", 64, "id, revision, "+quoteInsertColumns)
	quoteRevisionRows = newShape("quote_revisions", 64, quoteRevisionColumns)
	quoteLineRows     = newShape("quote_lines", 64, "quote_id, revision, line_no, "+lineColumns)
	invoiceRows       = newShape("invoices", 64, "id, "+invoiceInsertColumns)
	invoiceLineRows   = newShape("invoice_lines", 64, "invoice_id, "+invoiceLineColumns)
	paymentRows       = newShape("payments", 64, "id, "+paymentInsertColumns)
	settlementRows    = newShape("settlements", 32, "account_id, invoice_id, payment_id, credit_note_id, amount_minor")
)

// Row is one row for Bulk.Add: its table and its column values, as the
// services store them. The functions that build rows touch no database, so a
// generator may build them on another goroutine than the one writing them.
type Row struct {
	shape *rowShape
	vals  []any
	words []string // an activity's words for the history search
}

// AccountRow is an account with its ID (0: the next free one), head office
// (ParentID), archived flag and time stamps.
func AccountRow(a *domain.Account) Row {
	return Row{shape: accountRows, vals: append([]any{nullID(int64(a.ID)), boolInt(a.Archived)},
		accountInsertArgs(&a.AccountFields, nullID(int64(a.ParentID)), moment(a.CreatedAt), moment(a.UpdatedAt))...)}
}

// ContactRow is a contact of c.AccountID.
func ContactRow(c *domain.Contact) Row {
	return Row{shape: contactRows, vals: append([]any{nullID(int64(c.ID))},
		contactInsertArgs(int64(c.AccountID), &c.ContactFields, moment(c.CreatedAt), moment(c.UpdatedAt))...)}
}

// ActivityRow is an activity; its words are recorded for the history search
// when the Bulk is done.
func ActivityRow(a *domain.Activity) Row {
	vals := append(append([]any{nullID(int64(a.ID))}, activityArgs(&a.ActivityFields)...), moment(a.CreatedAt), moment(a.UpdatedAt))
	return Row{shape: activityRows, vals: vals, words: historyWords(a.Subject, a.Notes)}
}

// ProductRow is a product of the catalog.
func ProductRow(p *domain.Product) Row {
	return Row{shape: productRows, vals: append([]any{nullID(int64(p.ID))},
		productInsertArgs(&p.ProductFields, moment(p.CreatedAt), moment(p.UpdatedAt))...)}
}

// AgreementRow is a price agreement with its history: who ended it and
// when, and the agreement that replaced it, if any.
func AgreementRow(a *domain.Agreement) Row {
	refs := agreementRefs{product: int64(a.ProductID), account: nullID(int64(a.AccountID)), group: nullID(int64(a.GroupID))}
	ended := ""
	if !a.EndedAt.IsZero() {
		ended = moment(a.EndedAt)
	}
	vals := append(append([]any{nullID(int64(a.ID))}, agreementInsertArgs(&a.AgreementFields, refs, a.CreatedBy, moment(a.CreatedAt))...),
		a.EndedBy, ended, nullID(int64(a.ReplacedBy)))
	return Row{shape: agreementRows, vals: vals}
}

// OrderRow is an order's header; its totals and line count are those of
// o.Lines, which go in as OrderLineRow.
func OrderRow(o *domain.Order) Row {
	return Row{shape: orderRows, vals: append([]any{nullID(int64(o.ID))}, orderValues(o)...)}
}

// OrderLineRow is the no-th line of an order.
func OrderLineRow(order domain.OrderID, no int, l *domain.DocumentLine) Row {
	return Row{shape: orderLineRows, vals: append([]any{int64(order), no}, lineArgs(l)...)}
}

// QuoteRow is a quote's current revision; its totals and line count are those
// of q.Lines, which go in as QuoteLineRow.
func QuoteRow(q *domain.Quote) Row {
	return Row{shape: quoteRows, vals: append([]any{nullID(int64(q.ID)), q.Revision}, quoteValues(q)...)}
}

// QuoteRevisionRow is an earlier revision of a quote, kept readable beside
// the current one: q as it was sent, saved at savedAt.
func QuoteRevisionRow(q *domain.Quote, savedAt time.Time) Row {
	t := q.Totals()
	return Row{shape: quoteRevisionRows, vals: []any{int64(q.ID), q.Revision, string(q.Status), int64(q.AccountID), q.Currency,
		nullID(int64(q.ContactID)), q.Date.String(), q.ValidUntil.String(), q.PaymentTerms.Days, boolInt(q.PaymentTerms.EOM),
		q.DeliveryTerms, q.Notes, q.Owner, int64(t.Net), int64(t.VAT), int64(t.Gross), len(q.Lines), moment(savedAt)}}
}

// QuoteLineRow is the no-th line of a quote's revision.
func QuoteLineRow(quote domain.QuoteID, revision, no int, l *domain.DocumentLine) Row {
	return Row{shape: quoteLineRows, vals: append([]any{int64(quote), revision, no}, lineArgs(l)...)}
}

// InvoiceRow is an invoice or credit note with its stored open amount (see
// Allocate); its lines go in as InvoiceLineRow.
func InvoiceRow(inv *domain.Invoice, open domain.Amount) Row {
	return Row{shape: invoiceRows, vals: append([]any{nullID(int64(inv.ID))}, invoiceValues(inv, open)...)}
}

// InvoiceLineRow is a line of an invoice or credit note.
func InvoiceLineRow(invoice domain.InvoiceID, l *domain.InvoiceLine) Row {
	return Row{shape: invoiceLineRows, vals: []any{int64(invoice), l.No, int64(l.ProductID), l.SKU, l.Name, string(l.Unit),
		int64(l.Quantity), int64(l.Price), int64(l.Discount), string(l.VATRate), int64(l.Net())}}
}

// PaymentRow is a payment with what of it is unapplied (see Allocate).
func PaymentRow(p *domain.Payment, unapplied domain.Amount) Row {
	return Row{shape: paymentRows, vals: append([]any{nullID(int64(p.ID))}, paymentValues(&p.PaymentFields, unapplied, p.CreatedAt)...)}
}

// SettlementRow is one settlement of an account's allocation (Allocate).
func SettlementRow(account domain.AccountID, s *domain.Settlement) Row {
	return Row{shape: settlementRows, vals: []any{int64(account), int64(s.Invoice), nullID(int64(s.Payment)),
		nullID(int64(s.CreditNote)), int64(s.Amount)}}
}
