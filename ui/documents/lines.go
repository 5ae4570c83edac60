package documents

import (
	"context"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/prices"
	"kontor/ui/xwidget"
)

// lineEditor is the lines of a quote or an order: a bar that adds a line or
// edits the selected one, the list of lines with their prices, where each
// comes from and what the customer paid last, and the totals per VAT rate.
// Every change of quantities reprices the whole document in the background
// (tiers compare with each SKU's total), and the lines whose price changed
// are marked.
type lineEditor struct {
	d       *Deps
	account func() domain.AccountID
	date    func() domain.Date
	changed func() // the lines changed: the document is unsaved
	// number is the document's own number ("" while new): a last price from
	// the document itself is not what the customer paid before.
	number func() string

	lines    []domain.DocumentLine
	products map[string]*domain.Product  // by upper-case SKU: units and names for the lines
	last     map[string]domain.LastPrice // by upper-case SKU
	repriced map[int]domain.PriceChange  // lines whose price the last repricing changed
	problems map[int]string              // line problems from the last save
	currency string                      // the account's currency
	locked   bool                        // the lines cannot change (confirmed order, old revision)
	sel      int                         // the line the bar edits; -1: the bar adds a new line
	product  *domain.Product             // the product the bar's SKU names; nil while unknown
	lookGen  int                         // drops a stale SKU lookup
	priceGen int                         // drops a stale repricing
	filling  bool                        // the bar is being filled by the program
	drawn    bool                        // the list has drawn a row, so it has its scroller

	sku, qty                     *navField
	disc, price, reason          *xwidget.Field
	find, addBtn, newBtn, remove *widget.Button
	why, paste                   *widget.Button
	actions                      *xwidget.ActionBar
	info                         *widget.Label
	// note says what happened last (a paste, a save refused) or else what
	// the last repricing changed, in one line that is always there, so the
	// list never moves when it appears.
	note      *widget.Label
	status    string
	statusImp widget.Importance
	priceNote string
	fresh     map[int]bool // lines added since the last repricing: their first price is no change
	list      *widget.List
	header    *fyne.Container // the column titles
	fitLen    []int           // per column, the longest text measured by fitColumns
	totals    *fyne.Container
	content   fyne.CanvasObject

	lastPaste *pasteDialog  // the paste dialog last opened, for tests
	lastWhy   *widget.Label // the explanation last shown, for tests
}

// lineColumns are the list's columns: #, SKU, name, quantity, net price,
// source, discount, net value, VAT, last price. The number, SKU, figures and
// VAT are never cut: they widen to what the lines show (fitColumns).
var lineColumns = xwidget.Columns{Widths: []float32{28, 80, 120, 70, 80, 75, 50, 90, 45, 150}, Flex: 2, Whole: []int{0, 1}}

// lineRight are the columns of figures, aligned right.
var lineRight = []int{0, 3, 4, 6, 7, 8}

