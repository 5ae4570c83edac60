package documents

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/prices"
	"kontor/ui/xwidget"
)

// fieldLabel is the label of a document's header field.
func fieldLabel(name string) string {
	switch name {
	case domain.FieldAccountCode:
		return lang.X("documents.field.account", "Account")
	case domain.FieldContact:
		return lang.X("documents.field.contact", "Contact")
	case domain.FieldDate:
		return lang.X("documents.field.date", "Quote date")
	case domain.FieldValidUntil:
		return lang.X("documents.field.valid_until", "Valid until")
	case domain.FieldDeliveryTerms:
		return lang.X("documents.field.delivery_terms", "Delivery terms")
	case domain.FieldOrderDate:
		return lang.X("documents.field.order_date", "Order date")
	case domain.FieldRequestedDelivery:
		return lang.X("documents.field.requested_delivery", "Requested delivery")
	case domain.FieldDeliveryAddress:
		return lang.X("documents.field.delivery_address", "Delivery address")
	case domain.FieldCustomerPO:
		return lang.X("documents.field.customer_po", "Customer PO")
	case fieldDeliveryPostal:
		return lang.X("documents.field.delivery_postal", "Postal code")
	case fieldDeliveryCity:
		return lang.X("documents.field.delivery_city", "City")
	case fieldDeliveryCountry:
		return lang.X("documents.field.delivery_country", "Country")
	case "address_choice":
		return ""
	case domain.FieldLines:
		return lang.X("documents.field.lines", "Lines")
	}
	return alert.FieldLabel(name)
}

// header is a document's header form: one field per name, with its problem
// under it, and whether the program is filling them (not the user typing).
type header struct {
	fields  map[string]*xwidget.Field
	filling bool
	changed func()
	after   map[string]func() // runs after the user changed a field
}

func newHeader(changed func(), names ...string) *header {
	h := &header{fields: map[string]*xwidget.Field{}, changed: changed, after: map[string]func(){}}
	for _, n := range names {
		var f *xwidget.Field
		if n == domain.FieldNotes {
			f = xwidget.NewNotesField(1)
		} else {
			f = xwidget.NewEntryField()
		}
		name := n
		f.Entry.OnChanged = func(string) {
			if !h.filling {
				h.fields[name].SetProblem("")
				h.changed()
				if f := h.after[name]; f != nil {
					f()
				}
			}
		}
		h.fields[n] = f
	}
	return h
}

// datePickers puts a calendar at the end of the named date fields.
func (h *header) datePickers(d *Deps, names ...string) {
	for _, n := range names {
		if f := h.fields[n]; f != nil {
			xwidget.DatePicker(f.Entry, d.Locale, false, d.Today)
		}
	}
}

// set writes a text into a field without counting it as a change.
func (h *header) set(name, text string) {
	h.filling = true
	h.fields[name].Entry.SetText(text)
	h.filling = false
}

func (h *header) text(name string) string { return strings.TrimSpace(h.fields[name].Text()) }

// date reads a date field; a problem shows under it. Blank is the zero date.
func (h *header) date(name string, ok *bool) domain.Date {
	t := h.text(name)
	if t == "" {
		return domain.Date{}
	}
	d, err := xwidget.ParseDate(t)
	if err != nil {
		*ok = false
		h.fields[name].SetProblem(alert.FieldProblem(name, err))
	}
	return d
}

// terms reads the payment terms field.
func (h *header) terms(ok *bool) domain.PaymentTerms {
	t, err := xwidget.ParseTerms(h.text(domain.FieldPaymentTerms))
	if err != nil {
		*ok = false
		h.fields[domain.FieldPaymentTerms].SetProblem(alert.FieldProblem(domain.FieldPaymentTerms, err))
	}
	return t
}

// setEnabled enables or disables every field.
func (h *header) setEnabled(on bool) {
	for _, f := range h.fields {
		if on {
			f.Entry.Enable()
		} else {
			f.Entry.Disable()
		}
	}
}

// form lays out the named fields in two columns of label and entry.
func (h *header) form(extra map[string]fyne.CanvasObject, names ...string) fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, n := range names {
		var obj fyne.CanvasObject
		if f, ok := h.fields[n]; ok {
			obj = f
		} else {
			obj = extra[n]
		}
		l := widget.NewLabelWithStyle(fieldLabel(n), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		cells = append(cells, container.New(layout.NewFormLayout(), l, obj))
	}
	return container.NewGridWithColumns(3, cells...)
}

