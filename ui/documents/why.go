package documents

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/prices"
	"kontor/ui/xwidget"
)

// explain answers "why this price?" for the selected line: the engine's
// resolution at the SKU's total on the document, in the words of the Prices
// tab, and for a manual price what it departs from and why.
func (e *lineEditor) explain() {
	if e.sel < 0 || e.sel >= len(e.lines) {
		e.setStatus(lang.X("documents.why.select", "Select a line to see why it has its price."), widget.MediumImportance)
		return
	}
	l := e.lines[e.sel]
	total := domain.SKUTotals(e.lines)[strings.ToUpper(l.SKU)]
	account, on := e.account(), e.date()
	if on.IsZero() {
		on = e.d.Today()
	}
	product := e.products[strings.ToUpper(l.SKU)]
	e.d.Run(func() {
		ctx := context.Background()
		if product == nil { // a line loaded with its document: its unit is in the catalog
			product, _ = e.d.Products.FindProductBySKU(ctx, l.SKU)
		}
		res, err := e.d.Prices.Resolve(ctx, account, l.SKU, total, on)
		fyne.Do(func() {
			if err != nil {
				alert.Error(e.d.Window, err)
				return
			}
			e.showWhy(&l, product, res)
		})
	})
}

func (e *lineEditor) showWhy(l *domain.DocumentLine, p *domain.Product, res *domain.Resolution) {
	loc := e.d.Locale
	price, source, lines := prices.Explain(loc, p, res)
	var text []string
	if l.IsManual() {
		text = append(text, lang.X("documents.why.manual", "A manual price of {{.Price}} was set: {{.Reason}}. The engine gives:",
			map[string]any{"Price": prices.Price(loc, l.Price), "Reason": l.ManualReason}))
	}
	text = append(text, price, source)
	text = append(text, lines...)
	body := widget.NewLabel(strings.Join(text, "\n"))
	body.Wrapping = fyne.TextWrapWord
	e.lastWhy = body
	title := lang.X("documents.why.title", "Why this price? {{.SKU}} × {{.Qty}}",
		map[string]any{"SKU": l.SKU, "Qty": prices.Qty(loc, res.Quantity)})
	dlg := xwidget.NewDismissDialog(title, lang.X("documents.why.close", "Close"), container.NewVScroll(body), e.d.Window)
	dlg.Fit(fyne.NewSize(640, 400))
	dlg.Show()
}
