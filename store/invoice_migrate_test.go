package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"kontor/domain"
)

// schemaAt writes a new database at path with the first n migrations only,
// as an older Kontor left it, running the statements given on it.
func schemaAt(t *testing.T, path string, n int, stmts ...string) {
	t.Helper()
	registerCollation()
	raw, err := sql.Open(driverName, dsn(path, 5*time.Second, false))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, name := range migrations()[:n] {
		body, err := migrationFS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	stmts = append(stmts, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID), fmt.Sprintf("PRAGMA user_version = %d", n))
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestMigrateInvoicesDeliveredOrders opens a schema 4 database holding
// delivered orders: migration 5 invoices each one, numbered per month of
// delivery in order of delivery date then order number, due by the order's
// terms, totals and lines copied, all open; the series goes on from there.
func TestMigrateInvoicesDeliveredOrders(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kontor.db")
	const at = `'2026-01-01T00:00:00Z'`
	order := func(id int, number, account, status, ordered, delivered string, days, eom int, net, vat, gross int64) string {
		d := "NULL"
		if delivered != "" {
			d = "'" + delivered + "'"
		}
		return fmt.Sprintf(`INSERT INTO orders (id, number, status, account_id, ordered_on, delivered_on, terms_days, terms_eom, currency,
			net_minor, vat_minor, gross_minor, line_count, created_at, updated_at)
			VALUES (%d, '%s', '%s', %s, '%s', %s, %d, %d, 'PLN', %d, %d, %d, 1, %s, %s)`,
			id, number, status, account, ordered, d, days, eom, net, vat, gross, at, at)
	}
	line := func(order int, no int, qty, price, net int64, vat string) string {
		return fmt.Sprintf(`INSERT INTO order_lines (order_id, line_no, product_id, sku, name, unit, qty_e3, price_e4, engine_price_e4,
			source, discount_e2, vat_rate, net_minor) VALUES (%d, %d, 1, 'P-1', 'Śruba', 'szt', %d, %d, %d, 'list', 0, '%s', %d)`,
			order, no, qty, price, price, vat, net)
	}
	schemaAt(t, path, 4,
		`INSERT INTO accounts (id, code, name, name_key, search_text, terms_days, terms_eom, created_at, updated_at)
			VALUES (1, 'A1', 'Alfa', x'00', 'a1 alfa', 30, 0, `+at+`, `+at+`), (2, 'A2', 'Beta', x'00', 'a2 beta', 14, 1, `+at+`, `+at+`)`,
		`INSERT INTO products (id, sku, name, name_key, list_price_e4, vat_rate, search_text, created_at, updated_at)
			VALUES (1, 'P-1', 'Śruba', x'00', 100000, '23', 'p-1 sruba', `+at+`, `+at+`)`,
		order(1, "ZAM/B", "1", "delivered", "2026-01-20", "2026-01-31", 30, 0, 10000, 2300, 12300),
		line(1, 1, 1000, 100000, 10000, "23"),
		order(2, "ZAM/C", "1", "delivered", "2026-01-10", "2026-01-15", 30, 0, 20000, 1600, 21600),
		line(2, 1, 2000, 100000, 20000, "8"),
		order(3, "ZAM/A", "1", "delivered", "2026-01-20", "2026-01-31", 30, 0, 10000, 2300, 12300),
		line(3, 1, 1000, 100000, 10000, "23"),
		line(3, 2, 1000, 0, 0, "23"),
		order(4, "ZAM/D", "2", "delivered", "2024-02-01", "2024-02-10", 14, 1, 10000, 2300, 12300),
		line(4, 1, 1000, 100000, 10000, "23"),
		order(5, "ZAM/E", "1", "confirmed", "2026-01-05", "", 30, 0, 10000, 2300, 12300),
		line(5, 1, 1000, 100000, 10000, "23"),
	)
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	type row struct {
		number, issued, due   string
		order                 int64
		net, vat, gross, open int64
		lines                 int
	}
	want := []row{
		{"FV/2024/02/0001", "2024-02-10", "2024-03-14", 4, 10000, 2300, 12300, 12300, 1}, // 14 EOM from a leap February
		{"FV/2026/01/0001", "2026-01-15", "2026-02-14", 2, 20000, 1600, 21600, 21600, 1},
		{"FV/2026/01/0002", "2026-01-31", "2026-03-02", 3, 10000, 2300, 12300, 12300, 2}, // net 30 from 31 January; ZAM/A before ZAM/B
		{"FV/2026/01/0003", "2026-01-31", "2026-03-02", 1, 10000, 2300, 12300, 12300, 1},
	}
	rows, err := db.r.QueryContext(ctx, `SELECT number, issued_on, due_on, order_id, net_minor, vat_minor, gross_minor, open_minor,
		(SELECT count(*) FROM invoice_lines l WHERE l.invoice_id = i.id) FROM invoices i ORDER BY number`)
	if err != nil {
		t.Fatal(err)
	}
	var got []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.number, &r.issued, &r.due, &r.order, &r.net, &r.vat, &r.gross, &r.open, &r.lines); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	rows.Close()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("migrated invoices\n got %v\nwant %v", got, want)
	}
	var series string
	if err := db.r.QueryRowContext(ctx, `SELECT group_concat(kind || ' ' || period || ' ' || last, ', ') FROM
		(SELECT * FROM invoice_series ORDER BY period)`).Scan(&series); err != nil {
		t.Fatal(err)
	}
	if series != "invoice 202402 1, invoice 202601 3" {
		t.Errorf("invoice_series: %s", series)
	}

	// The series goes on from the migrated numbers; the order reads its invoice.
	orders := NewOrderService(db, NewPriceService(db))
	o, err := orders.SetOrderStatus(ctx, 5, domain.OrderStatusChange{Status: domain.OrderDelivered,
		Delivered: domain.NewDate(2026, 1, 20), Version: 1})
	if err != nil {
		t.Fatal(err)
	}
	if o.InvoiceNumber != "FV/2026/01/0004" || o.Invoice == 0 {
		t.Errorf("next invoice after the migration: %q (%d)", o.InvoiceNumber, o.Invoice)
	}
	o, err = orders.FindOrderByID(ctx, 3)
	if err != nil || o.InvoiceNumber != "FV/2026/01/0002" {
		t.Errorf("order ZAM/A reads invoice %q, %v", o.InvoiceNumber, err)
	}
}

func TestStoredDate(t *testing.T) {
	for in, want := range map[string]domain.Date{
		"2026-02-28": domain.NewDate(2026, 2, 28),
		"2028-12-31": domain.NewDate(2028, 12, 31),
		"2028-02-29": domain.NewDate(2028, 2, 29),
		"":           {},
	} {
		if got, err := storedDate(in); got != want || err != nil {
			t.Errorf("storedDate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	// Not the store's form, or no such day: the file is damaged, which is
	// an error rather than no date.
	for _, in := range []string{"27.11.2026", "2026-13-01", "2026-1a-01", "2026-02-29", "2026-04-31", "0000-01-01", "2026-1-1"} {
		if got, err := storedDate(in); err == nil {
			t.Errorf("storedDate(%q) = %v, want an error", in, got)
		}
	}
}