// showProblems puts the field problems of err next to their fields and the
// lines' under the lines, and reports whether err was shown that way.
func (h *header) showProblems(err error, lines *lineEditor) bool {
	e, ok := domain.AsError(err)
	if !ok || e.Code != domain.EInvalid || len(e.Fields) == 0 {
		return false
	}
	shown := false
	lineProblems := map[int]string{}
	for _, f := range e.Fields {
		if i, _, ok := domain.ParseLineField(f.Field); ok {
			if _, dup := lineProblems[i]; !dup {
				lineProblems[i] = alert.Field(f)
			}
			shown = true
			continue
		}
		name := f.Field
		if name == domain.FieldDate || name == domain.FieldOrderDate {
			if _, ok := h.fields[name]; !ok {
				name = domain.FieldDate
			}
		}
		if fld, ok := h.fields[name]; ok {
			fld.SetProblem(alert.Field(f))
			shown = true
		}
	}
	if len(lineProblems) > 0 {
		lines.setProblems(lineProblems)
		lines.setStatus(lang.XN("documents.lines_invalid", "{{.Count}} lines need correction; they are marked ⚠.", len(lineProblems),
			map[string]any{"Count": len(lineProblems)}), widget.DangerImportance)
	}
	return shown
}

// contactChoice is the contact drop-down of a document.
type contactChoice struct {
	sel    *widget.Select
	people []*domain.Contact
	none   string
}

func newContactChoice(changed func()) *contactChoice {
	c := &contactChoice{none: lang.X("documents.contact.none", "(none)")}
	c.sel = widget.NewSelect(nil, func(string) { changed() })
	return c
}

// fill offers people and selects id without counting it as a change.
func (c *contactChoice) fill(people []*domain.Contact, id domain.ContactID) {
	c.people = people
	opts := []string{c.none}
	selected := c.none
	for _, p := range people {
		name := contactName(p)
		opts = append(opts, name)
		if p.ID == id {
			selected = name
		}
	}
	on := c.sel.OnChanged
	c.sel.OnChanged = nil
	c.sel.SetOptions(opts)
	c.sel.SetSelected(selected)
	c.sel.OnChanged = on
}

func contactName(p *domain.Contact) string { return strings.TrimSpace(p.FirstName + " " + p.LastName) }

// id is the contact chosen, 0 for none.
func (c *contactChoice) id() domain.ContactID {
	i := c.sel.SelectedIndex()
	if i <= 0 || i > len(c.people) {
		return 0
	}
	return c.people[i-1].ID
}

// accountPicker finds an account by code, name or city as the user types;
// Enter or a tap chooses it.
type accountPicker struct {
	d      *Deps
	search *xwidget.SearchEntry
	list   *widget.List
	hits   []domain.AccountRow
	sel    int
	gen    int
	dialog *xwidget.Dialog
	chosen func(domain.AccountID)
}

var accountPickerColumns = xwidget.Columns{Widths: []float32{90, 260, 140}, Flex: 1}

func pickAccount(d *Deps, title string, chosen func(domain.AccountID)) *accountPicker {
	p := &accountPicker{d: d, chosen: chosen, sel: -1}
	p.search = xwidget.NewSearchEntry()
	p.search.SetPlaceHolder(lang.X("documents.account_picker.placeholder", "Type a code, name or city"))
	p.search.OnChanged = func(string) { p.query() }
	p.search.OnSubmitted = func(string) { p.choose(max(p.sel, 0)) }
	p.search.OnMove = func(delta int) {
		if len(p.hits) > 0 {
			p.sel = min(max(p.sel+delta, 0), len(p.hits)-1)
			p.list.Select(p.sel)
		}
	}
	p.list = widget.NewList(func() int { return len(p.hits) }, func() fyne.CanvasObject { return accountPickerColumns.Row() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			h := p.hits[i]
			xwidget.SetRow(o, h.Code, h.Name, h.City)
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if p.sel != i {
			p.choose(i)
		}
	}
	p.dialog = xwidget.NewDismissDialog(title, lang.X("documents.cancel", "Cancel"), container.NewBorder(p.search, nil, nil, nil, p.list), d.Window)
	p.dialog.Fit(fyne.NewSize(600, 420))
	p.dialog.Show()
	d.Window.Canvas().Focus(p.search)
	return p
}

func (p *accountPicker) query() {
	p.gen++
	gen, text := p.gen, strings.TrimSpace(p.search.Text)
	if text == "" {
		p.hits = nil
		p.list.Refresh()
		return
	}
	p.d.Run(func() {
		hits, err := p.d.Accounts.SearchAccounts(context.Background(), domain.SearchQuery{Text: text})
		fyne.Do(func() {
			if gen != p.gen || err != nil {
				return
			}
			p.hits = p.hits[:0]
			seen := map[domain.AccountID]bool{}
			for _, h := range hits { // a contact hit names its account once
				if !seen[h.AccountID] {
					seen[h.AccountID] = true
					p.hits = append(p.hits, h)
				}
			}
			p.sel = -1
			p.list.UnselectAll()
			p.list.Refresh()
		})
	})
}

func (p *accountPicker) choose(i int) {
	if i < 0 || i >= len(p.hits) {
		return
	}
	p.dialog.Hide()
	p.chosen(p.hits[i].AccountID)
}

// dateText writes a date for an entry.
func dateText(l domain.Locale, d domain.Date) string {
	if d.IsZero() {
		return ""
	}
	return prices.DateEntry(l, d)
}
