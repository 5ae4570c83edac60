package catalog

import (
	"context"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/prices"
	"kontor/ui/xwidget"
)

// editFields are the fields edited in entries; active is a check box.
var editFields = []string{domain.FieldSKU, domain.FieldName, domain.FieldDescription, domain.FieldUnit,
	domain.FieldListPrice, domain.FieldVATRate}

// editor is one open product: its header and actions and the form. Problems
// show next to the fields as the user types, as in the account editor.
type editor struct {
	s *Screen
	p *domain.Product // nil for a new product until its first save

	fields  map[string]*xwidget.Field
	active  *widget.Check
	annex15 *widget.Check     // Annex 15 goods: split payment over 15,000 PLN
	loaded  map[string]string // texts as last loaded or saved: what "unsaved" compares with
	touched map[string]bool
	stored  map[string]string // problems the store reported, shown until the field changes
	tried   bool
	filling bool
	saving  bool

	title     *widget.Label
	subtitle  *widget.Label
	unitHint  *widget.Label
	status    *widget.Label
	saveBtn   *widget.Button
	deleteBtn *widget.Button
	form      *fyne.Container
	content   fyne.CanvasObject
}

func newEditor(s *Screen, p *domain.Product, f domain.ProductFields) *editor {
	e := &editor{s: s, p: p, fields: map[string]*xwidget.Field{}}
	for _, name := range editFields {
		var field *xwidget.Field
		switch name {
		case domain.FieldDescription:
			en := widget.NewMultiLineEntry()
			en.Wrapping = fyne.TextWrapWord
			en.SetMinRowsVisible(3)
			field = xwidget.NewField(en)
		case domain.FieldUnit:
			var units []string
			for _, u := range domain.Units {
				units = append(units, string(u.Unit))
			}
			field = xwidget.NewSelectField(units)
		case domain.FieldVATRate:
			var rates []string
			for _, r := range domain.VATRates {
				rates = append(rates, string(r))
			}
			field = xwidget.NewSelectField(rates)
		default:
			field = xwidget.NewEntryField()
		}
		field.Entry.OnChanged = func(string) { e.changed(name) }
		e.fields[name] = field
	}
	e.fields[domain.FieldSKU].Entry.SetPlaceHolder(lang.X("product.sku.placeholder", "e.g. MKA-650-1"))
	e.fields[domain.FieldListPrice].Entry.SetPlaceHolder(lang.X("product.list_price.placeholder", "net, up to 4 decimals"))
	e.fields[domain.FieldVATRate].Entry.SetPlaceHolder(lang.X("product.vat_rate.placeholder", "23, 8, 5, 0 or zw"))
	e.active = widget.NewCheck(lang.X("product.active.check", "Active: on sale, in price sheets and pickers"), func(bool) { e.changed(domain.FieldActive) })
	e.annex15 = widget.NewCheck(lang.X("product.annex15.check", "Annex 15 goods: an invoice over 15,000 PLN with it is paid by split payment (MPP)"),
		func(bool) { e.changed(domain.FieldAnnex15) })
	e.build()
	e.fill(f)
	return e
}

// text is how a field is written in its entry: prices in the user's number
// format; a new product's price blank, since 0 is a price too.
func (e *editor) text(f *domain.ProductFields, name string) string {
	if name == domain.FieldListPrice {
		if e.p == nil {
			return ""
		}
		return prices.PriceNumber(e.s.d.Locale, f.ListPrice)
	}
	return f.Get(name)
}

// fill writes f into the form and takes it as the saved state.
func (e *editor) fill(f domain.ProductFields) {
	e.filling = true
	defer func() { e.filling = false }()
	e.loaded = map[string]string{}
	for _, name := range editFields {
		t := e.text(&f, name)
		e.fields[name].Entry.SetText(t)
		e.loaded[name] = t
	}
	e.active.SetChecked(f.Active)
	e.loaded[domain.FieldActive] = f.Get(domain.FieldActive)
	e.annex15.SetChecked(f.Annex15)
	e.loaded[domain.FieldAnnex15] = f.Get(domain.FieldAnnex15)
	e.touched, e.stored, e.tried = map[string]bool{}, map[string]string{}, false
	e.showProblems(nil)
	e.refreshHead()
}

