package domain

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// The account A has head offices P1 ← P2 ← P3 and is in customer group Hurt.
var (
	testChain = []AccountRef{{1, "A", "Sklep Ala"}, {2, "P1", "Oddział"}, {3, "P2", "Region"}, {4, "P3", "Centrala"}}
	testGroup = GroupRef{ID: 10, Name: "Hurt"}
	testDate  = NewDate(2026, 3, 15)
)

const (
	acctA  AccountID = 1
	acctP1 AccountID = 2
	acctP2 AccountID = 3
	acctP3 AccountID = 4
	other  AccountID = 99
)

// ag builds an agreement: fixed price p (p < 0: a discount of -p Percent instead).
func ag(id AgreementID, acct AccountID, grp GroupID, p int64) *Agreement {
	a := &Agreement{ID: id, AccountID: acct, GroupID: grp, AgreementFields: AgreementFields{SKU: "S", MinQty: One}}
	if p >= 0 {
		a.Price, a.HasPrice = UnitPrice(p), true
	} else {
		a.Discount, a.HasDiscount = Percent(-p), true
	}
	return a
}

func (a *Agreement) min(q Quantity) *Agreement { a.MinQty = q; return a }
func (a *Agreement) from(d Date) *Agreement    { a.ValidFrom = d; return a }
func (a *Agreement) to(d Date) *Agreement      { a.ValidTo = d; return a }

