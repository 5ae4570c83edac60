package domain_test

import (
	"reflect"
	"strings"
	"testing"

	"kontor/domain"
)

func TestContactValidate(t *testing.T) {
	valid := func() domain.ContactFields {
		return domain.ContactFields{FirstName: "Łucja", LastName: "Żółkiewska", Role: "zakupy", Email: "l.zolkiewska@firma.pl", Phone: "+48 600 000 000"}
	}
	tests := []struct {
		name string
		edit func(f *domain.ContactFields)
		want map[string]string
	}{
		{"valid", func(f *domain.ContactFields) {}, nil},
		{"only names", func(f *domain.ContactFields) { f.Role, f.Email, f.Phone = "", "", "" }, nil},
		{"first name required", func(f *domain.ContactFields) { f.FirstName = "" }, map[string]string{"first_name": "field.required"}},
		{"last name required", func(f *domain.ContactFields) { f.LastName = "" }, map[string]string{"last_name": "field.required"}},
		{"both names required", func(f *domain.ContactFields) { f.FirstName, f.LastName = "", "" },
			map[string]string{"first_name": "field.required", "last_name": "field.required"}},
		{"email shape", func(f *domain.ContactFields) { f.Email = "lucja(at)firma.pl" }, map[string]string{"email": "email.invalid"}},
		{"role too long", func(f *domain.ContactFields) { f.Role = strings.Repeat("ś", 201) }, map[string]string{"role": "field.too_long"}},
		{"phone too long", func(f *domain.ContactFields) { f.Phone = strings.Repeat("1", 201) }, map[string]string{"phone": "field.too_long"}},
		{"name 200 runes", func(f *domain.ContactFields) { f.LastName = strings.Repeat("ż", 200) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := valid()
			tt.edit(&f)
			err := f.Validate()
			got := fieldKeys(t, err)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Validate() fields = %v, want %v", got, tt.want)
			}
			if e, ok := domain.AsError(err); ok && e.Key != "contact.invalid" {
				t.Errorf("key = %q", e.Key)
			}
		})
	}
}

func TestContactSetGet(t *testing.T) {
	var f domain.ContactFields
	for _, field := range domain.ContactFieldOrder {
		if err := f.Set(field, "  "+field+"  "); err != nil {
			t.Fatal(err)
		}
		if got := f.Get(field); got != field {
			t.Errorf("Get(%s) = %q, want it trimmed", field, got)
		}
	}
	if err := f.Set("code", "x"); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("Set of an unknown field = %v, want EInvalid", err)
	}
	if got := (domain.ContactFields{FirstName: "Jan", LastName: "Nowak"}).FullName(); got != "Jan Nowak" {
		t.Errorf("FullName = %q", got)
	}
	if got := (domain.ContactFields{LastName: "Nowak"}).FullName(); got != "Nowak" {
		t.Errorf("FullName with no first name = %q", got)
	}
}
