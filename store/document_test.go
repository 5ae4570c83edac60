package store_test

import (
	"testing"

	"kontor/domain"
	"kontor/store"
)

// docFixture is the pricing fixture with the document services; K1 has a
// contact, HQ gives K1 MAK at 9.00 from 1 and 8.50 from 10 (a tier on the
// document's total), and a second account K2 with no agreements.
type docFixture struct {
	*pricingFixture
	quotes   *store.QuoteService
	orders   *store.OrderService
	settings *store.DocumentSettingsService
	other    *domain.Account
	contact  *domain.Contact
	day      domain.Date
}

func newDocFixture(t *testing.T) *docFixture {
	t.Helper()
	p := newPricingFixture(t)
	f := &docFixture{pricingFixture: p, quotes: store.NewQuoteService(p.db, p.prices), orders: store.NewOrderService(p.db, p.prices),
		settings: store.NewDocumentSettingsService(p.db), day: domain.NewDate(2026, 3, 10)}
	f.other = mustCreate(t, p.accounts, "K2", "Hurtownia Żabka", "Gdańsk", func(a *domain.AccountFields) {
		a.PaymentTerms, a.Owner = domain.PaymentTerms{Days: 14, EOM: true}, "piotr"
	})
	f.contact = mustContact(t, store.NewContactService(p.db), p.branch.ID, "Józef", "Łęcki", "jozef@example.pl")
	p.agree(t, map[string]string{"sku": "MAK", "account_code": "HQ", "price": "9"})
	p.agree(t, map[string]string{"sku": "MAK", "account_code": "HQ", "price": "8.5", "min_qty": "10"})
	return f
}

// priced returns lines for the SKUs and quantities, priced by the store's engine for account.
func (f *docFixture) priced(t *testing.T, account domain.AccountID, on domain.Date, skus []string, qtys []int64) []domain.DocumentLine {
	t.Helper()
	var lines []domain.DocumentLine
	for i, sku := range skus {
		p, err := f.products.FindProductBySKU(ctx, sku)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, domain.NewDocumentLine(p, domain.Quantity(qtys[i])))
	}
	res, err := f.prices.Reprice(ctx, account, on, domain.PriceLines(lines))
	if err != nil {
		t.Fatal(err)
	}
	domain.ApplyPrices(lines, res)
	return lines
}

func (f *docFixture) newQuote(t *testing.T, lines []domain.DocumentLine) *domain.Quote {
	t.Helper()
	qf := domain.NewQuoteFields(f.branch, f.day, 30)
	qf.ContactID, qf.Lines = f.contact.ID, lines
	q, err := f.quotes.CreateQuote(ctx, qf)
	if err != nil {
		t.Fatalf("create quote: %v", err)
	}
	return q
}

func TestQuoteCreateAndRead(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	lines := f.priced(t, f.branch.ID, f.day, []string{"MAK", "SER", "MAK"}, []int64{4000, 2500, 6000})
	lines[1].Discount = 1000
	lines[1].SetManualPrice(275000, "cena z gazetki")
	q := f.newQuote(t, lines)
	if q.Number != "OF/2026/00001" || q.Revision != 1 || q.Status != domain.QuoteDraft || q.Version != 1 {
		t.Errorf("quote %s R%d %s v%d", q.Number, q.Revision, q.Status, q.Version)
	}
	if q.AccountCode != "K1" || q.ContactName != "Józef Łęcki" || q.Currency != "PLN" || q.ValidUntil != f.day.AddDays(30) {
		t.Errorf("header %+v", q.QuoteFields)
	}
	// MAK total 10: the tier from 10 (8.50) on both MAK lines.
	if len(q.Lines) != 3 || q.Lines[0].Price != 85000 || q.Lines[2].Price != 85000 || q.Lines[0].Source != domain.SourceParent {
		t.Fatalf("lines %+v", q.Lines)
	}
	l := q.Lines[1]
	if l.Price != 275000 || !l.IsManual() || l.ManualReason != "cena z gazetki" || l.EnginePrice != 299000 || l.Unit != "kg" || l.Name != "Ser gouda" {
		t.Errorf("manual line %+v", l)
	}
	// 4 × 8.50 = 34.00; 2.5 × 27.50 × 0.9 = 61.875 → 61.88; 6 × 8.50 = 51.00; all 23 %.
	tot := q.Totals()
	if tot.Net != 14688 || tot.VAT != 3378 || tot.Gross != 18066 { // 146.88 × 0.23 = 33.7824 → 33.78
		t.Errorf("totals %+v", tot)
	}
	again, err := f.quotes.FindQuoteByID(ctx, q.ID)
	if err != nil || !domain.SameLines(again.Lines, q.Lines) || again.Lines[1].ManualReason != "cena z gazetki" {
		t.Errorf("read back: %v %+v", err, again)
	}
	q2 := f.newQuote(t, lines[:1])
	if q2.Number != "OF/2026/00002" {
		t.Errorf("second number %s", q2.Number)
	}
	if _, err := f.quotes.FindQuoteByID(ctx, 999); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("missing quote: %v", err)
	}
}

