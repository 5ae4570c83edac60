package xfer

import (
	"bytes"
	"strings"
	"testing"

	"kontor/domain"
)

func TestReadPayments(t *testing.T) {
	// What Polish Excel writes: Windows-1250, ';', decimal commas, thousands
	// spaces, dates as DD.MM.YYYY.
	src := win1250(t, "account_code;date;amount;reference\n"+
		"K-001;03.11.2026;1 234,56;Przelew za fakturę FV/2026/10/0007 — dziękujemy\n"+
		"k-002;2026-11-04;99.9;\n")
	f, err := ReadPayments("bank.csv", bytes.NewReader(src))
	if err != nil || len(f.Errs) != 0 {
		t.Fatalf("%v %v", err, f.Errs)
	}
	want := []PaymentRecord{
		{Line: 2, Fields: domain.PaymentFields{AccountCode: "K-001", Date: domain.NewDate(2026, 11, 3), Amount: 123456,
			Reference: "Przelew za fakturę FV/2026/10/0007 — dziękujemy"}},
		{Line: 3, Fields: domain.PaymentFields{AccountCode: "k-002", Date: domain.NewDate(2026, 11, 4), Amount: 9990}},
	}
	if len(f.Records) != len(want) || f.Records[0] != want[0] || f.Records[1] != want[1] {
		t.Errorf("records = %+v", f.Records)
	}
}

// Every bad cell of every row is listed as FILE:LINE: column: message, and
// the rows stay among the records so the store can add its own problems.
func TestReadPaymentsBadRows(t *testing.T) {
	src := "account_code,date,amount,reference\n" +
		"K1,2026-11-03,0,\n" + // 2
		"K1,2026-11-03,-5.00,zwrot\n" + // 3
		"K1,2026-11-03,10.001,\n" + // 4
		"K1,03/11/26,10,\n" + // 5
		"K1,2026-02-30,10,\n" + // 6
		"K1,31.04.2026,10,\n" + // 7
		"K1,2026-13-01,10,\n" + // 8
		",,,\"" + strings.Repeat("x", 201) + "\"\n" + // 9
		"K1,2026-11-03,dziesięć,\n" + // 10
		"K1,2026-11-03,20000000000,\n" // 11: a typo of many digits
	f, err := ReadPayments("p.csv", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	got := f.Errs.Tidy(PaymentSchema).Error()
	want := strings.Join([]string{
		"p.csv:2: amount: a payment must be more than 0",
		"p.csv:3: amount: a payment must be more than 0",
		"p.csv:4: amount: 10.001 has more than 2 decimal places",
		"p.csv:5: date: 03/11/26 is not a date (use YYYY-MM-DD or DD.MM.YYYY)",
		"p.csv:6: date: 2026-02-30 is not a date: month 2 of 2026 has 28 days",
		"p.csv:7: date: 31.04.2026 is not a date: month 4 of 2026 has 30 days",
		"p.csv:8: date: 2026-13-01 is not a date: there is no month 13",
		"p.csv:9: account_code: a value is required",
		"p.csv:9: date: a value is required",
		"p.csv:9: amount: a value is required",
		"p.csv:9: reference: at most 200 characters",
		"p.csv:10: amount: dziesięć is not a number",
		"p.csv:11: amount: 20000000000.00 is too large for one payment",
	}, "\n")
	if got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	if len(f.Records) != 10 {
		t.Errorf("%d records, want every row", len(f.Records))
	}
}

func TestReadPaymentsHeader(t *testing.T) {
	for _, src := range []string{
		"account_code,date,reference\nK1,2026-11-03,x\n",        // amount missing
		"account_code,date,amount,iban\nK1,2026-11-03,1,PL00\n", // unknown column
	} {
		if _, err := ReadPayments("h.csv", strings.NewReader(src)); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
}

func TestNoSuchDay(t *testing.T) {
	for in, want := range map[string]string{
		"2028-02-29": "", "2027-02-29": "date.no_such_day", "29.02.2028": "", "00.01.2026": "date.no_such_day",
		"2026-00-10": "date.no_such_month", "1/13/2026": "date.no_such_month", "2026-1-1-1": "", "abc": "", "2026-02-xx": "",
		"30.02.2026.": "date.no_such_day",
	} {
		key, _, _, ok := noSuchDay(in)
		if key != want || ok != (want != "") {
			t.Errorf("noSuchDay(%q) = %q, want %q", in, key, want)
		}
	}
}

// An export reads back as the same records; a reference that looks like a
// formula is written neutralised and read back as it was.
func TestPaymentCellsRoundTrip(t *testing.T) {
	var b bytes.Buffer
	w, err := NewWriter(CSV, &b, PaymentSchema)
	if err != nil {
		t.Fatal(err)
	}
	pays := []domain.Payment{
		{PaymentFields: domain.PaymentFields{Date: domain.NewDate(2026, 11, 3), Amount: 123456, Reference: "=HYPERLINK(\"x\")"}},
		{PaymentFields: domain.PaymentFields{Date: domain.NewDate(2026, 11, 4), Amount: 1, Reference: "FV/2026/11/0001; FV/2026/11/0002"}},
	}
	for i := range pays {
		if err := w.Write(PaymentCells("K-00"+string(rune('1'+i)), &pays[i])); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "'=HYPERLINK") {
		t.Errorf("formula not neutralised:\n%s", b.String())
	}
	f, err := ReadPayments("x.csv", &b)
	if err != nil || len(f.Errs) != 0 || len(f.Records) != 2 {
		t.Fatalf("%v %v %+v", err, f.Errs, f)
	}
	for i, r := range f.Records {
		p := pays[i].PaymentFields
		p.AccountCode = "K-00" + string(rune('1'+i))
		if r.Fields != p {
			t.Errorf("row %d = %+v, want %+v", i, r.Fields, p)
		}
	}
}

// FuzzReadPayments: whatever the file, reading it does not panic and every
// data row is a record; a row without problems holds a valid payment.
func FuzzReadPayments(f *testing.F) {
	f.Add([]byte("account_code,date,amount,reference\nK1,2026-11-03,12.50,FV/1\n"))
	f.Add([]byte("account_code;date;amount\nK;31.02.2026;-1\nK;x;1,001\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := ReadPayments("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			checkLines(t, err)
			return
		}
		bad := map[int]bool{}
		for _, e := range pf.Errs {
			bad[e.Line] = true
		}
		for _, r := range pf.Records {
			if p := r.Fields; !bad[r.Line] {
				if err := p.Validate(); err != nil {
					t.Fatalf("line %d has no problem but %+v: %v", r.Line, r.Fields, err)
				}
			}
		}
	})
}
