package domaintest

import (
	"context"
	"slices"
	"strings"
	"sync"

	"kontor/domain"
)

// Documents is an in-memory QuoteService, OrderService and
// DocumentSettingsService over a Catalog (products, prices) and its Store
// (accounts, contacts). It follows the store's rules where a screen can tell
// the difference: numbers from the series, unknown accounts, contacts and SKUs
// refused on their field, a stale version is a conflict, editing a sent quote
// keeps the sent revision readable, a quote converts once and only when
// accepted, a confirmed order's lines are locked, duplicates and repeats
// re-resolve prices with the engine.
type Documents struct {
	mu       sync.Mutex
	cat      *Catalog
	settings domain.DocumentSettings
	quotes   map[domain.QuoteID]*quoteState
	orders   map[domain.OrderID]*domain.Order
	counters map[string]int64 // series prefix and year → last number
	nextID   int64
	ledger   *Ledger // set by NewLedger: invoices deliveries, checks credit on confirmation

	// Writes counts successful saves, so a test can assert nothing was saved.
	Writes int
}

// quoteState is a quote with its earlier revisions (index 0 is revision 1).
type quoteState struct {
	cur      *domain.Quote
	earlier  []*domain.Quote
	replaced []domain.QuoteRevision
}

var (
	_ domain.QuoteService            = (*Documents)(nil)
	_ domain.OrderService            = (*Documents)(nil)
	_ domain.DocumentSettingsService = (*Documents)(nil)
)

// NewDocuments returns an empty document store over cat.
func NewDocuments(cat *Catalog) *Documents {
	return &Documents{cat: cat, settings: domain.DefaultDocumentSettings(), quotes: map[domain.QuoteID]*quoteState{},
		orders: map[domain.OrderID]*domain.Order{}, counters: map[string]int64{}}
}

func (d *Documents) today() domain.Date { return domain.DateOf(d.cat.now()) }

func (d *Documents) number(s domain.NumberSeries, on domain.Date) string {
	key := s.Prefix
	if s.Yearly {
		key += "|" + on.String()[:4]
	}
	d.counters[key]++
	return s.Format(on.Year, d.counters[key])
}

// FindDocumentSettings returns the settings.
func (d *Documents) FindDocumentSettings(ctx context.Context) (*domain.DocumentSettings, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := d.settings
	return &s, ctxErr(ctx)
}

// SaveDocumentSettings validates and stores the settings.
func (d *Documents) SaveDocumentSettings(ctx context.Context, s domain.DocumentSettings) (*domain.DocumentSettings, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.settings = s
	d.Writes++
	return &s, ctxErr(ctx)
}

// docAccount is what preparing a document found out about its account.
type docAccount struct {
	acc     *domain.Account
	contact string
}

// prepare checks what needs the data: the account (by ID or code), the
// contact belongs to it, each SKU is known. It fills each line's product.
func (d *Documents) prepare(ctx context.Context, id *domain.AccountID, code *string, contact domain.ContactID, lines []domain.DocumentLine) (docAccount, error) {
	var out docAccount
	var err error
	if *id != 0 {
		out.acc, err = d.cat.accounts.FindAccountByID(ctx, *id)
	} else {
		out.acc, err = d.cat.accounts.FindAccountByCode(ctx, *code)
	}
	if err != nil {
		if domain.ErrorCode(err) == domain.ENotFound {
			return out, fieldError(domain.FieldAccountCode, "account.unknown", "no account with code {{.Value}}", "Value", *code)
		}
		return out, err
	}
	*id, *code = out.acc.ID, out.acc.Code
	if contact != 0 {
		c, err := d.cat.accounts.FindContactByID(ctx, contact)
		if err != nil || c.AccountID != out.acc.ID {
			return out, fieldError(domain.FieldContact, "document.contact_not_of_account", "the contact is not one of the account's people", "", "")
		}
		out.contact = strings.TrimSpace(c.FirstName + " " + c.LastName)
	}
	for i := range lines {
		p, err := d.cat.FindProductBySKU(ctx, lines[i].SKU)
		if err != nil {
			return out, fieldError(domain.LineField(i, domain.FieldSKU), "product.unknown_sku", "no product with SKU {{.SKU}}", "SKU", lines[i].SKU)
		}
		lines[i].ProductID, lines[i].SKU = p.ID, p.SKU
	}
	return out, nil
}

