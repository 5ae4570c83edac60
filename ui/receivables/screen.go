package receivables

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// listColumns: code, name, not due, 1–30, 31–60, 61–90, >90, credit, balance,
// credit limit, owner. Amounts go without "zł": the titles say the currency.
// The code and the amounts are never cut: their columns widen to the figures
// shown; a window too narrow for all drops the owner (a filter says it), and
// one too narrow for the credit limit too scrolls the table sideways.
var listColumns = xwidget.Columns{Widths: []float32{100, 140, 60, 60, 60, 60, 60, 60, 70, 70, 96}, Flex: 1, Whole: []int{0}, Keep: 10}

var listRight = []int{2, 3, 4, 5, 6, 7, 8, 9}

// Column indexes of the buckets, for their warning colours.
const (
	colD1_30 = 3 + iota
	colD31_60
	colD61_90
	colOver90
	colCredit
	colBalance
	colLimit
)

// Screen is the Receivables section: every account with an open balance or
// credit, most overdue first, filtered by owner and customer group, with a
// totals row, exports and the month-end statement batch.
type Screen struct {
	d Deps

	owner, group *widget.Select
	ksef         *widget.Select // KSeF status filter; hidden without the service
	list         *openList
	totals       *row
	busy         *widget.ProgressBarInfinite
	status       *widget.Label
	empty        *widget.Label
	openBtn      *widget.Button
	csvBtn       *widget.Button
	xlsxBtn      *widget.Button
	batchBtn     *widget.Button
	content      fyne.CanvasObject
	head         fyne.CanvasObject // the column titles

	rows   []domain.ReceivableRow
	total  domain.Aging
	owners []string // every owner seen, for the filter
	groups []domain.CustomerGroup
	gen    int          // drops a result when a newer query was started
	batch  *batchDialog // the last batch dialog, for tests

	worklist *Worklist // the Collections tab; nil without the collections service
	tabs     *container.AppTabs
}

