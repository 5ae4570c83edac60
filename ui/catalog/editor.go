package catalog

import (
	"context"
	"image/color"
	"strconv"

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

	state   *xwidget.FormState
	fields  map[string]*xwidget.Field // the state's fields, by name
	active  *widget.Check
	annex15 *widget.Check // Annex 15 goods: split payment over 15,000 PLN
	saver   xwidget.Saver[*domain.Product]

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
	e := &editor{s: s, p: p, state: xwidget.NewFormState()}
	e.fields = e.state.Fields
	for _, name := range editFields {
		var field *xwidget.Field
		switch name {
		case domain.FieldDescription:
			field = xwidget.NewNotesField(3)
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
		e.state.Add(name, field)
	}
	e.fields[domain.FieldSKU].Entry.SetPlaceHolder(lang.X("product.sku.placeholder", "e.g. MKA-650-1"))
	e.fields[domain.FieldListPrice].Entry.SetPlaceHolder(lang.X("product.list_price.placeholder", "net, up to 4 decimals"))
	e.fields[domain.FieldVATRate].Entry.SetPlaceHolder(lang.X("product.vat_rate.placeholder", "23, 8, 5, 0 or zw"))
	e.active = widget.NewCheck(lang.X("product.active.check", "Active: on sale, in price sheets and pickers"), func(bool) { e.state.Edited(domain.FieldActive) })
	e.state.AddValue(domain.FieldActive, func() string { return strconv.FormatBool(e.active.Checked) })
	e.annex15 = widget.NewCheck(lang.X("product.annex15.check", "Annex 15 goods: an invoice over 15,000 PLN with it is paid by split payment (MPP)"),
		func(bool) { e.state.Edited(domain.FieldAnnex15) })
	e.state.AddValue(domain.FieldAnnex15, func() string { return strconv.FormatBool(e.annex15.Checked) })
	e.state.Check = func() xwidget.Problems { _, p := e.collect(); return p }
	e.state.Changed = e.changed
	e.state.Window = s.d.Window
	e.saver.Run = s.d.Run
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
	e.state.Fill(func() {
		for _, name := range editFields {
			e.fields[name].Entry.SetText(e.text(&f, name))
		}
		e.active.SetChecked(f.Active)
		e.annex15.SetChecked(f.Annex15)
	})
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
	e.saveBtn = widget.NewButtonWithIcon(lang.X("product.save", "Save"), theme.DocumentSaveIcon(), func() { e.Save(nil) })
	e.saveBtn.Importance = widget.HighImportance
	e.saver.Button = e.saveBtn
	e.deleteBtn = widget.NewButtonWithIcon(lang.X("product.delete", "Delete"), theme.DeleteIcon(), e.onDelete)
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), e.s.Close)

	head := container.NewVBox(
		container.NewBorder(nil, nil, nil, closeBtn, e.title),
		e.subtitle,
		container.NewHBox(e.saveBtn, e.deleteBtn),
	)
	e.form = e.layoutForm()
	e.state.Relayout = e.form.Refresh
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

// Content is the editor's top object.
func (e *editor) Content() fyne.CanvasObject { return e.content }

// Dirty reports whether the form differs from the product as loaded or saved.
func (e *editor) Dirty() bool { return e.state.Dirty() }

// Unsaved is what the question before leaving unsaved changes says.
func (e *editor) Unsaved() (string, string) {
	return lang.X("catalog.unsaved.title", "Unsaved product"),
		lang.X("catalog.unsaved.message", "{{.Name}} has changes that are not saved yet.", map[string]any{"Name": e.displayName()})
}

// changed runs after every change the user makes, before the problems are
// checked again.
func (e *editor) changed(name string) {
	switch name {
	case domain.FieldName:
		e.title.SetText(e.displayName())
	case domain.FieldUnit:
		e.refreshUnitHint()
	}
	e.setStatus("")
}

func (e *editor) setStatus(msg string) {
	e.status.Importance = widget.LowImportance // after a warning (warn)
	if msg == "" && e.p != nil {
		msg = lang.X("product.changed_at", "Last changed {{.When}}", map[string]any{"When": e.s.d.Locale.FormatDateTime(e.p.UpdatedAt)})
	}
	e.status.SetText(msg)
}

// collect reads the form into product fields: each through Set, which parses
// it, then Validate, which checks the rules. It returns each field's first problem.
func (e *editor) collect() (domain.ProductFields, xwidget.Problems) {
	f := domain.NewProductFields()
	problems := xwidget.Problems{}
	for _, name := range editFields {
		problems.Read(name, f.Set(name, e.fields[name].Text()))
	}
	problems.Read(domain.FieldActive, f.Set(domain.FieldActive, strconv.FormatBool(e.active.Checked)))
	problems.Read(domain.FieldAnnex15, f.Set(domain.FieldAnnex15, strconv.FormatBool(e.annex15.Checked)))
	problems.AddError(f.Validate())
	return f, problems
}

// Problem is the problem shown under a field (for tests).
func (e *editor) problem(name string) string { return e.fields[name].Problem() }

// Save validates and saves; then runs after a successful save.
func (e *editor) Save(then func()) {
	if e.saver.Busy() {
		return
	}
	f, problems := e.collect()
	if !e.state.Try(problems) {
		e.setStatus(lang.X("product.status.invalid", "Not saved: correct the marked fields."))
		return
	}
	if e.p != nil && !e.Dirty() {
		if then != nil {
			then()
		}
		return
	}
	p := e.p
	e.saver.Save(func(ctx context.Context) (*domain.Product, error) {
		if p == nil {
			return e.s.d.Products.CreateProduct(ctx, f)
		}
		return e.s.d.Products.UpdateProduct(ctx, p.ID, domain.ProductUpdate{ProductFields: f, Version: p.Version})
	}, func(saved *domain.Product, err error) { e.saved(saved, err, then) })
}

// saved applies the outcome of a save.
func (e *editor) saved(p *domain.Product, err error, then func()) {
	if err != nil {
		e.setStatus(lang.X("product.status.not_saved", "Not saved."))
		switch {
		case e.state.Refused(err):
		case xwidget.Conflict(err):
			id := e.p.ID
			e.s.ask(alert.Title(err), alert.Message(err),
				xwidget.Choice{Label: lang.X("product.conflict.keep", "Keep my changes")},
				xwidget.Choice{Label: lang.X("product.conflict.reload", "Reload (drop my changes)"),
					Importance: widget.HighImportance, Action: func() { e.s.load(id) }},
			)
		default:
			alert.Error(e.s.d.Window, err)
		}
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
			e.Save(nil)
		}},
	)
}
