package prices

import (
	"context"

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

// termFields are the agreement's fields edited in entries, in form order.
var termFields = []string{domain.FieldMinQty, domain.FieldPrice, domain.FieldDiscountPct, domain.FieldValidFrom, domain.FieldValidTo}

// agreementForm is the dialog that adds an agreement or changes one. A change
// never edits the agreement in place: the store ends it the day before the
// new terms start and keeps it, which the dialog says before saving.
type agreementForm struct {
	p      *Panel
	old    *domain.Agreement // the agreement changed; nil when adding
	sku    *skuField
	state  *xwidget.FormState
	fields map[string]*xwidget.Field // the state's fields, by name: the SKU's and termFields
	note   *widget.Label             // what a change will do to the old agreement
	status *widget.Label
	save   *widget.Button
	saver  xwidget.Saver[*domain.Agreement]
	dialog *xwidget.Dialog
}

// openForm opens the dialog for a new agreement (old nil) or a change of old.
func (p *Panel) openForm(old *domain.Agreement) {
	p.form = newAgreementForm(p, old)
}

func newAgreementForm(p *Panel, old *domain.Agreement) *agreementForm {
	f := &agreementForm{p: p, old: old, state: xwidget.NewFormState()}
	f.fields = f.state.Fields
	f.sku = newSKUField(p.d)
	f.sku.OnLookup = func() {
		if f.sku.Unknown() {
			f.state.Touch(domain.FieldSKU) // an unknown SKU is marked at once
		}
		f.state.Validate()
	}
	f.state.Add(domain.FieldSKU, f.sku.field)
	for _, name := range termFields {
		field := f.state.Add(name, xwidget.NewEntryField())
		field.Entry.OnSubmitted = func(string) { f.submit() }
	}
	f.state.Check = f.check
	f.state.Changed = func(name string) {
		if name == domain.FieldSKU {
			f.sku.lookup()
		}
	}
	f.state.Relayout = func() {
		if f.dialog != nil {
			f.resize()
		}
	}
	loc := p.d.Locale
	f.fields[domain.FieldPrice].Entry.SetPlaceHolder(lang.X("prices.form.price.placeholder", "net unit price, e.g. 12.50"))
	f.fields[domain.FieldDiscountPct].Entry.SetPlaceHolder(lang.X("prices.form.discount.placeholder", "or % off the list price, e.g. 7.5"))
	f.fields[domain.FieldValidTo].Entry.SetPlaceHolder(lang.X("prices.form.valid_to.placeholder", "blank: no end"))
	xwidget.DatePicker(f.fields[domain.FieldValidTo].Entry, p.d.Locale, false, p.d.Today)
	xwidget.DatePicker(f.fields[domain.FieldValidFrom].Entry, p.d.Locale, false, p.d.Today)
	f.fields[domain.FieldValidFrom].Entry.SetPlaceHolder(lang.X("prices.form.valid_from.placeholder", "blank: from the start"))
	f.note = widget.NewLabel("")
	f.note.Wrapping = fyne.TextWrapWord
	f.note.Importance = widget.WarningImportance
	f.status = widget.NewLabel("")
	f.status.Wrapping = fyne.TextWrapWord
	f.status.Importance = widget.DangerImportance
	f.note.Hide() // until there is something to say
	f.status.Hide()

	today := p.d.Today()
	set := func(name, text string) { f.fields[name].Entry.SetText(text) }
	title := lang.X("prices.form.add", "Add price agreement")
	if old != nil {
		title = lang.X("prices.form.change", "Change agreement #{{.ID}}", map[string]any{"ID": int64(old.ID)})
		f.sku.Disable()
	}
	f.state.Fill(func() { // what the dialog fills in is not the user's typing
		if old == nil {
			set(domain.FieldMinQty, "1")
			set(domain.FieldValidFrom, DateEntry(loc, today))
			return
		}
		f.sku.SetText(old.SKU)
		set(domain.FieldMinQty, Qty(loc, old.MinQty))
		if old.HasPrice {
			set(domain.FieldPrice, PriceNumber(loc, old.Price))
		}
		if old.HasDiscount {
			set(domain.FieldDiscountPct, loc.FormatDecimal(old.Discount.Decimal(), percentPlaces(old.Discount)))
		}
		from := today
		if !old.ValidFrom.IsZero() && !old.ValidFrom.Before(today) {
			from = old.ValidFrom.AddDays(1) // a change starts after the old terms started
		}
		set(domain.FieldValidFrom, DateEntry(loc, from))
		set(domain.FieldValidTo, DateEntry(loc, old.ValidTo))
	})

	form := container.New(layout.NewFormLayout(),
		formLabel(lang.X("prices.form.sku", "Product")), f.sku.content,
		formLabel(lang.X("prices.form.min_qty", "From quantity")), f.fields[domain.FieldMinQty],
		formLabel(lang.X("prices.form.price", "Net price")), f.fields[domain.FieldPrice],
		formLabel(lang.X("prices.form.discount", "or discount %")), f.fields[domain.FieldDiscountPct],
		formLabel(lang.X("prices.form.valid_from", "Valid from")), f.fields[domain.FieldValidFrom],
		formLabel(lang.X("prices.form.valid_to", "Valid to")), f.fields[domain.FieldValidTo],
	)
	hint := widget.NewLabel(lang.X("prices.form.hint", "Give a fixed net price or a discount off the list price, not both. Both dates are included; leave one blank for no limit."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	cancel := widget.NewButton(lang.X("prices.form.cancel", "Cancel"), func() { f.dialog.Hide() })
	f.save = widget.NewButtonWithIcon(lang.X("prices.form.save", "Save"), theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.saver = xwidget.Saver[*domain.Agreement]{Run: p.d.Run, Button: f.save}
	body := container.NewBorder(container.NewVBox(form, hint), container.NewVBox(f.note, f.status,
		container.NewHBox(layout.NewSpacer(), cancel, f.save)), nil, nil)
	f.dialog = xwidget.NewDialog(title, body, p.d.Window)
	f.resize()
	f.dialog.Show()
	f.state.Validate()
	if old != nil {
		f.sku.lookup() // names the product under the SKU
	}
	if old == nil {
		p.d.Window.Canvas().Focus(f.sku.field.Focusable())
	} else {
		p.d.Window.Canvas().Focus(f.fields[domain.FieldPrice].Focusable())
	}
	return f
}

func (f *agreementForm) resize() { f.dialog.Fit(fyne.NewSize(560, 0)) }

// setText writes a note or the status, and lays the dialog out again: a
// wrapped line more or less moves the buttons.
func (f *agreementForm) setText(l *widget.Label, text string) {
	if l.Text == text && l.Visible() == (text != "") {
		return
	}
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
	xwidget.Relayout(l)
}

func formLabel(t string) *widget.Label {
	return widget.NewLabelWithStyle(t, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
}

// percentPlaces writes a discount with the decimals it has.
func percentPlaces(p domain.Percent) int {
	switch {
	case p%100 == 0:
		return 0
	case p%10 == 0:
		return 1
	}
	return 2
}

// collect reads the dialog into agreement fields for the panel's holder and
// returns each field's first problem, including an unknown SKU and a minimum
// quantity the product's unit does not allow.
func (f *agreementForm) collect() (domain.AgreementFields, xwidget.Problems) {
	a := domain.NewAgreementFields()
	problems := xwidget.Problems{}
	a.SKU = f.sku.Text()
	if f.p.acc != nil {
		a.AccountCode = f.p.acc.Code
	} else {
		a.CustomerGroup = f.p.group.Name
	}
	for _, name := range termFields {
		text := f.fields[name].Text()
		if name == domain.FieldValidFrom || name == domain.FieldValidTo {
			text = entryDate(text)
		}
		problems.Read(name, a.Set(name, text))
	}
	problems.AddError(a.Validate())
	if msg := f.sku.Problem(); msg != "" {
		problems[domain.FieldSKU] = msg
	}
	if prod := f.sku.product; prod != nil && problems[domain.FieldMinQty] == "" {
		if e, ok := domain.AsError(a.CheckUnit(prod.Unit)); ok && len(e.Fields) > 0 {
			problems[domain.FieldMinQty] = alert.Field(e.Fields[0])
		}
	}
	if f.old != nil && a.ValidFrom.IsZero() {
		problems.Add(domain.FieldValidFrom, alert.Field(domain.FieldError{Field: domain.FieldValidFrom, Key: "agreement.change_from",
			Msg: "a change needs the day the new terms start"}))
	}
	return a, problems
}

// check reads the dialog for the form state, and says under it what a
// change will do.
func (f *agreementForm) check() xwidget.Problems {
	a, problems := f.collect()
	f.showNote(a)
	return problems
}

// showNote says, for a change, that the old agreement ends the day before
// the new terms start and stays in the history.
func (f *agreementForm) showNote(a domain.AgreementFields) {
	if f.old == nil || a.ValidFrom.IsZero() {
		f.setText(f.note, "")
		f.note.Hide()
		return
	}
	loc := f.p.d.Locale
	f.setText(f.note, lang.X("prices.form.change_note",
		"Agreement #{{.ID}} is not overwritten: it will end on {{.Last}} and stay in the history; the new terms start on {{.From}}.",
		map[string]any{"ID": int64(f.old.ID), "Last": loc.FormatDate(a.ValidFrom.AddDays(-1)), "From": loc.FormatDate(a.ValidFrom)}))
	f.note.Show()
}

// submit saves when every field is valid: a new agreement, or a change.
func (f *agreementForm) submit() {
	if f.saver.Busy() {
		return
	}
	a, problems := f.collect()
	if !f.state.Try(problems) {
		f.setText(f.status, lang.X("prices.form.invalid", "Not saved: correct the marked fields."))
		return
	}
	f.setText(f.status, "")
	p, old, by := f.p, f.old, f.p.d.User()
	f.saver.Save(func(ctx context.Context) (*domain.Agreement, error) {
		if old == nil {
			return p.d.Agreements.CreateAgreement(ctx, a, by)
		}
		return p.d.Agreements.ChangeAgreement(ctx, old.ID, a, by)
	}, f.saved)
}

func (f *agreementForm) saved(a *domain.Agreement, err error) {
	if err != nil {
		f.setText(f.status, lang.X("prices.form.not_saved", "Not saved."))
		if !f.state.Refused(err) || !f.placed(err) {
			f.setText(f.status, alert.Message(err))
		}
		return
	}
	f.dialog.Hide()
	p, loc := f.p, f.p.d.Locale
	if f.old == nil {
		p.setStatus(lang.X("prices.status.added", "Agreement #{{.ID}} for {{.SKU}} saved.", map[string]any{"ID": int64(a.ID), "SKU": a.SKU}))
	} else {
		p.setStatus(lang.X("prices.status.changed",
			"Agreement #{{.Old}} now ends on {{.Last}} and stays in the history; #{{.ID}} applies from {{.From}}.",
			map[string]any{"Old": int64(f.old.ID), "ID": int64(a.ID), "Last": loc.FormatDate(a.ValidFrom.AddDays(-1)), "From": loc.FormatDate(a.ValidFrom)}))
		// Show the old agreement beside the new one, when it has ended already.
		p.showEnded.SetChecked(true)
	}
	p.Reload()
}

// placed reports whether every field problem of err shows at a field.
func (f *agreementForm) placed(err error) bool {
	e, _ := domain.AsError(err)
	for _, fe := range e.Fields {
		if !f.state.Shows(fe.Field) {
			return false
		}
	}
	return true
}

// endForm is the dialog that ends an agreement on a chosen last day.
type endForm struct {
	p      *Panel
	a      *domain.Agreement
	last   *xwidget.Field
	save   *widget.Button
	dialog *xwidget.Dialog
}

func (p *Panel) openEnd(a *domain.Agreement) {
	e := &endForm{p: p, a: a, last: xwidget.NewEntryField()}
	e.last.Entry.SetText(DateEntry(p.d.Locale, p.d.Today()))
	xwidget.DatePicker(e.last.Entry, p.d.Locale, false, p.d.Today)
	e.last.Entry.OnSubmitted = func(string) { e.submit() }
	msg := widget.NewLabel(lang.X("prices.end.message", "Agreement #{{.ID}} ({{.SKU}}, {{.Terms}}) applies up to and including the last day; it stays in the history.",
		map[string]any{"ID": int64(a.ID), "SKU": a.SKU, "Terms": Terms(p.d.Locale, &a.AgreementFields)}))
	msg.Wrapping = fyne.TextWrapWord
	cancel := widget.NewButton(lang.X("prices.form.cancel", "Cancel"), func() { e.dialog.Hide() })
	e.save = widget.NewButtonWithIcon(lang.X("prices.end.confirm", "End agreement"), theme.ConfirmIcon(), e.submit)
	e.save.Importance = widget.HighImportance
	form := container.New(layout.NewFormLayout(), formLabel(lang.X("prices.end.last", "Last day")), e.last)
	body := container.NewVBox(msg, form, container.NewHBox(layout.NewSpacer(), cancel, e.save))
	e.dialog = xwidget.NewDialog(lang.X("prices.end.title", "End agreement"), body, p.d.Window)
	e.dialog.Fit(fyne.NewSize(480, 0))
	e.dialog.Show()
	p.d.Window.Canvas().Focus(e.last.Focusable())
	p.end = e
}

func (e *endForm) submit() {
	last, err := xwidget.ParseDate(e.last.Text())
	if err == nil && last.IsZero() {
		err = domain.Errorf(domain.EInvalid, "field.required", "required", nil)
	}
	if err != nil {
		e.last.SetProblem(alert.FieldProblem(domain.FieldValidTo, err))
		return
	}
	e.save.Disable()
	p, id, by := e.p, e.a.ID, e.p.d.User()
	p.d.Run(func() {
		got, err := p.d.Agreements.EndAgreement(context.Background(), id, last, by)
		fyne.Do(func() {
			e.save.Enable()
			if err != nil {
				if de, ok := domain.AsError(err); ok && len(de.Fields) > 0 {
					e.last.SetProblem(alert.Field(de.Fields[0]))
					return
				}
				alert.Error(p.d.Window, err)
				return
			}
			e.dialog.Hide()
			p.setStatus(lang.X("prices.status.ended", "Agreement #{{.ID}} ends on {{.Last}} and stays in the history.",
				map[string]any{"ID": int64(got.ID), "Last": p.d.Locale.FormatDate(got.ValidTo)}))
			if p.ended(got) {
				p.showEnded.SetChecked(true)
			}
			p.Reload()
		})
	})
}
