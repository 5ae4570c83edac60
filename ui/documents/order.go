package documents

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

// The delivery address's parts are fields of their own in the form; problems
// with the address as a whole show under the street.
const (
	fieldDeliveryPostal  = "delivery_postal"
	fieldDeliveryCity    = "delivery_city"
	fieldDeliveryCountry = "delivery_country"
)

var orderFields = []string{domain.FieldOrderDate, domain.FieldRequestedDelivery, domain.FieldCustomerPO, domain.FieldPaymentTerms,
	domain.FieldOwner, domain.FieldDeliveryAddress, fieldDeliveryPostal, fieldDeliveryCity, fieldDeliveryCountry, domain.FieldNotes}

// orderEditor is one order: its header, lines and lifecycle. A confirmed
// order's lines are locked; a delivered or cancelled one is read only.
type orderEditor struct {
	s      *Screens
	d      *Deps
	o      *domain.Order // as stored; nil until the first save
	acc    *domain.Account
	dirty  bool
	saving bool

	head    *header
	contact *contactChoice
	address *widget.Select // shipping or billing address of the account
	lines   *lineEditor

	title, subtitle, state                             *widget.Label
	titleBar                                           *fyne.Container // the number, the actions and close: SetTitle lays it out again
	saveBtn, confirmBtn, deliverBtn, cancelBtn, pdfBtn *widget.Button
	repeatBtn, quoteBtn                                *widget.Button
	content                                            fyne.CanvasObject
	prompt                                             *prompt         // the last question asked, for tests
	override                                           *overrideDialog // the last credit override asked, for tests
}

func newOrderEditor(s *Screens, acc *domain.Account, o *domain.Order, f domain.OrderFields, people []*domain.Contact) *orderEditor {
	e := &orderEditor{s: s, d: &s.d, o: o, acc: acc}
	e.head = newHeader(e.changed, orderFields...)
	e.head.datePickers(e.d, domain.FieldOrderDate, domain.FieldRequestedDelivery)
	e.contact = newContactChoice(e.changed)
	e.lines = newLineEditor(e.d, func() domain.AccountID { return e.acc.ID }, e.date, e.changed)
	e.lines.number = func() string {
		if e.o == nil {
			return ""
		}
		return e.o.Number
	}
	e.head.after[domain.FieldOrderDate] = e.lines.dateChanged
	e.build()
	e.fill(f, people)
	return e
}

func (e *orderEditor) build() {
	e.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.title.SizeName = theme.SizeNameSubHeadingText
	e.subtitle = widget.NewLabel("")
	e.subtitle.Truncation = fyne.TextTruncateEllipsis
	e.state = widget.NewLabel("")
	e.saveBtn = widget.NewButtonWithIcon(lang.X("documents.save", "Save"), theme.DocumentSaveIcon(), func() { e.save(nil) })
	e.saveBtn.Importance = widget.HighImportance
	e.confirmBtn = widget.NewButtonWithIcon(lang.X("documents.order.confirm", "Confirm"), theme.ConfirmIcon(), e.confirm)
	e.deliverBtn = widget.NewButtonWithIcon(lang.X("documents.order.deliver", "Delivered…"), theme.MailSendIcon(), e.deliver)
	e.cancelBtn = widget.NewButtonWithIcon(lang.X("documents.order.cancel", "Cancel order…"), theme.CancelIcon(), e.cancel)
	e.repeatBtn = widget.NewButtonWithIcon(lang.X("documents.order.repeat", "Repeat"), theme.ViewRefreshIcon(), e.repeat)
	e.pdfBtn = widget.NewButtonWithIcon(lang.X("ksef.invoice_pdf", "Invoice PDF"), theme.DocumentIcon(), func() {
		if e.o != nil && e.o.Invoice != 0 && e.d.InvoicePDF != nil {
			e.d.InvoicePDF(e.o.Invoice, e.o.InvoiceNumber)
		}
	})
	e.pdfBtn.Hide()
	e.quoteBtn = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() {
		if e.o != nil && e.o.QuoteID != 0 {
			e.s.OpenQuote(e.o.QuoteID)
		}
	})
	e.quoteBtn.Importance = widget.LowImportance
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { e.s.orders.close() })
	e.address = widget.NewSelect([]string{lang.X("documents.address.shipping", "Shipping address"),
		lang.X("documents.address.billing", "Billing address")}, e.chooseAddress)
	e.address.PlaceHolder = lang.X("documents.address.copy", "Copy from the account…")
	actions := xwidget.NewActionBar(e.saveBtn, e.confirmBtn, e.deliverBtn, e.pdfBtn, e.cancelBtn, e.repeatBtn, e.quoteBtn)
	head := e.head.form(map[string]fyne.CanvasObject{domain.FieldContact: e.contact.sel, "address_choice": e.address},
		domain.FieldContact, domain.FieldOrderDate, domain.FieldRequestedDelivery, domain.FieldCustomerPO,
		domain.FieldPaymentTerms, domain.FieldOwner, domain.FieldDeliveryAddress, fieldDeliveryPostal,
		fieldDeliveryCity, fieldDeliveryCountry, "address_choice", domain.FieldNotes)
	e.titleBar = xwidget.NewTitleBar(e.title, actions, closeBtn)
	top := container.NewVBox(
		e.titleBar,
		xwidget.NewPairLine(e.subtitle, e.state), widget.NewSeparator(), head, widget.NewSeparator(),
	)
	e.content = container.NewBorder(top, nil, nil, nil, e.lines.content)
}

