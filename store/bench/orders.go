package bench

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/xfer"
)

// The document figures of the performance suite: opening a
// 200-line quote, repricing it, and filtering the orders list, each beside the
// same statements run bare; and importing 100,000 order lines.

// Targets of the document figures.
const (
	TargetOpenDocumentMS    = 30
	TargetRepriceDocumentMS = 20
	TargetOrderListMS       = 15
	TargetImportOrdersS     = 15
	ImportOrderLines        = 100_000
)

// Names of the document figures.
const (
	nameOpenDocument    = "open a 200-line document, p95"
	nameRepriceDocument = "reprice a 200-line document, p95"
	nameOrderList       = "orders list filtering (status, account, owner, dates; by date or value), p95"
	// NameImportOrders is the import figure, which kontorctl runs apart (it writes, then rolls back).
	NameImportOrders = "import 100,000 order lines from CSV"
)

// tenderQuotes are the stored quotes of at least 200 lines (the demo makes one
// per thousand accounts).
func tenderQuotes(ctx context.Context, q *sql.DB) ([]domain.QuoteID, error) {
	var ids []domain.QuoteID
	err := store.EachRow(ctx, q, `SELECT id FROM quotes WHERE line_count >= 200 ORDER BY id`, func(rows *sql.Rows) error {
		var id domain.QuoteID
		err := rows.Scan(&id)
		ids = append(ids, id)
		return err
	})
	return ids, err
}

// documentRounds is how often each of n large quotes is opened and repriced:
// about 200 samples on the large dataset, fewer on a small database (the suite
// also runs in unit tests, under the race detector).
func documentRounds(ctx context.Context, db *store.DB, n int) int {
	accounts, _, _ := db.Counts(ctx)
	return max(1, min(200, max(4, accounts/10))/max(n, 1))
}

func benchOpenDocument(ctx context.Context, db *store.DB, plain *store.Plain) (Figure, error) {
	ids, err := tenderQuotes(ctx, plain.DB())
	if err != nil {
		return Figure{}, err
	}
	if len(ids) == 0 {
		return NotMeasured(nameOpenDocument, "ms", TargetOpenDocumentMS, "the database has no quote of 200 lines (kontorctl demo makes them)"), nil
	}
	quotes := store.NewQuoteService(db, store.NewPriceService(db))
	rounds := documentRounds(ctx, db, len(ids))
	var st, bt timings
	for pass := 0; pass < 2; pass++ {
		st, bt = nil, nil
		for r := 0; r < rounds; r++ {
			for _, id := range ids {
				if err := st.time(func() error { _, err := quotes.FindQuoteByID(ctx, id); return err }); err != nil {
					return Figure{}, fmt.Errorf("open quote %d: %w", id, err)
				}
				if err := bt.time(func() error { return plain.FindQuoteByID(ctx, id) }); err != nil {
					return Figure{}, fmt.Errorf("bare open quote %d: %w", id, err)
				}
			}
		}
	}
	return withBare(nameOpenDocument, TargetOpenDocumentMS, st, bt, "openings of quotes of 200 lines"), nil
}

// benchRepriceDocument reprices each large quote as the quote builder does
// when a quantity changes: the whole document through PriceService.Reprice on
// each SKU's total, then applied to the lines.
func benchRepriceDocument(ctx context.Context, db *store.DB, plain *store.Plain) (Figure, error) {
	ids, err := tenderQuotes(ctx, plain.DB())
	if err != nil {
		return Figure{}, err
	}
	if len(ids) == 0 {
		return NotMeasured(nameRepriceDocument, "ms", TargetRepriceDocumentMS, "the database has no quote of 200 lines"), nil
	}
	prices := store.NewPriceService(db)
	quotes := store.NewQuoteService(db, prices)
	var docs []*domain.Quote
	for _, id := range ids {
		q, err := quotes.FindQuoteByID(ctx, id)
		if err != nil {
			return Figure{}, err
		}
		docs = append(docs, q)
	}
	rounds := documentRounds(ctx, db, len(docs))
	var st, bt timings
	for pass := 0; pass < 2; pass++ {
		st, bt = nil, nil
		for r := 0; r < rounds; r++ {
			for _, q := range docs {
				lines := append([]domain.DocumentLine(nil), q.Lines...)
				lines[r%len(lines)].Quantity += domain.One // the keystroke that changed a quantity
				err := st.time(func() error {
					res, err := prices.Reprice(ctx, q.AccountID, q.Date, domain.PriceLines(lines))
					if err == nil {
						domain.ApplyPrices(lines, res)
						_ = domain.ComputeTotals(lines)
					}
					return err
				})
				if err != nil {
					return Figure{}, fmt.Errorf("reprice quote %s: %w", q.Number, err)
				}
				if err := bt.time(func() error { return plain.Reprice(ctx, q.AccountID, domain.PriceLines(lines)) }); err != nil {
					return Figure{}, fmt.Errorf("bare reprice: %w", err)
				}
			}
		}
	}
	return withBare(nameRepriceDocument, TargetRepriceDocumentMS, st, bt, "repricings of quotes of 200 lines"), nil
}