func (e *editor) build() {
	e.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.title.SizeName = theme.SizeNameSubHeadingText
	e.title.Truncation = fyne.TextTruncateEllipsis
	e.subtitle = widget.NewLabel("")
	e.subtitle.Importance = widget.LowImportance
	e.subtitle.Truncation = fyne.TextTruncateEllipsis
	e.unitHint = widget.NewLabel("")
	e.unitHint.Importance = widget.LowImportance
	e.status = widget.NewLabel("")
	e.status.Importance = widget.LowImportance
	e.saveBtn = widget.NewButtonWithIcon(lang.X("product.save", "Save"), theme.DocumentSaveIcon(), func() { e.save(nil) })
	e.saveBtn.Importance = widget.HighImportance
	e.deleteBtn = widget.NewButtonWithIcon(lang.X("product.delete", "Delete"), theme.DeleteIcon(), e.onDelete)
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), e.s.Close)

	head := container.NewVBox(
		container.NewBorder(nil, nil, nil, closeBtn, e.title),
		e.subtitle,
		container.NewHBox(e.saveBtn, e.deleteBtn),
	)
	e.form = e.layoutForm()
	e.content = container.NewBorder(container.NewVBox(head, widget.NewSeparator()), e.status, nil, nil, container.NewVScroll(e.form))
}