// fieldError is the store's refusal of one field (arg: the name of its one argument).
func fieldError(field, key, msg, arg, value string) error {
	var args map[string]any
	if arg != "" {
		args = map[string]any{arg: value}
	}
	e := domain.Errorf(domain.EInvalid, "quote.invalid", "the quote is not valid", nil)
	e.Fields = []domain.FieldError{{Field: field, Key: key, Msg: msg, Args: args}}
	return e
}

func conflict() error {
	return domain.Errorf(domain.EConflict, "record.changed",
		"it was changed elsewhere since you opened it; nothing was saved. Reopen it to see the changes, then edit again.", nil)
}

func copyQuote(q *domain.Quote) *domain.Quote {
	c := *q
	c.Lines = slices.Clone(q.Lines)
	return &c
}

func copyOrder(o *domain.Order) *domain.Order {
	c := *o
	c.Lines = slices.Clone(o.Lines)
	return &c
}

// FindQuoteByID returns the current revision.
func (d *Documents) FindQuoteByID(ctx context.Context, id domain.QuoteID) (*domain.Quote, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.quotes[id]
	if !ok {
		return nil, notFound()
	}
	return copyQuote(st.cur), ctxErr(ctx)
}

// FindQuoteRevision returns one revision.
func (d *Documents) FindQuoteRevision(ctx context.Context, id domain.QuoteID, revision int) (*domain.Quote, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.quotes[id]
	switch {
	case !ok:
		return nil, notFound()
	case revision == st.cur.Revision:
		return copyQuote(st.cur), nil
	case revision < 1 || revision > len(st.earlier):
		return nil, notFound()
	}
	return copyQuote(st.earlier[revision-1]), ctxErr(ctx)
}

// QuoteRevisions lists the revisions, newest first.
func (d *Documents) QuoteRevisions(ctx context.Context, id domain.QuoteID) ([]domain.QuoteRevision, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.quotes[id]
	if !ok {
		return nil, notFound()
	}
	t := st.cur.Totals()
	out := []domain.QuoteRevision{{Revision: st.cur.Revision, Status: st.cur.Status, Date: st.cur.Date, Net: t.Net,
		Gross: t.Gross, Lines: len(st.cur.Lines), SavedAt: st.cur.UpdatedAt}}
	for i := len(st.replaced) - 1; i >= 0; i-- {
		out = append(out, st.replaced[i])
	}
	return out, ctxErr(ctx)
}

// CreateQuote numbers and stores a new draft.
func (d *Documents) CreateQuote(ctx context.Context, f domain.QuoteFields) (*domain.Quote, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	f.Lines = slices.Clone(f.Lines)
	d.mu.Lock()
	defer d.mu.Unlock()
	a, err := d.prepare(ctx, &f.AccountID, &f.AccountCode, f.ContactID, f.Lines)
	if err != nil {
		return nil, err
	}
	d.nextID++
	now := d.cat.now()
	q := &domain.Quote{ID: domain.QuoteID(d.nextID), QuoteFields: f, Number: d.number(d.settings.Quotes, f.Date), Revision: 1,
		Status: domain.QuoteDraft, AccountName: a.acc.Name, ContactName: a.contact, Currency: domain.CatalogCurrency, Version: 1,
		CreatedAt: now, UpdatedAt: now}
	d.quotes[q.ID] = &quoteState{cur: q}
	d.Writes++
	return copyQuote(q), ctxErr(ctx)
}