func TestResolvePrice(t *testing.T) {
	day := func(n int) Date { return testDate.AddDays(n) }
	for _, tc := range []struct {
		name   string
		list   UnitPrice
		qty    Quantity
		ags    []*Agreement
		price  UnitPrice
		source PriceSource
		winner AgreementID
		lost   map[AgreementID]LossReason
	}{
		{name: "no agreement: list price", price: 100000, source: SourceList},
		{name: "account", ags: []*Agreement{ag(1, acctA, 0, 90000)}, price: 90000, source: SourceAccount, winner: 1},
		{name: "parent", ags: []*Agreement{ag(1, acctP1, 0, 91000)}, price: 91000, source: SourceParent, winner: 1},
		{name: "parent's parent", ags: []*Agreement{ag(1, acctP2, 0, 92000)}, price: 92000, source: SourceParent, winner: 1},
		{name: "three levels up beats the group", ags: []*Agreement{ag(1, acctP3, 0, 93000), ag(2, 0, 10, 50000)},
			price: 93000, source: SourceParent, winner: 1, lost: map[AgreementID]LossReason{2: LostLessSpecific}},
		{name: "group", ags: []*Agreement{ag(1, 0, 10, 94000)}, price: 94000, source: SourceGroup, winner: 1},
		{name: "account beats a cheaper head office and group",
			ags:   []*Agreement{ag(1, acctA, 0, 99000), ag(2, acctP1, 0, 80000), ag(3, 0, 10, 70000)},
			price: 99000, source: SourceAccount, winner: 1, lost: map[AgreementID]LossReason{2: LostLessSpecific, 3: LostLessSpecific}},
		{name: "nearer head office beats farther", ags: []*Agreement{ag(1, acctP2, 0, 80000), ag(2, acctP1, 0, 85000)},
			price: 85000, source: SourceParent, winner: 2, lost: map[AgreementID]LossReason{1: LostLessSpecific}},
		{name: "other accounts and groups are ignored", ags: []*Agreement{ag(1, other, 0, 1), ag(2, 0, 11, 1)},
			price: 100000, source: SourceList},
		{name: "tier exactly at the break applies", qty: 10 * One, ags: []*Agreement{ag(1, acctA, 0, 90000), ag(2, acctA, 0, 85000).min(10 * One)},
			price: 85000, source: SourceAccount, winner: 2, lost: map[AgreementID]LossReason{1: LostSmallerTier}},
		{name: "tier just above the quantity does not", qty: 9999, ags: []*Agreement{ag(1, acctA, 0, 90000), ag(2, acctA, 0, 85000).min(10 * One)},
			price: 90000, source: SourceAccount, winner: 1, lost: map[AgreementID]LossReason{2: LostTierAbove}},
		{name: "highest reached tier wins even when dearer", qty: 20 * One,
			ags:   []*Agreement{ag(1, acctA, 0, 90000), ag(2, acctA, 0, 80000).min(5 * One), ag(3, acctA, 0, 95000).min(10 * One)},
			price: 95000, source: SourceAccount, winner: 3, lost: map[AgreementID]LossReason{1: LostSmallerTier, 2: LostSmallerTier}},
		{name: "tier above the quantity at the account falls to the head office", qty: 3 * One,
			ags:   []*Agreement{ag(1, acctA, 0, 70000).min(5 * One), ag(2, acctP1, 0, 88000)},
			price: 88000, source: SourceParent, winner: 2, lost: map[AgreementID]LossReason{1: LostTierAbove}},
		{name: "first day inclusive", ags: []*Agreement{ag(1, acctA, 0, 90000).from(testDate)}, price: 90000, source: SourceAccount, winner: 1},
		{name: "last day inclusive", ags: []*Agreement{ag(1, acctA, 0, 90000).to(testDate)}, price: 90000, source: SourceAccount, winner: 1},
		{name: "expired the day before", ags: []*Agreement{ag(1, acctA, 0, 90000).to(day(-1)), ag(2, 0, 10, 95000)},
			price: 95000, source: SourceGroup, winner: 2, lost: map[AgreementID]LossReason{1: LostExpired}},
		{name: "starts the day after", ags: []*Agreement{ag(1, acctA, 0, 90000).from(day(1))},
			price: 100000, source: SourceList, lost: map[AgreementID]LossReason{1: LostNotYetValid}},
		{name: "latest valid_from wins even when dearer",
			ags:   []*Agreement{ag(1, acctA, 0, 80000).from(day(-30)), ag(2, acctA, 0, 90000).from(day(-1))},
			price: 90000, source: SourceAccount, winner: 2, lost: map[AgreementID]LossReason{1: LostOlder}},
		{name: "an open start is the oldest", ags: []*Agreement{ag(1, acctA, 0, 80000), ag(2, acctA, 0, 90000).from(NewDate(2000, 1, 1))},
			price: 90000, source: SourceAccount, winner: 2, lost: map[AgreementID]LossReason{1: LostOlder}},
		{name: "lowest price wins at equal tier and start", ags: []*Agreement{ag(1, acctP1, 0, 80000), ag(2, acctP1, 0, 79999)},
			price: 79999, source: SourceParent, winner: 2, lost: map[AgreementID]LossReason{1: LostDearer}},
		{name: "fixed price against a discount compares the result", ags: []*Agreement{ag(1, 0, 10, 85000), ag(2, 0, 10, -1600)},
			price: 84000, source: SourceGroup, winner: 2, lost: map[AgreementID]LossReason{1: LostDearer}},
		{name: "a full tie goes to the agreement entered last", ags: []*Agreement{ag(7, acctA, 0, 90000), ag(3, acctA, 0, 90000), ag(5, acctA, 0, -1000)},
			price: 90000, source: SourceAccount, winner: 7, lost: map[AgreementID]LossReason{3: LostTie, 5: LostTie}},
		{name: "discount on a 4-decimal list price", list: 123457, ags: []*Agreement{ag(1, acctA, 0, -1250)},
			price: 108025, source: SourceAccount, winner: 1},
		{name: "discount rounds half away from zero", list: 10001, ags: []*Agreement{ag(1, 0, 10, -5000)},
			price: 5001, source: SourceGroup, winner: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.list == 0 {
				tc.list = 100000
			}
			if tc.qty == 0 {
				tc.qty = One
			}
			r := ResolvePrice(PriceInput{SKU: "S", ListPrice: tc.list, Quantity: tc.qty, Date: testDate,
				Chain: testChain, Group: testGroup, Agreements: tc.ags})
			if r.Price != tc.price || r.Source != tc.source {
				t.Errorf("price %s from %s, want %s from %s: %s", r.Price, r.Source, tc.price, tc.source, r.Explain())
			}
			var won AgreementID
			if r.Winner != nil {
				won = r.Winner.Agreement.ID
			}
			if won != tc.winner {
				t.Errorf("winner #%d, want #%d", won, tc.winner)
			}
			for _, c := range r.Others {
				if want, ok := tc.lost[c.Agreement.ID]; !ok || c.Lost != want {
					t.Errorf("#%d lost as %q, want %q: %s", c.Agreement.ID, c.Lost, want, c.Why)
				}
				checkSentence(t, c.Why)
			}
			if len(r.Others) != len(tc.lost) {
				t.Errorf("%d others, want %d", len(r.Others), len(tc.lost))
			}
			checkSentence(t, r.Reason)
			if p, s, a := BestPrice(PriceInput{SKU: "S", ListPrice: tc.list, Quantity: tc.qty, Date: testDate,
				Chain: testChain, Group: testGroup, Agreements: tc.ags}); p != r.Price || s != r.Source || (a == nil) != (r.Winner == nil) {
				t.Errorf("BestPrice = %s %s, ResolvePrice = %s %s", p, s, r.Price, r.Source)
			}
		})
	}
}

