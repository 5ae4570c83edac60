package store

import (
	"context"
	"database/sql"
	"strings"

	"kontor/domain"
)

// InvoiceService implements domain.InvoiceService. Invoices are issued by the
// order service on delivery; this service reads them and issues credit notes.
type InvoiceService struct{ db *DB }

// NewInvoiceService returns the invoice service over db.
func NewInvoiceService(db *DB) *InvoiceService { return &InvoiceService{db: db} }

var _ domain.InvoiceService = (*InvoiceService)(nil)

const invoiceColumns = `i.id, i.kind, i.number, i.account_id, a.code, a.name, coalesce(i.order_id, 0), coalesce(o.number, ''),
	coalesce(i.corrects_id, 0), coalesce(c.number, ''), i.reason, i.issued_on, i.due_on, i.terms_days, i.terms_eom, i.currency,
	i.net_minor, i.vat_minor, i.gross_minor, i.created_at`

const invoiceFrom = ` FROM invoices i JOIN accounts a ON a.id = i.account_id LEFT JOIN orders o ON o.id = i.order_id
	LEFT JOIN invoices c ON c.id = i.corrects_id `

func invoiceNotFound() error {
	return domain.Errorf(domain.ENotFound, "invoice.not_found", "the invoice does not exist", nil)
}

// findInvoice reads one invoice or credit note with its lines.
func findInvoice(ctx context.Context, q queryer, where string, arg any) (*domain.Invoice, error) {
	var inv domain.Invoice
	t := &inv.Totals
	err := q.QueryRowContext(ctx, `SELECT `+invoiceColumns+invoiceFrom+`WHERE `+where, arg).Scan(&inv.ID, &inv.Kind, &inv.Number,
		&inv.AccountID, &inv.AccountCode, &inv.AccountName, &inv.OrderID, &inv.OrderNumber, &inv.Corrects, &inv.CorrectsNumber,
		&inv.Reason, onDate(&inv.Date), onDate(&inv.Due), &inv.Terms.Days, &inv.Terms.EOM, &inv.Currency, &t.Net, &t.VAT, &t.Gross,
		atTime(&inv.CreatedAt))
	if err == sql.ErrNoRows {
		return nil, invoiceNotFound()
	}
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT `+invoiceLineColumns+` FROM invoice_lines WHERE invoice_id = ? ORDER BY line_no`, int64(inv.ID))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var l domain.InvoiceLine
		var net int64
		if err := rows.Scan(&l.No, &l.ProductID, &l.SKU, &l.Name, &l.Unit, &l.Quantity, &l.Price, &l.Discount, &l.VATRate, &net); err != nil {
			return nil, err
		}
		l.EnginePrice = l.Price
		inv.Lines = append(inv.Lines, l)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// The per-rate table comes from the lines (the stored totals were computed
	// from them by the same rule); a credit note's is negative like its totals.
	byRate := domain.ComputeTotals(inv.DocumentLines()).ByRate
	if inv.Kind == domain.KindCreditNote {
		for k := range byRate {
			v := &byRate[k]
			v.Net, v.VAT, v.Gross = -v.Net, -v.VAT, -v.Gross
		}
	}
	t.ByRate = byRate
	if inv.Kind == domain.KindCreditNote && !ratesAddUp(t) {
		if t.ByRate, err = lastNoteRates(ctx, q, &inv); err != nil {
			return nil, err
		}
	}
	return &inv, nil
}

// ratesAddUp reports whether the per-rate table sums to the stored totals.
func ratesAddUp(t *domain.Totals) bool {
	var net, vat domain.Amount
	for _, v := range t.ByRate {
		net, vat = net+v.Net, vat+v.VAT
	}
	return net == t.Net && vat == t.VAT
}

// lastNoteRates is the per-rate table of the note that credited the last of
// its invoice: it took what the earlier notes left, rate by rate, which can
// be a grosz off what its lines compute.
func lastNoteRates(ctx context.Context, q queryer, note *domain.Invoice) ([]domain.VATTotal, error) {
	orig, err := findInvoice(ctx, q, `i.id = ?`, int64(note.Corrects))
	if err != nil {
		return nil, err
	}
	var earlier []*domain.Invoice
	var ids []int64
	if err := EachRow(ctx, q, `SELECT id FROM invoices WHERE corrects_id = ? AND id < ? ORDER BY id`, func(rows *sql.Rows) error {
		var id int64
		err := rows.Scan(&id)
		ids = append(ids, id)
		return err
	}, int64(note.Corrects), int64(note.ID)); err != nil {
		return nil, err
	}
	for _, id := range ids {
		n, err := findInvoice(ctx, q, `i.id = ?`, id)
		if err != nil {
			return nil, err
		}
		earlier = append(earlier, n)
	}
	var out []domain.VATTotal
	for _, v := range domain.LeftToCredit(orig, earlier, note.DocumentLines()).ByRate {
		out = append(out, domain.VATTotal{Rate: v.Rate, Net: -v.Net, VAT: -v.VAT, Gross: -v.Gross})
	}
	return out, nil
}

func (s *InvoiceService) find(ctx context.Context, where string, arg any) (*domain.Invoice, error) {
	var out *domain.Invoice
	err := s.db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = findInvoice(ctx, tx, where, arg)
		return err
	})
	return out, wrap("find invoice", err)
}

// FindInvoiceByID returns an invoice or credit note with its lines.
func (s *InvoiceService) FindInvoiceByID(ctx context.Context, id domain.InvoiceID) (*domain.Invoice, error) {
	return s.find(ctx, `i.id = ?`, int64(id))
}

// FindInvoiceByNumber returns the invoice or credit note with this number (any case).
func (s *InvoiceService) FindInvoiceByNumber(ctx context.Context, number string) (*domain.Invoice, error) {
	return s.find(ctx, `i.number = ?`, strings.TrimSpace(number))
}

// FindInvoiceByOrder returns the invoice of a delivered order.
func (s *InvoiceService) FindInvoiceByOrder(ctx context.Context, order domain.OrderID) (*domain.Invoice, error) {
	return s.find(ctx, `i.order_id = ? AND i.kind = 'invoice'`, int64(order))
}

// invoiceRowColumns are an InvoiceRow's columns in scanInvoiceRow's order.
const invoiceRowColumns = `i.id, i.kind, i.number, i.account_id, a.code, a.name, coalesce(o.number, ''), i.issued_on, i.due_on,
	i.net_minor, i.gross_minor, i.open_minor`

const invoiceRowFrom = ` FROM invoices i JOIN accounts a ON a.id = i.account_id LEFT JOIN orders o ON o.id = i.order_id `

// scanInvoiceRow reads a list row. Paid is gross − open: for a credit note,
// whose open amount is minus the credit it still gives, Paid is minus what of
// it has settled invoices.
func scanInvoiceRow(sc interface{ Scan(...any) error }) (domain.InvoiceRow, error) {
	var r domain.InvoiceRow
	err := sc.Scan(&r.ID, &r.Kind, &r.Number, &r.AccountID, &r.AccountCode, &r.AccountName, &r.OrderNumber, onDate(&r.Date),
		onDate(&r.Due), &r.Net, &r.Gross, &r.Open)
	r.Paid = r.Gross - r.Open
	return r, err
}

// FindInvoices lists invoices and credit notes newest first with the number matching.
func (s *InvoiceService) FindInvoices(ctx context.Context, f domain.InvoiceFilter) ([]domain.InvoiceRow, int, error) {
	var where []string
	var args []any
	if f.Account != 0 {
		where, args = append(where, `i.account_id = ?`), append(args, int64(f.Account))
	}
	if !f.From.IsZero() {
		where, args = append(where, `i.issued_on >= ?`), append(args, f.From.String())
	}
	if !f.To.IsZero() {
		where, args = append(where, `i.issued_on <= ?`), append(args, f.To.String())
	}
	if f.OpenOnly {
		where = append(where, `i.open_minor <> 0`)
	}
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, ` AND `)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = domain.DefaultDocumentPage
	}
	var out []domain.InvoiceRow
	var total int
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM invoices i`+cond, args...).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+invoiceRowColumns+invoiceRowFrom+cond+
			` ORDER BY i.issued_on DESC, i.id DESC`+pageClause(f.Offset, limit), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanInvoiceRow(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, total, wrap("find invoices", err)
}

