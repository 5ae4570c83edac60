package domain

import (
	"context"
	"strings"
	"time"
)

// ContactID identifies a contact.
type ContactID int64

// ContactFields are the fields a user edits.
type ContactFields struct {
	FirstName string // first_name
	LastName  string // last_name
	Role      string // role
	Email     string // email
	Phone     string // phone
}

// Contact is a person at an account.
type Contact struct {
	ID        ContactID
	AccountID AccountID
	ContactFields
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Contact field names.
const (
	FieldFirstName = "first_name"
	FieldLastName  = "last_name"
	FieldRole      = "role"
)

// FullName is "First Last".
func (f ContactFields) FullName() string {
	return strings.TrimSpace(f.FirstName + " " + f.LastName)
}

// Set stores value into the named field.
func (f *ContactFields) Set(field, value string) error {
	v := strings.TrimSpace(value)
	switch field {
	case FieldFirstName:
		f.FirstName = v
	case FieldLastName:
		f.LastName = v
	case FieldRole:
		f.Role = v
	case FieldEmail:
		f.Email = v
	case FieldPhone:
		f.Phone = v
	default:
		return Errorf(EInvalid, "field.unknown", "unknown field {{.Field}}", map[string]any{"Field": field})
	}
	return nil
}

// Get returns the named field.
func (f *ContactFields) Get(field string) string {
	switch field {
	case FieldFirstName:
		return f.FirstName
	case FieldLastName:
		return f.LastName
	case FieldRole:
		return f.Role
	case FieldEmail:
		return f.Email
	case FieldPhone:
		return f.Phone
	}
	return ""
}

// ContactFieldOrder is the order of fields in forms.
var ContactFieldOrder = []string{FieldFirstName, FieldLastName, FieldRole, FieldEmail, FieldPhone}

// Validate checks the contact's fields.
func (f *ContactFields) Validate() error {
	var fe fieldErrors
	for _, field := range ContactFieldOrder {
		v := f.Get(field)
		if v == "" && (field == FieldFirstName || field == FieldLastName) {
			fe.add(field, "field.required", "required", nil)
		}
		fe.freeText(field, v, 200)
	}
	if f.Email != "" && !ValidEmail(f.Email) {
		fe.add(FieldEmail, "email.invalid", "{{.Value}} is not an e-mail address", map[string]any{"Value": f.Email})
	}
	return fe.err("contact.invalid", "the contact is not valid")
}

// ContactUpdate replaces a contact's fields; Version as in AccountUpdate.
type ContactUpdate struct {
	ContactFields
	Version int64
}

// ContactService stores contacts.
type ContactService interface {
	FindContactByID(ctx context.Context, id ContactID) (*Contact, error)
	// FindContacts lists an account's contacts by last name, then first name (Polish order).
	FindContacts(ctx context.Context, account AccountID) ([]*Contact, error)
	CreateContact(ctx context.Context, account AccountID, f ContactFields) (*Contact, error)
	UpdateContact(ctx context.Context, id ContactID, upd ContactUpdate) (*Contact, error)
	DeleteContact(ctx context.Context, id ContactID) error
}
