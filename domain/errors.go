package domain

import (
	"errors"
	"strings"
	"text/template"
)

// Code classifies an error so that callers can switch on it.
type Code string

// Error codes.
const (
	EInvalid  Code = "invalid"   // the input breaks a rule; the user can fix it
	ENotFound Code = "not_found" // the thing asked for does not exist
	EConflict Code = "conflict"  // the change clashes with stored data (duplicate, changed elsewhere, still referenced)
	EInternal Code = "internal"  // a bug or an environment failure; not the user's doing
	// EUnavailable: a server the work needs cannot be reached now (offline,
	// down); trying again later is the remedy.
	EUnavailable Code = "unavailable"

	// Failures of the place the data lives, each with its own way out.
	EBusy     Code = "busy"      // another program is writing the database: try again in a moment
	EUnusable Code = "unusable"  // the database file cannot be used as it is: not Kontor's, damaged, newer, not a file
	EReadOnly Code = "read_only" // Kontor may not write where it has to: a read-only file, folder or disk
	EFull     Code = "full"      // the disk (or a size limit) is full: nothing was saved
)

// Error is an error a user may see. Key selects the translation; Msg is the
// English fallback, a text/template over Args (e.g. "{{.Code}} is taken").
// Fields lists per-field problems for a form or a CSV row.
type Error struct {
	Code   Code
	Key    string
	Msg    string
	Args   map[string]any
	Fields []FieldError
}

// FieldError is a problem with one field. Field is the field's stable name,
// the same as its CSV column (code, name, tax_id, …).
type FieldError struct {
	Field string
	Key   string
	Msg   string
	Args  map[string]any
}

// Errorf builds an *Error with a translation key and an English template.
func Errorf(code Code, key, msg string, args map[string]any) *Error {
	return &Error{Code: code, Key: key, Msg: msg, Args: args}
}

// Error renders the English message, followed by the field problems.
func (e *Error) Error() string {
	s := Render(e.Msg, e.Args)
	if len(e.Fields) == 0 {
		return s
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Error()
	}
	return s + ": " + strings.Join(parts, "; ")
}

// Error renders the field problem in English.
func (f FieldError) Error() string { return Render(f.Msg, f.Args) }

// Field returns the problem reported for field, if any.
func (e *Error) Field(field string) (FieldError, bool) {
	for _, f := range e.Fields {
		if f.Field == field {
			return f, true
		}
	}
	return FieldError{}, false
}

// ErrorCode returns the code of err, EInternal for anything that is not an *Error.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EInternal
}

// AsError returns err as an *Error when it is one.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Render executes an English message template over args. A template that does not
// parse is returned as written, so a message is never lost.
func Render(msg string, args map[string]any) string {
	if !strings.Contains(msg, "{{") {
		return msg
	}
	t, err := template.New("").Option("missingkey=zero").Parse(msg)
	if err != nil {
		return msg
	}
	var b strings.Builder
	if err := t.Execute(&b, args); err != nil {
		return msg
	}
	return b.String()
}

// fieldErrors collects field problems while validating.
type fieldErrors []FieldError

func (fe *fieldErrors) add(field, key, msg string, args map[string]any) {
	*fe = append(*fe, FieldError{Field: field, Key: key, Msg: msg, Args: args})
}

// addErr records err against field: an *Error keeps its key, anything else its text.
func (fe *fieldErrors) addErr(field string, err error) {
	if e, ok := AsError(err); ok {
		fe.add(field, e.Key, e.Msg, e.Args)
		return
	}
	fe.add(field, "invalid.value", err.Error(), nil)
}

// err returns nil when nothing was collected, else an EInvalid *Error.
func (fe fieldErrors) err(key, msg string) error {
	if len(fe) == 0 {
		return nil
	}
	return &Error{Code: EInvalid, Key: key, Msg: msg, Fields: fe}
}

// ErrDiskFull is the error of a save that ran out of room on the disk holding
// path (or hit a size limit set for the program): nothing was saved. needMB is
// how much to free, freeMB what the disk has left (-1 when unknown).
func ErrDiskFull(path string, needMB, freeMB int64) *Error {
	args := map[string]any{"Path": path, "Need": needMB, "Free": freeMB}
	if freeMB < 0 {
		return Errorf(EFull, "disk.full",
			"the disk holding {{.Path}} is full: nothing was saved. Free at least {{.Need}} MB and try again.", args)
	}
	return Errorf(EFull, "disk.full_free",
		"the disk holding {{.Path}} is full ({{.Free}} MB left): nothing was saved. Free at least {{.Need}} MB and try again.", args)
}
