package documents

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
	"kontor/ui/xwidget"
)

// listRow is one row of a document list as shown.
type listRow struct {
	quote domain.QuoteID
	order domain.OrderID
	texts []string
	warn  bool // an expired quote
}

// listQuery is what the filter bar asks for, read on the Fyne goroutine.
type listQuery struct {
	filter  domain.DocumentFilter
	status  int    // index into the status options; 0: all
	account string // an account code typed; "" for all
}

// docList is a paged, virtualised list of quotes or orders with its filters:
// status, account code, owner, date range, and the order.
type docList struct {
	d       *Deps
	statusO []string
	load    func(ctx context.Context, q listQuery, offset, limit int) ([]listRow, int, error)
	total   func(ctx context.Context, q listQuery) (domain.DocumentTotal, error) // nil: counted by the pages
	totals  xwidget.Latest
	sum     *domain.DocumentTotal // the total of the query shown, nil until it arrived
	opened  func(r listRow)

	status  *widget.Select
	account *xwidget.Field
	owner   *widget.Entry
	from    *xwidget.Field
	to      *xwidget.Field
	sort    *widget.Select
	pages   xwidget.Pages[listRow]
	list    *widget.List
	count   *widget.Label
	content fyne.CanvasObject
	columns xwidget.Columns
	right   []int // the columns of figures
	header  fyne.CanvasObject
	query   listQuery
	gen     int  // drops the account lookup of an older query
	drawn   bool // the list has drawn a row, so it has its scroller
	filling bool // the program sets several filters: one reload after
}

// sort options, in the order of the drop-down.
func sortOptions() []string {
	return []string{lang.X("documents.sort.newest", "Newest first"), lang.X("documents.sort.oldest", "Oldest first"),
		lang.X("documents.sort.largest", "Largest first"), lang.X("documents.sort.smallest", "Smallest first")}
}

func newDocList(d *Deps, statuses []string, columns xwidget.Columns, titles []string, right []int,
	load func(ctx context.Context, q listQuery, offset, limit int) ([]listRow, int, error), opened func(listRow)) *docList {
	l := &docList{d: d, statusO: append([]string{lang.X("documents.filter.all", "All statuses")}, statuses...), load: load,
		opened: opened, columns: columns}
	l.status = widget.NewSelect(l.statusO, func(string) { l.reload() })
	l.status.SetSelectedIndex(0)
	l.account = xwidget.NewEntryField()
	l.account.Entry.SetPlaceHolder(lang.X("documents.filter.account", "Account code"))
	l.owner = widget.NewEntry()
	l.owner.SetPlaceHolder(lang.X("documents.filter.owner", "Owner"))
	l.from, l.to = xwidget.NewEntryField(), xwidget.NewEntryField()
	xwidget.DatePicker(l.from.Entry, d.Locale, false, d.Today)
	xwidget.DatePicker(l.to.Entry, d.Locale, false, d.Today)
	l.from.Entry.SetPlaceHolder(lang.X("documents.filter.from", "From date"))
	l.to.Entry.SetPlaceHolder(lang.X("documents.filter.to", "To date"))
	for _, e := range []*widget.Entry{l.account.Entry, l.owner, l.from.Entry, l.to.Entry} {
		e.OnChanged = func(string) { l.reload() }
	}
	l.sort = widget.NewSelect(sortOptions(), func(string) { l.reload() })
	l.sort.SetSelectedIndex(0)
	l.pages = xwidget.Pages[listRow]{Size: domain.DefaultDocumentPage, Run: d.Run}
	l.right = right
	l.pages.Arrived = l.fit
	l.pages.Loaded = func(first bool, err error) {
		if err != nil {
			l.failed(err)
			return
		}
		if first {
			l.list.UnselectAll()
			if l.drawn { // the list scrolls only once it has a renderer
				l.list.ScrollToTop()
			}
		}
		l.list.Refresh()
		l.showCount()
	}
	l.list = widget.NewList(l.pages.Total, func() fyne.CanvasObject { return columns.Row(right...) }, l.updateRow)
	l.list.OnSelected = func(i widget.ListItemID) {
		if r, ok := l.pages.Row(i); ok {
			l.opened(r)
		}
	}
	l.count = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	l.count.Truncation = fyne.TextTruncateEllipsis
	l.totals = xwidget.Latest{Run: d.Run, Window: d.Window}
	filters := container.NewGridWithColumns(3, l.status, l.account, l.owner, l.from, l.to, l.sort)
	l.header = columns.Header(titles, right...)
	l.content = container.NewBorder(container.NewVBox(filters, l.header, widget.NewSeparator()), l.count,
		nil, nil, l.list)
	return l
}

// reload runs the query the filters ask for, showing it from the top.
func (l *docList) reload() {
	if l.list == nil || l.filling {
		return // still being built, or filters being set
	}
	q, ok := l.readFilters()
	if !ok {
		return
	}
	l.start(q)
}

