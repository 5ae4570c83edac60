package bench

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store"
)

// The pricing figures of the performance suite: resolving one line's price,
// repricing a 500-line quote and searching the catalog as you type, each
// beside the same statements run bare.

// Targets of the pricing figures.
const (
	TargetResolveUS    = 100
	TargetRepriceMS    = 50
	TargetPriceSheetMS = 5000
	RepriceLines       = 500
)

// Names of the pricing figures.
const (
	nameResolve       = "resolve one line's price, p95"
	nameReprice       = "reprice a 500-line quote, p95"
	nameCatalogSearch = "search the catalog as you type, p95"
	// NamePriceSheet is the price sheet PDF figure, which kontorctl measures (the PDF is not the store's).
	NamePriceSheet = "price sheet PDF of the whole active catalog"
)

// pctMicro is the p-th percentile in microseconds.
func (t timings) pctMicro(p float64) float64 {
	if len(t) == 0 {
		return 0
	}
	s := append(timings(nil), t...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := max(int(float64(len(s))*p/100+0.999999)-1, 0)
	return float64(s[i].Nanoseconds()) / 1000
}

// A small database gets fewer samples: the same kinds of lines, less
// repetition (the suite also runs in unit tests, under the race detector).
// The large dataset gets 4,000 lines and 40 quotes.
func resolveSamples(ctx context.Context, db *store.DB) int {
	n, _, _ := db.Counts(ctx)
	return min(4000, max(100, n/5))
}

func repriceQuotes(ctx context.Context, db *store.DB) int {
	n, _, _ := db.Counts(ctx)
	return min(40, max(2, n/500))
}

// PriceSample is one line a benchmark prices.
type PriceSample struct {
	Account domain.AccountID
	SKU     string
	Qty     domain.Quantity
}

// PriceSamples draws lines to price from the database: half a SKU that the
// account, its head office or its group has an agreement for (the interesting
// resolutions), half any active product; quantities 1–120 (whole numbers suit
// every unit).
func PriceSamples(ctx context.Context, q *sql.DB, n int) ([]PriceSample, error) {
	r := rand.New(rand.NewPCG(2026, 4))
	type account struct {
		id, parent int64
		group      string
	}
	var accounts []account
	var skus []string
	byAccount, byGroup := map[int64][]string{}, map[string][]string{}
	if err := store.EachRow(ctx, q, `SELECT id, coalesce(parent_id, 0), customer_group FROM accounts ORDER BY id`, func(rows *sql.Rows) error {
		var a account
		err := rows.Scan(&a.id, &a.parent, &a.group)
		accounts = append(accounts, a)
		return err
	}); err != nil {
		return nil, err
	}
	if err := store.EachRow(ctx, q, `SELECT sku FROM products WHERE active = 1 ORDER BY id`, func(rows *sql.Rows) error {
		var s string
		err := rows.Scan(&s)
		skus = append(skus, s)
		return err
	}); err != nil {
		return nil, err
	}
	if err := store.EachRow(ctx, q, `SELECT coalesce(pa.account_id, 0), coalesce(g.name, ''), p.sku FROM price_agreements pa
		JOIN products p ON p.id = pa.product_id LEFT JOIN customer_groups g ON g.id = pa.group_id ORDER BY pa.id`, func(rows *sql.Rows) error {
		var acct int64
		var group, sku string
		err := rows.Scan(&acct, &group, &sku)
		if acct != 0 {
			byAccount[acct] = append(byAccount[acct], sku)
		} else {
			byGroup[group] = append(byGroup[group], sku)
		}
		return err
	}); err != nil {
		return nil, err
	}
	if len(accounts) == 0 || len(skus) == 0 {
		return nil, nil
	}
	out := make([]PriceSample, 0, n)
	for len(out) < n {
		a := accounts[r.IntN(len(accounts))]
		s := PriceSample{Account: domain.AccountID(a.id), SKU: skus[r.IntN(len(skus))], Qty: domain.Quantity(1+r.IntN(120)) * domain.One}
		if r.IntN(2) == 0 {
			var agreed []string
			switch r.IntN(3) {
			case 0:
				agreed = byAccount[a.id]
			case 1:
				agreed = byAccount[a.parent]
			default:
				agreed = byGroup[a.group]
			}
			if len(agreed) > 0 {
				s.SKU = agreed[r.IntN(len(agreed))]
			}
		}
		out = append(out, s)
	}
	return out, nil
}

func benchResolve(ctx context.Context, db *store.DB, plain *store.Plain) (Figure, error) {
	samples, err := PriceSamples(ctx, plain.DB(), resolveSamples(ctx, db))
	if err != nil {
		return Figure{}, err
	}
	if len(samples) == 0 {
		return NotMeasured(nameResolve, "µs", TargetResolveUS, "the database has no accounts or no active products"), nil
	}
	prices := store.NewPriceService(db)
	today := domain.DateOf(time.Now())
	var st, bt timings
	for pass := 0; pass < 2; pass++ {
		st, bt = nil, nil
		for _, s := range samples {
			if err := st.time(func() error { _, err := prices.Resolve(ctx, s.Account, s.SKU, s.Qty, today); return err }); err != nil {
				return Figure{}, fmt.Errorf("resolve %s for %d: %w", s.SKU, s.Account, err)
			}
			if err := bt.time(func() error { return plain.Resolve(ctx, s.Account, s.SKU) }); err != nil {
				return Figure{}, fmt.Errorf("bare resolve: %w", err)
			}
		}
	}
	f := measured(nameResolve, "µs", TargetResolveUS, st.pctMicro(95))
	b := bt.pctMicro(95)
	f.Bare, f.Count = &b, len(st)
	f.Note = fmt.Sprintf("p50 %.0f µs, max %.0f µs over %d lines (account × SKU × quantity); bare p95 %.0f µs",
		st.pctMicro(50), st.pctMicro(100), len(st), b)
	return f, nil
}

func benchReprice(ctx context.Context, db *store.DB, plain *store.Plain) (Figure, error) {
	samples, err := PriceSamples(ctx, plain.DB(), repriceQuotes(ctx, db)*RepriceLines)
	if err != nil {
		return Figure{}, err
	}
	if len(samples) < RepriceLines {
		return NotMeasured(nameReprice, "ms", TargetRepriceMS, "the database has no accounts or no active products"), nil
	}
	prices := store.NewPriceService(db)
	today := domain.DateOf(time.Now())
	var st, bt timings
	for pass := 0; pass < 2; pass++ {
		st, bt = nil, nil
		for q := 0; q+RepriceLines <= len(samples); q += RepriceLines {
			// One customer's quote: the sampled lines' SKUs and quantities.
			account := samples[q].Account
			lines := make([]domain.PriceLine, RepriceLines)
			for i, s := range samples[q : q+RepriceLines] {
				lines[i] = domain.PriceLine{SKU: s.SKU, Quantity: s.Qty}
			}
			if err := st.time(func() error { _, err := prices.Reprice(ctx, account, today, lines); return err }); err != nil {
				return Figure{}, fmt.Errorf("reprice for %d: %w", account, err)
			}
			if err := bt.time(func() error { return plain.Reprice(ctx, account, lines) }); err != nil {
				return Figure{}, fmt.Errorf("bare reprice: %w", err)
			}
		}
	}
	return withBare(nameReprice, TargetRepriceMS, st, bt, "quotes of 500 lines"), nil
}

// CatalogQueries is what a person types into the catalog search, keystroke
// by keystroke: prefixes of product names' words and of SKUs.
func CatalogQueries(ctx context.Context, q *sql.DB) ([]string, error) {
	r := rand.New(rand.NewPCG(2026, 5))
	var all [][2]string
	if err := store.EachRow(ctx, q, `SELECT name, sku FROM products ORDER BY id`, func(rows *sql.Rows) error {
		var v [2]string
		err := rows.Scan(&v[0], &v[1])
		all = append(all, v)
		return err
	}); err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, nil
	}
	var out []string
	typed := func(text string, from int) {
		for n := from; n <= len(text); n++ {
			if text[n-1] != ' ' {
				out = append(out, text[:n])
			}
		}
	}
	for i := 0; i < min(80, max(3, len(all)/100)); i++ { // fewer for a small catalog, as the other figures do
		v := all[r.IntN(len(all))]
		words := domain.FoldTokens(v[0])
		typed(strings.Join(words[:min(2, len(words))], " "), 1) // "m", "ma", … "maka psz"
		if r.IntN(3) == 0 && len(words) > 3 {
			typed(words[len(words)-1], 1) // the brand's last word
		}
		if r.IntN(4) == 0 {
			typed(strings.ToLower(v[1]), 3) // the SKU: "mak", "mak-", "mak-0", …
		}
	}
	return out, nil
}