func (e *orderEditor) view() fyne.CanvasObject { return e.content }
func (e *orderEditor) unsaved() bool           { return e.dirty }
func (e *orderEditor) warn(msg string)         { e.setState(msg, widget.WarningImportance) }

func (e *orderEditor) loaded() (id, version int64, ok bool) {
	if e.o == nil {
		return 0, 0, false
	}
	return int64(e.o.ID), e.o.Version, true
}

func (e *orderEditor) fill(f domain.OrderFields, people []*domain.Contact) {
	loc := e.d.Locale
	e.head.set(domain.FieldOrderDate, dateText(loc, f.Date))
	e.head.set(domain.FieldRequestedDelivery, dateText(loc, f.RequestedDelivery))
	e.head.set(domain.FieldCustomerPO, f.CustomerPO)
	e.head.set(domain.FieldPaymentTerms, xwidget.TermsText(f.PaymentTerms))
	e.head.set(domain.FieldOwner, f.Owner)
	e.head.set(domain.FieldNotes, f.Notes)
	e.setAddress(f.DeliveryAddress)
	e.contact.fill(people, f.ContactID)
	currency := domain.CatalogCurrency
	if e.o != nil && e.o.Currency != "" {
		currency = e.o.Currency
	}
	e.lines.setLines(f.Lines, currency, e.o != nil && e.o.Status.LinesLocked())
	e.dirty = false
	e.refresh()
}

func (e *orderEditor) setAddress(a domain.Address) {
	e.head.set(domain.FieldDeliveryAddress, a.Street)
	e.head.set(fieldDeliveryPostal, a.PostalCode)
	e.head.set(fieldDeliveryCity, a.City)
	e.head.set(fieldDeliveryCountry, a.Country)
}

// chooseAddress copies the account's shipping or billing address.
func (e *orderEditor) chooseAddress(string) {
	switch e.address.SelectedIndex() {
	case 0:
		e.setAddress(e.acc.ShippingAddress())
	case 1:
		e.setAddress(e.acc.BillingAddress())
	default:
		return
	}
	e.changed()
}

func (e *orderEditor) date() domain.Date {
	d, _ := xwidget.ParseDate(e.head.text(domain.FieldOrderDate))
	return d
}

func (e *orderEditor) changed() {
	if !e.dirty {
		e.dirty = true
		e.refresh()
	}
}

func (e *orderEditor) setState(text string, imp widget.Importance) {
	e.state.Importance = imp
	e.state.SetText(text)
	xwidget.Relayout(e.state) // the line shares its room anew
}

