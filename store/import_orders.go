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

// errRolledBack ends an import run only to be measured.
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
	err := t.importRun(ctx, xfer.OrderSchema, f.Errs, func(tx *sql.Tx) (xfer.Errors, error) {
		var err error
		plan, err = checkOrders(ctx, tx, f, domain.DateOf(t.db.now()))
		if err != nil {
			return nil, err
		}
		return plan.errs, nil
	}, func(tx *sql.Tx) error {
		var err error
		if sum, err = plan.apply(ctx, tx, t.db.now()); err == nil && rollback {
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
	linesChange bool  // a draft whose lines are replaced
	id          int64 // the order's id once written
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
	pricer, err := loadBulkPricer(ctx, tx, true, skus)
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
	var buf []*domain.Agreement
	for _, rec := range f.Orders {
		it := &orderItem{rec: rec, status: rec.Status}
		it.acct = accounts[xfer.CodeKey(rec.AccountCode)]
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
			price, src := pricer.price(target, c, totals[int64(c.id)], rec.Date, buf)
			dl := domain.DocumentLine{ProductID: c.id, SKU: c.sku, Name: c.name, Unit: c.unit, Quantity: l.Quantity,
				Price: price, EnginePrice: price, Source: src, Discount: l.Discount, VATRate: c.vat}
			if l.HasPrice && l.Price != price {
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
	err := collect(ctx, tx, `SELECT id, code, name, '`+domain.CatalogCurrency+`', owner, terms_days, terms_eom, street, postal_code, city, country,
		ship_street, ship_postal_code, ship_city, ship_country FROM accounts`, func(rows *sql.Rows) error {
		a := &importAccount{}
		f := &a.fields
		err := rows.Scan(&a.acct.id, &a.acct.code, &a.acct.name, &a.acct.currency, &a.acct.owner, &a.terms.Days, &a.terms.EOM,
			&f.Street, &f.PostalCode, &f.City, &f.Country, &f.ShipStreet, &f.ShipPostal, &f.ShipCity, &f.ShipCountry)
		out[xfer.CodeKey(a.acct.code)] = a
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
		var number, on string
		var delivered sql.NullString
		if err := rows.Scan(&o.id, &number, &o.status, &o.account, &on, &delivered, &o.invoice); err != nil {
			rows.Close()
			return nil, err
		}
		o.date, _ = domain.ParseDate(on)
		o.delivered = scanDate(delivered)
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

// batch inserts rows demoRowsPerInsert at a time with one multi-row INSERT,
// the rest one by one: the driver's cost per statement is paid once a group.
type batch struct {
	ctx       context.Context
	tx        *sql.Tx
	full, one *sql.Stmt
	args      []any
	rows      int
}

func newBatch(ctx context.Context, tx *sql.Tx, table, columns string) (*batch, error) {
	b := &batch{ctx: ctx, tx: tx}
	var err error
	if b.full, err = tx.PrepareContext(ctx, multiInsertSQL(table, columns, demoRowsPerInsert)); err != nil {
		return nil, err
	}
	if b.one, err = tx.PrepareContext(ctx, multiInsertSQL(table, columns, 1)); err != nil {
		b.full.Close()
		return nil, err
	}
	return b, nil
}

func (b *batch) add(row ...any) error {
	b.args = append(b.args, row...)
	if b.rows++; b.rows < demoRowsPerInsert {
		return nil
	}
	_, err := b.full.ExecContext(b.ctx, b.args...)
	b.args, b.rows = b.args[:0], 0
	return err
}

// flush writes the rows left and closes the statements.
func (b *batch) flush() error {
	defer b.full.Close()
	defer b.one.Close()
	if b.rows == 0 {
		return nil
	}
	n := len(b.args) / b.rows
	for k := 0; k < b.rows; k++ {
		if _, err := b.one.ExecContext(b.ctx, b.args[k*n:(k+1)*n]...); err != nil {
			return err
		}
	}
	b.args, b.rows = b.args[:0], 0
	return nil
}

// apply writes the plan. New orders get ids after the largest stored one and
// go in by groups, with their lines; their daily counts are added with one
// GROUP BY instead of a trigger per order.
func (p *orderPlan) apply(ctx context.Context, tx *sql.Tx, now time.Time) (ImportSummary, error) {
	var sum ImportSummary
	at := stamp(now)
	var base int64
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
		if restoreTriggers, err = suspendSchema(ctx, tx, "orders", "trigger"); err != nil {
			return sum, err
		}
	}
	orders, err := newBatch(ctx, tx, "orders", "id, "+orderInsertColumns)
	if err != nil {
		return sum, err
	}
	lines, err := newBatch(ctx, tx, "order_lines", "order_id, line_no, "+lineColumns)
	if err != nil {
		return sum, err
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
		if err := orders.add(append([]any{next}, orderInsertArgs(&it.fields, &it.acct.acct, st, at)...)...); err != nil {
			return sum, numberTakenOr(err, "")
		}
		for i := range it.fields.Lines {
			if err := lines.add(append([]any{next, i + 1}, lineArgs(&it.fields.Lines[i])...)...); err != nil {
				return sum, err
			}
		}
		sum.Created++
	}
	if err := orders.flush(); err != nil {
		return sum, numberTakenOr(err, "")
	}
	if err := lines.flush(); err != nil {
		return sum, err
	}
	if created > 100 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO order_counts (ordered_on, status, owner, n)
			SELECT ordered_on, status, owner, count(*) FROM orders WHERE id > ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
			ON CONFLICT (ordered_on, status, owner) DO UPDATE SET n = n + excluded.n`, base); err != nil {
			return sum, err
		}
	}
	if err := restoreTriggers(); err != nil {
		return sum, err
	}
	insLine, err := tx.PrepareContext(ctx, multiInsertSQL("order_lines", "order_id, line_no, "+lineColumns, 1))
	if err != nil {
		return sum, err
	}
	defer insLine.Close()
	writeLines := func(id int64, lines []domain.DocumentLine) error {
		for i := range lines {
			if _, err := insLine.ExecContext(ctx, append([]any{id, i + 1}, lineArgs(&lines[i])...)...); err != nil {
				return err
			}
		}
		return nil
	}
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
			if err := writeLines(it.old.id, it.fields.Lines); err != nil {
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
			o = &domain.Order{ID: domain.OrderID(it.id), OrderFields: it.fields, Number: it.rec.Number, Status: domain.OrderDelivered,
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
