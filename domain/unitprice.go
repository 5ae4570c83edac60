package domain

import (
	"strings"

	"github.com/shopspring/decimal"
)

// UnitPrice is a net price of one unit, scaled ×10⁴ (4 decimal places), so that
// prices like 0.0125 zł/szt are exact. Stored as INTEGER.
type UnitPrice int64

// MaxUnitPrice bounds a unit price (one billion) so that price arithmetic in
// int64 (price × 10⁴ discount scale) cannot overflow.
const MaxUnitPrice UnitPrice = 1_000_000_000 * 10_000

// UnitPriceFromDecimal rounds d half away from zero to 4 places.
func UnitPriceFromDecimal(d decimal.Decimal) UnitPrice {
	return UnitPrice(d.Round(UnitPricePlaces).Shift(UnitPricePlaces).IntPart())
}

// Decimal returns the price as a decimal with 4 places.
func (p UnitPrice) Decimal() decimal.Decimal { return decimal.New(int64(p), -UnitPricePlaces) }

// String is the machine form with at least 2 and at most 4 decimals, no
// grouping: "12.50", "0.0125", "-3.00". CSV export and `price --json` write it.
func (p UnitPrice) String() string { return trimPlaces(p.Decimal().StringFixed(UnitPricePlaces), 2) }

// ParseUnitPrice reads a unit price written the way people write it
// ("1 234,5678", "12.5"), rejecting more than 4 decimal places and prices over
// MaxUnitPrice. A negative price parses; validation of the owner refuses it.
func ParseUnitPrice(s string) (UnitPrice, error) {
	d, err := ParseDecimal(strings.TrimSpace(s), UnitPricePlaces)
	if err != nil {
		return 0, err
	}
	if d.Abs().GreaterThan(MaxUnitPrice.Decimal()) {
		return 0, Errorf(EInvalid, "price.too_large", "{{.Value}} is too large for a unit price", map[string]any{"Value": s})
	}
	return UnitPriceFromDecimal(d), nil
}

// Percent is a percentage scaled ×100 (2 decimal places): 12.5 % is 1250.
// Discounts are Percents from 0 to 100.
type Percent int64

// PercentPlaces is how many decimals a percentage may carry.
const PercentPlaces = 2

// Hundred is 100 %.
const Hundred Percent = 100 * 100

// Decimal returns the percentage as a decimal ("12.5" for 12.5 %).
func (p Percent) Decimal() decimal.Decimal { return decimal.New(int64(p), -PercentPlaces) }

// String is the machine form without a % sign and without trailing zeros: "12.5", "10".
func (p Percent) String() string { return trimPlaces(p.Decimal().StringFixed(PercentPlaces), 0) }

// ParsePercent reads "12,5", "12.5 %" or "10%", rejecting more than 2 decimals.
// The range is checked by the owner's Validate.
func ParsePercent(s string) (Percent, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	d, err := ParseDecimal(t, PercentPlaces)
	if err != nil {
		return 0, err
	}
	if d.Abs().GreaterThan(decimal.New(1, 9)) {
		return 0, Errorf(EInvalid, "number.too_large", "{{.Value}} is too large", map[string]any{"Value": s})
	}
	return Percent(d.Shift(PercentPlaces).IntPart()), nil
}

// Discounted applies a discount to a list price: p × (1 − d/100), rounded half
// away from zero to 4 places. Exact in int64 for prices up to MaxUnitPrice.
func (p UnitPrice) Discounted(d Percent) UnitPrice {
	return UnitPrice(divRound(int64(p)*int64(Hundred-d), int64(Hundred)))
}

// divRound divides n by a positive m, rounding half away from zero.
func divRound(n, m int64) int64 {
	q, r := n/m, n%m
	if r < 0 {
		r = -r
	}
	if 2*r >= m {
		if n < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

// LineNet is the net amount of a document line:
// round(quantity × unit net price × (1 − discount%/100), 2), half away from zero.
func LineNet(q Quantity, p UnitPrice, d Percent) Amount {
	return AmountFromDecimal(lineNetDecimal(q, p, d))
}

func lineNetDecimal(q Quantity, p UnitPrice, d Percent) decimal.Decimal {
	return q.Decimal().Mul(p.Decimal()).Mul(Hundred.Decimal().Sub(d.Decimal())).Div(Hundred.Decimal())
}

// trimPlaces drops trailing zeros of a fixed-point string but keeps at least min decimals.
func trimPlaces(s string, min int) string {
	dot := strings.IndexByte(s, '.')
	if dot < 0 {
		return s
	}
	end := len(s)
	for end > dot+1+min && s[end-1] == '0' {
		end--
	}
	if end == dot+1 {
		end = dot
	}
	return s[:end]
}
