package domain

import (
	"strings"
	"testing"
)

func line(sku string, rate VATRate, qty, price, disc string) DocumentLine {
	q, err := ParseQuantity(qty)
	if err != nil {
		panic(err)
	}
	p, err := ParseUnitPrice(price)
	if err != nil {
		panic(err)
	}
	d, err := ParsePercent(disc)
	if err != nil {
		panic(err)
	}
	return DocumentLine{SKU: sku, Unit: "kg", Quantity: q, Price: p, Source: SourceList, Discount: d, VATRate: rate}
}

func amt(s string) Amount {
	a, err := ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

// The cases are computed by hand; comments show the arithmetic.
func TestComputeTotals(t *testing.T) {
	type rate struct {
		rate           VATRate
		net, vat, gros string
	}
	cases := []struct {
		name            string
		lines           []DocumentLine
		nets            []string // each line's net
		rates           []rate
		net, vat, gross string
	}{
		{
			name: "three rates, VAT on the sum per rate",
			lines: []DocumentLine{
				line("A", VAT23, "3", "19.99", "0"),      // 59.97
				line("B", VAT23, "2.5", "4.1234", "10"),  // 10.3085 × 0.9 = 9.27765 → 9.28
				line("C", VAT8, "7", "0.3333", "0"),      // 2.3331 → 2.33
				line("D", VAT8, "1", "100", "12.5"),      // 87.50
				line("E", VATExempt, "10", "1.005", "0"), // 10.05
			},
			nets: []string{"59.97", "9.28", "2.33", "87.50", "10.05"},
			rates: []rate{
				{VAT23, "69.25", "15.93", "85.18"}, // 69.25 × 0.23 = 15.9275 → 15.93 (per line: 13.79 + 2.13 = 15.92)
				{VAT8, "89.83", "7.19", "97.02"},   // 89.83 × 0.08 = 7.1864 → 7.19
				{VATExempt, "10.05", "0.00", "10.05"},
			},
			net: "169.13", vat: "23.12", gross: "192.25",
		},
		{
			name: "half away from zero at every step",
			lines: []DocumentLine{
				line("A", VAT5, "1", "0.125", "0"),  // 0.125 → 0.13
				line("B", VAT5, "3", "0.1234", "0"), // 0.3702 → 0.37
			},
			nets:  []string{"0.13", "0.37"},
			rates: []rate{{VAT5, "0.50", "0.03", "0.53"}}, // 0.50 × 0.05 = 0.025 → 0.03
			net:   "0.50", vat: "0.03", gross: "0.53",
		},
		{
			name: "0 % and exempt are separate rates, listed in picker order",
			lines: []DocumentLine{
				line("A", VATExempt, "1", "5", "0"),
				line("B", VAT0, "2", "5", "0"),
				line("C", VAT23, "0.333", "3", "0"), // 0.999 → 1.00
				line("D", VAT23, "1", "0.01", "100"),
			},
			nets: []string{"5.00", "10.00", "1.00", "0.00"},
			rates: []rate{
				{VAT23, "1.00", "0.23", "1.23"},
				{VAT0, "10.00", "0.00", "10.00"},
				{VATExempt, "5.00", "0.00", "5.00"},
			},
			net: "16.00", vat: "0.23", gross: "16.23",
		},
		{
			name: "large quantities stay exact",
			lines: []DocumentLine{
				line("A", VAT23, "125000.5", "1234.5678", "3.33"), // 154321592.2839 × 0.9667 = 149182683.2608… → 149182683.26
			},
			nets:  []string{"149182683.26"},
			rates: []rate{{VAT23, "149182683.26", "34312017.15", "183494700.41"}}, // × 0.23 = 34312017.1498 → 34312017.15
			net:   "149182683.26", vat: "34312017.15", gross: "183494700.41",
		},
		{name: "empty", net: "0", vat: "0", gross: "0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for i, want := range c.nets {
				if got := c.lines[i].Net(); got != amt(want) {
					t.Errorf("line %d net = %s, want %s", i+1, got, want)
				}
			}
			got := ComputeTotals(c.lines)
			if len(got.ByRate) != len(c.rates) {
				t.Fatalf("rates = %+v, want %d", got.ByRate, len(c.rates))
			}
			for i, r := range c.rates {
				g := got.ByRate[i]
				if g.Rate != r.rate || g.Net != amt(r.net) || g.VAT != amt(r.vat) || g.Gross != amt(r.gros) {
					t.Errorf("rate %d = %s %s %s %s, want %s %s %s %s", i, g.Rate, g.Net, g.VAT, g.Gross, r.rate, r.net, r.vat, r.gros)
				}
			}
			if got.Net != amt(c.net) || got.VAT != amt(c.vat) || got.Gross != amt(c.gross) {
				t.Errorf("totals = %s %s %s, want %s %s %s", got.Net, got.VAT, got.Gross, c.net, c.vat, c.gross)
			}
			if got.Net+got.VAT != got.Gross {
				t.Errorf("net + VAT ≠ gross")
			}
		})
	}
}

