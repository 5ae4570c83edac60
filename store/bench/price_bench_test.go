package bench_test

import (
	"context"
	"testing"

	"kontor/domain"
	"kontor/store"
)

// BenchmarkResolve and BenchmarkReprice run on a 2,000-account demo; kontorctl
// bench measures the same on the large dataset, beside the bare SQL.
func BenchmarkResolve(b *testing.B) {
	db := genDemo(b, 2000, 1)
	prices := store.NewPriceService(db)
	samples := benchLines(b, db, 1000)
	day := domain.NewDate(2026, 11, 27)
	b.ResetTimer()
	i := 0
	for b.Loop() {
		s := samples[i%len(samples)]
		if _, err := prices.Resolve(context.Background(), s.account, s.sku, s.qty, day); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkReprice(b *testing.B) {
	db := genDemo(b, 2000, 1)
	prices := store.NewPriceService(db)
	samples := benchLines(b, db, 500)
	lines := make([]domain.PriceLine, len(samples))
	for i, s := range samples {
		lines[i] = domain.PriceLine{SKU: s.sku, Quantity: s.qty}
	}
	day := domain.NewDate(2026, 11, 27)
	b.ResetTimer()
	for b.Loop() {
		if _, err := prices.Reprice(context.Background(), samples[0].account, day, lines); err != nil {
			b.Fatal(err)
		}
	}
}

type benchLine struct {
	account domain.AccountID
	sku     string
	qty     domain.Quantity
}

// benchLines pairs accounts with SKUs they have agreements for, and with any SKU.
func benchLines(b *testing.B, db *store.DB, n int) []benchLine {
	plain, err := db.OpenPlain()
	if err != nil {
		b.Fatal(err)
	}
	defer plain.Close()
	rows, err := plain.DB().Query(`SELECT a.id, p.sku FROM accounts a JOIN products p ON p.id = (a.id * 7919) % (SELECT count(*) FROM products) + 1
		UNION ALL SELECT pa.account_id, p.sku FROM price_agreements pa JOIN products p ON p.id = pa.product_id WHERE pa.account_id IS NOT NULL
		ORDER BY 1, 2 LIMIT ?`, n)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var out []benchLine
	for rows.Next() {
		var l benchLine
		if err := rows.Scan(&l.account, &l.sku); err != nil {
			b.Fatal(err)
		}
		l.qty = domain.Quantity(1+len(out)%60) * domain.One
		out = append(out, l)
	}
	return out
}
