package domain

import (
	"testing"
)

func agreementFrom(kv map[string]string) (AgreementFields, map[string]error) {
	f := NewAgreementFields()
	errs := map[string]error{}
	for _, field := range AgreementFieldOrder {
		if v, ok := kv[field]; ok {
			if err := f.Set(field, v); err != nil {
				errs[field] = err
			}
		}
	}
	return f, errs
}

func TestAgreementFieldsRoundTrip(t *testing.T) {
	f, errs := agreementFrom(map[string]string{"sku": "MAK-1", "customer_group": "Hurt", "min_qty": "10",
		"discount_pct": "12,5", "valid_from": "01.03.2026", "valid_to": "2026-03-31"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	if f.Target() != TargetGroup || f.MinQty != 10*One || f.Discount != 1250 || !f.HasDiscount || f.HasPrice {
		t.Errorf("%+v", f)
	}
	want := map[string]string{"sku": "MAK-1", "account_code": "", "customer_group": "Hurt", "min_qty": "10",
		"price": "", "discount_pct": "12.5", "valid_from": "2026-03-01", "valid_to": "2026-03-31"}
	for k, v := range want {
		if got := f.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	d, _ := agreementFrom(map[string]string{"sku": "X", "account_code": "K1", "price": "9,99"})
	if d.MinQty != One || d.Price != 99900 || d.Target() != TargetAccount || d.Validate() != nil {
		t.Errorf("defaults: %+v", d)
	}
}

func TestAgreementBadInput(t *testing.T) {
	base := map[string]string{"sku": "X", "account_code": "K1", "price": "10"}
	for _, tc := range []struct {
		name  string
		kv    map[string]string
		field string
	}{
		{"both price and discount", map[string]string{"discount_pct": "5"}, "discount_pct"},
		{"neither price nor discount", map[string]string{"price": ""}, "price"},
		{"discount over 100", map[string]string{"price": "", "discount_pct": "100.01"}, "discount_pct"},
		{"negative discount", map[string]string{"price": "", "discount_pct": "-1"}, "discount_pct"},
		{"over-precise discount", map[string]string{"price": "", "discount_pct": "5.125"}, "discount_pct"},
		{"negative price", map[string]string{"price": "-0.01"}, "price"},
		{"over-precise price", map[string]string{"price": "0.00001"}, "price"},
		{"valid_to before valid_from", map[string]string{"valid_from": "2026-03-02", "valid_to": "2026-03-01"}, "valid_to"},
		{"bad date", map[string]string{"valid_from": "2026-02-30"}, "valid_from"},
		{"both targets", map[string]string{"customer_group": "Hurt"}, "customer_group"},
		{"no target", map[string]string{"account_code": ""}, "account_code"},
		{"no SKU", map[string]string{"sku": ""}, "sku"},
		{"zero min_qty", map[string]string{"min_qty": "0"}, "min_qty"},
		{"over-precise min_qty", map[string]string{"min_qty": "1.0001"}, "min_qty"},
	} {
		kv := map[string]string{}
		for k, v := range base {
			kv[k] = v
		}
		for k, v := range tc.kv {
			kv[k] = v
		}
		f, errs := agreementFrom(kv)
		_, blamed := errs[tc.field]
		if err := f.Validate(); err != nil {
			e, _ := AsError(err)
			_, ok := e.Field(tc.field)
			blamed = blamed || ok
		}
		if !blamed {
			t.Errorf("%s: %s not blamed (%v)", tc.name, tc.field, errs)
		}
	}
}

func TestAgreementCheckUnit(t *testing.T) {
	f := AgreementFields{MinQty: 2500}
	if err := f.CheckUnit("szt"); err == nil {
		t.Error("2.5 szt accepted")
	} else if e, _ := AsError(err); e.Fields[0].Field != FieldMinQty {
		t.Errorf("blames %v", e.Fields)
	}
	if err := f.CheckUnit("kg"); err != nil {
		t.Error(err)
	}
}

func TestValidOnIsInclusive(t *testing.T) {
	f := AgreementFields{ValidFrom: NewDate(2026, 3, 1), ValidTo: NewDate(2026, 3, 31)}
	for d, want := range map[Date]bool{
		NewDate(2026, 2, 28): false, NewDate(2026, 3, 1): true, NewDate(2026, 3, 31): true, NewDate(2026, 4, 1): false,
	} {
		if f.ValidOn(d) != want {
			t.Errorf("ValidOn(%s) = %v", d, !want)
		}
	}
	open := AgreementFields{}
	if !open.ValidOn(NewDate(1990, 1, 1)) || !open.ValidOn(NewDate(2999, 12, 31)) {
		t.Error("open agreement not valid")
	}
}