func TestVATOn(t *testing.T) {
	for _, c := range []struct {
		net  string
		rate VATRate
		want string
	}{
		{"100.00", VAT23, "23.00"}, {"0.02", VAT23, "0.00"}, {"0.03", VAT23, "0.01"}, // 0.0069 → 0.01
		{"0.10", VAT5, "0.01"}, {"0.10", VAT8, "0.01"}, {"-0.50", VAT5, "-0.03"}, // half away from zero both ways
		{"999.99", VAT0, "0.00"}, {"999.99", VATExempt, "0.00"},
	} {
		if got := VATOn(amt(c.net), c.rate); got != amt(c.want) {
			t.Errorf("VATOn(%s, %s) = %s, want %s", c.net, c.rate, got, c.want)
		}
	}
}

// repriceWith stands in for PriceService.Reprice: each line resolved on its
// SKU's total over the document.
func repriceWith(lines []DocumentLine, list map[string]UnitPrice, ags []*Agreement) []Resolution {
	totals := SKUTotals(lines)
	out := make([]Resolution, len(lines))
	for i, l := range lines {
		var mine []*Agreement
		for _, a := range ags {
			if a.SKU == l.SKU {
				mine = append(mine, a)
			}
		}
		out[i] = ResolvePrice(PriceInput{SKU: l.SKU, ListPrice: list[l.SKU], Quantity: totals[strings.ToUpper(l.SKU)],
			Date: testDate, Chain: testChain[:1], Agreements: mine})
	}
	return out
}

func TestDocumentTotalTiers(t *testing.T) {
	tier := func(id AgreementID, sku string, min, price int64) *Agreement {
		a := ag(id, acctA, 0, price).min(Quantity(min * 1000))
		a.SKU = sku
		return a
	}
	ags := []*Agreement{tier(1, "A", 1, 100000), tier(2, "A", 10, 90000), tier(3, "A", 50, 80000), tier(4, "B", 100, 15000)}
	list := map[string]UnitPrice{"A": 120000, "B": 20000}
	lines := []DocumentLine{
		line("A", VAT23, "6", "0", "0"),
		line("B", VAT23, "5", "0", "0"),
		line("A", VAT23, "3", "0", "0"),
	}
	changes := ApplyPrices(lines, repriceWith(lines, list, ags))
	if lines[0].Price != 100000 || lines[2].Price != 100000 || lines[1].Price != 20000 || len(changes) != 3 {
		t.Fatalf("total A 9: prices %d %d %d, %d changes", lines[0].Price, lines[1].Price, lines[2].Price, len(changes))
	}
	if lines[0].Source != SourceAccount || lines[1].Source != SourceList {
		t.Errorf("sources %s %s", lines[0].Source, lines[1].Source)
	}

	// One more of A on the third line: the SKU's total reaches the tier of 10 and
	// both A lines re-price, though the first line's own quantity did not change.
	lines[2].Quantity = 4 * One
	changes = ApplyPrices(lines, repriceWith(lines, list, ags))
	if lines[0].Price != 90000 || lines[2].Price != 90000 || lines[1].Price != 20000 {
		t.Fatalf("total A 10: prices %d %d %d", lines[0].Price, lines[1].Price, lines[2].Price)
	}
	if len(changes) != 2 || changes[0].Line != 0 || changes[1].Line != 2 || changes[0].Old != 100000 || changes[0].New != 90000 {
		t.Errorf("changes = %+v", changes)
	}

	// A manual price stays; the engine's price is still learnt.
	lines[0].SetManualPrice(75000, "wyprzedaż końcówki serii")
	lines[2].Quantity = 44 * One // total 50
	changes = ApplyPrices(lines, repriceWith(lines, list, ags))
	if lines[0].Price != 75000 || lines[0].EnginePrice != 80000 || lines[2].Price != 80000 {
		t.Errorf("manual line %d (engine %d), other %d", lines[0].Price, lines[0].EnginePrice, lines[2].Price)
	}
	if len(changes) != 1 || changes[0].Line != 2 {
		t.Errorf("changes = %+v", changes)
	}

	// Nothing changed: nothing reported.
	if changes = ApplyPrices(lines, repriceWith(lines, list, ags)); len(changes) != 0 {
		t.Errorf("no-op reprice reported %+v", changes)
	}

	// Re-resolving (duplicate, repeat) drops the manual price.
	changes = ReresolvePrices(lines, repriceWith(lines, list, ags))
	if lines[0].Price != 80000 || lines[0].IsManual() || lines[0].ManualReason != "" || len(changes) != 1 || changes[0].OldSource != SourceManual {
		t.Errorf("re-resolved: %+v, changes %+v", lines[0], changes)
	}
}

