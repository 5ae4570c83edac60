package domain

import (
	"sort"
	"strings"

	"github.com/shopspring/decimal"
)

// RatePeriod is the statutory interest rate for delay in commercial
// transactions in force from From to To, both days included: percent a year.
type RatePeriod struct {
	From, To Date
	Rate     decimal.Decimal // percent a year, e.g. 15.25
	Shipped  bool            // one of StatutoryRates rather than added by a user
}

// RateTable is the effective-dated rate table: periods one after another,
// with no gap and no overlap.
type RateTable []RatePeriod

// StatutoryRates are the rates for delay in commercial transactions (ustawa
// o przeciwdziałaniu nadmiernym opóźnieniom w transakcjach handlowych, art.
// 4 pkt 3: the NBP reference rate on the first day of the half-year + 10
// points, for debtors other than public health bodies), as the minister
// announces them in Monitor Polski for each half-year. README.md,
// "Statutory interest", lists where each value was checked.
var StatutoryRates = RateTable{
	{From: NewDate(2023, 1, 1), To: NewDate(2023, 6, 30), Rate: decimal.RequireFromString("16.75"), Shipped: true},
	{From: NewDate(2023, 7, 1), To: NewDate(2023, 12, 31), Rate: decimal.RequireFromString("16.75"), Shipped: true},
	{From: NewDate(2024, 1, 1), To: NewDate(2024, 6, 30), Rate: decimal.RequireFromString("15.75"), Shipped: true},
	{From: NewDate(2024, 7, 1), To: NewDate(2024, 12, 31), Rate: decimal.RequireFromString("15.75"), Shipped: true},
	{From: NewDate(2025, 1, 1), To: NewDate(2025, 6, 30), Rate: decimal.RequireFromString("15.75"), Shipped: true},
	{From: NewDate(2025, 7, 1), To: NewDate(2025, 12, 31), Rate: decimal.RequireFromString("15.25"), Shipped: true},
	{From: NewDate(2026, 1, 1), To: NewDate(2026, 6, 30), Rate: decimal.RequireFromString("14.00"), Shipped: true},
	{From: NewDate(2026, 7, 1), To: NewDate(2026, 12, 31), Rate: decimal.RequireFromString("13.75"), Shipped: true},
}

// WithPeriods returns the shipped table with the user's periods added, in
// date order (not validated: Validate says what is wrong).
func (t RateTable) WithPeriods(added []RatePeriod) RateTable {
	out := append(append(RateTable{}, t...), added...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].From.Before(out[j].From) })
	return out
}

// Validate reports a period that ends before it starts, a rate out of
// range, and a gap or an overlap between periods (the table in date order).
func (t RateTable) Validate() error {
	for i, p := range t {
		args := map[string]any{"From": p.From.String(), "To": p.To.String()}
		switch {
		case p.From.IsZero() || p.To.IsZero() || p.To.Before(p.From):
			return Errorf(EInvalid, "interest.period_invalid", "the rate period {{.From}} – {{.To}} ends before it starts", args)
		case p.Rate.IsNegative() || p.Rate.GreaterThan(decimal.NewFromInt(100)):
			return Errorf(EInvalid, "interest.rate_invalid", "the rate of the period {{.From}} – {{.To}} is not a percentage", args)
		}
		if i == 0 {
			continue
		}
		prev := t[i-1]
		args["PrevFrom"], args["PrevTo"] = prev.From.String(), prev.To.String()
		switch next := prev.To.AddDays(1); {
		case p.From.Before(next):
			return Errorf(EInvalid, "interest.periods_overlap", "the rate periods {{.PrevFrom}} – {{.PrevTo}} and {{.From}} – {{.To}} overlap", args)
		case next.Before(p.From):
			return Errorf(EInvalid, "interest.periods_gap", "no rate between the periods {{.PrevFrom}} – {{.PrevTo}} and {{.From}} – {{.To}}", args)
		}
	}
	return nil
}

// Last is the last day the table has a rate for (zero for an empty table).
func (t RateTable) Last() Date {
	if len(t) == 0 {
		return Date{}
	}
	return t[len(t)-1].To
}

// at returns the index of the period in force on d, or -1.
func (t RateTable) at(d Date) int {
	i := sort.Search(len(t), func(i int) bool { return !t[i].To.Before(d) })
	if i < len(t) && !d.Before(t[i].From) {
		return i
	}
	return -1
}