// layoutForm puts each field beside its label, the labels in one column width.
func (e *editor) layoutForm() *fyne.Container {
	labels := map[string]string{
		domain.FieldSKU:         lang.X("product.field.sku", "SKU"),
		domain.FieldName:        lang.X("product.field.name", "Name"),
		domain.FieldDescription: lang.X("product.field.description", "Description"),
		domain.FieldUnit:        lang.X("product.field.unit", "Unit"),
		domain.FieldListPrice:   lang.X("product.field.list_price", "List price (net, zł)"),
		domain.FieldVATRate:     lang.X("product.field.vat_rate", "VAT rate (%)"),
	}
	var width float32
	label := func(t string) *widget.Label {
		return widget.NewLabelWithStyle(t, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	for _, t := range labels {
		width = max(width, label(t).MinSize().Width)
	}
	var cells []fyne.CanvasObject
	add := func(t string, o fyne.CanvasObject) {
		min := canvas.NewRectangle(color.Transparent)
		min.SetMinSize(fyne.NewSize(width, 0))
		cells = append(cells, container.NewStack(min, label(t)), o)
	}
	for _, name := range editFields {
		var o fyne.CanvasObject = e.fields[name]
		if name == domain.FieldUnit {
			o = container.NewVBox(e.fields[name], e.unitHint)
		}
		add(labels[name], o)
	}
	add("", e.active)
	add("", e.annex15)
	return container.New(layout.NewFormLayout(), cells...)
}

// refreshHead shows the product's name, its SKU and price, and the actions that apply.
func (e *editor) refreshHead() {
	e.title.SetText(e.displayName())
	e.refreshUnitHint()
	if e.p == nil {
		e.subtitle.SetText(lang.X("product.new.subtitle", "Fill in at least the SKU, the name and the list price, then save (Ctrl+S)."))
		e.deleteBtn.Hide()
		e.status.SetText("")
		return
	}
	loc := e.s.d.Locale
	e.subtitle.SetText(e.p.SKU + " · " + prices.Price(loc, e.p.ListPrice) + " / " + string(e.p.Unit) +
		" · " + lang.X("product.vat_short", "VAT {{.Rate}}", map[string]any{"Rate": prices.VAT(loc, e.p.VATRate)}))
	e.deleteBtn.Show()
	e.setStatus("")
}

// refreshUnitHint says how finely the chosen unit is counted.
func (e *editor) refreshUnitHint() {
	u, err := domain.ParseUnit(e.fields[domain.FieldUnit].Text())
	switch {
	case err != nil:
		e.unitHint.SetText("")
	case u.Decimals() == 0:
		e.unitHint.SetText(lang.X("product.unit.whole", "Quantities in {{.Unit}} are whole numbers.", map[string]any{"Unit": string(u)}))
	default:
		e.unitHint.SetText(lang.XN("product.unit.decimals", "Quantities in {{.Unit}} may have up to {{.Count}} decimals.",
			u.Decimals(), map[string]any{"Unit": string(u), "Count": u.Decimals()}))
	}
}

func (e *editor) displayName() string {
	if n := e.fields[domain.FieldName].Text(); n != "" {
		return n
	}
	if e.p != nil {
		return e.p.Name
	}
	return lang.X("product.new.title", "New product")
}

// current is the form's text of every field, active included.
func (e *editor) current() map[string]string {
	m := map[string]string{}
	for name, f := range e.fields {
		m[name] = f.Text()
	}
	m[domain.FieldActive] = "false"
	if e.active.Checked {
		m[domain.FieldActive] = "true"
	}
	m[domain.FieldAnnex15] = "false"
	if e.annex15.Checked {
		m[domain.FieldAnnex15] = "true"
	}
	return m
}

func (e *editor) dirty() bool {
	for name, t := range e.current() {
		if t != e.loaded[name] {
			return true
		}
	}
	return false
}

// changed runs after every keystroke: the problems update as the user types.
func (e *editor) changed(name string) {
	if e.filling {
		return
	}
	e.touched[name] = true
	delete(e.stored, name)
	_, problems := e.collect()
	e.showProblems(problems)
	switch name {
	case domain.FieldName:
		e.title.SetText(e.displayName())
	case domain.FieldUnit:
		e.refreshUnitHint()
	}
	e.setStatus("")
}

func (e *editor) setStatus(msg string) {
	if msg == "" && e.p != nil {
		msg = lang.X("product.changed_at", "Last changed {{.When}}", map[string]any{"When": e.s.d.Locale.FormatDateTime(e.p.UpdatedAt)})
	}
	e.status.SetText(msg)
}

// collect reads the form into product fields: each through Set, which parses
// it, then Validate, which checks the rules. It returns each field's first problem.
func (e *editor) collect() (domain.ProductFields, map[string]domain.FieldError) {
	f := domain.NewProductFields()
	problems := map[string]domain.FieldError{}
	for name, t := range e.current() {
		if err := f.Set(name, t); err != nil {
			problems[name] = fieldError(name, err)
		}
	}
	if err, ok := domain.AsError(f.Validate()); ok {
		for _, fe := range err.Fields {
			if _, seen := problems[fe.Field]; !seen {
				problems[fe.Field] = fe
			}
		}
	}
	return f, problems
}

func fieldError(field string, err error) domain.FieldError {
	if e, ok := domain.AsError(err); ok {
		return domain.FieldError{Field: field, Key: e.Key, Msg: e.Msg, Args: e.Args}
	}
	return domain.FieldError{Field: field, Key: "invalid.value", Msg: err.Error()}
}

// showProblems writes each field's problem under it: those the store
// reported, and those of touched fields (of all once a save was tried).
func (e *editor) showProblems(problems map[string]domain.FieldError) {
	relayout := false
	for name, f := range e.fields {
		msg := e.stored[name]
		if p, ok := problems[name]; ok && msg == "" && (e.tried || e.touched[name]) {
			msg = alert.Field(p)
		}
		relayout = f.SetProblem(msg) || relayout
	}
	if relayout && e.form != nil {
		e.form.Refresh()
	}
}

// Problem is the problem shown under a field (for tests and the first-problem focus).
func (e *editor) problem(name string) string { return e.fields[name].Problem() }

func (e *editor) focusFirstProblem() {
	for _, name := range editFields {
		if e.problem(name) != "" {
			e.s.d.Window.Canvas().Focus(e.fields[name].Entry)
			return
		}
	}
}

// save validates and saves; then runs after a successful save.
func (e *editor) save(then func()) {
	if e.saving {
		return
	}
	e.tried = true
	f, problems := e.collect()
	e.showProblems(problems)
	if len(problems) > 0 {
		e.focusFirstProblem()
		e.setStatus(lang.X("product.status.invalid", "Not saved: correct the marked fields."))
		return
	}
	if e.p != nil && !e.dirty() {
		if then != nil {
			then()
		}
		return
	}
	e.saving = true
	e.saveBtn.Disable()
	p := e.p
	e.s.d.Run(func() {
		ctx := context.Background()
		var saved *domain.Product
		var err error
		if p == nil {
			saved, err = e.s.d.Products.CreateProduct(ctx, f)
		} else {
			saved, err = e.s.d.Products.UpdateProduct(ctx, p.ID, domain.ProductUpdate{ProductFields: f, Version: p.Version})
		}
		fyne.Do(func() { e.saved(saved, err, then) })
	})
}

// saved applies the outcome of a save.
func (e *editor) saved(p *domain.Product, err error, then func()) {
	e.saving = false
	e.saveBtn.Enable()
	if err != nil {
		e.setStatus(lang.X("product.status.not_saved", "Not saved."))
		if de, ok := domain.AsError(err); ok && len(de.Fields) > 0 {
			for _, fe := range de.Fields {
				if _, ok := e.fields[fe.Field]; ok {
					e.stored[fe.Field] = alert.Field(fe)
				}
			}
			e.showProblems(nil)
			e.focusFirstProblem()
			return
		}
		if de, ok := domain.AsError(err); ok && de.Key == "record.changed" {
			id := e.p.ID
			e.s.ask(alert.Title(err), alert.Message(err),
				xwidget.Choice{Label: lang.X("product.conflict.keep", "Keep my changes")},
				xwidget.Choice{Label: lang.X("product.conflict.reload", "Reload (drop my changes)"),
					Importance: widget.HighImportance, Action: func() { e.s.load(id) }},
			)
			return
		}
		alert.Error(e.s.d.Window, err)
		return
	}
	e.p = p
	e.fill(p.ProductFields)
	e.setStatus(lang.X("product.status.saved", "Saved."))
	e.s.list.refresh()
	if then != nil {
		then()
	}
}

// onDelete asks, then deletes. A product with agreements or documents is
// refused by the store; the user is offered to make it inactive instead.
func (e *editor) onDelete() {
	p := e.p
	e.s.ask(lang.X("product.delete.title", "Delete product"),
		lang.X("product.delete.message", "Delete {{.Name}} ({{.SKU}})? This cannot be undone.", map[string]any{"Name": p.Name, "SKU": p.SKU}),
		xwidget.Choice{Label: lang.X("product.delete.cancel", "Cancel")},
		xwidget.Choice{Label: lang.X("product.delete.confirm", "Delete"), Importance: widget.DangerImportance, Action: func() {
			e.s.d.Run(func() {
				err := e.s.d.Products.DeleteProduct(context.Background(), p.ID)
				fyne.Do(func() { e.deleted(err) })
			})
		}},
	)
}

func (e *editor) deleted(err error) {
	if err == nil {
		e.s.closeEditor()
		e.s.list.refresh()
		return
	}
	if domain.ErrorCode(err) != domain.EConflict || !e.p.Active {
		alert.Error(e.s.d.Window, err)
		return
	}
	e.s.ask(alert.Title(err), alert.Message(err),
		xwidget.Choice{Label: lang.X("product.delete.keep", "Keep it")},
		xwidget.Choice{Label: lang.X("product.deactivate", "Make inactive"), Importance: widget.HighImportance, Action: func() {
			e.active.SetChecked(false)
			e.save(nil)
		}},
	)
}
