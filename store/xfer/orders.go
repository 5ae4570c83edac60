package xfer

import (
	"io"
	"strings"

	"kontor/domain"
)

// OrderSchema is the orders file of the contract: one row per order line. The
// rows of one order share its order_no, account_code, order_date, status and
// delivered_date.
var OrderSchema = Schema{Kind: "orders", Columns: []Column{
	{Name: domain.FieldOrderNo, Required: true},
	{Name: domain.FieldAccountCode, Required: true},
	{Name: domain.FieldOrderDate, Required: true},
	{Name: domain.FieldSKU, Required: true},
	{Name: domain.FieldQuantity, Required: true, Type: Number},
	{Name: domain.FieldUnitPrice, Type: Number},
	{Name: domain.FieldDiscountPct, Type: Number},
	{Name: domain.FieldStatus},
	{Name: domain.FieldDeliveredDate},
}}

// OrderLineRecord is one row of an orders file: a line and its order's header.
type OrderLineRecord struct {
	Line        int
	Number      string
	AccountCode string
	Date        domain.Date
	SKU         string
	Quantity    domain.Quantity
	Price       domain.UnitPrice
	HasPrice    bool // false: the engine resolves the price on the order date
	Discount    domain.Percent
	Status      domain.OrderStatus
	Delivered   domain.Date
}

// OrderRecord is one order of a file: its header (from its first row) and
// its lines in file order.
type OrderRecord struct {
	Number      string
	AccountCode string
	Date        domain.Date
	Status      domain.OrderStatus
	Delivered   domain.Date
	Lines       []OrderLineRecord
}

// OrderFile is an orders file read and parsed, not yet checked against the database.
type OrderFile struct {
	File   string
	Orders []*OrderRecord // in the order their first rows appear
	Rows   int
	Errs   Errors
}

// OrderKey is how an order number is matched: ignoring ASCII case and the
// spaces around it, as the orders table compares numbers.
func OrderKey(number string) string { return domain.CodeKey(number) }

// ReadOrders reads an orders file. Each row is checked on its own (the
// quantity's and price's precision, the discount's range, the status, a
// delivered date exactly when delivered, not before the order date), and
// against the first row of its order: a later row that names another account,
// date, status or delivered date for the same order_no is an error on that
// column. Whether the account and SKU exist, and the unit's decimals, are the
// store's to check.
func ReadOrders(file string, src io.Reader) (*OrderFile, error) {
	rd, err := NewReader(file, src, OrderSchema)
	if err != nil {
		return nil, err
	}
	out := &OrderFile{File: file}
	byKey := map[string]*OrderRecord{}
	for rd.Next() {
		row := rd.Row()
		out.Rows++
		rec := OrderLineRecord{Line: row.Line, Number: row.Text(domain.FieldOrderNo),
			AccountCode: row.Text(domain.FieldAccountCode), SKU: row.Text(domain.FieldSKU)}
		if len([]rune(rec.Number)) > 64 {
			row.Failf(domain.FieldOrderNo, "field.too_long", "at most {{.Max}} characters", map[string]any{"Max": 64})
		}
		rec.Date, _ = row.Date(domain.FieldOrderDate)
		if q, err := domain.ParseQuantity(row.Text(domain.FieldQuantity)); err != nil {
			row.Fail(domain.FieldQuantity, err)
		} else if q <= 0 {
			row.Failf(domain.FieldQuantity, "quantity.positive", "the quantity of {{.SKU}} must be more than 0", map[string]any{"SKU": rec.SKU})
		} else {
			rec.Quantity = q
		}
		if v := row.Text(domain.FieldUnitPrice); v != "" {
			if p, err := domain.ParseUnitPrice(v); err != nil {
				row.Fail(domain.FieldUnitPrice, err)
			} else if p < 0 {
				row.Failf(domain.FieldUnitPrice, "price.negative", "a price cannot be negative", nil)
			} else {
				rec.Price, rec.HasPrice = p, true
			}
		}
		if v := row.Text(domain.FieldDiscountPct); v != "" {
			if d, err := domain.ParsePercent(v); err != nil {
				row.Fail(domain.FieldDiscountPct, err)
			} else if d < 0 || d > domain.Hundred {
				row.Failf(domain.FieldDiscountPct, "discount.range", "a discount is from 0 to 100%", nil)
			} else {
				rec.Discount = d
			}
		}
		statusOK := true
		if s, err := domain.ParseOrderStatus(row.Text(domain.FieldStatus)); err != nil {
			row.Fail(domain.FieldStatus, err)
			statusOK = false
		} else {
			rec.Status = s
		}
		delivered, hasDelivered := row.Date(domain.FieldDeliveredDate)
		rec.Delivered = delivered
		switch {
		case !statusOK:
		case rec.Status == domain.OrderDelivered && !hasDelivered && row.Text(domain.FieldDeliveredDate) == "":
			row.Failf(domain.FieldDeliveredDate, "order.delivered_date_required", "a delivered order needs its delivery date", nil)
		case rec.Status != domain.OrderDelivered && row.Text(domain.FieldDeliveredDate) != "":
			row.Failf(domain.FieldDeliveredDate, "order.delivered_date_not_delivered",
				"only a delivered order has a delivered_date; this one is {{.Status}}", map[string]any{"Status": string(rec.Status)})
		case hasDelivered && !rec.Date.IsZero() && delivered.Before(rec.Date):
			row.Failf(domain.FieldDeliveredDate, "order.delivered_before_date", "delivered {{.Delivered}} is before the order date {{.Date}}",
				map[string]any{"Delivered": delivered, "Date": rec.Date})
		}
		if rec.Number == "" {
			continue // the reader reported the required cell
		}
		key := OrderKey(rec.Number)
		o := byKey[key]
		if o == nil {
			o = &OrderRecord{Number: strings.TrimSpace(rec.Number), AccountCode: rec.AccountCode, Date: rec.Date, Status: rec.Status,
				Delivered: rec.Delivered}
			byKey[key] = o
			out.Orders = append(out.Orders, o)
		} else {
			first := o.Lines
			firstLine := 0
			if len(first) > 0 {
				firstLine = first[0].Line
			}
			differs := func(column string, same bool) {
				if !same {
					row.Failf(column, "csv.order_header_differs", "line {{.First}} gives order {{.Number}} another {{.Column}}; every row of an order must agree",
						map[string]any{"First": firstLine, "Number": o.Number, "Column": column})
				}
			}
			differs(domain.FieldAccountCode, domain.CodeKey(rec.AccountCode) == domain.CodeKey(o.AccountCode))
			differs(domain.FieldOrderDate, rec.Date == o.Date)
			if statusOK {
				differs(domain.FieldStatus, rec.Status == o.Status)
				differs(domain.FieldDeliveredDate, rec.Delivered == o.Delivered)
			}
		}
		o.Lines = append(o.Lines, rec)
	}
	out.Errs = rd.Errors()
	return out, nil
}

// OrderCells is one line of an order as a row of an export, in OrderSchema order.
func OrderCells(o *domain.Order, l *domain.DocumentLine) []string {
	delivered := ""
	if !o.DeliveredOn.IsZero() {
		delivered = o.DeliveredOn.String()
	}
	disc := ""
	if l.Discount != 0 {
		disc = l.Discount.String()
	}
	return []string{o.Number, o.AccountCode, o.Date.String(), l.SKU, l.Quantity.String(), l.Price.String(), disc,
		string(o.Status), delivered}
}
