package domain

import (
	"strings"
	"testing"
)

func TestPaymentValidate(t *testing.T) {
	ok := func() PaymentFields {
		return PaymentFields{AccountCode: "K-1", Date: day(2026, 11, 27), Amount: amt("1234.56"), Reference: "  FV/2026/11/0001 "}
	}
	p := ok()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if p.Reference != "FV/2026/11/0001" {
		t.Errorf("reference = %q, want it trimmed", p.Reference)
	}
	byID := PaymentFields{AccountID: 4, Date: day(2026, 1, 1), Amount: 1}
	if err := byID.Validate(); err != nil {
		t.Errorf("an account by id needs no code: %v", err)
	}
	max := ok()
	max.Amount = MaxPayment
	if err := max.Validate(); err != nil {
		t.Errorf("the largest payment: %v", err)
	}
	for _, c := range []struct {
		name  string
		edit  func(*PaymentFields)
		field string
		key   string
	}{
		{"zero", func(p *PaymentFields) { p.Amount = 0 }, FieldAmount, "payment.amount_positive"},
		{"negative", func(p *PaymentFields) { p.Amount = -amt("0.01") }, FieldAmount, "payment.amount_positive"},
		{"too large", func(p *PaymentFields) { p.Amount = MaxPayment + 1 }, FieldAmount, "payment.amount_too_large"},
		{"no account", func(p *PaymentFields) { p.AccountCode = " " }, FieldAccountCode, "field.required"},
		{"no date", func(p *PaymentFields) { p.Date = Date{} }, FieldDate, "field.required"},
		{"long reference", func(p *PaymentFields) { p.Reference = strings.Repeat("ż", 201) }, FieldReference, "field.too_long"},
	} {
		p := ok()
		c.edit(&p)
		err := p.Validate()
		if ErrorCode(err) != EInvalid || fieldKey(err, c.field) != c.key {
			t.Errorf("%s: %v, want %s on %s", c.name, err, c.key, c.field)
		}
	}
}
