package domain_test

import (
	"reflect"
	"strings"
	"testing"

	"kontor/domain"
)

// validAccount returns fields that pass Validate.
func validAccount() domain.AccountFields {
	f := domain.NewAccountFields()
	f.Code, f.Name = "K001", "Hurtownia Łódź Sp. z o.o."
	f.TaxID, f.PostalCode, f.City = "5260001246", "90-001", "Łódź"
	return f
}

// fieldKeys returns field → error key of a Validate result.
func fieldKeys(t *testing.T, err error) map[string]string {
	t.Helper()
	if err == nil {
		return nil
	}
	e, ok := domain.AsError(err)
	if !ok || e.Code != domain.EInvalid {
		t.Fatalf("Validate returned %T %v, want an EInvalid *domain.Error", err, err)
	}
	out := map[string]string{}
	for _, f := range e.Fields {
		if _, dup := out[f.Field]; !dup {
			out[f.Field] = f.Key
		}
	}
	return out
}

func TestNewAccountFieldsDefaults(t *testing.T) {
	f := domain.NewAccountFields()
	if f.Country != "PL" || f.Currency != "PLN" || f.PaymentTerms != (domain.PaymentTerms{Days: 30}) {
		t.Errorf("defaults = %+v", f)
	}
}

func TestAccountValidateRules(t *testing.T) {
	long := func(n int) string { return strings.Repeat("ż", n) }
	tests := []struct {
		name string
		edit func(f *domain.AccountFields)
		want map[string]string // field → key; nil means valid
	}{
		{"valid", func(f *domain.AccountFields) {}, nil},
		{"code required", func(f *domain.AccountFields) { f.Code = "" }, map[string]string{"code": "field.required"}},
		{"name required", func(f *domain.AccountFields) { f.Name = "" }, map[string]string{"name": "field.required"}},
		{"both required", func(f *domain.AccountFields) { f.Code, f.Name = "", "" },
			map[string]string{"code": "field.required", "name": "field.required"}},
		{"code with space", func(f *domain.AccountFields) { f.Code = "K 1" }, map[string]string{"code": "code.chars"}},
		{"code with comma", func(f *domain.AccountFields) { f.Code = "K,1" }, map[string]string{"code": "code.chars"}},
		{"code with semicolon", func(f *domain.AccountFields) { f.Code = "K;1" }, map[string]string{"code": "code.chars"}},
		{"code with quote", func(f *domain.AccountFields) { f.Code = `K"1` }, map[string]string{"code": "code.chars"}},
		{"code with tab", func(f *domain.AccountFields) { f.Code = "K\t1" }, map[string]string{"code": "code.chars"}},
		{"code with a Polish letter", func(f *domain.AccountFields) { f.Code = "ŁÓD1" }, map[string]string{"code": "code.chars"}},
		{"code with dash and slash", func(f *domain.AccountFields) { f.Code = "PL-WAW/01" }, nil},
		{"code 32 chars", func(f *domain.AccountFields) { f.Code = strings.Repeat("K", 32) }, nil},
		{"code 33 chars", func(f *domain.AccountFields) { f.Code = strings.Repeat("K", 33) }, map[string]string{"code": "field.too_long"}},
		{"name 200 runes of ż", func(f *domain.AccountFields) { f.Name = long(200) }, nil}, // runes, not bytes
		{"name 201", func(f *domain.AccountFields) { f.Name = long(201) }, map[string]string{"name": "field.too_long"}},
		{"street 201", func(f *domain.AccountFields) { f.Street = long(201) }, map[string]string{"street": "field.too_long"}},
		{"city 201", func(f *domain.AccountFields) { f.City = long(201) }, map[string]string{"city": "field.too_long"}},
		{"owner 201", func(f *domain.AccountFields) { f.Owner = long(201) }, map[string]string{"owner": "field.too_long"}},
		{"notes 20001", func(f *domain.AccountFields) { f.Notes = long(20001) }, map[string]string{"notes": "field.too_long"}},

		{"NIP bad checksum", func(f *domain.AccountFields) { f.TaxID = "5260001245" }, map[string]string{"tax_id": "nip.checksum"}},
		{"NIP 9 digits", func(f *domain.AccountFields) { f.TaxID = "526000124" }, map[string]string{"tax_id": "nip.format"}},
		{"NIP remainder 10", func(f *domain.AccountFields) { f.TaxID = "1234567890" }, map[string]string{"tax_id": "nip.checksum"}},
		{"tax ID blank is fine", func(f *domain.AccountFields) { f.TaxID = "" }, nil},
		{"German tax ID as written", func(f *domain.AccountFields) {
			f.Country, f.TaxID, f.PostalCode = "DE", "DE 123456789", "10115"
		}, nil},
		{"a PL-prefixed tax ID is a NIP whatever the country", func(f *domain.AccountFields) {
			f.Country, f.TaxID, f.PostalCode = "DE", "PL 526-000-12-45", "10115"
		}, map[string]string{"tax_id": "nip.checksum"}},

		{"PL postal code bad", func(f *domain.AccountFields) { f.PostalCode = "9-0001" }, map[string]string{"postal_code": "postal_code.pl"}},
		{"PL postal code letters", func(f *domain.AccountFields) { f.PostalCode = "AB-CDE" }, map[string]string{"postal_code": "postal_code.pl"}},
		{"PL postal code 4 digits", func(f *domain.AccountFields) { f.PostalCode = "9000" }, map[string]string{"postal_code": "postal_code.pl"}},
		{"PL postal code blank", func(f *domain.AccountFields) { f.PostalCode = "" }, nil},
		{"foreign postal code free", func(f *domain.AccountFields) {
			f.Country, f.TaxID, f.PostalCode = "GB", "GB123456789", "SW1A 1AA"
		}, nil},
		{"ship postal code follows billing country", func(f *domain.AccountFields) { f.ShipPostal = "123" },
			map[string]string{"ship_postal_code": "postal_code.pl"}},
		{"ship postal code follows ship country", func(f *domain.AccountFields) { f.ShipCountry, f.ShipPostal = "DE", "10115" }, nil},
		{"ship postal code PL when billing is abroad", func(f *domain.AccountFields) {
			f.Country, f.TaxID, f.PostalCode = "DE", "", "10115"
			f.ShipCountry, f.ShipPostal = "PL", "10115"
		}, nil}, // 10115 is also a valid Polish code once dashed
		{"ship postal code PL bad when billing is abroad", func(f *domain.AccountFields) {
			f.Country, f.TaxID, f.PostalCode = "DE", "", "D-10115"
			f.ShipCountry, f.ShipPostal = "PL", "D-10115"
		}, map[string]string{"ship_postal_code": "postal_code.pl"}},
		{"ship country invalid", func(f *domain.AccountFields) { f.ShipCountry = "XX" }, map[string]string{"ship_country": "country.invalid"}},

		{"country invalid", func(f *domain.AccountFields) { f.Country = "XX"; f.TaxID = "" }, map[string]string{"country": "country.invalid"}},
		{"country lower case", func(f *domain.AccountFields) { f.Country = "pl" }, map[string]string{"country": "country.invalid"}},
		{"country three letters", func(f *domain.AccountFields) { f.Country = "POL" }, map[string]string{"country": "country.invalid"}},
		{"country blank", func(f *domain.AccountFields) { f.Country = "" }, map[string]string{"country": "country.invalid"}},
		{"currency EUR", func(f *domain.AccountFields) { f.Currency = "EUR" }, nil},
		{"currency lower case", func(f *domain.AccountFields) { f.Currency = "pln" }, map[string]string{"currency": "currency.invalid"}},
		{"currency two letters", func(f *domain.AccountFields) { f.Currency = "ZL" }, map[string]string{"currency": "currency.invalid"}},
		{"currency symbol", func(f *domain.AccountFields) { f.Currency = "zł" }, map[string]string{"currency": "currency.invalid"}},
		{"currency digits", func(f *domain.AccountFields) { f.Currency = "E1R" }, map[string]string{"currency": "currency.invalid"}},

		{"email ok", func(f *domain.AccountFields) { f.Email = "biuro@hurtownia-lodz.pl" }, nil},
		{"email no at", func(f *domain.AccountFields) { f.Email = "biuro.hurtownia.pl" }, map[string]string{"email": "email.invalid"}},
		{"email two ats", func(f *domain.AccountFields) { f.Email = "a@b@c.pl" }, map[string]string{"email": "email.invalid"}},
		{"email no dot in domain", func(f *domain.AccountFields) { f.Email = "biuro@localhost" }, map[string]string{"email": "email.invalid"}},
		{"email with space", func(f *domain.AccountFields) { f.Email = "bi uro@firma.pl" }, map[string]string{"email": "email.invalid"}},
		{"email trailing dot", func(f *domain.AccountFields) { f.Email = "biuro@firma.pl." }, map[string]string{"email": "email.invalid"}},
		{"email too long", func(f *domain.AccountFields) { f.Email = strings.Repeat("a", 250) + "@b.pl" }, map[string]string{"email": "email.invalid"}},

		{"credit limit zero", func(f *domain.AccountFields) { f.CreditLimit = 0 }, nil},
		{"credit limit positive", func(f *domain.AccountFields) { f.CreditLimit = 1000000 }, nil},
		{"credit limit negative", func(f *domain.AccountFields) { f.CreditLimit = -1 }, map[string]string{"credit_limit": "credit_limit.negative"}},
		{"terms out of range", func(f *domain.AccountFields) { f.PaymentTerms.Days = 400 }, map[string]string{"payment_terms": "terms.invalid"}},
		{"terms negative", func(f *domain.AccountFields) { f.PaymentTerms.Days = -1 }, map[string]string{"payment_terms": "terms.invalid"}},

		{"parent other", func(f *domain.AccountFields) { f.ParentCode = "HQ" }, nil},
		{"parent self", func(f *domain.AccountFields) { f.ParentCode = "K001" }, map[string]string{"parent_code": "parent.self"}},
		{"parent self other case", func(f *domain.AccountFields) { f.ParentCode = "k001" }, map[string]string{"parent_code": "parent.self"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := validAccount()
			tt.edit(&f)
			got := fieldKeys(t, f.Validate())
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Validate() fields = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAccountValidateNormalises(t *testing.T) {
	f := validAccount()
	f.TaxID = "PL 526-000-12-46"
	f.PostalCode = "90001"
	f.ShipPostal = " 00-950 "
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	if f.TaxID != "5260001246" || f.PostalCode != "90-001" || f.ShipPostal != "00-950" {
		t.Errorf("after Validate: tax_id %q postal %q ship postal %q", f.TaxID, f.PostalCode, f.ShipPostal)
	}
	// Validating again changes nothing.
	g := f
	if err := g.Validate(); err != nil || g != f {
		t.Errorf("second Validate changed %+v into %+v (%v)", f, g, err)
	}
	// A foreign tax ID and postal code stay as written.
	h := validAccount()
	h.Country, h.TaxID, h.PostalCode = "DE", "DE 123 456 789", "D-10115"
	if err := h.Validate(); err != nil {
		t.Fatal(err)
	}
	if h.TaxID != "DE 123 456 789" || h.PostalCode != "D-10115" {
		t.Errorf("foreign fields changed: %q %q", h.TaxID, h.PostalCode)
	}
}

func TestAccountValidateReportsEveryFieldInFormOrder(t *testing.T) {
	f := domain.AccountFields{Country: "PL", Currency: "PLN", TaxID: "123", PostalCode: "x", Email: "x", CreditLimit: -5, Street: strings.Repeat("a", 201)}
	err := f.Validate()
	e, ok := domain.AsError(err)
	if !ok {
		t.Fatalf("Validate() = %v", err)
	}
	var got []string
	for _, fe := range e.Fields {
		got = append(got, fe.Field)
	}
	want := []string{"code", "name", "tax_id", "street", "postal_code", "email", "credit_limit"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields = %v, want %v", got, want)
	}
	if e.Key != "account.invalid" {
		t.Errorf("key = %q", e.Key)
	}
	for _, field := range want {
		if !strings.Contains(err.Error(), field+": ") {
			t.Errorf("message %q does not name %s", err.Error(), field)
		}
	}
}

func TestAccountSet(t *testing.T) {
	tests := []struct {
		field, value string
		check        func(f domain.AccountFields) bool
		errKey       string
	}{
		{"code", "  K7  ", func(f domain.AccountFields) bool { return f.Code == "K7" }, ""},
		{"name", " Zakład ", func(f domain.AccountFields) bool { return f.Name == "Zakład" }, ""},
		{"country", "de", func(f domain.AccountFields) bool { return f.Country == "DE" }, ""},
		{"country", " ", func(f domain.AccountFields) bool { return f.Country == "PL" }, ""},
		{"ship_country", "de", func(f domain.AccountFields) bool { return f.ShipCountry == "DE" }, ""},
		{"ship_country", "", func(f domain.AccountFields) bool { return f.ShipCountry == "" }, ""},
		{"currency", "eur", func(f domain.AccountFields) bool { return f.Currency == "EUR" }, ""},
		{"currency", "", func(f domain.AccountFields) bool { return f.Currency == "PLN" }, ""},
		{"payment_terms", "14 eom", func(f domain.AccountFields) bool { return f.PaymentTerms == domain.PaymentTerms{Days: 14, EOM: true} }, ""},
		{"payment_terms", "", func(f domain.AccountFields) bool { return f.PaymentTerms == domain.DefaultPaymentTerms }, ""},
		{"payment_terms", "soon", nil, "terms.invalid"},
		{"credit_limit", "10 000,50", func(f domain.AccountFields) bool { return f.CreditLimit == 1000050 }, ""},
		{"credit_limit", "", func(f domain.AccountFields) bool { return f.CreditLimit == 0 }, ""},
		{"credit_limit", "-100", func(f domain.AccountFields) bool { return f.CreditLimit == -10000 }, ""}, // Validate refuses it
		{"credit_limit", "12,345", nil, "number.too_precise"},
		{"credit_limit", "lots", nil, "number.invalid"},
		{"notes", " line 1\r\nline 2 ", func(f domain.AccountFields) bool { return f.Notes == "line 1\nline 2" }, ""},
		{"tax_id", " PL 526-000-12-46 ", func(f domain.AccountFields) bool { return f.TaxID == "PL 526-000-12-46" }, ""}, // normalised by Validate
		{"colour", "red", nil, "field.unknown"},
	}
	for _, tt := range tests {
		f := domain.NewAccountFields()
		err := f.Set(tt.field, tt.value)
		if tt.errKey != "" {
			if e, ok := domain.AsError(err); !ok || e.Code != domain.EInvalid || e.Key != tt.errKey {
				t.Errorf("Set(%q, %q) = %v, want %s", tt.field, tt.value, err, tt.errKey)
			}
			continue
		}
		if err != nil || !tt.check(f) {
			t.Errorf("Set(%q, %q) = %v, fields %+v", tt.field, tt.value, err, f)
		}
	}
}

func TestAccountGetSetRoundTrip(t *testing.T) {
	src := validAccount()
	src.Street, src.ShipStreet, src.ShipPostal, src.ShipCity, src.ShipCountry = "ul. Piotrkowska 1", "ul. Długa 2", "00-950", "Warszawa", "PL"
	src.Phone, src.Email, src.Currency = "+48 42 000 00 00", "biuro@firma.pl", "EUR"
	src.PaymentTerms = domain.PaymentTerms{Days: 45, EOM: true}
	src.CreditLimit, src.CustomerGroup, src.ParentCode, src.Owner, src.Notes = 1234567, "hurt", "HQ", "anna", "uwagi\ndruga linia"
	var dst domain.AccountFields
	for _, field := range domain.AccountFieldOrder {
		if err := dst.Set(field, src.Get(field)); err != nil {
			t.Fatalf("Set(%s, %q): %v", field, src.Get(field), err)
		}
	}
	if dst != src {
		t.Errorf("round trip through Get/Set:\n got %+v\nwant %+v", dst, src)
	}
	if len(domain.AccountFieldOrder) != reflect.TypeOf(domain.AccountFields{}).NumField() {
		t.Errorf("AccountFieldOrder has %d names for %d fields", len(domain.AccountFieldOrder), reflect.TypeOf(domain.AccountFields{}).NumField())
	}
	if got := src.Get("nope"); got != "" {
		t.Errorf("Get of an unknown field = %q", got)
	}
}

// TestCodeKey: codes that differ only in ASCII case are one code, as the
// database's NOCASE indexes treat them; other characters are kept.
func TestCodeKey(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"KOWAL-01", "kowal-01", true},
		{"Kowal.01/A_b", "KOWAL.01/a_B", true},
		{"KOWAL-01", "KOWAL-1", false},
		{"ŁÓDŹ-1", "łódź-1", false}, // not ASCII: NOCASE keeps them apart, and codes cannot hold them anyway
	} {
		if got := domain.CodeKey(tt.a) == domain.CodeKey(tt.b); got != tt.same {
			t.Errorf("CodeKey(%q) == CodeKey(%q): %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}
