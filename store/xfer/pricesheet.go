package xfer

import (
	"strconv"

	"kontor/domain"
)

// PriceSheetSchema is a customer's price sheet as a spreadsheet: one row per
// product and quantity break. It is an export only (prices are imported as
// agreements, kind prices).
var PriceSheetSchema = Schema{Kind: "pricesheet", Columns: []Column{
	{Name: domain.FieldSKU},
	{Name: domain.FieldName},
	{Name: domain.FieldUnit},
	{Name: domain.FieldVATRate},
	{Name: domain.FieldListPrice, Type: Number},
	{Name: domain.FieldMinQty, Type: Number},
	{Name: domain.FieldPrice, Type: Number},
	{Name: "source"},    // account, parent, group or list
	{Name: "agreement"}, // the agreement's number, blank for the list price
}}

// PriceSheetCells returns the rows of one product of a price sheet, in
// PriceSheetSchema order: one for quantity 1, one per break.
func PriceSheetCells(l *domain.PriceSheetLine) [][]string {
	out := make([][]string, 0, len(l.Breaks))
	for _, b := range l.Breaks {
		agreement := ""
		if b.Agreement != 0 {
			agreement = strconv.FormatInt(int64(b.Agreement), 10)
		}
		out = append(out, []string{l.SKU, l.Name, string(l.Unit), string(l.VATRate), l.ListPrice.String(),
			b.MinQty.String(), b.Price.String(), string(b.Source), agreement})
	}
	return out
}