// errNoRate refuses a day the table does not cover.
func errNoRate(d Date, t RateTable) error {
	return Errorf(EInvalid, "interest.no_rate",
		"there is no statutory interest rate for {{.Date}} (the table ends on {{.Last}}): add the rate in Settings",
		map[string]any{"Date": d.String(), "Last": t.Last().String()})
}

// InterestPeriod is a run of days with one open amount and one rate.
type InterestPeriod struct {
	From, To Date // both included
	Days     int
	Base     Amount          // the amount open on each of the days
	Rate     decimal.Decimal // percent a year
	Interest Amount          // round(Base × Rate/100 × Days/365, 2)
}

// daysInYear is the day count: actual/365, leap years too.
var daysInYear = decimal.NewFromInt(365)

// PeriodInterest is round(base × rate/100 × days/365, 2), half away from zero.
func PeriodInterest(base Amount, rate decimal.Decimal, days int) Amount {
	v := base.Decimal().Mul(rate).Mul(decimal.NewFromInt(int64(days)))
	return AmountFromDecimal(v.DivRound(daysInYear.Mul(decimal.NewFromInt(100)), 12))
}

// Reduction is an amount that stopped being open on a day: a payment or a
// credit note the allocation applied to the invoice, dated On.
type Reduction struct {
	On     Date
	Amount Amount
}

// Interest computes the statutory interest on an invoice of gross due on
// due, reduced by what settled it, for every day from the day after due to
// end (both included), on the amount open that day — gross less the
// reductions dated on or before it — at the rate in force that day. Days
// with the same open amount and rate form one period. A day the table does
// not cover is refused.
func Interest(gross Amount, due, end Date, settled []Reduction, t RateTable) ([]InterestPeriod, Amount, error) {
	red := append([]Reduction(nil), settled...)
	sort.SliceStable(red, func(i, j int) bool { return red[i].On.Before(red[j].On) })
	open, k := gross, 0
	var out []InterestPeriod
	var total Amount
	for d := due.AddDays(1); !end.Before(d); {
		for k < len(red) && !d.Before(red[k].On) {
			open -= red[k].Amount
			k++
		}
		if open <= 0 {
			break
		}
		i := t.at(d)
		if i < 0 {
			return nil, 0, errNoRate(d, t)
		}
		// The run lasts to the end of the rate period, the day before the
		// next reduction, or end, whichever comes first.
		to := t[i].To
		if k < len(red) && !to.Before(red[k].On) {
			to = red[k].On.AddDays(-1)
		}
		if end.Before(to) {
			to = end
		}
		p := InterestPeriod{From: d, To: to, Days: to.DaysSince(d) + 1, Base: open, Rate: t[i].Rate}
		p.Interest = PeriodInterest(p.Base, p.Rate, p.Days)
		out = append(out, p)
		total += p.Interest
		d = to.AddDays(1)
	}
	return out, total, nil
}

// Compensation thresholds (ustawa, art. 10: 40 EUR up to 5,000 PLN, 70 EUR
// above 5,000 and below 50,000, 100 EUR from 50,000).
var (
	compensationLow  = AmountFromDecimal(decimal.NewFromInt(5000))
	compensationHigh = AmountFromDecimal(decimal.NewFromInt(50000))
)

// CompensationEUR is the compensation for recovery costs, in whole euros,
// for an invoice of gross PLN.
func CompensationEUR(gross Amount) int {
	switch {
	case gross <= compensationLow:
		return 40
	case gross < compensationHigh:
		return 70
	}
	return 100
}

// CompensationPLN converts eur euros at the NBP mid rate, rounded half away
// from zero to the grosz.
func CompensationPLN(eur int, rate decimal.Decimal) Amount {
	return AmountFromDecimal(decimal.NewFromInt(int64(eur)).Mul(rate))
}

// CompensationRateDay is the day whose NBP table A gives the compensation's
// EUR rate: the last business day of the month before the due date — the
// last table on or before the last day of that month.
func CompensationRateDay(due Date) Date {
	return NewDate(due.Year, due.Month, 0)
}

// NoteInvoice is one invoice on an interest note.
type NoteInvoice struct {
	Invoice  InvoiceID
	Number   string
	Date     Date
	Due      Date
	Gross    Amount
	PaidOn   Date   // the day it was settled in full; zero while it is open
	Open     Amount // what is open on the note's date
	Periods  []InterestPeriod
	Interest Amount
	// Compensation for recovery costs: the euros, the NBP rate and its table's
	// date, and the amount in złoty.
	CompensationEUR int
	EURRate         decimal.Decimal
	EURRateDate     Date
	CompensationPLN Amount
}

