package domain_test

import (
	"testing"

	"kontor/domain"
)

func TestParsePaymentTerms(t *testing.T) {
	tests := []struct {
		in   string
		want domain.PaymentTerms
		bad  bool
	}{
		{"net 30", domain.PaymentTerms{Days: 30}, false},
		{"NET30", domain.PaymentTerms{Days: 30}, false},
		{"  Net   14 ", domain.PaymentTerms{Days: 14}, false},
		{"30 EOM", domain.PaymentTerms{Days: 30, EOM: true}, false},
		{"30 eom", domain.PaymentTerms{Days: 30, EOM: true}, false},
		{"0 EOM", domain.PaymentTerms{Days: 0, EOM: true}, false},
		{"45", domain.PaymentTerms{Days: 45}, false},
		{"net 0", domain.PaymentTerms{Days: 0}, false},
		{"net 365", domain.PaymentTerms{Days: 365}, false},
		{"", domain.DefaultPaymentTerms, false},
		{"net 366", domain.PaymentTerms{}, true},
		{"net -5", domain.PaymentTerms{}, true},
		{"net +5", domain.PaymentTerms{}, true},
		{"net 030", domain.PaymentTerms{}, true},
		{"net", domain.PaymentTerms{}, true},
		{"EOM", domain.PaymentTerms{}, true},
		{"net 30 EOM", domain.PaymentTerms{}, true},
		{"30 days", domain.PaymentTerms{}, true},
		{"prepaid", domain.PaymentTerms{}, true},
		{"net 1e3", domain.PaymentTerms{}, true},
	}
	for _, tt := range tests {
		got, err := domain.ParsePaymentTerms(tt.in)
		if tt.bad {
			if e, ok := domain.AsError(err); !ok || e.Code != domain.EInvalid || e.Key != "terms.invalid" {
				t.Errorf("ParsePaymentTerms(%q) = %+v, %v; want terms.invalid", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParsePaymentTerms(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
		if back, err := domain.ParsePaymentTerms(got.String()); err != nil || back != got {
			t.Errorf("ParsePaymentTerms(%q.String()=%q) = %+v, %v", tt.in, got.String(), back, err)
		}
	}
	if s := (domain.PaymentTerms{Days: 30, EOM: true}).String(); s != "30 EOM" {
		t.Errorf("String() = %q, want \"30 EOM\"", s)
	}
	if s := domain.DefaultPaymentTerms.String(); s != "net 30" {
		t.Errorf("default terms = %q, want \"net 30\"", s)
	}
}

func TestDueDate(t *testing.T) {
	tests := []struct {
		terms string
		inv   domain.Date
		want  domain.Date
	}{
		{"net 30", d(2026, 1, 15), d(2026, 2, 14)},
		{"net 30", d(2026, 1, 31), d(2026, 3, 2)},
		{"net 14", d(2026, 12, 20), d(2027, 1, 3)},
		{"net 0", d(2026, 5, 5), d(2026, 5, 5)},
		{"30 EOM", d(2026, 1, 1), d(2026, 3, 2)},    // 31 Jan + 30
		{"30 EOM", d(2026, 1, 31), d(2026, 3, 2)},   // same month, same due date
		{"30 EOM", d(2026, 12, 15), d(2027, 1, 30)}, // across the year end
		{"0 EOM", d(2026, 2, 3), d(2026, 2, 28)},
		{"0 EOM", d(2024, 2, 3), d(2024, 2, 29)}, // leap February
		{"10 EOM", d(2024, 2, 29), d(2024, 3, 10)},
		{"15 EOM", d(2026, 2, 1), d(2026, 3, 15)},
		{"60 EOM", d(2026, 11, 30), d(2027, 1, 29)},
	}
	for _, tt := range tests {
		p, err := domain.ParsePaymentTerms(tt.terms)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.DueDate(tt.inv); got != tt.want {
			t.Errorf("%s from %v = %v, want %v", tt.terms, tt.inv, got, tt.want)
		}
	}
}
