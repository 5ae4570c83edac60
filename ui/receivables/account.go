package receivables

import (
	"context"
	"slices"
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

// invoiceColumns: number, due, open, paid, KSeF, gross, date. The columns a
// narrow account view drops come last: the date (the number has its month),
// then the gross (open and paid make it); the KSeF status stays in view.
// Numbers, dates and amounts are never cut: the columns widen to them.
var invoiceColumns = xwidget.Columns{Widths: []float32{124, 90, 80, 80, 96, 80, 90}, Flex: 0, Whole: []int{0, 1, 6}}

// colKSeF and colGross are the invoice list's KSeF status and gross columns.
const (
	colKSeF  = 4
	colGross = 5
)

var invoiceRight = []int{2, 3, colGross}

// paymentColumns: date, reference, amount, not applied, invoice picked.
var paymentColumns = xwidget.Columns{Widths: []float32{90, 96, 80, 80, 116}, Flex: 1, Whole: []int{0, 4}}

var paymentRight = []int{2, 3}

// AccountTab is an account's Invoices tab: its invoices and credit notes with
// paid and open amounts, what settled the selected one, its payments, and the
// actions of the back office. Its money summary shows in the account's header.
type AccountTab struct {
	d    *Deps
	acc  *domain.Account
	data *domain.AccountReceivables // what the lists show: open invoices first, or only those
	raw  *domain.AccountReceivables // as loaded
	gen  int

	head      *summary
	aging     *aging
	invoices  *widget.List
	payments  *widget.List
	settled   *widget.Label
	undo      *fyne.Container
	undoText  *widget.Label
	undoBtn   *widget.Button
	status    *widget.Label
	recordBtn *widget.Button
	creditBtn *widget.Button
	deleteBtn *widget.Button
	stmtBtn   *widget.Button
	pdfBtn    *widget.Button
	letterBtn *widget.Button // reminder, interest note, promise to pay; hidden without the collections service
	openOnly  *widget.Check  // show only open invoices
	content   fyne.CanvasObject
	ksef      map[domain.InvoiceID]domain.KSeFStatus // each invoice's KSeF status
	ksefInfo  string                                 // the selected invoice's standing in a sentence
	ksefGen   int

	selInv, selPay int // selected rows, -1 for none
	question       *xwidget.Question
	payment        *paymentDialog  // the last dialogs opened, for tests
	credit         *creditDialog   //
	statement      *statementView  //
	letters        *lettersView    //
	lastDeleted    *domain.Payment // what Undo puts back
	invoiceByID    map[domain.InvoiceID]*domain.InvoiceRow
	paymentByID    map[domain.PaymentID]*domain.Payment
	openInvoices   []domain.InvoiceRow // oldest first: what a payment may name
}

// NewAccountTab builds the tab for a saved account and starts loading it.
func NewAccountTab(d *Deps, acc *domain.Account) *AccountTab {
	d.defaults()
	t := &AccountTab{d: d, acc: acc, selInv: -1, selPay: -1, head: newSummary(), aging: newAging()}
	t.invoices = widget.NewList(t.invoiceCount, func() fyne.CanvasObject { return newRow(invoiceColumns, invoiceRight...) },
		t.updateInvoice)
	t.invoices.OnUnselected = func(widget.ListItemID) { t.selInv = -1; t.refreshActions() }
	t.payments = widget.NewList(t.paymentCount, func() fyne.CanvasObject { return newRow(paymentColumns, paymentRight...) },
		t.updatePayment)
	t.payments.OnSelected = func(id widget.ListItemID) { t.selPay = id; t.refreshActions() }
	t.payments.OnUnselected = func(widget.ListItemID) { t.selPay = -1; t.refreshActions() }
	t.settled = widget.NewLabel("")
	t.settled.Wrapping = fyne.TextWrapWord
	t.settled.Importance = widget.LowImportance
	t.status = widget.NewLabel("")
	t.status.Wrapping = fyne.TextWrapWord
	t.undoText = widget.NewLabel("")
	t.undoText.Wrapping = fyne.TextWrapWord
	t.undoBtn = widget.NewButtonWithIcon(lang.X("receivables.undo", "Undo"), theme.ContentUndoIcon(), t.onUndo)
	t.undo = container.NewBorder(nil, nil, nil, t.undoBtn, t.undoText)
	t.undo.Hide()

	t.recordBtn = widget.NewButtonWithIcon(lang.X("receivables.payment.record", "Record payment…"), theme.ContentAddIcon(), t.onRecord)
	t.recordBtn.Importance = widget.HighImportance
	t.creditBtn = widget.NewButtonWithIcon(lang.X("receivables.credit.issue", "Credit note…"), theme.ContentRemoveIcon(), t.onCredit)
	t.deleteBtn = widget.NewButtonWithIcon(lang.X("receivables.payment.delete", "Delete payment"), theme.DeleteIcon(), t.onDelete)
	t.stmtBtn = widget.NewButtonWithIcon(lang.X("receivables.statement.open", "Statement…"), theme.DocumentPrintIcon(), t.onStatement)
	t.pdfBtn = widget.NewButtonWithIcon(lang.X("ksef.invoice_pdf", "Invoice PDF"), theme.DocumentIcon(), t.onInvoicePDF)
	if d.InvoicePDF == nil {
		t.pdfBtn.Hide()
	}
	t.invoices.OnSelected = func(id widget.ListItemID) { t.selInv = id; t.loadKSeF(); t.refreshActions() }
	t.letterBtn = widget.NewButtonWithIcon(lang.X("letters.open", "Collections…"), theme.MailSendIcon(), t.onLetters)
	if d.Collections == nil || d.Letters == nil {
		t.letterBtn.Hide()
	}
	t.openOnly = widget.NewCheck(lang.X("receivables.open_only", "Open only"), func(bool) {
		if t.raw != nil {
			t.show(t.raw)
		}
	})
	t.refreshActions()

	invHead := invoiceColumns.Header([]string{lang.X("receivables.invoice.number", "Invoice"),
		lang.X("receivables.invoice.due", "Due"), lang.X("receivables.invoice.open", "Open"),
		lang.X("receivables.invoice.paid", "Paid"), lang.X("ksef.column", "KSeF"),
		lang.X("receivables.invoice.gross", "Gross"), lang.X("receivables.invoice.date", "Date")}, invoiceRight...)
	payHead := paymentColumns.Header([]string{lang.X("receivables.payment.date", "Date"),
		lang.X("receivables.payment.reference", "Reference"), lang.X("receivables.payment.amount", "Amount"),
		lang.X("receivables.payment.unapplied", "Not applied"), lang.X("receivables.payment.invoice", "For invoice")}, paymentRight...)
	invPane := container.NewBorder(invHead, t.settled, nil, nil, t.invoices)
	payTitle := widget.NewLabelWithStyle(lang.X("receivables.payments", "Payments"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// Delete sits by the payments it acts on, which keeps the action row as
	// narrow as the account view's other tabs.
	payPane := container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, payTitle, t.deleteBtn), payHead), nil, nil, nil, t.payments)
	split := container.NewVSplit(invPane, payPane)
	split.Offset = 0.62
	actions := container.NewHBox(t.recordBtn, t.creditBtn, t.pdfBtn, t.stmtBtn)
	if d.NotBackOffice != nil && d.NotBackOffice() {
		// The store (and the team server) would refuse them.
		t.recordBtn.Hide()
		t.creditBtn.Hide()
		t.deleteBtn.Hide()
		note := widget.NewLabel(lang.X("receivables.backoffice_money", "Payments and credit notes are recorded by the back office."))
		note.Importance = widget.LowImportance
		actions.Add(note)
	}
	// A second row, so the account view keeps its width.
	more := container.NewHBox(t.letterBtn, t.openOnly)
	top := container.NewVBox(actions, more, t.aging.content, t.undo, widget.NewSeparator())
	t.content = container.NewBorder(top, t.status, nil, nil, split)
	t.Reload()
	return t
}

