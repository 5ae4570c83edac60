package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"kontor/domain"
)

// OrderService implements domain.OrderService. Repeating an order re-resolves
// its prices, so it needs the price service.
type OrderService struct {
	db     *DB
	prices *PriceService
}

// NewOrderService returns the order service over db, pricing with prices.
func NewOrderService(db *DB, prices *PriceService) *OrderService {
	return &OrderService{db: db, prices: prices}
}

var _ domain.OrderService = (*OrderService)(nil)

const orderColumns = `o.id, o.number, o.status, o.account_id, a.code, a.name, coalesce(o.contact_id, 0),
	coalesce(c.first_name || ' ' || c.last_name, ''), o.ordered_on, o.requested_on, o.delivered_on, o.cancel_reason,
	o.delivery_street, o.delivery_postal, o.delivery_city, o.delivery_country, o.customer_po, o.terms_days, o.terms_eom,
	o.notes, o.owner, o.currency, coalesce(o.quote_id, 0), coalesce(q.number, ''), o.version, o.created_at, o.updated_at,
	o.credit_override, o.credit_override_by, o.credit_override_at, coalesce(inv.id, 0), coalesce(inv.number, ''), o.delivered_twice`

const orderFrom = ` FROM orders o JOIN accounts a ON a.id = o.account_id LEFT JOIN contacts c ON c.id = o.contact_id
	LEFT JOIN quotes q ON q.id = o.quote_id LEFT JOIN invoices inv ON inv.id = (SELECT x.id FROM invoices x WHERE x.order_id = o.id AND x.kind = 'invoice'
		ORDER BY x.repeats_order, x.number LIMIT 1) `

func scanOrder(sc interface{ Scan(...any) error }) (*domain.Order, error) {
	var o domain.Order
	d := &o.DeliveryAddress
	err := sc.Scan(&o.ID, &o.Number, &o.Status, &o.AccountID, &o.AccountCode, &o.AccountName, &o.ContactID, &o.ContactName,
		onDate(&o.Date), onDate(&o.RequestedDelivery), onDate(&o.DeliveredOn), &o.CancelReason, &d.Street, &d.PostalCode, &d.City,
		&d.Country, &o.CustomerPO, &o.PaymentTerms.Days, &o.PaymentTerms.EOM, &o.Notes, &o.Owner, &o.Currency, &o.QuoteID,
		&o.QuoteNumber, &o.Version, atTime(&o.CreatedAt), atTime(&o.UpdatedAt), &o.CreditOverride, &o.CreditOverrideBy,
		atTime(&o.CreditOverrideAt), &o.Invoice, &o.InvoiceNumber, &o.DeliveredTwice)
	if err != nil {
		return nil, err
	}
	return &o, nil
}

func orderNotFound() error {
	return domain.Errorf(domain.ENotFound, "order.not_found", "the order does not exist (it may have been deleted)", nil)
}

func findOrder(ctx context.Context, q queryer, where string, arg any) (*domain.Order, error) {
	o, err := scanOrder(q.QueryRowContext(ctx, `SELECT `+orderColumns+orderFrom+`WHERE `+where, arg))
	if err == sql.ErrNoRows {
		return nil, orderNotFound()
	}
	if err != nil {
		return nil, err
	}
	o.Lines, err = readLines(ctx, q, "order_lines", `order_id = ?`, int64(o.ID))
	return o, err
}

// FindOrderByID returns an order with its lines.
func (s *OrderService) FindOrderByID(ctx context.Context, id domain.OrderID) (*domain.Order, error) {
	var out *domain.Order
	err := s.db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = findOrder(ctx, tx, `o.id = ?`, int64(id))
		return err
	})
	return out, wrap("find order", err)
}

// FindOrderByNumber returns the order with this number (ignoring ASCII case).
func (s *OrderService) FindOrderByNumber(ctx context.Context, number string) (*domain.Order, error) {
	var out *domain.Order
	err := s.db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = findOrder(ctx, tx, `o.number = ?`, strings.TrimSpace(number))
		return err
	})
	return out, wrap("find order", err)
}

// orderState is what a new order starts as besides its fields.
type orderState struct {
	number       string // "" for the next of the series
	status       domain.OrderStatus
	delivered    domain.Date
	cancelReason string
	quote        domain.QuoteID
}

