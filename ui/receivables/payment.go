package receivables

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// paymentDialog records a payment: date (today), amount, reference and,
// optionally, the open invoice it pays. Each problem shows under its field;
// nothing typed is lost when the payment is refused.
type paymentDialog struct {
	t              *AccountTab
	state          *xwidget.FormState        // problems show once a save was tried
	fields         map[string]*xwidget.Field // the state's fields, by name
	invoice        *widget.Select
	invoiceProblem *widget.Label
	okBtn          *widget.Button
	saver          xwidget.Saver[*domain.Payment]
	dialog         *xwidget.Dialog
	open           []domain.InvoiceRow // the invoices offered, after the "none" option
	autoAmount     string              // the amount last filled in from a chosen invoice
}

// fillAmount puts the chosen invoice's open amount in the amount field,
// unless the user typed an amount of their own.
func (p *paymentDialog) fillAmount() {
	i := p.invoice.SelectedIndex()
	f := p.fields[domain.FieldAmount]
	if f == nil || f.Entry.Text != "" && f.Entry.Text != p.autoAmount {
		return
	}
	text := ""
	if i > 0 && i-1 < len(p.open) {
		text = number(p.t.d.Locale, p.open[i-1].Open)
	}
	p.autoAmount = text
	f.Entry.SetText(text)
}

