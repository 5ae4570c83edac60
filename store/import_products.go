package store

import (
	"context"
	"database/sql"
	"time"

	"kontor/domain"
	"kontor/store/xfer"
)

// ImportProducts creates or updates the products of a file by SKU, all or
// nothing. Columns the file lacks keep their stored values on update and take
// defaults on create. A new unit must still express the product's agreement
// tiers. On failure the error is xfer.Errors listing every bad row.
func (t *Transfer) ImportProducts(ctx context.Context, f *xfer.ProductFile) (ImportSummary, error) {
	return importPlanned(ctx, t, xfer.ProductSchema, f.Errs, func(tx *sql.Tx) (*productPlan, error) {
		return checkProducts(ctx, tx, f)
	})
}

type productItem struct {
	rec    *xfer.ProductRecord
	old    *domain.Product
	fields domain.ProductFields
}

type productPlan struct {
	items []*productItem
	errs  xfer.Errors
}

func (p *productPlan) problems() xfer.Errors { return p.errs }

func checkProducts(ctx context.Context, tx *sql.Tx, f *xfer.ProductFile) (*productPlan, error) {
	p := &productPlan{}
	stored := map[string]*domain.Product{}
	all, err := queryProducts(ctx, tx, `SELECT `+productColumns+` FROM products p`)
	if err != nil {
		return nil, err
	}
	for _, sp := range all {
		stored[domain.CodeKey(sp.SKU)] = sp
	}
	for i := range f.Records {
		rec := &f.Records[i]
		it := &productItem{rec: rec, fields: domain.NewProductFields()}
		if old, ok := stored[domain.CodeKey(rec.Fields.SKU)]; ok {
			it.old, it.fields = old, old.ProductFields
		}
		f.Apply(&it.fields, rec)
		if it.old != nil {
			it.fields.SKU = it.old.SKU // matched ignoring case; the stored spelling stays
		}
		if err := it.fields.Validate(); err != nil {
			errs, err := rowErrs(f.File, rec.Line, err)
			if err != nil {
				return nil, err
			}
			p.errs = append(p.errs, errs...)
			continue
		}
		if it.old != nil && it.fields.Unit != it.old.Unit {
			if err := checkTiersFitUnit(ctx, tx, int64(it.old.ID), it.fields.Unit); err != nil {
				errs, err := rowErrs(f.File, rec.Line, err)
				if err != nil {
					return nil, err
				}
				p.errs = append(p.errs, errs...)
				continue
			}
		}
		p.items = append(p.items, it)
	}
	return p, nil
}

// productStageColumns are the products columns an import writes.
var productStageColumns = []string{"sku", "name", "name_key", "description", "unit", "list_price_e4", "vat_rate", "active", "search_text"}

func (p *productPlan) apply(b *Bulk, now time.Time) (ImportSummary, error) {
	ctx, tx := b.ctx, b.tx
	var sum ImportSummary
	st, err := b.stage("import_products", productStageColumns)
	if err != nil {
		return sum, err
	}
	for _, it := range p.items {
		f := &it.fields
		vals := []any{f.SKU, f.Name, nameKey(f.Name), f.Description, string(f.Unit), int64(f.ListPrice), string(f.VATRate),
			boolInt(f.Active), productSearchText(f)}
		switch {
		case it.old == nil:
			err = st.insert(ctx, nil, vals...)
			sum.Created++
		case it.old.ProductFields == *f:
			sum.Unchanged++
		default:
			err = st.update(ctx, int64(it.old.ID), vals...)
			sum.Updated++
		}
		if err != nil {
			return sum, err
		}
	}
	return sum, st.flush(ctx, tx, "products", moment(now), false)
}

// ExportProducts calls fn for every product, inactive ones too, in SKU order,
// from one snapshot.
func (t *Transfer) ExportProducts(ctx context.Context, fn func(*domain.Product) error) error {
	return t.db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+productColumns+` FROM products p ORDER BY p.sku`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanProduct(rows)
			if err != nil {
				return err
			}
			if err := fn(p); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}