// refresh runs the same query again (after a save).
func (l *docList) refresh() {
	if q, ok := l.readFilters(); ok {
		l.start(q)
	}
}

// start fetches the first page of q, once the account code typed is known;
// the query is captured here, so a page fetched later never reads filters
// changed meanwhile.
func (l *docList) start(q listQuery) {
	l.gen++
	gen := l.gen
	if q.account == "" {
		l.fetch(q, true)
		return
	}
	l.d.Run(func() {
		a, err := l.d.Accounts.FindAccountByCode(context.Background(), q.account)
		fyne.Do(func() {
			if gen != l.gen {
				return
			}
			switch {
			case domain.ErrorCode(err) == domain.ENotFound:
				l.account.SetProblem(lang.X("documents.filter.account_unknown", "No account has this code."))
				l.fetch(q, false)
			case err != nil:
				alert.Error(l.d.Window, err)
			default:
				q.filter.Account = a.ID
				l.fetch(q, true)
			}
		})
	})
}

// fetch resets the pages to q, or to nothing when any is false, and counts
// and sums what q finds.
func (l *docList) fetch(q listQuery, any bool) {
	l.query = q
	l.sum = nil
	if l.total != nil && any {
		total := l.total
		l.totals.Load(func() (func(), error) {
			t, err := total(context.Background(), q)
			return func() {
				l.sum = &t
				l.showCount()
			}, err
		})
	} else if l.total != nil {
		l.totals.Drop()
		l.sum = &domain.DocumentTotal{}
	}
	l.pages.Load = func(ctx context.Context, offset, limit int) ([]listRow, int, error) {
		if !any {
			return nil, 0, nil
		}
		return l.load(ctx, q, offset, limit)
	}
	l.pages.Reset()
}

func (l *docList) readFilters() (listQuery, bool) {
	q := listQuery{status: max(l.status.SelectedIndex(), 0), account: strings.TrimSpace(l.account.Text())}
	q.filter.Owner = strings.TrimSpace(l.owner.Text)
	ok := true
	for _, x := range []struct {
		f *xwidget.Field
		d *domain.Date
	}{{l.from, &q.filter.From}, {l.to, &q.filter.To}} {
		t := strings.TrimSpace(x.f.Text())
		if t == "" {
			x.f.SetProblem("")
			continue
		}
		d, err := xwidget.ParseDate(t)
		if err != nil {
			x.f.SetProblem(alert.FieldProblem(domain.FieldDate, err))
			ok = false
			continue
		}
		x.f.SetProblem("")
		*x.d = d
	}
	switch l.sort.SelectedIndex() {
	case 1:
		q.filter.Asc = true
	case 2:
		q.filter.Sort = domain.SortByValue
	case 3:
		q.filter.Sort, q.filter.Asc = domain.SortByValue, true
	}
	l.account.SetProblem("")
	return q, ok
}

func (l *docList) failed(err error) { alert.Error(l.d.Window, err) }

// fit widens the columns of numbers, dates and amounts to a page of rows
// before it shows.
func (l *docList) fit(rows []listRow) {
	grew := false
	for _, r := range rows {
		grew = l.columns.FitRow(l.right, r.texts...) || grew
	}
	if grew && l.list != nil {
		xwidget.RelayoutTree(l.header)
		xwidget.RelayoutTree(l.list)
	}
}

func (l *docList) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	l.drawn = true
	r, ok := l.pages.Row(i)
	if !ok {
		xwidget.SetRow(o, "…")
		return
	}
	xwidget.SetRow(o, r.texts...)
	for _, c := range o.(*fyne.Container).Objects {
		lbl := c.(*widget.Label)
		if r.warn != (lbl.Importance == widget.WarningImportance) {
			lbl.Importance = importance(r.warn, widget.WarningImportance)
			lbl.Refresh()
		}
	}
}

// showCount says how many documents the filters find and, once summed,
// their net value.
func (l *docList) showCount() {
	n := l.pages.Total()
	if l.sum != nil {
		n = l.sum.Count
	}
	count := l.d.Locale.FormatDecimal(decimal.NewFromInt(int64(n)), 0)
	text := lang.XN("documents.list.count", "{{.Count}} documents", n, map[string]any{"Count": count})
	if l.sum != nil {
		text = lang.XN("documents.list.total", "{{.Count}} documents · {{.Net}} net", n,
			map[string]any{"Count": count, "Net": money(l.d.Locale, l.sum.Net, domain.CatalogCurrency)})
	}
	l.count.SetText(text)
}

// rowTexts renders row i as shown (for tests).
func (l *docList) rowTexts(i int) []string {
	o := l.columns.Row()
	l.updateRow(i, o)
	return xwidget.RowTexts(o)
}
