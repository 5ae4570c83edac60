package domain

import "testing"

func TestQuoteTransitions(t *testing.T) {
	all := append(append([]QuoteStatus{}, QuoteStatuses...), QuoteExpired)
	allowed := map[[2]QuoteStatus]bool{
		{QuoteDraft, QuoteSent}: true, {QuoteSent, QuoteAccepted}: true, {QuoteSent, QuoteRejected}: true,
	}
	for _, from := range QuoteStatuses {
		for _, to := range all {
			q := Quote{Status: from, QuoteFields: QuoteFields{Date: testDate, ValidUntil: testDate.AddDays(30)}}
			err := q.Transition(to, testDate)
			if want := allowed[[2]QuoteStatus{from, to}]; want != (err == nil) {
				t.Errorf("%s → %s: %v", from, to, err)
			} else if want && q.Status != to {
				t.Errorf("%s → %s left %s", from, to, q.Status)
			} else if !want && (q.Status != from || ErrorCode(err) != EInvalid) {
				t.Errorf("%s → %s refused with %v, status %s", from, to, err, q.Status)
			}
		}
	}
	// An expired draft is not sent; an expired sent quote may still be answered.
	q := Quote{Status: QuoteDraft, QuoteFields: QuoteFields{Date: testDate, ValidUntil: testDate}}
	if err := q.Transition(QuoteSent, testDate.AddDays(1)); ErrorCode(err) != EInvalid || q.Status != QuoteDraft {
		t.Errorf("sending an expired draft: %v", err)
	}
	q.Status = QuoteSent
	if err := q.Transition(QuoteAccepted, testDate.AddDays(5)); err != nil {
		t.Errorf("accepting an expired sent quote: %v", err)
	}
}

func TestQuoteExpiry(t *testing.T) {
	until := NewDate(2026, 3, 31)
	for _, c := range []struct {
		status QuoteStatus
		today  Date
		want   QuoteStatus
	}{
		{QuoteDraft, NewDate(2026, 3, 31), QuoteDraft}, // valid through the last day
		{QuoteDraft, NewDate(2026, 4, 1), QuoteExpired},
		{QuoteSent, NewDate(2026, 3, 30), QuoteSent},
		{QuoteSent, NewDate(2027, 1, 1), QuoteExpired},
		{QuoteAccepted, NewDate(2027, 1, 1), QuoteAccepted}, // never expire
		{QuoteRejected, NewDate(2027, 1, 1), QuoteRejected},
	} {
		q := Quote{Status: c.status, QuoteFields: QuoteFields{ValidUntil: until}}
		if got := q.DisplayStatus(c.today); got != c.want {
			t.Errorf("%s on %s shows %s, want %s", c.status, c.today, got, c.want)
		}
		if q.Status != c.status {
			t.Errorf("display changed the stored status")
		}
		if q.Expired(c.today) != (c.want == QuoteExpired) {
			t.Errorf("Expired(%s) disagrees with DisplayStatus", c.today)
		}
	}
}

func TestQuoteValidate(t *testing.T) {
	ok := QuoteFields{AccountCode: "K1", Date: testDate, ValidUntil: testDate.AddDays(30), PaymentTerms: DefaultPaymentTerms}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid quote: %v", err)
	}
	for _, c := range []struct {
		name  string
		edit  func(q *QuoteFields)
		field string
		key   string
	}{
		{"no account", func(q *QuoteFields) { q.AccountCode = "" }, FieldAccountCode, "field.required"},
		{"no date", func(q *QuoteFields) { q.Date = Date{} }, FieldDate, "field.required"},
		{"no valid until", func(q *QuoteFields) { q.ValidUntil = Date{} }, FieldValidUntil, "field.required"},
		{"valid until before date", func(q *QuoteFields) { q.ValidUntil = testDate.AddDays(-1) }, FieldValidUntil, "quote.valid_before_date"},
		{"terms", func(q *QuoteFields) { q.PaymentTerms.Days = 400 }, FieldPaymentTerms, "terms.invalid"},
	} {
		q := ok
		c.edit(&q)
		e, _ := AsError(q.Validate())
		if e == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if f, found := e.Field(c.field); !found || f.Key != c.key {
			t.Errorf("%s: %v", c.name, e)
		}
	}
}

