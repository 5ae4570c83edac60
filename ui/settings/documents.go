package settings

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// documentSettings is the "Quotes and orders" section: how long a new quote
// is valid and the number series of quotes and orders. They live in the
// database (kontorctl numbers imported orders the same way), so they are
// read and saved off the Fyne goroutine.
type documentSettings struct {
	s         *Screen
	validDays *xwidget.Field
	quotePfx  *xwidget.Field
	orderPfx  *xwidget.Field
	// The invoice and credit-note series: prefix, and whether the counter
	// restarts each month or each year.
	invoicePfx, creditPfx         *xwidget.Field
	invoiceMonthly, creditMonthly *widget.Check
	edits                         bool // the user changed something since the load or the save
	status                        *widget.Label
	loaded                        *domain.DocumentSettings
	content                       fyne.CanvasObject
}

func newDocumentSettings(s *Screen) *documentSettings {
	d := &documentSettings{s: s, validDays: xwidget.NewEntryField(), quotePfx: xwidget.NewEntryField(), orderPfx: xwidget.NewEntryField(),
		invoicePfx: xwidget.NewEntryField(), creditPfx: xwidget.NewEntryField()}
	monthly := lang.X("settings.documents.monthly", "Count within each month (else within each year)")
	d.invoiceMonthly = widget.NewCheck(monthly, func(bool) { d.edited() })
	d.creditMonthly = widget.NewCheck(monthly, func(bool) { d.edited() })
	d.status = widget.NewLabel("")
	d.status.Wrapping = fyne.TextWrapWord
	d.status.Importance = widget.DangerImportance
	d.status.Hide()
	heading := widget.NewLabelWithStyle(lang.X("settings.documents.title", "Quotes and orders"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(lang.X("settings.documents.valid_days", "A quote is valid for (days)"), d.validDays),
		widget.NewFormItem(lang.X("settings.documents.quote_prefix", "Quote numbers start with"), d.quotePfx),
		widget.NewFormItem(lang.X("settings.documents.order_prefix", "Order numbers start with"), d.orderPfx),
		widget.NewFormItem(lang.X("settings.documents.invoice_prefix", "Invoice numbers start with"), container.NewVBox(d.invoicePfx, d.invoiceMonthly)),
		widget.NewFormItem(lang.X("settings.documents.credit_prefix", "Credit note numbers start with"), container.NewVBox(d.creditPfx, d.creditMonthly)),
	)
	form.Items[0].HintText = lang.X("settings.documents.valid_days.hint", "A new quote's valid-until date is its date plus these days.")
	form.Items[1].HintText = lang.X("settings.documents.prefix.hint", "Then the year and a number counted within it: OF/2026/00042.")
	form.Items[3].HintText = lang.X("settings.documents.invoice_prefix.hint",
		"Monthly: FV/2026/11/0001. Invoice numbers have no gaps: an invoice is never deleted, a credit note corrects it.")
	d.content = container.NewVBox(heading, form, d.status)
	d.load()
	return d
}

func (d *documentSettings) load() {
	d.s.d.Run(func() {
		set, err := d.s.d.Documents.FindDocumentSettings(context.Background())
		fyne.Do(func() {
			if err != nil {
				alert.Error(d.s.d.Window, err)
				return
			}
			d.loaded = nil // what follows is no edit of the user's
			d.validDays.Entry.SetText(strconv.Itoa(set.QuoteValidDays))
			d.quotePfx.Entry.SetText(set.Quotes.Prefix)
			d.orderPfx.Entry.SetText(set.Orders.Prefix)
			d.invoicePfx.Entry.SetText(set.Invoices.Prefix)
			d.creditPfx.Entry.SetText(set.CreditNotes.Prefix)
			d.invoiceMonthly.SetChecked(set.Invoices.Monthly)
			d.creditMonthly.SetChecked(set.CreditNotes.Monthly)
			d.loaded, d.edits = set, false
			for _, f := range []*xwidget.Field{d.validDays, d.quotePfx, d.orderPfx, d.invoicePfx, d.creditPfx} {
				f.Entry.OnChanged = func(string) { d.edited() }
			}
			d.s.changed()
		})
	})
}

func (d *documentSettings) dirty() bool { return d.loaded != nil && d.edits }

func (d *documentSettings) discard() {
	if d.loaded != nil {
		d.load()
	}
	for _, f := range []*xwidget.Field{d.validDays, d.quotePfx, d.orderPfx, d.invoicePfx, d.creditPfx} {
		f.SetProblem("")
	}
	d.setStatus("")
}

// save checks and stores the section; each problem shows under its entry.
func (d *documentSettings) save(done func(bool)) {
	if d.loaded == nil {
		done(true)
		return
	}
	set := *d.loaded
	days, err := strconv.Atoi(strings.TrimSpace(d.validDays.Text()))
	if err != nil {
		days = 0 // Validate says what is allowed
	}
	set.QuoteValidDays = days
	set.Quotes.Prefix = strings.TrimSpace(d.quotePfx.Text())
	set.Orders.Prefix = strings.TrimSpace(d.orderPfx.Text())
	set.Invoices.Prefix = strings.TrimSpace(d.invoicePfx.Text())
	set.CreditNotes.Prefix = strings.TrimSpace(d.creditPfx.Text())
	set.Invoices.Monthly, set.CreditNotes.Monthly = d.invoiceMonthly.Checked, d.creditMonthly.Checked
	set.Invoices.Yearly = set.Invoices.Yearly || !set.Invoices.Monthly // a series that stops counting monthly counts yearly
	set.CreditNotes.Yearly = set.CreditNotes.Yearly || !set.CreditNotes.Monthly
	fields := map[string]*xwidget.Field{domain.FieldQuoteValidDays: d.validDays, "quotes." + domain.FieldPrefix: d.quotePfx,
		"orders." + domain.FieldPrefix: d.orderPfx, "invoices." + domain.FieldPrefix: d.invoicePfx,
		"credit_notes." + domain.FieldPrefix: d.creditPfx}
	for _, f := range fields {
		f.SetProblem("")
	}
	d.setStatus("")
	if err := set.Validate(); err != nil {
		d.showProblems(err, fields)
		done(false)
		return
	}
	d.s.d.Run(func() {
		saved, err := d.s.d.Documents.SaveDocumentSettings(context.Background(), set)
		fyne.Do(func() {
			if err != nil {
				d.showProblems(err, fields)
				done(false)
				return
			}
			d.loaded, d.edits = saved, false
			done(true)
		})
	})
}

// setStatus shows a problem of the section as a whole, or none.
func (d *documentSettings) setStatus(text string) {
	if text == d.status.Text {
		return
	}
	d.status.SetText(text)
	d.status.Show()
	if text == "" {
		d.status.Hide()
	}
	xwidget.Relayout(d.status)
}

func (d *documentSettings) showProblems(err error, fields map[string]*xwidget.Field) {
	e, ok := domain.AsError(err)
	if !ok || len(e.Fields) == 0 {
		alert.Error(d.s.d.Window, err)
		return
	}
	for _, fe := range e.Fields {
		if f, ok := fields[fe.Field]; ok {
			f.SetProblem(alert.Field(fe))
		} else {
			d.setStatus(alert.Field(fe))
		}
	}
}

// edited is the user's change: the screen's Save takes it.
func (d *documentSettings) edited() {
	if d.loaded == nil {
		return
	}
	d.edits = true
	d.s.changed()
}
