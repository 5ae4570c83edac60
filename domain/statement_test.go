package domain

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

func TestBuildStatement(t *testing.T) {
	acc := &Account{ID: 1}
	note := LedgerInvoice{ID: 5, Kind: KindCreditNote, Number: "KOR/2026/11/0001", Corrects: 2, Date: day(2026, 11, 20),
		Due: day(2026, 11, 20), Gross: -amt("100.00")}
	l := Ledger{Invoices: []LedgerInvoice{
		linv(4, "FV/2026/12/0001", "", day(2026, 12, 1), day(2026, 12, 31), "999.00"), // after the month
		linv(2, "FV/2026/11/0002", "", day(2026, 11, 5), day(2026, 12, 5), "500.00"),
		note,
		linv(1, "FV/2026/10/0003", "", day(2026, 10, 15), day(2026, 11, 14), "1000.00"),
		linv(3, "FV/2026/11/0001", "", day(2026, 11, 5), day(2026, 12, 5), "200.00"),
	}, Payments: []LedgerPayment{
		lpay(3, day(2026, 11, 30), "300.00", ""),
		lpay(2, day(2026, 11, 5), "250.00", "A-first"), // sorts before "FV…", but a payment comes after the day's invoices
		lpay(1, day(2026, 10, 20), "400.00", "FV/2026/10/0003"),
		lpay(4, day(2026, 12, 2), "50.00", ""),
	}}
	s := BuildStatement(acc, Month{2026, time.November}, l)
	if s.Account != acc || s.Date != day(2026, 11, 30) || s.Opening != amt("600.00") {
		t.Errorf("header: date %v, opening %s (want 1000 − 400)", s.Date, s.Opening)
	}
	want := []StatementLine{
		{Date: day(2026, 11, 5), Kind: LineInvoice, Number: "FV/2026/11/0001", Due: day(2026, 12, 5), Amount: amt("200.00"), Balance: amt("800.00")},
		{Date: day(2026, 11, 5), Kind: LineInvoice, Number: "FV/2026/11/0002", Due: day(2026, 12, 5), Amount: amt("500.00"), Balance: amt("1300.00")},
		{Date: day(2026, 11, 5), Kind: LinePayment, Number: "A-first", Amount: -amt("250.00"), Balance: amt("1050.00"),
			Settles: []string{"FV/2026/10/0003"}},
		{Date: day(2026, 11, 20), Kind: LineInvoice, Credit: true, Number: "KOR/2026/11/0001", Amount: -amt("100.00"), Balance: amt("950.00"),
			Settles: []string{"FV/2026/11/0002"}},
		{Date: day(2026, 11, 30), Kind: LinePayment, Number: "", Amount: -amt("300.00"), Balance: amt("650.00"),
			Settles: []string{"FV/2026/10/0003"}},
	}
	if len(s.Lines) != len(want) {
		t.Fatalf("lines = %+v", s.Lines)
	}
	for i := range want {
		if !reflect.DeepEqual(s.Lines[i], want[i]) {
			t.Errorf("line %d = %+v,\n    want %+v", i+1, s.Lines[i], want[i])
		}
	}
	if s.Closing != amt("650.00") || s.Invoiced != amt("600.00") || s.Paid != amt("550.00") {
		t.Errorf("closing %s, invoiced %s, paid %s; want 650, 600, 550", s.Closing, s.Invoiced, s.Paid)
	}
	// Allocation as of 30 November: 400 → FV/10/0003 by reference, KOR → FV/11/0002;
	// then 250 and 300 oldest first → FV/10/0003 (350 then 250), leaving 50 of it,
	// 16 days past its due date, and 200 + 400 not yet due.
	if s.Aging != (Aging{Current: amt("600.00"), D1_30: amt("50.00")}) || s.Aging.Balance() != s.Closing {
		t.Errorf("aging = %+v", s.Aging)
	}
	if !s.HasMovement() {
		t.Error("a month with lines has movement")
	}
	// Open on 30 November, oldest first: 50 of FV/10/0003 (16 days late),
	// FV/11/0001 whole, 400 of FV/11/0002 after its credit note.
	wantOpen := []OpenItem{
		{Invoice: 1, Number: "FV/2026/10/0003", Date: day(2026, 10, 15), Due: day(2026, 11, 14), DaysOverdue: 16, Gross: amt("1000.00"), Open: amt("50.00")},
		{Invoice: 3, Number: "FV/2026/11/0001", Date: day(2026, 11, 5), Due: day(2026, 12, 5), Gross: amt("200.00"), Open: amt("200.00")},
		{Invoice: 2, Number: "FV/2026/11/0002", Date: day(2026, 11, 5), Due: day(2026, 12, 5), Gross: amt("500.00"), Open: amt("400.00")},
	}
	if !reflect.DeepEqual(s.OpenItems, wantOpen) || s.OpenTotal()-s.Aging.Credit != s.Closing {
		t.Errorf("open items = %+v", s.OpenItems)
	}
}