// IssueCreditNote checks the request against the invoice and its earlier
// credit notes (domain.BuildCreditNote), numbers the note from the credit-note
// series of its date and saves it, then reallocates the account, in one
// transaction.
func (s *InvoiceService) IssueCreditNote(ctx context.Context, r domain.CreditNoteRequest) (*domain.Invoice, error) {
	var out *domain.Invoice
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		orig, err := findInvoice(ctx, tx, `i.id = ?`, int64(r.Invoice))
		if err != nil {
			return err
		}
		var earlier []*domain.Invoice
		var ids []int64
		if err := EachRow(ctx, tx, `SELECT id FROM invoices WHERE corrects_id = ? ORDER BY id`, func(rows *sql.Rows) error {
			var id int64
			ids = append(ids, id)
			return rows.Scan(&ids[len(ids)-1])
		}, int64(orig.ID)); err != nil {
			return err
		}
		for _, id := range ids {
			n, err := findInvoice(ctx, tx, `i.id = ?`, id)
			if err != nil {
				return err
			}
			earlier = append(earlier, n)
		}
		note, err := domain.BuildCreditNote(orig, earlier, r)
		if err != nil {
			return err
		}
		if err := insertInvoice(ctx, tx, note, s.db.now()); err != nil {
			return err
		}
		if err := reallocate(ctx, tx, note.AccountID); err != nil {
			return err
		}
		out, err = findInvoice(ctx, tx, `i.id = ?`, int64(note.ID))
		return err
	})
	return out, err
}
