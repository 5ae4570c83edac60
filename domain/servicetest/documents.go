package servicetest

import (
	"testing"

	"kontor/domain"
)

// docFixture is an account with a contact, another account, and products.
type docFixture struct {
	s                Services
	acc, other       *domain.Account
	jan, stranger    *domain.Contact
	cheap, bulk, veg *domain.Product
}

func newDocFixture(t *testing.T, open Factory) *docFixture {
	t.Helper()
	s := open(t)
	x := &docFixture{s: s}
	x.acc = account(t, s, "K1", "Hurtownia Łódź", "Łódź", withOwner("Anna"), func(f *domain.AccountFields) {
		f.PaymentTerms = domain.PaymentTerms{Days: 14}
		f.ShipStreet, f.ShipCity, f.ShipPostal = "ul. Magazynowa 5", "Łódź", "90-002"
	})
	x.other = account(t, s, "K2", "Sklep", "Kraków", withOwner("Piotr"))
	x.jan = contact(t, s, x.acc.ID, "Jan", "Kowalski", "jan@example.pl")
	x.stranger = contact(t, s, x.other.ID, "Ewa", "Nowak", "")
	x.cheap = product(t, s, "DROB-1", "Drobiazg", "0,33")
	x.bulk = product(t, s, "MAK-1", "Mąka", "12,3456", func(f *domain.ProductFields) { f.Unit, f.VATRate = "kg", domain.VAT8 })
	x.veg = product(t, s, "ZIE-1", "Ziemniaki", "2", func(f *domain.ProductFields) { f.VATRate = domain.VAT5 })
	return x
}

// moneyLines are three lines of 0,33 at 23 % and one of 3 kg at 12,3456 less
// 10 % at 8 %: VAT on the sum per rate is 0,23 + 2,67, where per line it
// would be 3 × 0,08 + 2,67.
func (x *docFixture) moneyLines(t *testing.T) []domain.DocumentLine {
	l := []domain.DocumentLine{line(t, x.cheap, "1"), line(t, x.cheap, "1"), line(t, x.cheap, "1"), line(t, x.bulk, "3")}
	l[3].Discount = domain.Percent(1000)
	return l
}

// DocumentSettings: numbering and quote validity.
func DocumentSettings(t *testing.T, open Factory) {
	s := open(t)
	d, err := s.DocSettings.FindDocumentSettings(ctx)
	check(t, "never saved", err)
	equal(t, "defaults", *d, domain.DefaultDocumentSettings())
	in := domain.DefaultDocumentSettings()
	in.Quotes.Prefix, in.Orders.Prefix, in.Orders.Yearly, in.QuoteValidDays = " OF-", " Z/ ", false, 14
	in.Invoices.Digits = 6
	saved, err := s.DocSettings.SaveDocumentSettings(ctx, in)
	check(t, "save", err)
	want := in
	want.Quotes.Prefix, want.Orders.Prefix = "OF-", "Z/"
	equal(t, "saved", *saved, want)
	d, err = s.DocSettings.FindDocumentSettings(ctx)
	check(t, "find", err)
	equal(t, "found", *d, want)
	in.Orders.Prefix, in.QuoteValidDays = "OF-", 0
	_, err = s.DocSettings.SaveDocumentSettings(ctx, in)
	wantErr(t, "invalid", err, domain.EInvalid, "settings.invalid")
	wantField(t, "invalid", err, domain.EInvalid, "orders.prefix", "series.same_prefix")
	wantField(t, "invalid", err, domain.EInvalid, domain.FieldQuoteValidDays, "quote.valid_days")
}

