package accounts

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

// pageSize is how many rows one list query fetches; maxPages bounds the cache
// (a few thousand rows) however far the user scrolls.
const (
	pageSize = 100
	maxPages = 40
)

// accountList is the searchable list. Without a search it pages through every
// account lazily; with one it shows the top hits. Every query carries the
// generation it was started in, and a result from an older one is dropped.
type accountList struct {
	s *Screen

	search   *xwidget.SearchEntry
	archived *widget.Check
	list     *widget.List
	status   *widget.Label
	empty    *widget.Label
	content  fyne.CanvasObject

	gen      int                         // generation of the query on screen
	cancel   context.CancelFunc          // stops the search in flight
	query    string                      // the search shown; "" browses
	hits     []domain.AccountRow         // search results, when query != ""
	pages    map[int][]domain.AccountRow // browse mode: page number → rows
	pending  map[int]bool                // pages being fetched
	total    int                         // rows the list has
	loaded   bool                        // the first result of this generation arrived
	selected int                         // highlighted row, -1 for none
	sort     domain.AccountSort          // the order of the rows
	sortHead *sortHeader                 // the column titles that sort
	head     *fyne.Container             // the row of column titles
	moving   bool                        // the selection moves by keyboard: do not open
	inUpdate bool                        // inside the list's UpdateItem: it must not refresh the list
	rewind   bool                        // the next result is a new query: show it from the top
}

func newAccountList(s *Screen) *accountList {
	l := &accountList{s: s, selected: -1}
	listColumns.FitDates(2, s.d.Locale)
	listColumns.Fit(4, false, "000-000-00-00")
	l.search = xwidget.NewSearchEntry()
	l.search.SetPlaceHolder(lang.X("accounts.search.placeholder", "Search code, name, tax ID, city, people… (Ctrl+F)"))
	l.search.OnChanged = func(string) { l.reload() }
	l.search.OnSubmitted = func(string) { l.openSelected() }
	l.search.OnMove = l.move
	l.archived = widget.NewCheck(lang.X("accounts.show_archived", "Show archived"), func(bool) { l.reload() })

	l.list = widget.NewList(func() int { return l.total }, newRow, l.updateItem)
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

	l.head = l.newSortHeader().(*fyne.Container)
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, l.archived, l.search),
		l.head,
		widget.NewSeparator(),
	)
	l.content = container.NewBorder(top, l.status, nil, nil,
		container.NewStack(l.list, container.NewVBox(l.empty)))
	return l
}

// header is the row of column titles.
func header() fyne.CanvasObject {
	titles := []string{
		lang.X("accounts.column.code", "Code"),
		lang.X("accounts.column.name", "Name"),
		lang.X("accounts.column.last_contact", "Last contact"),
		lang.X("accounts.column.city", "City"),
		lang.X("accounts.column.tax_id", "Tax ID"),
		lang.X("accounts.column.customer_group", "Group"),
		lang.X("accounts.column.owner", "Owner"),
	}
	objs := make([]fyne.CanvasObject, len(titles))
	for i, t := range titles {
		l := widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		objs[i] = l
	}
	return container.New(listColumns, objs...)
}

// newRow is the template of one list row: one truncating label per column.
func newRow() fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(listColumns.Widths))
	for i := range objs {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		objs[i] = l
	}
	return container.New(listColumns, objs...)
}

// reload starts the query the search box and the archived toggle ask for,
// showing its results from the top.
func (l *accountList) reload() {
	l.rewind = true
	l.refresh()
}

// refresh runs the current query again where the list stands (after a save).
func (l *accountList) refresh() {
	l.gen++
	if l.cancel != nil {
		l.cancel()
	}
	l.query = strings.TrimSpace(l.search.Text)
	l.pages, l.pending, l.hits = map[int][]domain.AccountRow{}, map[int]bool{}, nil
	l.loaded = false
	if l.query == "" {
		l.fetchPage(0)
		return
	}
	gen, archived := l.gen, l.archived.Checked
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	q := domain.SearchQuery{Text: l.query, IncludeArchived: archived}
	l.s.d.Run(func() {
		hits, err := l.s.d.Accounts.SearchAccounts(ctx, q)
		fyne.Do(func() {
			if gen != l.gen || ctx.Err() != nil {
				return
			}
			if err != nil {
				alert.Error(l.s.d.Window, err)
				return
			}
			sortHits(hits, l.sort)
			l.fit(hits)
			l.hits, l.total, l.loaded = hits, len(hits), true
			l.shown(true)
		})
	})
}

// fetchPage loads one page of the browse list.
func (l *accountList) fetchPage(p int) {
	if l.pending[p] {
		return
	}
	l.pending[p] = true
	gen := l.gen
	f := domain.AccountFilter{IncludeArchived: l.archived.Checked, Sort: l.sort, Offset: p * pageSize, Limit: pageSize}
	l.s.d.Run(func() {
		rows, total, err := l.s.d.Accounts.ListAccountRows(context.Background(), f)
		fyne.Do(func() {
			if gen != l.gen {
				return
			}
			delete(l.pending, p)
			if err != nil {
				alert.Error(l.s.d.Window, err)
				return
			}
			first := !l.loaded
			l.fit(rows)
			l.pages[p] = rows
			l.evict(p)
			l.total, l.loaded = total, true
			if !l.inUpdate {
				l.shown(first)
			}
		})
	})
}

// fit widens the code column to the codes of rows, before they show.
func (l *accountList) fit(rows []domain.AccountRow) {
	for _, r := range rows {
		if listColumns.Fit(0, false, r.Code) {
			l.head.Refresh()
		}
	}
}

