package domain

import (
	"context"
	"strings"
	"time"
)

// ProductID identifies a product.
type ProductID int64

// ProductFields are the fields a user edits; the comments give each field's
// stable name, which is also its CSV column.
type ProductFields struct {
	SKU         string    // sku: unique, ASCII letters, digits and . _ / - (compared ignoring ASCII case)
	Name        string    // name
	Description string    // description
	Unit        Unit      // unit, default szt
	ListPrice   UnitPrice // list_price: net, up to 4 decimals
	VATRate     VATRate   // vat_rate
	Active      bool      // active: inactive products stay in history but leave price sheets and pickers
	// Annex15 marks goods listed in Annex 15 to the VAT act (steel, fuel,
	// electronics, …): an invoice over 15,000 PLN with such a line is paid by
	// split payment (MPP). Not a CSV column: set in the catalog.
	Annex15 bool // annex15
}

// Product is an item of the catalog.
type Product struct {
	ID ProductID
	ProductFields
	Version   int64 // bumped by every save; an update naming an older one is a conflict
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Product field names (CSV columns of the products kind).
const (
	FieldSKU         = "sku"
	FieldDescription = "description"
	FieldUnit        = "unit"
	FieldListPrice   = "list_price"
	FieldVATRate     = "vat_rate"
	FieldActive      = "active"
	FieldAnnex15     = "annex15"
	// FieldName ("name") is shared with accounts.
)

// ProductFieldOrder is the order of fields in forms and CSV files.
var ProductFieldOrder = []string{FieldSKU, FieldName, FieldDescription, FieldUnit, FieldListPrice, FieldVATRate, FieldActive}

// NewProductFields returns the defaults of a new product.
func NewProductFields() ProductFields {
	return ProductFields{Unit: DefaultUnit, VATRate: VAT23, Active: true}
}

// Set parses value into the named field. A blank list_price or vat_rate is a
// "required" error here, since the zero value of those fields is a valid value.
func (f *ProductFields) Set(field, value string) error {
	v := strings.TrimSpace(value)
	switch field {
	case FieldSKU:
		f.SKU = v
	case FieldName:
		f.Name = v
	case FieldDescription:
		f.Description = strings.TrimSpace(strings.ReplaceAll(value, "\r\n", "\n"))
	case FieldUnit:
		u, err := ParseUnit(v)
		if err != nil {
			return err
		}
		f.Unit = u
	case FieldListPrice:
		if v == "" {
			return Errorf(EInvalid, "field.required", "required", nil)
		}
		p, err := ParseUnitPrice(v)
		if err != nil {
			return err
		}
		f.ListPrice = p
	case FieldVATRate:
		r, err := ParseVATRate(v)
		if err != nil {
			return err
		}
		f.VATRate = r
	case FieldActive:
		if v == "" {
			f.Active = true
			return nil
		}
		b, err := ParseBool(v)
		if err != nil {
			return err
		}
		f.Active = b
	case FieldAnnex15:
		b := false
		if v != "" {
			var err error
			if b, err = ParseBool(v); err != nil {
				return err
			}
		}
		f.Annex15 = b
	default:
		return Errorf(EInvalid, "field.unknown", "unknown field {{.Field}}", map[string]any{"Field": field})
	}
	return nil
}

// Get returns the named field as text, in the form Set reads back.
func (f *ProductFields) Get(field string) string {
	switch field {
	case FieldSKU:
		return f.SKU
	case FieldName:
		return f.Name
	case FieldDescription:
		return f.Description
	case FieldUnit:
		return string(f.Unit)
	case FieldListPrice:
		return f.ListPrice.String()
	case FieldVATRate:
		return string(f.VATRate)
	case FieldActive:
		if f.Active {
			return "true"
		}
		return "false"
	case FieldAnnex15:
		if f.Annex15 {
			return "true"
		}
		return "false"
	}
	return ""
}

// Validate checks every rule that needs no database (SKU uniqueness is the
// store's) and returns an EInvalid *Error listing each field at fault, or nil.
func (f *ProductFields) Validate() error {
	var fe fieldErrors
	if f.SKU == "" {
		fe.add(FieldSKU, "field.required", "required", nil)
	} else {
		fe.notLongerThan(FieldSKU, f.SKU, 64)
		if !validCode(f.SKU) {
			fe.add(FieldSKU, "sku.chars", "a SKU uses only letters A–Z, digits and . _ / - (no spaces or Polish letters)", nil)
		}
	}
	if f.Name == "" {
		fe.add(FieldName, "field.required", "required", nil)
	} else {
		fe.freeText(FieldName, f.Name, 200)
	}
	fe.freeText(FieldDescription, f.Description, 4000)
	if f.Unit.Decimals() < 0 {
		fe.add(FieldUnit, "unit.unknown", "{{.Value}} is not a unit Kontor knows ({{.Known}})",
			map[string]any{"Value": string(f.Unit), "Known": knownUnits()})
	}
	if f.ListPrice < 0 {
		fe.add(FieldListPrice, "price.negative", "a price cannot be negative", nil)
	} else if f.ListPrice > MaxUnitPrice {
		fe.add(FieldListPrice, "price.too_large", "{{.Value}} is too large for a unit price", map[string]any{"Value": f.ListPrice})
	}
	if !f.VATRate.Valid() {
		fe.add(FieldVATRate, "vat.invalid", "{{.Value}} is not a VAT rate (23, 8, 5, 0 or zw)", map[string]any{"Value": string(f.VATRate)})
	}
	sortFields(fe, ProductFieldOrder)
	return fe.err("product.invalid", "the product is not valid")
}

// ParseBool reads true/false the ways spreadsheets and people write it:
// true/false, yes/no, tak/nie, 1/0, t/n, y/n (any case).
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "tak", "1", "t", "y", "prawda":
		return true, nil
	case "false", "no", "nie", "0", "f", "n", "fałsz", "falsz":
		return false, nil
	}
	return false, Errorf(EInvalid, "bool.invalid", "{{.Value}} is not true or false", map[string]any{"Value": s})
}

