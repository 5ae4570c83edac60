package domaintest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"kontor/domain"
)

func orderNotFound() error {
	return domain.Errorf(domain.ENotFound, "order.not_found", "the order does not exist (it may have been deleted)", nil)
}

// insertOrder numbers and stores a new draft order. The caller holds d.mu.
func (d *Documents) insertOrder(f domain.OrderFields) *domain.Order {
	d.nextID++
	now := d.cat.now()
	o := &domain.Order{ID: domain.OrderID(d.nextID), OrderFields: f, Number: d.number(domain.KindOrder, d.settings.Orders, f.Date),
		Status: domain.OrderDraft, Currency: domain.CatalogCurrency, Version: 1, CreatedAt: now, UpdatedAt: now}
	d.orders[o.ID] = o
	d.Writes++
	return o
}

// viewOrder is a copy of an order with its account, contact and quote as they
// are now (a deleted contact or quote leaves none), as the store joins them.
// The caller holds d.mu.
func (d *Documents) viewOrder(o *domain.Order) *domain.Order {
	c := copyOrder(o)
	if code, name, ok := d.cat.accounts.names(c.AccountID); ok {
		c.AccountCode, c.AccountName = code, name
	}
	c.ContactID, c.ContactName = d.contactOf(c.ContactID)
	c.QuoteNumber = ""
	if st, ok := d.quotes[c.QuoteID]; ok {
		c.QuoteNumber = st.cur.Number
	}
	return c
}

// FindOrderByID returns one order.
func (d *Documents) FindOrderByID(ctx context.Context, id domain.OrderID) (*domain.Order, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	o, ok := d.orders[id]
	if !ok {
		return nil, orderNotFound()
	}
	return d.viewOrder(o), ctxErr(ctx)
}

// FindOrderByNumber returns the order with this number (ignoring case).
func (d *Documents) FindOrderByNumber(ctx context.Context, number string) (*domain.Order, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, o := range d.orders {
		if strings.EqualFold(o.Number, strings.TrimSpace(number)) {
			return d.viewOrder(o), ctxErr(ctx)
		}
	}
	return nil, orderNotFound()
}