// The statement of the month that runs is dated today: later entries are
// not on it, and the days overdue count to today.
func TestStatementDatedToday(t *testing.T) {
	l := Ledger{Invoices: []LedgerInvoice{
		linv(1, "FV/2026/11/0001", "", day(2026, 11, 2), day(2026, 11, 16), "100.00"),
		linv(2, "FV/2026/12/0001", "", day(2026, 12, 1), day(2026, 12, 4), "80.00"),
		linv(3, "FV/2026/12/0002", "", day(2026, 12, 9), day(2026, 12, 23), "70.00"), // after today
	}, Payments: []LedgerPayment{lpay(1, day(2026, 12, 7), "100.00", "FV/2026/11/0001")}} // after today
	today := day(2026, 12, 6)
	s := BuildStatementOn(&Account{}, Month{2026, time.December}, l, today)
	if s.Date != today || len(s.Lines) != 1 || s.Opening != amt("100.00") || s.Closing != amt("180.00") {
		t.Fatalf("dated %v, %d lines, opening %s, closing %s", s.Date, len(s.Lines), s.Opening, s.Closing)
	}
	if len(s.OpenItems) != 2 || s.OpenItems[0].DaysOverdue != 20 || s.OpenItems[1].DaysOverdue != 2 {
		t.Errorf("open items %+v", s.OpenItems)
	}
	for _, c := range []struct {
		m     Month
		today Date
		want  Date
	}{
		{Month{2026, time.November}, today, day(2026, 11, 30)},
		{Month{2026, time.December}, today, today},
		{Month{2026, time.December}, day(2026, 12, 31), day(2026, 12, 31)},
		{Month{2026, time.December}, Date{}, day(2026, 12, 31)},
		{Month{2027, time.January}, today, today}, // never a date to come
	} {
		if got := StatementDate(c.m, c.today); got != c.want {
			t.Errorf("StatementDate(%v, %v) = %v, want %v", c.m, c.today, got, c.want)
		}
	}
}

func TestStatementCreditOnly(t *testing.T) {
	l := Ledger{Payments: []LedgerPayment{lpay(1, day(2026, 3, 3), "300.00", "zaliczka")}}
	s := BuildStatement(&Account{}, Month{2026, time.March}, l)
	if s.Opening != 0 || s.Closing != -amt("300.00") || s.Aging != (Aging{Credit: amt("300.00")}) {
		t.Errorf("statement = %+v", s)
	}
	s = BuildStatement(&Account{}, Month{2026, time.April}, l)
	if len(s.Lines) != 0 || s.Opening != -amt("300.00") || s.Closing != s.Opening || !s.HasMovement() {
		t.Errorf("the month after: %+v", s)
	}
}

func TestStatementHasMovement(t *testing.T) {
	settled := Ledger{
		Invoices: []LedgerInvoice{linv(1, "FV/1", "", day(2026, 1, 5), day(2026, 2, 4), "10.00")},
		Payments: []LedgerPayment{lpay(1, day(2026, 1, 20), "10.00", "FV/1")},
	}
	for _, c := range []struct {
		l    Ledger
		m    Month
		want bool
	}{
		{Ledger{}, Month{2026, time.January}, false},
		{settled, Month{2025, time.December}, false}, // before anything
		{settled, Month{2026, time.January}, true},   // lines, closing 0
		{settled, Month{2026, time.February}, false}, // settled before: nothing to send
		{Ledger{Invoices: settled.Invoices}, Month{2026, time.June}, true},
	} {
		if got := BuildStatement(&Account{}, c.m, c.l).HasMovement(); got != c.want {
			t.Errorf("%v of %+v: HasMovement = %v", c.m, c.l, got)
		}
	}
}

