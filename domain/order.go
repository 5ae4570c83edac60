package domain

import (
	"context"
	"strings"
	"time"
)

// OrderID identifies an order.
type OrderID int64

// OrderStatus is where an order stands: draft → confirmed → delivered, or
// cancelled from draft or confirmed.
type OrderStatus string

// Order statuses.
const (
	OrderDraft     OrderStatus = "draft"
	OrderConfirmed OrderStatus = "confirmed"
	OrderDelivered OrderStatus = "delivered"
	OrderCancelled OrderStatus = "cancelled"
)

// OrderStatuses are the statuses in lifecycle order.
var OrderStatuses = []OrderStatus{OrderDraft, OrderConfirmed, OrderDelivered, OrderCancelled}

// ParseOrderStatus reads a status name (any case); blank is confirmed, the
// orders CSV default.
func ParseOrderStatus(s string) (OrderStatus, error) {
	v := OrderStatus(strings.ToLower(strings.TrimSpace(s)))
	if v == "" {
		return OrderConfirmed, nil
	}
	if v.Valid() {
		return v, nil
	}
	return "", Errorf(EInvalid, "order.status_invalid", "{{.Value}} is not an order status (draft, confirmed, delivered, cancelled)",
		map[string]any{"Value": strings.TrimSpace(s)})
}

// Valid reports whether s is one of OrderStatuses.
func (s OrderStatus) Valid() bool {
	for _, v := range OrderStatuses {
		if s == v {
			return true
		}
	}
	return false
}

// CanBecome reports whether the lifecycle allows going from s to t.
func (s OrderStatus) CanBecome(t OrderStatus) bool {
	switch s {
	case OrderDraft:
		return t == OrderConfirmed || t == OrderCancelled
	case OrderConfirmed:
		return t == OrderDelivered || t == OrderCancelled
	}
	return false
}

// LinesLocked reports whether an order in status s keeps its lines as they are:
// from confirmation on, what the customer agreed to does not change.
func (s OrderStatus) LinesLocked() bool { return s != OrderDraft }

// Address is a postal address.
type Address struct {
	Street     string
	PostalCode string
	City       string
	Country    string
}

// IsZero reports whether no part of the address is set.
func (a Address) IsZero() bool { return a == Address{} }

// BillingAddress is the account's billing address.
func (a *Account) BillingAddress() Address {
	return Address{Street: a.Street, PostalCode: a.PostalCode, City: a.City, Country: a.Country}
}

// ShippingAddress is the account's shipping address, its billing one when it has none.
func (a *Account) ShippingAddress() Address {
	if a.ShipStreet == "" && a.ShipCity == "" {
		return a.BillingAddress()
	}
	c := a.ShipCountry
	if c == "" {
		c = a.Country
	}
	return Address{Street: a.ShipStreet, PostalCode: a.ShipPostal, City: a.ShipCity, Country: c}
}

// OrderFields are the fields a user edits (or an orders CSV row sets).
type OrderFields struct {
	AccountID         AccountID
	AccountCode       string    // account_code
	ContactID         ContactID // contact: 0 for none
	Date              Date      // order_date
	RequestedDelivery Date      // requested_delivery: zero for none
	DeliveryAddress   Address   // the account's shipping or billing address, editable
	CustomerPO        string    // customer_po: the buyer's own order number
	PaymentTerms      PaymentTerms
	Notes             string // notes
	Owner             string // owner
	Lines             []DocumentLine
}

// Order field names.
const (
	FieldOrderNo           = "order_no"
	FieldOrderDate         = "order_date"
	FieldRequestedDelivery = "requested_delivery"
	FieldDeliveryAddress   = "delivery_address"
	FieldCustomerPO        = "customer_po"
	FieldDeliveredDate     = "delivered_date"
	FieldCancelReason      = "cancel_reason"
)

// OrderFieldOrder is the order of header fields in forms and errors.
var OrderFieldOrder = []string{FieldAccountCode, FieldContact, FieldOrderDate, FieldRequestedDelivery,
	FieldDeliveryAddress, FieldCustomerPO, FieldPaymentTerms, FieldOwner, FieldNotes, FieldLines}

