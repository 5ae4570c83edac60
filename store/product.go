package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"kontor/domain"
)

// ProductService implements domain.ProductService.
type ProductService struct{ db *DB }

// NewProductService returns the catalog service over db.
func NewProductService(db *DB) *ProductService { return &ProductService{db: db} }

var _ domain.ProductService = (*ProductService)(nil)

const productColumns = `p.id, p.sku, p.name, p.description, p.unit, p.list_price_e4, p.vat_rate, p.active,
	p.version, p.created_at, p.updated_at, p.annex15`

func scanProduct(sc interface{ Scan(...any) error }) (*domain.Product, error) {
	var p domain.Product
	err := sc.Scan(&p.ID, &p.SKU, &p.Name, &p.Description, &p.Unit, &p.ListPrice, &p.VATRate, &p.Active,
		&p.Version, atTime(&p.CreatedAt), atTime(&p.UpdatedAt), &p.Annex15)
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// productSearchText is what the catalog search finds a product by: the SKU
// folded ("mak 650 1") and run together ("mak6501", so "mak650" finds it), the
// name and the description.
func productSearchText(f *domain.ProductFields) string {
	sku := domain.Fold(f.SKU)
	return strings.Join([]string{sku, strings.ReplaceAll(sku, " ", ""), domain.Fold(f.Name), domain.Fold(f.Description)}, " ")
}

func findProduct(ctx context.Context, q queryer, where string, arg any) (*domain.Product, error) {
	p, err := scanProduct(q.QueryRowContext(ctx, `SELECT `+productColumns+` FROM products p WHERE `+where, arg))
	if err == sql.ErrNoRows {
		return nil, domain.Errorf(domain.ENotFound, "product.not_found", "no such product: {{.Key}}", map[string]any{"Key": arg})
	}
	return p, wrap("find product", err)
}

// FindProductByID returns one product.
func (s *ProductService) FindProductByID(ctx context.Context, id domain.ProductID) (*domain.Product, error) {
	return findProduct(ctx, s.db.r, `p.id = ?`, int64(id))
}

// FindProductBySKU returns the product with this SKU (ASCII case ignored).
func (s *ProductService) FindProductBySKU(ctx context.Context, sku string) (*domain.Product, error) {
	return findProduct(ctx, s.db.r, `p.sku = ?`, strings.TrimSpace(sku))
}

// activeArg is the ?2 of the product statements: 1 active only, 0 inactive only, -1 both.
func activeArg(f domain.ActiveFilter) int {
	switch f {
	case domain.InactiveOnly:
		return 0
	case domain.AnyActive:
		return -1
	}
	return 1
}

// FindProducts lists the catalog in name order or, with q.Text, searches it.
func (s *ProductService) FindProducts(ctx context.Context, q domain.ProductQuery) ([]*domain.Product, int, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = domain.DefaultSearchLimit
	}
	tokens := domain.FoldTokens(q.Text)
	var out []*domain.Product
	var total int
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		var err error
		if len(tokens) == 0 {
			if err := tx.QueryRowContext(ctx, productCountSQL, activeArg(q.Active)).Scan(&total); err != nil {
				return err
			}
			out, err = queryProducts(ctx, tx, productPageSQL, activeArg(q.Active), limit, max(q.Offset, 0))
			return err
		}
		out, err = searchProducts(ctx, tx, ftsQuery(tokens), activeArg(q.Active), limit)
		total = len(out)
		return err
	})
	return out, total, wrap("find products", err)
}

// The list statements; the partial index products_active_by_name serves the default filter.
const (
	productCountSQL = `SELECT count(*) FROM products p WHERE (?1 < 0 OR p.active = ?1)`
	productPageSQL  = `SELECT ` + productColumns + ` FROM products p WHERE (?1 < 0 OR p.active = ?1)
		ORDER BY p.name_key, p.id LIMIT ?2 OFFSET ?3`
)

// ProductSearchSQL finds products the way searchKind finds accounts: the first
// matches in FTS rowid (name) order, and the exact name sort where ranks tie.
// ?1 the FTS query, ?2 the active filter (activeArg), ?3 the limit.
var ProductSearchSQL = func() searchStmt {
	where := ` WHERE products_fts MATCH ?1 AND p.id = (products_fts.rowid & 16777215) AND (?2 < 0 OR p.active = ?2)`
	return searchStmt{
		First: `SELECT ` + productColumns + `, products_fts.rowid FROM products_fts CROSS JOIN products p` + where +
			` ORDER BY products_fts.rowid LIMIT ?3`,
		Exact: `WITH hits AS (SELECT products_fts.rowid AS r FROM products_fts CROSS JOIN products p` + where +
			` ORDER BY products_fts.rowid LIMIT ?3)
	SELECT ` + productColumns + ` FROM products_fts CROSS JOIN products p` + where +
			` AND products_fts.rowid < ((((SELECT max(r) FROM hits) >> 24) + 1) << 24)
	ORDER BY p.name_key, p.id LIMIT ?3`,
	}
}()