// ProductUpdate replaces a product's fields. Version is the version the editor
// loaded; saving over a newer one is an EConflict. Zero skips the check (imports).
type ProductUpdate struct {
	ProductFields
	Version int64
}

// ActiveFilter narrows product lists by the active flag.
type ActiveFilter int

// Active filters.
const (
	ActiveOnly   ActiveFilter = iota // the default: what can be sold
	InactiveOnly                     // retired products
	AnyActive                        // both
)

// ProductQuery is what the catalog's search box and list send. A blank Text
// lists the catalog in Polish name order, paged by Offset and Limit; otherwise
// every folded word of Text must prefix a word of the SKU, name or description
// ("mak pszen" finds "Mąka pszenna"), and the first Limit hits come in name order.
type ProductQuery struct {
	Text          string
	Active        ActiveFilter
	Offset, Limit int // Limit 0: DefaultSearchLimit
}

// ProductService stores the catalog.
type ProductService interface {
	FindProductByID(ctx context.Context, id ProductID) (*Product, error)
	// FindProductBySKU finds a product by SKU, ignoring ASCII case.
	FindProductBySKU(ctx context.Context, sku string) (*Product, error)
	// FindProducts searches or lists the catalog (see ProductQuery) and returns the
	// hits with the total matching the query's filter (for a blank Text: the
	// catalog's size under the filter; with Text: the number of hits returned).
	FindProducts(ctx context.Context, q ProductQuery) ([]*Product, int, error)
	// CreateProduct adds a product; a SKU already used is an EConflict on field sku.
	CreateProduct(ctx context.Context, f ProductFields) (*Product, error)
	UpdateProduct(ctx context.Context, id ProductID, upd ProductUpdate) (*Product, error)
	// DeleteProduct removes a product no agreement or document refers to; otherwise
	// EConflict (make it inactive instead).
	DeleteProduct(ctx context.Context, id ProductID) error
}