func TestQuoteBadInput(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	good := f.priced(t, f.branch.ID, f.day, []string{"MAK"}, []int64{1000})
	cases := []struct {
		name  string
		edit  func(q *domain.QuoteFields)
		field string
		key   string
	}{
		{"unknown account", func(q *domain.QuoteFields) { q.AccountID, q.AccountCode = 0, "NOPE" }, domain.FieldAccountCode, "account.unknown"},
		{"contact of another account", func(q *domain.QuoteFields) { q.AccountID = f.other.ID }, domain.FieldContact, "document.contact_not_of_account"},
		{"unknown SKU", func(q *domain.QuoteFields) { q.Lines[0].SKU = "XX-404" }, domain.LineField(0, domain.FieldSKU), "product.unknown_sku"},
		{"whole units", func(q *domain.QuoteFields) { q.Lines[0].Quantity = 1500 }, domain.LineField(0, domain.FieldQuantity), "quantity.whole"},
		{"zero quantity", func(q *domain.QuoteFields) { q.Lines[0].Quantity = 0 }, domain.LineField(0, domain.FieldQuantity), "quantity.positive"},
		{"manual without reason", func(q *domain.QuoteFields) { q.Lines[0].SetManualPrice(1, "") }, domain.LineField(0, domain.FieldManualReason), "line.manual_reason_required"},
		{"discount over 100", func(q *domain.QuoteFields) { q.Lines[0].Discount = 10001 }, domain.LineField(0, domain.FieldDiscountPct), "discount.range"},
		{"valid until before date", func(q *domain.QuoteFields) { q.ValidUntil = f.day.AddDays(-1) }, domain.FieldValidUntil, "quote.valid_before_date"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			qf := domain.NewQuoteFields(f.branch, f.day, 30)
			qf.ContactID = f.contact.ID
			qf.Lines = append([]domain.DocumentLine(nil), good...)
			c.edit(&qf)
			_, err := f.quotes.CreateQuote(ctx, qf)
			wantFieldErr(t, err, domain.EInvalid, c.field, c.key)
		})
	}
	// Refused saves hand out no numbers.
	if q := f.newQuote(t, good); q.Number != "OF/2026/00001" {
		t.Errorf("number after refused saves: %s", q.Number)
	}
}