// FindOrders lists orders matching the filter.
func (d *Documents) FindOrders(ctx context.Context, f domain.OrderFilter) ([]domain.OrderRow, int, error) {
	for _, st := range f.Statuses {
		if !st.Valid() {
			return nil, 0, domain.Errorf(domain.EInvalid, "order.status_invalid",
				"{{.Value}} is not an order status (draft, confirmed, delivered, cancelled)", map[string]any{"Value": string(st)})
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	var rows []domain.OrderRow
	for _, stored := range d.orders {
		o := d.viewOrder(stored)
		if !matchDoc(&f.DocumentFilter, o.AccountID, o.Owner, o.Date) || len(f.Statuses) > 0 && !slices.Contains(f.Statuses, o.Status) {
			continue
		}
		rows = append(rows, domain.OrderRow{ID: o.ID, DocumentRow: docRow(o.Number, o.AccountID, o.AccountCode, o.AccountName,
			o.Owner, o.Date, o.Currency, o.Lines), Status: o.Status, DeliveredOn: o.DeliveredOn})
	}
	slices.SortFunc(rows, func(a, b domain.OrderRow) int {
		return compareRows(&f.DocumentFilter, &a.DocumentRow, &b.DocumentRow, int64(a.ID), int64(b.ID))
	})
	return page(rows, max(f.Offset, 0), limit(f.Limit)), len(rows), ctxErr(ctx)
}

// CreateOrder numbers and stores a new draft order.
func (d *Documents) CreateOrder(ctx context.Context, f domain.OrderFields) (*domain.Order, error) {
	f.Lines = slices.Clone(f.Lines)
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.prepareOrder(ctx, &f); err != nil {
		return nil, err
	}
	return d.viewOrder(d.insertOrder(f)), ctxErr(ctx)
}

// prepareOrder is prepare for an order, with the account's owner by default.
// The caller holds d.mu.
func (d *Documents) prepareOrder(ctx context.Context, f *domain.OrderFields) error {
	acc, err := d.prepare(ctx, "order.invalid", "the order is not valid", f.Validate, &f.AccountID, &f.AccountCode, f.ContactID, f.Lines)
	if err != nil {
		return err
	}
	if f.Owner == "" {
		f.Owner = acc.Owner
	}
	return nil
}

// UpdateOrder saves an order's fields: a draft takes new lines; a confirmed
// order keeps its lines and its account and takes the header; a delivered or
// cancelled order is closed.
func (d *Documents) UpdateOrder(ctx context.Context, id domain.OrderID, upd domain.OrderUpdate) (*domain.Order, error) {
	f := upd.OrderFields
	f.Lines = slices.Clone(f.Lines)
	d.mu.Lock()
	defer d.mu.Unlock()
	old, ok := d.orders[id]
	switch {
	case !ok:
		return nil, orderNotFound()
	case stale(upd.Version, old.Version):
		return nil, changed()
	}
	switch old.Status {
	case domain.OrderDelivered, domain.OrderCancelled:
		return nil, domain.Errorf(domain.EInvalid, "order.closed", "a {{.Status}} order cannot be edited",
			map[string]any{"Status": string(old.Status)})
	case domain.OrderConfirmed:
		if !domain.SameLines(old.Lines, f.Lines) {
			return nil, domain.ErrLinesLocked(old.Status)
		}
		if f.AccountID != old.AccountID && f.AccountID != 0 || f.AccountID == 0 && !strings.EqualFold(f.AccountCode, d.viewOrder(old).AccountCode) {
			return nil, domain.Errorf(domain.EInvalid, "order.account_locked", "a confirmed order stays with its account", nil)
		}
		f.Lines = slices.Clone(old.Lines)
	}
	if err := d.prepareOrder(ctx, &f); err != nil {
		return nil, err
	}
	o := copyOrder(old)
	o.OrderFields, o.Currency = f, domain.CatalogCurrency
	o.Version++
	o.UpdatedAt = d.cat.now()
	d.orders[id] = o
	d.Writes++
	return d.viewOrder(o), ctxErr(ctx)
}

// SetOrderStatus applies a lifecycle step. Confirming needs a line and passes
// the credit control; delivering issues the invoice.
func (d *Documents) SetOrderStatus(ctx context.Context, id domain.OrderID, c domain.OrderStatusChange) (*domain.Order, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	old, ok := d.orders[id]
	switch {
	case !ok:
		return nil, orderNotFound()
	case stale(c.Version, old.Version):
		return nil, changed()
	case c.Status == domain.OrderConfirmed && len(old.Lines) == 0:
		return nil, domain.Errorf(domain.EInvalid, "order.confirm_empty", "an order without lines cannot be confirmed", nil)
	}
	o := d.viewOrder(old)
	if err := o.Transition(c); err != nil {
		return nil, err
	}
	if err := d.receivables(o, c); err != nil {
		return nil, err
	}
	o.Version++
	o.UpdatedAt = d.cat.now()
	d.orders[id] = o
	d.Writes++
	return d.viewOrder(o), ctxErr(ctx)
}

// RepeatOrder copies an order dated on, prices re-resolved as of that day:
// the same account, contact, delivery address, terms, owner and lines; no
// requested date or customer PO (those belong to the earlier order).
func (d *Documents) RepeatOrder(ctx context.Context, id domain.OrderID, on domain.Date) (*domain.OrderFields, []domain.PriceChange, error) {
	o, err := d.FindOrderByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	f := o.OrderFields
	f.Date, f.RequestedDelivery, f.CustomerPO = on, domain.Date{}, ""
	f.Lines = slices.Clone(o.Lines)
	changes, err := d.reresolve(ctx, o.AccountID, on, f.Lines)
	if err != nil {
		return nil, nil, err
	}
	return &f, changes, nil
}

// DeleteOrder removes a draft; a quote it came from may be converted again.
func (d *Documents) DeleteOrder(ctx context.Context, id domain.OrderID) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	o, ok := d.orders[id]
	if !ok {
		return orderNotFound()
	}
	if o.Status != domain.OrderDraft {
		return domain.Errorf(domain.EInvalid, "order.delete_confirmed", "only a draft order can be deleted; cancel it instead", nil)
	}
	delete(d.orders, id)
	for _, st := range d.quotes {
		if st.cur.OrderID == id {
			q := copyQuote(st.cur)
			q.OrderID = 0
			st.cur = q
		}
	}
	d.Writes++
	return ctxErr(ctx)
}

// LastPrices returns, for each SKU, the newest confirmed or delivered order
// line of the account and the newest line of its quotes' current revisions.
func (d *Documents) LastPrices(ctx context.Context, account domain.AccountID, skus []string) ([]domain.LastPrice, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]domain.LastPrice, 0, len(skus))
	// newer reports whether a document of day on and ID id is newer than the
	// one the point came from.
	newer := func(p domain.PricePoint, pid int64, on domain.Date, id int64) bool {
		return p.Date.IsZero() || p.Date.Before(on) || p.Date == on && pid < id
	}
	for _, sku := range skus {
		lp := domain.LastPrice{SKU: sku}
		p, err := d.cat.FindProductBySKU(ctx, sku)
		if err != nil {
			out = append(out, lp)
			continue
		}
		lp.SKU = p.SKU
		var orderID, quoteID int64
		for _, o := range d.orders {
			if o.AccountID != account || o.Status != domain.OrderConfirmed && o.Status != domain.OrderDelivered {
				continue
			}
			for _, l := range o.Lines {
				if l.ProductID == p.ID && newer(lp.Ordered, orderID, o.Date, int64(o.ID)) {
					lp.Ordered = domain.PricePoint{Price: l.Price, Discount: l.Discount, Date: o.Date, Number: o.Number}
					orderID = int64(o.ID)
				}
			}
		}
		for _, st := range d.quotes {
			q := st.cur
			if q.AccountID != account {
				continue
			}
			for _, l := range q.Lines {
				if l.ProductID == p.ID && newer(lp.Quoted, quoteID, q.Date, int64(q.ID)) {
					num := q.Number
					if r := q.RevisionLabel(); r != "" {
						num += " " + r
					}
					lp.Quoted = domain.PricePoint{Price: l.Price, Discount: l.Discount, Date: q.Date, Number: num}
					quoteID = int64(q.ID)
				}
			}
		}
		out = append(out, lp)
	}
	return out, ctxErr(ctx)
}

