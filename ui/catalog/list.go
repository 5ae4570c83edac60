package catalog

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/prices"
	"kontor/ui/xwidget"
)

// columns of the list: SKU, name, unit, list price, VAT, state.
// The SKU is never cut: the column widens to the longest one shown.
var columns = xwidget.Columns{Widths: []float32{110, 160, 50, 115, 55, 75}, Flex: 1, Whole: []int{0}}

// right are the columns of numbers, aligned right.
var right = []int{3, 4}

// productList is the searchable catalog. Without a search it pages through
// every product of the filter; with one it shows the top hits, in name order.
// Each query is a generation of the row cache: a result of an older one is dropped.
type productList struct {
	s *Screen

	header   fyne.CanvasObject
	search   *xwidget.SearchEntry
	filter   *widget.Select
	list     *widget.List
	status   *widget.Label
	empty    *widget.Label
	content  fyne.CanvasObject
	rows     xwidget.Pages[*domain.Product]
	query    string // the search shown; "" browses
	selected int    // highlighted row, -1 for none
	moving   bool   // the selection moves by keyboard: do not open
	rewind   bool   // the next result is a new query: show it from the top
}

// filters are the active filter's choices in the order shown.
func filters() []string {
	return []string{
		lang.X("catalog.filter.active", "Active"),
		lang.X("catalog.filter.inactive", "Inactive"),
		lang.X("catalog.filter.all", "All"),
	}
}

func newProductList(s *Screen) *productList {
	l := &productList{s: s, selected: -1}
	l.search = xwidget.NewSearchEntry()
	l.search.SetPlaceHolder(lang.X("catalog.search.placeholder", "Search SKU, name, description… (Ctrl+F)"))
	l.search.OnChanged = func(string) { l.reload() }
	l.search.OnSubmitted = func(string) { l.openSelected() }
	l.search.OnMove = l.move
	l.filter = widget.NewSelect(filters(), nil)
	l.filter.SetSelectedIndex(0)
	l.filter.OnChanged = func(string) { l.reload() }

	l.rows = xwidget.Pages[*domain.Product]{Run: s.d.Run, Loaded: l.loaded, Arrived: l.fit}
	l.list = widget.NewList(l.rows.Total, func() fyne.CanvasObject { return columns.Row(right...) }, l.updateItem)
	l.list.OnSelected = l.onSelected
	l.list.OnUnselected = func(id widget.ListItemID) {
		if id == l.selected {
			l.selected = -1
		}
	}
	l.status = widget.NewLabel("")
	l.status.Importance = widget.LowImportance
	l.empty = widget.NewLabel("")
	l.empty.Alignment = fyne.TextAlignCenter
	l.empty.Wrapping = fyne.TextWrapWord
	l.empty.Hide()

	l.header = columns.Header([]string{
		lang.X("catalog.column.sku", "SKU"),
		lang.X("catalog.column.name", "Name"),
		lang.X("catalog.column.unit", "Unit"),
		lang.X("catalog.column.list_price", "List price"),
		lang.X("catalog.column.vat", "VAT"),
		lang.X("catalog.column.state", "State"),
	}, right...)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, l.filter, l.search), l.header, widget.NewSeparator())
	l.content = container.NewBorder(top, l.status, nil, nil, container.NewStack(l.list, container.NewVBox(l.empty)))
	return l
}

// active is the filter chosen.
func (l *productList) active() domain.ActiveFilter {
	switch l.filter.SelectedIndex() {
	case 1:
		return domain.InactiveOnly
	case 2:
		return domain.AnyActive
	}
	return domain.ActiveOnly
}

// reload starts the query the search box and the filter ask for. The query is
// read here, on the Fyne goroutine, and the work runs with that copy.
func (l *productList) reload() {
	l.query = strings.TrimSpace(l.search.Text)
	q := domain.ProductQuery{Text: l.query, Active: l.active()}
	products := l.s.d.Products
	l.rows.Load = func(ctx context.Context, offset, limit int) ([]*domain.Product, int, error) {
		if q.Text != "" {
			if offset > 0 {
				return nil, 0, nil
			}
			q.Limit = domain.DefaultSearchLimit
		} else {
			q.Offset, q.Limit = offset, limit
		}
		return products.FindProducts(ctx, q)
	}
	l.rewind = true
	l.rows.Reset()
}