// Content is the tab's body.
func (t *AccountTab) Content() fyne.CanvasObject { return t.content }

// Summary is the money summary for the account's header.
func (t *AccountTab) Summary() fyne.CanvasObject { return t.head.content }

// SetAccount follows a save of the account (a new credit limit).
func (t *AccountTab) SetAccount(acc *domain.Account) {
	t.acc = acc
	t.Reload()
}

// Reload reads the account's receivables again.
func (t *AccountTab) Reload() {
	t.gen++
	gen, id, today := t.gen, t.acc.ID, t.d.Today()
	t.d.Run(func() {
		r, err := t.d.Receivables.AccountReceivables(context.Background(), id, today)
		var ksef map[domain.InvoiceID]domain.KSeFStatus
		if err == nil && t.d.KSeF != nil {
			ids := make([]domain.InvoiceID, len(r.Invoices))
			for i := range r.Invoices {
				ids[i] = r.Invoices[i].ID
			}
			ksef, err = t.d.KSeF.InvoicesKSeF(context.Background(), ids)
		}
		fyne.Do(func() {
			if gen != t.gen {
				return
			}
			if err != nil {
				alert.Error(t.d.Window, err)
				return
			}
			t.ksef = ksef
			t.show(r)
		})
	})
}

// show puts loaded receivables on screen, keeping the selected invoice.
func (t *AccountTab) show(r *domain.AccountReceivables) {
	var keep domain.InvoiceID
	if t.data != nil && t.selInv >= 0 && t.selInv < len(t.data.Invoices) {
		keep = t.data.Invoices[t.selInv].ID
	}
	t.raw = r
	t.invoiceByID = map[domain.InvoiceID]*domain.InvoiceRow{}
	t.openInvoices = nil
	for i := range r.Invoices {
		inv := &r.Invoices[i]
		t.invoiceByID[inv.ID] = inv
		if inv.Kind == domain.KindInvoice && inv.Open > 0 {
			t.openInvoices = append(t.openInvoices, *inv)
		}
	}
	r = t.openFirst(r)
	t.data = r
	slices.Reverse(t.openInvoices) // the list is newest first; a payment is offered the oldest first
	t.paymentByID = map[domain.PaymentID]*domain.Payment{}
	for i := range r.Payments {
		t.paymentByID[r.Payments[i].ID] = &r.Payments[i]
	}
	t.head.set(t.d.Locale, r)
	t.aging.set(t.d.Locale, r.Aging)
	t.fit()
	t.selInv, t.selPay = -1, -1
	t.invoices.UnselectAll()
	t.payments.UnselectAll()
	t.invoices.Refresh()
	t.payments.Refresh()
	for i := range r.Invoices {
		if r.Invoices[i].ID == keep {
			t.invoices.Select(i)
		}
	}
	t.refreshActions()
}