func checkSentence(t *testing.T, r Reason) {
	t.Helper()
	s := r.String()
	if r.Key == "" || strings.Contains(s, "{{") || strings.Contains(s, "<no value>") || !strings.HasSuffix(s, ".") {
		t.Errorf("sentence %q (key %q) did not render", s, r.Key)
	}
}

func TestResolvePriceSentences(t *testing.T) {
	in := PriceInput{SKU: "S", ListPrice: 100000, Quantity: 4 * One, Date: testDate, Chain: testChain, Group: testGroup,
		Agreements: []*Agreement{
			ag(1, acctP1, 0, -1000).from(NewDate(2026, 1, 1)),
			ag(2, acctA, 0, 80000).to(NewDate(2026, 2, 28)),
			ag(3, acctA, 0, 70000).min(5 * One),
		}}
	r := ResolvePrice(in)
	want := []string{
		"Agreement #1 for head office P1: 10% off the list price 10.00 = 9.00, from quantity 1, valid from 2026-01-01 with no end.",
		"#3 (A) needs quantity 5; the document has 4.",
		"#2 (A) expired on 2026-02-28.",
	}
	if got := r.Explain(); got != strings.Join(want, " ") {
		t.Errorf("Explain() =\n%s\nwant\n%s", got, strings.Join(want, " "))
	}
	if r.Reason.Key != "price.reason.parent.discount" {
		t.Errorf("key %s", r.Reason.Key)
	}
	l := ResolvePrice(PriceInput{SKU: "S", ListPrice: 123400, Quantity: One, Date: testDate, Chain: testChain})
	if got := l.Reason.String(); got != "List price 12.34: no agreement for this account, its head offices or its group applies on 2026-03-15 at quantity 1." {
		t.Errorf("list reason %q", got)
	}
}

// TestResolvePriceProperties checks over random agreements that the resolved
// price never comes from an agreement invalid on the date or from a tier above
// the quantity, that no applicable candidate beats the winner by the rules, and
// that the list price is used exactly when nothing applies.
func TestResolvePriceProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2026))
	targets := []struct {
		acct AccountID
		grp  GroupID
	}{{acctA, 0}, {acctP1, 0}, {acctP2, 0}, {acctP3, 0}, {0, 10}, {other, 0}, {0, 11}}
	randDate := func() Date {
		if rng.IntN(4) == 0 {
			return Date{}
		}
		return testDate.AddDays(rng.IntN(41) - 20)
	}
	for iter := 0; iter < 20000; iter++ {
		n := rng.IntN(8)
		ags := make([]*Agreement, n)
		for i := range ags {
			tg := targets[rng.IntN(len(targets))]
			p := int64(rng.IntN(200000))
			if rng.IntN(3) == 0 {
				p = -int64(rng.IntN(10001))
			}
			a := ag(AgreementID(i+1), tg.acct, tg.grp, p).min(Quantity(1+rng.IntN(4)) * 5 * One / 2)
			a.ValidFrom, a.ValidTo = randDate(), randDate()
			if !a.ValidFrom.IsZero() && !a.ValidTo.IsZero() && a.ValidTo.Before(a.ValidFrom) {
				a.ValidFrom, a.ValidTo = a.ValidTo, a.ValidFrom
			}
			ags[i] = a
		}
		date := testDate.AddDays(rng.IntN(41) - 20)
		qty := Quantity(rng.IntN(12000))
		in := PriceInput{SKU: "S", ListPrice: UnitPrice(rng.IntN(300000)), Quantity: qty, Date: date,
			Chain: testChain, Group: testGroup, Agreements: ags}
		r := ResolvePrice(in)
		if r.Winner == nil {
			if r.Price != in.ListPrice || r.Source != SourceList {
				t.Fatalf("no winner but %s from %s", r.Price, r.Source)
			}
			for _, c := range r.Others {
				if c.Agreement.ValidOn(date) && c.Agreement.MinQty <= qty {
					t.Fatalf("#%d applies but the list price was used: %s", c.Agreement.ID, r.Explain())
				}
			}
			continue
		}
		w := r.Winner.Agreement
		if !w.ValidOn(date) {
			t.Fatalf("winner #%d is not valid on %s (%s–%s)", w.ID, date, w.ValidFrom, w.ValidTo)
		}
		if w.MinQty > qty {
			t.Fatalf("winner #%d needs %s, quantity %s", w.ID, w.MinQty, qty)
		}
		if r.Price != w.NetPrice(in.ListPrice) {
			t.Fatalf("price %s is not the winner's %s", r.Price, w.NetPrice(in.ListPrice))
		}
		for _, c := range r.Others {
			if c.Lost == "" || c.Why.Key == "" {
				t.Fatalf("#%d lost without a reason", c.Agreement.ID)
			}
			if c.Agreement.ValidOn(date) && c.Agreement.MinQty <= qty && precedes(&c, r.Winner) {
				t.Fatalf("#%d applies and precedes the winner #%d", c.Agreement.ID, w.ID)
			}
		}
		if len(r.Others)+1 != relevant(ags) {
			t.Fatalf("%d candidates reported, %d relevant", len(r.Others)+1, relevant(ags))
		}
	}
}