func TestQuoteRevisionsAndConflicts(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	q := f.newQuote(t, f.priced(t, f.branch.ID, f.day, []string{"MAK"}, []int64{2000}))

	// A draft is saved in place.
	upd := domain.QuoteUpdate{QuoteFields: q.QuoteFields, Version: q.Version}
	upd.Notes = "pierwsza wersja"
	q, err := f.quotes.UpdateQuote(ctx, q.ID, upd)
	if err != nil || q.Revision != 1 || q.Version != 2 {
		t.Fatalf("draft update: %v %+v", err, q)
	}
	// A stale version is a conflict and changes nothing.
	upd.Notes = "z innego okna"
	_, err = f.quotes.UpdateQuote(ctx, q.ID, upd)
	wantErr(t, err, domain.EConflict, "record.changed")

	q, err = f.quotes.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteSent)
	if err != nil || q.Status != domain.QuoteSent {
		t.Fatalf("send: %v", err)
	}
	// Editing the sent quote makes R2, a draft; R1 stays as sent.
	upd = domain.QuoteUpdate{QuoteFields: q.QuoteFields, Version: q.Version}
	upd.Lines = f.priced(t, f.branch.ID, f.day, []string{"MAK", "SER"}, []int64{12000, 1000})
	upd.Notes = "po negocjacjach"
	q, err = f.quotes.UpdateQuote(ctx, q.ID, upd)
	if err != nil || q.Revision != 2 || q.Status != domain.QuoteDraft || len(q.Lines) != 2 || q.RevisionLabel() != "R2" {
		t.Fatalf("revise: %v %+v", err, q)
	}
	r1, err := f.quotes.FindQuoteRevision(ctx, q.ID, 1)
	if err != nil || r1.Status != domain.QuoteSent || len(r1.Lines) != 1 || r1.Lines[0].Quantity != 2000 || r1.Notes != "pierwsza wersja" || r1.Version != 0 {
		t.Errorf("R1: %v %+v", err, r1)
	}
	revs, err := f.quotes.QuoteRevisions(ctx, q.ID)
	if err != nil || len(revs) != 2 || revs[0].Revision != 2 || revs[1].Revision != 1 || revs[1].Status != domain.QuoteSent || revs[1].Net != 1800 {
		t.Errorf("revisions: %v %+v", err, revs)
	}
	if _, err := f.quotes.FindQuoteRevision(ctx, q.ID, 7); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("revision 7: %v", err)
	}
	// Sending R2 and editing again: R3.
	q, _ = f.quotes.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteSent)
	q, err = f.quotes.UpdateQuote(ctx, q.ID, domain.QuoteUpdate{QuoteFields: q.QuoteFields, Version: q.Version})
	if err != nil || q.Revision != 3 {
		t.Fatalf("R3: %v", err)
	}
	// A sent quote that is rejected is closed.
	q, _ = f.quotes.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteSent)
	q, err = f.quotes.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteRejected)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.quotes.UpdateQuote(ctx, q.ID, domain.QuoteUpdate{QuoteFields: q.QuoteFields, Version: q.Version})
	wantErr(t, err, domain.EInvalid, "quote.closed")
	_, err = f.quotes.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteAccepted)
	wantErr(t, err, domain.EInvalid, "quote.transition")
	wantErr(t, f.quotes.DeleteQuote(ctx, q.ID), domain.EInvalid, "quote.delete_sent")
}

func TestConvertQuoteKeepsPrices(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	lines := f.priced(t, f.branch.ID, f.day, []string{"MAK", "SER"}, []int64{3000, 1500})
	lines[1].SetManualPrice(250000, "rabat za odbiór własny")
	lines[0].Discount = 500
	q := f.newQuote(t, lines)
	_, err := f.quotes.ConvertQuote(ctx, q.ID, q.Version)
	wantErr(t, err, domain.EInvalid, "quote.convert_not_accepted")
	q, _ = f.quotes.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteSent)
	q, _ = f.quotes.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteAccepted)
	// The price list changes after acceptance: the order keeps the quoted prices.
	f.agree(t, map[string]string{"sku": "MAK", "account_code": "K1", "price": "5"})
	o, err := f.quotes.ConvertQuote(ctx, q.ID, q.Version)
	if err != nil {
		t.Fatal(err)
	}
	if o.Status != domain.OrderDraft || o.QuoteID != q.ID || o.QuoteNumber != q.Number || o.Number != "ZAM/2026/00001" || o.ContactID != f.contact.ID {
		t.Errorf("order %+v", o)
	}
	if !domain.SameLines(o.Lines, q.Lines) || o.Lines[1].ManualReason != "rabat za odbiór własny" || o.Lines[0].Price != 90000 {
		t.Errorf("lines %+v, quote %+v", o.Lines, q.Lines)
	}
	if ot, qt := o.Totals(), q.Totals(); ot.Gross != qt.Gross || ot.Net != qt.Net {
		t.Errorf("totals %+v ≠ %+v", ot, qt)
	}
	q, _ = f.quotes.FindQuoteByID(ctx, q.ID)
	if q.OrderID != o.ID {
		t.Errorf("quote not linked: %d", q.OrderID)
	}
	_, err = f.quotes.ConvertQuote(ctx, q.ID, q.Version)
	wantErr(t, err, domain.EConflict, "quote.converted")
}

