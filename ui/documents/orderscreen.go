package documents

import (
	"context"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/xwidget"
)

// orderScreen is the Orders section.
type orderScreen struct{ docScreen }

// orderColumns: number, date, account, status, delivered, net, gross,
// owner; number and dates are never cut.
var orderColumns = xwidget.Columns{Widths: []float32{120, 90, 200, 100, 90, 100, 100, 110}, Flex: 2, Whole: []int{0, 1, 4}}

func newOrderScreen(s *Screens) *orderScreen {
	x := &orderScreen{docScreen{s: s}}
	var statuses []string
	for _, st := range domain.OrderStatuses {
		statuses = append(statuses, orderStatusLabel(st))
	}
	titles := []string{lang.X("documents.column.number", "Number"), lang.X("documents.column.date", "Date"),
		lang.X("documents.column.account", "Account"), lang.X("documents.column.status", "Status"),
		lang.X("documents.column.delivered", "Delivered"), lang.X("documents.column.net_total", "Net"),
		lang.X("documents.column.gross_total", "Gross"), lang.X("documents.column.owner", "Owner")}
	d := &s.d
	x.list = newDocList(d, statuses, orderColumns, titles, []int{5, 6},
		func(ctx context.Context, q listQuery, offset, limit int) ([]listRow, int, error) {
			f := domain.OrderFilter{DocumentFilter: q.filter}
			f.Offset, f.Limit = offset, limit
			if q.status > 0 {
				f.Statuses = []domain.OrderStatus{domain.OrderStatuses[q.status-1]}
			}
			rows, total, err := d.Orders.FindOrders(ctx, f)
			out := make([]listRow, len(rows))
			for i, r := range rows {
				out[i] = orderRow(d.Locale, &r)
			}
			return out, total, err
		}, func(r listRow) { x.confirmLeave(func() { x.open(r.order) }) })
	if d.Totals != nil {
		x.list.total = func(ctx context.Context, q listQuery) (domain.DocumentTotal, error) {
			f := domain.OrderFilter{DocumentFilter: q.filter}
			if q.status > 0 {
				f.Statuses = []domain.OrderStatus{domain.OrderStatuses[q.status-1]}
			}
			return d.Totals.OrderTotal(ctx, f)
		}
	}
	newBtn := widget.NewButtonWithIcon(lang.X("documents.order.new_button", "New order"), theme.ContentAddIcon(), s.NewOrder)
	newBtn.Importance = widget.HighImportance
	x.init(newBtn)
	return x
}

// orderRow writes an order list row.
func orderRow(loc domain.Locale, r *domain.OrderRow) listRow {
	return listRow{order: r.ID, texts: []string{r.Number, loc.FormatDate(r.Date), r.AccountCode + " · " + r.AccountName,
		orderStatusLabel(r.Status), loc.FormatDate(r.DeliveredOn), money(loc, r.Net, r.Currency), money(loc, r.Gross, r.Currency), r.Owner}}
}

// open reads an order with its account and the account's people.
func (x *orderScreen) open(id domain.OrderID) {
	d := &x.s.d
	x.loads.Load(func() (func(), error) {
		ctx := context.Background()
		o, err := d.Orders.FindOrderByID(ctx, id)
		var acc *domain.Account
		var people []*domain.Contact
		if err == nil {
			acc, err = d.Accounts.FindAccountByID(ctx, o.AccountID)
		}
		if err == nil {
			people, err = d.Contacts.FindContacts(ctx, o.AccountID)
		}
		return func() { x.show(newOrderEditor(x.s, acc, o, o.OrderFields, people)) }, err
	})
}

// newOrder opens a new order for an account dated today, delivered to its
// shipping address.
func (x *orderScreen) newOrder(account domain.AccountID) {
	d := &x.s.d
	today := d.Today()
	x.loads.Load(func() (func(), error) {
		ctx := context.Background()
		acc, err := d.Accounts.FindAccountByID(ctx, account)
		var people []*domain.Contact
		if err == nil {
			people, err = d.Contacts.FindContacts(ctx, account)
		}
		return func() {
			f := domain.NewOrderFields(acc, today)
			if f.Owner == "" {
				f.Owner = d.User()
			}
			e := newOrderEditor(x.s, acc, nil, f, people)
			x.show(e)
			d.Window.Canvas().Focus(e.lines.sku.Focusable())
		}, err
	})
}
