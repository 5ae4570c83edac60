package domain

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Locale selects how numbers, money and dates are written for people: "pl" or "en".
// Machine formats (CSV export, JSON) never go through it.
type Locale string

// Supported locales.
const (
	Polish  Locale = "pl"
	English Locale = "en"
)

// LocaleFor maps a language tag ("pl-PL", "en_GB.UTF-8") to a supported locale.
func LocaleFor(tag string) Locale {
	if strings.HasPrefix(strings.ToLower(tag), "pl") {
		return Polish
	}
	return English
}

// FormatDecimal writes d with exactly places decimals and grouped thousands:
// pl "1 234,56" (no-break space), en "1,234.56".
func (l Locale) FormatDecimal(d decimal.Decimal, places int) string {
	s := d.StringFixed(int32(places))
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	group, mark := ",", "."
	if l == Polish {
		group, mark = "\u00a0", ","
	}
	var b strings.Builder
	if neg {
		b.WriteString("-")
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(mark)
		b.WriteString(frac)
	}
	return b.String()
}

// FormatAmount writes an amount with its currency: pl "1 234,56 zł", en "1,234.56 PLN".
func (l Locale) FormatAmount(a Amount, currency string) string {
	sym := currency
	if l == Polish && currency == "PLN" {
		sym = "zł"
	}
	s := l.FormatDecimal(a.Decimal(), AmountPlaces)
	if sym == "" {
		return s
	}
	return s + "\u00a0" + sym
}

// FormatDate writes a civil date: pl "27.11.2026", en "27 Nov 2026"; "" when unset.
func (l Locale) FormatDate(d Date) string {
	if d.IsZero() {
		return ""
	}
	if l == Polish {
		return d.Time().Format("02.01.2006")
	}
	return d.Time().Format("2 Jan 2006")
}

// FormatDateTime writes a moment in the local zone: pl "27.11.2026 14:05", en "27 Nov 2026 14:05".
func (l Locale) FormatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.Local()
	if l == Polish {
		return t.Format("02.01.2006 15:04")
	}
	return t.Format("2 Jan 2006 15:04")
}
