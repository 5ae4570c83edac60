package domain_test

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"kontor/domain"
)

const nbsp = "\u00a0"

func TestFormatAmount(t *testing.T) {
	tests := []struct {
		l        domain.Locale
		a        domain.Amount
		currency string
		want     string
	}{
		{domain.Polish, 123456, "PLN", "1" + nbsp + "234,56" + nbsp + "zł"},
		{domain.English, 123456, "PLN", "1,234.56" + nbsp + "PLN"},
		{domain.Polish, -123456, "PLN", "-1" + nbsp + "234,56" + nbsp + "zł"},
		{domain.English, -123456, "EUR", "-1,234.56" + nbsp + "EUR"},
		{domain.Polish, 100000000, "EUR", "1" + nbsp + "000" + nbsp + "000,00" + nbsp + "EUR"},
		{domain.English, 123456789012, "PLN", "1,234,567,890.12" + nbsp + "PLN"},
		{domain.Polish, 0, "PLN", "0,00" + nbsp + "zł"},
		{domain.Polish, 5, "PLN", "0,05" + nbsp + "zł"},
		{domain.Polish, -5, "PLN", "-0,05" + nbsp + "zł"},
		{domain.English, 99999, "PLN", "999.99" + nbsp + "PLN"},
		{domain.English, 100000, "PLN", "1,000.00" + nbsp + "PLN"},
		{domain.Polish, 123456, "", "1" + nbsp + "234,56"},
	}
	for _, tt := range tests {
		if got := tt.l.FormatAmount(tt.a, tt.currency); got != tt.want {
			t.Errorf("%s.FormatAmount(%d, %s) = %q, want %q", tt.l, int64(tt.a), tt.currency, got, tt.want)
		}
	}
}

func TestFormatDecimalParsesBack(t *testing.T) {
	for _, s := range []string{"0", "1234.5678", "-1234567.8", "999", "1000", "-0.0001"} {
		x := decimal.RequireFromString(s)
		for _, l := range []domain.Locale{domain.Polish, domain.English} {
			text := l.FormatDecimal(x, 4)
			back, err := domain.ParseDecimal(text, 4)
			if err != nil || !back.Equal(x) {
				t.Errorf("%s: ParseDecimal(%q) = %s, %v; want %s", l, text, back, err, x)
			}
		}
	}
	for _, tt := range []struct {
		l      domain.Locale
		in     string
		places int
		want   string
	}{
		{domain.Polish, "1234.5", 0, "1" + nbsp + "235"},
		{domain.Polish, "-0.004", 2, "0,00"}, // rounds to zero: no "-0,00"
		{domain.English, "-0.005", 2, "-0.01"},
		{domain.Polish, "-999.999", 2, "-1" + nbsp + "000,00"}, // rounding carries into a new group
		{domain.English, "123456.7", 4, "123,456.7000"},
	} {
		if got := tt.l.FormatDecimal(decimal.RequireFromString(tt.in), tt.places); got != tt.want {
			t.Errorf("%s.FormatDecimal(%s, %d) = %q, want %q", tt.l, tt.in, tt.places, got, tt.want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	x := domain.Date{Year: 2026, Month: time.November, Day: 27}
	if got := domain.Polish.FormatDate(x); got != "27.11.2026" {
		t.Errorf("pl = %q", got)
	}
	if got := domain.English.FormatDate(x); got != "27 Nov 2026" {
		t.Errorf("en = %q", got)
	}
	if got := domain.Polish.FormatDate(domain.Date{Year: 2026, Month: 1, Day: 5}); got != "05.01.2026" {
		t.Errorf("pl padded = %q", got)
	}
	if got := domain.Polish.FormatDate(domain.Date{}); got != "" {
		t.Errorf("zero date = %q", got)
	}
	// What the locale writes, ParseDate reads back.
	if back, err := domain.ParseDate(domain.Polish.FormatDate(x)); err != nil || back != x {
		t.Errorf("ParseDate(pl form) = %v, %v", back, err)
	}
	if got := domain.Polish.FormatDateTime(time.Time{}); got != "" {
		t.Errorf("zero time = %q", got)
	}
	if got := domain.Polish.FormatDateTime(time.Date(2026, 11, 27, 14, 5, 0, 0, time.Local)); got != "27.11.2026 14:05" {
		t.Errorf("pl date time = %q", got)
	}
	if got := domain.English.FormatDateTime(time.Date(2026, 11, 27, 14, 5, 0, 0, time.Local)); got != "27 Nov 2026 14:05" {
		t.Errorf("en date time = %q", got)
	}
}

func TestLocaleFor(t *testing.T) {
	for tag, want := range map[string]domain.Locale{
		"pl": domain.Polish, "pl-PL": domain.Polish, "pl_PL.UTF-8": domain.Polish, "PL": domain.Polish,
		"en": domain.English, "en_GB.UTF-8": domain.English, "de-DE": domain.English, "": domain.English, "C": domain.English,
	} {
		if got := domain.LocaleFor(tag); got != want {
			t.Errorf("LocaleFor(%q) = %s, want %s", tag, got, want)
		}
	}
}