// onRecord opens the dialog.
func (t *AccountTab) onRecord() {
	p := &paymentDialog{t: t, state: xwidget.NewFormState(), open: t.openInvoices}
	p.fields = p.state.Fields
	p.state.Quiet = true
	p.state.Check = func() xwidget.Problems { _, problems := p.collect(); return problems }
	p.state.Shown = p.showInvoice
	loc := t.d.Locale
	for _, name := range []string{domain.FieldDate, domain.FieldAmount, domain.FieldReference} {
		f := p.state.Add(name, xwidget.NewEntryField())
		f.Entry.OnSubmitted = func(string) { p.submit() }
	}
	p.fields[domain.FieldAmount].Entry.SetPlaceHolder(lang.X("receivables.payment.amount.placeholder", "e.g. 1 234,56"))
	p.fields[domain.FieldReference].Entry.SetPlaceHolder(lang.X("receivables.payment.reference.placeholder", "the transfer's title, e.g. FV/2026/11/0042"))
	options := []string{lang.X("receivables.payment.invoice.none", "None: settle the oldest open invoices")}
	for _, inv := range p.open {
		options = append(options, lang.X("receivables.payment.invoice.option", "{{.Number}} · open {{.Open}} · due {{.Due}}",
			map[string]any{"Number": inv.Number, "Open": money(loc, inv.Open), "Due": loc.FormatDate(inv.Due)}))
	}
	p.invoice = widget.NewSelect(options, func(string) {
		p.fillAmount()
		p.state.Edited(domain.FieldInvoice)
	})
	p.invoiceProblem = widget.NewLabel("")
	p.invoiceProblem.Importance = widget.DangerImportance
	p.invoiceProblem.Hide()
	p.state.Fill(func() {
		p.fields[domain.FieldDate].Entry.SetText(loc.FormatDate(t.d.Today()))
		xwidget.DatePicker(p.fields[domain.FieldDate].Entry, loc, false, t.d.Today)
		p.invoice.SetSelectedIndex(0)
		if t.selectedInvoice() != nil { // the invoice the user was looking at
			for i, inv := range p.open {
				if inv.ID == t.selectedInvoice().ID {
					p.invoice.SetSelectedIndex(i + 1)
				}
			}
		}
	})
	form := widget.NewForm(
		widget.NewFormItem(lang.X("receivables.payment.date", "Date"), p.fields[domain.FieldDate]),
		widget.NewFormItem(lang.X("receivables.payment.amount", "Amount"), p.fields[domain.FieldAmount]),
		widget.NewFormItem(lang.X("receivables.payment.reference", "Reference"), p.fields[domain.FieldReference]),
		widget.NewFormItem(lang.X("receivables.payment.invoice", "For invoice"), container.NewVBox(p.invoice, p.invoiceProblem)),
	)
	hint := widget.NewLabel(lang.X("receivables.payment.hint",
		"A payment settles the invoice chosen (or the one its reference names) first, then the oldest open invoices; what is left is credit on the account."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	p.okBtn = widget.NewButton(lang.X("receivables.payment.ok", "Record payment"), p.submit)
	p.okBtn.Importance = widget.HighImportance
	p.saver = xwidget.Saver[*domain.Payment]{Run: t.d.Run, Button: p.okBtn}
	cancel := widget.NewButton(lang.X("receivables.cancel", "Cancel"), func() { p.dialog.Hide() })
	body := container.NewVBox(form, hint, container.NewHBox(layout.NewSpacer(), cancel, p.okBtn))
	title := lang.X("receivables.payment.title", "Payment from {{.Name}}", map[string]any{"Name": t.acc.Name})
	p.dialog = xwidget.NewDialog(title, body, t.d.Window)
	p.dialog.Fit(fyne.NewSize(560, 0))
	t.payment = p
	p.dialog.Show()
	t.d.Window.Canvas().Focus(p.fields[domain.FieldAmount].Focusable())
}

// collect reads the form; problems maps field names to their messages.
func (p *paymentDialog) collect() (domain.PaymentFields, xwidget.Problems) {
	f := domain.PaymentFields{AccountID: p.t.acc.ID, AccountCode: p.t.acc.Code, Reference: p.fields[domain.FieldReference].Text()}
	problems := xwidget.Problems{}
	d, err := xwidget.ParseDate(p.fields[domain.FieldDate].Text())
	problems.Read(domain.FieldDate, err)
	f.Date = d
	if text := p.fields[domain.FieldAmount].Text(); text != "" {
		a, err := domain.ParseAmount(text)
		problems.Read(domain.FieldAmount, err)
		f.Amount = a
	}
	if i := p.invoice.SelectedIndex(); i > 0 && i-1 < len(p.open) {
		f.Invoice = p.open[i-1].ID
	}
	problems.AddError(f.Validate())
	return f, problems
}

// showInvoice writes the problem with the invoice chosen under the choice.
func (p *paymentDialog) showInvoice(shown xwidget.Problems) {
	if msg := shown[domain.FieldInvoice]; msg != "" {
		p.invoiceProblem.SetText(msg)
		p.invoiceProblem.Show()
	} else {
		p.invoiceProblem.Hide()
	}
}

// submit records the payment when the form is valid.
func (p *paymentDialog) submit() {
	if p.saver.Busy() {
		return
	}
	f, problems := p.collect()
	if !p.state.Try(problems) {
		return
	}
	p.saver.Save(func(ctx context.Context) (*domain.Payment, error) {
		return p.t.d.Payments.RecordPayment(ctx, f)
	}, p.recorded)
}

// recorded closes the dialog, or shows why the store refused the payment:
// at the fields, when each of its problems has a place in the dialog.
func (p *paymentDialog) recorded(saved *domain.Payment, err error) {
	if err != nil {
		if !p.placed(err) || !p.state.Refused(err) {
			alert.Error(p.t.d.Window, err)
		}
		return
	}
	p.dialog.Hide()
	loc := p.t.d.Locale
	p.t.changed(lang.X("receivables.payment.recorded", "Payment of {{.Amount}} from {{.Date}} recorded.",
		map[string]any{"Amount": money(loc, saved.Amount), "Date": loc.FormatDate(saved.Date)}))
}

// placed reports whether every field problem of err has a place in the dialog.
func (p *paymentDialog) placed(err error) bool {
	e, ok := domain.AsError(err)
	if !ok {
		return false
	}
	for _, fe := range e.Fields {
		if !p.state.Shows(fe.Field) && fe.Field != domain.FieldInvoice {
			return false
		}
	}
	return true
}
