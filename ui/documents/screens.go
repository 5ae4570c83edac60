package documents

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/xwidget"
)

// Screens are the Quotes and Orders sections. They know each other: a quote
// made into an order opens in Orders.
type Screens struct {
	d      Deps
	quotes *quoteScreen
	orders *orderScreen
	tabs   map[domain.DocumentKind]*AccountTab // the open account's tabs
}

// New builds both sections and starts loading their lists.
func New(d Deps) *Screens {
	d.defaults()
	s := &Screens{d: d, tabs: map[domain.DocumentKind]*AccountTab{}}
	s.quotes = newQuoteScreen(s)
	s.orders = newOrderScreen(s)
	return s
}

// QuotesContent and OrdersContent are the sections' top objects.
func (s *Screens) QuotesContent() fyne.CanvasObject { return s.quotes.root }

// OrdersContent is the Orders section's top object.
func (s *Screens) OrdersContent() fyne.CanvasObject { return s.orders.root }

// saved refreshes the lists after a document was saved or changed status.
func (s *Screens) saved() {
	s.quotes.list.refresh()
	s.orders.list.refresh()
	for _, t := range s.tabs {
		t.Reload()
	}
	s.d.Changed()
}

// RemoteChanged is the file changed by someone else (a team sync round
// wrote their documents into it): the lists and the open account's
// document tabs read again, keeping their filters, and an open document
// changed elsewhere opens again (docScreen.remoteChanged).
func (s *Screens) RemoteChanged() {
	s.quotes.list.refresh()
	s.orders.list.refresh()
	for _, t := range s.tabs {
		t.Reload()
	}
	s.quotes.remoteChanged(func(ctx context.Context, id int64) (int64, error) {
		q, err := s.d.Quotes.FindQuoteByID(ctx, domain.QuoteID(id))
		if err != nil {
			return 0, err
		}
		return q.Version, nil
	}, func(id int64) { s.quotes.open(domain.QuoteID(id)) })
	s.orders.remoteChanged(func(ctx context.Context, id int64) (int64, error) {
		o, err := s.d.Orders.FindOrderByID(ctx, domain.OrderID(id))
		if err != nil {
			return 0, err
		}
		return o.Version, nil
	}, func(id int64) { s.orders.open(domain.OrderID(id)) })
}

// OpenQuote shows a quote in the Quotes section.
func (s *Screens) OpenQuote(id domain.QuoteID) {
	s.d.Show(domain.KindQuote)
	s.quotes.confirmLeave(func() { s.quotes.open(id) })
}

// OpenOrder shows an order in the Orders section.
func (s *Screens) OpenOrder(id domain.OrderID) {
	s.d.Show(domain.KindOrder)
	s.orders.confirmLeave(func() { s.orders.open(id) })
}

// NewQuote asks for the account and opens a new quote for it (Ctrl+N).
func (s *Screens) NewQuote() {
	s.quotes.confirmLeave(func() {
		pickAccount(&s.d, lang.X("documents.quote.new_for", "New quote for which account?"), s.NewQuoteFor)
	})
}

// NewOrder asks for the account and opens a new order for it.
func (s *Screens) NewOrder() {
	s.orders.confirmLeave(func() {
		pickAccount(&s.d, lang.X("documents.order.new_for", "New order for which account?"), s.NewOrderFor)
	})
}

// NewQuoteFor opens a new quote for an account.
func (s *Screens) NewQuoteFor(id domain.AccountID) {
	s.d.Show(domain.KindQuote)
	s.quotes.confirmLeave(func() { s.quotes.newQuote(id) })
}

// NewOrderFor opens a new order for an account.
func (s *Screens) NewOrderFor(id domain.AccountID) {
	s.d.Show(domain.KindOrder)
	s.orders.confirmLeave(func() { s.orders.newOrder(id) })
}

// SaveQuote and SaveOrder save the open document (Ctrl+S).
func (s *Screens) SaveQuote() { s.quotes.saveOpen() }

// SaveOrder saves the open order (Ctrl+S).
func (s *Screens) SaveOrder() { s.orders.saveOpen() }