func TestOrderLifecycle(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	of := domain.NewOrderFields(f.branch, f.day)
	of.Lines = f.priced(t, f.branch.ID, f.day, []string{"MAK"}, []int64{5000})
	of.CustomerPO = "PO/77"
	o, err := f.orders.CreateOrder(ctx, of)
	if err != nil || o.Status != domain.OrderDraft || o.Number != "ZAM/2026/00001" || o.CustomerPO != "PO/77" {
		t.Fatalf("create: %v %+v", err, o)
	}
	if o.DeliveryAddress.City != "Łódź" || o.Owner != f.branch.Owner {
		t.Errorf("delivery %+v owner %q", o.DeliveryAddress, o.Owner)
	}
	o, err = f.orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: o.Version})
	if err != nil {
		t.Fatal(err)
	}
	// Confirmed: lines locked, the header editable.
	upd := domain.OrderUpdate{OrderFields: o.OrderFields, Version: o.Version}
	upd.Lines = append([]domain.DocumentLine(nil), o.Lines...)
	upd.Lines[0].Quantity = 6000
	_, err = f.orders.UpdateOrder(ctx, o.ID, upd)
	wantErr(t, err, domain.EInvalid, "order.lines_locked")
	upd.Lines = o.Lines
	upd.Notes, upd.RequestedDelivery = "dostawa rano", f.day.AddDays(3)
	o, err = f.orders.UpdateOrder(ctx, o.ID, upd)
	if err != nil || o.Notes != "dostawa rano" || o.RequestedDelivery != f.day.AddDays(3) {
		t.Fatalf("header edit: %v", err)
	}
	_, err = f.orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderDelivered, Version: o.Version})
	wantFieldErr(t, err, domain.EInvalid, domain.FieldDeliveredDate, "order.delivered_date_required")
	_, err = f.orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: f.day, Version: o.Version - 1})
	wantErr(t, err, domain.EConflict, "record.changed")
	// Not before it has been delivered: the delivery is two days off.
	_, err = f.orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: f.day.AddDays(2), Version: o.Version})
	wantFieldErr(t, err, domain.EInvalid, domain.FieldDeliveredDate, "order.delivered_future")
	*f.clock = f.clock.AddDate(0, 0, 2)
	o, err = f.orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: f.day.AddDays(2), Version: o.Version})
	if err != nil || o.Status != domain.OrderDelivered || o.DeliveredOn != f.day.AddDays(2) {
		t.Fatalf("deliver: %v", err)
	}
	_, err = f.orders.UpdateOrder(ctx, o.ID, domain.OrderUpdate{OrderFields: o.OrderFields, Version: o.Version})
	wantErr(t, err, domain.EInvalid, "order.closed")
	wantErr(t, f.orders.DeleteOrder(ctx, o.ID), domain.EInvalid, "order.delete_confirmed")

	// Cancelling needs a reason; a draft can be deleted.
	o2, err := f.orders.CreateOrder(ctx, of)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.orders.SetOrderStatus(ctx, o2.ID, domain.OrderStatusChange{Status: domain.OrderCancelled, Version: o2.Version})
	wantFieldErr(t, err, domain.EInvalid, domain.FieldCancelReason, "order.cancel_reason_required")
	o2, err = f.orders.SetOrderStatus(ctx, o2.ID, domain.OrderStatusChange{Status: domain.OrderCancelled, Reason: "klient zrezygnował", Version: o2.Version})
	if err != nil || o2.CancelReason != "klient zrezygnował" {
		t.Fatalf("cancel: %v", err)
	}
	o3, _ := f.orders.CreateOrder(ctx, of)
	if err := f.orders.DeleteOrder(ctx, o3.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.orders.FindOrderByID(ctx, o3.ID); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("deleted order: %v", err)
	}
	if got, err := f.orders.FindOrderByNumber(ctx, "zam/2026/00001"); err != nil || got.ID != o.ID {
		t.Errorf("by number: %v", err)
	}
}