func newLineEditor(d *Deps, account func() domain.AccountID, date func() domain.Date, changed func()) *lineEditor {
	e := &lineEditor{d: d, account: account, date: date, changed: changed, sel: -1,
		products: map[string]*domain.Product{}, last: map[string]domain.LastPrice{},
		repriced: map[int]domain.PriceChange{}, problems: map[int]string{}, fresh: map[int]bool{}}
	e.sku, e.qty, e.disc = newNavField(), newNavField(), xwidget.NewEntryField()
	e.sku.Entry.onMove = func(delta int) { e.moveLine(delta) }
	e.qty.Entry.onMove = func(delta int) { e.moveLine(delta) }
	e.qty.Entry.onEscape = e.backToNew
	e.sku.Entry.onEscape = e.backToNew
	e.price, e.reason = xwidget.NewEntryField(), xwidget.NewEntryField()
	e.sku.Entry.SetPlaceHolder(lang.X("documents.line.sku.placeholder", "SKU or name, Enter"))
	e.qty.Entry.SetPlaceHolder("1")
	e.disc.Entry.SetPlaceHolder("0")
	e.price.Entry.SetPlaceHolder(lang.X("documents.line.price.placeholder", "engine"))
	e.reason.Entry.SetPlaceHolder(lang.X("documents.line.reason.placeholder", "why a manual price"))
	e.sku.Entry.OnChanged = func(string) { e.lookup() }
	e.sku.Entry.OnSubmitted = func(string) { e.skuSubmitted() }
	for _, en := range []*widget.Entry{&e.qty.Entry.Entry, e.disc.Entry, e.price.Entry, e.reason.Entry} {
		en.OnChanged = func(string) { e.barChanged() }
		en.OnSubmitted = func(string) { e.submit() }
	}
	e.find = widget.NewButtonWithIcon(lang.X("documents.line.find", "Find…"), theme.SearchIcon(), func() { e.pick(e.sku.Text()) })
	e.addBtn = widget.NewButtonWithIcon(lang.X("documents.line.add", "Add line"), theme.ContentAddIcon(), e.submit)
	e.addBtn.Importance = widget.HighImportance
	e.newBtn = widget.NewButtonWithIcon(lang.X("documents.line.new", "New line"), theme.ContentClearIcon(), e.newLine)
	e.remove = widget.NewButtonWithIcon(lang.X("documents.line.remove", "Remove line"), theme.DeleteIcon(), e.removeLine)
	e.why = widget.NewButtonWithIcon(lang.X("documents.line.why", "Why this price?"), theme.QuestionIcon(), e.explain)
	e.paste = widget.NewButtonWithIcon(lang.X("documents.line.paste", "Paste lines…"), theme.ContentPasteIcon(), e.openPaste)
	e.info = widget.NewLabel("")
	e.info.Importance = widget.LowImportance
	e.info.Truncation = fyne.TextTruncateEllipsis
	e.note = widget.NewLabel("")
	e.note.Truncation = fyne.TextTruncateEllipsis
	e.list = widget.NewList(func() int { return len(e.lines) }, func() fyne.CanvasObject { return lineColumns.Row(lineRight...) },
		e.updateRow)
	e.list.OnSelected = e.selectLine
	e.list.OnUnselected = func(i widget.ListItemID) {
		if i == e.sel {
			e.newLine()
		}
	}
	e.totals = container.NewGridWithColumns(4)
	e.content = e.layout()
	e.newLine()
	e.refreshTotals()
	return e
}

// layout puts the bar over the list, the totals under it.
func (e *lineEditor) layout() fyne.CanvasObject {
	barCols := xwidget.Columns{Widths: []float32{240, 140, 100, 120, 160}, Flex: 4}
	label := func(s string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	labels := container.New(barCols, label(lang.X("documents.line.sku", "Product")), label(lang.X("documents.line.qty", "Quantity")),
		label(lang.X("documents.line.discount", "Discount %")), label(lang.X("documents.line.price", "Manual price")),
		label(lang.X("documents.line.reason", "Reason")))
	fields := container.New(barCols, e.sku, e.qty, e.disc, e.price, e.reason)
	e.actions = xwidget.NewActionBar(e.addBtn, e.newBtn, e.find, e.remove, e.why, e.paste)
	buttons := xwidget.NewActionLine(e.actions, e.info)
	header := lineColumns.Header([]string{"#", lang.X("documents.column.sku", "SKU"), lang.X("documents.column.name", "Name"),
		lang.X("documents.column.qty", "Quantity"), lang.X("documents.column.price", "Net price"),
		lang.X("documents.column.source", "Source"), lang.X("documents.column.discount", "Disc."),
		lang.X("documents.column.net", "Net value"), lang.X("documents.column.vat", "VAT"),
		lang.X("documents.column.last", "Last paid / quoted")}, lineRight...)
	e.header = header.(*fyne.Container)
	top := container.NewVBox(labels, fields, buttons, widget.NewSeparator(), header)
	bottom := container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, container.NewPadded(e.totals), container.NewVBox(e.note)))
	return container.NewBorder(top, bottom, nil, nil, e.list)
}

// setLines shows a document's lines (opened or new) and looks up their
// products and last prices.
func (e *lineEditor) setLines(lines []domain.DocumentLine, currency string, locked bool) {
	// A copy: the editor changes its lines in place, the document it came
	// from keeps what was stored.
	e.lines, e.currency, e.locked = slices.Clone(lines), currency, locked
	e.repriced, e.problems, e.fresh = map[int]domain.PriceChange{}, map[int]string{}, map[int]bool{}
	e.priceGen++
	e.list.UnselectAll()
	e.newLine()
	e.setLocked(locked)
	e.list.Refresh()
	e.refreshTotals()
	e.fetchLast(skusOf(lines))
}

