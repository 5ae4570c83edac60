package domain

import (
	"testing"
	"time"
)

func day(y int, m time.Month, d int) Date { return Date{Year: y, Month: m, Day: d} }

// fieldKey returns the translation key err reports for field, "" for none.
func fieldKey(err error, field string) string {
	e, ok := AsError(err)
	if !ok {
		return ""
	}
	f, _ := e.Field(field)
	return f.Key
}

// deliveredOrder is an order of five rates' lines (hand-computed below),
// delivered on on with terms.
func deliveredOrder(on Date, terms PaymentTerms) *Order {
	return &Order{ID: 7, Number: "ZAM/2027/00042", AccountName: "Hurtownia Łódź",
		Status: OrderDelivered, DeliveredOn: on, Currency: "PLN", OrderFields: OrderFields{AccountID: 3, AccountCode: "K-003", PaymentTerms: terms,
			Lines: []DocumentLine{
				line("A", VAT23, "12", "45.50", "0"),   // 546.00
				line("B", VAT23, "3.5", "19.99", "10"), // 69.965 × 0.9 = 62.9685 → 62.97
				line("C", VAT8, "7", "12.3456", "0"),   // 86.4192 → 86.42
				line("D", VAT5, "1", "0.99", "0"),      // 0.99
				line("E", VATExempt, "2", "150", "0"),  // 300.00
				line("F", VAT23, "1", "0.02", "0"),     // 0.02
			}}}
}

func TestIssueInvoice(t *testing.T) {
	o := deliveredOrder(day(2027, 1, 31), PaymentTerms{Days: 30})
	inv, err := IssueInvoice(o)
	if err != nil {
		t.Fatal(err)
	}
	if inv.Kind != KindInvoice || inv.Number != "" || inv.Date != day(2027, 1, 31) || inv.OrderID != 7 ||
		inv.OrderNumber != "ZAM/2027/00042" || inv.AccountID != 3 || inv.Currency != "PLN" || inv.Corrects != 0 {
		t.Errorf("header = %+v", inv)
	}
	// net 30 from 31 January 2027 (not a leap year): 28 days of February, so 2 March.
	if inv.Due != day(2027, 3, 2) {
		t.Errorf("due = %v, want 2027-03-02", inv.Due)
	}
	for i, l := range inv.Lines {
		if l.No != i+1 || l.SKU != o.Lines[i].SKU {
			t.Errorf("line %d = %d %s", i, l.No, l.SKU)
		}
	}
	// VAT on each rate's sum, not per line: 23 % per line would be
	// 125.58 + 14.48 + 0.00 = 140.06.
	want := []VATTotal{
		{VAT23, amt("608.99"), amt("140.07"), amt("749.06")}, // 608.99 × 0.23 = 140.0677
		{VAT8, amt("86.42"), amt("6.91"), amt("93.33")},      // 6.9136
		{VAT5, amt("0.99"), amt("0.05"), amt("1.04")},        // 0.0495 → 0.05, half away from zero
		{VATExempt, amt("300.00"), 0, amt("300.00")},
	}
	if len(inv.Totals.ByRate) != len(want) {
		t.Fatalf("rates = %+v", inv.Totals.ByRate)
	}
	for i, w := range want {
		if inv.Totals.ByRate[i] != w {
			t.Errorf("rate %s = %+v, want %+v", w.Rate, inv.Totals.ByRate[i], w)
		}
	}
	if inv.Totals.Net != amt("996.40") || inv.Totals.VAT != amt("147.03") || inv.Gross() != amt("1143.43") {
		t.Errorf("totals = %s + %s = %s, want 996.40 + 147.03 = 1143.43", inv.Totals.Net, inv.Totals.VAT, inv.Gross())
	}
}

