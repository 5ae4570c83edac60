package domain

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseUnitPrice(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want UnitPrice
		key  string
	}{
		{"12.5", 125000, ""},
		{"1 234,5678", 12345678, ""},
		{"0,0001", 1, ""},
		{"1.234,56", 12345600, ""},
		{"-3", -30000, ""},
		{"0.00001", 0, "number.too_precise"},
		{"12,34567", 0, "number.too_precise"},
		{"abc", 0, "number.invalid"},
		{"", 0, "number.invalid"},
		{"1000000000.0001", 0, "price.too_large"},
		{"1000000000", MaxUnitPrice, ""},
	} {
		got, err := ParseUnitPrice(tc.in)
		if tc.key != "" {
			if e, ok := AsError(err); !ok || e.Key != tc.key {
				t.Errorf("ParseUnitPrice(%q) error = %v, want key %s", tc.in, err, tc.key)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseUnitPrice(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

func TestUnitPriceString(t *testing.T) {
	for p, want := range map[UnitPrice]string{
		125000: "12.50", 1: "0.0001", 12345678: "1234.5678", -30000: "-3.00", 0: "0.00", 1230: "0.123",
	} {
		if got := p.String(); got != want {
			t.Errorf("UnitPrice(%d).String() = %q, want %q", p, got, want)
		}
		back, err := ParseUnitPrice(want)
		if err != nil || back != p {
			t.Errorf("ParseUnitPrice(%q) = %d, %v; want %d", want, back, err, p)
		}
	}
}

func TestUnitPriceFromDecimalRoundsHalfAwayFromZero(t *testing.T) {
	for in, want := range map[string]UnitPrice{
		"1.00005": 10001, "1.00004999": 10000, "-1.00005": -10001, "2.99995": 30000, "0.00015": 2,
	} {
		if got := UnitPriceFromDecimal(decimal.RequireFromString(in)); got != want {
			t.Errorf("UnitPriceFromDecimal(%s) = %d, want %d", in, got, want)
		}
	}
}

func TestDiscounted(t *testing.T) {
	for _, tc := range []struct {
		list UnitPrice
		d    Percent
		want UnitPrice
	}{
		{100000, 1000, 90000},     // 10.00 − 10 % = 9.00
		{123457, 1250, 108025},    // 12.3457 × 0.875 = 10.8024875 → 10.8025
		{10001, 5000, 5001},       // 1.0001 × 0.5 = 0.50005 → 0.5001 (half away from zero)
		{10001, 5001, 4999},       // 1.0001 × 0.4999 = 0.49994999 → 0.4999
		{99999, 333, 96669},       // 9.9999 × 0.9667 = 9.66690333 → 9.6669
		{123456, 0, 123456},       // no discount
		{123456, Hundred, 0},      // everything off
		{MaxUnitPrice, 1, 9999e9}, // no overflow at the bound: 1e9 × 0.9999
		{3, 5000, 2},              // 0.0003 × 0.5 = 0.00015 → 0.0002
	} {
		if got := tc.list.Discounted(tc.d); got != tc.want {
			t.Errorf("%s less %s%% = %s, want %s", tc.list, tc.d, got, tc.want)
		}
		// The int64 path agrees with exact decimal arithmetic.
		exact := UnitPriceFromDecimal(tc.list.Decimal().Mul(decimal.NewFromInt(100).Sub(tc.d.Decimal())).Div(decimal.NewFromInt(100)))
		if exact != tc.want {
			t.Errorf("decimal check: %s less %s%% = %s", tc.list, tc.d, exact)
		}
	}
}

func TestDivRound(t *testing.T) {
	for _, tc := range []struct{ n, m, want int64 }{
		{5, 10, 1}, {4, 10, 0}, {-5, 10, -1}, {-4, 10, 0}, {15, 10, 2}, {-15, 10, -2}, {0, 7, 0},
	} {
		if got := divRound(tc.n, tc.m); got != tc.want {
			t.Errorf("divRound(%d, %d) = %d, want %d", tc.n, tc.m, got, tc.want)
		}
	}
}

func TestParsePercent(t *testing.T) {
	for in, want := range map[string]Percent{"12,5": 1250, "10%": 1000, "7.25 %": 725, "0": 0, "100": Hundred} {
		got, err := ParsePercent(in)
		if err != nil || got != want {
			t.Errorf("ParsePercent(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	if _, err := ParsePercent("1.255"); ErrorCode(err) != EInvalid {
		t.Errorf("ParsePercent(1.255) = %v, want too precise", err)
	}
	if got := Percent(1250).String(); got != "12.5" {
		t.Errorf("Percent(1250) = %q", got)
	}
	if got := Percent(1000).String(); got != "10" {
		t.Errorf("Percent(1000) = %q", got)
	}
}

func TestLineNet(t *testing.T) {
	for _, tc := range []struct {
		q    Quantity
		p    UnitPrice
		d    Percent
		want Amount
	}{
		{3 * One, 125000, 0, 3750},    // 3 × 12.50
		{1500, 33333, 0, 500},         // 1.5 × 3.3333 = 4.99995 → 5.00
		{One, 10050, 1000, 90},        // 1.005 × 0.9 = 0.9045 → 0.90
		{7 * One, 14286, 0, 1000},     // 7 × 1.4286 = 10.0002 → 10.00
		{One, 5, 0, 0},                // 0.0005 → 0.00
		{One, 50, 0, 1},               // 0.005 → 0.01 (half away from zero)
		{-2 * One, 12345, 0, -247},    // a return: −2 × 1.2345 = −2.469 → −2.47
		{123456, 98765, 250, 118883},  // 123.456 × 9.8765 × 0.975 = 1188.8303… → 1188.83
		{One * 10, 10000, Hundred, 0}, // free
		{One, 9999, 5000, 50},         // 0.49995 → 0.50
		{One * 1000, 1, 0, 10},        // 1000 × 0.0001 = 0.10
		{333, 30000, 0, 100},          // 0.333 × 3 = 0.999 → 1.00
		{One, 1234567, 1234, 10822},   // 123.4567 × 0.8766 = 108.2221… → 108.22
		{One, 10000, 1, 100},          // 1 × 0.9999 = 0.9999 → 1.00
		{One, 1000000, 3333, 6667},    // 100 × 0.6667 = 66.67
		{2500, 4000, 0, 100},          // 2.5 × 0.4 = 1.00
		{One, 2, 0, 0},                // 0.0002
		{One * 3, 3333, 0, 100},       // 0.9999 → 1.00
		{One * 1000000, 12345, 0, 123450000},
	} {
		got := LineNet(tc.q, tc.p, tc.d)
		if got != tc.want {
			t.Errorf("LineNet(%s, %s, %s%%) = %s, want %s", tc.q, tc.p, tc.d, got, tc.want)
		}
	}
}