func TestDuplicateAndRepeat(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	lines := f.priced(t, f.branch.ID, f.day, []string{"MAK", "SER"}, []int64{12000, 1000})
	lines[1].SetManualPrice(200000, "promocja")
	q := f.newQuote(t, lines)
	q.DeliveryTerms = "DAP Łódź"
	// K2 has no agreements: list prices, the manual price dropped, K2's terms.
	dup, changes, err := f.quotes.DuplicateQuote(ctx, q.ID, f.other.ID, f.day.AddDays(1))
	if err != nil {
		t.Fatal(err)
	}
	if dup.AccountID != f.other.ID || dup.PaymentTerms != f.other.PaymentTerms || dup.Owner != "piotr" || dup.ContactID != 0 ||
		dup.Date != f.day.AddDays(1) || dup.ValidUntil != f.day.AddDays(31) {
		t.Errorf("duplicate header %+v", dup)
	}
	if dup.Lines[0].Price != 100000 || dup.Lines[0].Source != domain.SourceList || dup.Lines[1].Price != 299000 || dup.Lines[1].IsManual() {
		t.Errorf("duplicate lines %+v", dup.Lines)
	}
	if len(changes) != 2 || changes[0].Old != 85000 || changes[0].New != 100000 || changes[1].OldSource != domain.SourceManual {
		t.Errorf("changes %+v", changes)
	}
	if q2, _ := f.quotes.FindQuoteByID(ctx, q.ID); q2.Lines[1].Price != 200000 {
		t.Errorf("the original changed")
	}
	if _, err := f.quotes.CreateQuote(ctx, *dup); err != nil {
		t.Errorf("save the duplicate: %v", err)
	}

	of := domain.NewOrderFields(f.branch, f.day)
	of.Lines = f.priced(t, f.branch.ID, f.day, []string{"MAK", "SER"}, []int64{5000, 1000})
	o, err := f.orders.CreateOrder(ctx, of)
	if err != nil {
		t.Fatal(err)
	}
	// A month later the account has its own price for MAK.
	later := f.day.AddDays(30)
	f.agree(t, map[string]string{"sku": "MAK", "account_code": "K1", "price": "7.25"})
	rep, changes, err := f.orders.RepeatOrder(ctx, o.ID, later)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Date != later || rep.Lines[0].Price != 72500 || rep.Lines[0].Source != domain.SourceAccount || rep.Lines[1].Price != 299000 {
		t.Errorf("repeat %+v", rep.Lines)
	}
	if len(changes) != 1 || changes[0].Line != 0 || changes[0].Old != 90000 || changes[0].New != 72500 {
		t.Errorf("repeat changes %+v", changes)
	}
}