// NewOrderFields returns a new order for account dated on, delivered to its
// shipping address, with its payment terms and owner.
func NewOrderFields(a *Account, on Date) OrderFields {
	return OrderFields{AccountID: a.ID, AccountCode: a.Code, Date: on, DeliveryAddress: a.ShippingAddress(),
		PaymentTerms: a.PaymentTerms, Owner: a.Owner}
}

// Order is a stored order.
type Order struct {
	ID OrderID
	OrderFields
	Number       string
	Status       OrderStatus
	DeliveredOn  Date   // delivered_date: set when delivered
	CancelReason string // set when cancelled
	// The credit override given when the order was confirmed, if one was needed.
	CreditOverride   string
	CreditOverrideBy string
	CreditOverrideAt time.Time
	Invoice          InvoiceID // the invoice issued on delivery (0: none yet)
	InvoiceNumber    string
	// DeliveredTwice: in a team, the order was delivered on two machines
	// before either synced, and has two invoices (the team server says so;
	// the Conflicts list offers the credit note that cancels the later one).
	DeliveredTwice bool
	QuoteID        QuoteID
	QuoteNumber    string
	AccountName    string
	ContactName    string
	Currency       string
	Version        int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Totals are the order's totals.
func (o *OrderFields) Totals() Totals { return ComputeTotals(o.Lines) }

// OrderStatusChange is a lifecycle step: the new status with what it needs.
type OrderStatusChange struct {
	Status    OrderStatus
	Delivered Date   // required for delivered: the invoice date later
	Reason    string // required for cancelled
	Version   int64  // the version the user saw
	// Today is the day the change is made: an order is delivered when it has
	// been, so a delivery after today is refused (the store sets it).
	Today Date
	// CreditOverride is the reason for confirming despite a credit warning
	// (CreditCheck.Warnings); OverrideBy is who gave it. Both are recorded on the order.
	CreditOverride string
	OverrideBy     string
}

// CheckDelivered refuses a delivery dated after today: its invoice would be
// issued at once with a date in the future (and a number of that month).
func CheckDelivered(delivered, today Date) error {
	if today.IsZero() || delivered.IsZero() || !today.Before(delivered) {
		return nil
	}
	return Errorf(EInvalid, "order.delivered_future",
		"delivered {{.Delivered}} is after today ({{.Today}}); an order is marked delivered once it has been",
		map[string]any{"Delivered": delivered, "Today": today})
}

// Transition applies a lifecycle step, or returns an EInvalid error: a step the
// lifecycle does not allow, delivered without a date (or before the order
// date), cancelled without a reason.
func (o *Order) Transition(c OrderStatusChange) error {
	if !o.Status.CanBecome(c.Status) {
		return Errorf(EInvalid, "order.transition", "a {{.From}} order cannot become {{.To}}",
			map[string]any{"From": string(o.Status), "To": string(c.Status)})
	}
	var fe fieldErrors
	switch c.Status {
	case OrderDelivered:
		if c.Delivered.IsZero() {
			fe.add(FieldDeliveredDate, "order.delivered_date_required", "a delivered order needs its delivery date", nil)
		} else if c.Delivered.Before(o.Date) {
			fe.add(FieldDeliveredDate, "order.delivered_before_date", "delivered {{.Delivered}} is before the order date {{.Date}}",
				map[string]any{"Delivered": c.Delivered, "Date": o.Date})
		} else if err := CheckDelivered(c.Delivered, c.Today); err != nil {
			fe.addErr(FieldDeliveredDate, err)
		}
	case OrderCancelled:
		if strings.TrimSpace(c.Reason) == "" {
			fe.add(FieldCancelReason, "order.cancel_reason_required", "cancelling an order needs a reason", nil)
		}
		fe.freeText(FieldCancelReason, c.Reason, 500)
	}
	if err := fe.err("order.invalid", "the order is not valid"); err != nil {
		return err
	}
	o.Status = c.Status
	switch c.Status {
	case OrderDelivered:
		o.DeliveredOn = c.Delivered
	case OrderCancelled:
		o.CancelReason = strings.TrimSpace(c.Reason)
	}
	return nil
}

// Validate checks every rule that needs no database.
func (o *OrderFields) Validate() error {
	var fe fieldErrors
	if o.AccountID == 0 && o.AccountCode == "" {
		fe.add(FieldAccountCode, "field.required", "required", nil)
	}
	if o.Date.IsZero() {
		fe.add(FieldOrderDate, "field.required", "required", nil)
	}
	if !o.RequestedDelivery.IsZero() && !o.Date.IsZero() && o.RequestedDelivery.Before(o.Date) {
		fe.add(FieldRequestedDelivery, "order.requested_before_date", "delivery requested {{.Requested}} is before the order date {{.Date}}",
			map[string]any{"Requested": o.RequestedDelivery, "Date": o.Date})
	}
	if o.PaymentTerms.Days < 0 || o.PaymentTerms.Days > MaxPaymentDays {
		fe.add(FieldPaymentTerms, "terms.invalid", "{{.Value}} is not payment terms: write \"net N\" or \"N EOM\" with N from 0 to 365",
			map[string]any{"Value": o.PaymentTerms.String()})
	}
	fe.freeText(FieldCustomerPO, o.CustomerPO, 100)
	fe.freeText(FieldOwner, o.Owner, 100)
	fe.freeText(FieldNotes, o.Notes, 4000)
	fe.freeText(FieldDeliveryAddress, o.DeliveryAddress.Street+o.DeliveryAddress.City, 400)
	validateLines(&fe, o.Lines)
	return fe.err("order.invalid", "the order is not valid")
}

// SameLines reports whether two line lists are the same to the customer: SKU,
// quantity, price, discount and VAT in the same order. A confirmed order may
// change its header, never its lines.
func SameLines(a, b []DocumentLine) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := &a[i], &b[i]
		if !strings.EqualFold(x.SKU, y.SKU) || x.Quantity != y.Quantity || x.Price != y.Price ||
			x.Discount != y.Discount || x.VATRate != y.VATRate {
			return false
		}
	}
	return true
}

