package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strings"
	"sync"

	"kontor/domain"
)

// PriceService implements domain.PriceService: it loads everything one
// resolution needs with a single prepared statement and leaves the decision to
// domain.ResolvePrice.
//
// A line has a budget of 100 µs, so: one statement (a lone statement reads one
// consistent snapshot, so no BEGIN and COMMIT, which modernc parses afresh each
// time), prepared once per reader connection (preparing it costs more than
// running it), reading narrow covering indexes (migrations/0003_catalog.sql).
// Create one PriceService per DB and keep it.
type PriceService struct {
	db    *DB
	once  sync.Once
	stmts struct{ line, doc, lineDeep, docDeep *sql.Stmt }
	err   error
}

// NewPriceService returns the price service over db.
func NewPriceService(db *DB) *PriceService { return &PriceService{db: db} }

var _ domain.PriceService = (*PriceService)(nil)

func (s *PriceService) prepared() error {
	s.once.Do(func() {
		ctx := context.Background()
		for _, p := range []struct {
			st  **sql.Stmt
			sql string
		}{{&s.stmts.line, PriceLineSQL}, {&s.stmts.doc, PriceDocumentSQL},
			{&s.stmts.lineDeep, PriceLineDeepSQL}, {&s.stmts.docDeep, PriceDocumentDeepSQL}} {
			if *p.st, s.err = s.db.r.PrepareContext(ctx, p.sql); s.err != nil {
				s.err = wrap("prepare price statements", s.err)
				return
			}
		}
	})
	return s.err
}

// plain runs an unprepared statement inside tx.
func plain(ctx context.Context, tx *sql.Tx, q string) func(args ...any) (*sql.Rows, error) {
	return func(args ...any) (*sql.Rows, error) { return tx.QueryContext(ctx, q, args...) }
}

// priceChainCTE reads an account (?2) and its head offices, nearest first,
// with the account's customer group on the first row and each row's own head
// office (parent). It reads the narrow accounts_price_chain index, not the
// wide account rows. The depth bound only guards against a loop the store
// never writes.
const priceChainCTE = `chain (id, code, name, parent, depth, group_id, group_name) AS MATERIALIZED (
		SELECT a.id, a.code, a.name, a.parent_id, 0, g.id, g.name
		FROM accounts a INDEXED BY accounts_price_chain
		LEFT JOIN customer_groups g ON g.name = a.customer_group AND a.customer_group <> ''
		WHERE a.id = ?2
		UNION ALL
		SELECT a.id, a.code, a.name, a.parent_id, c.depth + 1, NULL, NULL
		FROM chain c JOIN accounts a INDEXED BY accounts_price_chain ON a.id = c.parent WHERE c.depth < 64)`

// shallowChainCTE is priceChainCTE for the first three levels (the account,
// its head office and that one's), as plain joins: cheaper than the recursion
// on every line. A third-level row with a parent of its own says the chain
// goes on, and the caller runs the statement with priceChainCTE instead.
const shallowChainCTE = `chain (id, code, name, parent, depth, group_id, group_name) AS MATERIALIZED (
		SELECT a.id, a.code, a.name, a.parent_id, 0, g.id, g.name
		FROM accounts a INDEXED BY accounts_price_chain
		LEFT JOIN customer_groups g ON g.name = a.customer_group AND a.customer_group <> ''
		WHERE a.id = ?2
		UNION ALL
		SELECT p1.id, p1.code, p1.name, p1.parent_id, 1, NULL, NULL
		FROM accounts a INDEXED BY accounts_price_chain JOIN accounts p1 INDEXED BY accounts_price_chain ON p1.id = a.parent_id
		WHERE a.id = ?2
		UNION ALL
		SELECT p2.id, p2.code, p2.name, p2.parent_id, 2, NULL, NULL
		FROM accounts a INDEXED BY accounts_price_chain JOIN accounts p1 INDEXED BY accounts_price_chain ON p1.id = a.parent_id
		JOIN accounts p2 INDEXED BY accounts_price_chain ON p2.id = p1.parent_id WHERE a.id = ?2)`

// shallowDepth is the deepest level shallowChainCTE reads.
const shallowDepth = 2

// PriceChainSQL is the chain alone (?1 the account), for the price sheet.
var PriceChainSQL = `WITH RECURSIVE ` + strings.Replace(priceChainCTE, "?2", "?1", 1) + `
	SELECT id, code, name, coalesce(group_id, 0), coalesce(group_name, '') FROM chain ORDER BY depth`

