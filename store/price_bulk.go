package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"kontor/domain"
)

// bulkPricer prices many lines with the engine over agreements held in
// memory: the same domain.BestPrice the PriceService runs, without a statement
// per document. The demo's 1,200,000 order lines and an orders import of
// 100,000 lines use it; a statement per order would take a minute.
type bulkPricer struct {
	list     []catalogEntry // in id order
	bySKU    map[string]*catalogEntry
	byKey    map[agreementKey][]*domain.Agreement
	groups   map[string]int64
	accounts map[int64]bulkAccount // loaded only when asked for
}

type agreementKey struct{ account, group, product int64 }

type bulkAccount struct {
	code   string
	parent int64
	group  string
}

// loadBulkPricer reads the catalog, the groups and the agreements (of the
// products whose SKUs are given; every one for nil skus), and with accounts the
// accounts' chains and groups too.
func loadBulkPricer(ctx context.Context, q queryer, accounts bool, skus []string) (*bulkPricer, error) {
	p := &bulkPricer{bySKU: map[string]*catalogEntry{}, byKey: map[agreementKey][]*domain.Agreement{}, groups: map[string]int64{}}
	err := collect(ctx, q, `SELECT id, sku, name, unit, vat_rate, list_price_e4, active FROM products ORDER BY id`, func(rows *sql.Rows) error {
		var c catalogEntry
		err := rows.Scan(&c.id, &c.sku, &c.name, &c.unit, &c.vat, &c.list, &c.active)
		p.list = append(p.list, c)
		return err
	})
	if err != nil {
		return nil, err
	}
	for i := range p.list {
		p.bySKU[strings.ToUpper(p.list[i].sku)] = &p.list[i]
	}
	if err := collect(ctx, q, `SELECT id, name FROM customer_groups`, func(rows *sql.Rows) error {
		var id int64
		var name string
		err := rows.Scan(&id, &name)
		p.groups[name] = id
		return err
	}); err != nil {
		return nil, err
	}
	agreements := `SELECT ` + candidateColumns + ` FROM price_agreements pa ORDER BY id`
	if skus != nil {
		var ids []int64
		for _, sku := range skus {
			if c := p.bySKU[strings.ToUpper(strings.TrimSpace(sku))]; c != nil {
				ids = append(ids, int64(c.id))
			}
		}
		b, _ := json.Marshal(ids)
		agreements = `SELECT ` + candidateColumns + ` FROM price_agreements pa
			WHERE pa.product_id IN (SELECT value FROM json_each('` + string(b) + `')) ORDER BY id`
	}
	err = collect(ctx, q, agreements, func(rows *sql.Rows) error {
		var a domain.Agreement
		var price, discount sql.NullInt64
		var from, to string
		if err := rows.Scan(&a.ID, &a.ProductID, &a.AccountID, &a.GroupID, &a.MinQty, &price, &discount, &from, &to); err != nil {
			return err
		}
		a.Price, a.HasPrice = domain.UnitPrice(price.Int64), price.Valid
		a.Discount, a.HasDiscount = domain.Percent(discount.Int64), discount.Valid
		a.ValidFrom, _ = domain.ParseDate(from)
		a.ValidTo, _ = domain.ParseDate(to)
		k := agreementKey{int64(a.AccountID), int64(a.GroupID), int64(a.ProductID)}
		p.byKey[k] = append(p.byKey[k], &a)
		return nil
	})
	if err != nil || !accounts {
		return p, err
	}
	p.accounts = map[int64]bulkAccount{}
	err = collect(ctx, q, `SELECT id, code, coalesce(parent_id, 0), customer_group FROM accounts`, func(rows *sql.Rows) error {
		var id int64
		var a bulkAccount
		err := rows.Scan(&id, &a.code, &a.parent, &a.group)
		p.accounts[id] = a
		return err
	})
	return p, err
}

// target is an account's chain and group from the loaded accounts.
func (p *bulkPricer) target(account int64) *priceTarget {
	t := &priceTarget{}
	a, ok := p.accounts[account]
	if !ok {
		return t
	}
	if id := p.groups[a.group]; id != 0 {
		t.group = domain.GroupRef{ID: domain.GroupID(id), Name: a.group}
	}
	for id := account; id != 0 && len(t.chain) < 64; id = p.accounts[id].parent {
		t.chain = append(t.chain, domain.AccountRef{ID: domain.AccountID(id), Code: p.accounts[id].code})
	}
	return t
}

// price resolves a product for the target at the document's total quantity of it.
func (p *bulkPricer) price(t *priceTarget, c *catalogEntry, total domain.Quantity, on domain.Date, buf []*domain.Agreement) (domain.UnitPrice, domain.PriceSource) {
	buf = buf[:0]
	for _, ref := range t.chain {
		buf = append(buf, p.byKey[agreementKey{int64(ref.ID), 0, int64(c.id)}]...)
	}
	if t.group.ID != 0 {
		buf = append(buf, p.byKey[agreementKey{0, int64(t.group.ID), int64(c.id)}]...)
	}
	if len(buf) == 0 {
		return c.list, domain.SourceList
	}
	price, src, _ := domain.BestPrice(domain.PriceInput{SKU: c.sku, ListPrice: c.list, Quantity: total, Date: on,
		Chain: t.chain, Group: t.group, Agreements: buf})
	return price, src
}