func prepareOrder(ctx context.Context, q queryer, f *domain.OrderFields) (*docAccount, error) {
	acct, err := prepareHeader(ctx, q, "order.invalid", "the order is not valid", f.Validate, &f.AccountID, &f.AccountCode, f.ContactID, f.Lines)
	if err != nil {
		return nil, err
	}
	if f.Owner == "" {
		f.Owner = acct.owner
	}
	return acct, nil
}

// insertOrder validates and stores a new order.
func insertOrder(ctx context.Context, tx *sql.Tx, f *domain.OrderFields, st orderState, now time.Time) (domain.OrderID, error) {
	acct, err := prepareOrder(ctx, tx, f)
	if err != nil {
		return 0, err
	}
	if st.number == "" {
		if st.number, err = nextNumber(ctx, tx, domain.KindOrder, f.Date); err != nil {
			return 0, err
		}
	}
	o := st.order(f, acct, now)
	res, err := tx.ExecContext(ctx, insertOrderSQL, orderValues(o)...)
	if err != nil {
		return 0, numberTakenOr(err, st.number)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	return domain.OrderID(id), writeLines(ctx, tx, "order_lines", "order_id", []any{id}, f.Lines)
}

// order is the new order st makes of f for acct, stamped now.
func (st orderState) order(f *domain.OrderFields, acct *docAccount, now time.Time) *domain.Order {
	o := &domain.Order{OrderFields: *f, Number: st.number, Status: st.status, DeliveredOn: st.delivered,
		CancelReason: st.cancelReason, QuoteID: st.quote, Currency: acct.currency, CreatedAt: now, UpdatedAt: now}
	o.AccountID = acct.id
	return o
}

// orderInsertColumns are the columns orderValues fills.
const orderInsertColumns = `number, status, account_id, contact_id, ordered_on, requested_on, delivered_on,
	cancel_reason, delivery_street, delivery_postal, delivery_city, delivery_country, customer_po, terms_days, terms_eom,
	notes, owner, currency, quote_id, net_minor, vat_minor, gross_minor, line_count, created_at, updated_at`

var insertOrderSQL = insertSQL("orders", orderInsertColumns, 1)

// orderValues are an order header's values; its totals and line count are its lines'.
func orderValues(o *domain.Order) []any {
	t := o.Totals()
	d := o.DeliveryAddress
	return []any{o.Number, string(o.Status), int64(o.AccountID), nullID(int64(o.ContactID)), o.Date.String(),
		nullDate(o.RequestedDelivery), nullDate(o.DeliveredOn), o.CancelReason, d.Street, d.PostalCode, d.City, d.Country,
		o.CustomerPO, o.PaymentTerms.Days, boolInt(o.PaymentTerms.EOM), o.Notes, o.Owner, o.Currency, nullID(int64(o.QuoteID)),
		int64(t.Net), int64(t.VAT), int64(t.Gross), len(o.Lines), moment(o.CreatedAt), moment(o.UpdatedAt)}
}

func numberTakenOr(err error, number string) error {
	if e, ok := domain.AsError(mapError(err)); ok && e.Key == "db.duplicate" {
		return &domain.Error{Code: domain.EConflict, Key: "order.number_taken", Msg: "the order number is already used",
			Fields: []domain.FieldError{{Field: domain.FieldOrderNo, Key: "order.number_taken",
				Msg: "{{.Value}} is already used by another order", Args: map[string]any{"Value": number}}}}
	}
	return err
}

// CreateOrder numbers and stores a new draft order.
func (s *OrderService) CreateOrder(ctx context.Context, f domain.OrderFields) (*domain.Order, error) {
	var out *domain.Order
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		id, err := insertOrder(ctx, tx, &f, orderState{status: domain.OrderDraft}, s.db.now())
		if err != nil {
			return err
		}
		out, err = findOrder(ctx, tx, `o.id = ?`, int64(id))
		return err
	})
	return out, err
}

func checkOrderVersion(ctx context.Context, tx *sql.Tx, id domain.OrderID, version int64) error {
	err := checkVersion(ctx, tx, "orders", int64(id), version)
	if domain.ErrorCode(err) == domain.ENotFound {
		return orderNotFound()
	}
	return err
}