func TestLastPrices(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	of := domain.NewOrderFields(f.branch, f.day)
	of.Lines = f.priced(t, f.branch.ID, f.day, []string{"MAK"}, []int64{5000})
	o, _ := f.orders.CreateOrder(ctx, of)
	lp, err := f.orders.LastPrices(ctx, f.branch.ID, []string{"mak", "SER", "NOPE"})
	if err != nil || len(lp) != 3 || !lp[0].Ordered.Date.IsZero() {
		t.Fatalf("a draft is not a price paid: %v %+v", err, lp)
	}
	o, _ = f.orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: o.Version})
	of.Date, of.Lines = f.day.AddDays(-20), f.priced(t, f.branch.ID, f.day, []string{"MAK"}, []int64{20000})
	old, _ := f.orders.CreateOrder(ctx, of)
	f.orders.SetOrderStatus(ctx, old.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: old.Version})
	q := f.newQuote(t, f.priced(t, f.branch.ID, f.day, []string{"SER"}, []int64{2000}))
	lp, err = f.orders.LastPrices(ctx, f.branch.ID, []string{"mak", "SER", "NOPE"})
	if err != nil {
		t.Fatal(err)
	}
	if lp[0].SKU != "MAK" || lp[0].Ordered.Price != 90000 || lp[0].Ordered.Date != f.day || lp[0].Ordered.Number != o.Number {
		t.Errorf("MAK %+v", lp[0])
	}
	if lp[1].Quoted.Price != 299000 || lp[1].Quoted.Number != q.Number || !lp[1].Ordered.Date.IsZero() || lp[2].SKU != "NOPE" {
		t.Errorf("SER %+v, NOPE %+v", lp[1], lp[2])
	}
	if other, _ := f.orders.LastPrices(ctx, f.other.ID, []string{"MAK"}); !other[0].Ordered.Date.IsZero() {
		t.Errorf("another account's prices leaked: %+v", other)
	}
}

