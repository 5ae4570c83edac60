package domain_test

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"kontor/domain"
)

func TestErrorRendering(t *testing.T) {
	e := domain.Errorf(domain.EConflict, "code.taken", "{{.Code}} is already used", map[string]any{"Code": "K1"})
	if got := e.Error(); got != "K1 is already used" {
		t.Errorf("Error() = %q", got)
	}
	withFields := &domain.Error{Code: domain.EInvalid, Key: "account.invalid", Msg: "the account is not valid",
		Fields: []domain.FieldError{
			{Field: "code", Key: "field.required", Msg: "required"},
			{Field: "tax_id", Key: "nip.checksum", Msg: "{{.Value}} is not a valid NIP", Args: map[string]any{"Value": "123"}},
		}}
	if got, want := withFields.Error(), "the account is not valid: code: required; tax_id: 123 is not a valid NIP"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if f, ok := withFields.Field("tax_id"); !ok || f.Key != "nip.checksum" || f.Error() != "123 is not a valid NIP" {
		t.Errorf("Field(tax_id) = %+v, %v", f, ok)
	}
	if _, ok := withFields.Field("name"); ok {
		t.Error("Field(name) found a problem that was not reported")
	}
}

func TestRender(t *testing.T) {
	tests := []struct {
		msg  string
		args map[string]any
		want string
	}{
		{"plain text", nil, "plain text"},
		{"at most {{.Max}} characters", map[string]any{"Max": 32}, "at most 32 characters"},
		{"{{.A}} and {{.B}}", map[string]any{"A": "x", "B": 2}, "x and 2"},
		{"{{.Broken", map[string]any{"Broken": 1}, "{{.Broken"}, // does not parse: kept as written
		{"{{.X.Y}}", map[string]any{"X": 5}, "{{.X.Y}}"},        // fails to execute: kept as written
	}
	for _, tt := range tests {
		if got := domain.Render(tt.msg, tt.args); got != tt.want {
			t.Errorf("Render(%q) = %q, want %q", tt.msg, got, tt.want)
		}
	}
}

func TestErrorCode(t *testing.T) {
	inner := domain.Errorf(domain.ENotFound, "account.not_found", "no such account", nil)
	tests := []struct {
		err  error
		want domain.Code
	}{
		{nil, ""},
		{inner, domain.ENotFound},
		{fmt.Errorf("load: %w", inner), domain.ENotFound},
		{fmt.Errorf("outer: %w", fmt.Errorf("load: %w", domain.Errorf(domain.EConflict, "k", "m", nil))), domain.EConflict},
		{errors.Join(io.EOF, inner), domain.ENotFound},
		{io.EOF, domain.EInternal},
		{errors.New("disk on fire"), domain.EInternal},
	}
	for _, tt := range tests {
		if got := domain.ErrorCode(tt.err); got != tt.want {
			t.Errorf("ErrorCode(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
	if e, ok := domain.AsError(fmt.Errorf("wrapped: %w", inner)); !ok || e != inner {
		t.Errorf("AsError did not unwrap: %v %v", e, ok)
	}
	if _, ok := domain.AsError(io.EOF); ok {
		t.Error("AsError(io.EOF) reported a domain error")
	}
}

// TestNoControlCharacters: ESC, BEL and line breaks were taken in names and
// later printed raw. No text field holds a control character;
// notes and descriptions may hold line breaks and tabs.
func TestNoControlCharacters(t *testing.T) {
	bad := []string{"Firma\x1b[2J", "Dzwonek\a", "Dwie\nlinie", "Tab\tulator", "C1\u0085x"}
	check := func(what string, err error, field string) {
		t.Helper()
		e, _ := domain.AsError(err)
		if e == nil {
			t.Errorf("%s: accepted", what)
			return
		}
		if f, ok := e.Field(field); !ok || f.Key != "field.control_char" {
			t.Errorf("%s: %v; want field.control_char on %s", what, err, field)
		}
	}
	for _, v := range bad {
		a := domain.NewAccountFields()
		a.Code, a.Name = "K1", v
		check("account name "+v, a.Validate(), domain.FieldName)
		a.Name, a.City = "Firma", v
		check("account city "+v, a.Validate(), domain.FieldCity)
		c := domain.ContactFields{FirstName: v, LastName: "Nowak"}
		check("contact "+v, c.Validate(), domain.FieldFirstName)
		p := domain.ProductFields{SKU: "S1", Name: v, Unit: "szt", VATRate: "23"}
		check("product "+v, p.Validate(), domain.FieldName)
		_, err := domain.ValidateGroupName(v)
		check("group "+v, err, domain.FieldName)
	}
	// Notes and descriptions run over lines.
	a := domain.NewAccountFields()
	a.Code, a.Name, a.Notes = "K1", "Firma", "Linia 1\nLinia 2\tz tabulatorem"
	if err := a.Validate(); err != nil {
		t.Errorf("notes over two lines: %v", err)
	}
	a.Notes = "Dzwonek\a"
	check("notes with BEL", a.Validate(), domain.FieldNotes)
	p := domain.ProductFields{SKU: "S1", Name: "Mąka", Description: "Opis\nw dwóch liniach", Unit: "szt", VATRate: "23"}
	if err := p.Validate(); err != nil {
		t.Errorf("a description over two lines: %v", err)
	}
}