// New builds the section; its list loads when the section is shown (Refresh).
func New(d Deps) *Screen {
	d.defaults()
	s := &Screen{d: d}
	allOwners, allGroups := lang.X("receivables.filter.all_owners", "All owners"), lang.X("receivables.filter.all_groups", "All groups")
	s.owner = widget.NewSelect([]string{allOwners}, func(string) { s.Refresh() })
	s.owner.SetSelectedIndex(0)
	s.group = widget.NewSelect([]string{allGroups}, func(string) { s.Refresh() })
	s.group.SetSelectedIndex(0)
	if d.Groups == nil {
		s.group.Hide()
	}
	ksefOptions := []string{lang.X("ksef.filter.any", "Any KSeF status")}
	for _, st := range domain.KSeFStatuses {
		ksefOptions = append(ksefOptions, KSeFStatusText(st))
	}
	s.ksef = widget.NewSelect(ksefOptions, func(string) { s.Refresh() })
	s.ksef.SetSelectedIndex(0)
	s.list = newOpenList(func() int { return len(s.rows) }, func() fyne.CanvasObject { return newOpenRow(listColumns, s.list, s.open, listRight...) },
		s.updateRow, s.open)
	s.list.OnSelected = func(id widget.ListItemID) {
		s.list.selected = id
		s.openBtn.Enable()
	}
	s.list.OnUnselected = func(widget.ListItemID) {
		s.list.selected = -1
		s.openBtn.Disable()
	}
	s.totals = newRow(listColumns, listRight...)
	// Only the word is bold, and the sums are in smaller type: on a large
	// ledger they run to tens of millions and would not fit the columns.
	s.totals.labels()[1].TextStyle.Bold = true
	for _, i := range listRight {
		s.totals.labels()[i].SizeName = theme.SizeNameCaptionText
	}
	s.busy = widget.NewProgressBarInfinite()
	s.busy.Hide()
	s.busy.Stop()
	s.status = widget.NewLabel("")
	s.status.Importance = widget.LowImportance
	s.empty = widget.NewLabel("")
	s.empty.Alignment = fyne.TextAlignCenter
	s.empty.Wrapping = fyne.TextWrapWord
	s.empty.Hide()
	s.openBtn = widget.NewButtonWithIcon(lang.X("receivables.open", "Open account"), theme.AccountIcon(), func() {
		if s.list.selected >= 0 {
			s.open(s.list.selected)
		}
	})
	s.openBtn.Disable()
	refresh := widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), s.Refresh)
	s.csvBtn = widget.NewButtonWithIcon(lang.X("receivables.export_csv", "Export CSV…"), theme.DocumentSaveIcon(), func() { s.export(FormatCSV) })
	s.xlsxBtn = widget.NewButtonWithIcon(lang.X("receivables.export_xlsx", "Export XLSX…"), theme.DocumentSaveIcon(), func() { s.export(FormatXLSX) })
	if d.Export == nil {
		s.csvBtn.Hide()
		s.xlsxBtn.Hide()
	}
	s.batchBtn = widget.NewButtonWithIcon(lang.X("receivables.statements", "Statements…"), theme.DocumentPrintIcon(), s.Statements)
	s.batchBtn.Importance = widget.HighImportance
	if d.Printer == nil {
		s.batchBtn.Hide()
	}

	title := widget.NewLabelWithStyle(lang.X("receivables.title", "Receivables"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Truncation = fyne.TextTruncateEllipsis
	// The filters get room for a whole name: a Select asks only for a short one.
	pick := func(sel *widget.Select) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(200, sel.MinSize().Height), sel)
	}
	groupLabel := widget.NewLabel(lang.X("receivables.filter.group", "Group"))
	ksefLabel := widget.NewLabel(lang.X("ksef.filter", "KSeF"))
	filters := container.NewHBox(widget.NewLabel(lang.X("receivables.filter.owner", "Owner")), pick(s.owner),
		groupLabel, pick(s.group), ksefLabel, pick(s.ksef), refresh)
	if d.Groups == nil {
		groupLabel.Hide()
		s.group.Hide()
	}
	if d.KSeF == nil {
		ksefLabel.Hide()
		s.ksef.Hide()
	}
	// Two rows: the title with the actions, which move into the bar's menu
	// on a narrow window (the exports first), and the filters, short enough
	// for a 1024-pixel laptop in Polish.
	heading := xwidget.NewTitleBar(title, xwidget.NewActionBar(s.batchBtn, s.openBtn, s.csvBtn, s.xlsxBtn))
	s.head = listColumns.Header([]string{
		lang.X("receivables.column.code", "Code"), lang.X("receivables.column.name", "Name"),
		lang.X("receivables.column.current", "Not due"),
		lang.X("receivables.column.d1_30", "1–30"), lang.X("receivables.column.d31_60", "31–60"),
		lang.X("receivables.column.d61_90", "61–90"), lang.X("receivables.column.over_90", "> 90"),
		lang.X("receivables.column.credit", "Credit"), lang.X("receivables.column.balance", "Balance"),
		lang.X("receivables.column.limit", "Limit"), lang.X("receivables.column.owner", "Owner"),
	}, listRight...)
	head := s.head
	// The table (titles, rows and totals) scrolls sideways together when the
	// window is too narrow for its columns up to the credit limit.
	table := container.NewBorder(container.NewVBox(head, widget.NewSeparator()), container.NewVBox(widget.NewSeparator(), s.totals),
		nil, nil, container.NewStack(s.list, container.NewVBox(s.empty)))
	s.content = container.NewBorder(container.NewVBox(heading, filters, s.busy), s.status, nil, nil, container.NewHScroll(table))
	s.content = s.withWorklist(s.content)
	return s
}

// ShowOwner filters the list to one owner's accounts ("" for all): the
// dashboard's overdue receivables lead here.
func (s *Screen) ShowOwner(owner string) {
	if owner != "" && !slices.Contains(s.owner.Options, owner) {
		s.owner.Options = append(s.owner.Options, owner)
	}
	on := s.owner.OnChanged
	s.owner.OnChanged = nil
	if owner == "" {
		s.owner.SetSelectedIndex(0)
	} else {
		s.owner.SetSelected(owner)
	}
	s.owner.OnChanged = on
	s.Refresh()
}