func TestDocumentLists(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	mk := func(account *domain.Account, on domain.Date, qty int64, status domain.OrderStatus) {
		of := domain.NewOrderFields(account, on)
		of.Lines = f.priced(t, account.ID, on, []string{"MAK"}, []int64{qty})
		o, err := f.orders.CreateOrder(ctx, of)
		if err != nil {
			t.Fatal(err)
		}
		if status != domain.OrderDraft {
			// The orders delivered before are overdue by now: confirming needs a credit override.
			o, err = f.orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: o.Version,
				CreditOverride: "test data"})
			if err != nil {
				t.Fatal(err)
			}
		}
		if status == domain.OrderDelivered {
			f.orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: status, Delivered: on, Version: o.Version})
		}
	}
	for i := 0; i < 12; i++ {
		st := []domain.OrderStatus{domain.OrderDraft, domain.OrderConfirmed, domain.OrderDelivered}[i%3]
		mk(f.branch, f.day.AddDays(-i*10), int64(i+1)*1000, st)
	}
	mk(f.other, f.day, 50000, domain.OrderConfirmed)

	rows, total, err := f.orders.FindOrders(ctx, domain.OrderFilter{})
	if err != nil || total != 13 || len(rows) != 13 || rows[0].Date != f.day || rows[len(rows)-1].Date != f.day.AddDays(-110) {
		t.Fatalf("all: %v %d %+v", err, total, rows)
	}
	rows, total, _ = f.orders.FindOrders(ctx, domain.OrderFilter{Statuses: []domain.OrderStatus{domain.OrderDelivered},
		DocumentFilter: domain.DocumentFilter{Account: f.branch.ID}})
	if total != 4 || rows[0].Status != domain.OrderDelivered || rows[0].DeliveredOn.IsZero() {
		t.Errorf("delivered of K1: %d %+v", total, rows)
	}
	rows, total, _ = f.orders.FindOrders(ctx, domain.OrderFilter{DocumentFilter: domain.DocumentFilter{
		From: f.day.AddDays(-35), To: f.day.AddDays(-10), Sort: domain.SortByValue, Limit: 2}})
	if total != 3 || len(rows) != 2 || rows[0].Net < rows[1].Net || rows[0].Lines != 1 {
		t.Errorf("range by value: %d %+v", total, rows)
	}
	rows, _, _ = f.orders.FindOrders(ctx, domain.OrderFilter{DocumentFilter: domain.DocumentFilter{Owner: "piotr"}})
	if len(rows) != 1 || rows[0].AccountCode != "K2" || rows[0].Owner != "piotr" {
		t.Errorf("owner: %+v", rows)
	}
	rows, total, _ = f.orders.FindOrders(ctx, domain.OrderFilter{DocumentFilter: domain.DocumentFilter{Asc: true, Offset: 10, Limit: 5}})
	if total != 13 || len(rows) != 3 || rows[2].Date.Before(rows[0].Date) {
		t.Errorf("paging: %d %+v", total, rows)
	}
	// The daily counts follow every change: a cancelled order moves, a deleted draft leaves.
	rows, _, _ = f.orders.FindOrders(ctx, domain.OrderFilter{Statuses: []domain.OrderStatus{domain.OrderDraft}})
	first, _ := f.orders.FindOrderByID(ctx, rows[0].ID)
	f.orders.SetOrderStatus(ctx, first.ID, domain.OrderStatusChange{Status: domain.OrderCancelled, Reason: "duplikat", Version: first.Version})
	if err := f.orders.DeleteOrder(ctx, rows[1].ID); err != nil {
		t.Fatal(err)
	}
	upd := domain.OrderUpdate{OrderFields: rows2order(t, f, rows[2].ID), Version: 0}
	upd.Owner, upd.Date = "ktoś inny", f.day.AddDays(-200)
	if _, err := f.orders.UpdateOrder(ctx, rows[2].ID, upd); err != nil {
		t.Fatal(err)
	}
	checkOrderCounts(t, f.db)
	if _, total, _ = f.orders.FindOrders(ctx, domain.OrderFilter{Statuses: []domain.OrderStatus{domain.OrderDraft}}); total != 2 {
		t.Errorf("drafts after the changes: %d", total)
	}
	if _, _, err := f.orders.FindOrders(ctx, domain.OrderFilter{Statuses: []domain.OrderStatus{"shipped"}}); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("unknown status: %v", err)
	}

	// Quotes: one valid, one expired draft, one expired but accepted.
	lines := f.priced(t, f.branch.ID, f.day, []string{"MAK"}, []int64{1000})
	a := f.newQuote(t, lines)
	qf := domain.NewQuoteFields(f.branch, f.day.AddDays(-60), 30)
	qf.Lines = lines
	b, _ := f.quotes.CreateQuote(ctx, qf)
	c, _ := f.quotes.CreateQuote(ctx, qf)
	// Sent and accepted back then, while valid.
	now := *f.clock
	*f.clock = now.AddDate(0, 0, -60)
	c, err = f.quotes.SetQuoteStatus(ctx, c.ID, c.Version, domain.QuoteSent)
	if err != nil {
		t.Fatal(err)
	}
	if _, err = f.quotes.SetQuoteStatus(ctx, c.ID, c.Version, domain.QuoteAccepted); err != nil {
		t.Fatal(err)
	}
	*f.clock = now
	_, err = f.quotes.SetQuoteStatus(ctx, b.ID, b.Version, domain.QuoteSent)
	wantErr(t, err, domain.EInvalid, "quote.send_expired")
	qrows, total, err := f.quotes.FindQuotes(ctx, domain.QuoteFilter{Statuses: []domain.QuoteStatus{domain.QuoteExpired}, Today: f.day})
	if err != nil || total != 1 || qrows[0].ID != b.ID || !qrows[0].Expired || qrows[0].Status != domain.QuoteDraft {
		t.Errorf("expired: %v %d %+v", err, total, qrows)
	}
	qrows, total, _ = f.quotes.FindQuotes(ctx, domain.QuoteFilter{Statuses: []domain.QuoteStatus{domain.QuoteDraft}, Today: f.day})
	if total != 1 || qrows[0].ID != a.ID {
		t.Errorf("draft, not expired: %d %+v", total, qrows)
	}
	qrows, total, _ = f.quotes.FindQuotes(ctx, domain.QuoteFilter{Today: f.day})
	if total != 3 || qrows[0].ID != a.ID {
		t.Errorf("all quotes: %d %+v", total, qrows)
	}
	for _, r := range qrows {
		if r.ID == c.ID && r.Expired {
			t.Errorf("an accepted quote never expires")
		}
	}
}