// evict keeps the cache bounded by dropping the page farthest from p.
func (l *accountList) evict(p int) {
	for len(l.pages) > maxPages {
		far, dist := -1, -1
		for q := range l.pages {
			if d := max(q-p, p-q); d > dist {
				far, dist = q, d
			}
		}
		delete(l.pages, far)
	}
}

// row returns row i if it is loaded.
func (l *accountList) row(i int) (domain.AccountRow, bool) {
	if i < 0 {
		return domain.AccountRow{}, false
	}
	if l.query != "" {
		if i < len(l.hits) {
			return l.hits[i], true
		}
		return domain.AccountRow{}, false
	}
	page, ok := l.pages[i/pageSize]
	if !ok || i%pageSize >= len(page) {
		return domain.AccountRow{}, false
	}
	return page[i%pageSize], true
}

func (l *accountList) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	r, ok := l.row(i)
	if !ok && l.query == "" {
		// With the inline runner of tests the page arrives at once; in the app
		// it arrives later and refreshes the list then.
		l.inUpdate = true
		l.fetchPage(i / pageSize)
		l.inUpdate = false
		r, ok = l.row(i)
	}
	cells := o.(*fyne.Container).Objects
	if !ok {
		for _, c := range cells {
			c.(*widget.Label).SetText("")
		}
		cells[1].(*widget.Label).SetText("…")
		return
	}
	name := r.Name
	if r.Kind == domain.HitContact { // a person, at the account: several people of one account differ by their names
		name = lang.X("accounts.row.person_at", "{{.Contact}}, person at {{.Account}}", map[string]any{"Account": r.Name, "Contact": r.ContactName})
	}
	if r.Archived {
		name += " " + lang.X("accounts.row.archived", "(archived)")
	}
	taxID := r.TaxID
	if len(taxID) == 10 {
		taxID = domain.FormatNIP(taxID)
	}
	for j, text := range []string{r.Code, name, l.s.d.Locale.FormatDate(r.LastContact), r.City, taxID, r.CustomerGroup, r.Owner} {
		lbl := cells[j].(*widget.Label)
		lbl.TextStyle.Italic = r.Archived
		lbl.TextStyle.Bold = j == 1 && r.Kind == domain.HitContact
		lbl.SetText(text)
	}
}

// shown updates the list, the status line and the empty state after a
// result. The first result of a query replaces the rows, so the selection
// goes; a page arriving while the user scrolls keeps it.
func (l *accountList) shown(first bool) {
	if first {
		l.selected = -1
		l.list.UnselectAll()
	}
	l.list.Refresh()
	if first && l.rewind {
		l.rewind = false
		l.list.ScrollToTop()
	}
	count := l.s.d.Locale.FormatDecimal(decimal.NewFromInt(int64(l.total)), 0)
	switch {
	case l.query != "" && l.total >= domain.DefaultSearchLimit:
		l.status.SetText(lang.X("accounts.status.hits_first", "The first {{.Count}} hits; type more to narrow them down.", map[string]any{"Count": count}))
	case l.query != "":
		l.status.SetText(lang.XN("accounts.status.hits", "{{.Count}} hits", l.total, map[string]any{"Count": count}))
	default:
		l.status.SetText(lang.XN("accounts.status.count", "{{.Count}} accounts", l.total, map[string]any{"Count": count}))
	}
	switch {
	case l.total > 0:
		l.empty.Hide()
	case l.query != "":
		l.empty.SetText(lang.X("accounts.empty.search", "No accounts match “{{.Query}}”.", map[string]any{"Query": l.query}))
		l.empty.Show()
	default:
		l.empty.SetText(lang.X("accounts.empty.none", "No accounts yet. Press Ctrl+N to add the first one."))
		l.empty.Show()
	}
}

// move steps the selection through the rows from the search box.
func (l *accountList) move(delta int) {
	if l.total == 0 {
		return
	}
	i := l.selected + delta
	if l.selected < 0 && delta > 0 {
		i = 0
	}
	i = min(max(i, 0), l.total-1)
	l.moving = true
	l.list.Select(i)
	l.moving = false
	l.list.ScrollTo(i)
}

func (l *accountList) onSelected(i widget.ListItemID) {
	l.selected = i
	if l.moving {
		return
	}
	l.openRow(i)
}

// openSelected opens the highlighted row, or the first one (Enter in search).
func (l *accountList) openSelected() {
	i := max(l.selected, 0)
	if i < l.total {
		l.openRow(i)
	}
}

func (l *accountList) openRow(i int) {
	r, ok := l.row(i)
	if !ok {
		return
	}
	if v := l.s.view; v != nil && v.acc != nil && v.acc.ID == r.AccountID {
		l.s.pane.ShowDetail() // it is open: show it again where the list covered it
		return
	}
	l.s.Open(r.AccountID)
}

// follow highlights the row of the account opened some other way (a link
// to the head office, a search hit elsewhere) when the list has it loaded,
// and else highlights none: never the row of an account no longer open.
func (l *accountList) follow(id domain.AccountID) {
	if r, ok := l.row(l.selected); ok && r.AccountID == id {
		return
	}
	n := l.total
	if l.query != "" {
		n = len(l.hits)
	}
	for i := 0; i < n; i++ {
		if r, ok := l.row(i); ok && r.AccountID == id {
			l.moving = true // highlighted, not opened again
			l.list.Select(i)
			l.moving = false
			return
		}
	}
	l.unselect()
}

// unselect clears the highlight when the account view closes.
func (l *accountList) unselect() {
	l.selected = -1
	l.list.UnselectAll()
}