// Content is the section's top object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Refresh reloads the list with the filters chosen (when the section is
// shown, and after a payment anywhere). The query runs on the worker behind
// a busy bar; a newer query drops an older one's result.
func (s *Screen) Refresh() {
	if s.list == nil {
		return // called by a Select while New builds it
	}
	if s.tabs != nil && s.tabs.SelectedIndex() == 1 {
		s.worklist.Refresh()
	}
	s.loadGroups()
	s.gen++
	gen := s.gen
	f := domain.ReceivablesFilter{AsOf: s.d.Today()}
	if s.owner.SelectedIndex() > 0 {
		f.Owner = s.owner.Selected
	}
	if s.group.SelectedIndex() > 0 {
		for _, g := range s.groups {
			if g.Name == s.group.Selected {
				f.Group = g.ID
			}
		}
	}
	if i := s.ksef.SelectedIndex(); i > 0 && s.d.KSeF != nil {
		f.KSeF = domain.KSeFStatuses[i-1]
	}
	s.setBusy(true)
	s.d.Run(func() {
		rows, total, err := s.d.Receivables.FindReceivables(context.Background(), f)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			s.setBusy(false)
			if err != nil {
				alert.Error(s.d.Window, err)
				return
			}
			s.show(rows, total, f)
		})
	})
}

func (s *Screen) setBusy(on bool) {
	if on {
		s.busy.Show()
		s.busy.Start()
		return
	}
	s.busy.Stop()
	s.busy.Hide()
}

// show puts a result on screen.
func (s *Screen) show(rows []domain.ReceivableRow, total domain.Aging, f domain.ReceivablesFilter) {
	s.rows, s.total = rows, total
	s.list.UnselectAll()
	s.list.selected = -1
	s.openBtn.Disable()
	s.list.Refresh()
	s.list.ScrollToTop()
	for _, r := range rows {
		if r.Owner != "" && !slices.Contains(s.owners, r.Owner) {
			s.owners = append(s.owners, r.Owner)
		}
	}
	slices.SortFunc(s.owners, func(a, b string) int { return strings.Compare(domain.Fold(a), domain.Fold(b)) })
	sel := s.owner.Selected
	s.owner.Options = append([]string{s.owner.Options[0]}, s.owners...)
	s.owner.Selected = sel
	s.owner.Refresh()

	loc := s.d.Locale
	totals := []string{"", lang.X("receivables.totals", "Total"), number(loc, total.Current), number(loc, total.D1_30),
		number(loc, total.D31_60), number(loc, total.D61_90), number(loc, total.Over90), number(loc, total.Credit),
		number(loc, total.Balance()), "", ""}
	s.fit(totals)
	s.totals.set(-1, totals...)
	s.markBuckets(s.totals, total)
	s.status.SetText(lang.XN("receivables.count", "{{.Count}} accounts · amounts in PLN, as of {{.Date}}", len(rows),
		map[string]any{"Count": len(rows), "Date": loc.FormatDate(f.AsOf)}))
	filtered := f.Owner != "" || f.Group != 0
	switch {
	case len(rows) > 0:
		s.empty.Hide()
	case f.KSeF != "":
		s.empty.SetText(lang.X("ksef.filter.empty", "No account has an invoice in this KSeF status."))
		s.empty.Show()
	case filtered:
		s.empty.SetText(lang.X("receivables.empty.filtered", "No open balances for these filters."))
		s.empty.Show()
	default:
		s.empty.SetText(lang.X("receivables.empty", "Nothing is owed: no account has an open balance or credit."))
		s.empty.Show()
	}
	enable(s.csvBtn, len(rows) > 0)
	enable(s.xlsxBtn, len(rows) > 0)
}