func TestIssueInvoiceDueDates(t *testing.T) {
	for _, c := range []struct {
		on    Date
		terms PaymentTerms
		want  Date
	}{
		{day(2027, 1, 31), PaymentTerms{Days: 30}, day(2027, 3, 2)},             // 28-day February
		{day(2028, 1, 31), PaymentTerms{Days: 30}, day(2028, 3, 1)},             // leap year: 29 February counts
		{day(2028, 2, 10), PaymentTerms{Days: 14, EOM: true}, day(2028, 3, 14)}, // 29 Feb + 14
		{day(2028, 2, 29), PaymentTerms{Days: 14, EOM: true}, day(2028, 3, 14)}, // on the month's last day
		{day(2028, 2, 1), PaymentTerms{Days: 0, EOM: true}, day(2028, 2, 29)},
		{day(2027, 2, 1), PaymentTerms{Days: 0, EOM: true}, day(2027, 2, 28)},
		{day(2028, 2, 29), PaymentTerms{Days: 30}, day(2028, 3, 30)},
		{day(2026, 12, 5), PaymentTerms{Days: 45, EOM: true}, day(2027, 2, 14)}, // 31 Dec + 45
		{day(2026, 11, 27), PaymentTerms{Days: 0}, day(2026, 11, 27)},
	} {
		inv, err := IssueInvoice(deliveredOrder(c.on, c.terms))
		if err != nil {
			t.Fatal(err)
		}
		if inv.Due != c.want || inv.Terms != c.terms {
			t.Errorf("%s from %v: due %v, want %v", c.terms, c.on, inv.Due, c.want)
		}
	}
}

func TestIssueInvoiceRefusesUndelivered(t *testing.T) {
	for _, o := range []*Order{
		{Number: "Z/1", Status: OrderConfirmed},
		{Number: "Z/2", Status: OrderCancelled},
		{Number: "Z/3", Status: OrderDelivered}, // no delivery date
	} {
		if _, err := IssueInvoice(o); ErrorCode(err) != EInvalid {
			t.Errorf("%s: err = %v, want EInvalid", o.Number, err)
		}
	}
}

func issued(t *testing.T) *Invoice {
	t.Helper()
	inv, err := IssueInvoice(deliveredOrder(day(2027, 1, 31), PaymentTerms{Days: 30}))
	if err != nil {
		t.Fatal(err)
	}
	inv.ID, inv.Number = 11, "FV/2027/01/0007"
	return inv
}

func qty(s string) Quantity {
	q, err := ParseQuantity(s)
	if err != nil {
		panic(err)
	}
	return q
}

func TestCreditNotePartialThenRest(t *testing.T) {
	inv := issued(t)
	n1, err := BuildCreditNote(inv, nil, CreditNoteRequest{Invoice: inv.ID, Date: day(2027, 2, 3), Reason: " zwrot części towaru ",
		Lines: []CreditLine{{LineNo: 2, Quantity: qty("1.5")}, {LineNo: 3, Quantity: qty("7")}}})
	if err != nil {
		t.Fatal(err)
	}
	// B: 1.5 × 19.99 × 0.9 = 26.9865 → 26.99, VAT 6.2077 → 6.21; C in full: 86.42 + 6.91.
	if n1.Kind != KindCreditNote || n1.Corrects != 11 || n1.CorrectsNumber != "FV/2027/01/0007" || n1.Reason != "zwrot części towaru" ||
		n1.Date != day(2027, 2, 3) || n1.Due != n1.Date || n1.OrderID != inv.OrderID {
		t.Errorf("header = %+v", n1)
	}
	if len(n1.Lines) != 2 || n1.Lines[0].No != 2 || n1.Lines[0].Quantity != qty("1.5") || n1.Lines[1].No != 3 {
		t.Errorf("lines = %+v", n1.Lines)
	}
	if n1.Totals.Net != -amt("113.41") || n1.Totals.VAT != -amt("13.12") || n1.Gross() != -amt("126.53") {
		t.Errorf("totals = %s %s %s, want -113.41 -13.12 -126.53", n1.Totals.Net, n1.Totals.VAT, n1.Gross())
	}
	if len(n1.Totals.ByRate) != 2 || n1.Totals.ByRate[0] != (VATTotal{VAT23, -amt("26.99"), -amt("6.21"), -amt("33.20")}) {
		t.Errorf("by rate = %+v", n1.Totals.ByRate)
	}
	// The rest: no lines named credits what is left of each.
	n2, err := BuildCreditNote(inv, []*Invoice{n1}, CreditNoteRequest{Invoice: inv.ID, Date: day(2027, 2, 3), Reason: "anulowanie"})
	if err != nil {
		t.Fatal(err)
	}
	var nos []int
	for _, l := range n2.Lines {
		nos = append(nos, l.No)
		if l.No == 2 && l.Quantity != qty("2") {
			t.Errorf("line B credits %s, want the 2 left", l.Quantity)
		}
	}
	if len(nos) != 5 || nos[0] != 1 || nos[1] != 2 || nos[2] != 4 {
		t.Errorf("line numbers = %v, want 1 2 4 5 6", nos)
	}
	if n1.Gross()+n2.Gross() != -inv.Gross() || n1.Totals.Net+n2.Totals.Net != -inv.Totals.Net {
		t.Errorf("the two notes credit %s of %s", -(n1.Gross() + n2.Gross()), inv.Gross())
	}
	// Nothing is left to credit.
	_, err = BuildCreditNote(inv, []*Invoice{n1, n2}, CreditNoteRequest{Invoice: inv.ID, Date: day(2027, 2, 4), Reason: "znowu"})
	if k := fieldKey(err, FieldLines); k != "credit.nothing_left" {
		t.Errorf("third note: %v", err)
	}
}

