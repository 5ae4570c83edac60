package demo_test

import (
	"testing"

	"kontor/domain"
	"kontor/store"
)

// ordersDump and quotesDump render the demo's documents for the determinism test.
const (
	ordersDump = `SELECT o.*, (SELECT group_concat(product_id || ':' || qty_e3 || ':' || price_e4 || ':' || source || ':' ||
		discount_e2 || ':' || net_minor, ' ') FROM order_lines WHERE order_id = o.id) FROM orders o ORDER BY o.id`
	quotesDump = `SELECT q.*, (SELECT group_concat(product_id || ':' || qty_e3 || ':' || price_e4, ' ') FROM quote_lines
		WHERE quote_id = q.id) FROM quotes q ORDER BY q.id`
)

func TestDemoOrders(t *testing.T) {
	t.Parallel()
	const accounts = contentAccounts
	db := genDemo(t, accounts, 1)
	raw := rawDB(t, db)
	var orders, lines, quotes, tenders int
	if err := raw.QueryRow(`SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM order_lines), (SELECT count(*) FROM quotes),
		(SELECT count(*) FROM quotes WHERE line_count >= 200)`).Scan(&orders, &lines, &quotes, &tenders); err != nil {
		t.Fatal(err)
	}
	if orders < accounts*11 || orders > accounts*13 || lines < orders*4 || lines > orders*6 {
		t.Errorf("%d orders with %d lines for %d accounts", orders, lines, accounts)
	}
	if quotes < accounts/8 || tenders < 1 {
		t.Errorf("%d quotes, %d of 200 lines", quotes, tenders)
	}
	// Every status, the open quotes partly expired (the demo's today is demoNow).
	for _, q := range []string{
		`SELECT count(DISTINCT status) = 4 FROM orders`,
		`SELECT count(DISTINCT status) = 4 FROM quotes`,
		// Revised quotes keep R1 readable: its header and its own lines.
		`SELECT count(*) > 0 AND count(*) = sum(r.line_count = (SELECT count(*) FROM quote_lines l WHERE l.quote_id = r.quote_id AND l.revision = 1))
			FROM quote_revisions r JOIN quotes q ON q.id = r.quote_id AND q.revision = 2`,
		`SELECT count(*) > 0 FROM quotes WHERE status IN ('draft', 'sent') AND valid_until < '2026-11-27'`,
		`SELECT count(*) > 0 FROM quotes WHERE status IN ('draft', 'sent') AND valid_until >= '2026-11-27'`,
		// Numbers and ids run in date order; the last year's counter is where the series goes on.
		`SELECT count(*) = 0 FROM orders a JOIN orders b ON b.id = a.id + 1 WHERE b.ordered_on < a.ordered_on`,
		`SELECT max(number) = 'ZAM/2026/' || printf('%05d', (SELECT last FROM document_series WHERE kind = 'order' AND year = 2026))
			FROM orders WHERE ordered_on >= '2026-01-01'`,
		`SELECT count(*) = 0 FROM orders WHERE ordered_on > '2026-11-27' OR ordered_on < '2023-11-27'`,
		`SELECT count(*) = 0 FROM orders WHERE delivered_on < ordered_on OR delivered_on > '2026-11-27'`,
		// Stored header totals are the sums of the lines.
		`SELECT count(*) = 0 FROM orders o WHERE net_minor <> (SELECT sum(net_minor) FROM order_lines WHERE order_id = o.id)
			OR line_count <> (SELECT count(*) FROM order_lines WHERE order_id = o.id)`,
		`SELECT count(*) > 0 FROM order_lines WHERE source = 'manual'`,
		`SELECT count(*) > 0 FROM order_lines WHERE source IN ('account', 'parent', 'group')`,
		`PRAGMA integrity_check`,
	} {
		var ok any
		if err := raw.QueryRow(q).Scan(&ok); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if ok != int64(1) && ok != "ok" {
			t.Errorf("%s: %v", q, ok)
		}
	}

	// The daily counts the orders list totals come from agree with the orders.
	if got, want := dumpRows(t, raw, `SELECT ordered_on, status, owner, n FROM order_counts ORDER BY 1, 2, 3`),
		dumpRows(t, raw, `SELECT ordered_on, status, owner, count(*) FROM orders GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`); got != want {
		t.Error("order_counts disagrees with the orders")
	}

	// The demo prices lines with the engine: the store's resolution agrees on
	// every engine-priced line of a sample of orders (one line per product, so
	// the document's total is the line's quantity), and totals follow the money rules.
	os := store.NewOrderService(db, store.NewPriceService(db))
	prices := store.NewPriceService(db)
	checked := 0
	for id := int64(1); id <= int64(orders); id += int64(orders / 60) {
		o, err := os.FindOrderByID(ctx, domain.OrderID(id))
		if err != nil {
			t.Fatal(err)
		}
		var net int64
		if err := raw.QueryRow(`SELECT net_minor FROM orders WHERE id = ?`, id).Scan(&net); err != nil {
			t.Fatal(err)
		}
		if tot := o.Totals(); int64(tot.Net) != net {
			t.Errorf("order %s: net %d, lines say %s", o.Number, net, tot.Net)
		}
		for _, l := range o.Lines {
			if l.IsManual() {
				continue
			}
			res, err := prices.Resolve(ctx, o.AccountID, l.SKU, l.Quantity, o.Date)
			if err != nil {
				t.Fatal(err)
			}
			if res.Price != l.Price || res.Source != l.Source {
				t.Errorf("order %s %s × %s on %s: demo %s (%s), engine %s (%s)", o.Number, l.SKU, l.Quantity, o.Date,
					l.Price, l.Source, res.Price, res.Source)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d lines checked", checked)
	}
	// A revised demo quote reads through the service: R2 now, R1 as sent.
	var revised int64
	raw.QueryRow(`SELECT id FROM quotes WHERE revision = 2 ORDER BY id LIMIT 1`).Scan(&revised)
	qs := store.NewQuoteService(db, prices)
	revs, err := qs.QuoteRevisions(ctx, domain.QuoteID(revised))
	if err != nil || len(revs) != 2 || revs[1].Status != domain.QuoteSent {
		t.Errorf("revisions of quote %d: %v %+v", revised, err, revs)
	} else if r1, err := qs.FindQuoteRevision(ctx, domain.QuoteID(revised), 1); err != nil || len(r1.Lines) != revs[1].Lines || r1.Totals().Net != revs[1].Net {
		t.Errorf("R1 of quote %d: %v", revised, err)
	}

	// New documents continue the series.
	o, err := os.FindOrderByID(ctx, domain.OrderID(orders))
	if err != nil {
		t.Fatal(err)
	}
	f := o.OrderFields
	f.Date = domain.NewDate(2026, 11, 27)
	next, err := os.CreateOrder(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	var want string
	raw.QueryRow(`SELECT 'ZAM/2026/' || printf('%05d', last) FROM document_series WHERE kind = 'order' AND year = 2026`).Scan(&want)
	if next.Number != want {
		t.Errorf("next order %s, series at %s", next.Number, want)
	}
}