// UpdateOrder saves an order's fields. A draft takes new lines; a confirmed
// order keeps its lines (a change to them is ErrLinesLocked) and takes the
// header; a delivered or cancelled order is closed.
func (s *OrderService) UpdateOrder(ctx context.Context, id domain.OrderID, upd domain.OrderUpdate) (*domain.Order, error) {
	f := upd.OrderFields
	var out *domain.Order
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkOrderVersion(ctx, tx, id, upd.Version); err != nil {
			return err
		}
		old, err := findOrder(ctx, tx, `o.id = ?`, int64(id))
		if err != nil {
			return err
		}
		switch old.Status {
		case domain.OrderDelivered, domain.OrderCancelled:
			return domain.Errorf(domain.EInvalid, "order.closed", "a {{.Status}} order cannot be edited",
				map[string]any{"Status": string(old.Status)})
		case domain.OrderConfirmed:
			if !domain.SameLines(old.Lines, f.Lines) {
				return domain.ErrLinesLocked(old.Status)
			}
			if f.AccountID != old.AccountID && f.AccountID != 0 || f.AccountID == 0 && !strings.EqualFold(f.AccountCode, old.AccountCode) {
				return domain.Errorf(domain.EInvalid, "order.account_locked", "a confirmed order stays with its account", nil)
			}
			f.Lines = old.Lines
		}
		acct, err := prepareOrder(ctx, tx, &f)
		if err != nil {
			return err
		}
		t := f.Totals()
		d := f.DeliveryAddress
		if _, err := tx.ExecContext(ctx, `UPDATE orders SET account_id = ?, contact_id = ?, ordered_on = ?, requested_on = ?,
			delivery_street = ?, delivery_postal = ?, delivery_city = ?, delivery_country = ?, customer_po = ?, terms_days = ?,
			terms_eom = ?, notes = ?, owner = ?, currency = ?, net_minor = ?, vat_minor = ?, gross_minor = ?, line_count = ?,
			version = version + 1, updated_at = ? WHERE id = ?`,
			int64(acct.id), nullID(int64(f.ContactID)), f.Date.String(), nullDate(f.RequestedDelivery), d.Street, d.PostalCode,
			d.City, d.Country, f.CustomerPO, f.PaymentTerms.Days, boolInt(f.PaymentTerms.EOM), f.Notes, f.Owner, acct.currency,
			int64(t.Net), int64(t.VAT), int64(t.Gross), len(f.Lines), moment(s.db.now()), int64(id)); err != nil {
			return err
		}
		if old.Status == domain.OrderDraft {
			if _, err := tx.ExecContext(ctx, `DELETE FROM order_lines WHERE order_id = ?`, int64(id)); err != nil {
				return err
			}
			if err := writeLines(ctx, tx, "order_lines", "order_id", []any{int64(id)}, f.Lines); err != nil {
				return err
			}
		}
		out, err = findOrder(ctx, tx, `o.id = ?`, int64(id))
		return err
	})
	return out, err
}