// loadGroups fills the group filter with the groups there are now (an
// account saved meanwhile may have made one), keeping the one chosen.
func (s *Screen) loadGroups() {
	if s.d.Groups == nil {
		return
	}
	s.d.Run(func() {
		groups, err := s.d.Groups.FindGroups(context.Background())
		fyne.Do(func() {
			if err != nil {
				alert.Error(s.d.Window, err)
				return
			}
			s.groups = groups
			opts := []string{s.group.Options[0]}
			for _, g := range groups {
				opts = append(opts, g.Name)
			}
			s.group.Options = opts
			s.group.Refresh()
		})
	})
}

func (s *Screen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.rows) {
		return
	}
	r := &s.rows[id]
	w := rowOf(o)
	w.set(id, s.rowTexts(r)...)
	s.markBuckets(w, r.Aging)
	if r.CreditLimit > 0 && r.Aging.Balance() > r.CreditLimit {
		w.mark(colLimit, widget.DangerImportance)
	}
}

// rowTexts are an account's cells as shown.
func (s *Screen) rowTexts(r *domain.ReceivableRow) []string {
	loc, g := s.d.Locale, r.Aging
	limit := ""
	if r.CreditLimit > 0 {
		limit = number(loc, r.CreditLimit)
	}
	return []string{r.Code, r.Name, blankZero(loc, g.Current), blankZero(loc, g.D1_30), blankZero(loc, g.D31_60),
		blankZero(loc, g.D61_90), blankZero(loc, g.Over90), blankZero(loc, g.Credit), number(loc, g.Balance()), limit, r.Owner}
}

// fit widens the columns to the rows' codes and amounts and the totals (in
// their smaller type), and lays the list out again when one grew.
func (s *Screen) fit(totals []string) {
	grew := false
	for i := range s.rows {
		grew = listColumns.FitRow(listRight, s.rowTexts(&s.rows[i])...) || grew
	}
	caption := theme.Size(theme.SizeNameCaptionText)
	for _, i := range listRight {
		grew = listColumns.FitSized(i, caption, fyne.TextStyle{}, totals[i]) || grew
	}
	if grew {
		xwidget.RelayoutTree(s.head)
		xwidget.RelayoutTree(s.list)
		xwidget.RelayoutTree(s.totals)
	}
}

// markBuckets colours the overdue buckets that hold money, the later the
// stronger, and credit as good news.
func (s *Screen) markBuckets(w *row, g domain.Aging) {
	for col, a := range map[int]domain.Amount{colD1_30: g.D1_30, colD31_60: g.D31_60, colD61_90: g.D61_90, colOver90: g.Over90} {
		switch {
		case a == 0:
		case col == colD1_30:
			w.mark(col, widget.WarningImportance)
		default:
			w.mark(col, widget.DangerImportance)
		}
	}
	if g.Credit != 0 {
		w.mark(colCredit, widget.SuccessImportance)
	}
}

// blankZero leaves an empty bucket blank, so the ones that matter stand out.
func blankZero(l domain.Locale, a domain.Amount) string {
	if a == 0 {
		return ""
	}
	return number(l, a)
}

// open shows row id's account at its Invoices tab.
func (s *Screen) open(id widget.ListItemID) {
	if id >= 0 && id < len(s.rows) {
		s.d.OpenAccount(s.rows[id].AccountID)
	}
}

// export asks where, then writes the rows shown.
func (s *Screen) export(f Format) {
	if len(s.rows) == 0 || s.d.Export == nil {
		return
	}
	rows := slices.Clone(s.rows)
	name := "receivables_" + s.d.Today().String() + "." + string(f)
	s.d.SaveFile(name, func(path string) {
		s.status.SetText(lang.X("receivables.exporting", "Exporting…"))
		s.d.Run(func() {
			err := s.d.Export(context.Background(), rows, f, path)
			fyne.Do(func() {
				if err != nil {
					s.status.SetText("")
					alert.Error(s.d.Window, err)
					return
				}
				s.status.SetText(lang.X("receivables.exported", "Saved to {{.Path}}", map[string]any{"Path": path}))
			})
		})
	})
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}
