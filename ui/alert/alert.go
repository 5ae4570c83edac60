// Package alert is the only place that turns an error into what a user sees:
// a domain error becomes its translated sentence, anything else is logged in
// full and shown as a generic message.
package alert

import (
	"fmt"
	"log"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"kontor/domain"
)

// Message returns the sentence a user reads for err. A domain error is
// translated by its key with its English text as fallback, followed by its
// field problems; any other error is logged and replaced by a generic message.
func Message(err error) string {
	e, ok := domain.AsError(err)
	if !ok {
		log.Printf("kontor: unexpected error: %+v", err)
		return lang.X("alert.internal", "Something went wrong and Kontor could not finish. The details were written to the log.")
	}
	msg := sentence(translate(e.Key, e.Msg, e.Args), e.Args)
	if len(e.Fields) == 0 {
		return msg
	}
	parts := []string{msg}
	for _, f := range e.Fields {
		parts = append(parts, "• "+FieldLabel(f.Field)+": "+Field(f))
	}
	return strings.Join(parts, "\n")
}

// Field returns the translated message of one field problem, as shown next
// to the field.
func Field(f domain.FieldError) string {
	return sentence(translate(f.Key, f.Msg, f.Args), f.Args)
}

// FieldProblem is what shows next to field when reading what the user typed
// there failed with err: a domain error's problem with that field (else its
// first field problem, else the error itself), translated. Any other error is
// logged in full and shown as "the value is not valid", never as its text.
func FieldProblem(field string, err error) string {
	e, ok := domain.AsError(err)
	if !ok {
		log.Printf("kontor: unexpected error reading field %s: %+v", field, err)
		return Field(domain.FieldError{Field: field, Key: "invalid.value", Msg: "the value is not valid"})
	}
	if f, ok := e.Field(field); ok {
		return Field(f)
	}
	if len(e.Fields) > 0 {
		return Field(e.Fields[0])
	}
	return Field(domain.FieldError{Field: field, Key: e.Key, Msg: e.Msg, Args: e.Args})
}

// translate looks key up; an integer Count argument selects the plural form,
// so "{{.Count}} branches" reads right in Polish too.
func translate(key, msg string, args map[string]any) string {
	if n, ok := args["Count"].(int); ok {
		return lang.XN(key, msg, n, args)
	}
	return lang.X(key, msg, args)
}

// FieldLabel is the translated name of a field: the label of its form entry
// and its name in lists of problems.
func FieldLabel(field string) string {
	switch field {
	case domain.FieldCode:
		return lang.X("field.label.code", "Code")
	case domain.FieldName:
		return lang.X("field.label.name", "Name")
	case domain.FieldTaxID:
		return lang.X("field.label.tax_id", "Tax ID (NIP)")
	case domain.FieldStreet, domain.FieldShipStreet:
		return lang.X("field.label.street", "Street")
	case domain.FieldPostalCode, domain.FieldShipPostal:
		return lang.X("field.label.postal_code", "Postal code")
	case domain.FieldCity, domain.FieldShipCity:
		return lang.X("field.label.city", "City")
	case domain.FieldCountry, domain.FieldShipCountry:
		return lang.X("field.label.country", "Country")
	case domain.FieldPhone:
		return lang.X("field.label.phone", "Phone")
	case domain.FieldEmail:
		return lang.X("field.label.email", "E-mail")
	case domain.FieldCurrency:
		return lang.X("field.label.currency", "Currency")
	case domain.FieldPaymentTerms:
		return lang.X("field.label.payment_terms", "Payment terms")
	case domain.FieldCreditLimit:
		return lang.X("field.label.credit_limit", "Credit limit")
	case domain.FieldCustomerGroup:
		return lang.X("field.label.customer_group", "Customer group")
	case domain.FieldParentCode:
		return lang.X("field.label.parent_code", "Head office (code)")
	case domain.FieldOwner:
		return lang.X("field.label.owner", "Owner")
	case domain.FieldNotes:
		return lang.X("field.label.notes", "Notes")
	case domain.FieldFirstName:
		return lang.X("field.label.first_name", "First name")
	case domain.FieldLastName:
		return lang.X("field.label.last_name", "Last name")
	case domain.FieldRole:
		return lang.X("field.label.role", "Role")
	case domain.FieldAccountCode:
		return lang.X("field.label.account_code", "Account code")
	case domain.FieldDate:
		return lang.X("field.label.date", "Date")
	case domain.FieldKind:
		return lang.X("field.label.kind", "Kind")
	case domain.FieldSubject:
		return lang.X("field.label.subject", "Subject")
	case domain.FieldContactEmail:
		return lang.X("field.label.contact_email", "Contact's e-mail")
	case domain.FieldDueDate:
		return lang.X("field.label.due_date", "Due date")
	case domain.FieldDone:
		return lang.X("field.label.done", "Done")
	case domain.FieldOutcome:
		return lang.X("field.label.outcome", "Outcome")
	case domain.FieldLoggedBy:
		return lang.X("field.label.logged_by", "Logged by")
	}
	return field
}

// sentence starts a message with a capital letter, as domain messages are
// written to be embedded ("the account is not valid"), unless it starts with
// one of its arguments: a code or an address is shown as the user wrote it.
func sentence(s string, args map[string]any) string {
	for _, v := range args {
		if a := fmt.Sprint(v); a != "" && strings.HasPrefix(s, a) {
			return s
		}
	}
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// show shows a message dialog over w: Fyne's until SetShow gives it
// Kontor's dialog, which Escape closes (the widgets package, which uses
// this one, sets it when the app starts).
var show = func(title, message string, w fyne.Window) { dialog.ShowInformation(title, message, w) }

// SetShow has Error and Info show their dialogs through f.
func SetShow(f func(title, message string, w fyne.Window)) { show = f }

// Error shows err to the user in a dialog over w.
func Error(w fyne.Window, err error) {
	if err == nil {
		return
	}
	show(Title(err), Message(err), w)
}

// Info shows a message that is no error (a result, what to do next) in a
// dialog over w.
func Info(w fyne.Window, title, message string) { show(title, message, w) }

// Title is the heading of an error dialog, by the kind of error.
func Title(err error) string {
	switch domain.ErrorCode(err) {
	case domain.EInvalid:
		return lang.X("alert.title.invalid", "Please check")
	case domain.EConflict:
		return lang.X("alert.title.conflict", "Not saved")
	case domain.ENotFound:
		return lang.X("alert.title.not_found", "Not found")
	case domain.EBusy:
		return lang.X("alert.title.busy", "Busy")
	case domain.EUnusable:
		return lang.X("alert.title.unusable", "Data file problem")
	case domain.EReadOnly:
		return lang.X("alert.title.read_only", "Cannot write")
	case domain.EFull:
		return lang.X("alert.title.full", "Disk full")
	case domain.EUnavailable:
		return lang.X("alert.title.unavailable", "Cannot reach the server")
	}
	return lang.X("alert.title.internal", "Error")
}
