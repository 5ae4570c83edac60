package dashboard

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/xwidget"
)

// invoiceColumns: number, date, account, net value; the number and the date
// are never cut.
var invoiceColumns = xwidget.Columns{Widths: []float32{130, 90, 200, 110}, Flex: 2, Whole: []int{0, 1}}

var invoiceRight = []int{3}

// monthInvoices is the dialog of the invoices and credit notes behind a
// month's sales: their net values add up to the bar's figure. A row opens
// its account's invoices.
type monthInvoices struct {
	s      *Screen
	rows   []domain.InvoiceRow
	list   *widget.List
	total  *widget.Label
	dialog *xwidget.Dialog
}

// openMonth loads the invoices of month m for q's scope and shows them.
func (s *Screen) openMonth(q domain.DashboardQuery, m domain.Month) {
	s.loads.Load(func() (func(), error) {
		rows, err := s.d.Dashboard.SalesInvoices(context.Background(), q, m)
		return func() { s.invoices = newMonthInvoices(s, m, rows) }, err
	})
}

func newMonthInvoices(s *Screen, m domain.Month, rows []domain.InvoiceRow) *monthInvoices {
	v := &monthInvoices{s: s, rows: rows}
	loc := s.d.Locale
	var sum domain.Amount
	for _, r := range rows {
		sum += r.Net
		invoiceColumns.FitRow(invoiceRight, v.texts(&r)...)
	}
	head := invoiceColumns.Header([]string{lang.X("dashboard.invoices.number", "Invoice"), lang.X("dashboard.invoices.date", "Date"),
		lang.X("dashboard.invoices.account", "Account"), lang.X("dashboard.invoices.net", "Net")}, invoiceRight...)
	v.list = widget.NewList(func() int { return len(v.rows) }, func() fyne.CanvasObject { return invoiceColumns.Row(invoiceRight...) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(v.rows) {
				xwidget.SetRow(o, v.texts(&v.rows[i])...)
			}
		})
	v.list.OnSelected = func(i widget.ListItemID) {
		v.list.UnselectAll()
		if i < len(v.rows) && s.d.OpenAccount != nil {
			v.dialog.Hide()
			s.d.OpenAccount(v.rows[i].AccountID)
		}
	}
	v.total = widget.NewLabelWithStyle(lang.XN("dashboard.invoices.total", "{{.Count}} invoices and credit notes, {{.Net}} net", len(rows),
		map[string]any{"Count": len(rows), "Net": loc.FormatAmount(sum, domain.CatalogCurrency)}), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	v.total.Truncation = fyne.TextTruncateEllipsis
	body := container.NewBorder(container.NewVBox(head, widget.NewSeparator()), v.total, nil, nil, v.list)
	title := lang.X("dashboard.invoices.title", "Sales of {{.Month}}", map[string]any{"Month": monthTitle(m)})
	v.dialog = xwidget.NewDismissDialog(title, lang.X("dashboard.invoices.close", "Close"), body, s.d.Window)
	v.dialog.Fit(fyne.NewSize(760, 560))
	v.dialog.Show()
	return v
}

// texts are a row's cells as shown.
func (v *monthInvoices) texts(r *domain.InvoiceRow) []string {
	loc := v.s.d.Locale
	return []string{r.Number, loc.FormatDate(r.Date), r.AccountCode + " · " + r.AccountName, loc.FormatAmount(r.Net, domain.CatalogCurrency)}
}
