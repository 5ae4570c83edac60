package domain_test

import (
	"testing"

	"kontor/domain"
)

// FuzzPriceParsers checks the unit price, quantity and percentage parsers: an
// error is EInvalid, and what parses survives its machine form unchanged.
func FuzzPriceParsers(f *testing.F) {
	for _, s := range []string{"12,5", "1 234,5678", "0,0001", "-3", "1000000000", "1000000000.0001", "2,5", "0.125",
		"10%", "12,5 %", "100", "1.23456", "", "abc", "1,234.5", "\u22120,5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if p, err := domain.ParseUnitPrice(s); err != nil {
			if domain.ErrorCode(err) != domain.EInvalid {
				t.Fatalf("ParseUnitPrice(%q): %v is not EInvalid", s, err)
			}
		} else if back, err := domain.ParseUnitPrice(p.String()); err != nil || back != p {
			t.Fatalf("ParseUnitPrice(%q) = %d; its String %q reads back as %d, %v", s, p, p.String(), back, err)
		} else if p > domain.MaxUnitPrice || p < -domain.MaxUnitPrice {
			t.Fatalf("ParseUnitPrice(%q) = %d beyond the bound", s, p)
		}
		if q, err := domain.ParseQuantity(s); err != nil {
			if domain.ErrorCode(err) != domain.EInvalid {
				t.Fatalf("ParseQuantity(%q): %v is not EInvalid", s, err)
			}
		} else if back, err := domain.ParseQuantity(q.String()); err != nil || back != q {
			t.Fatalf("ParseQuantity(%q) = %d; its String %q reads back as %d, %v", s, q, q.String(), back, err)
		}
		if d, err := domain.ParsePercent(s); err != nil {
			if domain.ErrorCode(err) != domain.EInvalid {
				t.Fatalf("ParsePercent(%q): %v is not EInvalid", s, err)
			}
		} else if back, err := domain.ParsePercent(d.String()); err != nil || back != d {
			t.Fatalf("ParsePercent(%q) = %d; its String %q reads back as %d, %v", s, d, d.String(), back, err)
		}
	})
}
