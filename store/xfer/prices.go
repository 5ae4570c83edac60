package xfer

import (
	"io"

	"kontor/domain"
)

// PriceSchema is the prices file of the contract: one price agreement a row.
// Exactly one of account_code and customer_group, and exactly one of price and
// discount_pct, must be filled in on each row.
var PriceSchema = Schema{Kind: "prices", Columns: []Column{
	{Name: domain.FieldSKU, Required: true},
	{Name: domain.FieldAccountCode},
	{Name: domain.FieldCustomerGroup},
	{Name: domain.FieldMinQty, Type: Number},
	{Name: domain.FieldPrice, Type: Number},
	{Name: domain.FieldDiscountPct, Type: Number},
	{Name: domain.FieldValidFrom},
	{Name: domain.FieldValidTo},
}}

// PriceRecord is one row of a prices file.
type PriceRecord struct {
	Line   int
	Fields domain.AgreementFields
}

// PriceFile is a prices file read and parsed, not yet checked against the database.
type PriceFile struct {
	File    string
	Records []PriceRecord
	Errs    Errors
}

// PriceKey is how an agreement is known in a prices file and matched on
// re-import: SKU, account or group, min_qty and valid_from. A row with the key
// of a stored agreement is that agreement.
func PriceKey(f *domain.AgreementFields) string {
	target := "a:" + domain.CodeKey(f.AccountCode)
	if f.AccountCode == "" {
		target = "g:" + f.CustomerGroup
	}
	return domain.CodeKey(f.SKU) + "\x00" + target + "\x00" + f.MinQty.String() + "\x00" + f.ValidFrom.String()
}

// ReadPrices reads a prices file. The header must have account_code or
// customer_group and price or discount_pct; every row is validated on its own
// (domain.AgreementFields.Validate), and a key repeated in the file is an error
// on the later row.
func ReadPrices(file string, src io.Reader) (*PriceFile, error) {
	rd, err := NewReader(file, src, PriceSchema)
	if err != nil {
		return nil, err
	}
	var missing Errors
	if !rd.Has(domain.FieldAccountCode) && !rd.Has(domain.FieldCustomerGroup) {
		missing = append(missing, rd.errAt(1, domain.FieldAccountCode, "csv.missing_target",
			"the file needs an account_code or a customer_group column", nil))
	}
	if !rd.Has(domain.FieldPrice) && !rd.Has(domain.FieldDiscountPct) {
		missing = append(missing, rd.errAt(1, domain.FieldPrice, "csv.missing_terms",
			"the file needs a price or a discount_pct column", nil))
	}
	if len(missing) > 0 {
		return nil, missing
	}
	out := &PriceFile{File: file}
	seen := map[string]int{}
	for rd.Next() {
		row := rd.Row()
		f := domain.NewAgreementFields()
		bad := map[string]bool{}
		for _, col := range rd.Present() {
			if err := f.Set(col, row.Text(col)); err != nil {
				row.Fail(col, err)
				bad[col] = true
			}
		}
		if err := f.Validate(); err != nil {
			e, _ := domain.AsError(err)
			for _, fe := range e.Fields {
				// A cell that did not parse was reported already; its zero value proves nothing.
				if !bad[fe.Field] {
					row.Fail(fe.Field, &domain.Error{Code: domain.EInvalid, Key: fe.Key, Msg: fe.Msg, Args: fe.Args})
				}
			}
		}
		if f.SKU != "" && f.Target() != "" && !bad[domain.FieldValidFrom] && !bad[domain.FieldMinQty] {
			key := PriceKey(&f)
			if first, dup := seen[key]; dup {
				row.Failf(domain.FieldValidFrom, "csv.duplicate_price",
					"line {{.First}} already has {{.SKU}} for the same customer, min_qty and valid_from; an agreement may appear once in a file",
					map[string]any{"First": first, "SKU": f.SKU})
				continue
			}
			seen[key] = row.Line
		}
		out.Records = append(out.Records, PriceRecord{Line: row.Line, Fields: f})
	}
	out.Errs = rd.Errors()
	return out, nil
}

// PriceCells is an agreement as a row of an export, in PriceSchema order.
func PriceCells(a *domain.Agreement) []string {
	out := make([]string, len(PriceSchema.Columns))
	for i, c := range PriceSchema.Columns {
		out[i] = a.Get(c.Name)
	}
	return out
}
