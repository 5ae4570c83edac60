package prices

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// sheetColumns: SKU, name, unit, VAT, list price, from quantity, price, source.
var sheetColumns = xwidget.Columns{Widths: []float32{120, 200, 50, 55, 105, 80, 105, 130}, Flex: 1}

var sheetRight = []int{3, 4, 5, 6}

// sheetRow is one line of the sheet on screen: a product's price from one
// quantity on. A product's first row names it; its further tiers follow.
type sheetRow struct{ line, brk int }

// sheetView shows an account's price sheet for a date: every active product
// at quantity 1 and at each tier break, in a virtualised list, with the PDF
// and CSV exports.
type sheetView struct {
	d   *Deps
	acc *domain.Account

	date     *xwidget.Field
	showBtn  *widget.Button
	pdf, csv *widget.Button
	list     *widget.List
	busy     *widget.ProgressBarInfinite
	status   *widget.Label
	dialog   *xwidget.Dialog

	sheet *domain.PriceSheet
	rows  []sheetRow
	gen   int
}

// openSheet opens the price sheet of acc for today.
func openSheet(d *Deps, acc *domain.Account) *sheetView {
	s := &sheetView{d: d, acc: acc, date: xwidget.NewEntryField()}
	s.date.Entry.SetText(DateEntry(d.Locale, d.Today()))
	xwidget.DatePicker(s.date.Entry, d.Locale, false, d.Today)
	s.date.Entry.OnSubmitted = func(string) { s.load() }
	s.showBtn = widget.NewButtonWithIcon(lang.X("prices.sheet.show", "Show"), theme.ViewRefreshIcon(), s.load)
	s.pdf = widget.NewButtonWithIcon(lang.X("prices.sheet.pdf", "Export PDF…"), theme.DocumentSaveIcon(), func() { s.export(SheetPDF) })
	s.csv = widget.NewButtonWithIcon(lang.X("prices.sheet.csv", "Export CSV…"), theme.DocumentSaveIcon(), func() { s.export(SheetCSV) })
	if d.Export == nil {
		s.pdf.Hide()
		s.csv.Hide()
	}
	s.list = widget.NewList(func() int { return len(s.rows) }, func() fyne.CanvasObject { return sheetColumns.Row(sheetRight...) }, s.updateRow)
	s.list.OnSelected = func(widget.ListItemID) { s.list.UnselectAll() }
	s.busy = widget.NewProgressBarInfinite()
	s.busy.Hide()
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord

	header := sheetColumns.Header([]string{
		lang.X("catalog.column.sku", "SKU"), lang.X("catalog.column.name", "Name"), lang.X("catalog.column.unit", "Unit"),
		lang.X("catalog.column.vat", "VAT"), lang.X("catalog.column.list_price", "List price"),
		lang.X("prices.sheet.column.from", "From qty"), lang.X("prices.sheet.column.price", "Net price"),
		lang.X("prices.sheet.column.source", "Source"),
	}, sheetRight...)
	bar := container.NewHBox(widget.NewLabel(lang.X("prices.sheet.date", "Prices on")), container.NewGridWrap(fyne.NewSize(140, s.date.MinSize().Height), s.date),
		s.showBtn, layout.NewSpacer(), s.pdf, s.csv)
	closeBtn := widget.NewButton(lang.X("prices.sheet.close", "Close"), func() { s.dialog.Hide() })
	body := container.NewBorder(container.NewVBox(bar, header, widget.NewSeparator()),
		container.NewVBox(s.busy, container.NewBorder(nil, nil, nil, closeBtn, s.status)), nil, nil, s.list)
	title := lang.X("prices.sheet.title", "Price sheet: {{.Name}} ({{.Code}})", map[string]any{"Name": acc.Name, "Code": acc.Code})
	s.dialog = xwidget.NewDialog(title, body, d.Window)
	size := d.Window.Canvas().Size()
	s.dialog.Fit(fyne.NewSize(max(size.Width-80, 700), max(size.Height-80, 480)))
	s.dialog.Show()
	s.load()
	return s
}

