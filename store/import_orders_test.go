package store_test

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"kontor/domain"
	"kontor/store"
	"kontor/store/xfer"
)

func importOrders(t *testing.T, db *store.DB, name, text string) (store.ImportSummary, error) {
	t.Helper()
	f, err := xfer.ReadOrders(name, strings.NewReader(text))
	if err != nil {
		return store.ImportSummary{}, err
	}
	return store.NewTransfer(db).ImportOrders(ctx, f)
}

func TestImportOrders(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	// K1 buys MAK through its head office's agreement: 9.00, 8.50 from 10 on the order's total.
	file := "order_no;account_code;order_date;sku;quantity;unit_price;discount_pct;status;delivered_date\n" +
		"Z/1;K1;2026-03-02;MAK;5;;;;\n" + // blank price: the engine, on MAK's total 12
		"Z/1;K1;2026-03-02;SER;1,5;29,9;10;;\n" + // the engine's price given: not manual
		"Z/1;K1;2026-03-02;mak;7;;;;\n" +
		"Z/2;K2;02.03.2026;MAK;2;9,5;;delivered;05.03.2026\n" + // a price of its own: manual, the file its reason
		"Z/3;K2;2026-03-03;SER;0,25;;;cancelled;\n" +
		"Z/4;K1;2026-03-04;MAK;1;;;draft;\n"
	sum, err := importOrders(t, f.db, "zam.csv", file)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 4 || sum.Updated != 0 {
		t.Errorf("summary %+v", sum)
	}
	o, err := f.orders.FindOrderByNumber(ctx, "Z/1")
	if err != nil {
		t.Fatal(err)
	}
	if o.Status != domain.OrderConfirmed || o.AccountCode != "K1" || o.Date != domain.NewDate(2026, 3, 2) || len(o.Lines) != 3 {
		t.Fatalf("Z/1 %+v", o)
	}
	if l := o.Lines[0]; l.Price != 85000 || l.Source != domain.SourceParent || l.SKU != "MAK" || o.Lines[2].Price != 85000 || o.Lines[2].SKU != "MAK" {
		t.Errorf("MAK lines %+v %+v", l, o.Lines[2])
	}
	if l := o.Lines[1]; l.Price != 299000 || l.Source != domain.SourceList || l.Discount != 1000 || l.Quantity != 1500 {
		t.Errorf("SER line %+v", l)
	}
	// 5 × 8.5 + 1.5 × 29.9 × 0.9 (40.365 → 40.37) + 7 × 8.5 = 142.37
	if tot := o.Totals(); tot.Net != 14237 || o.Owner != f.branch.Owner || o.DeliveryAddress.City != "Łódź" {
		t.Errorf("totals %+v owner %q address %+v", tot, o.Owner, o.DeliveryAddress)
	}
	o2, _ := f.orders.FindOrderByNumber(ctx, "Z/2")
	if o2.Status != domain.OrderDelivered || o2.DeliveredOn != domain.NewDate(2026, 3, 5) || !o2.Lines[0].IsManual() ||
		o2.Lines[0].Price != 95000 || o2.Lines[0].EnginePrice != 100000 || !strings.Contains(o2.Lines[0].ManualReason, "zam.csv") {
		t.Errorf("Z/2 %+v %+v", o2, o2.Lines)
	}
	o3, _ := f.orders.FindOrderByNumber(ctx, "Z/3")
	if o3.Status != domain.OrderCancelled || o3.CancelReason == "" {
		t.Errorf("Z/3 %+v", o3)
	}

	// The export writes the same rows back; re-importing them changes nothing.
	var rows []string
	err = store.NewTransfer(f.db).ExportOrders(ctx, func(o *domain.Order, l *domain.DocumentLine) error {
		rows = append(rows, strings.Join(xfer.OrderCells(o, l), ","))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Z/1,K1,2026-03-02,MAK,5,8.50,,confirmed,", "Z/1,K1,2026-03-02,SER,1.5,29.90,10,confirmed,", "Z/1,K1,2026-03-02,MAK,7,8.50,,confirmed,",
		"Z/2,K2,2026-03-02,MAK,2,9.50,,delivered,2026-03-05", "Z/3,K2,2026-03-03,SER,0.25,29.90,,cancelled,", "Z/4,K1,2026-03-04,MAK,1,9.00,,draft,",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("export:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	exported := strings.Join(xfer.OrderSchema.Names(), ",") + "\n" + strings.Join(rows, "\n") + "\n"
	if sum, err := importOrders(t, f.db, "again.csv", exported); err != nil || sum.Unchanged != 4 || sum.Created+sum.Updated != 0 {
		t.Errorf("re-import: %+v %v", sum, err)
	}
	if o, _ := f.orders.FindOrderByNumber(ctx, "Z/2"); o.Lines[0].ManualReason != o2.Lines[0].ManualReason || o.Version != o2.Version {
		t.Errorf("an unchanged order was rewritten")
	}

	// A confirmed order moves on along its lifecycle; a draft takes new lines.
	next := strings.NewReplacer("Z/1,K1,2026-03-02,MAK,5,8.50,,confirmed,", "Z/1,K1,2026-03-02,MAK,5,8.50,,delivered,2026-03-06",
		"SER,1.5,29.90,10,confirmed,", "SER,1.5,29.90,10,delivered,2026-03-06",
		"MAK,7,8.50,,confirmed,", "MAK,7,8.50,,delivered,2026-03-06",
		"Z/4,K1,2026-03-04,MAK,1,9.00,,draft,", "Z/4,K1,2026-03-04,SER,2,,,draft,").Replace(exported)
	if sum, err := importOrders(t, f.db, "next.csv", next); err != nil || sum.Updated != 2 || sum.Unchanged != 2 {
		t.Fatalf("lifecycle re-import: %+v %v", sum, err)
	}
	if o, _ := f.orders.FindOrderByNumber(ctx, "Z/1"); o.Status != domain.OrderDelivered || o.DeliveredOn != domain.NewDate(2026, 3, 6) {
		t.Errorf("Z/1 after re-import: %s %s", o.Status, o.DeliveredOn)
	}
	checkOrderCounts(t, f.db)
	if o, _ := f.orders.FindOrderByNumber(ctx, "Z/4"); len(o.Lines) != 1 || o.Lines[0].SKU != "SER" || o.Lines[0].Quantity != 2000 {
		t.Errorf("Z/4 after re-import: %+v", o.Lines)
	}
}

func TestImportOrdersBadInput(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	if _, err := importOrders(t, f.db, "ok.csv", "order_no,account_code,order_date,sku,quantity,status\nZ/9,K1,2026-03-02,MAK,5,confirmed\n"); err != nil {
		t.Fatal(err)
	}
	file := "order_no,account_code,order_date,sku,quantity,unit_price,discount_pct,status,delivered_date\n" +
		"A/1,NOPE,2026-03-02,MAK,1,,,,\n" + // 2: unknown account
		"A/2,K1,2026-03-02,XX-404,1,,,,\n" + // 3: unknown SKU
		"A/3,K1,2026-03-02,MAK,0,,,,\n" + // 4: zero
		"A/3,K1,2026-03-02,MAK,-2,,,,\n" + // 5: negative
		"A/4,K1,2026-03-02,SER,1.2345,,,,\n" + // 6: over-precise
		"A/5,K1,2026-03-02,MAK,1.5,,,,\n" + // 7: the unit counts whole packs
		"A/6,K1,2026-03-02,MAK,1,-3,,,\n" + // 8: negative price
		"A/6,K1,2026-03-02,MAK,1,1.23456,,,\n" + // 9: too many decimals
		"A/7,K1,2026-03-02,MAK,1,,120,,\n" + // 10: discount over 100
		"A/8,K1,2026-03-02,MAK,1,,,shipped,\n" + // 11: unknown status
		"A/9,K1,2026-03-02,MAK,1,,,delivered,\n" + // 12: delivered without a date
		"A/10,K1,2026-03-02,MAK,1,,,confirmed,2026-03-04\n" + // 13: a date but not delivered
		"A/11,K1,2026-03-02,MAK,1,,,delivered,2026-03-01\n" + // 14: delivered before ordered
		"A/12,K1,2026-03-02,MAK,1,,,,\n" +
		"A/12,K2,2026-03-03,MAK,1,,,,\n" + // 16: the same order, another account and date
		",K1,2026-03-02,MAK,1,,,,\n" + // 17: no order number
		"A/13,K1,31.02.2026,MAK,1,,,,\n" + // 18: no such day
		"Z/9,K1,2026-03-02,MAK,6,,,confirmed,\n" // 19: a confirmed order's lines changed
	_, err := importOrders(t, f.db, "bad.csv", file)
	var errs xfer.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error %T %v", err, err)
	}
	got := errs.Error()
	for _, want := range []string{
		"bad.csv:2: account_code: no account with code NOPE",
		"bad.csv:3: sku: no product with SKU XX-404",
		"bad.csv:4: quantity: ", "bad.csv:5: quantity: ",
		"bad.csv:6: quantity: 1.2345 has more than 3 decimal places",
		"bad.csv:7: quantity: ", "this unit is counted in whole numbers",
		"bad.csv:8: unit_price: a price cannot be negative",
		"bad.csv:9: unit_price: 1.23456 has more than 4 decimal places",
		"bad.csv:10: discount_pct: a discount is from 0 to 100%",
		"bad.csv:11: status: shipped is not an order status",
		"bad.csv:12: delivered_date: a delivered order needs its delivery date",
		"bad.csv:13: delivered_date: only a delivered order has a delivered_date",
		"bad.csv:14: delivered_date: delivered 2026-03-01 is before the order date 2026-03-02",
		"bad.csv:16: account_code: line 15 gives order A/12 another account_code", "bad.csv:16: order_date: ",
		"bad.csv:17: order_no: ",
		"bad.csv:18: order_date: ",
		"bad.csv:19: sku: order Z/9 is confirmed: its lines cannot change",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the problems lack %q:\n%s", want, got)
		}
	}
	// Nothing was written.
	rows, total, _ := f.orders.FindOrders(ctx, domain.OrderFilter{})
	if total != 1 || rows[0].Number != "Z/9" {
		t.Errorf("a rejected file wrote orders: %d", total)
	}
	if o, _ := f.orders.FindOrderByNumber(ctx, "Z/9"); o.Lines[0].Quantity != 5000 {
		t.Errorf("a rejected file changed Z/9")
	}
	// Unknown columns are refused.
	if _, err := importOrders(t, f.db, "cols.csv", "order_no,account_code,order_date,sku,quantity,colour\n"); err == nil {
		t.Errorf("an unknown column was accepted")
	}
}

// TestImportManyOrders: a file of many orders goes in by groups, its daily
// counts added at once; the list totals agree with the orders.
func TestImportManyOrders(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	var b strings.Builder
	b.WriteString("order_no,account_code,order_date,sku,quantity,status,delivered_date\n")
	for i := 0; i < 150; i++ {
		day := domain.NewDate(2026, 1, 1).AddDays(i % 40)
		status, delivered := "confirmed", ""
		if i%3 == 0 {
			status, delivered = "delivered", day.AddDays(1).String()
		}
		for k := 0; k < 1+i%3; k++ {
			sku := []string{"MAK", "SER"}[k%2]
			b.WriteString(strings.Join([]string{"M/" + domain.Quantity(i*1000).String(), []string{"K1", "K2"}[i%2], day.String(), sku,
				domain.Quantity((k + 1) * 1000).String(), status, delivered}, ",") + "\n")
		}
	}
	sum, err := importOrders(t, f.db, "many.csv", b.String())
	if err != nil || sum.Created != 150 {
		t.Fatalf("import: %+v %v", sum, err)
	}
	checkOrderCounts(t, f.db)
	checkForeignKeys(t, f.db)
	if _, total, _ := f.orders.FindOrders(ctx, domain.OrderFilter{Statuses: []domain.OrderStatus{domain.OrderDelivered}}); total != 50 {
		t.Errorf("delivered: %d", total)
	}
	// M/148 is K1's (its head office's 9.00), M/149 K2's (the list price), three lines: MAK, SER, MAK.
	if o, err := f.orders.FindOrderByNumber(ctx, "M/148"); err != nil || len(o.Lines) != 2 || o.Lines[0].Price != 90000 || o.Lines[0].Source != domain.SourceParent {
		t.Errorf("M/148: %v %+v", err, o)
	}
	if o, err := f.orders.FindOrderByNumber(ctx, "M/149"); err != nil || len(o.Lines) != 3 || o.Lines[2].Price != 100000 || o.Lines[2].Source != domain.SourceList {
		t.Errorf("M/149: %v %+v", err, o)
	}
}

// TestImportOrdersMoneyBounds: a line whose amount int64 cannot hold was
// issued as an invoice with a negative net, and ten big orders made
// statements fail with "integer overflow". Every bound is now
// checked with a message on the line at fault; what fits adds up exactly.
func TestImportOrdersMoneyBounds(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	head := "order_no;account_code;order_date;sku;quantity;unit_price;status;delivered_date\n"
	_, err := importOrders(t, f.db, "duze.csv", head+
		"Z/1;K1;2026-03-02;MAK;2;;delivered;2026-03-03\n"+
		"Z/2;K1;2026-03-02;MAK;100000000;1000000000;delivered;2026-03-03\n")
	var bad xfer.Errors
	if !errors.As(err, &bad) || len(bad) != 1 || bad[0].Line != 3 || !strings.Contains(bad[0].Error(), "more than one line may be") {
		t.Fatalf("import of a line too large = %v", err)
	}
	if _, err := f.orders.FindOrderByNumber(ctx, "Z/1"); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("the sound order was imported from a refused file: %v", err)
	}

	// Ten orders near a document's bound: invoiced, and the statement and
	// the receivables add them up exactly.
	var b strings.Builder
	b.WriteString(head)
	for i := range 10 {
		fmt.Fprintf(&b, "D/%d;K1;2026-03-02;MAK;8000000;99999,9999;delivered;2026-03-03\n", i)
	}
	if _, err := importOrders(t, f.db, "dziesiec.csv", b.String()); err != nil {
		t.Fatal(err)
	}
	// 8,000,000 × 99,999.9999 = 799,999,999,200.00 net, 983,999,999,016.00 gross.
	r := store.NewReceivablesService(f.db)
	s, err := r.Statement(ctx, f.branch.ID, domain.MonthOf(domain.NewDate(2026, 3, 1)))
	if err != nil {
		t.Fatalf("statement of ten big orders: %v", err)
	}
	if want := domain.Amount(10 * 98_399_999_901_600); s.Closing != want {
		t.Errorf("closing %s, want %s", s.Closing, want)
	}
	if _, total, err := r.FindReceivables(ctx, domain.ReceivablesFilter{}); err != nil || total.Balance() != 10*98_399_999_901_600 {
		t.Errorf("receivables total %s, %v", total.Balance(), err)
	}

	// An account's ledger is bounded too: past it, nothing is saved.
	b.Reset()
	b.WriteString(head)
	for i := range 1010 {
		fmt.Fprintf(&b, "E/%d;K1;2026-03-02;MAK;8000000;99999,9999;delivered;2026-03-04\n", i)
	}
	_, err = importOrders(t, f.db, "za-duzo.csv", b.String())
	if e, ok := domain.AsError(err); !ok || e.Key != "ledger.too_large" || !strings.Contains(e.Error(), "K1") {
		t.Fatalf("import past an account's bound = %v", err)
	}
	if _, err := f.orders.FindOrderByNumber(ctx, "E/0"); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("orders of a refused import were kept: %v", err)
	}
}

