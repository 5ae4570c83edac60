package xfer

import (
	"io"

	"kontor/domain"
)

// ProductSchema is the products file of the contract.
var ProductSchema = Schema{Kind: "products", Columns: []Column{
	{Name: domain.FieldSKU, Required: true},
	{Name: domain.FieldName, Required: true},
	{Name: domain.FieldDescription, Multiline: true},
	{Name: domain.FieldUnit},
	{Name: domain.FieldListPrice, Required: true, Type: Number},
	{Name: domain.FieldVATRate, Required: true},
	{Name: domain.FieldActive},
}}

// ProductRecord is one row of a products file.
type ProductRecord struct {
	Line   int
	Fields domain.ProductFields // the file's columns, parsed (zero where a cell is bad); the others zero
}

// ProductFile is a products file read and parsed, not yet checked against the database.
type ProductFile struct {
	File    string
	Columns []string // the file's columns in schema order; the others keep stored values
	Records []ProductRecord
	Errs    Errors
}

// ReadProducts reads a products file. A product is known by its SKU (ASCII
// case ignored); a SKU repeated in the file is an error on the later row.
func ReadProducts(file string, src io.Reader) (*ProductFile, error) {
	rd, err := NewReader(file, src, ProductSchema)
	if err != nil {
		return nil, err
	}
	out := &ProductFile{File: file, Columns: rd.Present()}
	seen := map[string]int{}
	for rd.Next() {
		row := rd.Row()
		var f domain.ProductFields
		for _, col := range out.Columns {
			if row.Text(col) == "" && (col == domain.FieldListPrice || col == domain.FieldVATRate) {
				continue // the reader reported the empty required cell
			}
			if err := f.Set(col, row.Text(col)); err != nil {
				row.Fail(col, err)
			}
		}
		if f.SKU != "" {
			key := domain.CodeKey(f.SKU)
			if first, dup := seen[key]; dup {
				row.Failf(domain.FieldSKU, "csv.duplicate_key", "{{.Value}} is already on line {{.First}}; a product may appear once in a file",
					map[string]any{"Value": f.SKU, "First": first})
				continue
			}
			seen[key] = row.Line
		}
		out.Records = append(out.Records, ProductRecord{Line: row.Line, Fields: f})
	}
	out.Errs = rd.Errors()
	return out, nil
}

// Apply copies the file's columns of rec onto base: the stored fields when the
// row updates a product, domain.NewProductFields when it creates one.
func (f *ProductFile) Apply(base *domain.ProductFields, rec *ProductRecord) {
	for _, col := range f.Columns {
		_ = base.Set(col, rec.Fields.Get(col))
	}
}

// ProductCells is a product as a row of an export, in ProductSchema order.
func ProductCells(p *domain.Product) []string {
	out := make([]string, len(ProductSchema.Columns))
	for i, c := range ProductSchema.Columns {
		out[i] = p.Get(c.Name)
	}
	return out
}
