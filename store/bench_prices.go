package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"kontor/domain"
)

// The pricing figures of the performance suite (PRODUCT.md): resolving one
// line's price, repricing a 500-line quote and searching the catalog as you
// type, each beside the same statements run bare.

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
func resolveSamples(ctx context.Context, db *DB) int {
	n, _, _ := db.Counts(ctx)
	return min(4000, max(100, n/5))
}

func repriceQuotes(ctx context.Context, db *DB) int {
	n, _, _ := db.Counts(ctx)
	return min(40, max(2, n/500))
}

// priceSample is one line a benchmark prices.
type priceSample struct {
	account domain.AccountID
	sku     string
	qty     domain.Quantity
}

// PriceBenchSamples draws lines to price from the database: half a SKU that the
// account, its head office or its group has an agreement for (the interesting
// resolutions), half any active product; quantities 1–120 (whole numbers suit
// every unit).
func PriceBenchSamples(ctx context.Context, db *DB, n int) ([]priceSample, error) {
	r := rand.New(rand.NewPCG(2026, 4))
	type account struct {
		id, parent int64
		group      string
	}
	var accounts []account
	var skus []string
	byAccount, byGroup := map[int64][]string{}, map[string][]string{}
	if err := EachRow(ctx, db.r, `SELECT id, coalesce(parent_id, 0), customer_group FROM accounts ORDER BY id`, func(rows *sql.Rows) error {
		var a account
		err := rows.Scan(&a.id, &a.parent, &a.group)
		accounts = append(accounts, a)
		return err
	}); err != nil {
		return nil, err
	}
	if err := EachRow(ctx, db.r, `SELECT sku FROM products WHERE active = 1 ORDER BY id`, func(rows *sql.Rows) error {
		var s string
		err := rows.Scan(&s)
		skus = append(skus, s)
		return err
	}); err != nil {
		return nil, err
	}
	if err := EachRow(ctx, db.r, `SELECT coalesce(pa.account_id, 0), coalesce(g.name, ''), p.sku FROM price_agreements pa
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
	out := make([]priceSample, 0, n)
	for len(out) < n {
		a := accounts[r.IntN(len(accounts))]
		s := priceSample{account: domain.AccountID(a.id), sku: skus[r.IntN(len(skus))], qty: domain.Quantity(1+r.IntN(120)) * domain.One}
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
				s.sku = agreed[r.IntN(len(agreed))]
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// barePrice holds the bare side's statements, prepared once as the store's are.
type barePrice struct{ line, doc *sql.Stmt }

func prepareBarePrice(ctx context.Context, q *sql.DB) (*barePrice, error) {
	var b barePrice
	var err error
	if b.line, err = q.PrepareContext(ctx, PriceLineSQL); err != nil {
		return nil, err
	}
	b.doc, err = q.PrepareContext(ctx, PriceDocumentSQL)
	return &b, err
}

// stmtQuerier lets drain run a prepared statement; the query text is ignored.
type stmtQuerier struct{ st *sql.Stmt }

func (s stmtQuerier) QueryContext(ctx context.Context, _ string, args ...any) (*sql.Rows, error) {
	return s.st.QueryContext(ctx, args...)
}

// resolve runs what Resolve runs: the one resolution statement, under a
// context that cannot be cancelled, as Resolve does (see shortQuery).
func (b *barePrice) resolve(ctx context.Context, s priceSample) error {
	_, err := drain(context.WithoutCancel(ctx), stmtQuerier{b.line}, "", s.sku, int64(s.account))
	return err
}

func benchResolve(ctx context.Context, db *DB, bare *sql.DB) (Figure, error) {
	samples, err := PriceBenchSamples(ctx, db, resolveSamples(ctx, db))
	if err != nil {
		return Figure{}, err
	}
	if len(samples) == 0 {
		return NotMeasured(nameResolve, "µs", TargetResolveUS, "the database has no accounts or no active products"), nil
	}
	prices := NewPriceService(db)
	bp, err := prepareBarePrice(ctx, bare)
	if err != nil {
		return Figure{}, err
	}
	today := domain.DateOf(time.Now())
	var st, bt timings
	for pass := 0; pass < 2; pass++ {
		st, bt = nil, nil
		for _, s := range samples {
			if err := st.time(func() error { _, err := prices.Resolve(ctx, s.account, s.sku, s.qty, today); return err }); err != nil {
				return Figure{}, fmt.Errorf("resolve %s for %d: %w", s.sku, s.account, err)
			}
			if err := bt.time(func() error { return bp.resolve(ctx, s) }); err != nil {
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

func benchReprice(ctx context.Context, db *DB, bare *sql.DB) (Figure, error) {
	samples, err := PriceBenchSamples(ctx, db, repriceQuotes(ctx, db)*RepriceLines)
	if err != nil {
		return Figure{}, err
	}
	if len(samples) < RepriceLines {
		return NotMeasured(nameReprice, "ms", TargetRepriceMS, "the database has no accounts or no active products"), nil
	}
	prices := NewPriceService(db)
	bp, err := prepareBarePrice(ctx, bare)
	if err != nil {
		return Figure{}, err
	}
	today := domain.DateOf(time.Now())
	var st, bt timings
	for pass := 0; pass < 2; pass++ {
		st, bt = nil, nil
		for q := 0; q+RepriceLines <= len(samples); q += RepriceLines {
			// One customer's quote: the sampled lines' SKUs and quantities.
			account := samples[q].account
			lines := make([]domain.PriceLine, RepriceLines)
			for i, s := range samples[q : q+RepriceLines] {
				lines[i] = domain.PriceLine{SKU: s.sku, Quantity: s.qty}
			}
			if err := st.time(func() error { _, err := prices.Reprice(ctx, account, today, lines); return err }); err != nil {
				return Figure{}, fmt.Errorf("reprice for %d: %w", account, err)
			}
			if err := bt.time(func() error { return bp.reprice(ctx, account, lines) }); err != nil {
				return Figure{}, fmt.Errorf("bare reprice: %w", err)
			}
		}
	}
	return withBare(nameReprice, TargetRepriceMS, st, bt, "quotes of 500 lines"), nil
}

func (b *barePrice) reprice(ctx context.Context, account domain.AccountID, lines []domain.PriceLine) error {
	var skus []string
	seen := map[string]bool{}
	for _, l := range lines {
		if k := strings.ToUpper(l.SKU); !seen[k] {
			seen[k] = true
			skus = append(skus, l.SKU)
		}
	}
	list, _ := json.Marshal(skus)
	_, err := drain(context.WithoutCancel(ctx), stmtQuerier{b.doc}, "", string(list), int64(account))
	return err
}

// CatalogBenchQueries is what a person types into the catalog search,
// keystroke by keystroke: prefixes of product names' words and of SKUs.
func CatalogBenchQueries(ctx context.Context, db *DB) ([]string, error) {
	r := rand.New(rand.NewPCG(2026, 5))
	var all [][2]string
	if err := EachRow(ctx, db.r, `SELECT name, sku FROM products ORDER BY id`, func(rows *sql.Rows) error {
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

func benchCatalogSearch(ctx context.Context, db *DB, bare *sql.DB) (Figure, error) {
	queries, err := CatalogBenchQueries(ctx, db)
	if err != nil {
		return Figure{}, err
	}
	if len(queries) == 0 {
		return NotMeasured(nameCatalogSearch, "ms", TargetSearchMS, "the database has no products"), nil
	}
	products := NewProductService(db)
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
			if err := bt.time(func() error { return bareCatalogSearch(ctx, bare, q, domain.DefaultSearchLimit) }); err != nil {
				return Figure{}, fmt.Errorf("bare catalog search %q: %w", q, err)
			}
		}
	}
	return withBare(nameCatalogSearch, TargetSearchMS, st, bt, "keystrokes"), nil
}

func bareCatalogSearch(ctx context.Context, q *sql.DB, text string, limit int) error {
	tokens := domain.FoldTokens(text)
	if len(tokens) == 0 {
		return nil
	}
	return bareTx(ctx, q, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, ProductSearchSQL.First, ftsQuery(tokens), 1, limit+1)
		if err != nil {
			return err
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		var rowids []int64
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return err
			}
			id, _ := vals[len(vals)-1].(int64)
			rowids = append(rowids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil || !ranksTie(rowids) {
			return err
		}
		_, err = drain(ctx, tx, ProductSearchSQL.Exact, ftsQuery(tokens), 1, limit)
		return err
	})
}

// BusiestPriceAccount is the account with the most agreements of its own (0 when
// there are no accounts): its price sheet is the slowest to build.
func (db *DB) BusiestPriceAccount(ctx context.Context) (domain.AccountID, error) {
	var id int64
	err := db.r.QueryRowContext(ctx, `SELECT coalesce((SELECT account_id FROM price_agreements WHERE account_id IS NOT NULL
		GROUP BY account_id ORDER BY count(*) DESC, account_id LIMIT 1), (SELECT min(id) FROM accounts), 0)`).Scan(&id)
	return domain.AccountID(id), wrap("busiest price account", err)
}
