package domaintest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"kontor/domain"
)

// insertOrder numbers and stores a new draft order. The caller holds d.mu.
func (d *Documents) insertOrder(f domain.OrderFields, a *domain.Account, contact string) *domain.Order {
	d.nextID++
	now := d.cat.now()
	o := &domain.Order{ID: domain.OrderID(d.nextID), OrderFields: f, Number: d.number(d.settings.Orders, f.Date),
		Status: domain.OrderDraft, AccountName: a.Name, ContactName: contact, Currency: domain.CatalogCurrency, Version: 1,
		CreatedAt: now, UpdatedAt: now}
	d.orders[o.ID] = o
	d.Writes++
	return o
}

// FindOrderByID returns one order.
func (d *Documents) FindOrderByID(ctx context.Context, id domain.OrderID) (*domain.Order, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	o, ok := d.orders[id]
	if !ok {
		return nil, notFound()
	}
	return copyOrder(o), ctxErr(ctx)
}

// FindOrderByNumber returns the order with this number.
func (d *Documents) FindOrderByNumber(ctx context.Context, number string) (*domain.Order, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, o := range d.orders {
		if strings.EqualFold(o.Number, strings.TrimSpace(number)) {
			return copyOrder(o), ctxErr(ctx)
		}
	}
	return nil, notFound()
}

// FindOrders lists orders matching the filter.
func (d *Documents) FindOrders(ctx context.Context, f domain.OrderFilter) ([]domain.OrderRow, int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var rows []domain.OrderRow
	for _, o := range d.orders {
		if !matchDoc(&f.DocumentFilter, o.AccountID, o.Owner, o.Date) || len(f.Statuses) > 0 && !slices.Contains(f.Statuses, o.Status) {
			continue
		}
		rows = append(rows, domain.OrderRow{ID: o.ID, DocumentRow: docRow(o.Number, o.AccountID, o.AccountCode, o.AccountName,
			o.Owner, o.Date, o.Currency, o.Lines), Status: o.Status, DeliveredOn: o.DeliveredOn})
	}
	slices.SortFunc(rows, func(a, b domain.OrderRow) int { return compareRows(&f.DocumentFilter, &a.DocumentRow, &b.DocumentRow) })
	return page(rows, f.Offset, limit(f.Limit)), len(rows), ctxErr(ctx)
}

// CreateOrder numbers and stores a new draft order.
func (d *Documents) CreateOrder(ctx context.Context, f domain.OrderFields) (*domain.Order, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	f.Lines = slices.Clone(f.Lines)
	d.mu.Lock()
	defer d.mu.Unlock()
	a, err := d.prepare(ctx, &f.AccountID, &f.AccountCode, f.ContactID, f.Lines)
	if err != nil {
		return nil, err
	}
	return copyOrder(d.insertOrder(f, a.acc, a.contact)), ctxErr(ctx)
}

// UpdateOrder saves an order's fields; a confirmed order keeps its lines.
func (d *Documents) UpdateOrder(ctx context.Context, id domain.OrderID, upd domain.OrderUpdate) (*domain.Order, error) {
	f := upd.OrderFields
	if err := f.Validate(); err != nil {
		return nil, err
	}
	f.Lines = slices.Clone(f.Lines)
	d.mu.Lock()
	defer d.mu.Unlock()
	old, ok := d.orders[id]
	switch {
	case !ok:
		return nil, notFound()
	case old.Version != upd.Version:
		return nil, conflict()
	case old.Status == domain.OrderDelivered || old.Status == domain.OrderCancelled:
		return nil, domain.Errorf(domain.EInvalid, "order.closed", "a {{.Status}} order cannot be edited",
			map[string]any{"Status": string(old.Status)})
	case old.Status.LinesLocked() && !domain.SameLines(old.Lines, f.Lines):
		return nil, domain.ErrLinesLocked(old.Status)
	}
	a, err := d.prepare(ctx, &f.AccountID, &f.AccountCode, f.ContactID, f.Lines)
	if err != nil {
		return nil, err
	}
	o := copyOrder(old)
	o.OrderFields, o.AccountName, o.ContactName, o.Currency = f, a.acc.Name, a.contact, domain.CatalogCurrency
	o.Version++
	o.UpdatedAt = d.cat.now()
	d.orders[id] = o
	d.Writes++
	return copyOrder(o), ctxErr(ctx)
}

