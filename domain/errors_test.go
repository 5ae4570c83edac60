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