// OrderListFilters are what people pick in the orders list: a status or
// two, an account, an owner, a date range (a month, a quarter, a year), by
// date or by value, the first page or a later one, alone and combined; drawn
// from the database so they fit any dataset.
func OrderListFilters(ctx context.Context, q *sql.DB, n int) ([]domain.OrderFilter, error) {
	var accounts []domain.AccountID
	var owners []string
	var first, last string
	if err := store.EachRow(ctx, q, `SELECT DISTINCT account_id FROM orders INDEXED BY orders_by_account ORDER BY 1`, func(rows *sql.Rows) error {
		var id domain.AccountID
		err := rows.Scan(&id)
		accounts = append(accounts, id)
		return err
	}); err != nil {
		return nil, err
	}
	if err := store.EachRow(ctx, q, `SELECT DISTINCT owner FROM orders INDEXED BY orders_by_owner ORDER BY 1`, func(rows *sql.Rows) error {
		var o string
		err := rows.Scan(&o)
		owners = append(owners, o)
		return err
	}); err != nil {
		return nil, err
	}
	if len(accounts) == 0 {
		return nil, nil
	}
	if err := q.QueryRowContext(ctx, `SELECT min(ordered_on), max(ordered_on) FROM orders`).Scan(&first, &last); err != nil {
		return nil, err
	}
	from, err := domain.ParseDate(first)
	if err != nil {
		return nil, err
	}
	to, err := domain.ParseDate(last)
	if err != nil {
		return nil, err
	}
	span := max(1, to.DaysSince(from))
	r := rand.New(rand.NewPCG(2026, 5))
	out := make([]domain.OrderFilter, 0, n)
	for len(out) < n {
		var f domain.OrderFilter
		if r.IntN(2) == 0 {
			f.Statuses = []domain.OrderStatus{domain.OrderStatuses[r.IntN(4)]}
			if r.IntN(3) == 0 {
				f.Statuses = append(f.Statuses, domain.OrderStatuses[r.IntN(4)])
			}
		}
		if r.IntN(4) == 0 {
			f.Account = accounts[r.IntN(len(accounts))]
		}
		if r.IntN(3) == 0 {
			f.Owner = owners[r.IntN(len(owners))]
		}
		if r.IntN(2) == 0 {
			days := []int{31, 92, 365}[r.IntN(3)]
			f.From = from.AddDays(r.IntN(span))
			f.To = f.From.AddDays(days - 1)
		}
		if r.IntN(3) == 0 {
			f.Sort = domain.SortByValue
		}
		f.Asc = r.IntN(5) == 0
		if r.IntN(4) == 0 {
			f.Offset = domain.DefaultDocumentPage * (1 + r.IntN(5))
		}
		out = append(out, f)
	}
	return out, nil
}

func orderListSamples(ctx context.Context, db *store.DB) int {
	n, _, _, _ := db.DocumentCounts(ctx)
	return min(400, max(20, n/500))
}