// SetOrderStatus applies a lifecycle step.
func (d *Documents) SetOrderStatus(ctx context.Context, id domain.OrderID, c domain.OrderStatusChange) (*domain.Order, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	old, ok := d.orders[id]
	switch {
	case !ok:
		return nil, notFound()
	case old.Version != c.Version:
		return nil, conflict()
	}
	o := copyOrder(old)
	if err := o.Transition(c); err != nil {
		return nil, err
	}
	if err := d.receivables(o, c); err != nil {
		return nil, err
	}
	o.Version++
	d.orders[id] = o
	d.Writes++
	return copyOrder(o), ctxErr(ctx)
}

// RepeatOrder copies an order dated on, prices re-resolved as of that day.
func (d *Documents) RepeatOrder(ctx context.Context, id domain.OrderID, on domain.Date) (*domain.OrderFields, []domain.PriceChange, error) {
	o, err := d.FindOrderByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	a, err := d.cat.accounts.FindAccountByID(ctx, o.AccountID)
	if err != nil {
		return nil, nil, err
	}
	f := domain.NewOrderFields(a, on)
	f.ContactID, f.DeliveryAddress, f.Notes, f.Lines = o.ContactID, o.DeliveryAddress, o.Notes, o.Lines
	res, err := d.cat.Reprice(ctx, o.AccountID, on, domain.PriceLines(f.Lines))
	if err != nil {
		return nil, nil, err
	}
	return &f, domain.ReresolvePrices(f.Lines, res), nil
}

// DeleteOrder removes a draft.
func (d *Documents) DeleteOrder(ctx context.Context, id domain.OrderID) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	o, ok := d.orders[id]
	if !ok {
		return notFound()
	}
	if o.Status != domain.OrderDraft {
		return domain.Errorf(domain.EInvalid, "order.delete_not_draft", "only a draft order can be deleted; cancel it instead", nil)
	}
	delete(d.orders, id)
	d.Writes++
	return ctxErr(ctx)
}

// LastPrices returns what the account last ordered (confirmed or delivered)
// and was last quoted for each SKU.
func (d *Documents) LastPrices(ctx context.Context, account domain.AccountID, skus []string) ([]domain.LastPrice, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]domain.LastPrice, 0, len(skus))
	later := func(p domain.PricePoint, on domain.Date) bool { return p.Date.IsZero() || p.Date.Before(on) }
	for _, sku := range skus {
		lp := domain.LastPrice{SKU: sku}
		for _, o := range d.orders {
			if o.AccountID != account || o.Status == domain.OrderDraft || o.Status == domain.OrderCancelled {
				continue
			}
			for _, l := range o.Lines {
				if strings.EqualFold(l.SKU, sku) && later(lp.Ordered, o.Date) {
					lp.Ordered = domain.PricePoint{Price: l.Price, Discount: l.Discount, Date: o.Date, Number: o.Number}
				}
			}
		}
		for _, st := range d.quotes {
			q := st.cur
			if q.AccountID != account {
				continue
			}
			for _, l := range q.Lines {
				if strings.EqualFold(l.SKU, sku) && later(lp.Quoted, q.Date) {
					num := q.Number
					if r := q.RevisionLabel(); r != "" {
						num += " " + r
					}
					lp.Quoted = domain.PricePoint{Price: l.Price, Discount: l.Discount, Date: q.Date, Number: num}
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
		if strings.TrimSpace(c.CreditOverride) == "" {
			return domain.ErrCreditOverride(check)
		}
		o.CreditOverride, o.CreditOverrideBy, o.CreditOverrideAt = strings.TrimSpace(c.CreditOverride), c.OverrideBy, d.cat.now()
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