// TestImportOrderLineLimit: an order of 5,001 lines passed the 5,000-line
// limit on import; 5,000 is fine.
func TestImportOrderLineLimit(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t)
	file := func(order string, n int) string {
		var b strings.Builder
		b.WriteString("order_no;account_code;order_date;sku;quantity\n")
		for range n {
			fmt.Fprintf(&b, "%s;K1;2026-03-02;MAK;1\n", order)
		}
		return b.String()
	}
	_, err := importOrders(t, f.db, "dlugie.csv", file("L/1", domain.MaxDocumentLines+1))
	var bad xfer.Errors
	if !errors.As(err, &bad) || len(bad) != 1 || bad[0].Line != 2 || !strings.Contains(bad[0].Error(), "at most 5000 lines") {
		t.Fatalf("import of 5,001 lines = %v", err)
	}
	if _, err := importOrders(t, f.db, "dlugie.csv", file("L/2", domain.MaxDocumentLines)); err != nil {
		t.Fatalf("import of 5,000 lines: %v", err)
	}
}

// TestImportFutureDelivery: a delivery dated 2999-12-31 issued FV/2999/12/0001
// at once. A delivery after today is refused on its row.
func TestImportFutureDelivery(t *testing.T) {
	t.Parallel()
	f := newDocFixture(t) // today is 2026-03-10
	_, err := importOrders(t, f.db, "przyszlosc.csv", "order_no;account_code;order_date;sku;quantity;status;delivered_date\n"+
		"Z/1;K1;2026-03-02;MAK;1;delivered;2026-03-10\n"+
		"Z/2;K1;2026-03-02;MAK;1;delivered;2999-12-31\n"+
		"Z/3;K1;2026-03-02;MAK;1;delivered;2026-03-11\n")
	var bad xfer.Errors
	if !errors.As(err, &bad) || len(bad) != 2 || bad[0].Line != 3 || bad[1].Line != 4 ||
		bad[0].Column != domain.FieldDeliveredDate || !strings.Contains(bad[0].Error(), "after today") {
		t.Fatalf("import of future deliveries = %v", err)
	}
	if inv, err := store.NewInvoiceService(f.db).FindInvoiceByNumber(ctx, "FV/2999/12/0001"); err == nil {
		t.Errorf("invoice issued from a refused file: %+v", inv)
	}
}

// checkForeignKeys: the order import writes with SQLite's foreign keys off
// (DB.writeChecked); every row it wrote has its parents, and the writer
// enforces them again after it.
func checkForeignKeys(t *testing.T, db *store.DB) {
	t.Helper()
	err := db.WriteTx(ctx, func(tx *sql.Tx) error {
		var on int
		if err := tx.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&on); err != nil || on != 1 {
			t.Errorf("foreign keys after the import: %d %v", on, err)
		}
		rows, err := tx.QueryContext(ctx, `PRAGMA foreign_key_check`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var table, parent string
			var rowid, fk sql.NullInt64
			if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
				return err
			}
			t.Errorf("%s row %d has no %s", table, rowid.Int64, parent)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.WriteTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO order_lines (order_id, line_no, product_id, sku, name, unit, qty_e3, price_e4,
			engine_price_e4, source, vat_rate, net_minor) VALUES (999999, 1, 999999, 'X', 'X', 'szt', 1000, 10000, 10000, 'list', '23', 100)`)
		return err
	})
	if err == nil {
		t.Error("an order line of no order was saved after the import")
	}
}