func skusOf(lines []domain.DocumentLine) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lines {
		if k := strings.ToUpper(l.SKU); !seen[k] {
			seen[k] = true
			out = append(out, l.SKU)
		}
	}
	return out
}

// entries are the bar's entries, in tab order.
func (e *lineEditor) entries() []*widget.Entry {
	return []*widget.Entry{&e.sku.Entry.Entry, &e.qty.Entry.Entry, e.disc.Entry, e.price.Entry, e.reason.Entry}
}

// moveLine selects the line delta away from the selected one (from a new
// line: Up is the last line, Down the first) and puts the keyboard in its
// quantity.
func (e *lineEditor) moveLine(delta int) {
	n := len(e.lines)
	if n == 0 {
		return
	}
	i := e.sel + delta
	if e.sel < 0 {
		i = n - 1
		if delta > 0 {
			i = 0
		}
	}
	i = min(max(i, 0), n-1)
	e.list.Select(i)
	if e.drawn {
		e.list.ScrollTo(i)
	}
	e.d.Window.Canvas().Focus(e.qty.Focusable())
}

// backToNew leaves the selected line for a new one (Escape).
func (e *lineEditor) backToNew() {
	if e.sel < 0 {
		return
	}
	e.newLine()
	if !e.locked {
		e.d.Window.Canvas().Focus(e.sku.Focusable())
	}
}

// dateChanged reprices the lines when the document's date changed to a day
// that parses: agreements are valid by date.
func (e *lineEditor) dateChanged() {
	if !e.locked && !e.date().IsZero() {
		e.reprice()
	}
}

