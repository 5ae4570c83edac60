package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store/xfer"
)

// ImportOrders creates or updates the orders of a file, all or nothing. An
// order is known by its order_no: a new number creates the order with the
// file's status; a stored draft takes the file's account, date, status and
// lines; a stored order past draft keeps its lines (the file must repeat them)
// and may only move on along its lifecycle. A blank unit_price is resolved by
// the engine as of the order date on the order's total quantity of the SKU; a
// given price that differs from the engine's is kept as a manual price with the
// file named as its reason. On failure the error is xfer.Errors listing every
// bad row, and nothing is written.
func (t *Transfer) ImportOrders(ctx context.Context, f *xfer.OrderFile) (ImportSummary, error) {
	return t.importOrders(ctx, f, false)
}

// TryImportOrders does what ImportOrders does, then rolls it back: the
// summary of what the file would change, and the time that takes, with the
// database left as it was.
func (t *Transfer) TryImportOrders(ctx context.Context, f *xfer.OrderFile) (ImportSummary, error) {
	return t.importOrders(ctx, f, true)
}

// errRolledBack ends an import run that is only tried.
var errRolledBack = errors.New("import rolled back")

func (t *Transfer) importOrders(ctx context.Context, f *xfer.OrderFile, rollback bool) (ImportSummary, error) {
	var sum ImportSummary
	// A large file inserts into the orders' indexes all over: a larger page cache
	// keeps them in memory (100,000 lines: 13.7 s with SQLite's 2 MB default).
	if f.Rows > 1000 {
		endBulk, err := t.db.bulkWriteMode(ctx)
		if err != nil {
			return sum, err
		}
		defer endBulk()
	}
	var plan *orderPlan
	// checkOrders finds every account and product the file names, and the
	// import writes only rows it makes from those and their new ids (no
	// delete that SQLite would cascade): foreign keys need no enforcing.
	err := t.importRunWith(ctx, t.db.writeChecked, xfer.OrderSchema, f.Errs, func(tx *sql.Tx) (xfer.Errors, error) {
		var err error
		plan, err = checkOrders(ctx, tx, f, domain.DateOf(t.db.now()))
		if err != nil {
			return nil, err
		}
		return plan.errs, nil
	}, func(b *Bulk) error {
		var err error
		if sum, err = plan.apply(b, t.db.now()); err == nil && rollback {
			err = errRolledBack
		}
		return err
	})
	if rollback && errors.Is(err, errRolledBack) {
		err = nil
	}
	return sum, err
}

// importAccount is what a new order takes from its account.
type importAccount struct {
	acct   docAccount
	terms  domain.PaymentTerms
	fields domain.AccountFields // the addresses
}

// storedOrder is what a re-import compares with.
type storedOrder struct {
	id        int64
	status    domain.OrderStatus
	account   int64
	date      domain.Date
	delivered domain.Date
	invoice   string // the invoice's number, once delivered
	lines     []domain.DocumentLine
}

type orderItem struct {
	rec         *xfer.OrderRecord
	acct        *importAccount
	old         *storedOrder // nil: a new order
	fields      domain.OrderFields
	status      domain.OrderStatus
	linesChange bool           // a draft whose lines are replaced
	id          domain.OrderID // the order's id once written
}

type orderPlan struct {
	file  string
	items []*orderItem
	errs  xfer.Errors
}

