package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strings"

	"kontor/domain"
)

// PriceService implements domain.PriceService: it loads the candidates of a
// resolution with indexed queries and leaves the decision to domain.ResolvePrice.
type PriceService struct{ db *DB }

// NewPriceService returns the price service over db.
func NewPriceService(db *DB) *PriceService { return &PriceService{db: db} }

var _ domain.PriceService = (*PriceService)(nil)

// PriceChainSQL reads an account and its head offices, nearest first, with the
// account's customer group (id and name) on the first row. ?1 is the account id.
// The depth bound only guards against a loop the store never writes.
const PriceChainSQL = `WITH RECURSIVE chain (id, code, name, parent, depth, group_id, group_name) AS (
		SELECT a.id, a.code, a.name, a.parent_id, 0, g.id, g.name
		FROM accounts a LEFT JOIN customer_groups g ON g.name = a.customer_group AND a.customer_group <> ''
		WHERE a.id = ?1
		UNION ALL
		SELECT a.id, a.code, a.name, a.parent_id, c.depth + 1, NULL, NULL
		FROM chain c JOIN accounts a ON a.id = c.parent WHERE c.depth < 64)
	SELECT id, code, name, coalesce(group_id, 0), coalesce(group_name, '') FROM chain ORDER BY depth`

// priceTarget is an account's place in price resolution: its chain and group.
type priceTarget struct {
	chain []domain.AccountRef
	group domain.GroupRef
	ids   string // the chain's ids as a JSON array, for json_each
}

func loadPriceTarget(ctx context.Context, q queryer, account domain.AccountID) (*priceTarget, error) {
	rows, err := q.QueryContext(ctx, PriceChainSQL, int64(account))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := &priceTarget{}
	var ids []int64
	for rows.Next() {
		var ref domain.AccountRef
		var g domain.GroupRef
		if err := rows.Scan(&ref.ID, &ref.Code, &ref.Name, &g.ID, &g.Name); err != nil {
			return nil, err
		}
		if len(t.chain) == 0 {
			t.group = g
		}
		t.chain = append(t.chain, ref)
		ids = append(ids, int64(ref.ID))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(t.chain) == 0 {
		return nil, domain.Errorf(domain.ENotFound, "account.not_found", "no such account: {{.Key}}", map[string]any{"Key": int64(account)})
	}
	b, _ := json.Marshal(ids)
	t.ids = string(b)
	return t, nil
}

// candidateColumns are what the engine needs of an agreement. The SKU, account
// code and group name are left out: the engine places candidates by id.
const candidateColumns = `pa.id, pa.product_id, coalesce(pa.account_id, 0), coalesce(pa.group_id, 0), pa.min_qty_e3,
	pa.price_e4, pa.discount_e2, coalesce(pa.starts_on, ''), coalesce(pa.ends_on, '')`

// PriceCandidatesSQL reads one product and its agreements for the chain
// (?2, a JSON array of account ids) and the group (?3): one row with NULL
// agreement columns when it has none. ?1 is the SKU. The two branches use
// price_agreements_by_account and price_agreements_by_group.
const PriceCandidatesSQL = `SELECT p.id, p.sku, p.unit, p.list_price_e4, ` + candidateColumns + `
	FROM products p LEFT JOIN (
		SELECT * FROM price_agreements WHERE account_id IN (SELECT value FROM json_each(?2))
		UNION ALL
		SELECT * FROM price_agreements WHERE group_id = ?3
	) pa ON pa.product_id = p.id
	WHERE p.sku = ?1`

type pricedProduct struct {
	id         domain.ProductID
	sku        string
	unit       domain.Unit
	list       domain.UnitPrice
	agreements []*domain.Agreement
}

// scanCandidates reads rows of (product columns, candidate columns), grouping
// agreements under their product, in first-seen order.
func scanCandidates(rows *sql.Rows) ([]*pricedProduct, error) {
	var out []*pricedProduct
	byID := map[domain.ProductID]*pricedProduct{}
	for rows.Next() {
		var p pricedProduct
		var id, pid, acct, grp, minQty, price, discount sql.NullInt64
		var from, to sql.NullString
		if err := rows.Scan(&p.id, &p.sku, &p.unit, &p.list, &id, &pid, &acct, &grp, &minQty, &price, &discount, &from, &to); err != nil {
			return nil, err
		}
		have := byID[p.id]
		if have == nil {
			have = &p
			byID[p.id] = have
			out = append(out, have)
		}
		if !id.Valid {
			continue
		}
		a := &domain.Agreement{ID: domain.AgreementID(id.Int64), ProductID: p.id, AccountID: domain.AccountID(acct.Int64),
			GroupID: domain.GroupID(grp.Int64)}
		a.SKU, a.MinQty = p.sku, domain.Quantity(minQty.Int64)
		a.Price, a.HasPrice = domain.UnitPrice(price.Int64), price.Valid
		a.Discount, a.HasDiscount = domain.Percent(discount.Int64), discount.Valid
		a.ValidFrom, _ = domain.ParseDate(from.String)
		a.ValidTo, _ = domain.ParseDate(to.String)
		have.agreements = append(have.agreements, a)
	}
	return out, rows.Err()
}

func checkQuantity(sku string, unit domain.Unit, qty domain.Quantity) error {
	if qty <= 0 {
		return domain.Errorf(domain.EInvalid, "quantity.positive", "the quantity of {{.SKU}} must be more than 0", map[string]any{"SKU": sku})
	}
	return unit.Check(qty)
}

// Resolve prices one SKU for an account: two indexed queries in one read transaction.
func (s *PriceService) Resolve(ctx context.Context, account domain.AccountID, sku string, qty domain.Quantity, on domain.Date) (*domain.Resolution, error) {
	var res domain.Resolution
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		t, err := loadPriceTarget(ctx, tx, account)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, PriceCandidatesSQL, strings.TrimSpace(sku), t.ids, int64(t.group.ID))
		if err != nil {
			return err
		}
		products, err := scanCandidates(rows)
		rows.Close()
		if err != nil {
			return err
		}
		if len(products) == 0 {
			return unknownSKUs([]string{sku})
		}
		p := products[0]
		if err := checkQuantity(p.sku, p.unit, qty); err != nil {
			return err
		}
		res = domain.ResolvePrice(domain.PriceInput{SKU: p.sku, ListPrice: p.list, Quantity: qty, Date: on,
			Chain: t.chain, Group: t.group, Agreements: p.agreements})
		return nil
	})
	if err != nil {
		return nil, wrap("resolve price", err)
	}
	return &res, nil
}

