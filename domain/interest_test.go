package domain

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

func TestShippedRateTable(t *testing.T) {
	if err := StatutoryRates.Validate(); err != nil {
		t.Fatal(err)
	}
	// The current half-year is covered (today: December 2026).
	if StatutoryRates.Last() != day(2026, 12, 31) || StatutoryRates[0].From != day(2023, 1, 1) {
		t.Errorf("the table runs %v – %v", StatutoryRates[0].From, StatutoryRates.Last())
	}
}

// Hand-computed cases (actual/365, each period rounded half away from zero).
func TestInterestByHand(t *testing.T) {
	d := decimal.RequireFromString
	cases := []struct {
		name      string
		gross     string
		due, end  Date
		red       []Reduction
		want      string
		periods   int
		wantFirst InterestPeriod
	}{
		// 10,000.00 × 15.25 % × 30/365 = 125.342… → 125.34 (2 Aug – 31 Aug 2025: 30 days).
		{"30 days at 15.25 %", "10000.00", day(2025, 8, 1), day(2025, 8, 31), nil, "125.34", 1,
			InterestPeriod{From: day(2025, 8, 2), To: day(2025, 8, 31), Days: 30, Base: amt("10000.00"), Rate: d("15.25"), Interest: amt("125.34")}},
		// 4,000.00 paid on 16 August: 14 days on 10,000 (58.493… → 58.49), then
		// 16 days on 6,000 (40.109… → 40.11).
		{"part payment mid-way", "10000.00", day(2025, 8, 1), day(2025, 8, 31), []Reduction{{day(2025, 8, 16), amt("4000.00")}}, "98.60", 2,
			InterestPeriod{From: day(2025, 8, 2), To: day(2025, 8, 15), Days: 14, Base: amt("10000.00"), Rate: d("15.25"), Interest: amt("58.49")}},
		// Across 1 January into a leap year: 11 days of December 2023 at
		// 16.75 % (25.239… → 25.24), 10 days of January 2024 at 15.75 %
		// (21.575… → 21.58), still over 365.
		{"across the new year", "5000.00", day(2023, 12, 20), day(2024, 1, 10), nil, "46.82", 2,
			InterestPeriod{From: day(2023, 12, 21), To: day(2023, 12, 31), Days: 11, Base: amt("5000.00"), Rate: d("16.75"), Interest: amt("25.24")}},
		// Paid in full on the day: that day nothing is open.
		{"paid in full", "1000.00", day(2025, 8, 1), day(2025, 8, 11), []Reduction{{day(2025, 8, 11), amt("1000.00")}}, "3.76", 1,
			InterestPeriod{From: day(2025, 8, 2), To: day(2025, 8, 10), Days: 9, Base: amt("1000.00"), Rate: d("15.25"), Interest: amt("3.76")}},
	}
	for _, c := range cases {
		periods, total, err := Interest(amt(c.gross), c.due, c.end, c.red, StatutoryRates)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if total != amt(c.want) || len(periods) != c.periods {
			t.Errorf("%s: %s in %d periods %+v, want %s in %d", c.name, total, len(periods), periods, c.want, c.periods)
			continue
		}
		p := periods[0]
		if p.From != c.wantFirst.From || p.To != c.wantFirst.To || p.Days != c.wantFirst.Days || p.Base != c.wantFirst.Base ||
			!p.Rate.Equal(c.wantFirst.Rate) || p.Interest != c.wantFirst.Interest {
			t.Errorf("%s: first period %+v, want %+v", c.name, p, c.wantFirst)
		}
	}
	// The part payment's second period.
	periods, _, _ := Interest(amt("10000.00"), day(2025, 8, 1), day(2025, 8, 31), []Reduction{{day(2025, 8, 16), amt("4000.00")}}, StatutoryRates)
	if p := periods[1]; p.From != day(2025, 8, 16) || p.Days != 16 || p.Base != amt("6000.00") || p.Interest != amt("40.11") {
		t.Errorf("after the part payment: %+v", p)
	}
	// Not late: nothing.
	if periods, total, err := Interest(amt("100.00"), day(2025, 8, 1), day(2025, 8, 1), nil, StatutoryRates); err != nil || total != 0 || len(periods) != 0 {
		t.Errorf("on the due date: %v %s %v", periods, total, err)
	}
}