func (t *AccountTab) invoiceCount() int {
	if t.data == nil {
		return 0
	}
	return len(t.data.Invoices)
}

func (t *AccountTab) paymentCount() int {
	if t.data == nil {
		return 0
	}
	return len(t.data.Payments)
}

func (t *AccountTab) updateInvoice(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= t.invoiceCount() {
		return
	}
	inv, w := &t.data.Invoices[id], rowOf(o)
	w.set(id, t.invoiceTexts(inv)...)
	if inv.Kind == domain.KindCreditNote {
		w.mark(colGross, widget.SuccessImportance)
		t.markKSeF(w, inv.ID)
		return
	}
	if inv.Open > 0 && inv.Due.Before(t.data.AsOf) {
		w.mark(1, widget.DangerImportance)
		w.mark(2, widget.DangerImportance)
	}
	t.markKSeF(w, inv.ID)
}

// ksefCell is an invoice's KSeF status as its cell shows it.
func (t *AccountTab) ksefCell(id domain.InvoiceID) string {
	if s, ok := t.ksef[id]; ok {
		return KSeFStatusText(s)
	}
	return ""
}

// markKSeF colours a status that needs doing something: warning for one that
// cannot be built.
func (t *AccountTab) markKSeF(w *row, id domain.InvoiceID) {
	if t.ksef[id] == domain.KSeFCannotBuild {
		w.mark(colKSeF, widget.WarningImportance)
	}
}

// loadKSeF reads the selected invoice's standing (building a pending file)
// and says it under the list.
func (t *AccountTab) loadKSeF() {
	t.ksefGen++
	t.ksefInfo = ""
	inv := t.selectedInvoice()
	if inv == nil || t.d.KSeF == nil {
		return
	}
	gen, id := t.ksefGen, inv.ID
	t.d.Run(func() {
		st, err := t.d.KSeF.InvoiceKSeF(context.Background(), id)
		fyne.Do(func() {
			if gen != t.ksefGen {
				return
			}
			if err != nil {
				alert.Error(t.d.Window, err)
				return
			}
			t.ksefInfo = ksefDetail(st)
			if t.ksef != nil && t.ksef[id] != st.Status {
				t.ksef[id] = st.Status
				t.invoices.Refresh()
			}
			t.refreshActions()
		})
	})
}

// onInvoicePDF opens the selected invoice's PDF.
func (t *AccountTab) onInvoicePDF() {
	inv := t.selectedInvoice()
	if inv == nil {
		return
	}
	t.pdfBtn.Disable()
	OpenInvoicePDF(t.d, inv.ID, inv.Number, func() { t.refreshActions() })
}

