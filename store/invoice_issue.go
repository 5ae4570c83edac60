package store

import (
	"context"
	"database/sql"
	"time"

	"kontor/domain"
)

// issueInvoice issues the invoice of an order that has just become delivered
// (o as it now stands, with its lines), in the transaction that saves the
// delivery, and returns it numbered and stored. It does not reallocate: the
// caller does, once per account (an import delivers many orders).
func issueInvoice(ctx context.Context, tx *sql.Tx, o *domain.Order, now time.Time) (*domain.Invoice, error) {
	nums, err := newInvoiceNumbers(ctx, tx)
	if err != nil {
		return nil, err
	}
	inv, err := issueInvoiceNumbered(ctx, tx, o, nums, now)
	if err != nil {
		return nil, err
	}
	return inv, nums.save(ctx)
}

// issueInvoiceNumbered is issueInvoice with the numbers handed out by nums
// (saved by the caller).
func issueInvoiceNumbered(ctx context.Context, tx *sql.Tx, o *domain.Order, nums *invoiceNumbers, now time.Time) (*domain.Invoice, error) {
	var taken string
	err := tx.QueryRowContext(ctx, `SELECT number FROM invoices WHERE order_id = ? AND kind = 'invoice'`, int64(o.ID)).Scan(&taken)
	if err == nil {
		return nil, errAlreadyInvoiced(o.Number, taken)
	}
	if err != sql.ErrNoRows {
		return nil, err
	}
	inv, err := domain.IssueInvoice(o)
	if err != nil {
		return nil, err
	}
	if err := insertInvoice(ctx, tx, inv, nums, now); err != nil {
		return nil, err
	}
	return inv, nil
}

func errAlreadyInvoiced(order, invoice string) error {
	return domain.Errorf(domain.EConflict, "invoice.order_invoiced", "order {{.Order}} is delivered and invoiced already ({{.Invoice}})",
		map[string]any{"Order": order, "Invoice": invoice})
}

const invoiceInsertColumns = `kind, number, account_id, order_id, corrects_id, reason, issued_on, due_on, terms_days, terms_eom,
	currency, net_minor, vat_minor, gross_minor, open_minor, created_at`

var insertInvoiceSQL = multiInsertSQL("invoices", invoiceInsertColumns, 1)

// invoiceLineColumns are an invoice line's columns after invoice_id.
const invoiceLineColumns = `line_no, product_id, sku, name, unit, qty_e3, price_e4, discount_e2, vat_rate, net_minor`

var insertInvoiceLineSQL = multiInsertSQL("invoice_lines", "invoice_id, "+invoiceLineColumns, 1)

// insertInvoice numbers inv from its kind's series and stores it with its
// lines, setting its ID, Number and CreatedAt. An invoice starts fully open and
// a credit note fully unapplied; the caller reallocates the account.
func insertInvoice(ctx context.Context, tx *sql.Tx, inv *domain.Invoice, nums *invoiceNumbers, now time.Time) error {
	num, err := nums.next(ctx, inv.Kind, inv.Date)
	if err != nil {
		return err
	}
	inv.Number, inv.CreatedAt = num, now.UTC()
	t := inv.Totals
	res, err := tx.ExecContext(ctx, insertInvoiceSQL, string(inv.Kind), inv.Number, int64(inv.AccountID), nullID(int64(inv.OrderID)),
		nullID(int64(inv.Corrects)), inv.Reason, inv.Date.String(), inv.Due.String(), inv.Terms.Days, boolInt(inv.Terms.EOM),
		inv.Currency, int64(t.Net), int64(t.VAT), int64(t.Gross), int64(t.Gross), stamp(now))
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	inv.ID = domain.InvoiceID(id)
	st, err := tx.PrepareContext(ctx, insertInvoiceLineSQL)
	if err != nil {
		return err
	}
	defer st.Close()
	for i := range inv.Lines {
		l := &inv.Lines[i]
		if _, err := st.ExecContext(ctx, id, l.No, int64(l.ProductID), l.SKU, l.Name, string(l.Unit), int64(l.Quantity),
			int64(l.Price), int64(l.Discount), string(l.VATRate), int64(l.Net())); err != nil {
			return err
		}
	}
	return nil
}
