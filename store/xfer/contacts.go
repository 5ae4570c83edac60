package xfer

import (
	"io"
	"strings"

	"kontor/domain"
)

// FieldAccountCode is the column naming a contact's account.
const FieldAccountCode = "account_code"

// ContactSchema is the contacts file of the contract.
var ContactSchema = Schema{Kind: "contacts", Columns: []Column{
	{Name: FieldAccountCode, Required: true},
	{Name: domain.FieldFirstName, Required: true},
	{Name: domain.FieldLastName, Required: true},
	{Name: domain.FieldRole},
	{Name: domain.FieldEmail},
	{Name: domain.FieldPhone},
}}

// ContactRecord is one row of a contacts file; as with accounts, a row with a
// bad cell is kept so that the store reports its other problems too.
type ContactRecord struct {
	Line        int
	AccountCode string
	Fields      domain.ContactFields // the file's columns; the others zero
}

// ContactFile is a contacts file read and parsed.
type ContactFile struct {
	File    string
	Columns []string // the file's contact columns (account_code aside) in schema order
	Records []ContactRecord
	Errs    Errors
}

// ReadContacts reads a contacts file. A contact is known by its account and
// e-mail when it has one, else by its account and name (folded: "Łukasz" and
// "lukasz" are the same person); a key repeated in the file is an error on the
// later row.
func ReadContacts(file string, src io.Reader) (*ContactFile, error) {
	rd, err := NewReader(file, src, ContactSchema)
	if err != nil {
		return nil, err
	}
	out := &ContactFile{File: file}
	for _, col := range rd.Present() {
		if col != FieldAccountCode {
			out.Columns = append(out.Columns, col)
		}
	}
	seen := map[string]int{}
	for rd.Next() {
		row := rd.Row()
		rec := ContactRecord{Line: row.Line, AccountCode: row.Text(FieldAccountCode)}
		for _, col := range out.Columns {
			if err := rec.Fields.Set(col, row.Text(col)); err != nil {
				row.Fail(col, err)
			}
		}
		key := domain.CodeKey(rec.AccountCode) + "\x00" + ContactKey(rec.Fields)
		if first, dup := seen[key]; dup {
			col, what := domain.FieldEmail, rec.Fields.Email
			if rec.Fields.Email == "" {
				col, what = domain.FieldLastName, rec.Fields.FullName()
			}
			row.Failf(col, "csv.duplicate_contact", "{{.Value}} at {{.Account}} is already on line {{.First}}; a contact may appear once in a file",
				map[string]any{"Value": what, "Account": rec.AccountCode, "First": first})
			continue
		}
		seen[key] = row.Line
		out.Records = append(out.Records, rec)
	}
	out.Errs = rd.Errors()
	return out, nil
}

// ContactKey is how a contact is known within its account: its e-mail (case
// folded) when it has one, else its folded first and last name.
func ContactKey(f domain.ContactFields) string {
	if f.Email != "" {
		return EmailKey(f.Email)
	}
	return NameKey(f.FirstName, f.LastName)
}

// EmailKey is the form in which e-mail addresses are compared.
func EmailKey(email string) string { return "e:" + strings.ToLower(strings.TrimSpace(email)) }

// NameKey is the form in which contact names are compared.
func NameKey(first, last string) string {
	return "n:" + domain.Fold(first) + "\x00" + domain.Fold(last)
}

// Apply copies the file's columns of rec onto base (stored fields or zero).
func (f *ContactFile) Apply(base *domain.ContactFields, rec *ContactRecord) {
	for _, col := range f.Columns {
		_ = base.Set(col, rec.Fields.Get(col))
	}
}

// ContactCells is a contact as a row of an export, in ContactSchema order.
func ContactCells(accountCode string, c *domain.Contact) []string {
	out := make([]string, len(ContactSchema.Columns))
	for i, col := range ContactSchema.Columns {
		if col.Name == FieldAccountCode {
			out[i] = accountCode
		} else {
			out[i] = c.Get(col.Name)
		}
	}
	return out
}