// setLocked enables or disables every change of the lines.
func (e *lineEditor) setLocked(locked bool) {
	e.locked = locked
	for _, en := range e.entries() {
		if locked {
			en.Disable()
		} else {
			en.Enable()
		}
	}
	for _, b := range []*widget.Button{e.find, e.addBtn, e.newBtn, e.remove, e.paste} {
		if locked {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if !locked && e.sel >= 0 {
		e.sku.Entry.Disable()
		e.find.Disable()
	}
}

// updateRow writes line i into a list row.
func (e *lineEditor) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	e.drawn = true
	if i >= len(e.lines) {
		return
	}
	texts := e.rowTexts(i)
	_, changed := e.repriced[i]
	_, bad := e.problems[i]
	for j, c := range o.(*fyne.Container).Objects {
		imp := widget.MediumImportance
		switch {
		case j == 4 && changed:
			imp = widget.WarningImportance
		case j == 2 && bad:
			imp = widget.DangerImportance
		}
		setLabel(c.(*widget.Label), texts[j], imp)
	}
}

// rowTexts are line i's cells as shown.
func (e *lineEditor) rowTexts(i int) []string {
	l, loc := &e.lines[i], e.d.Locale
	price := prices.PriceColumn(loc, l.Price)
	if ch, changed := e.repriced[i]; changed {
		price = lang.X("documents.line.was", "{{.New}} (was {{.Old}})", map[string]any{"New": prices.Price(loc, l.Price), "Old": prices.Price(loc, ch.Old)})
	}
	name := l.Name
	if problem, bad := e.problems[i]; bad {
		name = "⚠ " + problem
	}
	disc := ""
	if l.Discount != 0 {
		disc = prices.Percent(loc, l.Discount)
	}
	return []string{stringsOf(i + 1), l.SKU, name, prices.QtyUnit(loc, l.Quantity, l.Unit), price, sourceLabel(l.Source), disc,
		money(loc, l.Net(), e.currency), prices.VAT(loc, l.VATRate), e.lastText(l.SKU)}
}

// fitColumns widens the columns never cut to the lines' texts and lays the
// list out again when one grew. Only a text as long as the longest measured
// is measured: on a long document this runs at every keystroke.
func (e *lineEditor) fitColumns() {
	if e.fitLen == nil {
		e.fitLen = make([]int, len(lineColumns.Widths))
	}
	grew := false
	for i := range e.lines {
		for j, t := range e.rowTexts(i) {
			if !lineColumns.Kept(j, lineRight) {
				continue
			}
			if n := len([]rune(t)); n >= e.fitLen[j] {
				e.fitLen[j] = n
				grew = lineColumns.Fit(j, false, t) || grew
			}
		}
	}
	if grew {
		xwidget.RelayoutTree(e.header)
		xwidget.RelayoutTree(e.list)
	}
}

// setLabel changes a cell only where it differs: every keystroke in a
// quantity redraws the visible rows, and shaping unchanged texts again would
// cost more than a frame on a long document.
func setLabel(l *widget.Label, text string, imp widget.Importance) {
	if l.Text == text && l.Importance == imp {
		return
	}
	l.Text, l.Importance = text, imp
	l.Refresh()
}

func importance(on bool, imp widget.Importance) widget.Importance {
	if on {
		return imp
	}
	return widget.MediumImportance
}

func stringsOf(n int) string { return domain.Quantity(n * 1000).String() }

// lastOf is what the account last paid and was quoted for a SKU, leaving
// out the document being edited.
func (e *lineEditor) lastOf(sku string) (domain.LastPrice, bool) {
	lp, ok := e.last[strings.ToUpper(sku)]
	if !ok || e.number == nil {
		return lp, ok
	}
	if self := e.number(); self != "" {
		for _, p := range []*domain.PricePoint{&lp.Ordered, &lp.Quoted} {
			if p.Number == self || strings.HasPrefix(p.Number, self+" ") {
				*p = domain.PricePoint{}
			}
		}
	}
	return lp, true
}

// lastText is what the account last paid for a SKU, else what it was last
// quoted, with the date.
func (e *lineEditor) lastText(sku string) string {
	lp, ok := e.lastOf(sku)
	if !ok {
		return ""
	}
	loc := e.d.Locale
	switch {
	case !lp.Ordered.Date.IsZero():
		return lang.X("documents.last.ordered_short", "{{.Price}} · {{.Date}}",
			map[string]any{"Price": prices.Price(loc, lp.Ordered.Price.Discounted(lp.Ordered.Discount)), "Date": loc.FormatDate(lp.Ordered.Date)})
	case !lp.Quoted.Date.IsZero():
		return lang.X("documents.last.quoted_short", "quoted {{.Price}} · {{.Date}}",
			map[string]any{"Price": prices.Price(loc, lp.Quoted.Price.Discounted(lp.Quoted.Discount)), "Date": loc.FormatDate(lp.Quoted.Date)})
	}
	return lang.X("documents.last.never", "never bought")
}

// lastLong says both last prices with their documents, for the bar's info line.
func (e *lineEditor) lastLong(sku string) string {
	lp, ok := e.lastOf(sku)
	if !ok {
		return ""
	}
	loc := e.d.Locale
	var parts []string
	if p := lp.Ordered; !p.Date.IsZero() {
		parts = append(parts, lang.X("documents.last.ordered", "last ordered at {{.Price}} on {{.Date}} ({{.Number}})",
			map[string]any{"Price": prices.Price(loc, p.Price.Discounted(p.Discount)), "Date": loc.FormatDate(p.Date), "Number": p.Number}))
	}
	if p := lp.Quoted; !p.Date.IsZero() {
		parts = append(parts, lang.X("documents.last.quoted", "last quoted at {{.Price}} on {{.Date}} ({{.Number}})",
			map[string]any{"Price": prices.Price(loc, p.Price.Discounted(p.Discount)), "Date": loc.FormatDate(p.Date), "Number": p.Number}))
	}
	if len(parts) == 0 {
		return lang.X("documents.last.never_long", "never ordered or quoted by this account")
	}
	return strings.Join(parts, " · ")
}

// refreshTotals writes the totals per VAT rate and in all, as the lines
// stand now: they follow every keystroke of a quantity. Plain texts keep the
// table low, so the lines above keep the room.
func (e *lineEditor) refreshTotals() {
	e.fitColumns()
	t := domain.ComputeTotals(e.lines)
	loc := e.d.Locale
	cell := func(s string, bold, right bool) fyne.CanvasObject {
		c := canvas.NewText(s, theme.Color(theme.ColorNameForeground))
		c.TextStyle.Bold = bold
		if right {
			c.Alignment = fyne.TextAlignTrailing
		}
		gap := canvas.NewRectangle(color.Transparent) // room between the amounts
		gap.SetMinSize(fyne.NewSize(c.MinSize().Width+2*theme.Padding(), 0))
		return container.NewStack(gap, c)
	}
	objs := []fyne.CanvasObject{cell(lang.X("documents.totals.rate", "VAT rate"), true, false), cell(lang.X("documents.totals.net", "Net"), true, true),
		cell(lang.X("documents.totals.vat", "VAT"), true, true), cell(lang.X("documents.totals.gross", "Gross"), true, true)}
	for _, r := range t.ByRate {
		objs = append(objs, cell(prices.VAT(loc, r.Rate), false, false), cell(money(loc, r.Net, e.currency), false, true),
			cell(money(loc, r.VAT, e.currency), false, true), cell(money(loc, r.Gross, e.currency), false, true))
	}
	objs = append(objs, cell(lang.X("documents.totals.total", "Total"), true, false), cell(money(loc, t.Net, e.currency), true, true),
		cell(money(loc, t.VAT, e.currency), true, true), cell(money(loc, t.Gross, e.currency), true, true))
	was := e.totals.MinSize()
	e.totals.Objects = objs
	e.totals.Refresh()
	if e.totals.MinSize() != was { // a VAT rate came or went, an amount grew a digit
		xwidget.Relayout(e.totals)
	}
}

// Totals are the document's totals now (for tests and headers).
func (e *lineEditor) Totals() domain.Totals { return domain.ComputeTotals(e.lines) }

// newLine empties the bar for a new line.
func (e *lineEditor) newLine() {
	if e.sel >= 0 {
		e.sel = -1
		e.list.UnselectAll()
	}
	e.filling = true
	e.sku.Entry.SetText("")
	e.qty.Entry.SetText("")
	e.disc.Entry.SetText("")
	e.price.Entry.SetText("")
	e.reason.Entry.SetText("")
	e.filling = false
	e.sku.SetProblem("")
	e.qty.SetProblem("")
	for _, f := range []*xwidget.Field{e.disc, e.price, e.reason} {
		f.SetProblem("")
	}
	e.addBtn.SetText(lang.X("documents.line.add", "Add line"))
	e.actions.Refresh()
	e.remove.Disable()
	e.setLocked(e.locked)
	e.info.SetText("")
}

// selectLine loads line i into the bar: what is typed then changes it at once.
func (e *lineEditor) selectLine(i widget.ListItemID) {
	if i >= len(e.lines) {
		return
	}
	e.sel = i
	l := &e.lines[i]
	loc := e.d.Locale
	e.filling = true
	e.sku.Entry.SetText(l.SKU)
	e.qty.Entry.SetText(prices.Qty(loc, l.Quantity))
	e.disc.Entry.SetText("")
	if l.Discount != 0 {
		e.disc.Entry.SetText(loc.FormatDecimal(l.Discount.Decimal(), 2))
	}
	e.price.Entry.SetText("")
	e.reason.Entry.SetText("")
	if l.IsManual() {
		e.price.Entry.SetText(prices.PriceNumber(loc, l.Price))
		e.reason.Entry.SetText(l.ManualReason)
	}
	e.filling = false
	e.addBtn.SetText(lang.X("documents.line.done", "Done"))
	e.actions.Refresh()
	e.setLocked(e.locked)
	if !e.locked {
		e.remove.Enable()
	}
	e.showInfo(e.products[strings.ToUpper(l.SKU)], l)
}

// showInfo names the bar's product: name, unit, list price, the engine's
// price and source for a line, and what the account paid last.
func (e *lineEditor) showInfo(p *domain.Product, l *domain.DocumentLine) {
	loc := e.d.Locale
	var parts []string
	switch {
	case p != nil:
		parts = append(parts, p.Name, string(p.Unit), lang.X("documents.line.list", "list {{.Price}}", map[string]any{"Price": prices.Price(loc, p.ListPrice)}))
	case l != nil:
		parts = append(parts, l.Name)
	}
	if l != nil {
		parts = append(parts, lang.X("documents.line.engine", "engine {{.Price}}", map[string]any{"Price": prices.Price(loc, l.EnginePrice)}))
	}
	sku := e.sku.Text()
	if p != nil {
		sku = p.SKU
	}
	if t := e.lastLong(sku); t != "" && (p != nil || l != nil) {
		parts = append(parts, t)
	}
	e.info.SetText(strings.Join(parts, " · "))
}

// lookup finds the product of the SKU typed, off the Fyne goroutine.
func (e *lineEditor) lookup() {
	if e.filling {
		return
	}
	e.lookGen++
	gen, sku := e.lookGen, strings.TrimSpace(e.sku.Text())
	e.product = nil
	e.sku.SetProblem("")
	if sku == "" {
		e.info.SetText("")
		return
	}
	account := e.account()
	e.d.Run(func() {
		ctx := context.Background()
		p, err := e.d.Products.FindProductBySKU(ctx, sku)
		var last []domain.LastPrice
		if err == nil && account != 0 {
			last, _ = e.d.Orders.LastPrices(ctx, account, []string{p.SKU}) // the line works without them
		}
		fyne.Do(func() {
			if gen != e.lookGen {
				return
			}
			if err != nil {
				e.info.SetText("")
				return
			}
			e.product = p
			e.products[strings.ToUpper(p.SKU)] = p
			for _, lp := range last {
				e.last[strings.ToUpper(lp.SKU)] = lp
			}
			e.showInfo(p, nil)
		})
	})
}

// skuSubmitted moves on to the quantity when the SKU names a product, and
// otherwise opens the picker searching what was typed (a name, part of one).
// The lookup of what was typed may not have answered yet (a fast typist's
// Enter): the SKU is then asked for once more, and an exact one moves on to
// the quantity all the same.
func (e *lineEditor) skuSubmitted() {
	sku := strings.TrimSpace(e.sku.Text())
	if e.product != nil && strings.EqualFold(e.product.SKU, sku) {
		e.d.Window.Canvas().Focus(e.qty.Focusable())
		return
	}
	if sku == "" {
		e.pick("")
		return
	}
	e.lookGen++
	gen := e.lookGen
	e.d.Run(func() {
		p, err := e.d.Products.FindProductBySKU(context.Background(), sku)
		fyne.Do(func() {
			if gen != e.lookGen {
				return // typed on meanwhile
			}
			if err != nil || !strings.EqualFold(p.SKU, sku) {
				e.pick(sku)
				return
			}
			e.product = p
			e.products[strings.ToUpper(p.SKU)] = p
			e.showInfo(p, nil)
			e.d.Window.Canvas().Focus(e.qty.Focusable())
		})
	})
}

// pick opens the product picker; the product chosen fills the bar.
func (e *lineEditor) pick(text string) {
	prices.PickProduct(e.d.priceDeps(), strings.TrimSpace(text), e.picked)
}

func (e *lineEditor) picked(p *domain.Product) {
	e.sku.Entry.SetText(p.SKU)
	e.product = p
	e.products[strings.ToUpper(p.SKU)] = p
	e.d.Window.Canvas().Focus(e.qty.Focusable())
}

// barInput is what the bar says, checked.
type barInput struct {
	qty    domain.Quantity
	disc   domain.Percent
	manual bool
	price  domain.UnitPrice
	reason string
	ok     bool
}

// readBar parses the bar's numbers and shows each problem under its entry.
func (e *lineEditor) readBar(unit domain.Unit) barInput {
	in := barInput{ok: true}
	problem := func(f interface{ SetProblem(string) bool }, field string, err error) {
		if err != nil {
			in.ok = false
			f.SetProblem(alert.FieldProblem(field, err))
		} else {
			f.SetProblem("")
		}
	}
	q, err := domain.One, error(nil)
	if strings.TrimSpace(e.qty.Text()) != "" { // blank is one
		q, err = domain.ParseQuantity(e.qty.Text())
	}
	switch {
	case err == nil && q <= 0:
		err = domain.Errorf(domain.EInvalid, "quantity.positive", "the quantity must be more than 0", nil)
	case err == nil && unit != "":
		err = unit.Check(q)
	}
	problem(e.qty, domain.FieldQuantity, err)
	in.qty = q
	d, err := domain.Percent(0), error(nil)
	if strings.TrimSpace(e.disc.Text()) != "" {
		d, err = domain.ParsePercent(e.disc.Text())
	}
	if err == nil && (d < 0 || d > domain.Hundred) {
		err = domain.Errorf(domain.EInvalid, "discount.range", "a discount is from 0 to 100%", nil)
	}
	problem(e.disc, domain.FieldDiscountPct, err)
	in.disc = d
	in.reason = strings.TrimSpace(e.reason.Text())
	if strings.TrimSpace(e.price.Text()) != "" {
		p, err := domain.ParseUnitPrice(e.price.Text())
		if err == nil && p < 0 {
			err = domain.Errorf(domain.EInvalid, "price.negative", "a price cannot be negative", nil)
		}
		problem(e.price, domain.FieldUnitPrice, err)
		in.manual, in.price = true, p
		if in.reason == "" {
			in.ok = false
			e.reason.SetProblem(lang.X("line.manual_reason_required", "a manual price needs a reason"))
		} else {
			e.reason.SetProblem("")
		}
	} else {
		e.price.SetProblem("")
		e.reason.SetProblem("")
	}
	return in
}

// barChanged applies what is typed to the selected line at once, so the
// totals follow every keystroke; a new line waits for Enter.
func (e *lineEditor) barChanged() {
	if e.filling || e.sel < 0 || e.locked {
		return
	}
	l := &e.lines[e.sel]
	in := e.readBar(l.Unit)
	if !in.ok {
		return
	}
	qtyChanged := l.Quantity != in.qty
	l.Quantity, l.Discount = in.qty, in.disc
	switch {
	case in.manual:
		l.SetManualPrice(in.price, in.reason)
	case l.IsManual():
		l.ClearManualPrice(domain.SourceList) // the repricing below gives the engine's source
		qtyChanged = true
	}
	delete(e.problems, e.sel)
	e.list.RefreshItem(e.sel)
	e.refreshTotals()
	e.changed()
	if qtyChanged {
		e.reprice()
	}
}

// submit adds the bar's line, or finishes editing the selected one.
func (e *lineEditor) submit() {
	if e.locked {
		return
	}
	if e.sel >= 0 {
		e.newLine()
		e.d.Window.Canvas().Focus(e.sku.Focusable())
		return
	}
	p := e.product
	if p == nil || !strings.EqualFold(p.SKU, e.sku.Text()) {
		if strings.TrimSpace(e.sku.Text()) == "" {
			e.sku.SetProblem(lang.X("documents.line.sku_required", "Type a SKU or press Enter to find the product by name."))
		} else {
			e.sku.SetProblem(lang.X("documents.line.sku_unknown", "No product has SKU {{.SKU}}; press Enter in it to search by name.",
				map[string]any{"SKU": e.sku.Text()}))
		}
		e.d.Window.Canvas().Focus(e.sku.Focusable())
		return
	}
	if !p.Active {
		e.sku.SetProblem(lang.X("documents.line.inactive", "{{.SKU}} is no longer sold.", map[string]any{"SKU": p.SKU}))
		return
	}
	in := e.readBar(p.Unit)
	if !in.ok {
		return
	}
	l := domain.NewDocumentLine(p, in.qty)
	l.Discount = in.disc
	if in.manual {
		l.SetManualPrice(in.price, in.reason)
	}
	e.addLines([]domain.DocumentLine{l})
	e.newLine()
	e.d.Window.Canvas().Focus(e.sku.Focusable())
}

// addLines appends lines, reprices the document and fetches their last prices.
func (e *lineEditor) addLines(lines []domain.DocumentLine) {
	for i := range lines {
		e.fresh[len(e.lines)+i] = true
	}
	e.lines = append(e.lines, lines...)
	e.list.Refresh()
	if e.drawn {
		e.list.ScrollToBottom()
	}
	e.refreshTotals()
	e.changed()
	e.reprice()
	e.fetchLast(skusOf(lines))
}

// removeLine drops the selected line.
func (e *lineEditor) removeLine() {
	if e.sel < 0 || e.locked {
		return
	}
	i := e.sel
	e.lines = append(e.lines[:i], e.lines[i+1:]...)
	e.repriced, e.problems, e.fresh = map[int]domain.PriceChange{}, map[int]string{}, map[int]bool{}
	e.newLine()
	e.list.Refresh()
	e.refreshTotals()
	e.changed()
	e.reprice()
}

// reprice prices the whole document again with each SKU's total: a quantity
// change can move every line of that SKU to another tier.
func (e *lineEditor) reprice() {
	e.priceGen++
	gen, account, on := e.priceGen, e.account(), e.date()
	if account == 0 || len(e.lines) == 0 {
		return
	}
	if on.IsZero() {
		on = e.d.Today()
	}
	req := domain.PriceLines(e.lines)
	e.d.Run(func() {
		res, err := e.d.Prices.Reprice(context.Background(), account, on, req)
		fyne.Do(func() {
			if gen != e.priceGen {
				return // the lines changed again; a newer repricing follows
			}
			if err != nil {
				alert.Error(e.d.Window, err)
				return
			}
			e.applyPrices(res)
		})
	})
}

// applyPrices takes a repricing's results and marks the lines it changed.
// A line just added gets its first price from the engine: that is no change
// to point out, only a line priced before and moved to another tier is.
func (e *lineEditor) applyPrices(res []domain.Resolution) {
	changes := domain.ApplyPrices(e.lines, res)
	kept := changes[:0]
	for _, c := range changes {
		if !e.fresh[c.Line] {
			kept = append(kept, c)
		}
	}
	e.fresh = map[int]bool{}
	e.markChanges(kept, false)
}

// markChanges highlights the lines whose price changed and says how many.
func (e *lineEditor) markChanges(changes []domain.PriceChange, reresolved bool) {
	e.repriced = map[int]domain.PriceChange{}
	for _, c := range changes {
		e.repriced[c.Line] = c
	}
	e.list.Refresh()
	e.refreshTotals()
	note := ""
	switch {
	case len(changes) > 0 && reresolved:
		note = lang.XN("documents.reresolved", "{{.Count}} lines have a different price today; they are marked.", len(changes),
			map[string]any{"Count": len(changes)})
	case len(changes) > 0:
		note = lang.XN("documents.repriced", "{{.Count}} lines repriced: the quantity on the document moved them to another tier.", len(changes),
			map[string]any{"Count": len(changes)})
	}
	e.priceNote = note
	e.showNote()
	if e.sel >= 0 {
		e.showInfo(e.products[strings.ToUpper(e.lines[e.sel].SKU)], &e.lines[e.sel])
	}
}

func (e *lineEditor) setStatus(text string, imp widget.Importance) {
	e.status, e.statusImp = text, imp
	e.showNote()
}

// showNote writes the status, or when there is none the repricing's note.
func (e *lineEditor) showNote() {
	text, imp := e.status, e.statusImp
	if text == "" {
		text, imp = e.priceNote, widget.WarningImportance
	}
	e.note.Importance = imp
	e.note.SetText(text)
}

// fetchLast reads what the account last paid and was quoted for skus.
func (e *lineEditor) fetchLast(skus []string) {
	account := e.account()
	if account == 0 || len(skus) == 0 || e.d.Orders == nil {
		return
	}
	e.d.Run(func() {
		last, err := e.d.Orders.LastPrices(context.Background(), account, skus)
		fyne.Do(func() {
			if err != nil {
				fyne.LogError("last prices", err) // the lines work without them
				return
			}
			for _, lp := range last {
				e.last[strings.ToUpper(lp.SKU)] = lp
			}
			e.fitColumns()
			e.list.Refresh()
		})
	})
}

// setProblems shows the line problems of a refused save.
func (e *lineEditor) setProblems(p map[int]string) {
	e.problems = p
	e.list.Refresh()
	for i := range e.lines {
		if _, ok := p[i]; ok {
			if e.drawn {
				e.list.ScrollTo(i)
			}
			break
		}
	}
}