// Quotes: numbering, lines completed from the catalog, totals, revisions, the
// lifecycle, conversion to an order and the list.
func Quotes(t *testing.T, open Factory) {
	t.Run("CreateFindUpdate", func(t *testing.T) {
		t.Parallel()
		x := newDocFixture(t, open)
		s := x.s
		f := domain.NewQuoteFields(x.acc, Today, 30)
		f.AccountID, f.AccountCode, f.Owner = 0, "k1", ""
		f.ContactID, f.Lines = x.jan.ID, x.moneyLines(t)
		// A line given by SKU alone is completed from the catalog at the list price.
		f.Lines = append(f.Lines, domain.DocumentLine{SKU: "zie-1", Quantity: qty(t, "2")})
		q, err := s.Quotes.CreateQuote(ctx, f)
		check(t, "create", err)
		series := domain.DefaultDocumentSettings().Quotes
		if q.ID == 0 || q.Number != series.Format(2026, 1) || q.Revision != 1 || q.Status != domain.QuoteDraft || q.Version != 1 ||
			q.AccountID != x.acc.ID || q.AccountCode != "K1" || q.AccountName != "Hurtownia Łódź" || q.ContactName != "Jan Kowalski" ||
			q.Owner != "Anna" || q.Currency != domain.CatalogCurrency || !q.CreatedAt.Equal(Now) {
			t.Errorf("created = %+v", q)
		}
		if len(q.Lines) != 5 {
			t.Fatalf("lines = %+v", q.Lines)
		}
		l := q.Lines[4]
		if l.ProductID != x.veg.ID || l.SKU != "ZIE-1" || l.Name != "Ziemniaki" || l.Unit != "szt" || l.VATRate != domain.VAT5 ||
			l.Price.String() != "2.00" || l.Source != domain.SourceList {
			t.Errorf("completed line = %+v", l)
		}
		tot := q.Totals()
		if tot.Net.String() != "38.32" || tot.VAT.String() != "3.10" || tot.Gross.String() != "41.42" {
			t.Errorf("totals = net %s, VAT %s, gross %s; want 38.32, 3.10, 41.42", tot.Net, tot.VAT, tot.Gross)
		}
		got, err := s.Quotes.FindQuoteByID(ctx, q.ID)
		check(t, "find", err)
		if got.Number != q.Number || len(got.Lines) != 5 || got.Lines[3].Discount != 1000 || got.Totals().Gross != tot.Gross {
			t.Errorf("found = %+v", got)
		}
		second, err := s.Quotes.CreateQuote(ctx, domain.NewQuoteFields(x.other, Today, 30))
		check(t, "second", err)
		equal(t, "second number", second.Number, series.Format(2026, 2))
		equal(t, "second owner", second.Owner, "Piotr")

		f = got.QuoteFields
		f.Lines = f.Lines[:1]
		f.Notes = "Krótsza"
		up, err := s.Quotes.UpdateQuote(ctx, q.ID, domain.QuoteUpdate{QuoteFields: f, Version: got.Version})
		check(t, "update a draft", err)
		if up.Revision != 1 || up.Version != 2 || len(up.Lines) != 1 || up.Notes != "Krótsza" || up.Number != q.Number {
			t.Errorf("updated draft = %+v", up)
		}
		_, err = s.Quotes.UpdateQuote(ctx, q.ID, domain.QuoteUpdate{QuoteFields: f, Version: 1})
		wantErr(t, "stale", err, domain.EConflict, "record.changed")
		_, err = s.Quotes.UpdateQuote(ctx, 999, domain.QuoteUpdate{QuoteFields: f, Version: 1})
		wantErr(t, "update missing", err, domain.ENotFound, "quote.not_found")
		_, err = s.Quotes.FindQuoteByID(ctx, 999)
		wantErr(t, "find missing", err, domain.ENotFound, "quote.not_found")
	})

	t.Run("Invalid", func(t *testing.T) {
		t.Parallel()
		x := newDocFixture(t, open)
		s := x.s
		f := domain.NewQuoteFields(x.acc, Today, 30)
		f.ContactID = x.stranger.ID
		f.Lines = []domain.DocumentLine{{SKU: "NOPE", Quantity: qty(t, "1")}, {SKU: "DROB-1", Quantity: qty(t, "1,5")}}
		_, err := s.Quotes.CreateQuote(ctx, f)
		wantErr(t, "invalid", err, domain.EInvalid, "quote.invalid")
		wantField(t, "another account's contact", err, domain.EInvalid, domain.FieldContact, "document.contact_not_of_account")
		wantField(t, "unknown SKU", err, domain.EInvalid, domain.LineField(0, domain.FieldSKU), "product.unknown_sku")
		// The unit comes from the catalog, so its rule applies to a line given without one.
		wantField(t, "a piece split", err, domain.EInvalid, domain.LineField(1, domain.FieldQuantity), "quantity.whole")
		f = domain.NewQuoteFields(x.acc, Today, 30)
		f.AccountID, f.AccountCode = 0, "NOPE"
		f.ValidUntil = Today.AddDays(-1)
		_, err = s.Quotes.CreateQuote(ctx, f)
		wantField(t, "unknown account", err, domain.EInvalid, domain.FieldAccountCode, "account.unknown")
		wantField(t, "valid before its date", err, domain.EInvalid, domain.FieldValidUntil, "quote.valid_before_date")
		f = domain.NewQuoteFields(x.acc, Today, 30)
		f.AccountID = 999
		_, err = s.Quotes.CreateQuote(ctx, f)
		wantField(t, "account gone", err, domain.EInvalid, domain.FieldAccountCode, "account.unknown")
	})

	t.Run("Lifecycle", func(t *testing.T) {
		t.Parallel()
		x := newDocFixture(t, open)
		s := x.s
		f := domain.NewQuoteFields(x.acc, Today, 30)
		f.Lines = []domain.DocumentLine{line(t, x.veg, "10")}
		q, err := s.Quotes.CreateQuote(ctx, f)
		check(t, "create", err)
		_, err = s.Quotes.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteAccepted)
		wantErr(t, "accept a draft", err, domain.EInvalid, "quote.transition")
		_, err = s.Quotes.SetQuoteStatus(ctx, q.ID, 7, domain.QuoteSent)
		wantErr(t, "stale", err, domain.EConflict, "record.changed")
		sent, err := s.Quotes.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteSent)
		check(t, "send", err)
		if sent.Status != domain.QuoteSent || sent.Version != 2 {
			t.Errorf("sent = %s, version %d", sent.Status, sent.Version)
		}
		wantErr(t, "delete a sent quote", s.Quotes.DeleteQuote(ctx, q.ID), domain.EInvalid, "quote.delete_sent")

		// Editing a sent quote keeps what the customer saw as revision 1.
		f = sent.QuoteFields
		f.Lines = append(f.Lines, line(t, x.cheap, "3"))
		r2, err := s.Quotes.UpdateQuote(ctx, q.ID, domain.QuoteUpdate{QuoteFields: f, Version: sent.Version})
		check(t, "edit the sent quote", err)
		if r2.Revision != 2 || r2.Status != domain.QuoteDraft || r2.Version != 3 || len(r2.Lines) != 2 || r2.Number != q.Number {
			t.Errorf("revision 2 = %+v", r2)
		}
		r1, err := s.Quotes.FindQuoteRevision(ctx, q.ID, 1)
		check(t, "revision 1", err)
		if r1.Revision != 1 || r1.Status != domain.QuoteSent || r1.Version != 0 || len(r1.Lines) != 1 || r1.Number != q.Number {
			t.Errorf("revision 1 = %+v", r1)
		}
		cur, err := s.Quotes.FindQuoteRevision(ctx, q.ID, 2)
		check(t, "revision 2", err)
		equal(t, "current revision's version", cur.Version, 3)
		_, err = s.Quotes.FindQuoteRevision(ctx, q.ID, 5)
		wantErr(t, "revision 5", err, domain.ENotFound, "quote.revision_not_found")
		revs, err := s.Quotes.QuoteRevisions(ctx, q.ID)
		check(t, "revisions", err)
		equalList(t, "revisions", mapList(revs, func(r domain.QuoteRevision) string {
			return string(r.Status) + " " + r.Gross.String() + " " + string(rune('0'+r.Lines))
		}), []string{"draft 22.22 2", "sent 21.00 1"})
		_, err = s.Quotes.QuoteRevisions(ctx, 999)
		wantErr(t, "revisions of missing", err, domain.ENotFound, "quote.not_found")
		wantErr(t, "delete a draft once sent", s.Quotes.DeleteQuote(ctx, q.ID), domain.EInvalid, "quote.delete_sent")

		_, err = s.Quotes.ConvertQuote(ctx, q.ID, r2.Version)
		wantErr(t, "convert a draft", err, domain.EInvalid, "quote.convert_not_accepted")
		sent, err = s.Quotes.SetQuoteStatus(ctx, q.ID, r2.Version, domain.QuoteSent)
		check(t, "send again", err)
		acc, err := s.Quotes.SetQuoteStatus(ctx, q.ID, sent.Version, domain.QuoteAccepted)
		check(t, "accept", err)
		_, err = s.Quotes.UpdateQuote(ctx, q.ID, domain.QuoteUpdate{QuoteFields: acc.QuoteFields, Version: acc.Version})
		wantErr(t, "edit an accepted quote", err, domain.EInvalid, "quote.closed")

		o, err := s.Quotes.ConvertQuote(ctx, q.ID, acc.Version)
		check(t, "convert", err)
		if o.Status != domain.OrderDraft || o.QuoteID != q.ID || o.QuoteNumber != q.Number || o.AccountID != x.acc.ID ||
			o.Number != domain.DefaultDocumentSettings().Orders.Format(2026, 1) || len(o.Lines) != 2 || o.Date != Today ||
			o.Totals().Gross.String() != "22.22" || o.Owner != "Anna" || o.DeliveryAddress.Street != "ul. Magazynowa 5" {
			t.Errorf("order = %+v", o)
		}
		conv, err := s.Quotes.FindQuoteByID(ctx, q.ID)
		check(t, "converted quote", err)
		if conv.OrderID != o.ID || conv.Version != acc.Version+1 {
			t.Errorf("converted quote: order %d, version %d; want %d, %d", conv.OrderID, conv.Version, o.ID, acc.Version+1)
		}
		_, err = s.Quotes.ConvertQuote(ctx, q.ID, conv.Version)
		wantErr(t, "convert twice", err, domain.EConflict, "quote.converted")

		expiring := domain.NewQuoteFields(x.acc, Today.AddDays(-40), 30)
		old, err := s.Quotes.CreateQuote(ctx, expiring)
		check(t, "old quote", err)
		_, err = s.Quotes.SetQuoteStatus(ctx, old.ID, old.Version, domain.QuoteSent)
		wantErr(t, "send an expired quote", err, domain.EInvalid, "quote.send_expired")
		check(t, "delete a draft", s.Quotes.DeleteQuote(ctx, old.ID))
		_, err = s.Quotes.FindQuoteByID(ctx, old.ID)
		wantErr(t, "deleted", err, domain.ENotFound, "quote.not_found")
		wantErr(t, "delete missing", s.Quotes.DeleteQuote(ctx, old.ID), domain.ENotFound, "quote.not_found")
	})

	t.Run("ListAndDuplicate", func(t *testing.T) {
		t.Parallel()
		x := newDocFixture(t, open)
		s := x.s
		mk := func(a *domain.Account, on domain.Date, valid int, q string, status ...domain.QuoteStatus) *domain.Quote {
			t.Helper()
			f := domain.NewQuoteFields(a, on, valid)
			f.Lines = []domain.DocumentLine{line(t, x.veg, q)}
			quote, err := s.Quotes.CreateQuote(ctx, f)
			check(t, "create", err)
			for _, st := range status {
				quote, err = s.Quotes.SetQuoteStatus(ctx, quote.ID, quote.Version, st)
				check(t, "status", err)
			}
			return quote
		}
		q1 := mk(x.acc, Today.AddDays(-3), 30, "5", domain.QuoteSent)                         // sent, valid
		q2 := mk(x.acc, Today.AddDays(-2), 1, "50")                                           // draft, expired yesterday
		q3 := mk(x.other, Today.AddDays(-2), 30, "1", domain.QuoteSent, domain.QuoteRejected) // rejected
		q4 := mk(x.acc, Today, 30, "20")                                                      // draft, valid
		numbers := func(rows []domain.QuoteRow) []string {
			return mapList(rows, func(r domain.QuoteRow) string { return r.Number })
		}
		list := func(f domain.QuoteFilter) ([]domain.QuoteRow, int) {
			t.Helper()
			rows, total, err := s.Quotes.FindQuotes(ctx, f)
			check(t, "list", err)
			return rows, total
		}
		rows, total := list(domain.QuoteFilter{})
		equal(t, "total", total, 4)
		// Newest first, one day's by number, the later first.
		equalList(t, "newest first", numbers(rows), []string{q4.Number, q3.Number, q2.Number, q1.Number})
		r := rows[2]
		if !r.Expired || r.Status != domain.QuoteDraft || r.AccountCode != "K1" || r.AccountName != "Hurtownia Łódź" ||
			r.Net.String() != "100.00" || r.Gross.String() != "105.00" || r.Lines != 1 || r.Currency != "PLN" || r.Owner != "Anna" {
			t.Errorf("row = %+v", r)
		}
		rows, _ = list(domain.QuoteFilter{DocumentFilter: domain.DocumentFilter{Sort: domain.SortByValue}})
		equalList(t, "largest first", numbers(rows), []string{q2.Number, q4.Number, q1.Number, q3.Number})
		rows, total = list(domain.QuoteFilter{DocumentFilter: domain.DocumentFilter{Sort: domain.SortByValue, Asc: true, Offset: 1, Limit: 2}})
		equal(t, "page total", total, 4)
		equalList(t, "smallest first, a page", numbers(rows), []string{q1.Number, q4.Number})
		rows, total = list(domain.QuoteFilter{Statuses: []domain.QuoteStatus{domain.QuoteExpired}})
		equal(t, "expired total", total, 1)
		equalList(t, "expired", numbers(rows), []string{q2.Number})
		rows, _ = list(domain.QuoteFilter{Statuses: []domain.QuoteStatus{domain.QuoteDraft, domain.QuoteRejected}})
		equalList(t, "drafts (not expired) and rejected", numbers(rows), []string{q4.Number, q3.Number})
		rows, _ = list(domain.QuoteFilter{Statuses: []domain.QuoteStatus{domain.QuoteDraft}, Today: Today.AddDays(-2)})
		equalList(t, "drafts on another day", numbers(rows), []string{q4.Number, q2.Number})
		rows, _ = list(domain.QuoteFilter{DocumentFilter: domain.DocumentFilter{Account: x.acc.ID, From: Today.AddDays(-2), To: Today.AddDays(-1)}})
		equalList(t, "account and days", numbers(rows), []string{q2.Number})
		rows, _ = list(domain.QuoteFilter{DocumentFilter: domain.DocumentFilter{Owner: "Piotr"}})
		equalList(t, "owner", numbers(rows), []string{q3.Number})
		_, _, err := s.Quotes.FindQuotes(ctx, domain.QuoteFilter{Statuses: []domain.QuoteStatus{"lost"}})
		wantErr(t, "unknown status", err, domain.EInvalid, "quote.status_invalid")

		agreement(t, s, map[string]string{domain.FieldSKU: "ZIE-1", domain.FieldAccountCode: "K2", domain.FieldPrice: "1,50"})
		dup, changes, err := s.Quotes.DuplicateQuote(ctx, q1.ID, x.other.ID, Today)
		check(t, "duplicate", err)
		if dup.AccountID != x.other.ID || dup.Date != Today || dup.ValidUntil != Today.AddDays(30) || dup.Owner != "Piotr" ||
			dup.ContactID != 0 || len(dup.Lines) != 1 || dup.Lines[0].Price.String() != "1.50" || dup.Lines[0].Source != domain.SourceAccount {
			t.Errorf("duplicate = %+v", dup)
		}
		if len(changes) != 1 || changes[0].Old.String() != "2.00" || changes[0].New.String() != "1.50" {
			t.Errorf("changes = %+v", changes)
		}
		_, _, err = s.Quotes.DuplicateQuote(ctx, 999, x.other.ID, Today)
		wantErr(t, "duplicate missing", err, domain.ENotFound, "quote.not_found")
		_, total = list(domain.QuoteFilter{})
		equal(t, "a duplicate is not saved", total, 4)
	})
}

