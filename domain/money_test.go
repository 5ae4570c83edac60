package domain_test

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"kontor/domain"
)

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in     string
		places int
		want   string // decimal value; "" means an error
		key    string // expected error key when want is ""
	}{
		{"1234.56", 2, "1234.56", ""},
		{"1234,56", 2, "1234.56", ""},
		{"1 234,56", 2, "1234.56", ""},
		{"1\u00a0234,56", 2, "1234.56", ""}, // NBSP, what Polish Excel writes
		{"1\u202f234,56", 2, "1234.56", ""}, // narrow NBSP
		{"1\u2009234,56", 2, "1234.56", ""}, // thin space
		{"1.234,56", 2, "1234.56", ""},      // both marks: the last is decimal
		{"1,234.56", 2, "1234.56", ""},      // both marks, English
		{"1.234.567", 2, "1234567", ""},     // repeated dots only group
		{"1,234,567", 2, "1234567", ""},     // repeated commas only group
		{"1.234.567,89", 2, "1234567.89", ""},
		{"12 345 678,9", 2, "12345678.9", ""},
		{"-0,5", 2, "-0.5", ""},
		{"+3", 2, "3", ""},
		{"\u22127,25", 2, "-7.25", ""}, // typographic minus
		{"  42  ", 2, "42", ""},
		{",5", 2, "0.5", ""},
		{"0", 2, "0", ""},
		{"-0", 2, "0", ""},
		{"1,5", 4, "1.5", ""},
		{"1.2345", 4, "1.2345", ""},
		{"999999999999999999", 0, "999999999999999999", ""}, // 18 digits: the most allowed
		{"1,000", 0, "1000", ""},                            // no decimals allowed: the mark can only group
		{"1.000", 0, "1000", ""},
		{"12,345", 0, "12345", ""},
		{"1,5", 0, "", "number.too_precise"},
		{"1234,000", 0, "", "number.too_precise"},

		// Ambiguous or badly grouped forms are refused rather than guessed.
		{"1.234", 2, "", "number.too_precise"}, // one mark is decimal: 1.234 has 3 places
		{"1,234", 2, "", "number.too_precise"},
		{"1.23.4", 2, "", "number.invalid"},
		{"12,34.56", 2, "", "number.invalid"}, // group of 2
		{"1234,567.89", 2, "", "number.invalid"},
		{"1.234,5.6", 2, "", "number.invalid"},
		{"1,23,456.7", 2, "", "number.invalid"},
		{"1.234,567", 2, "", "number.too_precise"},
		{"1,2,3", 2, "", "number.invalid"},
		{"", 2, "", "number.invalid"},
		{"   ", 2, "", "number.invalid"},
		{"-", 2, "", "number.invalid"},
		{".", 2, "", "number.invalid"},
		{"abc", 2, "", "number.invalid"},
		{"12a", 2, "", "number.invalid"},
		{"1e5", 2, "", "number.invalid"},
		{"0x10", 2, "", "number.invalid"},
		{"--5", 2, "", "number.invalid"},
		{"+-5", 2, "", "number.invalid"},
		{"5-", 2, "", "number.invalid"},
		{"1_000", 2, "", "number.invalid"},
		{"١٢٣", 2, "", "number.invalid"}, // Arabic-Indic digits
		{"12 zł", 2, "", "number.invalid"},
		{"1.005", 2, "", "number.too_precise"},
		{"0,12345", 4, "", "number.too_precise"},
		{"1.5", 0, "", "number.too_precise"},
		{"1234567890123456789", 2, "", "number.too_large"}, // 19 digits
	}
	for _, tt := range tests {
		got, err := domain.ParseDecimal(tt.in, tt.places)
		if tt.want == "" {
			e, ok := domain.AsError(err)
			if !ok || e.Code != domain.EInvalid || e.Key != tt.key {
				t.Errorf("ParseDecimal(%q, %d) = %s, %v; want EInvalid %s", tt.in, tt.places, got, err, tt.key)
			}
			continue
		}
		if err != nil || !got.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("ParseDecimal(%q, %d) = %s, %v; want %s", tt.in, tt.places, got, err, tt.want)
		}
	}
}

func TestParseDecimalErrorNamesInput(t *testing.T) {
	_, err := domain.ParseDecimal("12,345.6.7", 2)
	if err == nil || !strings.Contains(err.Error(), "12,345.6.7") {
		t.Errorf("error %v does not quote the input", err)
	}
	_, err = domain.ParseDecimal("1,234", 2)
	if err == nil || !strings.Contains(err.Error(), "2 decimal places") {
		t.Errorf("error %v does not say how many places are allowed", err)
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want domain.Amount
		key  string
	}{
		{"1 234,56", 123456, ""},
		{"1234.56", 123456, ""},
		{"1.234,56", 123456, ""},
		{"1,234.56", 123456, ""},
		{"-0,5", -50, ""},
		{"+3", 300, ""},
		{"0,01", 1, ""},
		{"1.234.567", 123456700, ""},
		{"999 999 999 999,99", 99999999999999, ""},  // MaxAmount, the limit
		{"-999999999999.99", -99999999999999, ""},   // and its negative
		{"1000000000000", 0, "amount.too_large"},    // just above
		{"1000000000000000", 0, "amount.too_large"}, // the limit before the bounds
		{"999999999999999999", 0, "amount.too_large"},
		{"1,005", 0, "number.too_precise"},
		{"12,3,4", 0, "number.invalid"},
		{"", 0, "number.invalid"},
	}
	for _, tt := range tests {
		got, err := domain.ParseAmount(tt.in)
		if tt.key == "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseAmount(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
			continue
		}
		if e, ok := domain.AsError(err); !ok || e.Code != domain.EInvalid || e.Key != tt.key {
			t.Errorf("ParseAmount(%q) = %d, %v; want EInvalid %s", tt.in, got, err, tt.key)
		}
	}
}

func TestAmountFromDecimalRoundsHalfAwayFromZero(t *testing.T) {
	tests := []struct {
		in   string
		want domain.Amount
	}{
		{"2.345", 235},
		{"-2.345", -235},
		{"2.344999", 234},
		{"2.335", 234}, // half-even would give 2.34 too; 2.325 tells them apart below
		{"2.325", 233}, // half-even: 2.32
		{"-2.325", -233},
		{"0.005", 1},
		{"-0.005", -1},
		{"0.004", 0},
		{"-0.004", 0},
		{"1234.5", 123450},
		{"0", 0},
		{"1.115", 112}, // 1.115 is not exact in binary floating point: 1.11 with float64
	}
	for _, tt := range tests {
		if got := domain.AmountFromDecimal(decimal.RequireFromString(tt.in)); got != tt.want {
			t.Errorf("AmountFromDecimal(%s) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestAmountString(t *testing.T) {
	for a, want := range map[domain.Amount]string{0: "0.00", 1: "0.01", -1: "-0.01", 123456: "1234.56", -50: "-0.50", 100: "1.00"} {
		if got := a.String(); got != want {
			t.Errorf("Amount(%d).String() = %q, want %q", int64(a), got, want)
		}
		if back, err := domain.ParseAmount(a.String()); err != nil || back != a {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d back", a.String(), back, err, int64(a))
		}
	}
	if d := domain.Amount(-12345).Decimal(); !d.Equal(decimal.RequireFromString("-123.45")) {
		t.Errorf("Amount(-12345).Decimal() = %s", d)
	}
}
