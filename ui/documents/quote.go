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

// quoteFields are the header fields of the quote builder, in tab order.
var quoteFields = []string{domain.FieldDate, domain.FieldValidUntil, domain.FieldPaymentTerms, domain.FieldDeliveryTerms,
	domain.FieldOwner, domain.FieldNotes}

// quoteEditor is the quote builder: the header, the lines and the lifecycle
// of one quote (a new one until its first save), or a read-only earlier
// revision.
type quoteEditor struct {
	s        *Screens
	d        *Deps
	q        *domain.Quote // as stored; nil until the first save
	old      *domain.Quote // the earlier revision shown read only, else nil
	acc      *domain.Account
	readOnly bool // an earlier revision
	dirty    bool
	saving   bool

	head    *header
	contact *contactChoice
	lines   *lineEditor

	title, subtitle, state                 *widget.Label
	titleBar                               *fyne.Container // the number, the actions and close: SetTitle lays it out again
	saveBtn, sendBtn, acceptBtn, rejectBtn *widget.Button
	convertBtn, dupBtn, currentBtn         *widget.Button
	exportBtns                             []*widget.Button
	revisions                              *widget.Select
	revs                                   []domain.QuoteRevision
	content                                fyne.CanvasObject
}

func newQuoteEditor(s *Screens, acc *domain.Account, q *domain.Quote, f domain.QuoteFields, people []*domain.Contact,
	revs []domain.QuoteRevision, readOnly bool) *quoteEditor {
	e := &quoteEditor{s: s, d: &s.d, q: q, acc: acc, readOnly: readOnly, revs: revs}
	e.head = newHeader(e.changed, quoteFields...)
	e.head.datePickers(e.d, domain.FieldDate, domain.FieldValidUntil)
	e.contact = newContactChoice(e.changed)
	e.lines = newLineEditor(e.d, func() domain.AccountID { return e.acc.ID }, e.date, e.changed)
	e.lines.number = func() string {
		if e.q == nil {
			return ""
		}
		return e.q.Number
	}
	e.head.after[domain.FieldDate] = e.lines.dateChanged
	e.build()
	e.fill(f, people)
	return e
}

func (e *quoteEditor) build() {
	e.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.title.SizeName = theme.SizeNameSubHeadingText
	e.subtitle = widget.NewLabel("")
	e.subtitle.Truncation = fyne.TextTruncateEllipsis
	e.state = widget.NewLabel("")
	e.saveBtn = widget.NewButtonWithIcon(lang.X("documents.save", "Save"), theme.DocumentSaveIcon(), func() { e.save(nil) })
	e.saveBtn.Importance = widget.HighImportance
	e.sendBtn = widget.NewButtonWithIcon(lang.X("documents.quote.send", "Mark sent"), theme.MailSendIcon(), func() { e.transition(domain.QuoteSent) })
	e.acceptBtn = widget.NewButtonWithIcon(lang.X("documents.quote.accept", "Accepted"), theme.ConfirmIcon(), func() { e.transition(domain.QuoteAccepted) })
	e.rejectBtn = widget.NewButtonWithIcon(lang.X("documents.quote.reject", "Rejected"), theme.CancelIcon(), func() { e.transition(domain.QuoteRejected) })
	e.convertBtn = widget.NewButtonWithIcon(lang.X("documents.quote.convert", "Make order"), theme.NavigateNextIcon(), e.convert)
	e.dupBtn = widget.NewButtonWithIcon(lang.X("documents.quote.duplicate", "Duplicate for…"), theme.ContentCopyIcon(), e.duplicate)
	e.currentBtn = widget.NewButtonWithIcon(lang.X("documents.quote.current", "Back to the current revision"), theme.NavigateBackIcon(), func() {
		e.s.quotes.open(e.q.ID)
	})
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { e.s.quotes.close() })
	actions := xwidget.NewActionBar(e.saveBtn, e.sendBtn, e.acceptBtn, e.rejectBtn, e.convertBtn, e.dupBtn, e.currentBtn)
	if e.d.Export != nil {
		for _, f := range []Format{FormatPDF, FormatXLSX, FormatCSV} {
			b := widget.NewButtonWithIcon(strings.ToUpper(string(f)), theme.DownloadIcon(), func() { e.export(f) })
			e.exportBtns = append(e.exportBtns, b)
			actions.Add(b)
		}
	}
	e.revisions = widget.NewSelect(nil, e.chooseRevision)
	e.revisions.PlaceHolder = lang.X("documents.quote.revisions", "Revisions")
	head := e.head.form(map[string]fyne.CanvasObject{domain.FieldContact: e.contact.sel},
		domain.FieldDate, domain.FieldValidUntil, domain.FieldContact, domain.FieldPaymentTerms, domain.FieldDeliveryTerms,
		domain.FieldOwner, domain.FieldNotes)
	// The number, what can be done and the way back to the list in one line;
	// the account and status with the last message in the next; the buttons
	// that do not fit a narrow window wait in the bar's menu.
	e.titleBar = xwidget.NewTitleBar(e.title, actions, e.revisions, closeBtn)
	top := container.NewVBox(
		e.titleBar,
		xwidget.NewPairLine(e.subtitle, e.state), widget.NewSeparator(), head, widget.NewSeparator(),
	)
	e.content = container.NewBorder(top, nil, nil, nil, e.lines.content)
}

