package domaintest

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	"kontor/domain"
)

// Documents is an in-memory QuoteService, OrderService and
// DocumentSettingsService over a Catalog (products, prices) and its Store
// (accounts, contacts). It follows the store's rules (the conformance suite
// holds both to them): numbers from the series, unknown accounts, contacts and
// SKUs refused on their field, lines completed from the catalog, a stale
// version is a conflict, editing a sent quote keeps the sent revision
// readable, a quote converts once and only when accepted, a confirmed order's
// lines and account are locked, duplicates and repeats re-resolve prices with
// the engine, and names are joined live.
type Documents struct {
	mu       sync.Mutex
	cat      *Catalog
	settings domain.DocumentSettings
	quotes   map[domain.QuoteID]*quoteState
	orders   map[domain.OrderID]*domain.Order
	counters map[string]int64 // kind and year (0 unless the series is yearly) → last number
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
	d := &Documents{cat: cat, settings: domain.DefaultDocumentSettings(), quotes: map[domain.QuoteID]*quoteState{},
		orders: map[domain.OrderID]*domain.Order{}, counters: map[string]int64{}}
	cat.accounts.referAccount(func(id domain.AccountID) bool {
		return d.holds(func(q *domain.Quote) bool { return q.AccountID == id }, func(o *domain.Order) bool { return o.AccountID == id })
	})
	cat.referProduct(func(id domain.ProductID) bool {
		has := func(lines []domain.DocumentLine) bool {
			return slices.ContainsFunc(lines, func(l domain.DocumentLine) bool { return l.ProductID == id })
		}
		return d.holds(func(q *domain.Quote) bool { return has(q.Lines) }, func(o *domain.Order) bool { return has(o.Lines) })
	})
	return d
}

// holds reports whether a revision of a quote or an order passes its test.
func (d *Documents) holds(quote func(*domain.Quote) bool, order func(*domain.Order) bool) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, st := range d.quotes {
		if quote(st.cur) || slices.ContainsFunc(st.earlier, quote) {
			return true
		}
	}
	for _, o := range d.orders {
		if order(o) {
			return true
		}
	}
	return false
}

func (d *Documents) today() domain.Date { return domain.DateOf(d.cat.now()) }

// number hands out the next number of a series for a document dated on,
// skipping numbers already taken (a prefix changed and changed back). The
// caller holds d.mu.
func (d *Documents) number(kind domain.DocumentKind, s domain.NumberSeries, on domain.Date) string {
	year := 0
	if s.Yearly {
		year = on.Year
	}
	key := string(kind) + "|" + strconv.Itoa(year)
	for {
		d.counters[key]++
		num := s.Format(on.Year, d.counters[key])
		if !d.numberTaken(kind, num) {
			return num
		}
	}
}

func (d *Documents) numberTaken(kind domain.DocumentKind, num string) bool {
	if kind == domain.KindQuote {
		for _, st := range d.quotes {
			if strings.EqualFold(st.cur.Number, num) {
				return true
			}
		}
		return false
	}
	for _, o := range d.orders {
		if strings.EqualFold(o.Number, num) {
			return true
		}
	}
	return false
}

// FindDocumentSettings returns the settings.
func (d *Documents) FindDocumentSettings(ctx context.Context) (*domain.DocumentSettings, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := d.settings
	return &s, ctxErr(ctx)
}

