package prices

import (
	"context"
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

// skuField is a SKU entry that looks the product up as the user types and
// names it under the entry, with a button that picks a product by SKU or
// name. An unknown SKU is marked at once.
type skuField struct {
	d       *Deps
	field   *xwidget.Field
	find    *widget.Button
	info    *widget.Label
	content fyne.CanvasObject

	product *domain.Product // the product the SKU names; nil while unknown or blank
	looked  string          // the text the last finished lookup was for
	gen     int
	picker  *productPicker // the picker last opened, for tests

	// OnLookup runs on the Fyne goroutine after each finished lookup.
	OnLookup func()
}

func newSKUField(d *Deps) *skuField {
	f := &skuField{d: d, field: xwidget.NewEntryField()}
	f.field.Entry.SetPlaceHolder(lang.X("prices.sku.placeholder", "SKU, or Find… by name"))
	f.field.Entry.OnChanged = func(string) { f.lookup() }
	f.find = widget.NewButtonWithIcon(lang.X("prices.sku.find", "Find…"), theme.SearchIcon(), f.openPicker)
	f.info = widget.NewLabel("")
	f.info.Importance = widget.LowImportance
	f.info.Truncation = fyne.TextTruncateEllipsis // keeps its line, so the fields below never jump
	f.content = container.NewVBox(container.NewBorder(nil, nil, nil, f.find, f.field), f.info)
	return f
}

// Text is the SKU typed.
func (f *skuField) Text() string { return strings.TrimSpace(f.field.Text()) }

// SetText writes a SKU and looks it up.
func (f *skuField) SetText(s string) { f.field.Entry.SetText(s) }

// Disable fixes the SKU (a change keeps the product).
func (f *skuField) Disable() {
	f.field.Entry.Disable()
	f.find.Disable()
}

// Unknown reports whether the SKU typed names no product, once looked up.
func (f *skuField) Unknown() bool { return f.Text() != "" && f.looked == f.Text() && f.product == nil }

// Problem is the message for an unknown SKU, "" otherwise.
func (f *skuField) Problem() string {
	if !f.Unknown() {
		return ""
	}
	return lang.X("prices.sku.unknown", "No product has SKU {{.SKU}}; use Find… to choose one.", map[string]any{"SKU": f.Text()})
}

// lookup finds the product of the SKU typed, off the Fyne goroutine; a
// result for an older text is dropped.
func (f *skuField) lookup() {
	f.gen++
	gen, sku := f.gen, f.Text()
	if sku == "" {
		f.product, f.looked = nil, ""
		f.showInfo()
		return
	}
	f.d.Run(func() {
		p, err := f.d.Products.FindProductBySKU(context.Background(), sku)
		fyne.Do(func() {
			if gen != f.gen {
				return
			}
			f.product, f.looked = nil, sku
			if err == nil {
				f.product = p
			} else if domain.ErrorCode(err) != domain.ENotFound {
				f.looked = "" // not known either way
			}
			f.showInfo()
			if f.OnLookup != nil {
				f.OnLookup()
			}
		})
	})
}

// showInfo names the product under the entry: name, unit and list price.
func (f *skuField) showInfo() {
	p := f.product
	if p == nil {
		f.info.SetText("")
		return
	}
	text := lang.X("prices.sku.info", "{{.Name}} · {{.Unit}} · list {{.Price}}",
		map[string]any{"Name": p.Name, "Unit": string(p.Unit), "Price": Price(f.d.Locale, p.ListPrice)})
	if !p.Active {
		text += " · " + lang.X("prices.sku.inactive", "inactive")
	}
	f.info.SetText(text)
}

func (f *skuField) openPicker() {
	f.picker = newProductPicker(f.d, f.Text(), func(p *domain.Product) {
		f.SetText(p.SKU)
		f.d.Window.Canvas().Focus(f.field.Focusable())
	})
}

// productPicker is a dialog that finds an active product by SKU, name or
// description as the user types; Enter or a tap chooses it.
type productPicker struct {
	d      *Deps
	search *xwidget.SearchEntry
	list   *widget.List
	hits   []*domain.Product
	status *widget.Label
	dialog *xwidget.Dialog
	gen    int
	chosen func(*domain.Product)
	sel    int
}

var pickerColumns = xwidget.Columns{Widths: []float32{120, 220, 50, 100}, Flex: 1}

func newProductPicker(d *Deps, text string, chosen func(*domain.Product)) *productPicker {
	p := &productPicker{d: d, chosen: chosen, sel: -1}
	p.search = xwidget.NewSearchEntry()
	p.search.SetPlaceHolder(lang.X("prices.picker.placeholder", "Type a SKU or words of the name"))
	p.search.OnChanged = func(string) { p.query() }
	p.search.OnSubmitted = func(string) { p.choose(max(p.sel, 0)) }
	p.search.OnMove = func(delta int) {
		if len(p.hits) > 0 {
			p.sel = min(max(p.sel+delta, 0), len(p.hits)-1)
			p.list.Select(p.sel)
			p.list.ScrollTo(p.sel)
		}
	}
	p.list = widget.NewList(func() int { return len(p.hits) }, func() fyne.CanvasObject { return pickerColumns.Row(3) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			h := p.hits[i]
			xwidget.SetRow(o, h.SKU, h.Name, string(h.Unit), Price(d.Locale, h.ListPrice))
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if p.sel != i {
			p.choose(i)
		}
	}
	p.status = widget.NewLabel("")
	p.status.Importance = widget.LowImportance
	header := pickerColumns.Header([]string{
		lang.X("catalog.column.sku", "SKU"), lang.X("catalog.column.name", "Name"),
		lang.X("catalog.column.unit", "Unit"), lang.X("catalog.column.list_price", "List price"),
	}, 3)
	body := container.NewBorder(container.NewVBox(p.search, header), p.status, nil, nil, p.list)
	p.dialog = xwidget.NewDismissDialog(lang.X("prices.picker.title", "Choose a product"), lang.X("prices.picker.cancel", "Cancel"), body, d.Window)
	p.dialog.Fit(fyne.NewSize(720, 480))
	p.dialog.Show()
	p.search.SetText(text)
	p.query()
	d.Window.Canvas().Focus(p.search)
	return p
}

// query searches the active catalog for the text typed.
func (p *productPicker) query() {
	p.gen++
	gen := p.gen
	q := domain.ProductQuery{Text: strings.TrimSpace(p.search.Text), Active: domain.ActiveOnly, Limit: domain.DefaultSearchLimit}
	p.d.Run(func() {
		hits, _, err := p.d.Products.FindProducts(context.Background(), q)
		fyne.Do(func() {
			if gen != p.gen {
				return
			}
			if err != nil {
				p.status.SetText(alert.Message(err))
				return
			}
			p.hits, p.sel = hits, -1
			p.list.UnselectAll()
			p.list.Refresh()
			p.list.ScrollToTop()
			switch {
			case len(hits) == 0:
				p.status.SetText(lang.X("prices.picker.none", "No active product matches."))
			case len(hits) >= domain.DefaultSearchLimit:
				p.status.SetText(lang.X("prices.picker.more", "The first {{.Count}} products; type more to narrow them down.", map[string]any{"Count": len(hits)}))
			default:
				p.status.SetText("")
			}
		})
	})
}

func (p *productPicker) choose(i int) {
	if i < 0 || i >= len(p.hits) {
		return
	}
	p.dialog.Hide()
	p.chosen(p.hits[i])
}
