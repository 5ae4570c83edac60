package demo_test

import (
	"database/sql"
	"strings"
	"testing"

	"kontor/domain"
	"kontor/store"
)

func dumpCatalog(t *testing.T, raw *sql.DB) string {
	t.Helper()
	return dumpRows(t, raw, []string{
		`SELECT id, sku, name, description, unit, list_price_e4, vat_rate, active, search_text, created_at FROM products ORDER BY id`,
		`SELECT id, product_id, coalesce(account_id, 0), coalesce(group_id, 0), min_qty_e3, coalesce(price_e4, -1),
			coalesce(discount_e2, -1), coalesce(starts_on, ''), coalesce(ends_on, ''), created_by, created_at, ended_by,
			ended_at, coalesce(replaced_by, 0) FROM price_agreements ORDER BY id`,
		`SELECT key, value FROM settings WHERE key LIKE 'company.%' ORDER BY key`,
	}...)
}

func TestDemoCatalogDeterministic(t *testing.T) {
	t.Parallel()
	a := dumpCatalog(t, rawDB(t, genDemo(t, 150, 7)))
	if a != dumpCatalog(t, rawDB(t, genDemoAgain(t, 150, 7))) {
		t.Fatal("two runs with the same seed and size made different catalogs or agreements")
	}
	if a == dumpCatalog(t, rawDB(t, genDemo(t, 150, 8))) {
		t.Fatal("another seed made the same catalog")
	}
}

func TestDemoCatalogContent(t *testing.T) {
	t.Parallel()
	const n = contentAccounts
	db := genDemo(t, n, 1)
	raw := rawDB(t, db)
	products, total, err := store.NewProductService(db).FindProducts(ctx, domain.ProductQuery{Active: domain.AnyActive, Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	if total != n || len(products) != n {
		t.Fatalf("%d products, want %d (one per account)", total, n)
	}
	names := map[string]bool{}
	units := map[domain.Unit]int{}
	vats := map[domain.VATRate]int{}
	var inactive, fourDecimals, polish int
	for _, p := range products {
		f := p.ProductFields
		if err := f.Validate(); err != nil {
			t.Errorf("%s: %v", p.SKU, err)
		}
		if names[p.Name] {
			t.Errorf("name %q twice", p.Name)
		}
		names[p.Name] = true
		units[p.Unit]++
		vats[p.VATRate]++
		if !p.Active {
			inactive++
		}
		if p.ListPrice%100 != 0 {
			fourDecimals++
		}
		if strings.ContainsAny(p.Name, "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ") {
			polish++
		}
	}
	if len(units) < 6 || units["kg"] == 0 || units["szt"] == 0 || units["opak"] == 0 || units["l"] == 0 {
		t.Errorf("units %v", units)
	}
	if vats[domain.VAT23] == 0 || vats[domain.VAT8] == 0 || vats[domain.VAT5] == 0 || len(vats) < 3 {
		t.Errorf("VAT rates %v", vats)
	}
	if inactive == 0 || inactive > n/10 || fourDecimals == 0 || polish < n/3 {
		t.Errorf("%d inactive, %d with 4-decimal prices, %d with Polish letters of %d", inactive, fourDecimals, polish, n)
	}

	var count, accountLevel, headLevel, groupLevel, tiers, expired, future, changed, accounts int
	err = raw.QueryRow(`SELECT count(*),
		sum(pa.account_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts b WHERE b.parent_id = pa.account_id)),
		sum(EXISTS (SELECT 1 FROM accounts b WHERE b.parent_id = pa.account_id)),
		sum(pa.group_id IS NOT NULL), sum(pa.min_qty_e3 > 1000), sum(pa.ends_on < '2026-11-27'), sum(pa.starts_on > '2026-11-27'),
		sum(pa.replaced_by IS NOT NULL), (SELECT count(*) FROM accounts) FROM price_agreements pa`).Scan(
		&count, &accountLevel, &headLevel, &groupLevel, &tiers, &expired, &future, &changed, &accounts)
	if err != nil {
		t.Fatal(err)
	}
	if per := float64(count) / float64(accounts); per < 8 || per > 13 {
		t.Errorf("%.1f agreements per account, want about 10", per)
	}
	for what, v := range map[string]int{"account": accountLevel, "head office": headLevel, "group": groupLevel, "tier": tiers,
		"expired": expired, "future": future, "changed": changed} {
		if v < count/100 {
			t.Errorf("only %d %s agreements of %d", v, what, count)
		}
	}
	// Every changed agreement ends the day before its successor starts.
	var broken int
	if err := raw.QueryRow(`SELECT count(*) FROM price_agreements o JOIN price_agreements nw ON nw.id = o.replaced_by
		WHERE o.ends_on <> date(nw.starts_on, '-1 day') OR o.ended_by = '' OR o.product_id <> nw.product_id`).Scan(&broken); err != nil || broken != 0 {
		t.Errorf("%d changed agreements do not end the day before their successors (%v)", broken, err)
	}
	c, err := store.NewCompanyService(db).FindCompany(ctx)
	if err != nil || c.Name == "" || c.TaxID == "" || c.BankAccount == "" {
		t.Errorf("demo seller: %+v %v", c, err)
	}
	// Every agreement resolves: a sample of accounts priced over their own SKUs.
	prices := store.NewPriceService(db)
	rows, err := raw.Query(`SELECT pa.account_id, p.sku, pa.min_qty_e3 FROM price_agreements pa JOIN products p ON p.id = pa.product_id
		WHERE pa.account_id IS NOT NULL AND pa.id % 97 = 0`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var acct int64
		var sku string
		var q domain.Quantity
		if err := rows.Scan(&acct, &sku, &q); err != nil {
			t.Fatal(err)
		}
		if _, err := prices.Resolve(ctx, domain.AccountID(acct), sku, q, domain.NewDate(2026, 11, 27)); err != nil {
			t.Errorf("resolve %s for %d × %s: %v", sku, acct, q, err)
		}
	}
}