func unknownSKUs(skus []string) error {
	return domain.Errorf(domain.ENotFound, "product.unknown_skus", "no product with SKU {{.SKUs}}",
		map[string]any{"SKUs": strings.Join(skus, ", ")})
}

// PriceDocumentSQL reads the products named by ?1 (a JSON array of SKUs) and
// their agreements for the chain (?2) and group (?3), like PriceCandidatesSQL.
const PriceDocumentSQL = `SELECT p.id, p.sku, p.unit, p.list_price_e4, ` + candidateColumns + `
	FROM products p LEFT JOIN (
		SELECT * FROM price_agreements WHERE account_id IN (SELECT value FROM json_each(?2))
		UNION ALL
		SELECT * FROM price_agreements WHERE group_id = ?3
	) pa ON pa.product_id = p.id
	WHERE p.sku IN (SELECT value FROM json_each(?1))`

// Reprice prices a document: the account's chain once, then every product of
// the document with its candidates in one query. Tiers compare with each SKU's
// total over the document.
func (s *PriceService) Reprice(ctx context.Context, account domain.AccountID, on domain.Date, lines []domain.PriceLine) ([]domain.Resolution, error) {
	var out []domain.Resolution
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		t, err := loadPriceTarget(ctx, tx, account)
		if err != nil {
			return err
		}
		var skus []string
		seen := map[string]bool{}
		for _, l := range lines {
			k := strings.ToUpper(strings.TrimSpace(l.SKU))
			if !seen[k] {
				seen[k] = true
				skus = append(skus, strings.TrimSpace(l.SKU))
			}
		}
		list, _ := json.Marshal(skus)
		rows, err := tx.QueryContext(ctx, PriceDocumentSQL, string(list), t.ids, int64(t.group.ID))
		if err != nil {
			return err
		}
		products, err := scanCandidates(rows)
		rows.Close()
		if err != nil {
			return err
		}
		// SKUs compare ignoring ASCII case, as the products table does.
		bySKU := map[string]*pricedProduct{}
		for _, p := range products {
			bySKU[strings.ToUpper(p.sku)] = p
		}
		totals := map[domain.ProductID]domain.Quantity{}
		var missing []string
		for _, l := range lines {
			p := bySKU[strings.ToUpper(strings.TrimSpace(l.SKU))]
			if p == nil {
				missing = append(missing, l.SKU)
				continue
			}
			if err := checkQuantity(p.sku, p.unit, l.Quantity); err != nil {
				return err
			}
			totals[p.id] += l.Quantity
		}
		if len(missing) > 0 {
			return unknownSKUs(missing)
		}
		// Lines of one SKU share the document's total, so they share a resolution.
		done := map[domain.ProductID]domain.Resolution{}
		out = make([]domain.Resolution, len(lines))
		for i, l := range lines {
			p := bySKU[strings.ToUpper(strings.TrimSpace(l.SKU))]
			r, ok := done[p.id]
			if !ok {
				r = domain.ResolvePrice(domain.PriceInput{SKU: p.sku, ListPrice: p.list, Quantity: totals[p.id], Date: on,
					Chain: t.chain, Group: t.group, Agreements: p.agreements})
				done[p.id] = r
			}
			out[i] = r
		}
		return nil
	})
	if err != nil {
		return nil, wrap("reprice", err)
	}
	return out, nil
}