func TestNumberSeriesSettings(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	set, err := f.settings.FindDocumentSettings(ctx)
	if err != nil || *set != domain.DefaultDocumentSettings() {
		t.Fatalf("defaults: %v %+v", err, set)
	}
	lines := f.priced(t, f.branch.ID, f.day, []string{"MAK"}, []int64{1000})
	f.newQuote(t, lines)
	set.Quotes = domain.NumberSeries{Prefix: "Q-", Digits: 3}
	set.QuoteValidDays = 14
	if _, err := f.settings.SaveDocumentSettings(ctx, *set); err != nil {
		t.Fatal(err)
	}
	if q := f.newQuote(t, lines); q.Number != "Q-001" {
		t.Errorf("new series: %s", q.Number)
	}
	if q := f.newQuote(t, lines); q.Number != "Q-002" {
		t.Errorf("continues: %s", q.Number)
	}
	// Yearly series restart with the document's year.
	set.Quotes = domain.NumberSeries{Prefix: "OF/", Yearly: true, Digits: 5}
	f.settings.SaveDocumentSettings(ctx, *set)
	qf := domain.NewQuoteFields(f.branch, domain.NewDate(2027, 1, 2), 30)
	qf.Lines = lines
	if q, err := f.quotes.CreateQuote(ctx, qf); err != nil || q.Number != "OF/2027/00001" {
		t.Errorf("new year: %v %v", q, err)
	}
	if q := f.newQuote(t, lines); q.Number != "OF/2026/00002" {
		t.Errorf("back in 2026: %s", q.Number)
	}
	set.Orders.Prefix = set.Quotes.Prefix
	_, err = f.settings.SaveDocumentSettings(ctx, *set)
	wantFieldErr(t, err, domain.EInvalid, "orders.prefix", "series.same_prefix")
	got, _ := f.settings.FindDocumentSettings(ctx)
	if got.QuoteValidDays != 14 || got.Orders.Prefix != "ZAM/" {
		t.Errorf("saved %+v", got)
	}
}

func rows2order(t *testing.T, f *docFixture, id domain.OrderID) domain.OrderFields {
	t.Helper()
	o, err := f.orders.FindOrderByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return o.OrderFields
}

// checkOrderCounts compares the daily counts the list totals come from with the orders.
func checkOrderCounts(t *testing.T, db *store.DB) {
	t.Helper()
	raw := rawDB(t, db)
	var diff int
	if err := raw.QueryRow(`SELECT count(*) FROM (
		SELECT ordered_on, status, owner, count(*) AS n FROM orders GROUP BY 1, 2, 3
		EXCEPT SELECT ordered_on, status, owner, n FROM order_counts)`).Scan(&diff); err != nil {
		t.Fatal(err)
	}
	var extra int
	raw.QueryRow(`SELECT count(*) FROM order_counts c WHERE n <> (SELECT count(*) FROM orders o
		WHERE o.ordered_on = c.ordered_on AND o.status = c.status AND o.owner = c.owner)`).Scan(&extra)
	if diff != 0 || extra != 0 {
		t.Errorf("order_counts disagrees with orders: %d missing, %d wrong", diff, extra)
	}
}

// TestDocumentsAreInTheCatalogCurrency: prices come from the PLN catalog, so a
// quote and an order for an account kept in euro are in PLN too (never PLN
// amounts labelled EUR).
func TestDocumentsAreInTheCatalogCurrency(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	eur := mustCreate(t, f.accounts, "DE1", "Müller GmbH", "Berlin", func(a *domain.AccountFields) {
		a.Country, a.Currency = "DE", "EUR"
	})
	qf := domain.NewQuoteFields(eur, f.day, 30)
	qf.Lines = f.priced(t, eur.ID, f.day, []string{"MAK"}, []int64{2000})
	q, err := f.quotes.CreateQuote(ctx, qf)
	if err != nil {
		t.Fatal(err)
	}
	if q.Currency != domain.CatalogCurrency {
		t.Errorf("quote for a euro account in %s", q.Currency)
	}
	of := domain.NewOrderFields(eur, f.day)
	of.Lines = qf.Lines
	o, err := f.orders.CreateOrder(ctx, of)
	if err != nil {
		t.Fatal(err)
	}
	if o.Currency != domain.CatalogCurrency {
		t.Errorf("order for a euro account in %s", o.Currency)
	}
}
