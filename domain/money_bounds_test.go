package domain_test

import (
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"kontor/domain"
)

// order is a valid order with the given lines.
func boundsOrder(lines ...domain.DocumentLine) *domain.Order {
	o := &domain.Order{Number: "Z/1"}
	o.AccountID, o.AccountCode = 1, "K1"
	o.Currency = "PLN"
	o.Date = domain.NewDate(2026, 11, 2)
	o.Status = domain.OrderDelivered
	o.DeliveredOn = domain.NewDate(2026, 11, 3)
	o.Lines = lines
	return o
}

func boundsLine(sku string, q domain.Quantity, p domain.UnitPrice) domain.DocumentLine {
	return domain.DocumentLine{SKU: sku, Name: sku, Unit: "kg", Quantity: q, Price: p, EnginePrice: p,
		Source: domain.SourceList, VATRate: "23"}
}

// TestHugeLineIsRefusedNotWrapped: 100,000,000 × 1,000,000,000 issued an
// immutable invoice with a negative net. The line is refused with
// a message naming it; an order stored before the bound cannot be invoiced.
func TestHugeLineIsRefusedNotWrapped(t *testing.T) {
	o := boundsOrder(boundsLine("OK-1", 2*domain.One, 10*10_000),
		boundsLine("HUGE", 100_000_000*domain.One, 1_000_000_000*10_000))
	err := o.Validate()
	e, ok := domain.AsError(err)
	if !ok {
		t.Fatalf("Validate() = %v, want a field error on the huge line", err)
	}
	f, ok := e.Field(domain.LineField(1, domain.FieldQuantity))
	if !ok || f.Key != "line.too_large" || !strings.Contains(f.Error(), "HUGE") {
		t.Fatalf("Validate() = %v, want line.too_large on line 2 naming HUGE", err)
	}
	if _, ok := e.Field(domain.LineField(0, domain.FieldQuantity)); ok {
		t.Errorf("the sound line is reported too: %v", err)
	}
	inv, err := domain.IssueInvoice(o)
	if err == nil {
		t.Fatalf("IssueInvoice issued %s net %s", inv.Number, inv.Totals.Net)
	}
	if e, _ := domain.AsError(err); e == nil || e.Key != "invoice.too_large" {
		t.Errorf("IssueInvoice error = %v, want invoice.too_large", err)
	}
	if n := domain.LineNet(100_000_000*domain.One, 1_000_000_000*10_000, 0); n <= 0 {
		t.Errorf("LineNet wrapped to %d", n)
	}
}

// TestDocumentTotalBound: lines each within bounds whose sum is not.
func TestDocumentTotalBound(t *testing.T) {
	// 9,999,999 kg at 99,999.9999 is just under a line's bound.
	l := boundsLine("BIG", 9_999_999*domain.One, 999_999_999)
	l.VATRate = "0"
	if err := boundsOrder(l).Validate(); err != nil {
		t.Fatalf("one big line: %v", err)
	}
	err := boundsOrder(l, l).Validate()
	e, _ := domain.AsError(err)
	if e == nil {
		t.Fatal("two lines over a document's bound were accepted")
	}
	if f, ok := e.Field(domain.FieldLines); !ok || f.Key != "document.too_large" {
		t.Errorf("Validate() = %v, want document.too_large", err)
	}
}

func TestAmountArithmeticNeverWraps(t *testing.T) {
	if a := domain.AmountFromDecimal(decimal.RequireFromString("1e30")); a != math.MaxInt64 {
		t.Errorf("AmountFromDecimal(1e30) = %d", a)
	}
	if a := domain.AmountFromDecimal(decimal.RequireFromString("-1e30")); a != -math.MaxInt64 {
		t.Errorf("AmountFromDecimal(-1e30) = %d", a)
	}
	if _, ok := domain.Amount(math.MaxInt64 - 5).Plus(6); ok {
		t.Error("Plus wrapped past the top")
	}
	if _, ok := domain.Amount(-math.MaxInt64).Plus(-2); ok {
		t.Error("Plus wrapped past the bottom")
	}
	if s, ok := domain.Amount(5).Plus(-7); !ok || s != -2 {
		t.Errorf("5 + -7 = %d, %v", s, ok)
	}
	big := domain.Aging{Over90: domain.MaxBalance}
	var total domain.Aging
	ok := true
	for range 100 {
		if total, ok = total.Plus(big); !ok {
			break
		}
	}
	if ok {
		t.Errorf("a hundred maximal balances totalled %s without overflow", total.Open())
	}
	l := domain.Ledger{}
	for i := range 1001 {
		l.Invoices = append(l.Invoices, domain.LedgerInvoice{ID: domain.InvoiceID(i + 1), Gross: domain.MaxAmount})
	}
	if l.WithinBounds() {
		t.Error("1,001 maximal invoices are within an account's bounds")
	}
	l.Invoices = l.Invoices[:1000]
	if !l.WithinBounds() {
		t.Error("1,000 maximal invoices are not within an account's bounds")
	}
	if _, err := domain.ParseAmount("1 000 000 000 000,00"); err == nil {
		t.Error("ParseAmount accepted a trillion")
	}
}