// ErrLinesLocked is the error for an edit of a confirmed (or later) order's lines.
func ErrLinesLocked(s OrderStatus) error {
	return Errorf(EInvalid, "order.lines_locked", "the lines of a {{.Status}} order cannot change",
		map[string]any{"Status": string(s)})
}

// OrderUpdate replaces an order's fields. Version is the version the editor
// loaded; saving over a newer one is an EConflict.
type OrderUpdate struct {
	OrderFields
	Version int64
}

// OrderFilter narrows FindOrders.
type OrderFilter struct {
	DocumentFilter
	Statuses []OrderStatus
}

// OrderRow is one row of an order list.
type OrderRow struct {
	ID OrderID
	DocumentRow
	Status      OrderStatus
	DeliveredOn Date
}

// OrderService stores orders.
type OrderService interface {
	FindOrderByID(ctx context.Context, id OrderID) (*Order, error)
	FindOrderByNumber(ctx context.Context, number string) (*Order, error)
	// FindOrders lists orders with the total matching the filter.
	FindOrders(ctx context.Context, f OrderFilter) ([]OrderRow, int, error)
	// CreateOrder numbers and saves a new draft order.
	CreateOrder(ctx context.Context, f OrderFields) (*Order, error)
	// UpdateOrder saves the fields; a stale version is EConflict; changing the lines
	// of an order that is no longer a draft is EInvalid (ErrLinesLocked), and a
	// delivered or cancelled order cannot change at all.
	UpdateOrder(ctx context.Context, id OrderID, upd OrderUpdate) (*Order, error)
	// SetOrderStatus applies a lifecycle step (Order.Transition).
	SetOrderStatus(ctx context.Context, id OrderID, c OrderStatusChange) (*Order, error)
	// RepeatOrder returns, unsaved, a copy of the order dated on, prices
	// re-resolved as of that day, with the lines whose price differs.
	RepeatOrder(ctx context.Context, id OrderID, on Date) (*OrderFields, []PriceChange, error)
	// DeleteOrder removes a draft; anything else is EInvalid (cancel it instead).
	DeleteOrder(ctx context.Context, id OrderID) error
	// LastPrices returns, for each SKU, the price the account last ordered it at
	// and was last quoted, with when and on which document.
	LastPrices(ctx context.Context, account AccountID, skus []string) ([]LastPrice, error)
}

// DocumentSettingsService reads and saves numbering and quote validity.
type DocumentSettingsService interface {
	// FindDocumentSettings returns the saved settings, DefaultDocumentSettings when never saved.
	FindDocumentSettings(ctx context.Context) (*DocumentSettings, error)
	SaveDocumentSettings(ctx context.Context, s DocumentSettings) (*DocumentSettings, error)
}