// Row kinds of the resolution statement.
const (
	rowChain     = 0 // depth, id, code, name, group id, group name, parent
	rowProduct   = 1 // id, sku, unit, list price
	rowCandidate = 2 // id, product id, account id, group id, min qty, price, discount, starts, ends
)

// resolveSQL reads, in one statement, the account's chain (?2, through
// chainCTE), the products chosen by productWhere and their agreements for the
// chain and the group, as rows tagged by kind. Each agreement branch seeks the
// covering index price_agreements_by_account or _by_group on (target,
// product) and reads only candidates. The products are materialised for a
// document (many SKUs from json_each); one product is looked up again in each
// branch instead, which costs less than building a temporary table. The IS NOT
// NULL terms let the planner use the partial indexes without looking at bound
// values; +chain.depth keeps it from building an automatic index over the one
// to three chain rows on every run.
func resolveSQL(chainCTE, productWhere string, materialise bool) string {
	const pad = `NULL, NULL, NULL, NULL`
	// Only columns of the branch's index, so that the seek never visits the table.
	const terms = `pa.min_qty_e3, pa.price_e4, pa.discount_e2, pa.starts_on, pa.ends_on`
	hint := "NOT MATERIALIZED"
	if materialise {
		hint = "MATERIALIZED"
	}
	return `WITH RECURSIVE ` + chainCTE + `,
	p AS ` + hint + ` (SELECT id, sku, unit, list_price_e4 FROM products INDEXED BY products_for_pricing WHERE ` + productWhere + `)
	SELECT 0, depth, id, code, name, group_id, group_name, parent, NULL, NULL FROM chain
	UNION ALL
	SELECT 1, id, sku, unit, list_price_e4, ` + pad + `, NULL FROM p
	UNION ALL
	SELECT 2, pa.id, pa.product_id, pa.account_id, 0, ` + terms + ` FROM p CROSS JOIN chain CROSS JOIN price_agreements pa
		ON pa.account_id IS NOT NULL AND pa.account_id = chain.id AND pa.product_id = p.id
	UNION ALL
	SELECT 2, pa.id, pa.product_id, 0, pa.group_id, ` + terms + ` FROM p CROSS JOIN chain CROSS JOIN price_agreements pa
		ON +chain.depth = 0 AND pa.group_id IS NOT NULL AND pa.group_id = chain.group_id AND pa.product_id = p.id`
}

// The resolution statements: ?1 the SKU (a line) or a JSON array of SKUs (a
// document), ?2 the account. The Deep ones follow head offices any number of
// levels up, for the rare chain longer than three.
var (
	PriceLineSQL         = resolveSQL(shallowChainCTE, `sku = ?1`, false)
	PriceDocumentSQL     = resolveSQL(shallowChainCTE, `sku IN (SELECT value FROM json_each(?1))`, true)
	PriceLineDeepSQL     = resolveSQL(priceChainCTE, `sku = ?1`, false)
	PriceDocumentDeepSQL = resolveSQL(priceChainCTE, `sku IN (SELECT value FROM json_each(?1))`, true)
)

// priceTarget is an account's place in price resolution: its chain and group.
type priceTarget struct {
	chain []domain.AccountRef
	group domain.GroupRef
	ids   string // the chain's ids as a JSON array, for json_each
}

type pricedProduct struct {
	id         domain.ProductID
	sku        string
	unit       domain.Unit
	list       domain.UnitPrice
	agreements []*domain.Agreement
}

// priceData is what the resolution statement read.
type priceData struct {
	target   priceTarget
	products []*pricedProduct // in the order read
	deeper   bool             // the chain goes on above the levels read
}

// queryPriceData runs the shallow statement, and the deep one when the chain
// is longer than the shallow one reads.
func queryPriceData(ctx context.Context, shallow, deep *sql.Stmt, account domain.AccountID, arg any) (*priceData, error) {
	rows, err := shallow.QueryContext(ctx, arg, int64(account))
	if err != nil {
		return nil, err
	}
	d, err := scanPriceData(rows, account)
	if err != nil || !d.deeper {
		return d, err
	}
	if rows, err = deep.QueryContext(ctx, arg, int64(account)); err != nil {
		return nil, err
	}
	return scanPriceData(rows, account)
}

func asInt(v any) int64 {
	n, _ := v.(int64)
	return n
}

func asText(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []byte:
		return string(t)
	}
	return ""
}

