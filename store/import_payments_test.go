package store_test

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"kontor/domain"
	"kontor/store"
	"kontor/store/xfer"
)

func importPayments(t *testing.T, db *store.DB, name string, src []byte) (store.ImportSummary, error) {
	t.Helper()
	f, err := xfer.ReadPayments(name, strings.NewReader(string(src)))
	if err != nil {
		return store.ImportSummary{}, err
	}
	return store.NewTransfer(db).ImportPayments(ctx, f)
}

// paymentFixture has two delivered and invoiced orders of K2: Z/1 on 2 March
// (123.00) and Z/2 on 3 March (246.00), both at 23 %.
func newPaymentFixture(t *testing.T) *docFixture {
	t.Helper()
	f := newDocFixture(t)
	_, err := importOrders(t, f.db, "zam.csv", "order_no,account_code,order_date,sku,quantity,unit_price,status,delivered_date\n"+
		"Z/1,K2,2026-03-01,MAK,10,10,delivered,2026-03-02\n"+
		"Z/2,K2,2026-03-01,MAK,20,10,delivered,2026-03-03\n")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// openByOrder maps each of the account's invoices' order numbers to its open amount.
func openByOrder(t *testing.T, db *store.DB, account domain.AccountID) map[string]domain.Amount {
	t.Helper()
	rows, _, err := store.NewInvoiceService(db).FindInvoices(ctx, domain.InvoiceFilter{Account: account})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]domain.Amount{}
	for _, r := range rows {
		out[r.OrderNumber] = r.Open
	}
	return out
}

func TestImportPaymentsAllocates(t *testing.T) {
	t.Parallel()
	f := newPaymentFixture(t)
	if got := openByOrder(t, f.db, f.other.ID); got["Z/1"] != 12300 || got["Z/2"] != 24600 {
		t.Fatalf("invoices before payments: %v", got)
	}
	// Windows-1250 with ';' and decimal commas, as Polish Excel saves it. The
	// first pays Z/2 by its order number; the second names nothing and pays
	// the oldest (Z/1) and 50.00 of Z/2.
	src, err := charmap.Windows1250.NewEncoder().Bytes([]byte("account_code;date;amount;reference\n" +
		"k2;10.03.2026;100,00;zapłata ZAM Z/2\n" + // not exactly the number: unreferenced
		"K2;2026-03-11;196,00;z/2\n"))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := importPayments(t, f.db, "wyciąg.csv", src)
	if err != nil {
		t.Fatal(err)
	}
	if sum != (store.ImportSummary{Created: 2}) {
		t.Errorf("summary %+v", sum)
	}
	// Named first: 196 → Z/2 (50 left). Then 100 oldest first → Z/1 (23 left).
	if got := openByOrder(t, f.db, f.other.ID); got["Z/1"] != 2300 || got["Z/2"] != 5000 {
		t.Errorf("open after payments: %v", got)
	}
	pays, n, err := store.NewPaymentService(f.db).FindPayments(ctx, domain.PaymentFilter{Account: f.other.ID})
	if err != nil || n != 2 {
		t.Fatalf("payments %v %d %v", pays, n, err)
	}
	if p := pays[1]; p.Date != domain.NewDate(2026, 3, 10) || p.Amount != 10000 || p.Reference != "zapłata ZAM Z/2" || p.AccountCode != "K2" {
		t.Errorf("first payment %+v", p)
	}
}

// The same file again records nothing: each row is a payment already stored.
// A row repeated in the file is a second payment, recorded once.
func TestImportPaymentsTwice(t *testing.T) {
	t.Parallel()
	f := newPaymentFixture(t)
	file := []byte("account_code,date,amount,reference\nK2,2026-03-10,10,FV\nK2,2026-03-10,10,FV\nK1,2026-03-10,10,FV\n")
	if sum, err := importPayments(t, f.db, "a.csv", file); err != nil || sum != (store.ImportSummary{Created: 3}) {
		t.Fatalf("first import: %+v %v", sum, err)
	}
	if sum, err := importPayments(t, f.db, "a.csv", file); err != nil || sum != (store.ImportSummary{Unchanged: 3}) {
		t.Fatalf("second import: %+v %v", sum, err)
	}
	// A longer export of the same day: three identical transfers now, and one
	// with another reference.
	more := append(file, []byte("K2,2026-03-10,10,FV\nK2,2026-03-10,10,fv\n")...)
	if sum, err := importPayments(t, f.db, "b.csv", more); err != nil || sum != (store.ImportSummary{Created: 2, Unchanged: 3}) {
		t.Fatalf("overlapping import: %+v %v", sum, err)
	}
	_, n, err := store.NewPaymentService(f.db).FindPayments(ctx, domain.PaymentFilter{Account: f.other.ID})
	if err != nil || n != 4 {
		t.Errorf("K2 has %d payments, want 4: %v", n, err)
	}
}

// A file with any bad row imports nothing and lists every bad row.
func TestImportPaymentsBadFile(t *testing.T) {
	t.Parallel()
	f := newPaymentFixture(t)
	src := "account_code,date,amount,reference\n" +
		"K2,2026-03-10,50,ok\n" +
		"NOPE,2026-03-10,10,\n" + // 3: unknown account
		"K2,2026-03-10,0,\n" + // 4
		"K2,2026-03-10,-1,\n" + // 5
		"K2,2026-03-10,10.001,\n" + // 6
		"K2,10-03-2026,10,\n" + // 7
		"K2,2026-02-29,10,\n" + // 8: not a leap year
		"NIE,2026-02-30,0,\n" // 9: all at once
	_, err := importPayments(t, f.db, "bank.csv", []byte(src))
	var bad xfer.Errors
	if !errors.As(err, &bad) {
		t.Fatalf("err = %v", err)
	}
	want := strings.Join([]string{
		"bank.csv:3: account_code: there is no account with code NOPE",
		"bank.csv:4: amount: a payment must be more than 0",
		"bank.csv:5: amount: a payment must be more than 0",
		"bank.csv:6: amount: 10.001 has more than 2 decimal places",
		"bank.csv:7: date: 10-03-2026 is not a date (use YYYY-MM-DD or DD.MM.YYYY)",
		"bank.csv:8: date: 2026-02-29 is not a date: month 2 of 2026 has 28 days",
		"bank.csv:9: account_code: there is no account with code NIE",
		"bank.csv:9: date: 2026-02-30 is not a date: month 2 of 2026 has 28 days",
		"bank.csv:9: amount: a payment must be more than 0",
	}, "\n")
	if bad.Error() != want {
		t.Errorf("problems:\n%s\nwant:\n%s", bad.Error(), want)
	}
	if domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("code %v", domain.ErrorCode(err))
	}
	_, n, err := store.NewPaymentService(f.db).FindPayments(ctx, domain.PaymentFilter{})
	if err != nil || n != 0 {
		t.Errorf("%d payments recorded from a bad file: %v", n, err)
	}
}

func TestExportPayments(t *testing.T) {
	t.Parallel()
	f := newPaymentFixture(t)
	if _, err := importPayments(t, f.db, "a.csv", []byte("account_code,date,amount,reference\n"+
		"K2,2026-03-12,1 234.5,=cmd\nK1,2026-03-11,0.01,\n")); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := store.NewTransfer(f.db).ExportPayments(ctx, func(code string, p *domain.Payment) error {
		got = append(got, strings.Join(xfer.PaymentCells(code, p), "|"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "K1|2026-03-11|0.01||K2|2026-03-12|1234.50|=cmd"
	if strings.Join(got, "|") != want {
		t.Errorf("export = %q, want %q", strings.Join(got, "|"), want)
	}
}
