package receivables

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// creditLineColumns: line no., SKU, name, invoiced quantity, to credit.
var creditLineColumns = xwidget.Columns{Widths: []float32{36, 110, 160, 90, 90}, Flex: 2}

var creditLineRight = []int{0, 3, 4}

// creditDialog issues a credit note for an invoice. The invoice's lines are a
// list; the quantity to credit of the selected line is typed in one entry
// under it (a long invoice gets no entry per line). The domain checks the
// quantities, the date and the reason; each problem shows at its line or field.
type creditDialog struct {
	t       *AccountTab
	inv     *domain.Invoice
	qty     []string       // what the user typed per line, "" for none
	lineErr map[int]string // per line (0-based), as the domain reported
	lines   *widget.List
	sel     int
	qtyBox  *xwidget.Field
	date    *xwidget.Field
	reason  *xwidget.Field
	general *widget.Label // problems of the lines as a whole
	okBtn   *widget.Button
	dialog  *xwidget.Dialog
	saving  bool
}

// onCredit loads the selected invoice and opens the dialog.
func (t *AccountTab) onCredit() {
	row := t.selectedInvoice()
	if row == nil || row.Kind != domain.KindInvoice {
		return
	}
	id := row.ID
	t.d.Run(func() {
		inv, err := t.d.Invoices.FindInvoiceByID(context.Background(), id)
		fyne.Do(func() {
			if err != nil {
				alert.Error(t.d.Window, err)
				return
			}
			t.openCredit(inv)
		})
	})
}

func (t *AccountTab) openCredit(inv *domain.Invoice) {
	c := &creditDialog{t: t, inv: inv, qty: make([]string, len(inv.Lines)), lineErr: map[int]string{}, sel: -1}
	loc := t.d.Locale
	c.lines = widget.NewList(func() int { return len(inv.Lines) },
		func() fyne.CanvasObject { return newRow(creditLineColumns, creditLineRight...) }, c.updateLine)
	c.lines.OnSelected = c.selectLine
	c.qtyBox = xwidget.NewEntryField()
	c.qtyBox.Entry.SetPlaceHolder(lang.X("receivables.credit.qty.placeholder", "select a line, then type the quantity to credit"))
	c.qtyBox.Entry.Disable()
	c.qtyBox.Entry.OnChanged = func(s string) {
		if c.sel >= 0 {
			c.qty[c.sel] = strings.TrimSpace(s)
			delete(c.lineErr, c.sel)
			c.qtyBox.SetProblem("")
			c.lines.RefreshItem(c.sel)
		}
	}
	all := widget.NewButton(lang.X("receivables.credit.all", "Credit every line in full"), func() {
		for i, l := range inv.Lines {
			c.qty[i] = loc.FormatDecimal(l.Quantity.Decimal(), l.Unit.Decimals())
		}
		c.lineErr = map[int]string{}
		c.lines.Refresh()
		if c.sel >= 0 {
			c.qtyBox.Entry.SetText(c.qty[c.sel])
		}
	})
	c.date = xwidget.NewEntryField()
	xwidget.DatePicker(c.date.Entry, loc, false, t.d.Today)
	c.date.Entry.SetText(loc.FormatDate(t.d.Today()))
	c.reason = xwidget.NewEntryField()
	c.reason.Entry.SetPlaceHolder(lang.X("receivables.credit.reason.placeholder", "e.g. 2 pieces returned damaged"))
	c.general = widget.NewLabel("")
	c.general.Importance = widget.DangerImportance
	c.general.Wrapping = fyne.TextWrapWord
	c.general.Hide()
	c.okBtn = widget.NewButton(lang.X("receivables.credit.ok", "Issue credit note"), c.submit)
	c.okBtn.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.X("receivables.cancel", "Cancel"), func() { c.dialog.Hide() })

	head := creditLineColumns.Header([]string{"#", lang.X("receivables.credit.sku", "SKU"), lang.X("receivables.credit.name", "Product"),
		lang.X("receivables.credit.invoiced", "Invoiced"), lang.X("receivables.credit.quantity", "To credit")}, creditLineRight...)
	form := widget.NewForm(
		widget.NewFormItem(lang.X("receivables.credit.qty", "Quantity to credit"), c.qtyBox),
		widget.NewFormItem(lang.X("receivables.credit.date", "Date"), c.date),
		widget.NewFormItem(lang.X("receivables.credit.reason", "Reason"), c.reason),
	)
	listBox := container.NewGridWrap(fyne.NewSize(600, 220), container.NewBorder(head, nil, nil, nil, c.lines))
	body := container.NewVBox(listBox, container.NewHBox(all), c.general, form, container.NewHBox(layout.NewSpacer(), cancel, c.okBtn))
	title := lang.X("receivables.credit.title", "Credit note for {{.Number}} ({{.Gross}})",
		map[string]any{"Number": inv.Number, "Gross": money(loc, inv.Totals.Gross)})
	c.dialog = xwidget.NewDialog(title, body, t.d.Window)
	t.credit = c
	c.dialog.Show()
	if len(inv.Lines) > 0 {
		c.lines.Select(0)
	}
}

