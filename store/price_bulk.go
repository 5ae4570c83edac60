package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"kontor/domain"
)

// Pricer prices many lines with the engine over the catalog and agreements
// held in memory: the same domain.BestPrice the PriceService runs, without a
// statement per document. The demo's 1,200,000 order lines and an orders
// import of 100,000 lines use it; a statement per order would take a minute.
// A Pricer is not safe for concurrent use.
type Pricer struct {
	list     []catalogEntry // in id order
	bySKU    map[string]*catalogEntry
	byKey    map[agreementKey][]*domain.Agreement
	groups   map[string]int64
	accounts map[int64]bulkAccount // loaded only when asked for
	targets  map[int64]*priceTarget
	buf      []*domain.Agreement
}

type agreementKey struct{ account, group, product int64 }

type bulkAccount struct {
	code   string
	parent int64
	group  string
}

// loadPricer reads the catalog, the groups and the agreements (of the
// products whose SKUs are given; every one for nil skus), and with accounts the
// accounts' chains and groups too.
func loadPricer(ctx context.Context, q Querier, accounts bool, skus []string) (*Pricer, error) {
	p := &Pricer{bySKU: map[string]*catalogEntry{}, byKey: map[agreementKey][]*domain.Agreement{}, groups: map[string]int64{},
		targets: map[int64]*priceTarget{}}
	err := EachRow(ctx, q, `SELECT id, sku, name, unit, vat_rate, list_price_e4, active FROM products ORDER BY id`, func(rows *sql.Rows) error {
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
	if err := EachRow(ctx, q, `SELECT id, name FROM customer_groups`, func(rows *sql.Rows) error {
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
	err = EachRow(ctx, q, agreements, func(rows *sql.Rows) error {
		var a domain.Agreement
		var price, discount sql.NullInt64
		if err := rows.Scan(&a.ID, &a.ProductID, &a.AccountID, &a.GroupID, &a.MinQty, &price, &discount,
			onDate(&a.ValidFrom), onDate(&a.ValidTo)); err != nil {
			return err
		}
		a.Price, a.HasPrice = domain.UnitPrice(price.Int64), price.Valid
		a.Discount, a.HasDiscount = domain.Percent(discount.Int64), discount.Valid
		k := agreementKey{int64(a.AccountID), int64(a.GroupID), int64(a.ProductID)}
		p.byKey[k] = append(p.byKey[k], &a)
		return nil
	})
	if err != nil || !accounts {
		return p, err
	}
	p.accounts = map[int64]bulkAccount{}
	err = EachRow(ctx, q, `SELECT id, code, coalesce(parent_id, 0), customer_group FROM accounts`, func(rows *sql.Rows) error {
		var id int64
		var a bulkAccount
		err := rows.Scan(&id, &a.code, &a.parent, &a.group)
		p.accounts[id] = a
		return err
	})
	return p, err
}

// Products is how many products the catalog has; Line takes their indexes.
func (p *Pricer) Products() int { return len(p.list) }

// Unit is the unit of the k-th product (in id order).
func (p *Pricer) Unit(k int) domain.Unit { return p.list[k].unit }

// Line is a document line of qty of the k-th product (in id order) for the
// account on a day, priced by the engine on that quantity.
func (p *Pricer) Line(account domain.AccountID, k int, qty domain.Quantity, on domain.Date) domain.DocumentLine {
	return p.line(p.target(int64(account)), &p.list[k], qty, qty, on)
}

// line is a line of qty of product c priced at the document's total quantity of it.
func (p *Pricer) line(t *priceTarget, c *catalogEntry, qty, total domain.Quantity, on domain.Date) domain.DocumentLine {
	price, src := p.price(t, c, total, on)
	return domain.DocumentLine{ProductID: c.id, SKU: c.sku, Name: c.name, Unit: c.unit, Quantity: qty,
		Price: price, EnginePrice: price, Source: src, VATRate: c.vat}
}

// target is an account's chain and group from the loaded accounts.
func (p *Pricer) target(account int64) *priceTarget {
	if t := p.targets[account]; t != nil {
		return t
	}
	t := &priceTarget{}
	p.targets[account] = t
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
func (p *Pricer) price(t *priceTarget, c *catalogEntry, total domain.Quantity, on domain.Date) (domain.UnitPrice, domain.PriceSource) {
	buf := p.buf[:0]
	for _, ref := range t.chain {
		buf = append(buf, p.byKey[agreementKey{int64(ref.ID), 0, int64(c.id)}]...)
	}
	if t.group.ID != 0 {
		buf = append(buf, p.byKey[agreementKey{0, int64(t.group.ID), int64(c.id)}]...)
	}
	p.buf = buf
	if len(buf) == 0 {
		return c.list, domain.SourceList
	}
	price, src, _ := domain.BestPrice(domain.PriceInput{SKU: c.sku, ListPrice: c.list, Quantity: total, Date: on,
		Chain: t.chain, Group: t.group, Agreements: buf})
	return price, src
}