// fit widens the columns never cut to the rows arrived.
func (l *productList) fit(rows []*domain.Product) {
	grew := false
	for _, p := range rows {
		grew = columns.FitRow(right, l.texts(p)...) || grew
	}
	if grew && l.header != nil {
		xwidget.RelayoutTree(l.header)
		xwidget.RelayoutTree(l.list)
	}
}

// refresh runs the current query again (after a save), keeping the scroll.
func (l *productList) refresh() { l.rows.Reset() }

// loaded shows the rows after a page arrived.
func (l *productList) loaded(first bool, err error) {
	if err != nil {
		alert.Error(l.s.d.Window, err)
		return
	}
	if first {
		l.selected = -1
		l.list.UnselectAll()
	}
	l.list.Refresh()
	if first && l.rewind {
		l.rewind = false
		l.list.ScrollToTop()
	}
	l.showStatus()
}

func (l *productList) showStatus() {
	total := l.rows.Total()
	count := l.s.d.Locale.FormatDecimal(decimal.NewFromInt(int64(total)), 0)
	switch {
	case l.query != "" && total >= domain.DefaultSearchLimit:
		l.status.SetText(lang.X("catalog.status.hits_first", "The first {{.Count}} hits; type more to narrow them down.", map[string]any{"Count": count}))
	case l.query != "":
		l.status.SetText(lang.XN("catalog.status.hits", "{{.Count}} hits", total, map[string]any{"Count": count}))
	default:
		l.status.SetText(lang.XN("catalog.status.count", "{{.Count}} products", total, map[string]any{"Count": count}))
	}
	switch {
	case total > 0:
		l.empty.Hide()
	case l.query != "":
		l.empty.SetText(lang.X("catalog.empty.search", "No products match “{{.Query}}”.", map[string]any{"Query": l.query}))
		l.empty.Show()
	default:
		l.empty.SetText(lang.X("catalog.empty.none", "No products here. Press Ctrl+N to add one."))
		l.empty.Show()
	}
}

// texts is how product p reads in the list, one text per column.
func (l *productList) texts(p *domain.Product) []string {
	loc := l.s.d.Locale
	state := lang.X("catalog.state.active", "active")
	if !p.Active {
		state = lang.X("catalog.state.inactive", "inactive")
	}
	return []string{p.SKU, p.Name, string(p.Unit), prices.PriceColumn(loc, p.ListPrice), prices.VAT(loc, p.VATRate), state}
}

func (l *productList) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	p, ok := l.rows.Row(i)
	if !ok {
		xwidget.SetRow(o, "", "…")
		return
	}
	for _, c := range o.(*fyne.Container).Objects {
		c.(*widget.Label).TextStyle.Italic = !p.Active
	}
	xwidget.SetRow(o, l.texts(p)...)
}

// move steps the selection through the rows from the search box.
func (l *productList) move(delta int) {
	total := l.rows.Total()
	if total == 0 {
		return
	}
	i := l.selected + delta
	if l.selected < 0 && delta > 0 {
		i = 0
	}
	i = min(max(i, 0), total-1)
	l.moving = true
	l.list.Select(i)
	l.moving = false
	l.list.ScrollTo(i)
}

func (l *productList) onSelected(i widget.ListItemID) {
	l.selected = i
	if !l.moving {
		l.openRow(i)
	}
}

// openSelected opens the highlighted row, or the first one (Enter in search).
func (l *productList) openSelected() {
	if i := max(l.selected, 0); i < l.rows.Total() {
		l.openRow(i)
	}
}

func (l *productList) openRow(i int) {
	p, ok := l.rows.Row(i)
	if !ok || l.s.OpenID() == p.ID {
		return
	}
	l.s.Open(p.ID)
}

// unselect clears the highlight when the editor closes or a leave is called off.
func (l *productList) unselect() {
	l.selected = -1
	l.list.UnselectAll()
}