func benchOrderList(ctx context.Context, db *store.DB, plain *store.Plain) (Figure, error) {
	filters, err := OrderListFilters(ctx, plain.DB(), orderListSamples(ctx, db))
	if err != nil {
		return Figure{}, err
	}
	if len(filters) == 0 {
		return NotMeasured(nameOrderList, "ms", TargetOrderListMS, "the database has no orders"), nil
	}
	orders := store.NewOrderService(db, store.NewPriceService(db))
	var st, bt timings
	for pass := 0; pass < 2; pass++ {
		st, bt = nil, nil
		for _, f := range filters {
			if err := st.time(func() error { _, _, err := orders.FindOrders(ctx, f); return err }); err != nil {
				return Figure{}, fmt.Errorf("orders list %+v: %w", f, err)
			}
			if err := bt.time(func() error { return plain.FindOrders(ctx, f) }); err != nil {
				return Figure{}, fmt.Errorf("bare orders list: %w", err)
			}
		}
	}
	return withBare(nameOrderList, TargetOrderListMS, st, bt, "filters"), nil
}

// ImportOrders times importing lines order lines (ImportOrderLines on
// the large dataset) into the database and rolls the import back, so the
// figure is measured on the real data and leaves it as it was. The file is
// made up from the database: orders of five lines on average for random
// accounts and active products, numbered in a series no order uses, a third
// of the prices given, statuses as the demo's.
func ImportOrders(ctx context.Context, db *store.DB, lines int) (Figure, error) {
	plain, err := db.OpenPlain()
	if err != nil {
		return Figure{}, err
	}
	defer plain.Close()
	name := NameImportOrders
	if lines != ImportOrderLines {
		name = fmt.Sprintf("import %d order lines from CSV", lines)
	}
	var codes, skus []string
	if err := store.EachRow(ctx, plain.DB(), `SELECT code FROM accounts ORDER BY id`, func(rows *sql.Rows) error {
		var c string
		err := rows.Scan(&c)
		codes = append(codes, c)
		return err
	}); err != nil {
		return Figure{}, err
	}
	if err := store.EachRow(ctx, plain.DB(), `SELECT sku FROM products WHERE active = 1 AND unit IN ('szt', 'kg', 'l', 'opak', 'kpl') ORDER BY id`, func(rows *sql.Rows) error {
		var s string
		err := rows.Scan(&s)
		skus = append(skus, s)
		return err
	}); err != nil {
		return Figure{}, err
	}
	if len(codes) == 0 || len(skus) < 10 {
		return NotMeasured(name, "s", TargetImportOrdersS, "the database has no accounts or too few products"), nil
	}
	var buf bytes.Buffer
	buf.WriteString(strings.Join(xfer.OrderSchema.Names(), ",") + "\n")
	r := rand.New(rand.NewPCG(2026, 6))
	today := domain.DateOf(time.Now())
	for n, o := 0, 0; n < lines; o++ {
		code, day := codes[r.IntN(len(codes))], today.AddDays(-2-r.IntN(3*365))
		status, delivered := "delivered", day.AddDays(2).String() // never after today: a delivery has happened
		if r.IntN(10) == 0 {
			status, delivered = "confirmed", ""
		}
		for k := 0; k < 1+r.IntN(9) && n < lines; k++ {
			price := ""
			if r.IntN(3) == 0 {
				price = fmt.Sprintf("%d.%02d", 1+r.IntN(200), r.IntN(100))
			}
			fmt.Fprintf(&buf, "BENCH/%07d,%s,%s,%s,%d,%s,,%s,%s\n", o, code, day, skus[(o*7+k*13)%len(skus)], 1+r.IntN(40), price, status, delivered)
			n++
		}
	}
	start := time.Now()
	f, err := xfer.ReadOrders("bench.csv", &buf)
	if err != nil {
		return Figure{}, err
	}
	sum, err := store.NewTransfer(db).TryImportOrders(ctx, f)
	if err != nil {
		return Figure{}, err
	}
	took := time.Since(start)
	fig := measured(name, "s", TargetImportOrdersS, float64(took.Milliseconds())/1000)
	fig.Count = lines
	fig.Note = fmt.Sprintf("%d lines of %d orders read, checked, priced and written in one transaction, then rolled back; %.0f lines/s",
		lines, sum.Created, float64(lines)/took.Seconds())
	return fig, nil
}