// SetOrderStatus applies a lifecycle step. Confirming needs at least one line
// and passes the credit control (an override reason when it warns); delivering
// issues the order's invoice.
func (s *OrderService) SetOrderStatus(ctx context.Context, id domain.OrderID, c domain.OrderStatusChange) (*domain.Order, error) {
	var out *domain.Order
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkOrderVersion(ctx, tx, id, c.Version); err != nil {
			return err
		}
		o, err := findOrder(ctx, tx, `o.id = ?`, int64(id))
		if err != nil {
			return err
		}
		if c.Status == domain.OrderConfirmed && len(o.Lines) == 0 {
			return domain.Errorf(domain.EInvalid, "order.confirm_empty", "an order without lines cannot be confirmed", nil)
		}
		now := s.db.now()
		c.Today = domain.DateOf(now)
		if err := o.Transition(c); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE orders SET status = ?, delivered_on = ?, cancel_reason = ?, version = version + 1,
			updated_at = ? WHERE id = ?`, string(o.Status), nullDate(o.DeliveredOn), o.CancelReason, moment(now), int64(id)); err != nil {
			return err
		}
		if o.Status == domain.OrderConfirmed {
			if err := checkCreditOnConfirm(ctx, tx, o, c, now); err != nil {
				return err
			}
		}
		if o.Status == domain.OrderDelivered {
			if err := requireBackOffice(ctx, tx, backOfficeDeliversKey, backOfficeDeliversMsg); err != nil {
				return err
			}
			// The invoice is issued with the delivery, in its transaction: an
			// order is never delivered without its invoice.
			if _, err := issueInvoice(ctx, tx, o, now); err != nil {
				return err
			}
			if err := reallocate(ctx, tx, o.AccountID); err != nil {
				return err
			}
		}
		out, err = findOrder(ctx, tx, `o.id = ?`, int64(id))
		return err
	})
	return out, err
}

// RepeatOrder copies an order, unsaved, dated on, with prices re-resolved as of
// that day: same account, contact, delivery address, terms and lines; no
// requested date or customer PO (those belong to the earlier order).
func (s *OrderService) RepeatOrder(ctx context.Context, id domain.OrderID, on domain.Date) (*domain.OrderFields, []domain.PriceChange, error) {
	o, err := s.FindOrderByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	f := o.OrderFields
	f.Date, f.RequestedDelivery, f.CustomerPO = on, domain.Date{}, ""
	f.Lines = append([]domain.DocumentLine(nil), o.Lines...)
	changes, err := reresolve(ctx, s.prices, o.AccountID, on, f.Lines)
	if err != nil {
		return nil, nil, err
	}
	return &f, changes, nil
}

// DeleteOrder removes a draft order; a quote it came from may be converted again.
func (s *OrderService) DeleteOrder(ctx context.Context, id domain.OrderID) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var status domain.OrderStatus
		err := tx.QueryRowContext(ctx, `SELECT status FROM orders WHERE id = ?`, int64(id)).Scan(&status)
		if err == sql.ErrNoRows {
			return orderNotFound()
		}
		if err != nil {
			return err
		}
		if status != domain.OrderDraft {
			return domain.Errorf(domain.EInvalid, "order.delete_confirmed", "only a draft order can be deleted; cancel it instead", nil)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM orders WHERE id = ?`, int64(id))
		return err
	})
}

// Last prices: the newest order line (not draft or cancelled) and the newest
// current quote line of the account for the product.
const (
	lastOrderedSQL = `SELECT o.ordered_on, o.number, l.price_e4, l.discount_e2
		FROM orders o INDEXED BY orders_by_account JOIN order_lines l ON l.order_id = o.id
		WHERE o.account_id = ?1 AND o.status IN ('confirmed', 'delivered') AND l.product_id = ?2
		ORDER BY o.ordered_on DESC, o.id DESC LIMIT 1`
	lastQuotedSQL = `SELECT q.quoted_on, q.number, q.revision, l.price_e4, l.discount_e2
		FROM quotes q INDEXED BY quotes_by_account JOIN quote_lines l ON l.quote_id = q.id AND l.revision = q.revision
		WHERE q.account_id = ?1 AND l.product_id = ?2
		ORDER BY q.quoted_on DESC, q.id DESC LIMIT 1`
)

// LastPrices returns what the account last ordered and was last quoted for each SKU.
func (s *OrderService) LastPrices(ctx context.Context, account domain.AccountID, skus []string) ([]domain.LastPrice, error) {
	out := make([]domain.LastPrice, 0, len(skus))
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		cat, err := lookupProducts(ctx, tx, skus)
		if err != nil {
			return err
		}
		for _, sku := range skus {
			lp := domain.LastPrice{SKU: sku}
			c := cat[strings.ToUpper(strings.TrimSpace(sku))]
			if c == nil {
				out = append(out, lp)
				continue
			}
			lp.SKU = c.sku
			err := tx.QueryRowContext(ctx, lastOrderedSQL, int64(account), int64(c.id)).Scan(onDate(&lp.Ordered.Date),
				&lp.Ordered.Number, &lp.Ordered.Price, &lp.Ordered.Discount)
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			var rev int
			err = tx.QueryRowContext(ctx, lastQuotedSQL, int64(account), int64(c.id)).Scan(onDate(&lp.Quoted.Date), &lp.Quoted.Number,
				&rev, &lp.Quoted.Price, &lp.Quoted.Discount)
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			if l := domain.RevisionLabel(rev); l != "" {
				lp.Quoted.Number += " " + l
			}
			out = append(out, lp)
		}
		return nil
	})
	return out, wrap("last prices", err)
}