func (t *AccountTab) updatePayment(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= t.paymentCount() {
		return
	}
	p, w := &t.data.Payments[id], rowOf(o)
	texts := t.paymentTexts(p)
	w.set(id, texts...)
	if texts[3] != "" {
		w.mark(3, widget.SuccessImportance)
	}
}

// invoiceTexts are an invoice's or credit note's cells as shown.
func (t *AccountTab) invoiceTexts(inv *domain.InvoiceRow) []string {
	loc := t.d.Locale
	if inv.Kind == domain.KindCreditNote {
		return []string{lang.X("receivables.credit_note_number", "{{.Number}} (credit note)", map[string]any{"Number": inv.Number}),
			"", "", "", t.ksefCell(inv.ID), number(loc, inv.Gross), loc.FormatDate(inv.Date)}
	}
	open := ""
	if inv.Open != 0 {
		open = number(loc, inv.Open)
	}
	return []string{inv.Number, loc.FormatDate(inv.Due), open, number(loc, inv.Paid), t.ksefCell(inv.ID), number(loc, inv.Gross),
		loc.FormatDate(inv.Date)}
}

// paymentTexts are a payment's cells as shown.
func (t *AccountTab) paymentTexts(p *domain.Payment) []string {
	loc := t.d.Locale
	unapplied := ""
	if u := t.data.Unapplied[p.ID]; u != 0 {
		unapplied = number(loc, u)
	}
	return []string{loc.FormatDate(p.Date), p.Reference, number(loc, p.Amount), unapplied, p.InvoiceNumber}
}

// fit widens the columns of numbers, dates and amounts to what the lists show.
func (t *AccountTab) fit() {
	grew := false
	for i := range t.data.Invoices {
		grew = invoiceColumns.FitRow(invoiceRight, t.invoiceTexts(&t.data.Invoices[i])...) || grew
	}
	for i := range t.data.Payments {
		grew = paymentColumns.FitRow(paymentRight, t.paymentTexts(&t.data.Payments[i])...) || grew
	}
	if grew {
		xwidget.RelayoutTree(t.content)
	}
}

// refreshActions enables what the selection allows and says what settled
// the selected invoice.
func (t *AccountTab) refreshActions() {
	inv := t.selectedInvoice()
	enable(t.creditBtn, inv != nil && inv.Kind == domain.KindInvoice)
	enable(t.deleteBtn, t.selectedPayment() != nil)
	enable(t.stmtBtn, true)
	enable(t.pdfBtn, inv != nil)
	if t.data == nil {
		return
	}
	// The line under the invoices takes room only when it has something to say.
	switch {
	case inv != nil && t.ksefInfo != "":
		t.settled.SetText(t.settledText(inv) + "\n" + t.ksefInfo)
	case inv != nil:
		t.settled.SetText(t.settledText(inv))
	case len(t.data.Invoices) == 0 && len(t.data.Payments) == 0:
		t.settled.SetText(lang.X("receivables.empty_account", "No invoices or payments yet. An invoice is issued when an order is delivered."))
	default:
		t.settled.SetText("")
	}
	if t.settled.Text == "" {
		t.settled.Hide()
	} else {
		t.settled.Show()
	}
}