func (c *creditDialog) updateLine(id widget.ListItemID, o fyne.CanvasObject) {
	l, loc, w := &c.inv.Lines[id], c.t.d.Locale, rowOf(o)
	w.set(id, strconv.Itoa(l.No), l.SKU, l.Name, loc.FormatDecimal(l.Quantity.Decimal(), l.Unit.Decimals())+" "+string(l.Unit), c.qty[id])
	if c.lineErr[id] != "" {
		w.mark(4, widget.DangerImportance)
		if c.qty[id] == "" {
			w.labels()[4].SetText("!")
		}
	}
}

// selectLine puts the line's quantity (and its problem) in the entry.
func (c *creditDialog) selectLine(id widget.ListItemID) {
	c.sel = -1 // filling the entry is not typing
	c.qtyBox.Entry.Enable()
	c.qtyBox.Entry.SetText(c.qty[id])
	c.sel = id
	c.qtyBox.SetProblem(c.lineErr[id])
	c.t.d.Window.Canvas().Focus(c.qtyBox.Focusable())
}

// request reads the dialog; problems it finds itself go where they belong.
func (c *creditDialog) request() (domain.CreditNoteRequest, bool) {
	ok := true
	r := domain.CreditNoteRequest{Invoice: c.inv.ID, Reason: c.reason.Text()}
	d, err := xwidget.ParseDate(c.date.Text())
	if err != nil {
		c.date.SetProblem(alert.FieldProblem(domain.FieldDate, err))
		ok = false
	}
	r.Date = d
	for i, text := range c.qty {
		if text == "" {
			continue
		}
		q, err := domain.ParseQuantity(text)
		if err != nil {
			c.lineErr[i] = alert.FieldProblem(domain.FieldQuantity, err)
			ok = false
			continue
		}
		r.Lines = append(r.Lines, domain.CreditLine{LineNo: c.inv.Lines[i].No, Quantity: q})
	}
	// An empty list would credit the whole invoice: make the user say so.
	if len(r.Lines) == 0 && ok {
		c.showGeneral(lang.X("receivables.credit.no_lines", "Type the quantity to credit on at least one line (or credit every line in full)."))
		ok = false
	}
	return r, ok
}

func (c *creditDialog) showGeneral(msg string) {
	c.general.SetText(msg)
	if msg == "" {
		c.general.Hide()
	} else {
		c.general.Show()
	}
}

// submit issues the note; the domain's problems show at their lines and fields.
func (c *creditDialog) submit() {
	if c.saving {
		return
	}
	c.lineErr = map[int]string{}
	c.date.SetProblem("")
	c.reason.SetProblem("")
	c.showGeneral("")
	r, ok := c.request()
	c.refreshProblems()
	if !ok {
		return
	}
	c.saving = true
	c.okBtn.Disable()
	c.t.d.Run(func() {
		note, err := c.t.d.Invoices.IssueCreditNote(context.Background(), r)
		fyne.Do(func() { c.issued(note, err) })
	})
}

func (c *creditDialog) issued(note *domain.Invoice, err error) {
	c.saving = false
	c.okBtn.Enable()
	if err != nil {
		e, ok := domain.AsError(err)
		if !ok || len(e.Fields) == 0 {
			alert.Error(c.t.d.Window, err)
			return
		}
		var general []string
		for _, fe := range e.Fields {
			msg := alert.Field(fe)
			switch i, field, isLine := domain.ParseLineField(fe.Field); {
			case isLine && field == domain.FieldQuantity && i < len(c.qty):
				c.lineErr[i] = msg
			case fe.Field == domain.FieldCreditDate:
				c.date.SetProblem(msg)
			case fe.Field == domain.FieldCreditReason:
				c.reason.SetProblem(msg)
			default:
				general = append(general, msg)
			}
		}
		c.showGeneral(strings.Join(general, "\n"))
		c.refreshProblems()
		return
	}
	c.dialog.Hide()
	c.t.changed(lang.X("receivables.credit.issued", "Credit note {{.Number}} issued for {{.Gross}}.",
		map[string]any{"Number": note.Number, "Gross": money(c.t.d.Locale, -note.Totals.Gross)}))
}

// refreshProblems shows the line problems: marked in the list, the first
// one selected with its message under the quantity.
func (c *creditDialog) refreshProblems() {
	c.lines.Refresh()
	first := -1
	for i := range c.qty {
		if c.lineErr[i] != "" {
			first = i
			break
		}
	}
	if first >= 0 {
		c.lines.Select(first)
		c.qtyBox.SetProblem(c.lineErr[first])
	} else {
		c.qtyBox.SetProblem("")
	}
}