// FilterQuotes shows the Quotes list of one status ("" for all; expired
// too) and owner ("" for all), the others filters cleared: the dashboard's
// pipeline leads here.
func (s *Screens) FilterQuotes(status domain.QuoteStatus, owner string) {
	s.d.Show(domain.KindQuote)
	s.quotes.confirmLeave(func() {
		x := s.quotes
		if x.ed != nil {
			x.ed = nil
			x.loads.Drop()
			x.root.Objects = []fyne.CanvasObject{x.listPane}
			x.root.Refresh()
		}
		l := x.list
		l.filling = true
		l.status.SetSelectedIndex(0)
		for i, st := range append(append([]domain.QuoteStatus(nil), domain.QuoteStatuses...), domain.QuoteExpired) {
			if st == status {
				l.status.SetSelectedIndex(i + 1)
			}
		}
		l.account.Entry.SetText("")
		l.owner.SetText(owner)
		l.from.Entry.SetText("")
		l.to.Entry.SetText("")
		l.filling = false
		l.reload()
	})
}

// FocusQuotes and FocusOrders put the keyboard in the list's account filter (Ctrl+F).
func (s *Screens) FocusQuotes() { s.d.Window.Canvas().Focus(s.quotes.list.account.Focusable()) }

// FocusOrders puts the keyboard in the orders list's account filter.
func (s *Screens) FocusOrders() { s.d.Window.Canvas().Focus(s.orders.list.account.Focusable()) }

// PasteLines opens the paste dialog of the open document.
func (s *Screens) PasteLines(kind domain.DocumentKind) {
	if l := s.linesOf(kind); l != nil {
		l.openPaste()
	}
}

func (s *Screens) linesOf(kind domain.DocumentKind) *lineEditor {
	if kind == domain.KindQuote {
		if q, ok := s.quotes.ed.(*quoteEditor); ok {
			return q.lines
		}
		return nil
	}
	if o, ok := s.orders.ed.(*orderEditor); ok {
		return o.lines
	}
	return nil
}

// ConfirmLeave runs then once unsaved changes in either section are settled.
func (s *Screens) ConfirmLeave(then func()) {
	s.quotes.confirmLeave(func() { s.orders.confirmLeave(then) })
}

// editor is an open document.
type editor interface {
	view() fyne.CanvasObject
	unsaved() bool
	save(then func())
	// loaded is the document's id and version as the editor read or last
	// saved it; ok is false for one never saved.
	loaded() (id, version int64, ok bool)
	// warn shows msg where the editor says whether it is saved.
	warn(msg string)
}

func (e *quoteEditor) view() fyne.CanvasObject { return e.content }
func (e *quoteEditor) unsaved() bool           { return e.dirty && !e.readOnly }

func (e *quoteEditor) loaded() (id, version int64, ok bool) {
	if e.q == nil {
		return 0, 0, false
	}
	return int64(e.q.ID), e.q.Version, true
}

func (e *quoteEditor) warn(msg string) { e.setState(msg, widget.WarningImportance) }

// docScreen is a list beside the open document.
type docScreen struct {
	s        *Screens
	list     *docList
	ed       editor
	root     *fyne.Container
	listPane fyne.CanvasObject
	loads    xwidget.Latest    // drops a slow open when another document was opened since
	question *xwidget.Question // the last question asked, for tests
}

func (x *docScreen) init(newBtn *widget.Button) {
	x.loads = xwidget.Latest{Run: x.s.d.Run, Window: x.s.d.Window}
	x.listPane = container.NewBorder(container.NewHBox(newBtn), nil, nil, nil, x.list.content)
	x.root = container.NewStack(x.listPane)
	x.list.reload()
}

// show puts an editor in place of the list: a document's lines need the
// whole width (price, source, net value and last price side by side). Its
// close button brings the list back as it was.
func (x *docScreen) show(ed editor) {
	x.ed = ed
	x.root.Objects = []fyne.CanvasObject{ed.view()}
	x.root.Refresh()
}

// close shows the list alone, asking first about unsaved changes.
func (x *docScreen) close() { x.confirmLeave(x.closeNow) }

