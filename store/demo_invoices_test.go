package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"kontor/domain"
)

// The demo writes the allocation itself, in bulk: it must be exactly what
// reallocate stores for each account, and its invoices what issuing on
// delivery makes.
func TestDemoInvoicesAndPayments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openDemo(t, 250, 5)
	snapshot := func() string {
		var b strings.Builder
		for _, q := range []string{
			`SELECT id, open_minor FROM invoices ORDER BY id`,
			`SELECT id, unapplied_minor FROM payments ORDER BY id`,
			`SELECT account_id, invoice_id, coalesce(payment_id, 0), coalesce(credit_note_id, 0), amount_minor FROM settlements
				ORDER BY account_id, invoice_id, payment_id, credit_note_id`,
		} {
			rows, err := db.r.QueryContext(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			for rows.Next() {
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				fmt.Fprintln(&b, vals...)
			}
			rows.Close()
		}
		return b.String()
	}
	before := snapshot()
	err := db.write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM accounts ORDER BY id`)
		if err != nil {
			return err
		}
		var ids []domain.AccountID
		for rows.Next() {
			var id domain.AccountID
			rows.Scan(&id)
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			if err := reallocate(ctx, tx, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if after := snapshot(); after != before {
		t.Fatal("reallocating every account changed what the demo stored")
	}

	for _, q := range []string{
		// An invoice for every delivered order and none for the others, dated
		// the delivery, due by the order's terms, with its lines and totals.
		`SELECT (SELECT count(*) FROM orders WHERE status = 'delivered') = (SELECT count(*) FROM invoices WHERE kind = 'invoice')`,
		`SELECT count(*) = 0 FROM invoices i JOIN orders o ON o.id = i.order_id WHERE i.kind = 'invoice' AND (o.status <> 'delivered'
			OR i.issued_on <> o.delivered_on OR i.net_minor <> o.net_minor OR i.vat_minor <> o.vat_minor OR i.gross_minor <> o.gross_minor
			OR i.account_id <> o.account_id OR i.terms_days <> o.terms_days OR i.terms_eom <> o.terms_eom
			OR i.due_on <> CASE WHEN o.terms_eom = 1 THEN date(o.delivered_on, 'start of month', '+1 month', '-1 day', '+' || o.terms_days || ' days')
				ELSE date(o.delivered_on, '+' || o.terms_days || ' days') END
			OR (SELECT count(*) FROM invoice_lines WHERE invoice_id = i.id) <> o.line_count
			OR (SELECT sum(net_minor) FROM invoice_lines WHERE invoice_id = i.id) <> i.net_minor)`,
		// Numbered per month without gaps, in date order; the series' counters go on from the last.
		`SELECT count(*) = 0 FROM (SELECT kind, substr(issued_on, 1, 7) m, count(*) n,
			max(CAST(substr(number, -4) AS INTEGER)) top, min(CAST(substr(number, -4) AS INTEGER)) bottom,
			sum(number LIKE CASE kind WHEN 'invoice' THEN 'FV/' ELSE 'KOR/' END || replace(substr(issued_on, 1, 7), '-', '/') || '/%') ok
			FROM invoices GROUP BY 1, 2) WHERE n <> top OR bottom <> 1 OR ok <> n`,
		`SELECT count(*) = 0 FROM (SELECT issued_on, lag(issued_on) OVER (PARTITION BY kind, substr(issued_on, 1, 7) ORDER BY number) prev
			FROM invoices) WHERE prev > issued_on`,
		`SELECT count(*) = (SELECT count(*) FROM invoice_series) FROM (SELECT kind,
			CAST(substr(issued_on, 1, 4) AS INTEGER) * 100 + CAST(substr(issued_on, 6, 2) AS INTEGER) period, count(*) n
			FROM invoices GROUP BY 1, 2) c JOIN invoice_series s ON s.kind = c.kind AND s.period = c.period AND s.last = c.n`,
		// Credit notes: a few, of part of one line, never more than their invoice, after it.
		`SELECT count(*) BETWEEN 10 AND 100 FROM invoices WHERE kind = 'credit'`,
		`SELECT count(*) = 0 FROM invoices n JOIN invoices i ON i.id = n.corrects_id WHERE n.kind = 'credit' AND
			(-n.gross_minor > i.gross_minor OR n.issued_on < i.issued_on OR n.account_id <> i.account_id OR n.reason = ''
			OR (SELECT count(*) FROM invoice_lines WHERE invoice_id = n.id) <> 1)`,
		// Payments up to today, none of them zero; the balance of every account
		// is what its ledger sums to.
		`SELECT count(*) > 2000 AND max(paid_on) <= '2026-11-27' FROM payments`,
		`SELECT count(*) = 0 FROM accounts a WHERE
			(SELECT coalesce(sum(open_minor), 0) FROM invoices WHERE account_id = a.id) -
			(SELECT coalesce(sum(unapplied_minor), 0) FROM payments WHERE account_id = a.id) <>
			(SELECT coalesce(sum(gross_minor), 0) FROM invoices WHERE account_id = a.id) -
			(SELECT coalesce(sum(amount_minor), 0) FROM payments WHERE account_id = a.id)`,
		// Realistic aging: something in every bucket on the demo's today, some
		// credit, some invoices paid in parts, most paid in full.
		`SELECT count(DISTINCT CASE WHEN julianday('2026-11-27') - julianday(due_on) <= 0 THEN 0
			WHEN julianday('2026-11-27') - julianday(due_on) <= 30 THEN 1 WHEN julianday('2026-11-27') - julianday(due_on) <= 60 THEN 2
			WHEN julianday('2026-11-27') - julianday(due_on) <= 90 THEN 3 ELSE 4 END) = 5 FROM invoices WHERE open_minor > 0`,
		`SELECT count(*) > 0 FROM payments WHERE unapplied_minor > 0`,
		`SELECT count(*) > 0 FROM (SELECT invoice_id FROM settlements WHERE payment_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1)`,
		`SELECT count(*) > 0 FROM invoices WHERE kind = 'invoice' AND open_minor > 0 AND open_minor < gross_minor`,
		`SELECT 100 * sum(open_minor = 0) / count(*) >= 85 FROM invoices WHERE kind = 'invoice' AND due_on < '2026-08-01'`,
		// References: by invoice number, by order number, free text.
		`SELECT EXISTS (SELECT 1 FROM payments WHERE reference IN (SELECT number FROM invoices))`,
		`SELECT EXISTS (SELECT 1 FROM payments WHERE reference IN (SELECT number FROM orders))`,
		`SELECT count(*) > 0 FROM payments WHERE reference LIKE 'przelew za fakturę FV/%'`,
	} {
		var ok any
		start := time.Now()
		err := db.r.QueryRowContext(ctx, q).Scan(&ok)
		if d := time.Since(start); d > 2*time.Second {
			t.Logf("%v: %.60s", d, q)
		}
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if ok != int64(1) {
			t.Errorf("%s: %v", q, ok)
		}
	}
	for _, table := range []string{"invoices", "invoice_lines", "payments", "settlements"} {
		var v any
		if err := db.r.QueryRowContext(ctx, `PRAGMA foreign_key_check(`+table+`)`).Scan(&v); err != sql.ErrNoRows {
			t.Errorf("%s: a foreign key fails: %v %v", table, v, err)
		}
	}
}