func checkOrders(ctx context.Context, tx *sql.Tx, f *xfer.OrderFile, today domain.Date) (*orderPlan, error) {
	p := &orderPlan{file: f.File}
	var skus []string
	seen := map[string]bool{}
	for _, o := range f.Orders {
		for _, l := range o.Lines {
			if k := strings.ToUpper(l.SKU); !seen[k] {
				seen[k] = true
				skus = append(skus, l.SKU)
			}
		}
	}
	pricer, err := loadPricer(ctx, tx, true, skus)
	if err != nil {
		return nil, err
	}
	accounts, err := importAccounts(ctx, tx)
	if err != nil {
		return nil, err
	}
	stored, err := storedOrders(ctx, tx, f)
	if err != nil {
		return nil, err
	}
	fail := func(line int, field, key, msg string, args map[string]any) {
		p.errs = append(p.errs, rowErr(f.File, line, domain.FieldError{Field: field, Key: key, Msg: msg, Args: args}))
	}
	for _, rec := range f.Orders {
		it := &orderItem{rec: rec, status: rec.Status}
		it.acct = accounts[domain.CodeKey(rec.AccountCode)]
		ok := it.acct != nil
		if rec.Status == domain.OrderDelivered {
			if e, isErr := domain.AsError(domain.CheckDelivered(rec.Delivered, today)); isErr {
				fail(rec.Lines[0].Line, domain.FieldDeliveredDate, e.Key, e.Msg, e.Args)
				ok = false
			}
		}
		for _, l := range rec.Lines {
			if it.acct == nil && rec.AccountCode != "" {
				fail(l.Line, domain.FieldAccountCode, "account.unknown", "no account with code {{.Value}}", map[string]any{"Value": rec.AccountCode})
			}
		}
		// Lines: the product, the unit's decimals, the document's totals per SKU.
		totals := map[int64]domain.Quantity{}
		entries := make([]*catalogEntry, len(rec.Lines))
		for i, l := range rec.Lines {
			c := pricer.bySKU[strings.ToUpper(strings.TrimSpace(l.SKU))]
			if c == nil {
				if l.SKU != "" {
					fail(l.Line, domain.FieldSKU, "product.unknown_sku", "no product with SKU {{.SKU}}", map[string]any{"SKU": l.SKU})
				}
				ok = false
				continue
			}
			if l.Quantity > 0 {
				if err := c.unit.Check(l.Quantity); err != nil {
					e, _ := domain.AsError(err)
					fail(l.Line, domain.FieldQuantity, e.Key, e.Msg, e.Args)
					ok = false
				}
			}
			entries[i] = c
			totals[int64(c.id)] += l.Quantity
		}
		if !ok || rec.Date.IsZero() {
			continue
		}
		a := it.acct
		target := pricer.target(int64(a.acct.id))
		it.fields = domain.OrderFields{AccountID: a.acct.id, AccountCode: a.acct.code, Date: rec.Date,
			DeliveryAddress: (&domain.Account{AccountFields: a.fields}).ShippingAddress(), PaymentTerms: a.terms, Owner: a.acct.owner}
		for i, l := range rec.Lines {
			c := entries[i]
			dl := pricer.line(target, c, l.Quantity, totals[int64(c.id)], rec.Date)
			dl.Discount = l.Discount
			if l.HasPrice && l.Price != dl.Price {
				dl.SetManualPrice(l.Price, "imported from "+f.File)
			}
			it.fields.Lines = append(it.fields.Lines, dl)
		}
		// The rules every order obeys, however it is made — the line count,
		// each line's amount and the document's — reported on the rows at fault.
		if e, ok := domain.AsError(it.fields.Validate()); ok {
			for _, fe := range e.Fields {
				line, field := rec.Lines[0].Line, fe.Field
				if i, f, ok := domain.ParseLineField(fe.Field); ok && i < len(rec.Lines) {
					line, field = rec.Lines[i].Line, f
				}
				fail(line, field, fe.Key, fe.Msg, fe.Args)
			}
			continue
		}
		if old := stored[xfer.OrderKey(rec.Number)]; old != nil {
			it.old = old
			if !p.checkReimport(it) {
				continue
			}
		}
		p.items = append(p.items, it)
	}
	return p, nil
}

// checkReimport decides what a row set does to a stored order, reporting on
// the order's first row what it may not do.
func (p *orderPlan) checkReimport(it *orderItem) bool {
	old, rec := it.old, it.rec
	first := rec.Lines[0].Line
	fail := func(field, key, msg string, args map[string]any) bool {
		p.errs = append(p.errs, rowErr(p.file, first, domain.FieldError{Field: field, Key: key, Msg: msg, Args: args}))
		return false
	}
	same := old.account == int64(it.fields.AccountID) && old.date == rec.Date && domain.SameLines(old.lines, it.fields.Lines)
	if same && old.status == rec.Status && old.delivered == rec.Delivered {
		return true // unchanged
	}
	if old.status == domain.OrderDelivered {
		// Its invoice is issued: an order is delivered and invoiced once.
		return fail(domain.FieldStatus, "order.delivered_invoiced", "order {{.Number}} is delivered and invoiced ({{.Invoice}}): it cannot change",
			map[string]any{"Number": rec.Number, "Invoice": old.invoice})
	}
	if old.status == domain.OrderDraft {
		it.linesChange = true
		return true
	}
	switch {
	case old.account != int64(it.fields.AccountID):
		return fail(domain.FieldAccountCode, "order.account_locked", "order {{.Number}} is {{.Status}}: it stays with its account",
			map[string]any{"Number": rec.Number, "Status": string(old.status)})
	case old.date != rec.Date:
		return fail(domain.FieldOrderDate, "order.date_locked", "order {{.Number}} is {{.Status}}: its date cannot change",
			map[string]any{"Number": rec.Number, "Status": string(old.status)})
	case !domain.SameLines(old.lines, it.fields.Lines):
		return fail(domain.FieldSKU, "order.lines_locked", "order {{.Number}} is {{.Status}}: its lines cannot change",
			map[string]any{"Number": rec.Number, "Status": string(old.status)})
	}
	if !old.status.CanBecome(rec.Status) {
		return fail(domain.FieldStatus, "order.transition", "a {{.From}} order cannot become {{.To}}",
			map[string]any{"From": string(old.status), "To": string(rec.Status)})
	}
	return true
}