func relevant(ags []*Agreement) int {
	n := 0
	for _, a := range ags {
		if a.AccountID != other && a.GroupID != 11 {
			n++
		}
	}
	return n
}

func TestBuildPriceSheetLine(t *testing.T) {
	p := PriceSheetProduct{ID: 1, SKU: "S", Name: "Mąka", Unit: "kg", VATRate: VAT5, ListPrice: 100000}
	ags := []*Agreement{
		ag(1, 0, 10, 95000),
		ag(2, 0, 10, 90000).min(10 * One),
		ag(3, acctA, 0, 90000).min(20 * One),                       // at 20 the account level wins, dearer than the head office
		ag(4, acctA, 0, 80000).min(50 * One),                       // a break
		ag(5, acctA, 0, 1).min(100 * One).to(testDate.AddDays(-1)), // expired: no break
		ag(6, acctP1, 0, 85000).min(500),                           // below 1: priced at quantity 1
	}
	line := BuildPriceSheetLine(p, testDate, testChain, testGroup, ags)
	want := []PriceBreak{{One, 85000, SourceParent, 6}, {20 * One, 90000, SourceAccount, 3}, {50 * One, 80000, SourceAccount, 4}}
	if len(line.Breaks) != len(want) {
		t.Fatalf("breaks %+v, want %+v", line.Breaks, want)
	}
	for i := range want {
		if line.Breaks[i] != want[i] {
			t.Errorf("break %d = %+v, want %+v", i, line.Breaks[i], want[i])
		}
	}
	empty := BuildPriceSheetLine(p, testDate, testChain, testGroup, nil)
	if len(empty.Breaks) != 1 || empty.Breaks[0] != (PriceBreak{One, 100000, SourceList, 0}) {
		t.Errorf("list only: %+v", empty.Breaks)
	}
}

func BenchmarkResolvePrice(b *testing.B) {
	in := PriceInput{SKU: "S", ListPrice: 123457, Quantity: 12 * One, Date: testDate, Chain: testChain, Group: testGroup,
		Agreements: []*Agreement{
			ag(1, acctA, 0, 90000), ag(2, acctA, 0, 85000).min(10 * One), ag(3, acctA, 0, 80000).min(50 * One),
			ag(4, acctP1, 0, -1000), ag(5, 0, 10, -500), ag(6, acctA, 0, 70000).to(testDate.AddDays(-1)),
		}}
	b.ReportAllocs()
	for b.Loop() {
		if r := ResolvePrice(in); r.Price != 85000 {
			b.Fatal(r.Price)
		}
	}
}
