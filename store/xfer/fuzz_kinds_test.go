package xfer

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"kontor/domain"
)

// One fuzz target a kind of file (orders and payments have theirs beside
// their readers): whatever the bytes, reading neither panics nor loses a row
// — every record is on a data line, in order, and no record holds a control
// character outside a multi-line column — and every problem names its line.

// checkErrs is checkLines for the problems a reader collected.
func checkErrs(t *testing.T, es Errors) {
	t.Helper()
	if len(es) > 0 {
		checkLines(t, es)
	}
}

// record is what the checks need of one record: its line and its values.
type record struct {
	line   int
	values []string
}

// checkRecords fails unless the records' lines rise, and a record holding a
// control character has its line among the problems (a bad row is kept, so
// the store reports its other problems too, but never passes as good).
func checkRecords(t *testing.T, es Errors, recs []record) {
	t.Helper()
	bad := map[int]bool{}
	for _, e := range es {
		bad[e.Line] = true
	}
	last := 1
	for _, r := range recs {
		if r.line <= last {
			t.Fatalf("record on line %d after line %d", r.line, last)
		}
		last = r.line
		for _, v := range r.values {
			if _, ctl := domain.ControlChar(v, false); ctl && !bad[r.line] {
				t.Fatalf("line %d: a value with a control character passed: %q", r.line, v)
			}
		}
	}
}

func seeds(f *testing.F, header string, rows ...string) {
	f.Add([]byte(header + "\n" + strings.Join(rows, "\n") + "\n"))
	f.Add([]byte(strings.ReplaceAll(header, ",", ";") + "\r\n" + strings.ReplaceAll(strings.Join(rows, "\r\n"), ",", ";")))
	f.Add([]byte("\xEF\xBB\xBF" + header + "\r" + strings.Join(rows, "\r")))
	f.Add([]byte(header + "\nK\x1b[2J,x\xa3\xf3\n"))
}

func FuzzReadAccounts(f *testing.F) {
	seeds(f, "code,name,tax_id,street,postal_code,city,country,phone,email,currency,payment_terms,credit_limit,customer_group,parent_code,owner",
		"K1,Hurtownia Łódź,PL 526-000-12-46,ul. Piotrkowska 1,90-001,Łódź,PL,+48 42 000 00 00,biuro@x.pl,PLN,net 30,10 000,Hurt,,Anna",
		"K2,\"=HYPERLINK(\"\"x\"\")\",DE123,,,,DE,,,EUR,14 EOM,-5,,K1,")
	f.Fuzz(func(t *testing.T, data []byte) {
		af, err := ReadAccounts("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			checkLines(t, err)
			return
		}
		checkErrs(t, af.Errs)
		var recs []record
		for _, r := range af.Records {
			recs = append(recs, record{r.Line, []string{r.Fields.Code, r.Fields.Name, r.Fields.City}})
		}
		checkRecords(t, af.Errs, recs)
	})
}

func FuzzReadContacts(f *testing.F) {
	seeds(f, "account_code,first_name,last_name,role,email,phone", "K1,Jan,Kowalski,Zakupy,jan@x.pl,600 000 000", "K1,Łucja,Żak,,,")
	f.Fuzz(func(t *testing.T, data []byte) {
		cf, err := ReadContacts("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			checkLines(t, err)
			return
		}
		checkErrs(t, cf.Errs)
		var recs []record
		for _, r := range cf.Records {
			recs = append(recs, record{r.Line, []string{r.AccountCode, r.Fields.FirstName, r.Fields.LastName, r.Fields.Email}})
		}
		checkRecords(t, cf.Errs, recs)
	})
}

func FuzzReadActivities(f *testing.F) {
	seeds(f, "account_code,date,kind,subject,notes,contact_email,contact_name,due_date,done",
		"K1,2026-11-20 10:30 +01:00,call,Rozmowa,\"Linia 1\nLinia 2\",jan@x.pl,Jan Kowalski,,",
		"K1,27.11.2026 9:05,zadanie,Oferta,,,Łucja Żak,30.11.2026,false", "K2,2026-03-29 02:30,note,Zmiana czasu,,,,,")
	warsaw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		af, err := ReadActivities("fuzz.csv", bytes.NewReader(data), warsaw)
		if err != nil {
			checkLines(t, err)
			return
		}
		checkErrs(t, af.Errs)
		var recs []record
		for _, r := range af.Records {
			recs = append(recs, record{r.Line, []string{r.Fields.AccountCode, r.Fields.Subject, r.ContactName}})
			if y := r.Fields.OccurredAt.Year(); !r.Fields.OccurredAt.IsZero() && (y < 1899 || y > 3000) {
				t.Fatalf("line %d: a moment in the year %d", r.Line, y)
			}
		}
		checkRecords(t, af.Errs, recs)
	})
}

func FuzzReadProducts(f *testing.F) {
	seeds(f, "sku,name,description,unit,list_price,vat_rate,active", "MAK-1,Mąka,\"Opis\nw dwóch liniach\",opak,12,5,23,true",
		"SER,Ser gouda,,kg,29.9,zw,false")
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := ReadProducts("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			checkLines(t, err)
			return
		}
		checkErrs(t, pf.Errs)
		var recs []record
		for _, r := range pf.Records {
			recs = append(recs, record{r.Line, []string{r.Fields.SKU, r.Fields.Name}})
		}
		checkRecords(t, pf.Errs, recs)
	})
}

func FuzzReadPrices(f *testing.F) {
	seeds(f, "sku,account_code,customer_group,min_qty,price,discount_pct,valid_from,valid_to", "MAK,K1,,1,9.5,,2026-01-01,",
		"MAK,,Hurt,10,,12.5,,31.12.2026", "SER,K1,Hurt,0,-1,101,2026-13-01,")
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := ReadPrices("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			checkLines(t, err)
			return
		}
		checkErrs(t, pf.Errs)
		var recs []record
		for _, r := range pf.Records {
			recs = append(recs, record{r.Line, []string{r.Fields.SKU, r.Fields.AccountCode}})
		}
		checkRecords(t, pf.Errs, recs)
	})
}