// SaveDocumentSettings trims the prefixes, validates and stores the settings.
func (d *Documents) SaveDocumentSettings(ctx context.Context, s domain.DocumentSettings) (*domain.DocumentSettings, error) {
	for _, p := range []*string{&s.Quotes.Prefix, &s.Orders.Prefix, &s.Invoices.Prefix, &s.CreditNotes.Prefix} {
		*p = strings.TrimSpace(*p)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.settings = s
	d.Writes++
	return &s, ctxErr(ctx)
}

// prepare ties a document's header and lines to the data as the store does:
// the account by ID or code, the contact must be the account's, each line's
// product by SKU (its name, unit and VAT rate where the line has none, the
// list price when the line has no price source); then the domain's
// validation, which needs the units. Every problem is reported in one EInvalid
// error under key. The caller holds d.mu.
func (d *Documents) prepare(ctx context.Context, key, msg string, validate func() error, id *domain.AccountID, code *string,
	contact domain.ContactID, lines []domain.DocumentLine) (*domain.Account, error) {
	var fields []domain.FieldError
	var acc *domain.Account
	if *id != 0 || strings.TrimSpace(*code) != "" {
		v := *code
		if *id != 0 {
			acc, _ = d.cat.accounts.FindAccountByID(ctx, *id)
			v = "#" + strconv.FormatInt(int64(*id), 10)
		} else {
			acc = d.cat.accounts.account(*code)
		}
		if acc == nil {
			fields = append(fields, domain.FieldError{Field: domain.FieldAccountCode, Key: "account.unknown",
				Msg: "no account with code {{.Value}}", Args: map[string]any{"Value": v}})
		} else {
			*id, *code = acc.ID, acc.Code
			if c, ok := d.cat.accounts.contact(contact); contact != 0 && (!ok || c.AccountID != acc.ID) {
				fields = append(fields, domain.FieldError{Field: domain.FieldContact, Key: "document.contact_not_of_account",
					Msg: "the contact is not one of the account's people"})
			}
		}
	}
	for i := range lines {
		l := &lines[i]
		l.SKU = strings.TrimSpace(l.SKU)
		p, err := d.cat.FindProductBySKU(ctx, l.SKU)
		if err != nil {
			if l.SKU != "" {
				fields = append(fields, domain.FieldError{Field: domain.LineField(i, domain.FieldSKU), Key: "product.unknown_sku",
					Msg: "no product with SKU {{.SKU}}", Args: map[string]any{"SKU": l.SKU}})
			}
			continue
		}
		l.ProductID, l.SKU = p.ID, p.SKU
		if l.Name == "" {
			l.Name = p.Name
		}
		if l.Unit == "" {
			l.Unit = p.Unit
		}
		if l.VATRate == "" {
			l.VATRate = p.VATRate
		}
		if l.Source == "" {
			l.Source, l.Price, l.EnginePrice = domain.SourceList, p.ListPrice, p.ListPrice
		}
	}
	var all []domain.FieldError
	if err := validate(); err != nil {
		e, ok := domain.AsError(err)
		if !ok {
			return nil, err
		}
		all = append(all, e.Fields...)
	}
	if all = append(all, fields...); len(all) > 0 {
		return nil, &domain.Error{Code: domain.EInvalid, Key: key, Msg: msg, Fields: all}
	}
	return acc, nil
}

func quoteNotFound() error {
	return domain.Errorf(domain.ENotFound, "quote.not_found", "the quote does not exist (it may have been deleted)", nil)
}

// stale reports a version other than the stored one; 0 skips the check.
func stale(version, stored int64) bool { return version != 0 && version != stored }

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

// viewQuote is a copy of a quote with its account and contact as they are now
// (a deleted contact leaves none), as the store joins them. The caller holds d.mu.
func (d *Documents) viewQuote(q *domain.Quote) *domain.Quote {
	c := copyQuote(q)
	if code, name, ok := d.cat.accounts.names(c.AccountID); ok {
		c.AccountCode, c.AccountName = code, name
	}
	c.ContactID, c.ContactName = d.contactOf(c.ContactID)
	return c
}

// contactOf is a contact's ID and name while it exists, zero and "" after.
func (d *Documents) contactOf(id domain.ContactID) (domain.ContactID, string) {
	if c, ok := d.cat.accounts.contact(id); ok && id != 0 {
		return id, c.FirstName + " " + c.LastName
	}
	return 0, ""
}

// FindQuoteByID returns the current revision.
func (d *Documents) FindQuoteByID(ctx context.Context, id domain.QuoteID) (*domain.Quote, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.quotes[id]
	if !ok {
		return nil, quoteNotFound()
	}
	return d.viewQuote(st.cur), ctxErr(ctx)
}

// FindQuoteRevision returns one revision; an earlier one is read only (version 0).
func (d *Documents) FindQuoteRevision(ctx context.Context, id domain.QuoteID, revision int) (*domain.Quote, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.quotes[id]
	switch {
	case !ok:
		return nil, quoteNotFound()
	case revision == st.cur.Revision:
		return d.viewQuote(st.cur), ctxErr(ctx)
	case revision < 1 || revision > len(st.earlier):
		return nil, domain.Errorf(domain.ENotFound, "quote.revision_not_found", "the quote has no revision {{.Revision}}",
			map[string]any{"Revision": revision})
	}
	q := d.viewQuote(st.earlier[revision-1])
	q.Version, q.OrderID = 0, 0
	return q, ctxErr(ctx)
}

// QuoteRevisions lists the revisions, newest first.
func (d *Documents) QuoteRevisions(ctx context.Context, id domain.QuoteID) ([]domain.QuoteRevision, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.quotes[id]
	if !ok {
		return nil, quoteNotFound()
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
	f.Lines = slices.Clone(f.Lines)
	d.mu.Lock()
	defer d.mu.Unlock()
	acc, err := d.prepare(ctx, "quote.invalid", "the quote is not valid", f.Validate, &f.AccountID, &f.AccountCode, f.ContactID, f.Lines)
	if err != nil {
		return nil, err
	}
	if f.Owner == "" {
		f.Owner = acc.Owner
	}
	d.nextID++
	now := d.cat.now()
	q := &domain.Quote{ID: domain.QuoteID(d.nextID), QuoteFields: f, Number: d.number(domain.KindQuote, d.settings.Quotes, f.Date),
		Revision: 1, Status: domain.QuoteDraft, Currency: domain.CatalogCurrency, Version: 1, CreatedAt: now, UpdatedAt: now}
	d.quotes[q.ID] = &quoteState{cur: q}
	d.Writes++
	return d.viewQuote(q), ctxErr(ctx)
}

// UpdateQuote saves a draft in place or a sent quote as a new revision.
func (d *Documents) UpdateQuote(ctx context.Context, id domain.QuoteID, upd domain.QuoteUpdate) (*domain.Quote, error) {
	f := upd.QuoteFields
	f.Lines = slices.Clone(f.Lines)
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.quotes[id]
	switch {
	case !ok:
		return nil, quoteNotFound()
	case stale(upd.Version, st.cur.Version):
		return nil, changed()
	case !st.cur.Status.Open():
		return nil, domain.Errorf(domain.EInvalid, "quote.closed", "a {{.Status}} quote cannot be edited; duplicate it instead",
			map[string]any{"Status": string(st.cur.Status)})
	}
	acc, err := d.prepare(ctx, "quote.invalid", "the quote is not valid", f.Validate, &f.AccountID, &f.AccountCode, f.ContactID, f.Lines)
	if err != nil {
		return nil, err
	}
	if f.Owner == "" {
		f.Owner = acc.Owner
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
	q.QuoteFields, q.Status, q.Currency = f, domain.QuoteDraft, domain.CatalogCurrency
	q.Version++
	q.UpdatedAt = d.cat.now()
	st.cur = q
	d.Writes++
	return d.viewQuote(q), ctxErr(ctx)
}

// SetQuoteStatus moves a quote along its lifecycle.
func (d *Documents) SetQuoteStatus(ctx context.Context, id domain.QuoteID, version int64, status domain.QuoteStatus) (*domain.Quote, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.quotes[id]
	switch {
	case !ok:
		return nil, quoteNotFound()
	case stale(version, st.cur.Version):
		return nil, changed()
	}
	q := copyQuote(st.cur)
	if err := q.Transition(status, d.today()); err != nil {
		return nil, err
	}
	q.Version++
	q.UpdatedAt = d.cat.now()
	st.cur = q
	d.Writes++
	return d.viewQuote(q), ctxErr(ctx)
}

// DuplicateQuote copies a quote for another account, prices re-resolved: the
// account's payment terms and owner, the original's delivery terms, notes and
// lines, no contact.
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
	changes, err := d.reresolve(ctx, account, on, f.Lines)
	if err != nil {
		return nil, nil, err
	}
	return &f, changes, nil
}

// reresolve prices lines afresh for an account on a day (manual prices dropped).
func (d *Documents) reresolve(ctx context.Context, account domain.AccountID, on domain.Date, lines []domain.DocumentLine) ([]domain.PriceChange, error) {
	if len(lines) == 0 {
		return nil, nil
	}
	res, err := d.cat.Reprice(ctx, account, on, domain.PriceLines(lines))
	if err != nil {
		return nil, err
	}
	return domain.ReresolvePrices(lines, res), nil
}

// ConvertQuote makes a draft order of an accepted quote, keeping its prices.
func (d *Documents) ConvertQuote(ctx context.Context, id domain.QuoteID, version int64) (*domain.Order, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.quotes[id]
	switch {
	case !ok:
		return nil, quoteNotFound()
	case stale(version, st.cur.Version):
		return nil, changed()
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
	o := d.insertOrder(f)
	o.QuoteID = q.ID
	nq := copyQuote(q)
	nq.OrderID = o.ID
	nq.Version++
	nq.UpdatedAt = d.cat.now()
	st.cur = nq
	return d.viewOrder(o), ctxErr(ctx)
}

// DeleteQuote removes a draft never sent.
func (d *Documents) DeleteQuote(ctx context.Context, id domain.QuoteID) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.quotes[id]
	if !ok {
		return quoteNotFound()
	}
	if st.cur.Status != domain.QuoteDraft || st.cur.Revision > 1 {
		return domain.Errorf(domain.EInvalid, "quote.delete_sent", "only a draft never sent can be deleted; reject it instead", nil)
	}
	delete(d.quotes, id)
	for _, o := range d.orders {
		if o.QuoteID == id {
			o.QuoteID = 0
		}
	}
	d.Writes++
	return ctxErr(ctx)
}

// FindQuotes lists quotes matching the filter.
func (d *Documents) FindQuotes(ctx context.Context, f domain.QuoteFilter) ([]domain.QuoteRow, int, error) {
	for _, st := range f.Statuses {
		if !st.Valid() && st != domain.QuoteExpired {
			return nil, 0, domain.Errorf(domain.EInvalid, "quote.status_invalid",
				"{{.Value}} is not a quote status (draft, sent, accepted, rejected)", map[string]any{"Value": string(st)})
		}
	}
	today := f.Today
	if today.IsZero() {
		today = d.today()
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	var rows []domain.QuoteRow
	for _, st := range d.quotes {
		q := d.viewQuote(st.cur)
		expired := q.Expired(today)
		if !matchDoc(&f.DocumentFilter, q.AccountID, q.Owner, q.Date) || !matchQuoteStatus(f.Statuses, q.Status, expired) {
			continue
		}
		rows = append(rows, domain.QuoteRow{ID: q.ID, DocumentRow: docRow(q.Number, q.AccountID, q.AccountCode, q.AccountName,
			q.Owner, q.Date, q.Currency, q.Lines), Revision: q.Revision, ValidUntil: q.ValidUntil, Status: q.Status, Expired: expired})
	}
	slices.SortFunc(rows, func(a, b domain.QuoteRow) int {
		return compareRows(&f.DocumentFilter, &a.DocumentRow, &b.DocumentRow, int64(a.ID), int64(b.ID))
	})
	return page(rows, max(f.Offset, 0), limit(f.Limit)), len(rows), ctxErr(ctx)
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

// compareRows orders rows newest (or largest) first, ties by ID the same way.
func compareRows(f *domain.DocumentFilter, a, b *domain.DocumentRow, idA, idB int64) int {
	var r int
	if f.Sort == domain.SortByValue {
		r = cmp.Compare(b.Net, a.Net)
	} else {
		r = b.Date.Compare(a.Date)
	}
	if r == 0 {
		r = int(idB - idA)
	}
	if f.Asc {
		r = -r
	}
	return r
}