func TestParseQuoteStatus(t *testing.T) {
	for in, want := range map[string]QuoteStatus{"Draft": QuoteDraft, " sent ": QuoteSent, "ACCEPTED": QuoteAccepted, "expired": QuoteExpired} {
		if got, err := ParseQuoteStatus(in); err != nil || got != want {
			t.Errorf("ParseQuoteStatus(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseQuoteStatus("won"); ErrorCode(err) != EInvalid {
		t.Errorf("unknown status: %v", err)
	}
	if RevisionLabel(1) != "" || RevisionLabel(3) != "R3" {
		t.Errorf("revision labels %q %q", RevisionLabel(1), RevisionLabel(3))
	}
}

func TestOrderTransitions(t *testing.T) {
	allowed := map[[2]OrderStatus]bool{
		{OrderDraft, OrderConfirmed}: true, {OrderDraft, OrderCancelled}: true,
		{OrderConfirmed, OrderDelivered}: true, {OrderConfirmed, OrderCancelled}: true,
	}
	for _, from := range OrderStatuses {
		for _, to := range OrderStatuses {
			o := Order{Status: from, OrderFields: OrderFields{Date: testDate}}
			err := o.Transition(OrderStatusChange{Status: to, Delivered: testDate.AddDays(2), Reason: "klient zrezygnował"})
			if want := allowed[[2]OrderStatus{from, to}]; want != (err == nil) {
				t.Errorf("%s → %s: %v", from, to, err)
			} else if want && o.Status != to {
				t.Errorf("%s → %s left %s", from, to, o.Status)
			}
		}
	}
	o := Order{Status: OrderConfirmed, OrderFields: OrderFields{Date: testDate}}
	err := o.Transition(OrderStatusChange{Status: OrderDelivered})
	if e, _ := AsError(err); e == nil || o.Status != OrderConfirmed {
		t.Errorf("delivered without a date: %v", err)
	} else if _, ok := e.Field(FieldDeliveredDate); !ok {
		t.Errorf("delivered without a date: %v", e)
	}
	if err := o.Transition(OrderStatusChange{Status: OrderDelivered, Delivered: testDate.AddDays(-1)}); err == nil {
		t.Errorf("delivered before the order date accepted")
	}
	err = o.Transition(OrderStatusChange{Status: OrderCancelled, Reason: "  "})
	if e, _ := AsError(err); e == nil || o.Status != OrderConfirmed {
		t.Errorf("cancelled without a reason: %v", err)
	} else if _, ok := e.Field(FieldCancelReason); !ok {
		t.Errorf("cancelled without a reason: %v", e)
	}
	if err := o.Transition(OrderStatusChange{Status: OrderDelivered, Delivered: testDate.AddDays(3)}); err != nil || o.DeliveredOn != testDate.AddDays(3) {
		t.Errorf("delivered: %v %s", err, o.DeliveredOn)
	}
	if !OrderConfirmed.LinesLocked() || OrderDraft.LinesLocked() {
		t.Errorf("lines locked from confirmation on")
	}
}

func TestOrderValidateAndLines(t *testing.T) {
	ok := OrderFields{AccountCode: "K1", Date: testDate, PaymentTerms: DefaultPaymentTerms,
		Lines: []DocumentLine{line("A", VAT23, "1", "10", "0")}}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid order: %v", err)
	}
	o := ok
	o.Date = Date{}
	if e, _ := AsError(o.Validate()); e == nil {
		t.Errorf("no order date accepted")
	} else if _, found := e.Field(FieldOrderDate); !found {
		t.Errorf("no order date: %v", e)
	}
	o = ok
	o.RequestedDelivery = testDate.AddDays(-2)
	if o.Validate() == nil {
		t.Errorf("delivery requested before the order accepted")
	}
	if _, err := ParseOrderStatus("wysłane"); ErrorCode(err) != EInvalid {
		t.Errorf("unknown status accepted")
	}
	if s, err := ParseOrderStatus(""); err != nil || s != OrderConfirmed {
		t.Errorf("blank status = %s, %v", s, err)
	}

	a := []DocumentLine{line("A", VAT23, "1", "10", "0"), line("B", VAT8, "2", "5", "0")}
	b := append([]DocumentLine(nil), a...)
	b[0].SKU, b[0].Name = "a", "renamed"
	if !SameLines(a, b) {
		t.Errorf("SKU case and names are not the customer's business")
	}
	b[1].Quantity++
	if SameLines(a, b) || SameLines(a, a[:1]) {
		t.Errorf("a changed quantity or a removed line must count")
	}
}

func TestShippingAddress(t *testing.T) {
	a := Account{AccountFields: AccountFields{Street: "Długa 1", PostalCode: "00-001", City: "Warszawa", Country: "PL"}}
	if a.ShippingAddress() != a.BillingAddress() {
		t.Errorf("no shipping address: the billing one")
	}
	a.ShipStreet, a.ShipCity, a.ShipPostal = "Magazynowa 5", "Łódź", "90-001"
	if s := a.ShippingAddress(); s.City != "Łódź" || s.Country != "PL" {
		t.Errorf("shipping = %+v", s)
	}
}