// fill shows a quote's fields.
func (e *quoteEditor) fill(f domain.QuoteFields, people []*domain.Contact) {
	loc := e.d.Locale
	e.head.set(domain.FieldDate, dateText(loc, f.Date))
	e.head.set(domain.FieldValidUntil, dateText(loc, f.ValidUntil))
	e.head.set(domain.FieldPaymentTerms, xwidget.TermsText(f.PaymentTerms))
	e.head.set(domain.FieldDeliveryTerms, f.DeliveryTerms)
	e.head.set(domain.FieldOwner, f.Owner)
	e.head.set(domain.FieldNotes, f.Notes)
	e.contact.fill(people, f.ContactID)
	currency := domain.CatalogCurrency
	if e.q != nil && e.q.Currency != "" {
		currency = e.q.Currency
	}
	e.lines.setLines(f.Lines, currency, e.readOnly || e.q != nil && !e.q.Status.Open())
	e.dirty = false
	e.refresh()
}

// date is the quote's date as typed (zero while it does not parse).
func (e *quoteEditor) date() domain.Date {
	d, _ := xwidget.ParseDate(e.head.text(domain.FieldDate))
	return d
}

func (e *quoteEditor) changed() {
	if !e.dirty {
		e.dirty = true
		e.refresh()
	}
}