func TestLineValidation(t *testing.T) {
	good := line("A", VAT23, "1.5", "10", "5")
	cases := []struct {
		name  string
		edit  func(l *DocumentLine)
		field string
		key   string
	}{
		{"zero quantity", func(l *DocumentLine) { l.Quantity = 0 }, FieldQuantity, "quantity.positive"},
		{"negative quantity", func(l *DocumentLine) { l.Quantity = -One }, FieldQuantity, "quantity.positive"},
		{"unit counted whole", func(l *DocumentLine) { l.Unit = "szt" }, FieldQuantity, "quantity.whole"},
		{"unit allows 2 places", func(l *DocumentLine) { l.Unit, l.Quantity = "m", 1005 }, FieldQuantity, "quantity.too_precise"},
		{"manual without reason", func(l *DocumentLine) { l.SetManualPrice(5, " ") }, FieldManualReason, "line.manual_reason_required"},
		{"discount over 100", func(l *DocumentLine) { l.Discount = Hundred + 1 }, FieldDiscountPct, "discount.range"},
		{"negative discount", func(l *DocumentLine) { l.Discount = -1 }, FieldDiscountPct, "discount.range"},
		{"negative price", func(l *DocumentLine) { l.Price = -1 }, FieldUnitPrice, "price.negative"},
		{"no SKU", func(l *DocumentLine) { l.SKU = "" }, FieldSKU, "field.required"},
		{"bad VAT", func(l *DocumentLine) { l.VATRate = "7" }, FieldVATRate, "vat.invalid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := good
			c.edit(&l)
			q := QuoteFields{AccountID: 1, Date: testDate, ValidUntil: testDate, Lines: []DocumentLine{good, l}}
			e, ok := AsError(q.Validate())
			if !ok {
				t.Fatalf("no error")
			}
			f, ok := e.Field(LineField(1, c.field))
			if !ok || f.Key != c.key || len(e.Fields) != 1 {
				t.Errorf("fields = %+v, want %s %s", e.Fields, LineField(1, c.field), c.key)
			}
		})
	}
	q := QuoteFields{AccountID: 1, Date: testDate, ValidUntil: testDate, Lines: []DocumentLine{good}}
	if err := q.Validate(); err != nil {
		t.Errorf("good line: %v", err)
	}
	l := good
	l.SetManualPrice(5, "rabat za odbiór własny")
	q.Lines = []DocumentLine{l}
	if err := q.Validate(); err != nil {
		t.Errorf("manual with reason: %v", err)
	}
}

func TestLineField(t *testing.T) {
	name := LineField(2, FieldQuantity)
	if name != "lines.3.quantity" {
		t.Errorf("LineField = %q", name)
	}
	i, f, ok := ParseLineField(name)
	if !ok || i != 2 || f != FieldQuantity {
		t.Errorf("ParseLineField = %d %q %v", i, f, ok)
	}
	for _, bad := range []string{"quantity", "lines.x.sku", "lines.0.sku", "lines.3"} {
		if _, _, ok := ParseLineField(bad); ok {
			t.Errorf("ParseLineField(%q) ok", bad)
		}
	}
}

func TestNumberSeries(t *testing.T) {
	for _, c := range []struct {
		s    NumberSeries
		year int
		n    int64
		want string
	}{
		{NumberSeries{Prefix: "OF/", Yearly: true, Digits: 5}, 2026, 42, "OF/2026/00042"},
		{NumberSeries{Prefix: "ZAM-", Digits: 3}, 2026, 1234, "ZAM-1234"},
		{NumberSeries{Digits: 1}, 2026, 7, "7"},
	} {
		if got := c.s.Format(c.year, c.n); got != c.want {
			t.Errorf("Format = %q, want %q", got, c.want)
		}
	}
	s := DefaultDocumentSettings()
	if err := s.Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
	s.Orders.Prefix, s.Quotes.Digits, s.QuoteValidDays = "OF/", 0, 0
	e, _ := AsError(s.Validate())
	if e == nil || len(e.Fields) != 3 {
		t.Errorf("bad settings: %v", e)
	}
}