func benchCatalogSearch(ctx context.Context, db *store.DB, plain *store.Plain) (Figure, error) {
	queries, err := CatalogQueries(ctx, plain.DB())
	if err != nil {
		return Figure{}, err
	}
	if len(queries) == 0 {
		return NotMeasured(nameCatalogSearch, "ms", TargetSearchMS, "the database has no products"), nil
	}
	products := store.NewProductService(db)
	var st, bt timings
	for pass := 0; pass < 2; pass++ {
		st, bt = nil, nil
		for _, q := range queries {
			if err := st.time(func() error {
				_, _, err := products.FindProducts(ctx, domain.ProductQuery{Text: q})
				return err
			}); err != nil {
				return Figure{}, fmt.Errorf("catalog search %q: %w", q, err)
			}
			if err := bt.time(func() error { return plain.FindProducts(ctx, q, domain.DefaultSearchLimit) }); err != nil {
				return Figure{}, fmt.Errorf("bare catalog search %q: %w", q, err)
			}
		}
	}
	return withBare(nameCatalogSearch, TargetSearchMS, st, bt, "keystrokes"), nil
}

// BusiestPriceAccount is the account with the most agreements of its own (0 when
// there are no accounts): its price sheet is the slowest to build.
func BusiestPriceAccount(ctx context.Context, db *store.DB) (domain.AccountID, error) {
	plain, err := db.OpenPlain()
	if err != nil {
		return 0, err
	}
	defer plain.Close()
	var id int64
	err = plain.DB().QueryRowContext(ctx, `SELECT coalesce((SELECT account_id FROM price_agreements WHERE account_id IS NOT NULL
		GROUP BY account_id ORDER BY count(*) DESC, account_id LIMIT 1), (SELECT min(id) FROM accounts), 0)`).Scan(&id)
	return domain.AccountID(id), err
}