// Over random ledgers: closing = opening + invoices − payments; the lines sum
// to invoiced − paid and their running balance ends at the closing balance;
// aging buckets − credit = closing; lines are in statement order; and the
// opening and closing agree with a plain sum of the ledger.
func TestStatementProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 2026))
	for k := 0; k < 3000; k++ {
		l := randomLedger(r)
		for m := (Month{2025, time.December}); m.Year < 2026 || m.Month <= time.July; m = m.Next() {
			s := BuildStatement(&Account{}, m, l)
			fail := func(format string, args ...any) {
				t.Helper()
				t.Fatalf("ledger %d, %v: %s\n%+v\n%+v", k, m, fmt.Sprintf(format, args...), l, s)
			}
			var before, upTo Amount
			entries := 0
			for _, inv := range l.Invoices {
				if inv.Date.Before(m.First()) {
					before += inv.Gross
				}
				if !m.Last().Before(inv.Date) {
					upTo += inv.Gross
				}
				if m.Contains(inv.Date) {
					entries++
				}
			}
			for _, p := range l.Payments {
				if p.Date.Before(m.First()) {
					before -= p.Amount
				}
				if !m.Last().Before(p.Date) {
					upTo -= p.Amount
				}
				if m.Contains(p.Date) {
					entries++
				}
			}
			if s.Opening != before || s.Closing != upTo {
				fail("opening %s closing %s, plain sums %s %s", s.Opening, s.Closing, before, upTo)
			}
			if s.Closing != s.Opening+s.Invoiced-s.Paid {
				fail("closing %s ≠ %s + %s − %s", s.Closing, s.Opening, s.Invoiced, s.Paid)
			}
			if len(s.Lines) != entries {
				fail("%d lines for %d entries of the month", len(s.Lines), entries)
			}
			bal, sum := s.Opening, Amount(0)
			for i, ln := range s.Lines {
				bal += ln.Amount
				sum += ln.Amount
				if ln.Balance != bal || !m.Contains(ln.Date) {
					fail("line %d: %+v, running balance %s", i, ln, bal)
				}
				if (ln.Kind == LinePayment) != (ln.Amount < 0 && !ln.Credit) && ln.Amount != 0 {
					fail("line %d: sign of %+v", i, ln)
				}
				if i > 0 {
					p := s.Lines[i-1]
					c := p.Date.Compare(ln.Date)
					if c > 0 || c == 0 && p.Kind == LinePayment && ln.Kind == LineInvoice ||
						c == 0 && p.Kind == ln.Kind && p.Number > ln.Number {
						fail("line %d out of order after %+v", i, p)
					}
				}
			}
			if sum != s.Invoiced-s.Paid {
				fail("lines sum to %s, invoiced − paid = %s", sum, s.Invoiced-s.Paid)
			}
			if len(s.Lines) > 0 && s.Lines[len(s.Lines)-1].Balance != s.Closing {
				fail("last line's balance ≠ closing")
			}
			if s.Aging.Balance() != s.Closing {
				fail("aging %+v: buckets − credit = %s, closing %s", s.Aging, s.Aging.Balance(), s.Closing)
			}
			if s.Aging.Open() < 0 || s.Aging.Credit < 0 || s.Aging.Open() > 0 && s.Aging.Credit > 0 {
				fail("aging %+v: open and credit at once", s.Aging)
			}
			// Open items − unapplied credit = closing; each item is open,
			// no more than its gross, dated by the statement date, oldest first.
			if s.OpenTotal()-s.Aging.Credit != s.Closing || s.OpenTotal() != s.Aging.Open() {
				fail("open items %s − credit %s ≠ closing %s", s.OpenTotal(), s.Aging.Credit, s.Closing)
			}
			for i, it := range s.OpenItems {
				if it.Open <= 0 || it.Open > it.Gross || s.Date.Before(it.Date) || it.DaysOverdue != max(0, s.Date.DaysSince(it.Due)) {
					fail("open item %d: %+v", i, it)
				}
				if i > 0 && (it.Date.Before(s.OpenItems[i-1].Date) || it.Date == s.OpenItems[i-1].Date && it.Number < s.OpenItems[i-1].Number) {
					fail("open item %d out of order", i)
				}
			}
			// What each payment line names it settled is an invoice of the ledger.
			for _, ln := range s.Lines {
				for _, n := range ln.Settles {
					if n == "" || ln.Kind == LineInvoice && !ln.Credit {
						fail("line %+v settles %q", ln, n)
					}
				}
			}
		}
	}
}
