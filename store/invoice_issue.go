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
	w, err := newInvoiceWriter(ctx, tx, now)
	if err != nil {
		return nil, err
	}
	inv, err := w.issue(ctx, o)
	if err != nil {
		w.abandon()
		return nil, err
	}
	return inv, w.close(ctx)
}

// insertInvoice numbers and stores one invoice or credit note (see invoiceWriter.insert).
func insertInvoice(ctx context.Context, tx *sql.Tx, inv *domain.Invoice, now time.Time) error {
	w, err := newInvoiceWriter(ctx, tx, now)
	if err != nil {
		return err
	}
	if err := w.insert(ctx, inv); err != nil {
		w.abandon()
		return err
	}
	return w.close(ctx)
}

// invoiceWriter stores invoices within one transaction with its statements
// prepared once and the lines written by groups: an orders import issues
// tens of thousands. close must be called for the lines and counters to be
// written (abandon when the transaction fails anyway).
type invoiceWriter struct {
	tx       *sql.Tx
	nums     *invoiceNumbers
	ksef     *ksefBuilder // each invoice's FA(3) file, built as it is issued
	now      time.Time
	invoiced *sql.Stmt
	head     *sql.Stmt
	lines    *batch
}

const invoiceInsertColumns = `kind, number, account_id, order_id, corrects_id, reason, issued_on, due_on, terms_days, terms_eom,
	currency, net_minor, vat_minor, gross_minor, open_minor, created_at`

// invoiceValues are an invoice's or credit note's values, with the open
// amount it starts with.
func invoiceValues(inv *domain.Invoice, open domain.Amount) []any {
	t := inv.Totals
	return []any{string(inv.Kind), inv.Number, int64(inv.AccountID), nullID(int64(inv.OrderID)), nullID(int64(inv.Corrects)),
		inv.Reason, inv.Date.String(), inv.Due.String(), inv.Terms.Days, boolInt(inv.Terms.EOM), inv.Currency,
		int64(t.Net), int64(t.VAT), int64(t.Gross), int64(open), moment(inv.CreatedAt)}
}

// invoiceLineColumns are an invoice line's columns after invoice_id.
const invoiceLineColumns = `line_no, product_id, sku, name, unit, qty_e3, price_e4, discount_e2, vat_rate, net_minor`

func newInvoiceWriter(ctx context.Context, tx *sql.Tx, now time.Time) (*invoiceWriter, error) {
	w := &invoiceWriter{tx: tx, now: now, lines: newBatch(invoiceLineRows)}
	var err error
	if w.nums, err = newInvoiceNumbers(ctx, tx); err != nil {
		return nil, err
	}
	if w.ksef, err = newKSeFBuilder(ctx, tx, now); err != nil {
		w.nums.taken.Close()
		return nil, err
	}
	if w.invoiced, err = tx.PrepareContext(ctx, `SELECT number FROM invoices WHERE order_id = ? AND kind = 'invoice'`); err == nil {
		w.head, err = tx.PrepareContext(ctx, insertSQL("invoices", invoiceInsertColumns, 1))
	}
	if err != nil {
		w.abandon()
		return nil, err
	}
	return w, nil
}

// issue issues the invoice of a delivered order, refusing an order invoiced already.
func (w *invoiceWriter) issue(ctx context.Context, o *domain.Order) (*domain.Invoice, error) {
	var taken string
	err := w.invoiced.QueryRowContext(ctx, int64(o.ID)).Scan(&taken)
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
	return inv, w.insert(ctx, inv)
}

// issueNew issues the invoice of an order created in this transaction,
// which cannot have one yet (an import's new orders: no lookup each).
func (w *invoiceWriter) issueNew(ctx context.Context, o *domain.Order) error {
	inv, err := domain.IssueInvoice(o)
	if err != nil {
		return err
	}
	return w.insert(ctx, inv)
}

func errAlreadyInvoiced(order, invoice string) error {
	return domain.Errorf(domain.EConflict, "invoice.order_invoiced", "order {{.Order}} is delivered and invoiced already ({{.Invoice}})",
		map[string]any{"Order": order, "Invoice": invoice})
}

// insert numbers inv from its kind's series and stores it, setting its ID,
// Number and CreatedAt, with its FA(3) file (or why it cannot be built yet).
// The header is written at once, so that its lines (written by groups) always
// follow it; an invoice starts fully open and a credit note fully unapplied:
// the caller reallocates the account.
func (w *invoiceWriter) insert(ctx context.Context, inv *domain.Invoice) error {
	num, err := w.nums.next(ctx, inv.Kind, inv.Date)
	if err != nil {
		return err
	}
	inv.Number, inv.CreatedAt = num, w.now.UTC()
	res, err := w.head.ExecContext(ctx, invoiceValues(inv, inv.Totals.Gross)...)
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	inv.ID = domain.InvoiceID(id)
	for i := range inv.Lines {
		if err := w.lines.add(ctx, w.tx, InvoiceLineRow(inv.ID, &inv.Lines[i]).vals); err != nil {
			return err
		}
	}
	return w.ksef.build(ctx, inv)
}

// close writes the lines still grouped and the series' counters.
func (w *invoiceWriter) close(ctx context.Context) error {
	w.invoiced.Close()
	w.head.Close()
	w.ksef.close()
	defer w.lines.close()
	if err := w.lines.flush(ctx, w.tx); err != nil {
		w.nums.taken.Close()
		return err
	}
	return w.nums.save(ctx)
}

// abandon releases the statements of a writer whose transaction is rolled back.
func (w *invoiceWriter) abandon() {
	if w.ksef != nil {
		w.ksef.close()
	}
	for _, st := range []*sql.Stmt{w.invoiced, w.head, w.nums.taken} {
		if st != nil {
			st.Close()
		}
	}
	w.lines.close()
}