func TestInterestPastTheTable(t *testing.T) {
	_, _, err := Interest(amt("100.00"), day(2026, 12, 20), day(2027, 1, 5), nil, StatutoryRates)
	var e *Error
	if !errors.As(err, &e) || e.Key != "interest.no_rate" || e.Args["Date"] != "2027-01-01" || e.Args["Last"] != "2026-12-31" {
		t.Fatalf("a day past the table: %v", err)
	}
	// A user's period makes it good.
	more := StatutoryRates.WithPeriods([]RatePeriod{{From: day(2027, 1, 1), To: day(2027, 6, 30), Rate: decimal.RequireFromString("13.50")}})
	if err := more.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, total, err := Interest(amt("100.00"), day(2026, 12, 20), day(2027, 1, 5), nil, more); err != nil || total == 0 {
		t.Errorf("with the added period: %s %v", total, err)
	}
}

func TestRateTableValidate(t *testing.T) {
	r := decimal.RequireFromString("10")
	for _, c := range []struct {
		added []RatePeriod
		key   string
	}{
		{[]RatePeriod{{From: day(2027, 1, 2), To: day(2027, 6, 30), Rate: r}}, "interest.periods_gap"},
		{[]RatePeriod{{From: day(2026, 12, 1), To: day(2027, 6, 30), Rate: r}}, "interest.periods_overlap"},
		{[]RatePeriod{{From: day(2027, 7, 1), To: day(2027, 6, 30), Rate: r}}, "interest.period_invalid"},
		{[]RatePeriod{{From: day(2027, 1, 1), To: day(2027, 6, 30), Rate: decimal.RequireFromString("-1")}}, "interest.rate_invalid"},
	} {
		err := StatutoryRates.WithPeriods(c.added).Validate()
		var e *Error
		if !errors.As(err, &e) || e.Key != c.key {
			t.Errorf("%+v: %v, want %s", c.added, err, c.key)
		}
	}
}

// Over random invoices: the interest is additive over split periods — the
// whole delay equals its two parts split at any period boundary (a rate
// change or a payment) — every period's rate is the table's on each of its
// days, and the periods cover the delay while something is open.
func TestInterestAdditive(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 2026))
	for k := 0; k < 2000; k++ {
		gross := Amount(1 + r.Int64N(10_000_000))
		due := day(2023, 1, 1).AddDays(r.IntN(1300))
		end := due.AddDays(r.IntN(700))
		if StatutoryRates.Last().Before(end) {
			end = StatutoryRates.Last()
		}
		var red []Reduction
		for i := r.IntN(4); i > 0; i-- {
			red = append(red, Reduction{On: due.AddDays(r.IntN(500) - 30), Amount: Amount(1 + r.Int64N(int64(gross)/2+1))})
		}
		periods, total, err := Interest(gross, due, end, red, StatutoryRates)
		if err != nil {
			if end.Before(due) {
				continue
			}
			t.Fatal(err)
		}
		var sum Amount
		for i, p := range periods {
			sum += p.Interest
			if p.Days != p.To.DaysSince(p.From)+1 || p.Interest != PeriodInterest(p.Base, p.Rate, p.Days) || p.Base <= 0 {
				t.Fatalf("case %d: period %+v", k, p)
			}
			if i > 0 && periods[i-1].To.AddDays(1) != p.From {
				t.Fatalf("case %d: periods %+v and %+v do not follow", k, periods[i-1], p)
			}
			for _, d := range []Date{p.From, p.To} {
				if j := StatutoryRates.at(d); j < 0 || !StatutoryRates[j].Rate.Equal(p.Rate) {
					t.Fatalf("case %d: %v in %+v is not at the table's rate", k, d, p)
				}
			}
			// Split at this period's first day: the parts add up to the whole.
			if i > 0 {
				_, a, err1 := Interest(gross, due, p.From.AddDays(-1), red, StatutoryRates)
				_, b, err2 := Interest(gross, p.From.AddDays(-1), end, red, StatutoryRates)
				if err1 != nil || err2 != nil || a+b != total {
					t.Fatalf("case %d: split at %v: %s + %s ≠ %s", k, p.From, a, b, total)
				}
			}
		}
		if sum != total {
			t.Fatalf("case %d: periods sum to %s, total %s", k, sum, total)
		}
		if len(periods) > 0 && (periods[0].From != due.AddDays(1) || end.Before(periods[len(periods)-1].To)) {
			t.Fatalf("case %d: periods %+v for %v – %v", k, periods, due.AddDays(1), end)
		}
	}
}