// UpdateQuote saves a draft in place or a sent quote as a new revision.
func (d *Documents) UpdateQuote(ctx context.Context, id domain.QuoteID, upd domain.QuoteUpdate) (*domain.Quote, error) {
	f := upd.QuoteFields
	if err := f.Validate(); err != nil {
		return nil, err
	}
	f.Lines = slices.Clone(f.Lines)
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.quotes[id]
	switch {
	case !ok:
		return nil, notFound()
	case st.cur.Version != upd.Version:
		return nil, conflict()
	case !st.cur.Status.Open():
		return nil, domain.Errorf(domain.EInvalid, "quote.closed", "a {{.Status}} quote cannot be edited; duplicate it instead",
			map[string]any{"Status": string(st.cur.Status)})
	}
	a, err := d.prepare(ctx, &f.AccountID, &f.AccountCode, f.ContactID, f.Lines)
	if err != nil {
		return nil, err
	}
	q := copyQuote(st.cur)
	if q.Status == domain.QuoteSent {
		old := copyQuote(st.cur)
		st.earlier = append(st.earlier, old)
		t := old.Totals()
		st.replaced = append(st.replaced, domain.QuoteRevision{Revision: old.Revision, Status: old.Status, Date: old.Date,
			Net: t.Net, Gross: t.Gross, Lines: len(old.Lines), SavedAt: d.cat.now()})
		q.Revision++
	}
	q.QuoteFields, q.Status, q.AccountName, q.ContactName, q.Currency = f, domain.QuoteDraft, a.acc.Name, a.contact, domain.CatalogCurrency
	q.Version++
	q.UpdatedAt = d.cat.now()
	st.cur = q
	d.Writes++
	return copyQuote(q), ctxErr(ctx)
}

// SetQuoteStatus moves a quote along its lifecycle.
func (d *Documents) SetQuoteStatus(ctx context.Context, id domain.QuoteID, version int64, status domain.QuoteStatus) (*domain.Quote, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.quotes[id]
	switch {
	case !ok:
		return nil, notFound()
	case st.cur.Version != version:
		return nil, conflict()
	}
	q := copyQuote(st.cur)
	if err := q.Transition(status, d.today()); err != nil {
		return nil, err
	}
	q.Version++
	st.cur = q
	d.Writes++
	return copyQuote(q), ctxErr(ctx)
}

// DuplicateQuote copies a quote for another account, prices re-resolved.
func (d *Documents) DuplicateQuote(ctx context.Context, id domain.QuoteID, account domain.AccountID, on domain.Date) (*domain.QuoteFields, []domain.PriceChange, error) {
	q, err := d.FindQuoteByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	a, err := d.cat.accounts.FindAccountByID(ctx, account)
	if err != nil {
		return nil, nil, err
	}
	d.mu.Lock()
	days := d.settings.QuoteValidDays
	d.mu.Unlock()
	f := domain.NewQuoteFields(a, on, days)
	f.DeliveryTerms, f.Notes, f.Lines = q.DeliveryTerms, q.Notes, q.Lines
	res, err := d.cat.Reprice(ctx, account, on, domain.PriceLines(f.Lines))
	if err != nil {
		return nil, nil, err
	}
	return &f, domain.ReresolvePrices(f.Lines, res), nil
}

// ConvertQuote makes a draft order of an accepted quote, keeping its prices.
func (d *Documents) ConvertQuote(ctx context.Context, id domain.QuoteID, version int64) (*domain.Order, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.quotes[id]
	switch {
	case !ok:
		return nil, notFound()
	case st.cur.Version != version:
		return nil, conflict()
	case st.cur.OrderID != 0:
		return nil, domain.Errorf(domain.EConflict, "quote.converted", "the quote is already an order", nil)
	case st.cur.Status != domain.QuoteAccepted:
		return nil, domain.Errorf(domain.EInvalid, "quote.convert_not_accepted", "only an accepted quote becomes an order; this one is {{.Status}}",
			map[string]any{"Status": string(st.cur.Status)})
	}
	q := st.cur
	a, err := d.cat.accounts.FindAccountByID(ctx, q.AccountID)
	if err != nil {
		return nil, err
	}
	on := d.today()
	if on.Before(q.Date) {
		on = q.Date
	}
	f := domain.NewOrderFields(a, on)
	f.ContactID, f.PaymentTerms, f.Notes, f.Owner, f.Lines = q.ContactID, q.PaymentTerms, q.Notes, q.Owner, slices.Clone(q.Lines)
	o := d.insertOrder(f, a, q.ContactName)
	o.QuoteID, o.QuoteNumber = q.ID, q.Number
	nq := copyQuote(q)
	nq.OrderID = o.ID
	nq.Version++
	st.cur = nq
	return copyOrder(o), ctxErr(ctx)
}

