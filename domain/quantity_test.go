package domain

import "testing"

func TestParseQuantity(t *testing.T) {
	for in, want := range map[string]Quantity{"1": One, "2,5": 2500, "0.125": 125, "1 000": 1000 * One, "-3": -3 * One} {
		got, err := ParseQuantity(in)
		if err != nil || got != want {
			t.Errorf("ParseQuantity(%q) = %d, %v; want %d", in, got, err, want)
		}
		if back, _ := ParseQuantity(got.String()); back != got {
			t.Errorf("%q does not survive String: %q", in, got.String())
		}
	}
	for _, in := range []string{"1.2345", "x", "", "10000000000"} {
		if _, err := ParseQuantity(in); ErrorCode(err) != EInvalid {
			t.Errorf("ParseQuantity(%q) = %v, want EInvalid", in, err)
		}
	}
	if got := Quantity(2500).String(); got != "2.5" {
		t.Errorf("2500 = %q", got)
	}
}

func TestUnitCheck(t *testing.T) {
	for _, tc := range []struct {
		unit Unit
		q    string
		key  string
	}{
		{"szt", "3", ""},
		{"szt", "2,5", "quantity.whole"},
		{"opak", "0.001", "quantity.whole"},
		{"kg", "0.125", ""},
		{"m", "1.25", ""},
		{"m", "1.255", "quantity.too_precise"},
		{"l", "0.5", ""},
		{"m2", "12.5", ""},
		{"beczka", "1", "unit.unknown"},
	} {
		q, err := ParseQuantity(tc.q)
		if err != nil {
			t.Fatal(err)
		}
		err = tc.unit.Check(q)
		if tc.key == "" && err != nil || tc.key != "" && (err == nil || err.(*Error).Key != tc.key) {
			t.Errorf("%s %s: %v, want %q", tc.q, tc.unit, err, tc.key)
		}
	}
}

func TestParseUnit(t *testing.T) {
	for in, want := range map[string]Unit{"Szt.": "szt", "KG": "kg", "m²": "m2", " m3 ": "m3", "": DefaultUnit, "opak.": "opak"} {
		got, err := ParseUnit(in)
		if err != nil || got != want {
			t.Errorf("ParseUnit(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseUnit("sztuka"); ErrorCode(err) != EInvalid {
		t.Errorf("sztuka: %v", err)
	}
	for _, u := range Units {
		if u.Decimals < 0 || u.Decimals > QuantityPlaces {
			t.Errorf("%s allows %d decimals", u.Unit, u.Decimals)
		}
	}
}

func TestParseVATRate(t *testing.T) {
	for in, want := range map[string]VATRate{"23": VAT23, "23%": VAT23, "8 %": VAT8, "5": VAT5, "0": VAT0, "ZW": VATExempt, "zw.": VATExempt} {
		got, err := ParseVATRate(in)
		if err != nil || got != want {
			t.Errorf("ParseVATRate(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"22", "7", "zwolniony", "-"} {
		if _, err := ParseVATRate(in); err == nil || err.(*Error).Key != "vat.invalid" {
			t.Errorf("ParseVATRate(%q) = %v, want vat.invalid", in, err)
		}
	}
	if VAT23.Percent() != 2300 || VATExempt.Percent() != 0 || VAT0.Percent() != 0 || VAT8.Percent() != 800 {
		t.Error("VAT percentages")
	}
}
