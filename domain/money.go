package domain

import (
	"math"
	"strings"

	"github.com/shopspring/decimal"
)

// Decimal places of the exact number types. Rounding is always half away from zero
// (decimal.Round).
const (
	AmountPlaces    = 2 // money amounts: grosze
	UnitPricePlaces = 4 // net unit prices
	QuantityPlaces  = 3 // quantities
)

// Amount is a sum of money in minor units of its currency (grosze for PLN).
// Stored as INTEGER; arithmetic is exact.
type Amount int64

// The bounds of money. Every amount Kontor stores is checked against them
// before it is stored, so no sum of stored amounts can leave int64 (and no
// SQL SUM can fail) however the amounts are added up.
const (
	// MaxAmount bounds one line's net, one document's totals and one
	// payment: 999,999,999,999.99, a trillion less a grosz.
	MaxAmount Amount = 99_999_999_999_999
	// MaxBalance bounds the sum of one account's invoices, credit notes and
	// payments, each counted without its sign: a thousand documents of
	// MaxAmount. Ninety accounts of that still fit in int64; totals over
	// more are added with Plus.
	MaxBalance Amount = 1000 * MaxAmount
)

// AmountFromDecimal rounds d half away from zero to 2 places. A value
// beyond what int64 holds comes out as the largest (or smallest) Amount,
// never as a wrapped one; validation refuses it against MaxAmount.
func AmountFromDecimal(d decimal.Decimal) Amount {
	m := d.Round(AmountPlaces).Shift(AmountPlaces)
	switch {
	case m.GreaterThan(decimal.NewFromInt(math.MaxInt64)):
		return math.MaxInt64
	case m.LessThan(decimal.NewFromInt(-math.MaxInt64)):
		return -math.MaxInt64
	}
	return Amount(m.IntPart())
}

// Plus is a + b, exact, and false instead of a wrapped sum when the result
// would leave the range an Amount holds.
func (a Amount) Plus(b Amount) (Amount, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}

// saturatingPlus is a + b held at the largest (or smallest) Amount: for
// totals that validation then refuses, so that they cannot wrap into a
// plausible number meanwhile.
func saturatingPlus(a, b Amount) Amount {
	if s, ok := a.Plus(b); ok {
		return s
	}
	if b > 0 {
		return math.MaxInt64
	}
	return -math.MaxInt64
}

// TooLarge reports an amount beyond MaxAmount either way.
func (a Amount) TooLarge() bool { return a > MaxAmount || a < -MaxAmount }

// Decimal returns the amount as a decimal with 2 places.
func (a Amount) Decimal() decimal.Decimal { return decimal.New(int64(a), -AmountPlaces) }

// String is the machine form: "-1234.50".
func (a Amount) String() string { return a.Decimal().StringFixed(AmountPlaces) }

// ParseAmount reads an amount written the way people write it ("1 234,56",
// "1234.56", "1.234,56", "-12"), rejecting more than 2 decimal places.
func ParseAmount(s string) (Amount, error) {
	d, err := ParseDecimal(s, AmountPlaces)
	if err != nil {
		return 0, err
	}
	if d.Abs().GreaterThan(MaxAmount.Decimal()) {
		return 0, Errorf(EInvalid, "amount.too_large", "{{.Value}} is more than the largest amount Kontor keeps ({{.Max}})",
			map[string]any{"Value": s, "Max": MaxAmount})
	}
	return AmountFromDecimal(d), nil
}

// ParseDecimal reads a decimal number leniently: an optional sign, digits with
// spaces, NBSP or thin spaces as thousands separators, and either ',' or '.' as
// the decimal mark. When both appear, the last one is the decimal mark and the
// other must group digits in threes. At most places decimal digits are accepted.
func ParseDecimal(s string, places int) (decimal.Decimal, error) {
	invalid := func() (decimal.Decimal, error) {
		return decimal.Zero, Errorf(EInvalid, "number.invalid", "{{.Value}} is not a number", map[string]any{"Value": s})
	}
	t := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\'' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if t == "" {
		return invalid()
	}
	neg := false
	switch {
	case strings.HasPrefix(t, "-"):
		neg, t = true, t[1:]
	case strings.HasPrefix(t, "\u2212"): // the typographic minus sign
		neg, t = true, t[len("\u2212"):]
	case strings.HasPrefix(t, "+"):
		t = t[1:]
	}
	lastComma, lastDot := strings.LastIndexByte(t, ','), strings.LastIndexByte(t, '.')
	var intPart, frac string
	switch {
	case lastComma >= 0 && lastDot >= 0:
		mark, group := ',', "."
		if lastDot > lastComma {
			mark, group = '.', ","
		}
		i := strings.LastIndexByte(t, byte(mark))
		intPart, frac = t[:i], t[i+1:]
		if strings.ContainsRune(frac, rune(group[0])) || !groupedInThrees(intPart, group[0]) {
			return invalid()
		}
		intPart = strings.ReplaceAll(intPart, group, "")
	case lastComma >= 0 || lastDot >= 0:
		mark := byte(',')
		if lastDot >= 0 {
			mark = '.'
		}
		// With no decimals allowed, "1,000" can only group thousands (FormatDecimal writes it so in English).
		if strings.Count(t, string(mark)) > 1 || places == 0 && groupedInThrees(t, mark) {
			// "1.234.567" — only grouping, no fraction.
			if !groupedInThrees(t, mark) {
				return invalid()
			}
			intPart = strings.ReplaceAll(t, string(mark), "")
		} else {
			i := strings.IndexByte(t, mark)
			intPart, frac = t[:i], t[i+1:]
		}
	default:
		intPart = t
	}
	if intPart == "" && frac == "" || !allDigits(intPart) || !allDigits(frac) {
		return invalid()
	}
	if len(frac) > places {
		return decimal.Zero, Errorf(EInvalid, "number.too_precise", "{{.Value}} has more than {{.Places}} decimal places", map[string]any{"Value": s, "Places": places})
	}
	if len(intPart) > 18 {
		return decimal.Zero, Errorf(EInvalid, "number.too_large", "{{.Value}} is too large", map[string]any{"Value": s})
	}
	if intPart == "" {
		intPart = "0"
	}
	d, err := decimal.NewFromString(intPart + "." + frac + "0")
	if err != nil {
		return invalid()
	}
	if neg {
		d = d.Neg()
	}
	return d, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// groupedInThrees reports whether s is digits grouped by sep: "1.234.567".
func groupedInThrees(s string, sep byte) bool {
	parts := strings.Split(s, string(sep))
	for i, p := range parts {
		if !allDigits(p) || p == "" || (i > 0 && len(p) != 3) || (i == 0 && len(p) > 3 && len(parts) > 1) {
			return false
		}
	}
	return true
}
