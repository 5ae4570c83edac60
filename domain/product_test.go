package domain

import (
	"strings"
	"testing"
)

func productFrom(t *testing.T, kv map[string]string) (ProductFields, []string) {
	t.Helper()
	f := NewProductFields()
	var setErrs []string
	for _, field := range ProductFieldOrder {
		if v, ok := kv[field]; ok {
			if err := f.Set(field, v); err != nil {
				setErrs = append(setErrs, field+": "+err.Error())
			}
		}
	}
	return f, setErrs
}

func TestProductFieldsRoundTrip(t *testing.T) {
	in := map[string]string{"sku": "MAK-650-1", "name": "Mąka pszenna typ 650 1 kg", "description": "Młyn Szczepanki",
		"unit": "opak.", "list_price": "3,4567", "vat_rate": "5%", "active": "nie"}
	f, errs := productFrom(t, in)
	if errs != nil {
		t.Fatal(errs)
	}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"sku": "MAK-650-1", "name": "Mąka pszenna typ 650 1 kg", "description": "Młyn Szczepanki",
		"unit": "opak", "list_price": "3.4567", "vat_rate": "5", "active": "false"}
	for k, v := range want {
		if got := f.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	var back ProductFields
	for _, k := range ProductFieldOrder {
		if err := back.Set(k, f.Get(k)); err != nil {
			t.Fatal(k, err)
		}
	}
	if back != f {
		t.Errorf("round trip: %+v != %+v", back, f)
	}
}

func TestProductBadInput(t *testing.T) {
	for _, tc := range []struct {
		name  string
		kv    map[string]string
		field string // the field Set or Validate blames
	}{
		{"negative price", map[string]string{"list_price": "-1"}, "list_price"},
		{"over-precise price", map[string]string{"list_price": "1.23456"}, "list_price"},
		{"blank price", map[string]string{"list_price": ""}, "list_price"},
		{"VAT 22", map[string]string{"vat_rate": "22"}, "vat_rate"},
		{"blank VAT", map[string]string{"vat_rate": ""}, "vat_rate"},
		{"unknown unit", map[string]string{"unit": "beczka"}, "unit"},
		{"SKU with a space", map[string]string{"sku": "MAK 650"}, "sku"},
		{"SKU with ą", map[string]string{"sku": "MĄKA"}, "sku"},
		{"no SKU", map[string]string{"sku": ""}, "sku"},
		{"no name", map[string]string{"name": " "}, "name"},
		{"bad active", map[string]string{"active": "maybe"}, "active"},
	} {
		kv := map[string]string{"sku": "A1", "name": "Cukier", "list_price": "1", "vat_rate": "23"}
		for k, v := range tc.kv {
			kv[k] = v
		}
		f, errs := productFrom(t, kv)
		blamed := false
		for _, e := range errs {
			blamed = blamed || strings.HasPrefix(e, tc.field+": ")
		}
		if err := f.Validate(); err != nil {
			e, _ := AsError(err)
			_, ok := e.Field(tc.field)
			blamed = blamed || ok
		}
		if !blamed {
			t.Errorf("%s: %s not blamed (set errors %v)", tc.name, tc.field, errs)
		}
	}
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string]bool{"TRUE": true, "tak": true, "1": true, "false": false, "Nie": false, "0": false} {
		if got, err := ParseBool(in); err != nil || got != want {
			t.Errorf("ParseBool(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseBool("2"); err == nil {
		t.Error("ParseBool(2) accepted")
	}
}

func TestValidateGroupName(t *testing.T) {
	if n, err := ValidateGroupName("  Hurt  "); err != nil || n != "Hurt" {
		t.Errorf("%q %v", n, err)
	}
	if _, err := ValidateGroupName(" "); ErrorCode(err) != EInvalid {
		t.Error("blank group name accepted")
	}
	if _, err := ValidateGroupName(strings.Repeat("ż", 201)); ErrorCode(err) != EInvalid {
		t.Error("long group name accepted")
	}
}

func TestCompanySettings(t *testing.T) {
	c := CompanySettings{Name: "Hurtownia Żółw sp. z o.o.", PostalCode: "00950", TaxID: "PL 526-000-12-46",
		BankAccount: "61 1090 1014 0000 0712 1981 2874"}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.TaxID != "5260001246" || c.PostalCode != "00-950" || c.BankAccount != "PL61109010140000071219812874" || c.Country != "PL" {
		t.Errorf("not normalised: %+v", c)
	}
	if got := FormatIBAN(c.BankAccount); got != "PL61 1090 1014 0000 0712 1981 2874" {
		t.Errorf("FormatIBAN = %q", got)
	}
	bad := CompanySettings{City: "Łódź", BankAccount: "61 1090 1014 0000 0712 1981 2875", TaxID: "1234567890"}
	err := bad.Validate()
	e, _ := AsError(err)
	for _, f := range []string{FieldName, FieldBankAccount, FieldTaxID} {
		if _, ok := e.Field(f); !ok {
			t.Errorf("%s not blamed: %v", f, err)
		}
	}
	var blank CompanySettings
	if err := blank.Validate(); err != nil {
		t.Errorf("blank settings: %v", err)
	}
	if _, err := NormalizeIBAN("DE89 3704 0044 0532 0130 00"); err != nil {
		t.Errorf("German IBAN: %v", err)
	}
}