func TestCreditNoteRefusals(t *testing.T) {
	inv := issued(t)
	first, err := BuildCreditNote(inv, nil, CreditNoteRequest{Date: day(2027, 2, 1), Reason: "r",
		Lines: []CreditLine{{LineNo: 2, Quantity: qty("1.5")}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		earlier []*Invoice
		r       CreditNoteRequest
		field   string
		key     string
	}{
		{"more than invoiced", nil, CreditNoteRequest{Date: day(2027, 2, 1), Reason: "r",
			Lines: []CreditLine{{LineNo: 1, Quantity: qty("12.001")}}}, LineField(0, FieldQuantity), "credit.more_than_invoiced"},
		{"more than is left after an earlier note", []*Invoice{first}, CreditNoteRequest{Date: day(2027, 2, 1), Reason: "r",
			Lines: []CreditLine{{LineNo: 2, Quantity: qty("2.5")}}}, LineField(1, FieldQuantity), "credit.more_than_invoiced"},
		{"one line named twice, more than invoiced together", nil, CreditNoteRequest{Date: day(2027, 2, 1), Reason: "r",
			Lines: []CreditLine{{LineNo: 1, Quantity: qty("6")}, {LineNo: 1, Quantity: qty("7")}}}, LineField(0, FieldQuantity),
			"credit.more_than_invoiced"},
		{"dated before the invoice", nil, CreditNoteRequest{Date: day(2027, 1, 30), Reason: "r"}, FieldCreditDate, "credit.before_invoice"},
		{"no date", nil, CreditNoteRequest{Reason: "r"}, FieldCreditDate, "field.required"},
		{"no reason", nil, CreditNoteRequest{Date: day(2027, 2, 1), Reason: "  "}, FieldCreditReason, "credit.reason_required"},
		{"no such line", nil, CreditNoteRequest{Date: day(2027, 2, 1), Reason: "r",
			Lines: []CreditLine{{LineNo: 7, Quantity: qty("1")}}}, FieldLines, "credit.no_line"},
		{"only zero quantities", nil, CreditNoteRequest{Date: day(2027, 2, 1), Reason: "r",
			Lines: []CreditLine{{LineNo: 1, Quantity: 0}}}, FieldLines, "credit.empty"},
	} {
		t.Run(c.name, func(t *testing.T) {
			n, err := BuildCreditNote(inv, c.earlier, c.r)
			if n != nil || ErrorCode(err) != EInvalid || fieldKey(err, c.field) != c.key {
				t.Errorf("err = %v, want %s on %s", err, c.key, c.field)
			}
		})
	}
	// The note's own date may be the invoice's.
	if _, err := BuildCreditNote(inv, nil, CreditNoteRequest{Date: inv.Date, Reason: "r"}); err != nil {
		t.Errorf("note on the invoice's day: %v", err)
	}
	if _, err := BuildCreditNote(first, nil, CreditNoteRequest{Date: day(2027, 3, 1), Reason: "r"}); ErrorCode(err) != EInvalid {
		t.Errorf("a credit note of a credit note: %v", err)
	}
}

// cents is an invoice of n lines of 0.03 at 23 %: each line alone carries
// 0.0069 → 0.01 of VAT, the invoice round(n × 0.0069).
func cents(t *testing.T, n int) *Invoice {
	t.Helper()
	o := &Order{ID: 1, Number: "Z/1", Status: OrderDelivered, DeliveredOn: day(2026, 3, 2), OrderFields: OrderFields{PaymentTerms: PaymentTerms{Days: 14}}}
	for i := 0; i < n; i++ {
		o.Lines = append(o.Lines, line("S", VAT23, "1", "0.03", "0"))
	}
	inv, err := IssueInvoice(o)
	if err != nil {
		t.Fatal(err)
	}
	inv.ID, inv.Number = 5, "FV/2026/03/0001"
	return inv
}

// Crediting line by line rounds VAT on each note's sum, which may add up to
// more than the invoice: the note that credits the last of every line takes
// exactly what is left, so the invoice can always be credited in full.
func TestCreditNoteLastTakesWhatIsLeft(t *testing.T) {
	inv := cents(t, 2) // 0.06 + 0.0138 → 0.01 = 0.07
	if inv.Gross() != amt("0.07") {
		t.Fatalf("gross = %s", inv.Gross())
	}
	r := func(no int) CreditNoteRequest {
		return CreditNoteRequest{Date: inv.Date, Reason: "r", Lines: []CreditLine{{LineNo: no, Quantity: One}}}
	}
	n1, err := BuildCreditNote(inv, nil, r(1))
	if err != nil || n1.Gross() != -amt("0.04") {
		t.Fatalf("first note: %v %v", n1, err)
	}
	n2, err := BuildCreditNote(inv, []*Invoice{n1}, r(2))
	if err != nil {
		t.Fatalf("last note refused: %v", err)
	}
	if n2.Gross() != -amt("0.03") || n2.Totals.Net != -amt("0.03") || n2.Totals.VAT != 0 {
		t.Errorf("last note = %s + %s = %s, want -0.03 + 0 = -0.03", n2.Totals.Net, n2.Totals.VAT, n2.Gross())
	}
	if len(n2.Totals.ByRate) != 1 || n2.Totals.ByRate[0].Gross != n2.Gross() {
		t.Errorf("by rate = %+v", n2.Totals.ByRate)
	}
}

// A note that leaves lines open is still refused when its own rounding makes
// it larger than what is left of the invoice's gross.
func TestCreditNoteLargerThanLeft(t *testing.T) {
	inv := cents(t, 20) // 0.60 + 0.138 → 0.14 = 0.74
	var earlier []*Invoice
	for no := 1; no <= 18; no++ { // 18 × 0.04 = 0.72
		n, err := BuildCreditNote(inv, earlier, CreditNoteRequest{Date: inv.Date, Reason: "r", Lines: []CreditLine{{LineNo: no, Quantity: One}}})
		if err != nil {
			t.Fatalf("note %d: %v", no, err)
		}
		earlier = append(earlier, n)
	}
	_, err := BuildCreditNote(inv, earlier, CreditNoteRequest{Date: inv.Date, Reason: "r", Lines: []CreditLine{{LineNo: 19, Quantity: One}}})
	if fieldKey(err, FieldLines) != "credit.larger_than_invoice" {
		t.Fatalf("0.04 against 0.02 left: %v", err)
	}
	last, err := BuildCreditNote(inv, earlier, CreditNoteRequest{Date: inv.Date, Reason: "r"})
	if err != nil || last.Gross() != -amt("0.02") || len(last.Lines) != 2 {
		t.Errorf("the rest: %+v %v", last, err)
	}
}