// load prices every active product for the account on the date typed.
func (s *sheetView) load() {
	on, err := xwidget.ParseDate(s.date.Text())
	if err == nil && on.IsZero() {
		on = s.d.Today()
	}
	if err != nil {
		s.date.SetProblem(alert.FieldProblem(domain.FieldValidFrom, err))
		return
	}
	s.date.SetProblem("")
	s.gen++
	gen, account := s.gen, s.acc.ID
	s.working(lang.X("prices.sheet.loading", "Pricing the catalog…"))
	s.d.Run(func() {
		sheet, err := s.d.Prices.PriceSheet(context.Background(), account, on)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			s.done()
			if err != nil {
				s.status.SetText("")
				alert.Error(s.d.Window, err)
				return
			}
			s.setSheet(sheet)
		})
	})
}

// working shows that something longer is under way and holds the actions.
func (s *sheetView) working(msg string) {
	s.status.SetText(msg)
	s.busy.Show()
	s.busy.Start()
	s.showBtn.Disable()
	s.pdf.Disable()
	s.csv.Disable()
}

func (s *sheetView) done() {
	s.busy.Stop()
	s.busy.Hide()
	s.showBtn.Enable()
	s.pdf.Enable()
	s.csv.Enable()
}

func (s *sheetView) setSheet(sheet *domain.PriceSheet) {
	s.sheet = sheet
	s.rows = s.rows[:0]
	for i, l := range sheet.Lines {
		for j := range max(len(l.Breaks), 1) {
			s.rows = append(s.rows, sheetRow{i, j})
		}
	}
	s.list.Refresh()
	s.list.ScrollToTop()
	n := len(sheet.Lines)
	s.status.SetText(lang.XN("prices.sheet.count", "{{.Count}} products priced for {{.Date}}.", n,
		map[string]any{"Count": s.d.Locale.FormatDecimal(decimal.NewFromInt(int64(n)), 0), "Date": s.d.Locale.FormatDate(sheet.Date)}))
}

// texts is how row r reads, one text per column.
func (s *sheetView) texts(r sheetRow) []string {
	loc := s.d.Locale
	l := s.sheet.Lines[r.line]
	out := make([]string, 8)
	if r.brk == 0 {
		out[0], out[1], out[2], out[3], out[4] = l.SKU, l.Name, string(l.Unit), VAT(loc, l.VATRate), PriceColumn(loc, l.ListPrice)
	}
	if r.brk < len(l.Breaks) {
		b := l.Breaks[r.brk]
		out[5], out[6], out[7] = Qty(loc, b.MinQty), PriceColumn(loc, b.Price), sourceText(b)
	}
	return out
}

func (s *sheetView) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	xwidget.SetRow(o, s.texts(s.rows[i])...)
}

// sourceText says briefly where a tier's price comes from.
func sourceText(b domain.PriceBreak) string {
	args := map[string]any{"ID": int64(b.Agreement)}
	switch b.Source {
	case domain.SourceAccount:
		return lang.X("prices.sheet.source.account", "own #{{.ID}}", args)
	case domain.SourceParent:
		return lang.X("prices.sheet.source.parent", "head office #{{.ID}}", args)
	case domain.SourceGroup:
		return lang.X("prices.sheet.source.group", "group #{{.ID}}", args)
	}
	return lang.X("prices.sheet.source.list", "list price")
}

// export asks where to save the sheet shown, then has the store write it.
func (s *sheetView) export(format SheetFormat) {
	if s.sheet == nil {
		return
	}
	name := lang.X("prices.sheet.file", "price-sheet") + "-" + strings.ReplaceAll(s.acc.Code, "/", "-") + "-" + s.sheet.Date.String() + "." + string(format)
	s.d.SaveFile(name, func(path string) { s.exportTo(format, path) })
}

// exportTo writes the sheet shown to path, off the Fyne goroutine.
func (s *sheetView) exportTo(format SheetFormat, path string) {
	sheet, loc := s.sheet, s.d.Locale
	s.working(lang.X("prices.sheet.exporting", "Writing {{.Path}}…", map[string]any{"Path": path}))
	s.d.Run(func() {
		err := s.d.Export(context.Background(), sheet, format, loc, path)
		fyne.Do(func() {
			s.done()
			if err != nil {
				s.status.SetText("")
				alert.Error(s.d.Window, err)
				return
			}
			s.status.SetText(lang.X("prices.sheet.saved", "Saved to {{.Path}}", map[string]any{"Path": path}))
		})
	})
}