// scanPriceData reads the rows of the resolution statement.
func scanPriceData(rows *sql.Rows, account domain.AccountID) (*priceData, error) {
	defer rows.Close()
	var d priceData
	byID := map[domain.ProductID]*pricedProduct{}
	type level struct {
		depth int64
		ref   domain.AccountRef
	}
	var chain []level
	var cands []*domain.Agreement
	var v [10]any
	ptrs := make([]any, len(v))
	for i := range v {
		ptrs[i] = &v[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		switch asInt(v[0]) {
		case rowChain:
			if asInt(v[1]) == 0 {
				d.target.group = domain.GroupRef{ID: domain.GroupID(asInt(v[5])), Name: asText(v[6])}
			}
			if asInt(v[1]) == shallowDepth && v[7] != nil {
				d.deeper = true
			}
			chain = append(chain, level{asInt(v[1]), domain.AccountRef{ID: domain.AccountID(asInt(v[2])), Code: asText(v[3]), Name: asText(v[4])}})
		case rowProduct:
			p := &pricedProduct{id: domain.ProductID(asInt(v[1])), sku: asText(v[2]), unit: domain.Unit(asText(v[3])), list: domain.UnitPrice(asInt(v[4]))}
			byID[p.id] = p
			d.products = append(d.products, p)
		case rowCandidate:
			a := &domain.Agreement{ID: domain.AgreementID(asInt(v[1])), ProductID: domain.ProductID(asInt(v[2])),
				AccountID: domain.AccountID(asInt(v[3])), GroupID: domain.GroupID(asInt(v[4]))}
			a.MinQty = domain.Quantity(asInt(v[5]))
			a.Price, a.HasPrice = domain.UnitPrice(asInt(v[6])), v[6] != nil
			a.Discount, a.HasDiscount = domain.Percent(asInt(v[7])), v[7] != nil
			if err := onDate(&a.ValidFrom).Scan(v[8]); err != nil {
				return nil, err
			}
			if err := onDate(&a.ValidTo).Scan(v[9]); err != nil {
				return nil, err
			}
			cands = append(cands, a)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(chain) == 0 {
		return nil, domain.Errorf(domain.ENotFound, "account.not_found", "no such account: {{.Key}}", map[string]any{"Key": int64(account)})
	}
	// UNION ALL keeps its parts in order in SQLite, but nothing here relies on it.
	sort.Slice(chain, func(i, j int) bool { return chain[i].depth < chain[j].depth })
	d.target.chain = make([]domain.AccountRef, len(chain))
	for i, l := range chain {
		d.target.chain[i] = l.ref
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].ID < cands[j].ID })
	for _, a := range cands {
		if p := byID[a.ProductID]; p != nil {
			a.SKU = p.sku
			p.agreements = append(p.agreements, a)
		}
	}
	return &d, nil
}

func loadPriceTarget(chain func(args ...any) (*sql.Rows, error), account domain.AccountID) (*priceTarget, error) {
	rows, err := chain(int64(account))
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

func checkQuantity(sku string, unit domain.Unit, qty domain.Quantity) error {
	if qty <= 0 {
		return domain.Errorf(domain.EInvalid, "quantity.positive", "the quantity of {{.SKU}} must be more than 0", map[string]any{"SKU": sku})
	}
	return unit.Check(qty)
}

// shortQuery is the context a resolution's statement runs under. It takes tens
// of microseconds: too short to interrupt, and for a cancellable context
// modernc starts a watching goroutine and a progress handler per statement,
// which cost more than the statement (kontorctl bench: p50 110 µs instead of
// 40 µs). A context already done still stops the call before it starts.
func shortQuery(ctx context.Context) (context.Context, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return context.WithoutCancel(ctx), nil
}

// checkDay refuses the zero date: a price is always a price on some day.
func checkDay(on domain.Date) error {
	if on.IsZero() {
		return domain.Errorf(domain.EInvalid, "price.date_required", "the day to price on is required", nil)
	}
	return nil
}

// Resolve prices one SKU for an account.
func (s *PriceService) Resolve(ctx context.Context, account domain.AccountID, sku string, qty domain.Quantity, on domain.Date) (*domain.Resolution, error) {
	if err := s.prepared(); err != nil {
		return nil, err
	}
	if err := checkDay(on); err != nil {
		return nil, err
	}
	ctx, err := shortQuery(ctx)
	if err != nil {
		return nil, err
	}
	d, err := queryPriceData(ctx, s.stmts.line, s.stmts.lineDeep, account, strings.TrimSpace(sku))
	if err != nil {
		return nil, wrap("resolve price", err)
	}
	if len(d.products) == 0 {
		return nil, unknownSKUs([]string{sku})
	}
	p := d.products[0]
	if err := checkQuantity(p.sku, p.unit, qty); err != nil {
		return nil, err
	}
	res := domain.ResolvePrice(domain.PriceInput{SKU: p.sku, ListPrice: p.list, Quantity: qty, Date: on,
		Chain: d.target.chain, Group: d.target.group, Agreements: p.agreements})
	return &res, nil
}

func unknownSKUs(skus []string) error {
	return domain.Errorf(domain.ENotFound, "product.unknown_skus", "no product with SKU {{.SKUs}}",
		map[string]any{"SKUs": strings.Join(skus, ", ")})
}

// Reprice prices a document with one statement: the account's chain once, every
// product of the document with its candidates. Tiers compare with each SKU's
// total over the document.
func (s *PriceService) Reprice(ctx context.Context, account domain.AccountID, on domain.Date, lines []domain.PriceLine) ([]domain.Resolution, error) {
	if err := s.prepared(); err != nil {
		return nil, err
	}
	if err := checkDay(on); err != nil {
		return nil, err
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
	ctx, err := shortQuery(ctx)
	if err != nil {
		return nil, err
	}
	d, err := queryPriceData(ctx, s.stmts.doc, s.stmts.docDeep, account, string(list))
	if err != nil {
		return nil, wrap("reprice", err)
	}
	// SKUs compare ignoring ASCII case, as the products table does.
	bySKU := make(map[string]*pricedProduct, len(d.products))
	for _, p := range d.products {
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
			return nil, err
		}
		totals[p.id] += l.Quantity
	}
	if len(missing) > 0 {
		return nil, unknownSKUs(missing)
	}
	// Lines of one SKU share the document's total, so they share a resolution.
	done := map[domain.ProductID]domain.Resolution{}
	out := make([]domain.Resolution, len(lines))
	for i, l := range lines {
		p := bySKU[strings.ToUpper(strings.TrimSpace(l.SKU))]
		r, ok := done[p.id]
		if !ok {
			r = domain.ResolvePrice(domain.PriceInput{SKU: p.sku, ListPrice: p.list, Quantity: totals[p.id], Date: on,
				Chain: d.target.chain, Group: d.target.group, Agreements: p.agreements})
			done[p.id] = r
		}
		out[i] = r
	}
	return out, nil
}

// candidateColumns are what the engine needs of an agreement. The SKU, account
// code and group name are left out: the engine places candidates by id.
const candidateColumns = `pa.id, pa.product_id, coalesce(pa.account_id, 0), coalesce(pa.group_id, 0), pa.min_qty_e3,
	pa.price_e4, pa.discount_e2, coalesce(pa.starts_on, ''), coalesce(pa.ends_on, '')`

// PriceSheetAgreementsSQL reads every agreement in effect on ?4 for the chain
// (?1) and the group (?2); ?3 is the same day as text for the start bound.
const PriceSheetAgreementsSQL = `SELECT ` + candidateColumns + ` FROM (
		SELECT * FROM price_agreements WHERE account_id IS NOT NULL AND account_id IN (SELECT value FROM json_each(?1))
		UNION ALL
		SELECT * FROM price_agreements WHERE group_id IS NOT NULL AND group_id = +?2
	) pa WHERE coalesce(pa.starts_on, '') <= ?3 AND coalesce(pa.ends_on, '9999') >= ?3`

// PriceSheetProductsSQL lists the active catalog in Polish name order.
const PriceSheetProductsSQL = `SELECT id, sku, name, unit, vat_rate, list_price_e4 FROM products
	WHERE active = 1 ORDER BY name_key, id`

// PriceSheet prices every active product for the account on a date.
func (s *PriceService) PriceSheet(ctx context.Context, account domain.AccountID, on domain.Date) (*domain.PriceSheet, error) {
	if err := checkDay(on); err != nil {
		return nil, err
	}
	sheet := &domain.PriceSheet{Date: on}
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		var err error
		if sheet.Account, err = findAccount(ctx, tx, `a.id = ?`, int64(account)); err != nil {
			return err
		}
		t, err := loadPriceTarget(plain(ctx, tx, PriceChainSQL), account)
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
		if err := rows.Scan(&a.ID, &a.ProductID, &a.AccountID, &a.GroupID, &a.MinQty, &price, &discount, onDate(&a.ValidFrom),
			onDate(&a.ValidTo)); err != nil {
			return nil, err
		}
		a.Price, a.HasPrice = domain.UnitPrice(price.Int64), price.Valid
		a.Discount, a.HasDiscount = domain.Percent(discount.Int64), discount.Valid
		out[a.ProductID] = append(out[a.ProductID], &a)
	}
	for _, list := range out {
		sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	}
	return out, rows.Err()
}