// DeleteQuote removes a draft never sent.
func (d *Documents) DeleteQuote(ctx context.Context, id domain.QuoteID) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.quotes[id]
	if !ok {
		return notFound()
	}
	if st.cur.Status != domain.QuoteDraft || len(st.earlier) > 0 {
		return domain.Errorf(domain.EInvalid, "quote.delete_sent", "only a draft never sent can be deleted", nil)
	}
	delete(d.quotes, id)
	d.Writes++
	return ctxErr(ctx)
}

// FindQuotes lists quotes matching the filter.
func (d *Documents) FindQuotes(ctx context.Context, f domain.QuoteFilter) ([]domain.QuoteRow, int, error) {
	today := f.Today
	if today.IsZero() {
		today = d.today()
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	var rows []domain.QuoteRow
	for _, st := range d.quotes {
		q := st.cur
		expired := q.Expired(today)
		if !matchDoc(&f.DocumentFilter, q.AccountID, q.Owner, q.Date) || !matchQuoteStatus(f.Statuses, q.Status, expired) {
			continue
		}
		rows = append(rows, domain.QuoteRow{ID: q.ID, DocumentRow: docRow(q.Number, q.AccountID, q.AccountCode, q.AccountName,
			q.Owner, q.Date, q.Currency, q.Lines), Revision: q.Revision, ValidUntil: q.ValidUntil, Status: q.Status, Expired: expired})
	}
	slices.SortFunc(rows, func(a, b domain.QuoteRow) int { return compareRows(&f.DocumentFilter, &a.DocumentRow, &b.DocumentRow) })
	return page(rows, f.Offset, limit(f.Limit)), len(rows), ctxErr(ctx)
}

func limit(n int) int {
	if n <= 0 {
		return domain.DefaultDocumentPage
	}
	return n
}

func matchQuoteStatus(want []domain.QuoteStatus, s domain.QuoteStatus, expired bool) bool {
	if len(want) == 0 {
		return true
	}
	for _, w := range want {
		if w == domain.QuoteExpired && expired || w == s && !expired {
			return true
		}
	}
	return false
}

func matchDoc(f *domain.DocumentFilter, account domain.AccountID, owner string, on domain.Date) bool {
	return (f.Account == 0 || f.Account == account) && (f.Owner == "" || f.Owner == owner) &&
		(f.From.IsZero() || !on.Before(f.From)) && (f.To.IsZero() || !f.To.Before(on))
}

func docRow(number string, id domain.AccountID, code, name, owner string, on domain.Date, currency string, lines []domain.DocumentLine) domain.DocumentRow {
	t := domain.ComputeTotals(lines)
	return domain.DocumentRow{Number: number, AccountID: id, AccountCode: code, AccountName: name, Owner: owner, Date: on,
		Net: t.Net, Gross: t.Gross, Currency: currency, Lines: len(lines)}
}

// compareRows orders rows newest (or largest) first, ties by number.
func compareRows(f *domain.DocumentFilter, a, b *domain.DocumentRow) int {
	var r int
	if f.Sort == domain.SortByValue {
		if b.Net > a.Net {
			r = 1
		} else if b.Net < a.Net {
			r = -1
		}
	} else {
		r = b.Date.Compare(a.Date)
	}
	if r == 0 {
		r = strings.Compare(b.Number, a.Number)
	}
	if f.Asc {
		r = -r
	}
	return r
}