// InterestNote is a nota odsetkowa: the statutory interest and the
// compensation on an account's invoices paid late or overdue on its date.
type InterestNote struct {
	Account      *Account
	Date         Date
	Invoices     []NoteInvoice
	Interest     Amount
	Compensation Amount // in złoty
	Total        Amount
}

// EURRate answers the NBP table A mid rate of EUR for a day: the rate and
// the date of the table it comes from, or an error naming what to import.
type EURRate func(day Date) (decimal.Decimal, Date, error)

// BuildInterestNote lists, as of on, every invoice of the ledger paid after
// its due date or overdue and open on that day, except those in skip (already
// on an earlier note), with its interest day by day (Interest) over what the
// allocation as of on applied to it, and its compensation converted at the
// rate eur gives for CompensationRateDay(due). Only złoty accounts: the
// thresholds and the compensation are in PLN.
func BuildInterestNote(a *Account, l Ledger, on Date, t RateTable, eur EURRate, skip map[InvoiceID]bool) (*InterestNote, error) {
	if a != nil && a.Currency != "" && a.Currency != "PLN" {
		return nil, Errorf(EInvalid, "interest.currency", "interest notes are for accounts in PLN; {{.Code}} is in {{.Currency}}",
			map[string]any{"Code": a.Code, "Currency": a.Currency})
	}
	alloc := Allocate(l, on)
	dates := map[PaymentID]Date{}
	for _, p := range l.Payments {
		dates[p.ID] = p.Date
	}
	notes := map[InvoiceID]Date{}
	for _, inv := range l.Invoices {
		if inv.Kind == KindCreditNote {
			notes[inv.ID] = inv.Date
		}
	}
	reductions := map[InvoiceID][]Reduction{}
	for _, s := range alloc.Settlements {
		d := dates[s.Payment]
		if s.Payment == 0 {
			d = notes[s.CreditNote]
		}
		reductions[s.Invoice] = append(reductions[s.Invoice], Reduction{On: d, Amount: s.Amount})
	}
	n := &InterestNote{Account: a, Date: on}
	for i := range alloc.openOrder {
		inv := &alloc.openOrder[i]
		if skip[inv.ID] || !inv.Due.Before(on) || inv.Gross <= 0 {
			continue
		}
		ni := NoteInvoice{Invoice: inv.ID, Number: inv.Number, Date: inv.Date, Due: inv.Due, Gross: inv.Gross, Open: alloc.Open[inv.ID]}
		end := on
		if ni.Open == 0 {
			for _, r := range reductions[inv.ID] {
				if ni.PaidOn.Before(r.On) {
					ni.PaidOn = r.On
				}
			}
			if !inv.Due.Before(ni.PaidOn) {
				continue // paid in time
			}
			end = ni.PaidOn
		}
		var err error
		if ni.Periods, ni.Interest, err = Interest(inv.Gross, inv.Due, end, reductions[inv.ID], t); err != nil {
			return nil, err
		}
		ni.CompensationEUR = CompensationEUR(inv.Gross)
		if ni.EURRate, ni.EURRateDate, err = eur(CompensationRateDay(inv.Due)); err != nil {
			return nil, err
		}
		ni.CompensationPLN = CompensationPLN(ni.CompensationEUR, ni.EURRate)
		n.Invoices = append(n.Invoices, ni)
		n.Interest += ni.Interest
		n.Compensation += ni.CompensationPLN
	}
	n.Total = n.Interest + n.Compensation
	return n, nil
}

// NBPRate is one currency's mid rate of one NBP table A.
type NBPRate struct {
	Table     string // "A"
	No        string // e.g. "233/A/NBP/2026"
	Effective Date
	Code      string // ISO 4217
	Mid       decimal.Decimal
}

// NBPGraceDays is how far before a month's last day its last table may be:
// a long weekend with holidays leaves at most a few days without a table.
const NBPGraceDays = 7

// ErrNoNBPRate says which table is missing and what to import.
func ErrNoNBPRate(code string, day Date) error {
	return Errorf(ENotFound, "nbp.rate_missing",
		"no NBP table A rate of {{.Code}} for {{.Date}} (the last business day on or before it): import NBP table A for {{.Month}} (kontorctl rates import FILE, or Settings → Exchange rates)",
		map[string]any{"Code": code, "Date": day.String(), "Month": MonthOf(day).String()})
}

// RatePlaces is how many decimals an exchange rate is written with: its own
// significant ones, at least the 4 NBP publishes.
func RatePlaces(d decimal.Decimal) int {
	s := d.String()
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return max(4, len(s)-i-1)
	}
	return 4
}