// refresh writes the title and enables what the order's status allows.
func (e *orderEditor) refresh() {
	loc := e.d.Locale
	account := e.acc.Code + " · " + e.acc.Name
	editable := e.o == nil || e.o.Status == domain.OrderDraft || e.o.Status == domain.OrderConfirmed
	if e.o == nil {
		xwidget.SetTitle(e.titleBar, lang.X("documents.order.new", "New order"))
		e.subtitle.SetText(account)
	} else {
		xwidget.SetTitle(e.titleBar, e.o.Number)
		sub := account + " · " + orderStatusLabel(e.o.Status)
		switch e.o.Status {
		case domain.OrderDelivered:
			sub += " " + loc.FormatDate(e.o.DeliveredOn)
		case domain.OrderCancelled:
			sub += ": " + e.o.CancelReason
		case domain.OrderConfirmed:
			sub += " · " + lang.X("documents.order.locked", "lines locked")
		}
		e.subtitle.SetText(sub)
	}
	xwidget.Relayout(e.subtitle)
	e.head.setEnabled(editable)
	if editable {
		e.contact.sel.Enable()
		e.address.Enable()
	} else {
		e.contact.sel.Disable()
		e.address.Disable()
	}
	stored := e.o != nil
	enable(e.saveBtn, editable && (e.dirty || !stored))
	enable(e.confirmBtn, stored && !e.dirty && e.o.Status == domain.OrderDraft)
	enable(e.deliverBtn, stored && !e.dirty && e.o.Status == domain.OrderConfirmed)
	enable(e.cancelBtn, stored && !e.dirty && e.o.Status.CanBecome(domain.OrderCancelled))
	enable(e.repeatBtn, stored && !e.dirty)
	if stored && e.o.Status == domain.OrderDelivered && e.o.Invoice != 0 && e.d.InvoicePDF != nil {
		e.pdfBtn.Show()
	} else {
		e.pdfBtn.Hide()
	}
	if stored && e.o.QuoteID != 0 {
		e.quoteBtn.SetText(lang.X("documents.order.from_quote", "From quote {{.Number}}", map[string]any{"Number": e.o.QuoteNumber}))
		e.quoteBtn.Show()
	} else {
		e.quoteBtn.Hide()
	}
}

// fields reads the form.
func (e *orderEditor) fields() (domain.OrderFields, bool) {
	ok := true
	f := domain.OrderFields{AccountID: e.acc.ID, AccountCode: e.acc.Code, ContactID: e.contact.id(),
		Date: e.head.date(domain.FieldOrderDate, &ok), RequestedDelivery: e.head.date(domain.FieldRequestedDelivery, &ok),
		DeliveryAddress: domain.Address{Street: e.head.text(domain.FieldDeliveryAddress), PostalCode: e.head.text(fieldDeliveryPostal),
			City: e.head.text(fieldDeliveryCity), Country: strings.ToUpper(e.head.text(fieldDeliveryCountry))},
		CustomerPO: e.head.text(domain.FieldCustomerPO), PaymentTerms: e.head.terms(&ok), Owner: e.head.text(domain.FieldOwner),
		Notes: e.head.text(domain.FieldNotes), Lines: e.lines.lines}
	return f, ok
}

// save checks the order and stores it; then runs after a save that worked.
func (e *orderEditor) save(then func()) {
	if e.saving {
		return
	}
	f, ok := e.fields()
	if !ok {
		return
	}
	if err := f.Validate(); err != nil {
		if !e.head.showProblems(err, e.lines) {
			alert.Error(e.d.Window, err)
		}
		return
	}
	e.saving = true
	e.saveBtn.Disable()
	f.Lines = append([]domain.DocumentLine(nil), f.Lines...)
	stored := e.o
	e.d.Run(func() {
		ctx := context.Background()
		var o *domain.Order
		var err error
		if stored == nil {
			o, err = e.d.Orders.CreateOrder(ctx, f)
		} else {
			o, err = e.d.Orders.UpdateOrder(ctx, stored.ID, domain.OrderUpdate{OrderFields: f, Version: stored.Version})
		}
		fyne.Do(func() {
			e.saving = false
			if err != nil {
				e.refresh()
				e.failed(err)
				return
			}
			e.stored(o, lang.X("documents.saved", "Saved."))
			if then != nil {
				then()
			}
		})
	})
}

// stored takes the order as the store returned it.
func (e *orderEditor) stored(o *domain.Order, msg string) {
	e.o = o
	e.dirty = false
	e.lines.problems = map[int]string{}
	e.lines.currency = o.Currency
	e.lines.setLocked(o.Status.LinesLocked())
	e.lines.list.Refresh()
	e.setState(msg, widget.SuccessImportance)
	e.refresh()
	e.s.saved()
}

