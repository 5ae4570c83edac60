package domain_test

import (
	"testing"

	"kontor/domain"
)

func TestNormalizeNIP(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantKey string // error key; "" means accepted
	}{
		{"5260001246", "5260001246", ""},
		{"526-000-12-46", "5260001246", ""},
		{"526-00-01-246", "5260001246", ""},
		{"526 000 12 46", "5260001246", ""},
		{"526\u00a0000\u00a012\u00a046", "5260001246", ""},
		{"PL5260001246", "5260001246", ""},
		{"PL 526-000-12-46", "5260001246", ""},
		{"pl5260001246", "5260001246", ""},
		{"  Pl 1234563218 ", "1234563218", ""},
		{"1111111111", "1111111111", ""},
		{"5260001245", "", "nip.checksum"},   // last digit off by one
		{"5260001264", "", "nip.checksum"},   // two digits swapped
		{"1234567890", "", "nip.checksum"},   // prefix sums to remainder 10: no check digit exists
		{"123456789", "", "nip.format"},      // 9 digits
		{"52600012461", "", "nip.format"},    // 11 digits
		{"526O001246", "", "nip.format"},     // letter O for zero
		{"DE5260001246", "", "nip.format"},   // another country's prefix
		{"PLPL5260001246", "", "nip.format"}, // the prefix only once
		{"526.000.12.46", "", "nip.format"},  // dots are not NIP separators
		{"", "", "nip.format"},
		{"PL", "", "nip.format"},
	}
	for _, tt := range tests {
		got, err := domain.NormalizeNIP(tt.in)
		if tt.wantKey == "" {
			if err != nil || got != tt.want {
				t.Errorf("NormalizeNIP(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		e, ok := domain.AsError(err)
		if !ok || e.Code != domain.EInvalid || e.Key != tt.wantKey {
			t.Errorf("NormalizeNIP(%q) = %q, %v; want EInvalid %s", tt.in, got, err, tt.wantKey)
			continue
		}
		if e.Args["Value"] != tt.in {
			t.Errorf("NormalizeNIP(%q): error args %v do not name the input", tt.in, e.Args)
		}
	}
}

func TestNIPCheckDigit(t *testing.T) {
	tests := []struct {
		first9 string
		want   byte
		ok     bool
	}{
		{"526000124", '6', true},
		{"123456321", '8', true},
		{"000000000", '0', true},
		{"999999999", '9', true},
		{"123456789", 0, false}, // remainder 10
		{"100000016", 0, false}, // remainder 10
		{"12345678", 0, false},
		{"1234567890", 0, false},
		{"12345678a", 0, false},
	}
	for _, tt := range tests {
		got, ok := domain.NIPCheckDigit(tt.first9)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NIPCheckDigit(%q) = %q, %v; want %q, %v", tt.first9, got, ok, tt.want, tt.ok)
		}
		if ok {
			if _, err := domain.NormalizeNIP(tt.first9 + string(got)); err != nil {
				t.Errorf("NIP built from NIPCheckDigit(%q) is refused: %v", tt.first9, err)
			}
		}
	}
	// Every prefix either yields a digit NormalizeNIP accepts or none at all.
	for n := 0; n < 2000; n++ {
		p := []byte("000000000")
		for i, v := len(p)-1, n*7919; i >= 0; i, v = i-1, v/10 {
			p[i] = byte('0' + v%10)
		}
		d, ok := domain.NIPCheckDigit(string(p))
		for c := byte('0'); c <= '9'; c++ {
			_, err := domain.NormalizeNIP(string(p) + string(c))
			if accepted := err == nil; accepted != (ok && c == d) {
				t.Fatalf("prefix %s digit %c: NormalizeNIP accepted=%v, NIPCheckDigit=%q,%v", p, c, accepted, d, ok)
			}
		}
	}
}

func TestFormatNIP(t *testing.T) {
	for in, want := range map[string]string{
		"5260001246":    "526-000-12-46",
		"526-000-12-46": "526-000-12-46", // not 10 digits: left as is
		"DE123456789":   "DE123456789",
		"":              "",
		"12345":         "12345",
	} {
		if got := domain.FormatNIP(in); got != want {
			t.Errorf("FormatNIP(%q) = %q, want %q", in, got, want)
		}
	}
	if got, err := domain.NormalizeNIP(domain.FormatNIP("5260001246")); err != nil || got != "5260001246" {
		t.Errorf("NormalizeNIP(FormatNIP(x)) = %q, %v; want x back", got, err)
	}
}