// importAccounts reads every account by code key, with what a new order copies.
func importAccounts(ctx context.Context, tx *sql.Tx) (map[string]*importAccount, error) {
	out := map[string]*importAccount{}
	err := EachRow(ctx, tx, `SELECT id, code, name, '`+domain.CatalogCurrency+`', owner, terms_days, terms_eom, street, postal_code, city, country,
		ship_street, ship_postal_code, ship_city, ship_country FROM accounts`, func(rows *sql.Rows) error {
		a := &importAccount{}
		f := &a.fields
		err := rows.Scan(&a.acct.id, &a.acct.code, &a.acct.name, &a.acct.currency, &a.acct.owner, &a.terms.Days, &a.terms.EOM,
			&f.Street, &f.PostalCode, &f.City, &f.Country, &f.ShipStreet, &f.ShipPostal, &f.ShipCity, &f.ShipCountry)
		out[domain.CodeKey(a.acct.code)] = a
		return err
	})
	return out, err
}

// storedOrders reads the stored orders whose numbers the file names, with their lines.
func storedOrders(ctx context.Context, tx *sql.Tx, f *xfer.OrderFile) (map[string]*storedOrder, error) {
	nums := make([]string, len(f.Orders))
	for i, o := range f.Orders {
		nums[i] = o.Number
	}
	b, _ := json.Marshal(nums)
	out := map[string]*storedOrder{}
	byID := map[int64]*storedOrder{}
	rows, err := tx.QueryContext(ctx, `SELECT o.id, o.number, o.status, o.account_id, o.ordered_on, o.delivered_on,
		coalesce(i.number, '') FROM orders o LEFT JOIN invoices i ON i.order_id = o.id AND i.kind = 'invoice'
		WHERE o.number IN (SELECT value FROM json_each(?))`, string(b))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var o storedOrder
		var number string
		if err := rows.Scan(&o.id, &number, &o.status, &o.account, onDate(&o.date), onDate(&o.delivered), &o.invoice); err != nil {
			rows.Close()
			return nil, err
		}
		out[xfer.OrderKey(number)] = &o
		byID[o.id] = &o
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(byID) == 0 {
		return out, err
	}
	ids := make([]int64, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	b, _ = json.Marshal(ids)
	rows, err = tx.QueryContext(ctx, `SELECT order_id, `+lineColumns+` FROM order_lines
		WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY order_id, line_no`, string(b))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var l domain.DocumentLine
		var net int64
		if err := rows.Scan(&id, &l.ProductID, &l.SKU, &l.Name, &l.Unit, &l.Quantity, &l.Price, &l.EnginePrice, &l.Source,
			&l.ManualReason, &l.Discount, &l.VATRate, &net); err != nil {
			return nil, err
		}
		byID[id].lines = append(byID[id].lines, l)
	}
	return out, rows.Err()
}

