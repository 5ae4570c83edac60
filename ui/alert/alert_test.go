package alert

import (
	"bytes"
	"errors"
	"log"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kontor/domain"
)

func TestMessage(t *testing.T) {
	test.NewTempApp(t)
	var logged bytes.Buffer
	log.SetOutput(&logged)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })

	invalid := &domain.Error{Code: domain.EInvalid, Key: "account.invalid", Msg: "the account is not valid",
		Fields: []domain.FieldError{{Field: domain.FieldTaxID, Key: "nip.format", Msg: "a Polish tax ID (NIP) has 10 digits"}}}
	for _, tc := range []struct {
		err  error
		want []string
	}{
		{invalid, []string{"The account is not valid", "Tax ID (NIP): A Polish tax ID (NIP) has 10 digits"}},
		{domain.Errorf(domain.EInvalid, "email.invalid", "{{.Value}} is not an e-mail address", map[string]any{"Value": "x@y"}),
			[]string{"x@y is not an e-mail address"}},
		{domain.Errorf(domain.EConflict, "account.has_branches", "the account is the head office of {{.Count}} branches", map[string]any{"Count": 3}),
			[]string{"The account is the head office of 3 branches"}},
		{errors.New("disk on fire at /dev/sda"), []string{"Something went wrong"}},
	} {
		got := Message(tc.err)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("Message(%v) = %q, want it to contain %q", tc.err, got, w)
			}
		}
	}
	if !strings.Contains(logged.String(), "disk on fire") {
		t.Errorf("an unexpected error was not logged in full: %q", logged.String())
	}
	if strings.Contains(Message(errors.New("secret detail")), "secret detail") {
		t.Error("an unexpected error's text reached the user")
	}
}

func TestErrorShowsDialog(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	Error(w, domain.Errorf(domain.EConflict, "record.changed", "it was changed elsewhere", nil))
	if w.Canvas().Overlays().Top() == nil {
		t.Error("no dialog shown")
	}
}

func TestFieldProblem(t *testing.T) {
	test.NewTempApp(t)
	var logged bytes.Buffer
	log.SetOutput(&logged)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })

	both := &domain.Error{Code: domain.EInvalid, Key: "quote.invalid", Msg: "the quote is not valid", Fields: []domain.FieldError{
		{Field: domain.FieldQuantity, Key: "quantity.positive", Msg: "the quantity must be more than 0"},
		{Field: domain.FieldDate, Key: "date.invalid", Msg: "{{.Value}} is not a date", Args: map[string]any{"Value": "31.11"}}}}
	for _, tc := range []struct {
		field string
		err   error
		want  string
	}{
		{domain.FieldDate, domain.Errorf(domain.EInvalid, "date.invalid", "{{.Value}} is not a date", map[string]any{"Value": "jutro"}), "jutro is not a date"},
		{domain.FieldDate, both, "31.11 is not a date"},                // the problem with this field
		{domain.FieldAmount, both, "The quantity must be more than 0"}, // else the first one
		{domain.FieldAmount, errors.New("strconv: secret detail"), "The value is not valid"},
	} {
		if got := FieldProblem(tc.field, tc.err); got != tc.want {
			t.Errorf("FieldProblem(%s, %v) = %q, want %q", tc.field, tc.err, got, tc.want)
		}
	}
	if !strings.Contains(logged.String(), "secret detail") {
		t.Errorf("an unexpected error was not logged in full: %q", logged.String())
	}
}