func (x *docScreen) closeNow() {
	x.ed = nil
	x.loads.Drop()
	x.root.Objects = []fyne.CanvasObject{x.listPane}
	x.root.Refresh()
}

// remoteChanged reads the open document's version again after a sync round
// wrote others' changes into the file: a document changed elsewhere opens
// again as it now stands, one gone closes — or, while it has unsaved
// changes, the editor says so and keeps them (saving is then refused as for
// any document changed elsewhere).
func (x *docScreen) remoteChanged(version func(ctx context.Context, id int64) (int64, error), reopen func(id int64)) {
	ed := x.ed
	if ed == nil {
		return
	}
	id, was, ok := ed.loaded()
	if !ok {
		return
	}
	x.s.d.Run(func() {
		now, err := version(context.Background(), id)
		fyne.Do(func() {
			if x.ed != ed {
				return // closed or another document opened meanwhile
			}
			xwidget.OpenRecord{Dirty: ed.unsaved, Warn: ed.warn, Close: x.closeNow, Reload: func() { reopen(id) }, What: "the document",
				Gone:  lang.X("documents.remote.gone", "This document has left your file (deleted or its account given to someone else on another computer): your changes cannot be saved."),
				Moved: lang.X("documents.remote.changed", "Someone changed this document on another computer meanwhile: your changes cannot be saved. Close it and open it again to see their version."),
			}.Settle(err, err == nil && now == was)
		})
	})
}

// confirmLeave runs then at once, or after the user chose to save or discard.
func (x *docScreen) confirmLeave(then func()) {
	if x.ed == nil || !x.ed.unsaved() {
		then()
		return
	}
	x.question = xwidget.Ask(x.s.d.Window, lang.X("documents.unsaved.title", "Unsaved changes"),
		lang.X("documents.unsaved.message", "The open document has changes that are not saved."),
		xwidget.Choice{Label: lang.X("documents.unsaved.keep", "Keep editing")},
		xwidget.Choice{Label: lang.X("documents.unsaved.discard", "Discard"), Importance: widget.DangerImportance, Action: then},
		xwidget.Choice{Label: lang.X("documents.unsaved.save", "Save"), Importance: widget.HighImportance,
			Action: func() { x.ed.save(then) }})
}

func (x *docScreen) saveOpen() {
	if x.ed != nil {
		x.ed.save(nil)
	}
}

// quoteScreen is the Quotes section.
type quoteScreen struct{ docScreen }

// quoteColumns: number, date, account, status, valid until, net, gross,
// owner; number and dates are never cut.
var quoteColumns = xwidget.Columns{Widths: []float32{120, 90, 200, 120, 90, 100, 100, 110}, Flex: 2, Whole: []int{0, 1, 4}}

func newQuoteScreen(s *Screens) *quoteScreen {
	x := &quoteScreen{docScreen{s: s}}
	var statuses []string
	all := append(append([]domain.QuoteStatus(nil), domain.QuoteStatuses...), domain.QuoteExpired)
	for _, st := range all {
		statuses = append(statuses, quoteStatusLabel(st))
	}
	titles := []string{lang.X("documents.column.number", "Number"), lang.X("documents.column.date", "Date"),
		lang.X("documents.column.account", "Account"), lang.X("documents.column.status", "Status"),
		lang.X("documents.column.valid_until", "Valid until"), lang.X("documents.column.net_total", "Net"),
		lang.X("documents.column.gross_total", "Gross"), lang.X("documents.column.owner", "Owner")}
	d := &s.d
	x.list = newDocList(d, statuses, quoteColumns, titles, []int{5, 6},
		func(ctx context.Context, q listQuery, offset, limit int) ([]listRow, int, error) {
			f := domain.QuoteFilter{DocumentFilter: q.filter, Today: d.Today()}
			f.Offset, f.Limit = offset, limit
			if q.status > 0 {
				f.Statuses = []domain.QuoteStatus{all[q.status-1]}
			}
			rows, total, err := d.Quotes.FindQuotes(ctx, f)
			out := make([]listRow, len(rows))
			for i, r := range rows {
				out[i] = quoteRow(d.Locale, &r)
			}
			return out, total, err
		}, func(r listRow) { x.confirmLeave(func() { x.open(r.quote) }) })
	if d.Totals != nil {
		x.list.total = func(ctx context.Context, q listQuery) (domain.DocumentTotal, error) {
			f := domain.QuoteFilter{DocumentFilter: q.filter, Today: d.Today()}
			if q.status > 0 {
				f.Statuses = []domain.QuoteStatus{all[q.status-1]}
			}
			return d.Totals.QuoteTotal(ctx, f)
		}
	}
	newBtn := widget.NewButtonWithIcon(lang.X("documents.quote.new_button", "New quote"), theme.ContentAddIcon(), s.NewQuote)
	newBtn.Importance = widget.HighImportance
	x.init(newBtn)
	return x
}