// apply writes the plan. New orders get ids after the largest stored one and
// go in by groups, with their lines; their daily counts are added with one
// GROUP BY instead of a trigger per order.
func (p *orderPlan) apply(b *Bulk, now time.Time) (ImportSummary, error) {
	ctx, tx := b.ctx, b.tx
	var sum ImportSummary
	var base domain.OrderID
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM orders`).Scan(&base); err != nil {
		return sum, err
	}
	// Lines go in by groups that may run ahead of their orders' group: the
	// foreign keys are checked at commit instead (the setting ends with the transaction).
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return sum, err
	}
	// Many new orders: their daily counts are added with one GROUP BY instead of
	// a trigger per order (dropping the triggers costs a schema change, so a few
	// orders keep them).
	created := 0
	for _, it := range p.items {
		if it.old == nil {
			created++
		}
	}
	restoreTriggers := func() error { return nil }
	if created > 100 {
		var err error
		if restoreTriggers, err = b.SuspendTriggers(Orders); err != nil {
			return sum, err
		}
	}
	writeLines := func(id domain.OrderID, lines []domain.DocumentLine) error {
		for i := range lines {
			if err := b.Add(OrderLineRow(id, i+1, &lines[i])); err != nil {
				return err
			}
		}
		return nil
	}
	next := base
	for _, it := range p.items {
		if it.old != nil {
			continue
		}
		next++
		it.id = next
		st := orderState{number: it.rec.Number, status: it.status, delivered: it.rec.Delivered}
		if st.status == domain.OrderCancelled {
			st.cancelReason = "imported from " + p.file + " as cancelled"
		}
		o := st.order(&it.fields, &it.acct.acct, now)
		o.ID = next
		if err := b.Add(OrderRow(o)); err != nil {
			return sum, numberTakenOr(err, "")
		}
		if err := writeLines(next, it.fields.Lines); err != nil {
			return sum, err
		}
		sum.Created++
	}
	if err := b.Flush(); err != nil {
		return sum, numberTakenOr(err, "")
	}
	if created > 100 {
		if err := b.CountOrders(base); err != nil {
			return sum, err
		}
	}
	if err := restoreTriggers(); err != nil {
		return sum, err
	}
	at := moment(now)
	for _, it := range p.items {
		st := orderState{number: it.rec.Number, status: it.status, delivered: it.rec.Delivered}
		if st.status == domain.OrderCancelled {
			st.cancelReason = "imported from " + p.file + " as cancelled"
		}
		switch {
		case it.old == nil: // written above
		case it.linesChange:
			t := it.fields.Totals()
			d := it.fields.DeliveryAddress
			if _, err := tx.ExecContext(ctx, `UPDATE orders SET status = ?, account_id = ?, ordered_on = ?, delivered_on = ?,
				cancel_reason = ?, delivery_street = ?, delivery_postal = ?, delivery_city = ?, delivery_country = ?, currency = ?,
				net_minor = ?, vat_minor = ?, gross_minor = ?, line_count = ?, version = version + 1, updated_at = ? WHERE id = ?`,
				string(st.status), int64(it.fields.AccountID), it.fields.Date.String(), nullDate(st.delivered), st.cancelReason,
				d.Street, d.PostalCode, d.City, d.Country, it.acct.acct.currency, int64(t.Net), int64(t.VAT), int64(t.Gross),
				len(it.fields.Lines), at, it.old.id); err != nil {
				return sum, err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM order_lines WHERE order_id = ?`, it.old.id); err != nil {
				return sum, err
			}
			if err := writeLines(domain.OrderID(it.old.id), it.fields.Lines); err != nil {
				return sum, err
			}
			sum.Updated++
		case it.old.status == st.status && it.old.delivered == st.delivered:
			sum.Unchanged++
		default:
			if _, err := tx.ExecContext(ctx, `UPDATE orders SET status = ?, delivered_on = ?, cancel_reason = ?,
				version = version + 1, updated_at = ? WHERE id = ?`, string(st.status), nullDate(st.delivered), st.cancelReason,
				at, it.old.id); err != nil {
				return sum, err
			}
			sum.Updated++
		}
	}
	// The invoices read the lines of orders updated above.
	if err := b.Flush(); err != nil {
		return sum, err
	}
	return sum, p.invoiceDelivered(ctx, tx, now)
}

// invoiceDelivered issues the invoices of the orders the file delivers, in
// file order, and reallocates each account once. The import runs no credit
// control on confirmed orders: the file is bulk data from another system,
// where the orders were taken and approved already.
func (p *orderPlan) invoiceDelivered(ctx context.Context, tx *sql.Tx, now time.Time) error {
	w, err := newInvoiceWriter(ctx, tx, now)
	if err != nil {
		return err
	}
	var accounts []domain.AccountID
	seen := map[domain.AccountID]bool{}
	for _, it := range p.items {
		if it.status != domain.OrderDelivered || it.old != nil && it.old.status == domain.OrderDelivered {
			continue
		}
		var o *domain.Order
		if it.old == nil {
			// New: the order is what the plan wrote, and has no invoice yet.
			o = &domain.Order{ID: it.id, OrderFields: it.fields, Number: it.rec.Number, Status: domain.OrderDelivered,
				DeliveredOn: it.rec.Delivered, AccountName: it.acct.acct.name, Currency: it.acct.acct.currency}
			err = w.issueNew(ctx, o)
		} else if o, err = findOrder(ctx, tx, `o.id = ?`, it.old.id); err == nil {
			_, err = w.issue(ctx, o)
		}
		if err != nil {
			w.abandon()
			return err
		}
		if !seen[o.AccountID] {
			seen[o.AccountID] = true
			accounts = append(accounts, o.AccountID)
		}
	}
	if err := w.close(ctx); err != nil {
		return err
	}
	return reallocateAfterInvoices(ctx, tx, accounts)
}