// refresh writes the title and enables what the quote's status allows.
func (e *quoteEditor) refresh() {
	loc := e.d.Locale
	today := e.d.Today()
	account := e.acc.Code + " · " + e.acc.Name
	if e.q == nil {
		xwidget.SetTitle(e.titleBar, lang.X("documents.quote.new", "New quote"))
		e.subtitle.SetText(account)
	} else {
		title := e.q.Number
		if r := e.q.RevisionLabel(); r != "" {
			title += " " + r
		}
		xwidget.SetTitle(e.titleBar, title)
		status := quoteStatusShown(e.q.Status, e.q.Expired(today))
		sub := account + " · " + status
		if e.q.OrderID != 0 {
			sub += " · " + lang.X("documents.quote.converted", "made into an order")
		}
		if e.readOnly {
			sub += " · " + lang.X("documents.quote.read_only", "an earlier revision, read only")
		}
		e.subtitle.SetText(sub)
	}
	xwidget.Relayout(e.subtitle)
	open := e.q == nil || e.q.Status.Open()
	editable := !e.readOnly && open
	e.head.setEnabled(editable)
	if editable {
		e.contact.sel.Enable()
	} else {
		e.contact.sel.Disable()
	}
	stored := e.q != nil && !e.readOnly
	enable(e.saveBtn, editable && (e.dirty || e.q == nil))
	enable(e.sendBtn, stored && !e.dirty && e.q.Status == domain.QuoteDraft)
	enable(e.acceptBtn, stored && !e.dirty && e.q.Status == domain.QuoteSent)
	enable(e.rejectBtn, stored && !e.dirty && e.q.Status == domain.QuoteSent)
	enable(e.convertBtn, stored && !e.dirty && e.q.Status == domain.QuoteAccepted && e.q.OrderID == 0)
	enable(e.dupBtn, e.q != nil && !e.dirty)
	for _, b := range e.exportBtns {
		enable(b, e.q != nil && !e.dirty)
	}
	if e.readOnly {
		e.currentBtn.Show()
	} else {
		e.currentBtn.Hide()
	}
	if e.q != nil && e.q.Status == domain.QuoteSent && e.dirty && !e.readOnly {
		e.setState(lang.X("documents.quote.new_revision", "This quote was sent: saving makes revision R{{.Next}} and keeps the sent one readable.",
			map[string]any{"Next": e.q.Revision + 1}), widget.WarningImportance)
	}
	e.fillRevisions(loc)
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func (e *quoteEditor) setState(text string, imp widget.Importance) {
	e.state.Importance = imp
	e.state.SetText(text)
	xwidget.Relayout(e.state) // the line shares its room anew
}

// fields reads the form; ok is false when a field does not parse (its
// problem shows under it).
func (e *quoteEditor) fields() (domain.QuoteFields, bool) {
	ok := true
	f := domain.QuoteFields{AccountID: e.acc.ID, AccountCode: e.acc.Code, ContactID: e.contact.id(),
		Date: e.head.date(domain.FieldDate, &ok), ValidUntil: e.head.date(domain.FieldValidUntil, &ok),
		PaymentTerms: e.head.terms(&ok), DeliveryTerms: e.head.text(domain.FieldDeliveryTerms),
		Owner: e.head.text(domain.FieldOwner), Notes: e.head.text(domain.FieldNotes), Lines: e.lines.lines}
	return f, ok
}

// save checks the quote and stores it; then runs after a save that worked.
func (e *quoteEditor) save(then func()) {
	if e.readOnly || e.saving {
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
	stored := e.q
	e.d.Run(func() {
		ctx := context.Background()
		var q *domain.Quote
		var err error
		if stored == nil {
			q, err = e.d.Quotes.CreateQuote(ctx, f)
		} else {
			q, err = e.d.Quotes.UpdateQuote(ctx, stored.ID, domain.QuoteUpdate{QuoteFields: f, Version: stored.Version})
		}
		var revs []domain.QuoteRevision
		if err == nil {
			revs, _ = e.d.Quotes.QuoteRevisions(ctx, q.ID) // the list of revisions is a convenience
		}
		fyne.Do(func() {
			e.saving = false
			if err != nil {
				e.refresh()
				e.saveFailed(err)
				return
			}
			e.q, e.revs = q, revs
			e.lines.problems = map[int]string{}
			e.dirty = false
			e.lines.currency = q.Currency
			e.lines.setLocked(!q.Status.Open())
			e.lines.list.Refresh()
			e.setState(lang.X("documents.saved", "Saved."), widget.SuccessImportance)
			e.refresh()
			e.s.saved()
			if then != nil {
				then()
			}
		})
	})
}

// saveFailed shows why a save was refused; a conflict keeps every edit.
func (e *quoteEditor) saveFailed(err error) {
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

// transition moves the stored quote along its lifecycle.
func (e *quoteEditor) transition(t domain.QuoteStatus) {
	if e.q == nil || e.dirty {
		return
	}
	id, version := e.q.ID, e.q.Version
	e.d.Run(func() {
		q, err := e.d.Quotes.SetQuoteStatus(context.Background(), id, version, t)
		fyne.Do(func() {
			if err != nil {
				e.saveFailed(err)
				return
			}
			e.q = q
			e.lines.setLocked(!q.Status.Open())
			e.head.setEnabled(q.Status.Open())
			e.setState(lang.X("documents.quote.now", "The quote is {{.Status}}.", map[string]any{"Status": quoteStatusLabel(q.Status)}),
				widget.SuccessImportance)
			e.refresh()
			e.s.saved()
		})
	})
}

// convert makes the accepted quote an order and opens it.
func (e *quoteEditor) convert() {
	if e.q == nil {
		return
	}
	id, version := e.q.ID, e.q.Version
	e.d.Run(func() {
		o, err := e.d.Quotes.ConvertQuote(context.Background(), id, version)
		fyne.Do(func() {
			if err != nil {
				e.saveFailed(err)
				return
			}
			e.s.saved()
			e.s.OpenOrder(o.ID)
		})
	})
}

// duplicate asks for another account and opens, unsaved, a copy of the
// quote for it with every price resolved for that account.
func (e *quoteEditor) duplicate() {
	if e.q == nil {
		return
	}
	id := e.q.ID
	pickAccount(e.d, lang.X("documents.quote.duplicate_for", "Duplicate the quote for which account?"), func(account domain.AccountID) {
		on := e.d.Today()
		e.d.Run(func() {
			ctx := context.Background()
			f, changes, err := e.d.Quotes.DuplicateQuote(ctx, id, account, on)
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
				if f.Owner == "" {
					f.Owner = e.d.User()
				}
				ne := newQuoteEditor(e.s, acc, nil, *f, people, nil, false)
				ne.lines.markChanges(changes, true)
				ne.dirty = true
				ne.refresh()
				e.s.quotes.show(ne)
			})
		})
	})
}

// fillRevisions offers the quote's revisions.
func (e *quoteEditor) fillRevisions(loc domain.Locale) {
	if len(e.revs) < 2 {
		e.revisions.Hide()
		return
	}
	var opts []string
	for i, r := range e.revs {
		label := "R" + stringsOf(r.Revision) + " · " + quoteStatusLabel(r.Status) + " · " + money(loc, r.Gross, domain.CatalogCurrency)
		if i == 0 {
			label += " " + lang.X("documents.quote.revision_current", "(current)")
		}
		opts = append(opts, label)
	}
	on := e.revisions.OnChanged
	e.revisions.OnChanged = nil
	e.revisions.SetOptions(opts)
	e.revisions.ClearSelected()
	e.revisions.OnChanged = on
	e.revisions.Show()
}

// chooseRevision opens an earlier revision read only.
func (e *quoteEditor) chooseRevision(string) {
	i := e.revisions.SelectedIndex()
	if i < 0 || i >= len(e.revs) || e.q == nil {
		return
	}
	if i == 0 {
		e.s.quotes.open(e.q.ID)
		return
	}
	e.s.quotes.openRevision(e.q.ID, e.revs[i].Revision)
}

// export writes the saved quote as PDF, XLSX or CSV where the user says.
func (e *quoteEditor) export(f Format) {
	if e.q == nil || e.d.Export == nil {
		return
	}
	q := e.q
	if e.old != nil {
		q = e.old // exported as it was
	}
	name := strings.NewReplacer("/", "-", " ", "-").Replace(q.Number)
	if r := q.RevisionLabel(); r != "" {
		name += "-" + r
	}
	e.d.SaveFile(name+"."+string(f), func(path string) {
		loc := e.d.Locale
		e.setState(lang.X("documents.export.running", "Writing {{.Path}}…", map[string]any{"Path": path}), widget.MediumImportance)
		e.d.Run(func() {
			err := e.d.Export(context.Background(), q, f, loc, path)
			fyne.Do(func() {
				if err != nil {
					e.setState("", widget.MediumImportance)
					alert.Error(e.d.Window, err)
					return
				}
				e.setState(lang.X("documents.export.done", "Saved to {{.Path}}", map[string]any{"Path": path}), widget.SuccessImportance)
			})
		})
	})
}