func searchProducts(ctx context.Context, tx *sql.Tx, match string, active, limit int) ([]*domain.Product, error) {
	rows, err := tx.QueryContext(ctx, ProductSearchSQL.First, match, active, limit+1)
	if err != nil {
		return nil, err
	}
	var out []*domain.Product
	var rowids []int64
	for rows.Next() {
		var p domain.Product
		var rowid int64
		if err := rows.Scan(&p.ID, &p.SKU, &p.Name, &p.Description, &p.Unit, &p.ListPrice, &p.VATRate, &p.Active,
			&p.Version, atTime(&p.CreatedAt), atTime(&p.UpdatedAt), &p.Annex15, &rowid); err != nil {
			rows.Close()
			return nil, err
		}
		out, rowids = append(out, &p), append(rowids, rowid)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if !ranksTie(rowids) {
		return out[:min(len(out), limit)], nil
	}
	return queryProducts(ctx, tx, ProductSearchSQL.Exact, match, active, limit)
}

func queryProducts(ctx context.Context, q queryer, query string, args ...any) ([]*domain.Product, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*domain.Product
	for rows.Next() {
		p, err := scanProduct(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CreateProduct validates and stores a new product.
func (s *ProductService) CreateProduct(ctx context.Context, f domain.ProductFields) (*domain.Product, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var out *domain.Product
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		id, err := insertProduct(ctx, tx, &f, s.db.now())
		if err != nil {
			return err
		}
		out, err = findProduct(ctx, tx, `p.id = ?`, id)
		return err
	})
	return out, err
}

// productInsertColumns are the columns productInsertArgs fills.
const productInsertColumns = `sku, name, name_key, description, unit, list_price_e4, vat_rate, active, search_text,
	created_at, updated_at, annex15`

var insertProductSQL = insertSQL("products", productInsertColumns, 1)

func productInsertArgs(f *domain.ProductFields, created, updated string) []any {
	return []any{f.SKU, f.Name, nameKey(f.Name), f.Description, string(f.Unit), int64(f.ListPrice), string(f.VATRate),
		boolInt(f.Active), productSearchText(f), created, updated, boolInt(f.Annex15)}
}

func insertProduct(ctx context.Context, tx *sql.Tx, f *domain.ProductFields, now time.Time) (int64, error) {
	res, err := tx.ExecContext(ctx, insertProductSQL, productInsertArgs(f, moment(now), moment(now))...)
	if err != nil {
		return 0, skuTakenOr(err, f.SKU)
	}
	return res.LastInsertId()
}

const updateProductSQL = `UPDATE products SET sku = ?, name = ?, name_key = ?, description = ?, unit = ?,
	list_price_e4 = ?, vat_rate = ?, active = ?, search_text = ?, annex15 = ?, version = version + 1, updated_at = ? WHERE id = ?`

func productUpdateArgs(f *domain.ProductFields, now string, id int64) []any {
	return []any{f.SKU, f.Name, nameKey(f.Name), f.Description, string(f.Unit), int64(f.ListPrice), string(f.VATRate),
		boolInt(f.Active), productSearchText(f), boolInt(f.Annex15), now, id}
}

// UpdateProduct replaces a product's fields, refusing when it changed since upd.Version.
// A new unit must still suit the quantity tiers of the product's agreements.
func (s *ProductService) UpdateProduct(ctx context.Context, id domain.ProductID, upd domain.ProductUpdate) (*domain.Product, error) {
	f := upd.ProductFields
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var out *domain.Product
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "products", int64(id), upd.Version); err != nil {
			return err
		}
		if err := checkTiersFitUnit(ctx, tx, int64(id), f.Unit); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, updateProductSQL, productUpdateArgs(&f, moment(s.db.now()), int64(id))...); err != nil {
			return skuTakenOr(err, f.SKU)
		}
		var err error
		out, err = findProduct(ctx, tx, `p.id = ?`, int64(id))
		return err
	})
	return out, err
}

// checkTiersFitUnit refuses a unit whose decimals cannot express a stored tier
// (changing kg to szt when an agreement starts at 2.5 kg).
func checkTiersFitUnit(ctx context.Context, tx *sql.Tx, id int64, u domain.Unit) error {
	step := int64(1)
	for i := u.Decimals(); i < domain.QuantityPlaces; i++ {
		step *= 10
	}
	var bad sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT min_qty_e3 FROM price_agreements WHERE product_id = ? AND min_qty_e3 % ? <> 0 LIMIT 1`,
		id, step).Scan(&bad); err != nil && err != sql.ErrNoRows {
		return err
	}
	if !bad.Valid {
		return nil
	}
	return &domain.Error{Code: domain.EInvalid, Key: "product.invalid", Msg: "the product is not valid",
		Fields: []domain.FieldError{{Field: domain.FieldUnit, Key: "unit.tiers",
			Msg:  "an agreement for this product starts at {{.Qty}}, which {{.Unit}} cannot express",
			Args: map[string]any{"Qty": domain.Quantity(bad.Int64), "Unit": string(u)}}}}
}

func skuTakenOr(err error, sku string) error {
	if e, ok := domain.AsError(mapError(err)); ok && e.Key == "db.duplicate" {
		return &domain.Error{Code: domain.EConflict, Key: "product.sku_taken", Msg: "the SKU is already used",
			Fields: []domain.FieldError{{Field: domain.FieldSKU, Key: "sku.taken",
				Msg: "{{.Value}} is already used by another product", Args: map[string]any{"Value": sku}}}}
	}
	return err
}

// DeleteProduct removes a product nothing refers to.
func (s *ProductService) DeleteProduct(ctx context.Context, id domain.ProductID) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "products", int64(id), 0); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM products WHERE id = ?`, int64(id))
		if e, ok := domain.AsError(mapError(err)); ok && e.Key == "db.referenced" {
			return domain.Errorf(domain.EConflict, "product.referenced",
				"price agreements or documents refer to the product, so it cannot be deleted; make it inactive instead", nil)
		}
		return err
	})
}
