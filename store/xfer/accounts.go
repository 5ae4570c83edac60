package xfer

import (
	"io"

	"kontor/domain"
)

// AccountSchema is the accounts file of the contract. Column names are the
// domain's field names, so a field problem names its column.
var AccountSchema = Schema{Kind: "accounts", Columns: []Column{
	{Name: domain.FieldCode, Required: true},
	{Name: domain.FieldName, Required: true},
	{Name: domain.FieldTaxID},
	{Name: domain.FieldStreet},
	{Name: domain.FieldPostalCode},
	{Name: domain.FieldCity},
	{Name: domain.FieldCountry},
	{Name: domain.FieldPhone},
	{Name: domain.FieldEmail},
	{Name: domain.FieldCurrency},
	{Name: domain.FieldPaymentTerms},
	{Name: domain.FieldCreditLimit, Type: Amount},
	{Name: domain.FieldCustomerGroup},
	{Name: domain.FieldParentCode},
	{Name: domain.FieldOwner},
}}

// AccountRecord is one row of an accounts file.
type AccountRecord struct {
	Line   int
	Fields domain.AccountFields // the file's columns, parsed (zero where a cell is bad); the others zero
}

// AccountFile is an accounts file read and parsed, not yet checked against the
// database (validation needs the stored fields of rows that update an account).
type AccountFile struct {
	File    string
	Columns []string // the file's columns in schema order; the others keep stored values
	Records []AccountRecord
	Errs    Errors // problems found while reading
}

// ReadAccounts reads an accounts file. A problem with the file as a whole is
// returned as Errors; problems with rows are collected in Errs. A row with a bad
// cell is still among the Records, so that the store lists its other problems
// too and rows naming it as their head office are not reported as well.
func ReadAccounts(file string, src io.Reader) (*AccountFile, error) {
	rd, err := NewReader(file, src, AccountSchema)
	if err != nil {
		return nil, err
	}
	out := &AccountFile{File: file, Columns: rd.Present()}
	seen := map[string]int{} // code key → line of its first row
	for rd.Next() {
		row := rd.Row()
		var f domain.AccountFields
		for _, col := range out.Columns {
			if err := f.Set(col, row.Text(col)); err != nil {
				row.Fail(col, err)
			}
		}
		if f.Code != "" {
			key := domain.CodeKey(f.Code)
			if first, dup := seen[key]; dup {
				row.Failf(domain.FieldCode, "csv.duplicate_key", "{{.Value}} is already on line {{.First}}; an account may appear once in a file",
					map[string]any{"Value": f.Code, "First": first})
				continue // the first row stands for this code
			}
			seen[key] = row.Line
		}
		out.Records = append(out.Records, AccountRecord{Line: row.Line, Fields: f})
	}
	out.Errs = rd.Errors()
	return out, nil
}

// Apply copies the file's columns of rec onto base: the stored fields when the
// row updates an account, domain.NewAccountFields when it creates one.
func (f *AccountFile) Apply(base *domain.AccountFields, rec *AccountRecord) {
	for _, col := range f.Columns {
		// Get writes the form Set reads back, so this cannot fail on a parsed record.
		_ = base.Set(col, rec.Fields.Get(col))
	}
}

// AccountCells is an account as a row of an export, in AccountSchema order.
func AccountCells(a *domain.Account) []string {
	out := make([]string, len(AccountSchema.Columns))
	for i, c := range AccountSchema.Columns {
		out[i] = a.Get(c.Name)
	}
	return out
}