func TestCompensation(t *testing.T) {
	for _, c := range []struct {
		gross string
		eur   int
	}{{"0.01", 40}, {"4999.99", 40}, {"5000.00", 40}, {"5000.01", 70}, {"49999.99", 70}, {"50000.00", 100}, {"1000000.00", 100}} {
		if got := CompensationEUR(amt(c.gross)); got != c.eur {
			t.Errorf("compensation on %s PLN = %d EUR, want %d", c.gross, got, c.eur)
		}
	}
	rate := decimal.RequireFromString("4.2345")
	// 40 × 4.2345 = 169.38; 70 × 4.2345 = 296.415 → 296.42 (half away from zero); 100 × = 423.45.
	for eur, want := range map[int]string{40: "169.38", 70: "296.42", 100: "423.45"} {
		if got := CompensationPLN(eur, rate); got != amt(want) {
			t.Errorf("%d EUR at 4.2345 = %s, want %s", eur, got, want)
		}
	}
	// Due on 10 March: the rate of the last business day of February.
	if got := CompensationRateDay(day(2026, 3, 10)); got != day(2026, 2, 28) {
		t.Errorf("rate day for a due date of 10 March: %v", got)
	}
	if got := CompensationRateDay(day(2024, 3, 1)); got != day(2024, 2, 29) {
		t.Errorf("rate day in a leap year: %v", got)
	}
}

// An account's note: a paid-late invoice (part payment, then the rest), an
// invoice paid in time (not on the note), an overdue open one, one not yet
// due, and one already on an earlier note.
func TestBuildInterestNote(t *testing.T) {
	l := Ledger{Invoices: []LedgerInvoice{
		linv(1, "FV/2025/07/0001", "", day(2025, 7, 2), day(2025, 8, 1), "10000.00"),
		linv(2, "FV/2025/07/0002", "", day(2025, 7, 3), day(2025, 8, 2), "300.00"),
		linv(3, "FV/2025/08/0001", "", day(2025, 8, 1), day(2025, 8, 31), "60000.00"),
		linv(4, "FV/2025/09/0001", "", day(2025, 9, 20), day(2025, 10, 20), "10.00"),
		linv(5, "FV/2025/06/0001", "", day(2025, 6, 1), day(2025, 7, 1), "50.00"),
	}, Payments: []LedgerPayment{
		lpay(1, day(2025, 7, 30), "300.00", "FV/2025/07/0002"),
		lpay(2, day(2025, 8, 16), "4000.00", "FV/2025/07/0001"),
		lpay(3, day(2025, 9, 1), "6000.00", "FV/2025/07/0001"),
	}}
	asked := []Date{}
	eur := func(d Date) (decimal.Decimal, Date, error) {
		asked = append(asked, d)
		return decimal.RequireFromString("4.2345"), d.AddDays(-1), nil
	}
	n, err := BuildInterestNote(&Account{AccountFields: AccountFields{Code: "K1", Currency: "PLN"}}, l, day(2025, 9, 30), StatutoryRates, eur,
		map[InvoiceID]bool{5: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Invoices) != 2 {
		t.Fatalf("invoices on the note: %+v", n.Invoices)
	}
	a, b := n.Invoices[0], n.Invoices[1]
	// FV/07/0001: 14 days on 10,000 (58.49), 16 days on 6,000 (40.11), paid 1 September.
	if a.Number != "FV/2025/07/0001" || a.PaidOn != day(2025, 9, 1) || a.Interest != amt("98.60") || a.Open != 0 ||
		a.CompensationEUR != 70 || a.CompensationPLN != amt("296.42") || a.EURRateDate != day(2025, 7, 30) {
		t.Errorf("paid late: %+v", a)
	}
	// FV/08/0001: 60,000 open 30 days (1–30 September) at 15.25 % = 752.05; 100 EUR.
	if b.Number != "FV/2025/08/0001" || !b.PaidOn.IsZero() || b.Open != amt("60000.00") || b.Interest != amt("752.05") ||
		b.CompensationEUR != 100 || b.CompensationPLN != amt("423.45") {
		t.Errorf("overdue: %+v", b)
	}
	if n.Interest != amt("850.65") || n.Compensation != amt("719.87") || n.Total != amt("1570.52") {
		t.Errorf("totals: interest %s, compensation %s, total %s", n.Interest, n.Compensation, n.Total)
	}
	if len(asked) != 2 || asked[0] != day(2025, 7, 31) || asked[1] != day(2025, 7, 31) {
		t.Errorf("EUR rates asked for %v", asked)
	}
	// A missing rate stops the note with the rate's own message.
	_, err = BuildInterestNote(&Account{}, l, day(2025, 9, 30), StatutoryRates, func(d Date) (decimal.Decimal, Date, error) {
		return decimal.Zero, Date{}, ErrNoNBPRate("EUR", d)
	}, nil)
	var e *Error
	if !errors.As(err, &e) || e.Key != "nbp.rate_missing" || e.Args["Month"] != "2025-06" {
		t.Errorf("missing rate: %v", err)
	}
	if _, err := BuildInterestNote(&Account{AccountFields: AccountFields{Currency: "EUR"}}, l, day(2025, 9, 30), StatutoryRates, eur, nil); err == nil {
		t.Error("a note for a EUR account")
	}
}