// quoteRow writes a quote list row.
func quoteRow(loc domain.Locale, r *domain.QuoteRow) listRow {
	number := r.Number
	if l := domain.RevisionLabel(r.Revision); l != "" {
		number += " " + l
	}
	return listRow{quote: r.ID, warn: r.Expired, texts: []string{number, loc.FormatDate(r.Date), r.AccountCode + " · " + r.AccountName,
		quoteStatusShown(r.Status, r.Expired), loc.FormatDate(r.ValidUntil), money(loc, r.Net, r.Currency),
		money(loc, r.Gross, r.Currency), r.Owner}}
}

// open reads a quote, its account, the account's people and its revisions,
// and shows them in one step.
func (x *quoteScreen) open(id domain.QuoteID) { x.load(id, 0) }

// openRevision shows an earlier revision, read only.
func (x *quoteScreen) openRevision(id domain.QuoteID, revision int) { x.load(id, revision) }

func (x *quoteScreen) load(id domain.QuoteID, revision int) {
	d := &x.s.d
	x.loads.Load(func() (func(), error) {
		ctx := context.Background()
		q, err := d.Quotes.FindQuoteByID(ctx, id)
		var old *domain.Quote
		if err == nil && revision != 0 && revision != q.Revision {
			old, err = d.Quotes.FindQuoteRevision(ctx, id, revision)
		}
		var acc *domain.Account
		var people []*domain.Contact
		var revs []domain.QuoteRevision
		if err == nil {
			acc, err = d.Accounts.FindAccountByID(ctx, q.AccountID)
		}
		if err == nil {
			people, err = d.Contacts.FindContacts(ctx, q.AccountID)
		}
		if err == nil {
			revs, err = d.Quotes.QuoteRevisions(ctx, id)
		}
		return func() {
			if old != nil {
				e := newQuoteEditor(x.s, acc, old, old.QuoteFields, people, revs, true)
				e.q, e.old = q, old // the current revision: "back" and the revision list work from it
				e.lines.setLines(old.Lines, old.Currency, true)
				e.title.SetText(q.Number + " " + domain.RevisionLabel(old.Revision))
				x.show(e)
				return
			}
			x.show(newQuoteEditor(x.s, acc, q, q.QuoteFields, people, revs, false))
		}, err
	})
}

// newQuote opens a new quote for an account: dated today, valid the days
// Settings say, with the account's terms and owner.
func (x *quoteScreen) newQuote(account domain.AccountID) {
	d := &x.s.d
	today := d.Today()
	x.loads.Load(func() (func(), error) {
		ctx := context.Background()
		acc, err := d.Accounts.FindAccountByID(ctx, account)
		var people []*domain.Contact
		var set *domain.DocumentSettings
		if err == nil {
			people, err = d.Contacts.FindContacts(ctx, account)
		}
		if err == nil {
			set, err = d.Settings.FindDocumentSettings(ctx)
		}
		return func() {
			f := domain.NewQuoteFields(acc, today, set.QuoteValidDays)
			if f.Owner == "" {
				f.Owner = d.User()
			}
			e := newQuoteEditor(x.s, acc, nil, f, people, nil, false)
			x.show(e)
			d.Window.Canvas().Focus(e.lines.sku.Focusable())
		}, err
	})
}