// TouchQuote bumps a quote's version as a save in another window would.
func (d *Documents) TouchQuote(id domain.QuoteID) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if st, ok := d.quotes[id]; ok {
		q := copyQuote(st.cur)
		q.Version++
		st.cur = q
	}
}

// TouchOrder bumps an order's version as a save in another window would.
func (d *Documents) TouchOrder(id domain.OrderID) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if o, ok := d.orders[id]; ok {
		c := copyOrder(o)
		c.Version++
		d.orders[id] = c
	}
}

// AddOrder stores an order of lines "SKU qty" for account in status (draft,
// confirmed or delivered), priced by the engine on date on, and fails the test
// when refused. A credit warning is overridden (the reason "test data" is
// recorded only where one was needed).
func (d *Documents) AddOrder(t testing.TB, account domain.AccountID, on domain.Date, status domain.OrderStatus, lines ...string) *domain.Order {
	t.Helper()
	ctx := context.Background()
	a, err := d.cat.accounts.FindAccountByID(ctx, account)
	if err != nil {
		t.Fatal(err)
	}
	f := domain.NewOrderFields(a, on)
	for _, l := range lines {
		sku, qty, _ := strings.Cut(l, " ")
		p, err := d.cat.FindProductBySKU(ctx, sku)
		if err != nil {
			t.Fatal(err)
		}
		q, err := domain.ParseQuantity(qty)
		if err != nil {
			t.Fatal(err)
		}
		f.Lines = append(f.Lines, domain.NewDocumentLine(p, q))
	}
	res, err := d.cat.Reprice(ctx, account, on, domain.PriceLines(f.Lines))
	if err != nil {
		t.Fatal(err)
	}
	domain.ApplyPrices(f.Lines, res)
	o, err := d.CreateOrder(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []domain.OrderStatus{domain.OrderConfirmed, domain.OrderDelivered} {
		if o.Status == status {
			break
		}
		if o, err = d.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: s, Delivered: on, Version: o.Version,
			CreditOverride: "test data"}); err != nil {
			t.Fatal(err)
		}
	}
	return o
}

// receivables applies what a status change means for the ledger, when there
// is one: confirming needs a credit override with a reason when the check
// warns (recorded on the order); delivering issues the invoice. The caller
// holds d.mu.
func (d *Documents) receivables(o *domain.Order, c domain.OrderStatusChange) error {
	if d.ledger == nil {
		return nil
	}
	switch o.Status {
	case domain.OrderConfirmed:
		acc, err := d.cat.accounts.FindAccountByID(context.Background(), o.AccountID)
		if err != nil {
			return err
		}
		check := d.ledger.check(acc, o, d.undeliveredLocked(o.AccountID, o.ID))
		if len(check.Warnings()) == 0 {
			return nil
		}
		reason := strings.TrimSpace(c.CreditOverride)
		if reason == "" {
			return domain.ErrCreditOverride(check)
		}
		if utf8.RuneCountInString(reason) > 500 || utf8.RuneCountInString(c.OverrideBy) > 100 {
			return &domain.Error{Code: domain.EInvalid, Key: "order.invalid", Msg: "the order is not valid",
				Fields: []domain.FieldError{{Field: domain.FieldCreditOverride, Key: "field.too_long", Msg: "at most {{.Max}} characters",
					Args: map[string]any{"Max": 500}}}}
		}
		o.CreditOverride, o.CreditOverrideBy, o.CreditOverrideAt = reason, strings.TrimSpace(c.OverrideBy), d.cat.now()
	case domain.OrderDelivered:
		return d.ledger.issue(o, d.settings.Invoices)
	}
	return nil
}

// undelivered is the gross of the account's confirmed, undelivered orders
// other than except.
func (d *Documents) undelivered(account domain.AccountID, except domain.OrderID) domain.Amount {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.undeliveredLocked(account, except)
}

func (d *Documents) undeliveredLocked(account domain.AccountID, except domain.OrderID) domain.Amount {
	var sum domain.Amount
	for _, o := range d.orders {
		if o.AccountID == account && o.ID != except && o.Status == domain.OrderConfirmed {
			sum += domain.ComputeTotals(o.Lines).Gross
		}
	}
	return sum
}