// PriceSheetAgreementsSQL reads every agreement in effect on ?4 for the chain
// (?1) and the group (?2); ?3 is the same day as text for the start bound.
const PriceSheetAgreementsSQL = `SELECT ` + candidateColumns + ` FROM (
		SELECT * FROM price_agreements WHERE account_id IN (SELECT value FROM json_each(?1))
		UNION ALL
		SELECT * FROM price_agreements WHERE group_id = ?2
	) pa WHERE coalesce(pa.starts_on, '') <= ?3 AND coalesce(pa.ends_on, '9999') >= ?3`

// PriceSheetProductsSQL lists the active catalog in Polish name order.
const PriceSheetProductsSQL = `SELECT id, sku, name, unit, vat_rate, list_price_e4 FROM products
	WHERE active = 1 ORDER BY name_key, id`

// PriceSheet prices every active product for the account on a date.
func (s *PriceService) PriceSheet(ctx context.Context, account domain.AccountID, on domain.Date) (*domain.PriceSheet, error) {
	sheet := &domain.PriceSheet{Date: on}
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		var err error
		if sheet.Account, err = findAccount(ctx, tx, `a.id = ?`, int64(account)); err != nil {
			return err
		}
		t, err := loadPriceTarget(ctx, tx, account)
		if err != nil {
			return err
		}
		byProduct, err := sheetAgreements(ctx, tx, t, on)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, PriceSheetProductsSQL)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p domain.PriceSheetProduct
			if err := rows.Scan(&p.ID, &p.SKU, &p.Name, &p.Unit, &p.VATRate, &p.ListPrice); err != nil {
				return err
			}
			sheet.Lines = append(sheet.Lines, domain.BuildPriceSheetLine(p, on, t.chain, t.group, byProduct[p.ID]))
		}
		return rows.Err()
	})
	if err != nil {
		return nil, wrap("price sheet", err)
	}
	return sheet, nil
}

func sheetAgreements(ctx context.Context, tx *sql.Tx, t *priceTarget, on domain.Date) (map[domain.ProductID][]*domain.Agreement, error) {
	rows, err := tx.QueryContext(ctx, PriceSheetAgreementsSQL, t.ids, int64(t.group.ID), on.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[domain.ProductID][]*domain.Agreement{}
	for rows.Next() {
		var a domain.Agreement
		var price, discount sql.NullInt64
		var from, to string
		if err := rows.Scan(&a.ID, &a.ProductID, &a.AccountID, &a.GroupID, &a.MinQty, &price, &discount, &from, &to); err != nil {
			return nil, err
		}
		a.Price, a.HasPrice = domain.UnitPrice(price.Int64), price.Valid
		a.Discount, a.HasDiscount = domain.Percent(discount.Int64), discount.Valid
		a.ValidFrom, _ = domain.ParseDate(from)
		a.ValidTo, _ = domain.ParseDate(to)
		out[a.ProductID] = append(out[a.ProductID], &a)
	}
	for _, list := range out {
		sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	}
	return out, rows.Err()
}