// Orders: numbering, the lifecycle with its locks, credit control, repeat,
// last prices and the list.
func Orders(t *testing.T, open Factory) {
	t.Run("Lifecycle", func(t *testing.T) {
		t.Parallel()
		x := newDocFixture(t, open)
		s := x.s
		empty, err := s.Orders.CreateOrder(ctx, domain.NewOrderFields(x.acc, Today))
		check(t, "create empty", err)
		orders := domain.DefaultDocumentSettings().Orders
		if empty.Number != orders.Format(2026, 1) || empty.Status != domain.OrderDraft || empty.Version != 1 || empty.Owner != "Anna" ||
			empty.DeliveryAddress.Street != "ul. Magazynowa 5" || empty.PaymentTerms.Days != 14 || empty.AccountName != "Hurtownia Łódź" {
			t.Errorf("created = %+v", empty)
		}
		_, err = s.Orders.SetOrderStatus(ctx, empty.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: empty.Version})
		wantErr(t, "confirm an empty order", err, domain.EInvalid, "order.confirm_empty")
		f := empty.OrderFields
		f.ContactID, f.Lines = x.jan.ID, x.moneyLines(t)
		o, err := s.Orders.UpdateOrder(ctx, empty.ID, domain.OrderUpdate{OrderFields: f, Version: empty.Version})
		check(t, "add lines", err)
		if o.Version != 2 || len(o.Lines) != 4 || o.ContactName != "Jan Kowalski" || o.Totals().Gross.String() != "37.22" {
			t.Errorf("with lines = %+v", o)
		}
		_, err = s.Orders.UpdateOrder(ctx, o.ID, domain.OrderUpdate{OrderFields: f, Version: 1})
		wantErr(t, "stale", err, domain.EConflict, "record.changed")
		_, err = s.Orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: Today, Version: o.Version})
		wantErr(t, "deliver a draft", err, domain.EInvalid, "order.transition")
		conf, err := s.Orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: o.Version})
		check(t, "confirm", err)
		if conf.Status != domain.OrderConfirmed || conf.Version != 3 {
			t.Errorf("confirmed = %s, version %d", conf.Status, conf.Version)
		}
		wantErr(t, "delete a confirmed order", s.Orders.DeleteOrder(ctx, o.ID), domain.EInvalid, "order.delete_confirmed")

		// A confirmed order takes a new header, never new lines or another account.
		f = conf.OrderFields
		f.Lines = f.Lines[:2]
		_, err = s.Orders.UpdateOrder(ctx, o.ID, domain.OrderUpdate{OrderFields: f, Version: conf.Version})
		wantErr(t, "change a confirmed order's lines", err, domain.EInvalid, "order.lines_locked")
		f = conf.OrderFields
		f.AccountID, f.AccountCode = x.other.ID, x.other.Code
		_, err = s.Orders.UpdateOrder(ctx, o.ID, domain.OrderUpdate{OrderFields: f, Version: conf.Version})
		wantErr(t, "move a confirmed order", err, domain.EInvalid, "order.account_locked")
		f = conf.OrderFields
		f.CustomerPO, f.Notes = "PO-77", "Rampa 2"
		hdr, err := s.Orders.UpdateOrder(ctx, o.ID, domain.OrderUpdate{OrderFields: f, Version: conf.Version})
		check(t, "change a confirmed order's header", err)
		if hdr.CustomerPO != "PO-77" || len(hdr.Lines) != 4 || hdr.Version != 4 {
			t.Errorf("after the header change = %+v", hdr)
		}

		_, err = s.Orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderDelivered, Version: hdr.Version})
		wantField(t, "deliver on no day", err, domain.EInvalid, domain.FieldDeliveredDate, "order.delivered_date_required")
		_, err = s.Orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: Today.AddDays(-1), Version: hdr.Version})
		wantField(t, "deliver before the order", err, domain.EInvalid, domain.FieldDeliveredDate, "order.delivered_before_date")
		del, err := s.Orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: Today, Version: hdr.Version})
		check(t, "deliver", err)
		if del.Status != domain.OrderDelivered || del.DeliveredOn != Today || del.Invoice == 0 ||
			del.InvoiceNumber != domain.DefaultDocumentSettings().Invoices.FormatOn(Today, 1) {
			t.Errorf("delivered = %+v", del)
		}
		_, err = s.Orders.UpdateOrder(ctx, o.ID, domain.OrderUpdate{OrderFields: del.OrderFields, Version: del.Version})
		wantErr(t, "edit a delivered order", err, domain.EInvalid, "order.closed")
		_, err = s.Orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderCancelled, Reason: "x", Version: del.Version})
		wantErr(t, "cancel a delivered order", err, domain.EInvalid, "order.transition")

		byNumber, err := s.Orders.FindOrderByNumber(ctx, " "+o.Number+" ")
		check(t, "by number", err)
		equal(t, "by number", byNumber.ID, o.ID)
		_, err = s.Orders.FindOrderByNumber(ctx, "ZAM/1999/1")
		wantErr(t, "by unknown number", err, domain.ENotFound, "order.not_found")
		_, err = s.Orders.FindOrderByID(ctx, 999)
		wantErr(t, "by unknown id", err, domain.ENotFound, "order.not_found")

		draft, err := s.Orders.CreateOrder(ctx, domain.NewOrderFields(x.acc, Today))
		check(t, "another", err)
		equal(t, "next number", draft.Number, orders.Format(2026, 2))
		_, err = s.Orders.SetOrderStatus(ctx, draft.ID, domain.OrderStatusChange{Status: domain.OrderCancelled, Version: draft.Version})
		wantField(t, "cancel without a reason", err, domain.EInvalid, domain.FieldCancelReason, "order.cancel_reason_required")
		check(t, "delete a draft", s.Orders.DeleteOrder(ctx, draft.ID))
		wantErr(t, "delete missing", s.Orders.DeleteOrder(ctx, draft.ID), domain.ENotFound, "order.not_found")
		_, err = s.Orders.UpdateOrder(ctx, draft.ID, domain.OrderUpdate{OrderFields: draft.OrderFields, Version: draft.Version})
		wantErr(t, "update missing", err, domain.ENotFound, "order.not_found")
		// An account with orders keeps them.
		wantErr(t, "delete an account with orders", s.Accounts.DeleteAccount(ctx, x.acc.ID), domain.EConflict, "account.has_history")
	})

	t.Run("CreditControl", func(t *testing.T) {
		t.Parallel()
		x := newDocFixture(t, open)
		s := x.s
		af := x.other.AccountFields
		af.CreditLimit = amount(t, "100")
		_, err := s.Accounts.UpdateAccount(ctx, x.other.ID, domain.AccountUpdate{AccountFields: af})
		check(t, "set a limit", err)
		mk := func(q string) *domain.Order {
			f := domain.NewOrderFields(x.other, Today)
			f.Lines = []domain.DocumentLine{line(t, x.veg, q)}
			o, err := s.Orders.CreateOrder(ctx, f)
			check(t, "create", err)
			return o
		}
		small, big := mk("40"), mk("20") // 84,00 and 42,00 gross
		c, err := s.Receivables.CheckCredit(ctx, small.ID)
		check(t, "check", err)
		if c.Limit.String() != "100.00" || c.ThisOrder.String() != "84.00" || c.Balance != 0 || c.Undelivered != 0 || len(c.Warnings()) != 0 {
			t.Errorf("check = %+v", c)
		}
		conf, err := s.Orders.SetOrderStatus(ctx, small.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: small.Version})
		check(t, "confirm within the limit", err)
		equal(t, "no override needed", conf.CreditOverride, "")
		c, err = s.Receivables.CheckCredit(ctx, big.ID)
		check(t, "check over", err)
		if c.Undelivered.String() != "84.00" || c.Exposure().String() != "126.00" {
			t.Errorf("check over = %+v", c)
		}
		_, err = s.Orders.SetOrderStatus(ctx, big.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: big.Version})
		wantErr(t, "over the limit", err, domain.EInvalid, "credit.override_required")
		wantField(t, "over the limit", err, domain.EInvalid, domain.FieldCreditOverride, "credit.override_reason_required")
		big, err = s.Orders.SetOrderStatus(ctx, big.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: big.Version,
			CreditOverride: "  stały klient ", OverrideBy: "Anna"})
		check(t, "override", err)
		if big.Status != domain.OrderConfirmed || big.CreditOverride != "stały klient" || big.CreditOverrideBy != "Anna" ||
			!big.CreditOverrideAt.Equal(Now) {
			t.Errorf("overridden = %+v", big)
		}
		_, err = s.Receivables.CheckCredit(ctx, 999)
		wantErr(t, "check missing", err, domain.ENotFound, "order.not_found")
	})

	t.Run("ListRepeatLastPrices", func(t *testing.T) {
		t.Parallel()
		x := newDocFixture(t, open)
		s := x.s
		mk := func(a *domain.Account, on domain.Date, q string, to ...domain.OrderStatus) *domain.Order {
			t.Helper()
			f := domain.NewOrderFields(a, on)
			f.Lines = []domain.DocumentLine{line(t, x.veg, q)}
			o, err := s.Orders.CreateOrder(ctx, f)
			check(t, "create", err)
			for _, st := range to {
				ch := domain.OrderStatusChange{Status: st, Version: o.Version, Delivered: on, Reason: "rezygnacja"}
				o, err = s.Orders.SetOrderStatus(ctx, o.ID, ch)
				check(t, "status "+string(st), err)
			}
			return o
		}
		o1 := mk(x.acc, Today.AddDays(-9), "10", domain.OrderConfirmed, domain.OrderDelivered)
		o2 := mk(x.acc, Today.AddDays(-5), "30", domain.OrderConfirmed)
		o3 := mk(x.other, Today.AddDays(-5), "5", domain.OrderCancelled)
		o4 := mk(x.acc, Today, "1")
		numbers := func(rows []domain.OrderRow) []string {
			return mapList(rows, func(r domain.OrderRow) string { return r.Number })
		}
		list := func(f domain.OrderFilter) ([]domain.OrderRow, int) {
			t.Helper()
			rows, total, err := s.Orders.FindOrders(ctx, f)
			check(t, "list", err)
			return rows, total
		}
		rows, total := list(domain.OrderFilter{})
		equal(t, "total", total, 4)
		equalList(t, "newest first", numbers(rows), []string{o4.Number, o3.Number, o2.Number, o1.Number})
		r := rows[3]
		if r.Status != domain.OrderDelivered || r.DeliveredOn != o1.Date || r.Net.String() != "20.00" || r.Gross.String() != "21.00" ||
			r.AccountCode != "K1" || r.Lines != 1 {
			t.Errorf("row = %+v", r)
		}
		rows, total = list(domain.OrderFilter{Statuses: []domain.OrderStatus{domain.OrderConfirmed, domain.OrderDelivered}})
		equal(t, "confirmed or delivered", total, 2)
		equalList(t, "confirmed or delivered", numbers(rows), []string{o2.Number, o1.Number})
		rows, _ = list(domain.OrderFilter{DocumentFilter: domain.DocumentFilter{Sort: domain.SortByValue, Limit: 2}})
		equalList(t, "largest first", numbers(rows), []string{o2.Number, o1.Number})
		rows, _ = list(domain.OrderFilter{DocumentFilter: domain.DocumentFilter{Account: x.acc.ID, Asc: true}})
		equalList(t, "an account's, oldest first", numbers(rows), []string{o1.Number, o2.Number, o4.Number})
		_, _, err := s.Orders.FindOrders(ctx, domain.OrderFilter{Statuses: []domain.OrderStatus{"lost"}})
		wantErr(t, "unknown status", err, domain.EInvalid, "order.status_invalid")

		// Repeat: the same order dated on another day, its prices as of that day.
		f := o2.OrderFields
		f.CustomerPO, f.RequestedDelivery, f.PaymentTerms = "PO-1", Today, domain.PaymentTerms{Days: 30, EOM: true}
		o2, err = s.Orders.UpdateOrder(ctx, o2.ID, domain.OrderUpdate{OrderFields: f, Version: o2.Version})
		check(t, "header", err)
		agreement(t, s, map[string]string{domain.FieldSKU: "ZIE-1", domain.FieldAccountCode: "K1", domain.FieldPrice: "1,80",
			domain.FieldValidFrom: "2026-12-01"})
		rep, changes, err := s.Orders.RepeatOrder(ctx, o2.ID, date(2026, 12, 1))
		check(t, "repeat", err)
		if rep.Date != date(2026, 12, 1) || rep.CustomerPO != "" || !rep.RequestedDelivery.IsZero() || rep.AccountID != x.acc.ID ||
			rep.PaymentTerms != (domain.PaymentTerms{Days: 30, EOM: true}) || rep.Owner != "Anna" || len(rep.Lines) != 1 ||
			rep.Lines[0].Price.String() != "1.80" {
			t.Errorf("repeat = %+v", rep)
		}
		if len(changes) != 1 || changes[0].New.String() != "1.80" {
			t.Errorf("changes = %+v", changes)
		}
		_, _, err = s.Orders.RepeatOrder(ctx, 999, Today)
		wantErr(t, "repeat missing", err, domain.ENotFound, "order.not_found")

		// Last prices: the latest confirmed or delivered order, and the latest quote.
		qf := domain.NewQuoteFields(x.acc, Today.AddDays(-1), 30)
		ql := line(t, x.veg, "1")
		ql.SetManualPrice(price(t, "1,95"), "promocja")
		qf.Lines = []domain.DocumentLine{ql}
		q, err := s.Quotes.CreateQuote(ctx, qf)
		check(t, "quote", err)
		q, err = s.Quotes.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteSent)
		check(t, "send", err)
		_, err = s.Quotes.UpdateQuote(ctx, q.ID, domain.QuoteUpdate{QuoteFields: q.QuoteFields, Version: q.Version})
		check(t, "revise", err)
		last, err := s.Orders.LastPrices(ctx, x.acc.ID, []string{"zie-1", "MAK-1", "NOPE"})
		check(t, "last prices", err)
		if len(last) != 3 {
			t.Fatalf("last prices = %+v", last)
		}
		lp := last[0]
		if lp.SKU != "ZIE-1" || lp.Ordered.Number != o2.Number || lp.Ordered.Date != o2.Date || lp.Ordered.Price.String() != "2.00" ||
			lp.Quoted.Number != q.Number+" R2" || lp.Quoted.Price.String() != "1.95" || lp.Quoted.Date != q.Date {
			t.Errorf("last price = %+v", lp)
		}
		if last[1].SKU != "MAK-1" || !last[1].Ordered.Date.IsZero() || !last[1].Quoted.Date.IsZero() || last[2].SKU != "NOPE" {
			t.Errorf("never sold, unknown = %+v, %+v", last[1], last[2])
		}
	})
}