// exactTotals is ComputeTotals done in unbounded decimals.
func exactTotals(lines []domain.DocumentLine) (net, gross decimal.Decimal) {
	byRate := map[domain.VATRate]decimal.Decimal{}
	for _, l := range lines {
		n := l.Quantity.Decimal().Mul(l.Price.Decimal()).Mul(decimal.NewFromInt(100).Sub(l.Discount.Decimal())).
			Div(decimal.NewFromInt(100)).Round(2)
		byRate[l.VATRate] = byRate[l.VATRate].Add(n)
	}
	for r, n := range byRate {
		vat := n.Mul(r.Percent().Decimal()).Div(decimal.NewFromInt(100)).Round(2)
		net, gross = net.Add(n), gross.Add(n).Add(vat)
	}
	return net, gross
}

// checkMoney is the property: a document either is refused, or its totals
// are the exact ones, within bounds.
func checkMoney(t *testing.T, lines []domain.DocumentLine) {
	t.Helper()
	err := boundsOrder(lines...).Validate()
	net, gross := exactTotals(lines)
	fits := true
	for _, l := range lines {
		if domain.LineNet(l.Quantity, l.Price, l.Discount).TooLarge() {
			fits = false
		}
	}
	fits = fits && !gross.Abs().GreaterThan(domain.MaxAmount.Decimal())
	if err != nil {
		if fits {
			t.Fatalf("refused although it fits (net %s, gross %s): %v", net, gross, err)
		}
		if _, err := domain.IssueInvoice(boundsOrder(lines...)); err == nil {
			t.Fatalf("refused by Validate but invoiced (gross %s)", gross)
		}
		return
	}
	if !fits {
		t.Fatalf("accepted a document of %s (bound %s)", gross, domain.MaxAmount)
	}
	tot := domain.ComputeTotals(lines)
	if !tot.Net.Decimal().Equal(net) || !tot.Gross.Decimal().Equal(gross) {
		t.Fatalf("totals %s / %s, exact %s / %s", tot.Net, tot.Gross, net, gross)
	}
	inv, err := domain.IssueInvoice(boundsOrder(lines...))
	if err != nil || inv.Totals.Gross != tot.Gross || inv.Totals.Net != tot.Net {
		t.Fatalf("invoice %+v, %v; want the order's totals %+v", inv, err, tot)
	}
}

// TestMoneyProperty draws documents from the edges of every bound: tiny and
// huge quantities, prices and discounts, few and many lines.
func TestMoneyProperty(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	edge := func(max int64) int64 {
		switch rng.Intn(4) {
		case 0:
			return 1 + rng.Int63n(1000)
		case 1:
			return max - rng.Int63n(1000)
		case 2:
			return 1 + rng.Int63n(max)
		}
		return int64(math.Pow(10, float64(rng.Intn(int(math.Log10(float64(max)))+1))))
	}
	rates := []domain.VATRate{"23", "8", "5", "0", "zw"}
	for i := 0; i < 3000; i++ {
		n := 1 + rng.Intn(4)
		if i%100 == 0 {
			n = 1 + rng.Intn(domain.MaxDocumentLines)
		}
		lines := make([]domain.DocumentLine, n)
		for k := range lines {
			l := boundsLine("S", domain.Quantity(edge(int64(domain.MaxQuantity))), domain.UnitPrice(edge(int64(domain.MaxUnitPrice))))
			l.Discount = domain.Percent(rng.Int63n(int64(domain.Hundred) + 1))
			l.VATRate = rates[rng.Intn(len(rates))]
			lines[k] = l
		}
		checkMoney(t, lines)
	}
}

func FuzzMoneyBounds(f *testing.F) {
	f.Add(int64(100_000_000_000), int64(10_000_000_000_000), int64(0), uint16(1))
	f.Add(int64(9_999_999_000), int64(999_999_999), int64(0), uint16(2))
	f.Add(int64(1000), int64(12345), int64(1250), uint16(5000))
	f.Fuzz(func(t *testing.T, q, p, d int64, n uint16) {
		if q <= 0 || q > int64(domain.MaxQuantity) || p < 0 || p > int64(domain.MaxUnitPrice) || d < 0 || d > int64(domain.Hundred) {
			return // each of these is refused by its own rule
		}
		lines := make([]domain.DocumentLine, 1+int(n)%domain.MaxDocumentLines)
		for k := range lines {
			lines[k] = boundsLine("S", domain.Quantity(q), domain.UnitPrice(p))
			lines[k].Discount = domain.Percent(d)
		}
		checkMoney(t, lines)
	})
}