// settledText says which payments and credit notes settled an invoice, or
// what a credit note settled.
func (t *AccountTab) settledText(inv *domain.InvoiceRow) string {
	loc := t.d.Locale
	var parts []string
	for _, s := range t.data.Settlements {
		switch {
		case inv.Kind == domain.KindInvoice && s.Invoice == inv.ID && s.Payment != 0:
			p := t.paymentByID[s.Payment]
			if p == nil {
				continue
			}
			ref := p.Reference
			if ref == "" {
				ref = lang.X("receivables.no_reference", "no reference")
			}
			parts = append(parts, lang.X("receivables.settled.payment", "{{.Amount}} of the payment of {{.Date}} ({{.Reference}})",
				map[string]any{"Amount": money(loc, s.Amount), "Date": loc.FormatDate(p.Date), "Reference": ref}))
		case inv.Kind == domain.KindInvoice && s.Invoice == inv.ID && s.CreditNote != 0:
			if n := t.invoiceByID[s.CreditNote]; n != nil {
				parts = append(parts, lang.X("receivables.settled.credit", "{{.Amount}} by credit note {{.Number}}",
					map[string]any{"Amount": money(loc, s.Amount), "Number": n.Number}))
			}
		case inv.Kind == domain.KindCreditNote && s.CreditNote == inv.ID:
			if n := t.invoiceByID[s.Invoice]; n != nil {
				parts = append(parts, lang.X("receivables.settled.credits", "{{.Amount}} of invoice {{.Number}}",
					map[string]any{"Amount": money(loc, s.Amount), "Number": n.Number}))
			}
		}
	}
	if inv.Kind == domain.KindCreditNote {
		if len(parts) == 0 {
			return lang.X("receivables.credit_unapplied", "{{.Number}} settles no invoice: it is credit on the account.", map[string]any{"Number": inv.Number})
		}
		return lang.X("receivables.credit_settles", "{{.Number}} settles {{.List}}.", map[string]any{"Number": inv.Number, "List": strings.Join(parts, "; ")})
	}
	if len(parts) == 0 {
		return lang.X("receivables.unpaid", "{{.Number}}: nothing paid yet.", map[string]any{"Number": inv.Number})
	}
	return lang.X("receivables.settled_by", "{{.Number}} settled by {{.List}}.", map[string]any{"Number": inv.Number, "List": strings.Join(parts, "; ")})
}

func (t *AccountTab) selectedInvoice() *domain.InvoiceRow {
	if t.data == nil || t.selInv < 0 || t.selInv >= len(t.data.Invoices) {
		return nil
	}
	return &t.data.Invoices[t.selInv]
}

func (t *AccountTab) selectedPayment() *domain.Payment {
	if t.data == nil || t.selPay < 0 || t.selPay >= len(t.data.Payments) {
		return nil
	}
	return &t.data.Payments[t.selPay]
}

// changed reloads after a payment or credit note and tells the others.
func (t *AccountTab) changed(msg string) {
	t.status.SetText(msg)
	t.Reload()
	t.d.Changed()
}

// onDelete asks, deletes the selected payment, and offers Undo.
func (t *AccountTab) onDelete() {
	p := t.selectedPayment()
	if p == nil {
		return
	}
	loc, id := t.d.Locale, p.ID
	t.question = xwidget.Ask(t.d.Window, lang.X("receivables.payment.delete_title", "Delete payment"),
		lang.X("receivables.payment.delete_message", "Delete the payment of {{.Amount}} from {{.Date}}? The invoices it paid are open again.",
			map[string]any{"Amount": money(loc, p.Amount), "Date": loc.FormatDate(p.Date)}),
		xwidget.Choice{Label: lang.X("receivables.cancel", "Cancel")},
		xwidget.Choice{Label: lang.X("receivables.payment.delete_confirm", "Delete"), Importance: widget.DangerImportance, Action: func() {
			t.d.Run(func() {
				gone, err := t.d.Payments.DeletePayment(context.Background(), id)
				fyne.Do(func() {
					if err != nil {
						alert.Error(t.d.Window, err)
						return
					}
					t.lastDeleted = gone
					t.undoText.SetText(lang.X("receivables.payment.deleted", "Payment of {{.Amount}} from {{.Date}} deleted.",
						map[string]any{"Amount": money(loc, gone.Amount), "Date": loc.FormatDate(gone.Date)}))
					t.undo.Show()
					t.changed("")
				})
			})
		}},
	)
}

// onUndo puts the deleted payment back.
func (t *AccountTab) onUndo() {
	p := t.lastDeleted
	if p == nil {
		return
	}
	t.d.Run(func() {
		_, err := t.d.Payments.RestorePayment(context.Background(), p)
		fyne.Do(func() {
			if err != nil {
				alert.Error(t.d.Window, err)
				return
			}
			t.lastDeleted = nil
			t.undo.Hide()
			t.changed(lang.X("receivables.payment.restored", "Payment restored."))
		})
	})
}

// openFirst lists the open invoices (and credit notes with credit left)
// first, newest first within each part, or only those with "Open only".
func (t *AccountTab) openFirst(r *domain.AccountReceivables) *domain.AccountReceivables {
	view := *r
	view.Invoices = make([]domain.InvoiceRow, 0, len(r.Invoices))
	for _, inv := range r.Invoices {
		if inv.Open != 0 {
			view.Invoices = append(view.Invoices, inv)
		}
	}
	if !t.openOnly.Checked {
		for _, inv := range r.Invoices {
			if inv.Open == 0 {
				view.Invoices = append(view.Invoices, inv)
			}
		}
	}
	return &view
}