// failed shows why a save or a step was refused; a conflict keeps every edit.
func (e *orderEditor) failed(err error) {
	if domain.ErrorCode(err) == domain.EConflict {
		e.setState(lang.X("documents.conflict", "Not saved: this document was changed in another window. Your edits are still here; close it and open it again to see the other changes."),
			widget.DangerImportance)
		alert.Error(e.d.Window, err)
		return
	}
	if !e.head.showProblems(err, e.lines) {
		alert.Error(e.d.Window, err)
	}
}

// step applies a lifecycle step to the stored order.
func (e *orderEditor) step(c domain.OrderStatusChange, problem func(error) string) {
	if e.o == nil || e.dirty {
		return
	}
	id := e.o.ID
	c.Version = e.o.Version
	e.d.Run(func() {
		o, err := e.d.Orders.SetOrderStatus(context.Background(), id, c)
		fyne.Do(func() {
			if err != nil {
				if problem != nil {
					if msg := problem(err); msg != "" {
						return
					}
				}
				e.failed(err)
				return
			}
			if e.prompt != nil {
				e.prompt.dialog.Hide()
			}
			e.stored(o, lang.X("documents.order.now", "The order is {{.Status}}.", map[string]any{"Status": orderStatusLabel(o.Status)}))
		})
	})
}

// deliver asks for the delivery date (today by default).
func (e *orderEditor) deliver() {
	loc := e.d.Locale
	e.prompt = askDate(e.d, lang.X("documents.order.deliver_title", "Delivered"), lang.X("documents.order.deliver_date", "Delivery date"),
		dateText(loc, e.d.Today()), lang.X("documents.order.deliver_ok", "Mark delivered"), lang.X("documents.cancel", "Cancel"),
		func(text string) string {
			on, err := xwidget.ParseDate(text)
			if err != nil {
				return alert.FieldProblem(domain.FieldDeliveredDate, err)
			}
			if on.IsZero() {
				return lang.X("order.delivered_date_required", "a delivered order needs its delivery date")
			}
			if on.Before(e.o.Date) {
				return alert.Message(domain.Errorf(domain.EInvalid, "order.delivered_before_date",
					"delivered {{.Delivered}} is before the order date {{.Date}}",
					map[string]any{"Delivered": loc.FormatDate(on), "Date": loc.FormatDate(e.o.Date)}))
			}
			e.step(domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: on}, nil)
			return ""
		})
}

// cancel asks for the reason.
func (e *orderEditor) cancel() {
	e.prompt = ask(e.d.Window, lang.X("documents.order.cancel_title", "Cancel the order"),
		lang.X("documents.order.cancel_reason", "Why is the order cancelled?"), "",
		lang.X("documents.order.cancel_ok", "Cancel the order"), lang.X("documents.order.keep", "Keep it"),
		func(text string) string {
			if strings.TrimSpace(text) == "" {
				return lang.X("order.cancel_reason_required", "cancelling an order needs a reason")
			}
			e.step(domain.OrderStatusChange{Status: domain.OrderCancelled, Reason: text}, nil)
			return ""
		})
}

// repeat opens, unsaved, a copy of the order dated today with prices
// re-resolved as of today; the lines whose price differs are marked.
func (e *orderEditor) repeat() {
	if e.o == nil {
		return
	}
	id, account, today := e.o.ID, e.acc.ID, e.d.Today()
	e.d.Run(func() {
		ctx := context.Background()
		f, changes, err := e.d.Orders.RepeatOrder(ctx, id, today)
		var acc *domain.Account
		var people []*domain.Contact
		if err == nil {
			acc, err = e.d.Accounts.FindAccountByID(ctx, account)
		}
		if err == nil {
			people, err = e.d.Contacts.FindContacts(ctx, account)
		}
		fyne.Do(func() {
			if err != nil {
				alert.Error(e.d.Window, err)
				return
			}
			ne := newOrderEditor(e.s, acc, nil, *f, people)
			ne.lines.markChanges(changes, true)
			ne.dirty = true
			ne.refresh()
			e.s.orders.show(ne)
		})
	})
}
