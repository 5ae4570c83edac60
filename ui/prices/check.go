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

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// priceCheck answers "why this price?" for the account: for a SKU, a quantity
// and a date it shows the resolved price, where it comes from and, in plain
// words, why each other agreement lost. The sentences are built here from the
// resolution's structure (source, winner, each loser's reason), so they read
// naturally in every language.
type priceCheck struct {
	d   *Deps
	acc *domain.Account

	sku   *skuField
	qty   *xwidget.Field
	date  *xwidget.Field
	check *widget.Button

	price   *widget.Label // the answer, large
	source  *widget.Label // where it comes from
	reasons *widget.Label // why: the winner, then each other candidate
	content fyne.CanvasObject

	gen    int
	result *domain.Resolution // the last answer shown
}

func newPriceCheck(d *Deps, acc *domain.Account) *priceCheck {
	c := &priceCheck{d: d, acc: acc, sku: newSKUField(d), qty: xwidget.NewEntryField(), date: xwidget.NewEntryField()}
	c.qty.Entry.SetText("1")
	c.date.Entry.SetText(DateEntry(d.Locale, d.Today()))
	xwidget.DatePicker(c.date.Entry, d.Locale, false, d.Today)
	for _, e := range []*widget.Entry{c.sku.field.Entry, c.qty.Entry, c.date.Entry} {
		e.OnSubmitted = func(string) { c.run() }
	}
	c.check = widget.NewButtonWithIcon(lang.X("prices.check.run", "Check price"), theme.SearchIcon(), c.run)
	c.check.Importance = widget.HighImportance
	c.price = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.price.SizeName = theme.SizeNameSubHeadingText
	c.source = widget.NewLabel("")
	c.source.Wrapping = fyne.TextWrapWord
	c.reasons = widget.NewLabel("")
	c.reasons.Wrapping = fyne.TextWrapWord
	heading := widget.NewLabelWithStyle(lang.X("prices.check.title", "Why this price?"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Importance = widget.HighImportance
	inputs := container.New(layout.NewFormLayout(),
		formLabel(lang.X("prices.check.sku", "Product")), c.sku.content,
		formLabel(lang.X("prices.check.qty", "Quantity")), container.NewBorder(nil, nil, nil, container.NewVBox(c.check),
			container.NewGridWithColumns(2, c.qty,
				container.New(layout.NewFormLayout(), formLabel(lang.X("prices.check.date", "on")), c.date))),
	)
	// The answer scrolls under the inputs, so it shows as soon as it arrives.
	answer := container.NewVScroll(container.NewVBox(c.price, c.source, c.reasons))
	c.content = container.NewBorder(container.NewVBox(heading, inputs), nil, nil, nil, answer)
	return c
}

// run checks the price of what the fields say, off the Fyne goroutine.
func (c *priceCheck) run() {
	sku := c.sku.Text()
	qty, qerr := domain.ParseQuantity(c.qty.Text())
	on, derr := xwidget.ParseDate(c.date.Text())
	if on.IsZero() && derr == nil {
		on = c.d.Today()
	}
	switch {
	case qerr == nil && qty <= 0:
		qerr = domain.Errorf(domain.EInvalid, "prices.check.qty_positive", "the quantity must be more than 0", nil)
	case qerr == nil && c.sku.product != nil:
		qerr = c.sku.product.Unit.Check(qty)
	}
	skuProblem := c.sku.Problem()
	if sku == "" {
		skuProblem = lang.X("prices.check.sku_required", "Type a SKU or find the product.")
	}
	c.sku.field.SetProblem(skuProblem)
	c.qty.SetProblem(problemText(domain.FieldMinQty, qerr))
	c.date.SetProblem(problemText(domain.FieldValidFrom, derr))
	if skuProblem != "" || qerr != nil || derr != nil {
		return
	}
	c.gen++
	gen, account := c.gen, c.acc.ID
	c.check.Disable()
	c.d.Run(func() {
		res, err := c.d.Prices.Resolve(context.Background(), account, sku, qty, on)
		fyne.Do(func() {
			if gen != c.gen {
				return
			}
			c.check.Enable()
			c.show(res, err)
		})
	})
}

func problemText(field string, err error) string {
	if err == nil {
		return ""
	}
	return alert.FieldProblem(field, err)
}

// show writes the answer, or puts the service's objection next to its field.
func (c *priceCheck) show(res *domain.Resolution, err error) {
	if err != nil {
		c.result = nil
		c.price.SetText("")
		c.source.SetText("")
		c.reasons.SetText("")
		switch {
		case domain.ErrorCode(err) == domain.ENotFound && c.sku.product == nil:
			c.sku.field.SetProblem(alert.Message(err))
		case domain.ErrorCode(err) == domain.EInvalid:
			c.qty.SetProblem(alert.Message(err))
		default:
			alert.Error(c.d.Window, err)
		}
		return
	}
	c.result = res
	x := explain(c.d.Locale, c.sku.product, res)
	c.price.SetText(x.price)
	c.source.SetText(x.source)
	c.reasons.SetText(strings.Join(x.lines, "\n"))
}

// explanation is a resolution in words: the price, its source, and one line
// for the winning agreement followed by one per other candidate.
type explanation struct {
	price  string
	source string
	lines  []string
}

// explain puts a resolution into plain words in the language in use.
func explain(loc domain.Locale, p *domain.Product, r *domain.Resolution) explanation {
	unit := ""
	if p != nil {
		unit = string(p.Unit)
	}
	x := explanation{price: lang.X("prices.check.price", "{{.Price}} net per {{.Unit}}",
		map[string]any{"Price": Price(loc, r.Price), "Unit": unit})}
	if unit == "" {
		x.price = Price(loc, r.Price)
	}
	args := map[string]any{"Qty": Qty(loc, r.Quantity), "Date": loc.FormatDate(r.Date), "List": Price(loc, r.ListPrice)}
	if w := r.Winner; w != nil {
		args["Holder"] = holderName(w)
		args["ID"] = int64(w.Agreement.ID)
		x.source = lang.X("prices.check.source.agreement", "Source: agreement #{{.ID}} of {{.Holder}}.", args)
		x.lines = append(x.lines, "✓ "+won(loc, w, r))
	} else {
		x.source = lang.X("prices.check.source.list", "Source: the list price ({{.List}}).", args)
		x.lines = append(x.lines, "✓ "+lang.X("prices.why.list",
			"No agreement for this account, its head offices or its customer group applies on {{.Date}} at quantity {{.Qty}}, so the list price applies.", args))
	}
	for i := range r.Others {
		x.lines = append(x.lines, "✗ "+lost(loc, &r.Others[i], r))
	}
	if len(r.Others) == 0 && r.Winner != nil {
		x.lines = append(x.lines, lang.X("prices.why.alone", "No other agreement competed."))
	}
	return x
}

// holderName says whom a candidate agreement is for.
func holderName(c *domain.Candidate) string {
	switch c.Source {
	case domain.SourceAccount:
		return lang.X("prices.why.holder.account", "this account")
	case domain.SourceParent:
		return lang.X("prices.why.holder.parent", "head office {{.Code}}", map[string]any{"Code": c.Holder})
	case domain.SourceGroup:
		return lang.X("prices.why.holder.group", "customer group {{.Name}}", map[string]any{"Name": c.Holder})
	}
	return c.Holder
}

// candidateArgs are the values every sentence about a candidate may use.
func candidateArgs(loc domain.Locale, c *domain.Candidate, r *domain.Resolution) map[string]any {
	a := c.Agreement
	args := map[string]any{
		"ID": int64(a.ID), "Holder": holderName(c), "Price": Price(loc, c.Price), "List": Price(loc, r.ListPrice),
		"MinQty": Qty(loc, a.MinQty), "Qty": Qty(loc, r.Quantity), "Date": loc.FormatDate(r.Date),
		"From": startShown(loc, a.ValidFrom), "To": DateShown(loc, a.ValidTo),
		"Validity": Validity(loc, a.ValidFrom, a.ValidTo), "Discount": Percent(loc, a.Discount),
	}
	if w := r.Winner; w != nil {
		args["Winner"] = int64(w.Agreement.ID)
		args["WinnerHolder"] = holderName(w)
		args["WinnerPrice"] = Price(loc, w.Price)
		args["WinnerMinQty"] = Qty(loc, w.Agreement.MinQty)
		args["WinnerFrom"] = startShown(loc, w.Agreement.ValidFrom)
	}
	return args
}

// startShown writes a first day; an open start says so.
func startShown(loc domain.Locale, d domain.Date) string {
	if d.IsZero() {
		return lang.X("prices.date.open_start", "no start date")
	}
	return loc.FormatDate(d)
}

// won is the sentence for the winning agreement.
func won(loc domain.Locale, c *domain.Candidate, r *domain.Resolution) string {
	args := candidateArgs(loc, c, r)
	if c.Agreement.HasPrice {
		return lang.X("prices.why.won.fixed",
			"Agreement #{{.ID}} of {{.Holder}} sets a fixed price of {{.Price}} from quantity {{.MinQty}} ({{.Validity}}): it is the most specific agreement that applies.", args)
	}
	return lang.X("prices.why.won.discount",
		"Agreement #{{.ID}} of {{.Holder}} gives {{.Discount}} off the list price of {{.List}}, that is {{.Price}}, from quantity {{.MinQty}} ({{.Validity}}): it is the most specific agreement that applies.", args)
}

// lost is the sentence for a candidate that did not set the price.
func lost(loc domain.Locale, c *domain.Candidate, r *domain.Resolution) string {
	args := candidateArgs(loc, c, r)
	switch c.Lost {
	case domain.LostExpired:
		return lang.X("prices.why.lost.expired", "#{{.ID}} of {{.Holder}} ({{.Price}}) expired on {{.To}}.", args)
	case domain.LostNotYetValid:
		return lang.X("prices.why.lost.not_yet_valid", "#{{.ID}} of {{.Holder}} ({{.Price}}) is valid only from {{.From}}.", args)
	case domain.LostTierAbove:
		return lang.X("prices.why.lost.tier_above", "#{{.ID}} of {{.Holder}} ({{.Price}}) needs at least {{.MinQty}}; the quantity is {{.Qty}}.", args)
	case domain.LostLessSpecific:
		return lang.X("prices.why.lost.less_specific", "#{{.ID}} of {{.Holder}} ({{.Price}}) is less specific than #{{.Winner}} of {{.WinnerHolder}}.", args)
	case domain.LostSmallerTier:
		return lang.X("prices.why.lost.smaller_tier", "#{{.ID}} of {{.Holder}} ({{.Price}}) is a smaller tier (from {{.MinQty}}) than #{{.Winner}} (from {{.WinnerMinQty}}).", args)
	case domain.LostOlder:
		return lang.X("prices.why.lost.older", "#{{.ID}} of {{.Holder}} ({{.Price}}) started earlier ({{.From}}) than #{{.Winner}} ({{.WinnerFrom}}).", args)
	case domain.LostDearer:
		return lang.X("prices.why.lost.dearer", "#{{.ID}} of {{.Holder}} gives a higher price ({{.Price}}) than #{{.Winner}} ({{.WinnerPrice}}).", args)
	}
	return lang.X("prices.why.lost.tie", "#{{.ID}} of {{.Holder}} ties with #{{.Winner}} on level, tier, start and price; the one entered later wins.", args)
}
