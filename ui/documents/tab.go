package documents

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/xwidget"
)

// recentLimit is how many of an account's documents its tab lists.
const recentLimit = 50

// AccountTab is the Quotes or Orders tab of an account: its recent documents,
// newest first, and a button for a new one. A row opens in its section.
type AccountTab struct {
	s       *Screens
	kind    domain.DocumentKind
	acc     *domain.Account
	rows    []listRow
	list    *widget.List
	count   *widget.Label
	content fyne.CanvasObject
	columns xwidget.Columns
	loads   xwidget.Latest
}

// QuotesTab builds an account's Quotes tab.
func (s *Screens) QuotesTab(acc *domain.Account) *AccountTab { return s.newTab(domain.KindQuote, acc) }

// OrdersTab builds an account's Orders tab.
func (s *Screens) OrdersTab(acc *domain.Account) *AccountTab { return s.newTab(domain.KindOrder, acc) }

func (s *Screens) newTab(kind domain.DocumentKind, acc *domain.Account) *AccountTab {
	t := &AccountTab{s: s, kind: kind, acc: acc, columns: tabColumns, loads: xwidget.Latest{Run: s.d.Run, Window: s.d.Window}}
	label := lang.X("documents.quote.new_button", "New quote")
	if kind == domain.KindOrder {
		label = lang.X("documents.order.new_button", "New order")
	}
	t.list = widget.NewList(func() int { return len(t.rows) }, func() fyne.CanvasObject { return t.columns.Row(3, 4) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(t.rows) {
				xwidget.SetRow(o, tabTexts(t.rows[i].texts)...)
			}
		})
	t.list.OnSelected = func(i widget.ListItemID) {
		t.list.UnselectAll()
		if i >= len(t.rows) {
			return
		}
		if t.kind == domain.KindQuote {
			s.OpenQuote(t.rows[i].quote)
		} else {
			s.OpenOrder(t.rows[i].order)
		}
	}
	t.count = widget.NewLabel("")
	t.count.Importance = widget.LowImportance
	newBtn := widget.NewButtonWithIcon(label, theme.ContentAddIcon(), func() {
		if t.kind == domain.KindQuote {
			s.NewQuoteFor(t.acc.ID)
		} else {
			s.NewOrderFor(t.acc.ID)
		}
	})
	header := tabColumns.Header([]string{lang.X("documents.column.number", "Number"), lang.X("documents.column.date", "Date"),
		lang.X("documents.column.status", "Status"), lang.X("documents.column.net_total", "Net"),
		lang.X("documents.column.gross_total", "Gross")}, 3, 4)
	t.content = container.NewBorder(container.NewVBox(container.NewHBox(newBtn, t.count), header), nil, nil, nil, t.list)
	t.Reload()
	s.tabs[kind] = t // one account is open at a time: its tabs follow saves
	return t
}

// tabColumns fit an account view's narrow pane: the account goes without
// saying, the status takes what is left.
var tabColumns = xwidget.Columns{Widths: []float32{120, 90, 70, 100, 100}, Flex: 2, Whole: []int{0, 1}}

// tabTexts picks a list row's number, date, status, net and gross.
func tabTexts(row []string) []string { return []string{row[0], row[1], row[3], row[5], row[6]} }

// Content is the tab's top object.
func (t *AccountTab) Content() fyne.CanvasObject { return t.content }

// SetAccount follows a save of the account.
func (t *AccountTab) SetAccount(acc *domain.Account) {
	t.acc = acc
	t.Reload()
}

// Reload reads the account's recent documents again.
func (t *AccountTab) Reload() {
	d, id, kind := &t.s.d, t.acc.ID, t.kind
	today := d.Today()
	t.loads.Load(func() (func(), error) {
		ctx := context.Background()
		f := domain.DocumentFilter{Account: id, Limit: recentLimit}
		var rows []listRow
		var total int
		var err error
		if kind == domain.KindQuote {
			var qs []domain.QuoteRow
			qs, total, err = d.Quotes.FindQuotes(ctx, domain.QuoteFilter{DocumentFilter: f, Today: today})
			for i := range qs {
				rows = append(rows, quoteRow(d.Locale, &qs[i]))
			}
		} else {
			var os []domain.OrderRow
			os, total, err = d.Orders.FindOrders(ctx, domain.OrderFilter{DocumentFilter: f})
			for i := range os {
				rows = append(rows, orderRow(d.Locale, &os[i]))
			}
		}
		return func() {
			t.rows = rows
			grew := false
			for _, r := range rows {
				grew = t.columns.FitRow([]int{3, 4}, tabTexts(r.texts)...) || grew
			}
			if grew {
				xwidget.RelayoutTree(t.content)
			}
			t.list.Refresh()
			if total > len(rows) {
				t.count.SetText(lang.X("documents.tab.recent", "The latest {{.Shown}} of {{.Total}}.", map[string]any{"Shown": len(rows), "Total": total}))
			} else {
				t.count.SetText(lang.XN("documents.list.count", "{{.Count}} documents", total, map[string]any{"Count": total}))
			}
		}, err
	})
}
