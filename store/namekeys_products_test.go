package store

import (
	"bytes"
	"context"
	"testing"

	"kontor/domain"
)

// TestProductNameKeysRefresh: when the collation tables change, products get
// new sort keys and their search ranks follow, as accounts' do.
func TestProductNameKeysRefresh(t *testing.T) {
	t.Parallel()
	db := openDemo(t, 150, 4)
	ctx := context.Background()
	if _, err := db.w.Exec(`UPDATE settings SET value = 'old' WHERE key = 'name_key_version'; UPDATE products SET name_key = randomblob(8)`); err != nil {
		t.Fatal(err)
	}
	path := db.Path()
	db.Close()
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.r.Query(`SELECT name, name_key FROM products`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		var key []byte
		if err := rows.Scan(&name, &key); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(key, nameKey(name)) {
			t.Fatalf("%s kept its old sort key", name)
		}
	}
	rows.Close()
	checkRanks(t, db, "products")
	products := NewProductService(db)
	all, _, _ := products.FindProducts(ctx, domain.ProductQuery{Active: domain.AnyActive, Limit: 1000})
	hits, _, _ := products.FindProducts(ctx, domain.ProductQuery{Text: "m", Active: domain.AnyActive, Limit: 1000})
	var named []*domain.Product
	for _, p := range all {
		if domain.MatchesPrefixes([]string{"m"}, productSearchText(&p.ProductFields)) {
			named = append(named, p)
		}
	}
	if len(hits) != len(named) || len(hits) == 0 {
		t.Fatalf("%d hits for m, %d products match", len(hits), len(named))
	}
	for i := range hits {
		if hits[i].ID != named[i].ID {
			t.Fatalf("hit %d is %s, want %s", i, hits[i].Name, named[i].Name)
		}
	}
}
